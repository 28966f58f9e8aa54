"""The README and docs/ say what the code does."""

from __future__ import annotations

import re
import shlex

from tests.conftest import ROOT
from tracker_lint import ruledocs
from tracker_lint.cli.check import build_parser

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_rule_table_is_generated_from_the_rules() -> None:
    assert ruledocs.readme_with_table(README) == README


def test_rule_reference_is_generated_from_the_rules() -> None:
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == ruledocs.reference()


def test_every_flag_is_documented() -> None:
    for action in build_parser()._actions:
        for flag in action.option_strings:
            assert f"`{flag}" in README, flag


def test_quick_start_has_exactly_two_commands_and_runs_on_a_fixture() -> None:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```console\n(.*?)\n```", section, re.DOTALL)
    assert len(commands) == 2
    run, test = (shlex.split(c) for c in commands)
    assert any(arg.startswith("fixtures/") for arg in run)
    assert (ROOT / next(a for a in run if a.startswith("fixtures/"))).exists()
    assert test[-3:] == ["-m", "pytest"] or "pytest" in test[-1]


def test_quick_start_output_is_what_the_tool_prints() -> None:
    from tests.conftest import run_cli

    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    shown = re.search(r"```text\n(.*?)```", section, re.DOTALL)
    assert shown is not None
    result = run_cli("--today", "2026-11-26", "fixtures/stale-quick-stats.md", cwd=ROOT)
    assert result.stdout == shown.group(1)


def test_every_hook_is_documented() -> None:
    import yaml

    for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text()):
        assert f"`{hook['id']}`" in README
        assert f"`{hook['entry']}`" in README
