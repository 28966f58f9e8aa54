"""The wheel and the sdist build, install into a fresh virtual environment, and run."""

from __future__ import annotations

import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

import tracker_lint
from tests.conftest import FIXTURES, ROOT

pytestmark = pytest.mark.slow  # builds, then installs into fresh virtual environments


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return out


def test_wheel_ships_the_package_data(dist: Path) -> None:
    [wheel] = dist.glob("*.whl")
    assert wheel.name == f"tracker_lint-{tracker_lint.__version__}-py3-none-any.whl"
    names = zipfile.ZipFile(wheel).namelist()
    assert "tracker_lint/py.typed" in names
    assert "tracker_lint/profiles/learning-module.toml" in names
    metadata = (
        zipfile.ZipFile(wheel)
        .read(f"tracker_lint-{tracker_lint.__version__}.dist-info/METADATA")
        .decode()
    )
    assert f"Version: {tracker_lint.__version__}" in metadata
    assert "License-Expression: MIT" in metadata
    assert "Classifier: Typing :: Typed" in metadata
    assert "Project-URL: Source" in metadata


def test_sdist_has_what_a_rebuild_needs(dist: Path) -> None:
    [sdist] = dist.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = archive.getnames()
    prefix = f"tracker_lint-{tracker_lint.__version__}/"
    for name in ("pyproject.toml", "README.md", "LICENSE", "tracker_lint/py.typed"):
        assert prefix + name in names


@pytest.mark.parametrize("kind", ["*.whl", "*.tar.gz"])
def test_installs_into_a_fresh_venv_and_runs(dist: Path, tmp_path: Path, kind: str) -> None:
    [artifact] = dist.glob(kind)
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / ("Scripts" if sys.platform == "win32" else "bin")
    subprocess.run(
        [str(bin_dir / "python"), "-m", "pip", "install", "-q", str(artifact)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    version = subprocess.run(
        [str(bin_dir / "tracker-lint"), "--version"], capture_output=True, text=True, check=True
    )
    assert version.stdout.strip() == f"tracker-lint {tracker_lint.__version__}"
    result = subprocess.run(
        [str(bin_dir / "tracker-lint"), str(FIXTURES / "stale-quick-stats.md")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout.count("TL401") == 3
