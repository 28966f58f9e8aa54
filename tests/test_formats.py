"""Report formats and report flags, as a CI job sees them."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest

from tests import conftest
from tests.conftest import FIXTURES, ROOT
from tracker_lint.findings import Finding, Severity
from tracker_lint.output import (
    FORMATS,
    FileResult,
    Shown,
    format_github,
    format_github_finding,
    relative_path,
)
from tracker_lint.rules import RULES

SARIF_SCHEMA = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
BROKEN = ("fixtures/status-mismatch.md", "fixtures/stale-quick-stats.md")
CLEAN = "fixtures/clean-tracker.md"
TODAY = ("--today", "2026-11-26")

Key = tuple[str, int, int, str]  # (path, line, column, code)


def run(
    *args: str, cwd: Path = ROOT, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The command line (in this process), run from ``cwd``, with ``env`` set."""
    return conftest.run(*args, cwd=cwd, env=env)


def report(fmt: str, *paths: str) -> str:
    result = run(*TODAY, "--output-format", fmt, *paths)
    assert result.stderr == ""
    return result.stdout


def expected_keys(*paths: str) -> list[Key]:
    """What the fixtures' ``.findings`` files say the findings are."""
    keys = []
    for path in paths:
        findings = (ROOT / path).with_suffix(".findings").read_text(encoding="utf-8")
        for line in findings.splitlines():
            span, code = line.split()
            start = span.split("-")[0]
            row, col = start.split(":")
            keys.append((path, int(row), int(col), code))
    return sorted(keys)


# --- parse each format back into (path, line, column, code) --------------------------

TEXT_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<code>TL\d{3})\b")


def keys_from_text(out: str) -> list[Key]:
    return sorted(
        (m["path"], int(m["line"]), int(m["col"]), m["code"])
        for m in map(TEXT_LINE.match, out.splitlines())
        if m
    )


def messages(*paths: str) -> list[str]:
    """The messages of the findings in ``paths``, in order, as JSON output gives them
    (their wording: tests/golden/)."""
    return [d["message"] for d in json.loads(report("json", *paths))]


def keys_from_json(out: str) -> list[Key]:
    return sorted((d["path"], d["line"], d["column"], d["code"]) for d in json.loads(out))


def github_unescape(value: str) -> str:
    for escaped, raw in (("%2C", ","), ("%3A", ":"), ("%0A", "\n"), ("%0D", "\r"), ("%25", "%")):
        value = value.replace(escaped, raw)
    return value


def github_commands(out: str) -> list[tuple[str, dict[str, str], str]]:
    """(command, properties, message) of every workflow command line."""
    commands = []
    for line in out.splitlines():
        m = re.fullmatch(r"::(\w+) ([^:]*)::(.*)", line)
        if m:
            props = dict(p.split("=", 1) for p in m[2].split(","))
            commands.append(
                (m[1], {k: github_unescape(v) for k, v in props.items()}, github_unescape(m[3]))
            )
    return commands


def keys_from_github(out: str) -> list[Key]:
    keys = []
    for _, props, _ in github_commands(out):
        code = re.fullmatch(r"tracker-lint \((TL\d{3})\)", props["title"])
        assert code is not None
        keys.append((props["file"], int(props["line"]), int(props["col"]), code[1]))
    return sorted(keys)


def sarif_results(log: Any) -> list[Any]:
    results: list[Any] = log["runs"][0]["results"]
    return results


def keys_from_sarif(out: str) -> list[Key]:
    keys = []
    for result in sarif_results(json.loads(out)):
        location = result["locations"][0]["physicalLocation"]
        region = location["region"]
        path = unquote(location["artifactLocation"]["uri"])
        keys.append((path, region["startLine"], region["startColumn"], result["ruleId"]))
    return sorted(keys)


def keys_from_gitlab(out: str) -> list[tuple[str, int, str]]:
    """GitLab Code Quality has lines but no columns."""
    return sorted(
        (d["location"]["path"], d["location"]["lines"]["begin"], d["check_name"])
        for d in json.loads(out)
    )


def keys_from_junit(out: str) -> list[Key]:
    root = ET.fromstring(out)
    keys = []
    for case in root.iter("testcase"):
        failure = case.find("failure")
        if failure is not None:
            [key] = keys_from_text(failure.text or "")
            assert key[0] == case.get("classname")
            assert case.get("name", "").endswith(f" ({key[1]}:{key[2]})")
            keys.append(key)
    return sorted(keys)


