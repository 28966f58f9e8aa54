"""The CI recipes in docs/ are real: they parse, use real flags, and their commands work."""

from __future__ import annotations

import argparse
import json
import shlex
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FIXTURES, ROOT, run
from tracker_lint.cli.check import build_parser

yaml = pytest.importorskip("yaml")

EXAMPLES = ROOT / "docs" / "examples"
GITHUB = EXAMPLES / "github-workflow.yml"
GITLAB = EXAMPLES / "gitlab-ci.yml"
CI_DOC = ROOT / "docs" / "ci.md"


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def github_commands() -> list[str]:
    workflow = load(GITHUB)
    return [
        step["run"] for job in workflow["jobs"].values() for step in job["steps"] if "run" in step
    ]


def gitlab_commands() -> list[str]:
    return [
        line
        for job in load(GITLAB).values()
        if isinstance(job, dict) and "script" in job
        for key in ("before_script", "script")
        for line in job.get(key, [])
    ]


def tracker_lint_calls(commands: list[str]) -> list[list[str]]:
    """The arguments of every ``tracker-lint`` invocation in shell commands."""
    calls = []
    for command in commands:
        for line in command.splitlines():
            words = shlex.split(line, comments=True)
            if words and words[0] == "tracker-lint":
                calls.append(words[1:])
    return calls


def parse_call(args: list[str]) -> argparse.Namespace:
    """Parse like the real command line, failing the test where argparse would exit."""
    parser = build_parser()
    options = {s: a for a in parser._actions for s in a.option_strings}
    for word in args:
        if word.startswith("-") and word != "-":
            assert word.split("=", 1)[0] in options, f"unknown flag {word}"
    try:
        return parser.parse_args(args)
    except SystemExit:
        pytest.fail(f"tracker-lint rejects {shlex.join(args)}")


@pytest.mark.parametrize(
    ("path", "commands"), [(GITHUB, github_commands), (GITLAB, gitlab_commands)]
)
def test_examples_use_only_real_flags_and_formats(path: Path, commands: Any) -> None:
    calls = tracker_lint_calls(commands())
    assert calls, f"{path.name} never runs tracker-lint"
    for args in calls:
        parsed = parse_call(args)
        assert parsed.paths, shlex.join(args)
    installs = [c for c in commands() if c.startswith("pip install")]
    assert len(installs) == 1
    assert "tracker-lint" in installs[0]


def test_github_workflow_gates_with_annotations_and_uploads_sarif() -> None:
    calls = [parse_call(args) for args in tracker_lint_calls(github_commands())]
    gate = [c for c in calls if c.output_format == "github"]
    assert len(gate) == 1
    assert not gate[0].exit_zero
    [sarif] = [c for c in calls if c.output_format == "sarif"]
    steps = load(GITHUB)["jobs"]["tracker-lint"]["steps"]
    [upload] = [
        s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@")
    ]
    assert upload["with"]["sarif_file"] == sarif.output_file
    workflow = load(GITHUB)
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "pull_request" in triggers
    assert workflow["jobs"]["tracker-lint"]["permissions"]["security-events"] == "write"


def test_gitlab_job_reports_code_quality() -> None:
    calls = [parse_call(args) for args in tracker_lint_calls(gitlab_commands())]
    [quality] = [c for c in calls if c.output_format == "gitlab"]
    assert not quality.exit_zero
    artifacts = load(GITLAB)["tracker-lint"]["artifacts"]
    assert artifacts["reports"]["codequality"] == quality.output_file
    assert artifacts["when"] == "always"
    [junit] = [c for c in calls if c.output_format == "junit"]
    assert artifacts["reports"]["junit"] == junit.output_file


@pytest.mark.parametrize("path", [GITHUB, GITLAB])
def test_ci_doc_shows_and_links_each_example(path: Path) -> None:
    doc = CI_DOC.read_text(encoding="utf-8")
    assert f"```yaml\n{path.read_text(encoding='utf-8')}```" in doc
    assert f"(examples/{path.name})" in doc


def test_readme_links_the_ci_doc() -> None:
    assert "(docs/ci.md)" in (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("commands", "gate_format"), [(github_commands, "github"), (gitlab_commands, "gitlab")]
)
def test_example_commands_work_on_a_repository_with_a_stale_tracker(
    tmp_path: Path, commands: Any, gate_format: str
) -> None:
    (tmp_path / "docs").mkdir()
    shutil.copy(FIXTURES / "stale-quick-stats.md", tmp_path / "docs" / "TRACKER.md")
    shutil.copy(FIXTURES / "not-a-tracker.md", tmp_path / "README.md")
    for args in tracker_lint_calls(commands()):
        parsed = parse_call(args)
        result = run("--today", "2026-11-26", *args, cwd=tmp_path)
        assert result.stderr == ""
        assert result.returncode == (0 if parsed.exit_zero else 1), shlex.join(args)
        if parsed.output_format == gate_format == "github":
            assert result.stdout.startswith("::error file=docs/TRACKER.md,line=5,col=20,")
        if parsed.output_file is None:
            continue
        report = (tmp_path / parsed.output_file).read_text(encoding="utf-8")
        if parsed.output_format == "sarif":
            [sarif_run] = json.loads(report)["runs"]
            uris = {
                r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                for r in sarif_run["results"]
            }
            assert uris == {"docs/TRACKER.md"}
        elif parsed.output_format == "gitlab":
            assert {i["location"]["path"] for i in json.loads(report)} == {"docs/TRACKER.md"}
        elif parsed.output_format == "junit":
            names = {s.get("name") for s in ET.fromstring(report).iter("testsuite")}
            assert names == {"README.md", "docs/TRACKER.md"}
