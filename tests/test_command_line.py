"""One command line: options that mean the same everywhere, conflicts that are usage
errors, markers and colours as ruff shows them, directory search, --add-suppressions.

Everything runs through ``tracker_lint.cli.main`` (``run``), as a user types it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, json_keys, keys, other_lines, run
from tracker_lint.cli import options

TODAY = ("--today", "2026-11-26")
STALE = str(FIXTURES / "stale-quick-stats.md")
MISMATCH = str(FIXTURES / "status-mismatch.md")
CLEAN = str(FIXTURES / "clean-tracker.md")


def usage_error(*args: str, cwd: Path | None = None) -> str:
    """The one ``error:`` line of a usage error (exit 2, nothing on standard output)."""
    result = run(*args, cwd=cwd)
    assert (result.returncode, result.stdout) == (2, ""), result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1, result.stderr
    return errors[0]


# --- conflicting or inert flags ------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--fix", "--diff"], "--fix and --diff cannot be used together"),
        (["--fix", "--add-suppressions"], "--fix and --add-suppressions"),
        (["--diff", "--show-files"], "--diff and --show-files"),
        (["--exit-non-zero-on-fix"], "--exit-non-zero-on-fix needs --fix"),
        (["--diff", "--exit-non-zero-on-fix"], "--exit-non-zero-on-fix needs --fix"),
        (["--statistics", "--diff"], "--statistics reports findings"),
        (["--statistics", "--fix"], "--statistics reports findings"),
        (["--statistics", "--output-format", "sarif"], "--statistics prints text or json"),
        (["--diff", "--output-format", "json"], "--diff prints a unified diff"),
        (["--show-files", "--statistics"], "--statistics reports findings"),
        (["--show-files", "--base"], "--show-files lists files only; --base"),
        (["--show-files", "--unsafe-fixes"], "--show-files lists files only; --unsafe-fixes"),
        (["--show-files", "--output-format", "json"], "--show-files prints one line per file"),
        (["--add-suppressions", "--unsafe-fixes"], "--unsafe-fixes needs --fix or --diff"),
        (["--stdin-filename", "T.md"], "--stdin-filename names standard input"),
    ],
)
def test_conflicting_or_inert_flags_are_usage_errors(args: list[str], says: str) -> None:
    assert says in usage_error(*args, CLEAN)


def test_diff_ignores_the_environment_format() -> None:
    # A CI job sets the format once for every step; --diff still prints a diff.
    path = FIXTURES / "stale-quick-stats.md"
    result = run(*TODAY, "--diff", str(path), env={"TRACKER_LINT_OUTPUT_FORMAT": "json"})
    assert result.returncode == 1
    assert result.stdout.startswith(f"--- a/{path}\n")


def test_statistics_as_json() -> None:
    result = run(*TODAY, "--statistics", "--output-format", "json", STALE, MISMATCH)
    assert result.returncode == 1
    assert json.loads(result.stdout) == [
        {"code": "TL201", "name": "status-mismatch", "count": 4, "fixable": False},
        {"code": "TL401", "name": "stats-mismatch", "count": 3, "fixable": True},
        {"code": "TL202", "name": "status-label-mismatch", "count": 2, "fixable": True},
    ]
    unsafe = run(*TODAY, "--statistics", "--unsafe-fixes", "--output-format", "json", MISMATCH)
    assert [s["fixable"] for s in json.loads(unsafe.stdout)] == [True, True]


@pytest.mark.parametrize("fmt", ["json", "sarif", "gitlab", "junit"])
def test_fix_with_a_machine_format_reports_what_was_fixed_on_standard_error(
    tmp_path: Path, fmt: str
) -> None:
    path = tmp_path / "t.md"
    shutil.copy(STALE, path)
    result = run(*TODAY, "--fix", "--output-format", fmt, str(path))
    assert result.returncode == 0
    assert result.stderr == f"Fixed 3 findings in {path}\n"
    if fmt in ("json", "gitlab"):
        assert json.loads(result.stdout) == []


def test_unsafe_fixes_alone_shows_them_as_fixable() -> None:
    plain = run(*TODAY, MISMATCH)
    assert [line.split()[2] for line in plain.stdout.splitlines()[:3]] == ["[-]", "[*]", "[-]"]
    assert other_lines(plain.stdout) == [
        "Found 4 errors and 2 warnings (1 fixable with --fix, 5 more with --fix --unsafe-fixes)."
    ]
    shown = run(*TODAY, "--unsafe-fixes", MISMATCH)
    assert keys(shown.stdout) == keys(plain.stdout)
    assert [line.split()[2] for line in shown.stdout.splitlines()[:3]] == ["[*]"] * 3
    assert other_lines(shown.stdout) == ["Found 4 errors and 2 warnings (6 fixable with --fix)."]


# --- argparse: no abbreviations, suggestions, case, help ------------------------------


def test_no_abbreviated_long_options_and_a_suggestion() -> None:
    line = usage_error("--exit-zer", CLEAN)
    assert line == "error: unrecognized arguments: --exit-zer (did you mean --exit-zero?)"
    assert "did you mean --output-format?" in usage_error("--output-fromat", "json", CLEAN)
    assert "did you mean" not in usage_error("--nothing-like-it", CLEAN)


@pytest.mark.parametrize("command", ["check", "report", "badge", "rule", "config"])
def test_every_command_refuses_abbreviations(command: str) -> None:
    assert "unrecognized arguments" in usage_error(command, "--conf", "x", CLEAN)


def test_output_format_is_case_insensitive() -> None:
    result = run("--output-format", "JSON", STALE)
    assert json_keys(result.stdout) == [
        (STALE, 5, 20, "TL401"),
        (STALE, 6, 18, "TL401"),
        (STALE, 9, 19, "TL401"),
    ]


def test_help_lists_the_commands() -> None:
    result = run("--help")
    assert result.returncode == 0
    for name, command in options.COMMANDS.items():
        assert f"  {name}" in result.stdout
        assert command.summary in result.stdout


def test_badge_help_prints_single_percent_signs() -> None:
    result = run("badge", "--help")
    assert "below 25%," in result.stdout
    assert "%%" not in result.stdout


def test_paths_only_defaults_are_the_parsers() -> None:
    from tracker_lint.cli.check import PATHS_ONLY_DEFAULTS, build_parser

    parsed = vars(build_parser().parse_args(["x.md"]))
    assert parsed == {**PATHS_ONLY_DEFAULTS, "paths": ["x.md"]}


# --- the same options everywhere -----------------------------------------------------


def test_report_takes_output_format_output_file_and_several_paths(tmp_path: Path) -> None:
    out = tmp_path / "reports" / "progress.json"
    result = run("report", *TODAY, "--output-format", "json", "-o", str(out), STALE, CLEAN)
    assert (result.returncode, result.stdout) == (0, "")
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [r["source"] for r in data] == [STALE, CLEAN]
    old = run("report", *TODAY, "--format", "json", STALE)  # the older spelling
    assert json.loads(old.stdout)["source"] == STALE


def test_report_searches_a_directory_and_leaves_out_what_is_not_a_tracker(tmp_path: Path) -> None:
    shutil.copy(STALE, tmp_path / "T.md")
    (tmp_path / "notes.md").write_text("# Notes\n", encoding="utf-8")
    result = run("report", *TODAY, "--output-format", "json", str(tmp_path))
    assert result.returncode == 0
    assert [r["source"] for r in json.loads(result.stdout)] == [str(tmp_path / "T.md")]
    assert result.stderr == "note: 1 Markdown file is not a tracker; skipped\n"


def test_badge_takes_today_several_paths_and_json(tmp_path: Path) -> None:
    result = run("badge", *TODAY, "--output-format", "json", STALE, CLEAN)
    assert result.returncode == 0
    data = json.loads(result.stdout)
    # stale-quick-stats: 2 of 7 complete; clean-tracker: its own rows; together
    one = json.loads(run("badge", "--output-format", "json", STALE).stdout)
    assert one == {"schemaVersion": 1, "label": "progress", "message": "28.6%", "color": "orange"}
    assert data["schemaVersion"] == 1 and data["message"] != one["message"]
    written = tmp_path / "b.svg"
    result = run("badge", STALE, "--output-file", str(written), "--label", "course")
    assert (result.returncode, result.stdout) == (0, f"Wrote {written}: course 28.6%\n")
    assert written.read_text(encoding="utf-8").startswith("<svg")


def test_rule_all_as_json() -> None:
    from tracker_lint.rules import RULES

    result = run("rule", "--all", "--output-format", "json")
    data = json.loads(result.stdout)
    assert [r["code"] for r in data] == list(RULES)
    assert set(data[0]) == {"code", "name", "severity", "fix", "summary", "documentation"}
    one = json.loads(run("rule", "TL401", "--output-format", "json").stdout)
    assert one["name"] == "stats-mismatch" and one["fix"] == "safe"
    assert "RULE" in usage_error("rule")  # neither RULE nor --all


# --- inline --config -----------------------------------------------------------------


def test_inline_config_overrides_settings(tmp_path: Path) -> None:
    shutil.copy(MISMATCH, tmp_path / "t.md")
    every = keys(run(*TODAY, "t.md", cwd=tmp_path).stdout)
    assert {k[3] for k in every} == {"TL201", "TL202"}
    only = run(*TODAY, "--config", 'select = ["TL202"]', "t.md", cwd=tmp_path)
    assert {k[3] for k in keys(only.stdout)} == {"TL202"}
    # over a configuration file, tables merged key by key
    (tmp_path / ".tracker-lint.toml").write_text('ignore = ["TL202"]\n', encoding="utf-8")
    assert {k[3] for k in keys(run(*TODAY, "t.md", cwd=tmp_path).stdout)} == {"TL201"}
    both = run(*TODAY, "--config", 'severity.TL201 = "warning"', "t.md", cwd=tmp_path)
    assert both.returncode == 0  # TL201 is a warning now, TL202 still ignored
    assert {k[3] for k in keys(both.stdout)} == {"TL201"}


def test_inline_config_that_is_wrong_says_so(tmp_path: Path) -> None:
    result = run("--config", 'select = ["TL999"]', CLEAN)
    assert result.returncode == 2
    assert result.stderr.startswith("error: --config: select[0]: 'TL999' matches no rule")
    bad = run("--config", "select = [", CLEAN)
    assert bad.returncode == 2
    assert "neither a configuration file nor a TOML KEY=VALUE" in bad.stderr
    (tmp_path / "a.toml").write_text("", encoding="utf-8")
    (tmp_path / "b.toml").write_text("", encoding="utf-8")
    two = run("--config", str(tmp_path / "a.toml"), "--config", str(tmp_path / "b.toml"), CLEAN)
    assert (two.returncode, two.stderr.count("one configuration file at most")) == (2, 1)


# --- markers, colour, full output ------------------------------------------------------


def test_colour_only_when_asked_or_in_a_terminal() -> None:
    plain = run(*TODAY, STALE)
    assert "\x1b[" not in plain.stdout
    forced = run(*TODAY, STALE, env={"FORCE_COLOR": "1"})
    first = forced.stdout.splitlines()[0]
    assert first.startswith(
        f"\x1b[1m{STALE}:5:20:\x1b[0m \x1b[1;31mTL401\x1b[0m \x1b[36m[*]\x1b[0m "
    )
    assert keys(forced.stdout.replace("\x1b[1m", "").replace("\x1b[0m", "")) == []  # painted
    off = run(*TODAY, STALE, env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert off.stdout == plain.stdout
    as_json = run(*TODAY, "--output-format", "json", STALE, env={"FORCE_COLOR": "1"})
    assert "\x1b[" not in as_json.stdout


def test_colour_follows_the_terminal() -> None:
    from tracker_lint.cli.check import use_color

    class Terminal:
        def isatty(self) -> bool:
            return True

    assert use_color(Terminal())
    assert not use_color(object())


def test_full_output_shows_the_line_and_a_caret() -> None:
    result = run(*TODAY, "--output-format", "full", STALE)
    lines = result.stdout.splitlines()
    assert keys(result.stdout)[0] == (STALE, 5, 20, "TL401")
    assert lines[1:5] == ["  |", "5 | - **Total Pages**: 6", "  |                    ^", "  |"]


def test_full_output_aligns_the_caret_after_wide_symbols() -> None:
    result = run(*TODAY, "--output-format", "full", MISMATCH)
    lines = result.stdout.splitlines()
    source, caret = lines[2], lines[3]
    assert source.startswith("11 | | Caching | ✅ | ⬜ | ✅ Complete")
    # ✅ and ⬜ take two terminal columns each: the caret sits under "✅ Complete"
    assert caret == "   |                       " + "^" * 11


# --- directory search ---------------------------------------------------------------


def _tree(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


def test_directory_search_finds_every_markdown_extension(tmp_path: Path) -> None:
    tracker = Path(STALE).read_text(encoding="utf-8")
    names = ["a.md", "b.markdown", "c.mdown", "D.MD", "e.Markdown", "f.mkd", "g.txt"]
    _tree(tmp_path, dict.fromkeys(names, tracker))
    result = run(*TODAY, "--show-files", str(tmp_path))
    found = [line.split()[1] for line in result.stdout.splitlines()]
    assert found == [str(tmp_path / n) for n in sorted(names[:-1])]


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_directory_search_respects_gitignore(tmp_path: Path) -> None:
    _git(tmp_path, "init", "-q")
    _tree(
        tmp_path,
        {
            ".gitignore": "build/\n*.generated.md\n!keep.generated.md\n",
            "docs/.gitignore": "drafts/\n",
            "docs/T.md": "x",
            "docs/drafts/D.md": "x",
            "docs/out.generated.md": "x",
            "docs/keep.generated.md": "x",
            "build/B.md": "x",
            "docs/private.md": "x",
        },
    )
    (tmp_path / ".git" / "info").mkdir(exist_ok=True)
    (tmp_path / ".git" / "info" / "exclude").write_text("private.md\n", encoding="utf-8")
    listed = run("--show-files", ".", cwd=tmp_path).stdout.splitlines()
    assert [line.split()[1] for line in listed] == ["docs/T.md", "docs/keep.generated.md"]
    everything = run("--show-files", "--no-respect-gitignore", ".", cwd=tmp_path).stdout
    assert len(everything.splitlines()) == 6
    # A directory named explicitly is searched, whole, even when git ignores it; a
    # named file is always read; a tracked file is never ignored.
    _tree(tmp_path, {"build/sub/C.md": "x"})
    named_dir = run("--show-files", "build", cwd=tmp_path).stdout.splitlines()
    assert [line.split()[:2] for line in named_dir] == [
        ["not-a-tracker", "build/B.md"],
        ["not-a-tracker", "build/sub/C.md"],
    ]
    _git(tmp_path, "add", "-f", "docs/out.generated.md")
    tracked = run("--show-files", "docs", cwd=tmp_path).stdout
    assert "docs/out.generated.md" in tracked
    named = run("--show-files", "docs/drafts/D.md", cwd=tmp_path).stdout
    assert named.split()[1] == "docs/drafts/D.md"


def test_gitignore_is_not_read_outside_a_git_work_tree(tmp_path: Path) -> None:
    _tree(tmp_path, {".gitignore": "*.md\n", "T.md": "x"})
    result = run("--show-files", str(tmp_path))
    assert len(result.stdout.splitlines()) == 1


# --- --add-suppressions ----------------------------------------------------------------


def test_add_suppressions_makes_every_fixture_pass_and_is_idempotent(tmp_path: Path) -> None:
    for fixture in sorted(FIXTURES.glob("*.md")):
        path = tmp_path / fixture.name
        shutil.copy(fixture, path)
        before = run(*TODAY, "--output-format", "json", str(path))
        added = run(*TODAY, "--add-suppressions", str(path))
        assert added.returncode in (0, 1), added.stderr
        after = run(*TODAY, "--output-format", "json", str(path))
        left = {code for *_, code in json_keys(after.stdout)}
        assert left <= {"TL901", "TL405"}, (fixture.name, left)
        codes = [k[3] for k in json_keys(before.stdout) if k[3] not in ("TL901", "TL405")]
        expected = f"Added {len(codes)} suppression" if codes else None
        if expected:
            assert added.stdout.startswith(expected), (fixture.name, added.stdout)
        again = path.read_bytes()
        run(*TODAY, "--add-suppressions", str(path))
        assert path.read_bytes() == again, fixture.name


def test_add_suppressions_writes_directives_where_they_keep_the_structure(tmp_path: Path) -> None:
    path = tmp_path / "t.md"
    shutil.copy(MISMATCH, path)
    result = run(*TODAY, "--add-suppressions", str(path))
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        f"Added 6 suppressions to {path}",
        "All checks passed (1 tracker checked).",
    ]
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[10] == (
        "| Caching | ✅ | ⬜ | ✅ Complete | 2025-01-30 <!-- tracker-lint-disable-line TL201 --> |"
    )
    assert lines[15].endswith("2025-01-30 <!-- tracker-lint-disable-line TL201 TL202 --> |")


def test_add_suppressions_extends_an_existing_directive_and_reads_stdin() -> None:
    text = (
        Path(STALE)
        .read_text(encoding="utf-8")
        .replace(
            "- **Total Pages**: 6", "- **Total Pages**: 6 <!-- tracker-lint-disable-line TL999 -->"
        )
    )
    result = run(*TODAY, "--add-suppressions", "-", stdin=text)
    assert result.returncode == 0
    assert "- **Total Pages**: 6 <!-- tracker-lint-disable-line TL999 TL401 -->" in result.stdout
    assert result.stderr.startswith("Added 3 suppressions to -\n")


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(__import__("os"), "openpty"), reason="no pseudo-terminals")
def test_colour_in_a_real_terminal_and_not_in_a_pipe() -> None:
    import os
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "TERM")}
    command = [sys.executable, "-m", "tracker_lint", *TODAY, STALE]
    leader, follower = os.openpty()
    try:
        subprocess.run(command, stdout=follower, stderr=subprocess.PIPE, env=env, timeout=60)
        os.close(follower)
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal is closed once everything was read
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(leader)
    assert b"\x1b[1;31mTL401\x1b[0m" in shown
    piped = subprocess.run(command, capture_output=True, env=env, timeout=60)
    assert b"\x1b[" not in piped.stdout
    assert piped.stdout.count(b"TL401") == 3


# --- found in review ------------------------------------------------------------------


@pytest.mark.parametrize("command", ["report", "badge", "rule", "config"])
def test_usage_line_names_the_command_once(command: str) -> None:
    result = run(command, "--bogus")
    assert result.returncode == 2
    usage = result.stderr.splitlines()[0]
    assert usage.startswith(f"usage: tracker-lint {command} ")
    assert f"{command} {command}" not in usage


def test_suggestions_name_the_current_spelling_not_an_older_one() -> None:
    assert "did you mean --output-format?" in usage_error("report", "--formt", "json", STALE)
    assert "did you mean --output-file?" in usage_error("badge", "--outpt", "x.svg", STALE)


def test_a_mistyped_command_is_not_taken_for_a_file() -> None:
    result = run("raport", STALE)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "error: 'raport' is neither a file nor a command (did you mean `tracker-lint report`?)\n"
    )


def test_standard_input_is_read_once(tmp_path: Path) -> None:
    text = Path(STALE).read_text(encoding="utf-8")
    result = run(*TODAY, "--stdin-filename", "x.md", "-", "-", stdin=text)
    assert [k[0] for k in keys(result.stdout)] == ["x.md"] * 3
    assert other_lines(result.stdout) == ["Found 3 errors (3 fixable with --fix)."]


def test_report_and_badge_refuse_a_tracker_that_is_not_utf8_in_a_folder(tmp_path: Path) -> None:
    shutil.copy(STALE, tmp_path / "a.md")
    (tmp_path / "b.md").write_bytes(Path(STALE).read_text(encoding="utf-8").encode("utf-16"))
    for command in ("report", "badge"):
        result = run(command, str(tmp_path))
        assert result.returncode == 2, command
        assert result.stderr.startswith(f"error: {tmp_path / 'b.md'}: is UTF-16 text"), command


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_report_respects_gitignore_and_can_be_told_not_to(tmp_path: Path) -> None:
    _git(tmp_path, "init", "-q")
    _tree(tmp_path, {".gitignore": "old/\n"})
    (tmp_path / "old").mkdir()
    shutil.copy(STALE, tmp_path / "old" / "T.md")
    shutil.copy(CLEAN, tmp_path / "C.md")
    found = run("report", "--output-format", "json", ".", cwd=tmp_path)
    assert [r["source"] for r in json.loads(found.stdout)] == ["C.md"]
    every = run("report", "--output-format", "json", "--no-respect-gitignore", ".", cwd=tmp_path)
    assert [r["source"] for r in json.loads(every.stdout)] == ["C.md", "old/T.md"]
    (tmp_path / "C.md").unlink()
    nothing = run("--show-files", ".", cwd=tmp_path)
    assert "directory has no Markdown files that git does not ignore" in nothing.stdout


def test_statistics_are_coloured_in_a_terminal() -> None:
    result = run(*TODAY, "--statistics", STALE, env={"FORCE_COLOR": "1"})
    assert (
        result.stdout.splitlines()[0]
        == "3\t\x1b[1;31mTL401\x1b[0m\t\x1b[36m[*]\x1b[0m stats-mismatch"
    )


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # a hard-break backslash stays last
        (
            "- **Total Pages**: 6\\",
            "- **Total Pages**: 6 <!-- tracker-lint-disable-line TL401 -->\\",
        ),
        # a comment the line leaves open is not closed early
        (
            "- **Total Pages**: 6 <!-- note",
            "- **Total Pages**: 6 <!-- tracker-lint-disable-line TL401 --> <!-- note",
        ),
        # trailing white space stays after the comment
        (
            "- **Total Pages**: 6  ",
            "- **Total Pages**: 6 <!-- tracker-lint-disable-line TL401 -->  ",
        ),
    ],
)
def test_add_suppressions_keeps_what_ends_a_line(line: str, expected: str) -> None:
    text = Path(STALE).read_text(encoding="utf-8").replace("- **Total Pages**: 6", line, 1)
    if "<!-- note" in line:
        text = text.replace("- **Completed**", "-->\n- **Completed**", 1)
    result = run(*TODAY, "--add-suppressions", "-", stdin=text)
    assert expected in result.stdout.splitlines()


def test_add_suppressions_in_an_empty_last_cell() -> None:
    text = (
        Path(MISMATCH)
        .read_text(encoding="utf-8")
        .replace(
            "| Caching | ✅ | ⬜ | ✅ Complete | 2025-01-30 |",
            "| Caching | ✅ | ⬜ | ✅ Complete | |",
        )
    )
    result = run(*TODAY, "--add-suppressions", "-", stdin=text)
    assert (
        "| Caching | ✅ | ⬜ | ✅ Complete | <!-- tracker-lint-disable-line TL201 TL301 --> |"
        in result.stdout.splitlines()
    )


def test_full_output_counts_lines_as_markdown_does() -> None:
    # A form feed or a line separator is no line break in Markdown: the excerpt is the
    # finding's own line, not one shifted by str.splitlines.
    text = Path(STALE).read_text(encoding="utf-8").replace("# ", "# \x0c\u2028", 1)
    result = run(*TODAY, "--output-format", "full", "-", stdin=text)
    assert keys(result.stdout)[0] == ("-", 5, 20, "TL401")
    assert result.stdout.splitlines()[2] == "5 | - **Total Pages**: 6"


@pytest.mark.slow
def test_a_reader_that_goes_away_ends_the_run_quietly(tmp_path: Path) -> None:
    """`tracker-lint . | true`: a pipe closed before anything is written is no
    traceback (one closed later is met when the output is flushed, at exit)."""
    import os
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_LINT")}
    for n in range(300):  # findings of more text than a pipe holds (64 KiB)
        shutil.copy(FIXTURES / "stale-quick-stats.md", tmp_path / f"t{n:03}.md")
    child = subprocess.Popen(
        [sys.executable, "-m", "tracker_lint", "--today", "2026-11-26", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()  # before the child writes: `| true`
    err = child.stderr.read().decode()
    assert child.wait(timeout=60) == 1
    assert "Traceback" not in err and err == ""