def test_every_format_reports_the_same_findings() -> None:
    paths = (*BROKEN, "missing.md")
    expected = [*expected_keys(*BROKEN), ("missing.md", 1, 1, "TL001")]
    expected.sort()
    assert len(expected) == 10
    assert keys_from_text(report("text", *paths)) == expected
    assert keys_from_json(report("json", *paths)) == expected
    assert keys_from_github(report("github", *paths)) == expected
    assert keys_from_sarif(report("sarif", *paths)) == expected
    assert keys_from_junit(report("junit", *paths)) == expected
    assert keys_from_gitlab(report("gitlab", *paths)) == sorted(
        (p, line, code) for p, line, _, code in expected
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_exits_like_text(fmt: str) -> None:
    assert run(*TODAY, "--output-format", fmt, BROKEN[0]).returncode == 1
    assert run(*TODAY, "--output-format", fmt, CLEAN).returncode == 0
    assert run(*TODAY, "--output-format", fmt, "missing.md").returncode == 2


# --- github ------------------------------------------------------------------------


def finding(line: int, column: int, end_line: int, end_column: int, message: str) -> Finding:
    return Finding(
        line, column, end_line, end_column, "TL401", "stats-mismatch", Severity.ERROR, message
    )


def test_github_escapes_like_the_actions_toolkit() -> None:
    f = finding(5, 20, 5, 21, "100% done\r\nnext: a, b")
    assert format_github_finding("docs/a:b,c%d.md", f) == (
        "::error file=docs/a%3Ab%2Cc%25d.md,line=5,col=20,endLine=5,endColumn=21,"
        "title=tracker-lint (TL401)::100%25 done%0D%0Anext: a, b"
    )


def test_github_leaves_out_columns_of_a_multi_line_finding() -> None:
    f = finding(5, 20, 7, 3, "spans lines")
    assert format_github_finding("T.md", f) == (
        "::error file=T.md,line=5,endLine=7,title=tracker-lint (TL401)::spans lines"
    )


def test_github_output_is_the_commands_then_the_summary() -> None:
    result = run(*TODAY, "--output-format", "github", BROKEN[1])
    assert result.returncode == 1
    first, second, third = (m.replace("%", "%25") for m in messages(BROKEN[1]))
    assert "%25" in third  # "16.7%": the percent sign is escaped
    assert result.stdout == (
        "::error file=fixtures/stale-quick-stats.md,line=5,col=20,endLine=5,endColumn=21,"
        f"title=tracker-lint (TL401)::{first}\n"
        "::error file=fixtures/stale-quick-stats.md,line=6,col=18,endLine=6,endColumn=19,"
        f"title=tracker-lint (TL401)::{second}\n"
        "::error file=fixtures/stale-quick-stats.md,line=9,col=19,endLine=9,endColumn=23,"
        f"title=tracker-lint (TL401)::{third}\n"
        "Found 3 errors (3 fixable with --fix).\n"
    )


def test_github_escapes_a_real_path_and_message(tmp_path: Path) -> None:
    path = tmp_path / "a:b,c%d.md"
    path.write_text(
        "# T\n\n## Quick Stats\n\n- **Total Pages**: 1\n\n## Pages\n\n"
        "| Page | Module | Exam | Status | Last Updated |\n|---|---|---|---|---|\n"
        "| A | ✅ | ✅ | ✅ 100%: done, ok | 2025-01-30 |\n",
        encoding="utf-8",
    )
    result = run("--output-format", "github", str(path))
    escaped = str(tmp_path).replace("%", "%25").replace(":", "%3A").replace(",", "%2C")
    [message] = messages(str(path))
    assert "100%: done, ok" in message  # the cell, quoted: its "%" is escaped, not ":" or ","
    assert result.stdout.splitlines() == [
        f"::warning file={escaped}/a%3Ab%2Cc%25d.md,line=11,col=17,endLine=11,endColumn=31,"
        f"title=tracker-lint (TL202)::{message.replace('%', '%25')}",
        "Found 1 warning (1 fixable with --fix --unsafe-fixes).",
    ]


def test_github_summary_alone_for_a_clean_file() -> None:
    assert format_github([FileResult("T.md")]) == "All checks passed (1 tracker checked).\n"
    assert format_github([FileResult("T.md")], Shown(quiet=True)) == ""


# --- sarif -------------------------------------------------------------------------


def test_sarif_validates_against_the_official_schema() -> None:
    if not SARIF_SCHEMA.exists():
        pytest.skip("the SARIF 2.1.0 schema is not present beside the project")
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    for paths in ((*BROKEN, "missing.md"), (CLEAN,), ("fixtures/suppression-comments.md",)):
        log = json.loads(report("sarif", *paths))
        errors = [e.message for e in validator.iter_errors(log)]
        assert errors == []


# Fixtures whose findings carry fixes of every kind: totals, statuses, labels, and the
# suppression comments whose fix edits a range other than the finding's.
FIXABLE = [
    f"fixtures/{name}.md"
    for name in ("stale-quick-stats", "status-mismatch", "editor-variants", "suppression-comments")
]


def _offset(text: str, line: int, column: int) -> int:
    """The offset of a 1-based (line, column) as the findings count them (a BOM is
    not a column)."""
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    bom = 1 if line == 1 and text.startswith("\ufeff") else 0
    return starts[line - 1] + column - 1 + bom


@pytest.mark.parametrize("path", FIXABLE)
def test_a_json_fix_edit_is_the_splice_fix_applies(path: str) -> None:
    """A client applying ``fix.edits[]`` by line and column changes exactly what the
    fix changes: for every fix of the fixture (suppression comments included, whose
    fix edits a range other than the finding's)."""
    from tracker_lint import check

    text = (ROOT / path).read_text(encoding="utf-8")
    fixes = {f.sort_key: f.fix for f in check(text, conftest.SETTINGS).findings if f.fix}
    found = json.loads(report("json", path))
    assert fixes and len([d for d in found if d["fix"]]) == len(fixes)
    for d in found:
        if d["fix"] is None:
            continue
        (edit,) = d["fix"]["edits"]
        start = _offset(text, edit["line"], edit["column"])
        end = _offset(text, edit["end_line"], edit["end_column"])
        fix = fixes[(d["line"], d["column"], d["code"])]
        assert fix is not None and (start, end, edit["content"]) == fix[:3]


def test_sarif_fixes_replace_the_region_json_edits_name() -> None:
    log = json.loads(report("sarif", "fixtures/suppression-comments.md"))
    found = json.loads(report("json", "fixtures/suppression-comments.md"))
    results = log["runs"][0]["results"]
    assert len(results) == len(found)
    for result, d in zip(results, found, strict=True):
        if d["fix"] is None:
            assert "fixes" not in result
            continue
        (edit,) = d["fix"]["edits"]
        (change,) = result["fixes"][0]["artifactChanges"]
        (replacement,) = change["replacements"]
        region = replacement["deletedRegion"]
        assert (region["startLine"], region["startColumn"], region["endLine"],
                region["endColumn"]) == (edit["line"], edit["column"], edit["end_line"],
                                         edit["end_column"])  # fmt: skip
        assert replacement["insertedContent"]["text"] == edit["content"]
        assert (
            change["artifactLocation"]
            == (result["locations"][0]["physicalLocation"]["artifactLocation"])
        )


def test_sarif_driver_describes_every_rule_from_its_documentation() -> None:
    from tracker_lint import __version__

    log = json.loads(report("sarif", CLEAN))
    assert (log["version"], len(log["runs"])) == ("2.1.0", 1)
    driver = log["runs"][0]["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("tracker-lint", __version__)
    assert driver["informationUri"].startswith("https://")
    assert [r["id"] for r in driver["rules"]] == list(RULES)
    for entry, rule in zip(driver["rules"], RULES.values(), strict=True):
        doc = rule.documentation()
        assert entry["name"] == rule.name
        assert entry["shortDescription"]["text"] == rule.summary
        assert entry["fullDescription"]["text"] in doc
        assert entry["fullDescription"]["text"]
        assert entry["help"] == {"text": doc, "markdown": doc}
        assert entry["defaultConfiguration"] == {"level": rule.severity.value}
    assert sarif_results(log) == []


def test_sarif_results_point_at_rules_and_relative_uris() -> None:
    log = json.loads(report("sarif", BROKEN[1], "missing.md"))
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    results = sarif_results(log)
    assert [r["ruleId"] for r in results] == ["TL401", "TL401", "TL401", "TL001"]
    for r in results:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
        assert r["level"] == "error"
    first = results[0]
    assert first["message"] == {"text": messages(BROKEN[1])[0]}
    assert first["locations"] == [
        {
            "physicalLocation": {
                "artifactLocation": {
                    "uri": "fixtures/stale-quick-stats.md",
                    "uriBaseId": "%SRCROOT%",
                },
                "region": {"startLine": 5, "startColumn": 20, "endLine": 5, "endColumn": 21},
            }
        }
    ]
    unreadable = results[-1]["locations"][0]["physicalLocation"]
    assert unreadable["artifactLocation"]["uri"] == "missing.md"


def test_sarif_uri_is_relative_to_the_working_directory_and_encoded(tmp_path: Path) -> None:
    (tmp_path / "my docs").mkdir()
    shutil.copy(FIXTURES / "stale-quick-stats.md", tmp_path / "my docs" / "T.md")
    inside = json.loads(run("--output-format", "sarif", str(tmp_path), cwd=tmp_path).stdout)
    location = sarif_results(inside)[0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "my%20docs/T.md"
    outside = json.loads(run("--output-format", "sarif", str(tmp_path), cwd=FIXTURES).stdout)
    location = sarif_results(outside)[0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": (tmp_path / "my docs" / "T.md").as_uri()}


def test_relative_path() -> None:
    cwd = str(ROOT)
    assert relative_path(str(ROOT / "fixtures" / "a.md"), cwd) == "fixtures/a.md"
    assert relative_path("./fixtures/a.md", cwd) == "fixtures/a.md"
    assert relative_path("-", cwd) == "-"
    assert relative_path(str(ROOT.parent / "x.md"), cwd) == (ROOT.parent / "x.md").as_posix()


# --- gitlab ------------------------------------------------------------------------


def test_gitlab_issues_have_the_code_quality_fields() -> None:
    issues = json.loads(report("gitlab", *BROKEN, "missing.md"))
    assert {frozenset(i) for i in issues} == {
        frozenset({"description", "check_name", "fingerprint", "severity", "location"})
    }
    first = next(i for i in issues if i["check_name"] == "TL401")
    assert first["description"] == f"TL401 {messages(BROKEN[1])[0]}"
    assert first["location"] == {
        "path": "fixtures/stale-quick-stats.md",
        "lines": {"begin": 5, "end": 5},
    }
    severities = {i["check_name"]: i["severity"] for i in issues}
    assert (severities["TL201"], severities["TL202"], severities["TL001"]) == (
        "major",
        "minor",
        "major",
    )


def fingerprints(out: str) -> list[str]:
    return [i["fingerprint"] for i in json.loads(out)]


def test_gitlab_fingerprints_are_stable_and_unique() -> None:
    first = fingerprints(report("gitlab", "fixtures", "missing.md"))
    assert fingerprints(report("gitlab", "fixtures", "missing.md")) == first
    assert len(first) > 30
    assert len(set(first)) == len(first)
    assert all(re.fullmatch(r"[0-9a-f]{64}", fp) for fp in first)


def test_gitlab_fingerprints_survive_lines_added_above(tmp_path: Path) -> None:
    """A row added elsewhere moves findings and changes their messages, not their identity."""
    path = tmp_path / "T.md"
    text = (FIXTURES / "stale-quick-stats.md").read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    before = json.loads(run("--output-format", "gitlab", "T.md", cwd=tmp_path).stdout)
    path.write_text("<!-- moved -->\n\n" + text, encoding="utf-8")
    after = json.loads(run("--output-format", "gitlab", "T.md", cwd=tmp_path).stdout)
    assert [i["location"]["lines"]["begin"] for i in after] == [
        i["location"]["lines"]["begin"] + 2 for i in before
    ]
    assert [i["fingerprint"] for i in after] == [i["fingerprint"] for i in before]


def test_gitlab_fingerprints_do_not_depend_on_the_checkout_directory(tmp_path: Path) -> None:
    for name in ("one", "two"):
        (tmp_path / name / "docs").mkdir(parents=True)
        shutil.copy(FIXTURES / "status-mismatch.md", tmp_path / name / "docs" / "T.md")
    one = run("--output-format", "gitlab", "docs", cwd=tmp_path / "one").stdout
    two = run("--output-format", "gitlab", "docs", cwd=tmp_path / "two").stdout
    assert fingerprints(one) == fingerprints(two)


# --- junit -------------------------------------------------------------------------


def test_junit_has_a_suite_per_file_and_a_failing_case_per_finding() -> None:
    out = report("junit", BROKEN[1], CLEAN, "missing.md")
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.fromstring(out)
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures")) == ("5", "4")
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert list(suites) == [CLEAN, BROKEN[1], "missing.md"]
    [passing] = suites[CLEAN].findall("testcase")
    assert passing.find("failure") is None
    assert (suites[CLEAN].get("tests"), suites[CLEAN].get("failures")) == ("1", "0")
    cases = suites[BROKEN[1]].findall("testcase")
    assert [c.get("name") for c in cases] == [
        "TL401 stats-mismatch (5:20)",
        "TL401 stats-mismatch (6:18)",
        "TL401 stats-mismatch (9:19)",
    ]
    failure = cases[0].find("failure")
    assert failure is not None
    assert failure.get("message") == messages(BROKEN[1])[0]
    assert failure.text == run(*TODAY, BROKEN[1]).stdout.splitlines()[0]  # the text line


def test_junit_is_valid_xml_whatever_the_message_holds() -> None:
    from tracker_lint.output import format_junit

    f = finding(1, 1, 1, 2, 'control \x0b & <markup> "quoted" ✅')
    root = ET.fromstring(format_junit([FileResult("a&b.md", [f])]))
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None
    assert failure.get("message") == 'control \\x0b & <markup> "quoted" ✅'


# --- report flags --------------------------------------------------------------------


def test_statistics_one_line_per_rule_most_frequent_first() -> None:
    result = run(*TODAY, "--statistics", *BROKEN)
    assert result.returncode == 1
    assert result.stdout == (
        "4\tTL201\t[-] status-mismatch\n"
        "3\tTL401\t[*] stats-mismatch\n"
        "2\tTL202\t[*] status-label-mismatch\n"
        "Found 7 errors and 2 warnings (4 fixable with --fix, 5 more with --fix --unsafe-fixes).\n"
    )
    quiet = run(*TODAY, "--statistics", "--quiet", *BROKEN)
    assert quiet.stdout.splitlines()[-1] == "2\tTL202\t[*] status-label-mismatch"
    assert run("--statistics", CLEAN).stdout == "All checks passed (1 tracker checked).\n"


def test_quiet_prints_only_the_findings() -> None:
    result = run(*TODAY, "--quiet", BROKEN[1])
    assert result.returncode == 1
    assert result.stdout.splitlines() == run(*TODAY, BROKEN[1]).stdout.splitlines()[:-1]
    assert keys_from_text(result.stdout) == expected_keys(BROKEN[1])
    assert run("--quiet", CLEAN).stdout == ""
    github = run(*TODAY, "--quiet", "--output-format", "github", BROKEN[1]).stdout
    assert [line[:8] for line in github.splitlines()] == ["::error "] * 3


def test_exit_zero_reports_as_usual_and_exits_0() -> None:
    plain = run(*TODAY, BROKEN[1], "missing.md")
    zero = run(*TODAY, "--exit-zero", BROKEN[1], "missing.md")
    assert (plain.returncode, zero.returncode) == (2, 0)
    assert zero.stdout == plain.stdout
    assert run(*TODAY, "--exit-zero", BROKEN[1]).returncode == 0


def test_exit_zero_does_not_hide_usage_errors() -> None:
    assert run("--exit-zero").returncode == 2
    assert run("--exit-zero", "--output-format", "xml", CLEAN).returncode == 2


def test_output_file_holds_the_report_and_stdout_stays_empty(tmp_path: Path) -> None:
    target = tmp_path / "reports" / "tracker-lint.sarif"
    result = run(*TODAY, "--output-format", "sarif", "-o", str(target), *BROKEN)
    assert (result.returncode, result.stdout, result.stderr) == (1, "", "")
    assert target.read_text(encoding="utf-8") == report("sarif", *BROKEN)
    text = tmp_path / "report.txt"
    result = run(*TODAY, "--output-file", str(text), BROKEN[1])
    assert (result.returncode, result.stdout) == (1, "")
    assert text.read_text(encoding="utf-8") == run(*TODAY, BROKEN[1]).stdout


def test_output_file_that_cannot_be_written_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    result = run("--exit-zero", "-o", str(tmp_path / "file" / "report.json"), CLEAN)
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: cannot write to {tmp_path}/file/report.json")
    assert "Traceback" not in result.stderr


def test_output_format_from_the_environment() -> None:
    env = {"TRACKER_LINT_OUTPUT_FORMAT": "json"}
    from_env = run(*TODAY, BROKEN[1], env=env)
    assert keys_from_json(from_env.stdout) == expected_keys(BROKEN[1])
    flag_wins = run(*TODAY, "--output-format", "text", BROKEN[1], env=env)
    assert flag_wins.stdout.endswith("Found 3 errors (3 fixable with --fix).\n")
    assert run(*TODAY, BROKEN[1], env={"TRACKER_LINT_OUTPUT_FORMAT": " GitHub "}).stdout.startswith(
        "::error file="
    )
    assert (
        run(CLEAN, env={"TRACKER_LINT_OUTPUT_FORMAT": ""}).stdout
        == "All checks passed (1 tracker checked).\n"
    )


def test_invalid_output_format_in_the_environment_is_a_usage_error() -> None:
    result = run(CLEAN, env={"TRACKER_LINT_OUTPUT_FORMAT": "xml"})
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.splitlines()[-1] == (
        "error: TRACKER_LINT_OUTPUT_FORMAT='xml' is not an output format; "
        "choose from text, full, json, github, sarif, gitlab, junit"
    )


@pytest.mark.parametrize("fmt", ["json", "sarif", "gitlab", "junit", "github"])
def test_fix_reports_the_remaining_findings(tmp_path: Path, fmt: str) -> None:
    for name in ("stale-quick-stats.md", "status-mismatch.md"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    result = run("--fix", "--output-format", fmt, "--today", "2026-11-26", ".", cwd=tmp_path)
    assert result.returncode == 1
    remaining = {
        "json": keys_from_json,
        "sarif": keys_from_sarif,
        "junit": keys_from_junit,
        "github": keys_from_github,
    }
    if fmt == "gitlab":
        assert {(p, c) for p, _, c in keys_from_gitlab(result.stdout)} == {
            ("status-mismatch.md", "TL201"),
            ("status-mismatch.md", "TL202"),  # "Finished" for "Module done": unsafe
        }
    else:
        keys = remaining[fmt](result.stdout)
        assert {(os.path.basename(p), c) for p, _, _, c in keys} == {
            ("status-mismatch.md", "TL201"),
            ("status-mismatch.md", "TL202"),
        }
        assert len(keys) == 5


# --- the rule command: the same documentation as SARIF and docs/rules.md ---------------


def test_rule_prints_the_documentation() -> None:
    result = run("rule", "TL401")
    assert result.returncode == 0
    doc = RULES["TL401"].documentation()
    assert result.stdout.startswith("# TL401 stats-mismatch\n\nSeverity: error. Fix: safe.\n\n")
    assert result.stdout.endswith(doc + "\n")
    assert run("rule", "tl401").stdout == result.stdout
    assert run("rule", "Stats-Mismatch").stdout == result.stdout


def test_rule_page_is_the_one_in_the_rule_reference() -> None:
    reference = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    page = run("rule", "TL201").stdout
    assert page.startswith("# TL201 status-mismatch\n")
    # docs/rules.md holds the same page one heading level down
    assert "#" + page.replace("\n## ", "\n### ") in reference


def test_rule_all_lists_every_rule() -> None:
    result = run("rule", "--all")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["code", "name", "severity", "fix", "summary"]
    assert [line.split()[0] for line in lines[1:]] == list(RULES)
    for line, rule in zip(lines[1:], RULES.values(), strict=True):
        assert line.split()[1:4] == [rule.name, rule.severity.value, rule.fix or "none"]
        assert line.endswith(rule.summary)


def test_unknown_rule_exits_2() -> None:
    result = run("rule", "TL999")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "error: unknown rule 'TL999'; run `tracker-lint rule --all` for the list\n"
    )
    assert run("rule").returncode == 2


JUNIT_XSD = ROOT / "tests" / "data" / "junit-jenkins.xsd"


def test_junit_validates_against_the_jenkins_schema(tmp_path: Path) -> None:
    xmlschema = pytest.importorskip("xmlschema")
    schema = xmlschema.XMLSchema(str(JUNIT_XSD))
    (tmp_path / "notes.md").write_text("# Notes\n", encoding="utf-8")
    paths = (*BROKEN, "missing.md", str(tmp_path / "notes.md"), "fixtures/clean-tracker.md")
    result = run(*TODAY, "--output-format", "junit", *paths)
    schema.validate(result.stdout)
    # The schema is strict where it matters: a testcase with a file attribute fails it.
    with_file = result.stdout.replace("<testcase ", '<testcase file="x.md" ', 1)
    assert not schema.is_valid(with_file)
