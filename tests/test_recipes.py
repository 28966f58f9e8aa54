"""Every documented recipe works as written: the README's pre-commit snippet with the
``rev`` it documents, ``pre-commit autoupdate`` pinning it, each CI job's install
step in a fresh virtual environment and then its ``tracker-lint`` steps, and the
sdist's own test suite.

The repository a user would reach at github.com/tracker-lint/tracker-lint is stood
in for by a local bare repository whose ``main`` is this working tree (committed or
not), so the recipes run against the code under test.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import tarfile
import venv
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import FIXTURES, ROOT
from tests.test_ci_recipe import GITHUB, GITLAB, github_commands, gitlab_commands

pytestmark = pytest.mark.slow  # real git, pre-commit, pip and fresh virtual environments

URL = "https://github.com/tracker-lint/tracker-lint"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.com",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.com",
}


def git(cwd: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, **GIT_ENV},
    )
    return result.stdout.strip()


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A bare repository whose ``main`` is this working tree: the commit ``git stash
    create`` makes of the uncommitted changes to tracked files, or HEAD."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and this project's git repository")
    snapshot = git(ROOT, "stash", "create") or git(ROOT, "rev-parse", "HEAD")
    remote = tmp_path_factory.mktemp("published") / "tracker-lint.git"
    git(remote.parent, "init", "-q", "--bare", str(remote))
    git(ROOT, "push", "-q", str(remote), f"{snapshot}:refs/heads/main")
    git(remote, "symbolic-ref", "HEAD", "refs/heads/main")  # the default branch, as on GitHub
    return remote


def readme_snippet() -> dict[str, Any]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## pre-commit\n", 1)[1]
    [snippet] = re.findall(r"```yaml\n(.*?)```", section, re.DOTALL)
    config: dict[str, Any] = yaml.safe_load(snippet)
    return config


def user_repository(path: Path) -> Path:
    (path / "docs").mkdir(parents=True)
    shutil.copy(FIXTURES / "stale-quick-stats.md", path / "docs" / "TRACKER.md")
    shutil.copy(FIXTURES / "not-a-tracker.md", path / "README.md")
    git(path, "init", "-q")
    git(path, "add", ".")
    git(path, "commit", "-q", "-m", "start")
    return path


def test_readme_pre_commit_snippet_works_with_its_rev_and_autoupdate_pins_it(
    published: Path, tmp_path: Path
) -> None:
    config = readme_snippet()
    [repo] = config["repos"]
    assert repo["repo"] == URL
    documented_rev = repo["rev"]
    repo["repo"] = str(published)  # the same repository, reached locally
    project = user_repository(tmp_path / "project")
    (project / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(tmp_path / "home")}
    env.pop("TRACKER_LINT_OUTPUT_FORMAT", None)

    def pre_commit(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", *args],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
        )

    first = pre_commit("run", "--all-files")
    assert first.returncode == 1, first.stdout + first.stderr
    assert "files were modified by this hook" in first.stdout
    assert "mutable reference" in first.stdout + first.stderr  # as the README warns
    assert "- **Total Pages**: 7" in (project / "docs" / "TRACKER.md").read_text("utf-8")
    again = pre_commit("run", "--all-files")
    assert again.returncode == 0, again.stdout + again.stderr

    updated = pre_commit("autoupdate")
    assert updated.returncode == 0, updated.stdout + updated.stderr
    pinned = yaml.safe_load((project / ".pre-commit-config.yaml").read_text("utf-8"))
    rev = pinned["repos"][0]["rev"]
    assert rev != documented_rev
    assert rev == git(published, "rev-parse", "main")  # no tag yet: the newest commit
    assert pre_commit("run", "--all-files").returncode == 0


@pytest.fixture(scope="module")
def ci_venv(published: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[Path, Path]:
    """For each CI example, a fresh virtual environment in which its install step ran
    as written (the repository URL pointing at the local copy)."""
    made = {}
    for example, commands in ((GITHUB, github_commands), (GITLAB, gitlab_commands)):
        [install] = [c for c in commands() if c.startswith("pip install")]
        assert f"{URL}@main" in install
        env_dir = tmp_path_factory.mktemp(example.stem) / "venv"
        venv.create(env_dir, with_pip=True)
        bin_dir = env_dir / "bin"
        # A CI image's pip is recent; the one ensurepip bundles may predate git+file URLs.
        subprocess.run(
            [str(bin_dir / "python"), "-m", "pip", "install", "-q", "--upgrade", "pip"],
            capture_output=True,
            check=True,
            timeout=600,
        )
        words = shlex.split(install.replace(URL, f"file://{published}"))
        result = subprocess.run(
            [str(bin_dir / "python"), "-m", *words],
            capture_output=True,
            text=True,
            check=False,
            timeout=900,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        made[example] = bin_dir
    return made


@pytest.mark.parametrize(
    ("example", "commands"), [(GITHUB, github_commands), (GITLAB, gitlab_commands)]
)
def test_ci_recipe_installs_and_runs_as_written(
    ci_venv: dict[Path, Path], tmp_path: Path, example: Path, commands: Callable[[], list[str]]
) -> None:
    bin_dir = ci_venv[example]
    project = user_repository(tmp_path / "checkout")
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    env.pop("TRACKER_LINT_OUTPUT_FORMAT", None)
    steps = [c for c in commands() if c.startswith("tracker-lint")]
    assert steps
    for step in steps:
        result = subprocess.run(
            step, shell=True, cwd=project, env=env, capture_output=True, text=True, check=False
        )
        gate = "--exit-zero" not in step
        assert result.returncode == (1 if gate else 0), step + result.stdout + result.stderr
        assert "Traceback" not in result.stderr
        out = re.search(r"--output-file (\S+)", step)
        if out is not None:
            assert (project / out.group(1)).stat().st_size > 0
        else:
            assert "docs/TRACKER.md" in result.stdout


def test_the_sdist_runs_its_own_tests(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "build", "--sdist", "--outdir", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    [sdist] = tmp_path.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        archive.extractall(tmp_path, filter="data")
    [unpacked] = [p for p in tmp_path.iterdir() if p.is_dir()]
    for needed in ("tests/conftest.py", "fixtures", "docs/usage.md", "examples", "scripts"):
        assert (unpacked / needed).exists(), needed
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_LINT_")}
    # `python -m pytest` puts the unpacked folder first on sys.path: its package is tested
    where = subprocess.run(
        [sys.executable, "-c", "import tracker_lint; print(tracker_lint.__file__)"],
        cwd=unpacked,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(where.stdout.strip()).is_relative_to(unpacked)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-m", "not slow", "-q", "-x", "-p", "no:cacheprovider"],
        cwd=unpacked,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert " passed" in result.stdout
