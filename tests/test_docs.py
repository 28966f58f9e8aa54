"""The README and docs/ say what the code does."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

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


def test_profile_guide_walkthrough_works_as_written(tmp_path: Path) -> None:
    from tests.conftest import run_cli

    guide = README.split("### Writing one from scratch", 1)[1].split("## Using it from Python")[0]
    tracker = re.search(r"```markdown\n(.*?)```", guide, re.DOTALL)
    profile = guide.split("For the translation tracker:", 1)[1]
    toml = re.search(r"```toml\n(.*?)```", profile, re.DOTALL)
    shown = re.search(r"```text\n(.*?)```", profile, re.DOTALL)
    assert tracker and toml and shown
    (tmp_path / ".tracker-lint.toml").write_text(toml.group(1), encoding="utf-8")
    (tmp_path / "TRANSLATION.md").write_text(tracker.group(1), encoding="utf-8")
    result = run_cli("--today", "2026-11-26", "TRANSLATION.md", cwd=tmp_path)
    assert result.stdout == shown.group(1)
    fixed = run_cli("--fix", "--unsafe-fixes", "TRANSLATION.md", cwd=tmp_path)
    assert fixed.returncode == 0
    text = (tmp_path / "TRANSLATION.md").read_text(encoding="utf-8")
    assert "- **Chapters done**: 1/4 (25%)" in text
    assert "| Setup | ✅ | ⏳ | **IN REVIEW** | 2026-03-05 |" in text
