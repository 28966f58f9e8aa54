from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tracker_lint import Settings, lint

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "learning-module-tracker.md"
TODAY = date(2026, 11, 26)
SETTINGS = Settings(today=TODAY)


def positions(text: str, settings: Settings = SETTINGS) -> list[tuple[int, int, str]]:
    """(line, column, code) of every finding: what rule tests compare."""
    return [(f.line, f.column, f.code) for f in lint(text, settings)]


def run_cli(
    *args: str, stdin: bytes | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the real command line in a child process."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("TRACKER_LINT_OUTPUT_FORMAT", None)
    return subprocess.run(
        [sys.executable, "-m", "tracker_lint", *args],
        input=stdin.decode("utf-8", "surrogateescape") if stdin is not None else None,
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=env,
        check=False,
        timeout=120,
    )


@pytest.fixture
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip("the shared seed tracker is not present beside the project")
    return SEED.read_text(encoding="utf-8")


def pytest_configure(config: pytest.Config) -> None:
    # CI has ../shared beside the clone: there, the tests that read the user's tracker
    # and the corpus must run, not skip.
    if os.environ.get("TRACKER_LINT_REQUIRE_SHARED"):
        for needed in (SEED, SHARED / "corpus", SHARED / "schemas" / "sarif-schema-2.1.0.json"):
            if not needed.exists():
                raise pytest.UsageError(
                    f"TRACKER_LINT_REQUIRE_SHARED is set but {needed} is missing"
                )
