"""Configuration files, rule selection, profiles, and every kind of invalid configuration."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FINDING, FIXTURES, ROOT, SHARED, run
from tracker_lint.config import from_data, load, profile_data
from tracker_lint.errors import ConfigError
from tracker_lint.profile import default_profile
from tracker_lint.selection import Selection

STALE = FIXTURES / "stale-quick-stats.md"  # 3 x TL401
MIXED = FIXTURES / "status-mismatch.md"  # TL201 x4, TL202 x2
EXAMPLES = ROOT / "examples" / "profiles"
CORPUS = SHARED / "corpus"


def codes(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [d["code"] for d in json.loads(result.stdout)]


def lint_json(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return run("--output-format", "json", "--today", "2026-11-26", *args, cwd=cwd)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "docs").mkdir()
    shutil.copy(MIXED, tmp_path / "docs" / "TRACKER.md")
    return tmp_path


# --- discovery ------------------------------------------------------------------------


def test_no_configuration_runs_every_rule(project: Path) -> None:
    assert codes(lint_json("docs/TRACKER.md", cwd=project)).count("TL202") == 2


def test_dot_file_in_a_parent_folder_applies(project: Path) -> None:
    (project / ".tracker-lint.toml").write_text('ignore = ["TL202"]\n')
    assert "TL202" not in codes(lint_json("docs/TRACKER.md", cwd=project))


def test_pyproject_table_applies(project: Path) -> None:
    (project / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.tracker-lint]\nignore = ["TL2"]\n'
    )
    assert codes(lint_json("docs/TRACKER.md", cwd=project)) == []


def test_pyproject_without_the_table_is_passed_over(project: Path) -> None:
    (project / "pyproject.toml").write_text('ignore = ["TL2"]\n')  # top level: not ours
    (project / "docs" / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert "TL201" in codes(lint_json("docs/TRACKER.md", cwd=project))


def test_nearest_configuration_wins(project: Path) -> None:
    (project / ".tracker-lint.toml").write_text('ignore = ["TL201"]\n')
    (project / "docs" / ".tracker-lint.toml").write_text('ignore = ["TL202"]\n')
    found = codes(lint_json("docs/TRACKER.md", cwd=project))
    assert "TL201" in found and "TL202" not in found


def test_dot_file_wins_over_pyproject_in_the_same_folder(project: Path) -> None:
    (project / "docs" / "pyproject.toml").write_text('[tool.tracker-lint]\nignore = ["TL201"]\n')
    (project / "docs" / ".tracker-lint.toml").write_text('ignore = ["TL202"]\n')
    found = codes(lint_json("docs/TRACKER.md", cwd=project))
    assert "TL201" in found and "TL202" not in found


def test_config_flag_overrides_discovery(project: Path) -> None:
    (project / "docs" / ".tracker-lint.toml").write_text('ignore = ["TL202"]\n')
    (project / "other.toml").write_text('ignore = ["TL201"]\n')
    found = codes(lint_json("--config", "other.toml", "docs/TRACKER.md", cwd=project))
    assert "TL202" in found and "TL201" not in found


# --- rule selection ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("select", "extend", "ignore", "expected"),
    [
        (None, (), (), None),
        (("TL4",), (), (), {"TL401", "TL402", "TL403", "TL404", "TL405"}),
        (("TL4",), ("TL101",), ("TL402",), {"TL101", "TL401", "TL403", "TL404", "TL405"}),
        (("TL401",), (), ("TL4",), {"TL401"}),  # the more specific selector wins
        (("TL4",), (), ("TL4",), set()),  # a tie: ignore wins
        (("tl40",), (), (), {"TL401", "TL402", "TL403", "TL404", "TL405"}),
    ],
)
def test_selection_resolves_like_ruff(
    select: tuple[str, ...] | None,
    extend: tuple[str, ...],
    ignore: tuple[str, ...],
    expected: set[str] | None,
) -> None:
    from tracker_lint.rules import RULES

    resolved = Selection(select, extend, ignore).resolve()
    assert resolved == (set(RULES) if expected is None else expected)


def test_command_line_select_replaces_and_ignore_adds(project: Path) -> None:
    (project / ".tracker-lint.toml").write_text('select = ["TL2"]\nignore = ["TL202"]\n')
    assert set(codes(lint_json("docs/TRACKER.md", cwd=project))) == {"TL201"}
    found = codes(lint_json("--select", "TL202,TL201", "docs/TRACKER.md", cwd=project))
    assert set(found) == {"TL201"}  # the file's ignore still applies on top
    found = codes(
        lint_json("--select", "TL202", "--ignore", "TL201", "docs/TRACKER.md", cwd=project)
    )
    assert found == []
    found = codes(lint_json("--extend-select", "TL202", "docs/TRACKER.md", cwd=project))
    assert set(found) == {"TL201"}  # ignore TL202 (more specific than TL2) still wins on a tie


def test_unknown_selector_on_the_command_line_is_a_usage_error() -> None:
    result = run("--select", "XX1", str(STALE))
    assert result.returncode == 2
    assert "error: XX1: matches no rule" in result.stderr


def test_per_file_ignores(project: Path) -> None:
    shutil.copy(MIXED, project / "docs" / "OTHER.md")
    (project / ".tracker-lint.toml").write_text('[per-file-ignores]\n"docs/TRACK*.md" = ["TL2"]\n')
    result = lint_json("docs", cwd=project)
    paths = {(d["path"], d["code"]) for d in json.loads(result.stdout)}
    assert {p for p, _ in paths} == {str(Path("docs") / "OTHER.md")}


def test_severity_override_changes_the_exit_code(project: Path) -> None:
    shutil.copy(FIXTURES / "duplicate-items.md", project / "docs" / "TRACKER.md")
    assert run("docs/TRACKER.md", cwd=project).returncode == 0
    (project / ".tracker-lint.toml").write_text('[severity]\nTL104 = "error"\n')
    result = run("docs/TRACKER.md", cwd=project)
    assert result.returncode == 1
    [line] = [line for line in result.stdout.splitlines() if FINDING.match(line)]
    assert ": TL104 " in line
    assert ": TL104 warning: " not in line  # no "warning:" marker any more


def test_include_and_exclude(project: Path) -> None:
    shutil.copy(STALE, project / "docs" / "STALE.md")
    (project / ".tracker-lint.toml").write_text(
        'include = ["docs/*.md"]\nexclude = ["docs/STALE.md"]\n'
    )
    shutil.copy(STALE, project / "elsewhere.md")
    result = lint_json("docs", "elsewhere.md", cwd=project)
    assert {d["path"] for d in json.loads(result.stdout)} == {str(Path("docs") / "TRACKER.md")}


# --- the config command ---------------------------------------------------------------------


def test_config_command_prints_the_resolved_configuration(project: Path) -> None:
    (project / ".tracker-lint.toml").write_text('ignore = ["TL1"]\n[severity]\nTL104 = "error"\n')
    result = run("config", "docs/TRACKER.md", cwd=project)
    data = json.loads(result.stdout)
    assert result.returncode == 0
    assert data["config-file"] == str((project / ".tracker-lint.toml").resolve())
    assert "TL101" not in data["select"] and "TL401" in data["select"]
    assert data["profile"]["name"] == "learning-module"


def test_config_schema_is_kept_in_the_repository() -> None:
    result = run("config", "--schema")
    committed = (ROOT / "docs" / "config-schema.json").read_text(encoding="utf-8")
    assert result.stdout == committed, "run: tracker-lint config --schema > docs/config-schema.json"
    schema = json.loads(committed)
    assert schema["additionalProperties"] is False


SCHEMA_CASES = [
    ({"select": ["TL4", "tl201", "T"]}, True),
    ({"select": ["TL999"]}, False),
    ({"extend-select": ["TL40"]}, True),
    ({"ignore": ["XX1"]}, False),
    ({"per-file-ignores": {"docs/*.md": ["TL104"]}}, True),
    ({"per-file-ignores": {"docs/*.md": ["TL1045"]}}, False),
    ({"severity": {"TL104": "error", "tl401": "warning"}}, True),
    ({"severity": {"TL4": "error"}}, False),  # a prefix is not a code here
    ({"severity": {"TL104": "fatal"}}, False),
    ({"exclude": ["x" * 1001]}, False),
    ({"exclude": [f"{i}.md" for i in range(257)]}, False),
    ({"exclude": [f"{i}.md" for i in range(256)]}, True),
    ({"unknown-key": 1}, False),
    ({"profile": "learning-module"}, True),
    ({"profile": "nosuch"}, False),
]


@pytest.mark.parametrize(("data", "valid"), SCHEMA_CASES)
def test_the_schema_rejects_what_the_tool_rejects(data: dict[str, object], valid: bool) -> None:
    import jsonschema

    schema = json.loads((ROOT / "docs" / "config-schema.json").read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith("/docs/config-schema.json")
    validator = jsonschema.Draft202012Validator(schema)
    assert validator.is_valid(data) == valid
    try:
        from_data(data, "x.toml", None, ROOT)
        accepted = True
    except ConfigError:
        accepted = False
    assert accepted == valid


def test_the_schema_validates_the_example_profiles() -> None:
    import jsonschema

    if sys.version_info >= (3, 11):
        import tomllib
    else:
        import tomli as tomllib

    schema = json.loads((ROOT / "docs" / "config-schema.json").read_text(encoding="utf-8"))
    for path in EXAMPLES.glob("*.toml"):
        jsonschema.validate(tomllib.loads(path.read_text(encoding="utf-8")), schema)


# --- profiles ---------------------------------------------------------------------------------


def test_the_builtin_profile_validates_and_equals_the_fast_path() -> None:
    config = from_data({"profile": profile_data(default_profile())}, "x", None, ROOT)
    assert config.profile == default_profile()


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.toml")), ids=lambda p: p.stem)
def test_example_profiles_load(path: Path) -> None:
    assert load(path) is not None


CORPUS_FINDINGS = {
    ("learning-module", "dstudio-tracker-v1"): [(20, "TL401"), (23, "TL401"), (24, "TL401")],
    ("learning-module", "dstudio-tracker-v3"): [
        (20, "TL401"), (22, "TL401"), (23, "TL401"), (24, "TL401"),
    ],
    ("module-status", "dstudio-module-status"): [],
    ("improvement-tracker", "dstudio-improvement-tracker"): [
        (216, "TL401"), (217, "TL401"), (218, "TL401"),
    ],
    ("podcast-tracker", "dstudio-podcast-tracker"): [
        (26, "TL201"), (27, "TL201"), (28, "TL201"), (30, "TL201"),
    ],
}  # fmt: skip


@pytest.mark.parametrize(("profile", "document"), list(CORPUS_FINDINGS), ids=lambda v: v)
def test_corpus_with_its_profile(profile: str, document: str) -> None:
    path = CORPUS / f"{document}.md"
    if not path.exists():
        pytest.skip("the shared corpus is not present beside the project")
    result = lint_json("--config", str(EXAMPLES / f"{profile}.toml"), str(path))
    found = [(d["line"], d["code"]) for d in json.loads(result.stdout)]
    assert found == CORPUS_FINDINGS[(profile, document)]


def test_group_totals_and_fraction_fix(tmp_path: Path) -> None:
    doc = (
        "## 🔴 P0: Foundation\n\n| ID | Task | Status |\n|---|---|---|\n"
        "| a | A | ✅ |\n| b | B | ⬜ |\n\n## 🟠 P1: Next\n\n| ID | Task | Status |\n"
        "|---|---|---|\n| c | C | ⬜ |\n\n### By Priority\n"
        "- **P0 Tasks**: 0/1 completed (0%)\n- **P1 Tasks**: 0/1 completed (0%)\n"
        "- **P2 Tasks**: 0/0 completed (N/A)\n"
    )
    path = tmp_path / "t.md"
    path.write_text(doc, encoding="utf-8")
    config = str(EXAMPLES / "improvement-tracker.toml")
    assert run("--config", config, "--fix", str(path)).returncode == 0
    assert path.read_text(encoding="utf-8") == doc.replace(
        "0/1 completed (0%)\n- **P1", "1/2 completed (50%)\n- **P1"
    )


def test_word_statuses_keep_their_emphasis_when_fixed(tmp_path: Path) -> None:
    doc = (
        "| # | Episode Title | Research | Script | Code | Review | QA | Status |\n"
        "|---|---|---|---|---|---|---|---|\n"
        "| 1 | A | ✅ 1,000 | ✅ | ✅ | ⏳ | ⏳ | **complete** |\n"
        "| 2 | B | ✅ | ✅ | ✅ | ✅ | ✅ | COMPLETE |\n"
    )
    path = tmp_path / "t.md"
    path.write_text(doc, encoding="utf-8")
    config = str(EXAMPLES / "podcast-tracker.toml")
    result = run("--config", config, "--fix", "--unsafe-fixes", "--ignore", "TL402", str(path))
    assert result.returncode == 0, result.stdout
    assert path.read_text(encoding="utf-8") == doc.replace("**complete**", "**IN PROGRESS**")


def test_totals_table_value_and_target_percentage(tmp_path: Path) -> None:
    doc = (
        "| Metric | Value | Target | Progress |\n|---|---|---|---|\n"
        "| Total Episodes | 1 | 3 | 33.3% |\n| Words | ~5,000 | 9 | 1% |\n\n"
        "| # | Episode Title | Research | Script | Code | Review | QA | Status |\n"
        "|---|---|---|---|---|---|---|---|\n"
        "| 1 | A | ✅ | ✅ | ✅ | ✅ | ✅ | **COMPLETE** |\n"
        "| 2 | B | ✅ | ✅ | ✅ | ✅ | ✅ | **COMPLETE** |\n"
        "| 3 | C | ⏳ | ⏳ | ⏳ | ⏳ | ⏳ | NOT STARTED |\n"
    )
    path = tmp_path / "t.md"
    path.write_text(doc, encoding="utf-8")
    result = run("--config", str(EXAMPLES / "podcast-tracker.toml"), "--fix", str(path))
    assert result.returncode == 0, result.stdout
    # Total Episodes counts the episodes produced (COMPLETE), not the rows.
    assert "| Total Episodes | 2 | 3 | 66.7% |" in path.read_text(encoding="utf-8")


# --- invalid configurations ---------------------------------------------------------------


def profile_with(**changes: object) -> dict[str, object]:
    return {"profile": {**profile_data(default_profile()), **changes}}


STATUSES = profile_data(default_profile())["statuses"]
INVALID = [
    ("unknown-key", {"selec": ["TL1"]}, "x.toml: selec: unknown key"),
    ("unknown-nested-key", profile_with(colour="red"), "x.toml: profile.colour: unknown key"),
    ("wrong-type", {"ignore": "TL1"}, "x.toml: ignore: Input should be a valid list"),
    ("wrong-enum", {"severity": {"TL401": "fatal"}},
     "x.toml: severity.TL401: Input should be 'error' or 'warning'"),
    ("unknown-selector", {"select": ["XX"]}, "x.toml: select[0]: 'XX' matches no rule"),
    ("severity-unknown-code", {"severity": {"TL999": "error"}}, "x.toml: severity.TL999: not a rule code"),
    ("unknown-builtin", {"profile": "nope"}, "x.toml: profile: unknown built-in profile 'nope'"),
    ("no-statuses", profile_with(statuses=[]), "x.toml: profile.statuses: List should have at least 1 item"),
    ("missing-status-id", profile_with(statuses=[{"symbol": "✅"}]),
     "x.toml: profile.statuses[0].id: required key is missing"),
    ("bad-progress", profile_with(statuses=[{"id": "a", "symbol": "✅", "progress": "half"}]),
     "x.toml: profile.statuses[0].progress: Input should be 'done', 'started' or 'none'"),
    ("derive-unknown-state", profile_with(derive=[{"when": ["done", "finished"], "status": "complete"}]),
     "x.toml: profile.derive[0].when[1]: 'finished' is not a stage state"),
    ("derive-unknown-status", profile_with(derive=[{"when": ["done", "done"], "status": "finished"}]),
     "x.toml: profile.derive[0].status: 'finished' is not a status of this profile"),
    ("derive-wrong-width", profile_with(derive=[{"when": ["done"], "status": "complete"}]),
     "x.toml: profile.derive[0].when: has 1 states but there are 2 stage columns"),
    ("derive-without-stages", profile_with(stages={}), "x.toml: profile.derive: derivation rules need stage columns"),
    ("duplicate-status-id", profile_with(statuses=[*STATUSES, {"id": "complete", "symbol": "🏁"}]),
     "x.toml: profile.statuses[6].id: status id 'complete' is defined twice"),
    ("duplicate-status-symbol", profile_with(statuses=[*STATUSES, {"id": "done2", "symbol": "✅"}]),
     "status symbol '✅' is defined twice"),
    ("status-without-symbol-or-words", profile_with(statuses=[*STATUSES, {"id": "x"}]),
     "x.toml: profile.statuses[6]: a status needs a symbol or words"),
    ("also-accepted-unknown", profile_with(statuses=[{"id": "a", "symbol": "✅", "also-accepted-for": ["b"]}], derive=[], stages={}, totals=None) ,
     "profile.statuses[0].also-accepted-for[0]: 'b' is not a status"),
    ("total-unknown-status", profile_with(totals={"heading": "Quick Stats", "items": [{"label": "Done", "count": ["finished"]}]}),
     "x.toml: profile.totals.items[0].count[0]: 'finished' is not a status of this profile"),
    ("fraction-without-of", profile_with(totals={"heading": "Q", "items": [{"label": "Done", "count": ["complete"], "format": "fraction"}]}),
     "x.toml: profile.totals.items[0].of: a fraction total needs `of`"),
    ("group-without-placeholder", profile_with(totals={"heading": "Q", "items": [{"label": "Done", "count": "all", "group": {"from": "heading"}}]}),
     "x.toml: profile.totals.items[0].label: a grouped total's label needs {group}"),
    ("bad-group-regex", profile_with(totals={"heading": "Q", "items": [{"label": "{group}", "count": "all", "group": {"from": "heading", "pattern": "("}}]}),
     "x.toml: profile.totals.items[0].group.pattern: not a regular expression"),
    ("list-totals-without-heading", profile_with(totals={"items": [{"label": "Done", "count": "all"}]}),
     "x.toml: profile.totals.heading: a list of totals needs the heading above it"),
    ("hint-to-nothing", profile_with(hints={"✔": "🏁"}), "x.toml: profile.hints: '🏁' is not a stage or status symbol"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "data", "message"), INVALID, ids=[c[0] for c in INVALID])
def test_invalid_configuration(name: str, data: dict[str, object], message: str) -> None:
    data = dict(data)
    profile = data.get("profile")
    if isinstance(profile, dict):
        data["profile"] = {k: v for k, v in profile.items() if v is not None}
    with pytest.raises(ConfigError) as info:
        from_data(data, "x.toml", None, ROOT)
    assert any(line.startswith(message) or message in line for line in info.value.lines), (
        info.value.lines
    )


def test_invalid_configuration_through_the_command_line(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.tracker-lint]\nignore = [1]\n")
    shutil.copy(STALE, tmp_path / "t.md")
    result = run("t.md", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        f"error: {(tmp_path / 'pyproject.toml').resolve()}: tool.tracker-lint.ignore[0]: "
        "Input should be a valid string\n"
    )
    assert result.stdout == ""


def test_invalid_toml(tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_text("select = [\n")
    result = run("--config", str(tmp_path / "bad.toml"), str(STALE))
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: {tmp_path / 'bad.toml'}: invalid TOML: ")


def test_config_flag_pointing_at_a_pyproject_without_the_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    result = run("--config", str(tmp_path / "pyproject.toml"), str(STALE))
    assert result.returncode == 2
    assert "has no [tool.tracker-lint] table" in result.stderr


@pytest.mark.slow
def test_plain_check_does_not_import_pydantic() -> None:
    code = (
        "import sys\n"
        "from tracker_lint.cli import main\n"
        f"main([{str(STALE)!r}])\n"
        "sys.stderr.write(str(sorted(m for m in sys.modules if m.startswith('pydantic'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT / "fixtures",
        check=False,
    )
    assert result.stderr == "[]"


def test_a_configuration_file_imports_pydantic_only_then(tmp_path: Path) -> None:
    (tmp_path / ".tracker-lint.toml").write_text('ignore = ["TL4"]\n')
    shutil.copy(STALE, tmp_path / "t.md")
    assert run("t.md", cwd=tmp_path).stdout == "All checks passed (1 tracker checked).\n"


def test_severity_keys_are_case_insensitive(project: Path) -> None:
    shutil.copy(FIXTURES / "duplicate-items.md", project / "docs" / "TRACKER.md")
    (project / ".tracker-lint.toml").write_text('[severity]\ntl104 = "error"\n')
    assert run("docs/TRACKER.md", cwd=project).returncode == 1


def test_config_command_with_every_rule_ignored(project: Path) -> None:
    (project / ".tracker-lint.toml").write_text('ignore = ["TL"]\n')
    data = json.loads(run("config", "docs/TRACKER.md", cwd=project).stdout)
    assert data["select"] == []


def test_report_and_badge_read_the_configuration(tmp_path: Path) -> None:
    doc = (
        "| # | Episode Title | Research | Script | Code | Review | QA | Status |\n"
        "|---|---|---|---|---|---|---|---|\n"
        "| 1 | A | ✅ | ✅ | ✅ | ✅ | ✅ | **COMPLETE** |\n"
        "| 2 | B | ✅ | ⏳ | ⏳ | ⏳ | ⏳ | **IN PROGRESS** |\n"
    )
    (tmp_path / "T.md").write_text(doc, encoding="utf-8")
    config = str(EXAMPLES / "podcast-tracker.toml")
    report = run("report", "--config", config, "--format", "json", "T.md", cwd=tmp_path)
    assert report.returncode == 0, report.stderr
    assert json.loads(report.stdout)["overall"]["percent"] == 50.0
    shutil.copy(EXAMPLES / "podcast-tracker.toml", tmp_path / ".tracker-lint.toml")
    badge = run("badge", "T.md", "-o", "-", cwd=tmp_path)
    assert badge.returncode == 0
    assert ">50.0%<" in badge.stdout


def test_written_source_integer_format_and_ignored_labels(tmp_path: Path) -> None:
    (tmp_path / ".tracker-lint.toml").write_text(
        """
[profile]
[profile.columns]
status = "State"
[[profile.statuses]]
id = "done"
words = ["done"]
progress = "done"
[[profile.statuses]]
id = "open"
words = ["open"]
[profile.totals]
kind = "table"
unknown-labels = "ignore"
items = [
    { label = "Done", count = ["done"], source = "written", format = "integer" },
    { label = "Share done", count = ["done"], of = "all", format = "percent" },
]
""",
        encoding="utf-8",
    )
    doc = (
        "| Metric | Value |\n|---|---|\n| Done | 2 |\n| Share done | 50.0 |\n| Coffee | 12 |\n\n"
        "| Task | State |\n|---|---|\n| a | done |\n| b | open |\n| c | open |\n"
    )
    (tmp_path / "T.md").write_text(doc, encoding="utf-8")
    result = lint_json("T.md", cwd=tmp_path)
    found = [(d["line"], d["code"], d["fix"]["replacement"]) for d in json.loads(result.stdout)]
    assert found == [(3, "TL401", "1"), (4, "TL401", "33.3")]
