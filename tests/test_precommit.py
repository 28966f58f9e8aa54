"""The real pre-commit, in a real temporary git repository, trying this repository's hooks."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import FIXTURES, ROOT, keys

README_TEXT = "# My project\n\nSome docs. Status: fine.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    return tmp_path_factory.mktemp("pre-commit-home")


def try_repo(repo: Path, home: Path, hook: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(home),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }
    env.pop("TRACKER_LINT_OUTPUT_FORMAT", None)
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), hook, "--all-files"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    (repo / "docs").mkdir(parents=True)
    shutil.copy(FIXTURES / "stale-quick-stats.md", repo / "docs" / "TRACKER.md")
    (repo / "README.md").write_text(README_TEXT, encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    return repo


def test_hooks_manifest() -> None:
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"tracker-lint", "tracker-lint-fix"}
    assert hooks["tracker-lint"]["entry"] == "tracker-lint"
    assert hooks["tracker-lint-fix"]["entry"] == "tracker-lint --fix --exit-non-zero-on-fix"
    for hook in hooks.values():
        assert hook["language"] == "python"
        assert hook["types"] == ["markdown"]


@pytest.mark.slow
def test_check_hook_fails_and_names_the_finding(repo: Path, pre_commit_home: Path) -> None:
    result = try_repo(repo, pre_commit_home, "tracker-lint")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "tracker-lint" in result.stdout
    assert "Failed" in result.stdout
    assert ("docs/TRACKER.md", 5, 20, "TL401") in keys(result.stdout)
    assert "README.md" not in result.stdout.split("Failed", 1)[1]


@pytest.mark.slow
def test_fix_hook_fixes_fails_once_then_passes(repo: Path, pre_commit_home: Path) -> None:
    readme_before = (repo / "README.md").read_bytes()
    first = try_repo(repo, pre_commit_home, "tracker-lint-fix")
    assert first.returncode == 1, first.stdout + first.stderr
    assert "files were modified by this hook" in first.stdout
    assert "Fixed 3 findings in docs/TRACKER.md" in first.stdout
    assert "- **Total Pages**: 7" in (repo / "docs" / "TRACKER.md").read_text(encoding="utf-8")
    assert (repo / "README.md").read_bytes() == readme_before
    git(repo, "add", ".")
    second = try_repo(repo, pre_commit_home, "tracker-lint-fix")
    assert second.returncode == 0, second.stdout + second.stderr
    assert "Passed" in second.stdout
    assert (repo / "README.md").read_bytes() == readme_before
