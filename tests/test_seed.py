"""The user's own tracker (from ../shared, when present): the acceptance case of the core."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import SEED, keys, other_lines, run


def test_seed_has_exactly_three_stats_findings(seed_text: str) -> None:
    result = run("--today", "2026-11-26", str(SEED))
    assert keys(result.stdout) == [
        (str(SEED), 20, 20, "TL401"),  # Total Pages 52: the tables have 55 rows
        (str(SEED), 23, 20, "TL401"),  # Not Started 42: 45 rows are ⬜ Not started
        (str(SEED), 24, 19, "TL401"),  # Completion 13.5%: 7 of 55 is 12.7%
    ]
    assert other_lines(result.stdout) == ["Found 3 errors (3 fixable with --fix)."]
    fixes = [
        f["fix"]["replacement"]
        for f in json.loads(run("--output-format", "json", str(SEED)).stdout)
    ]
    assert fixes == ["55", "45", "12.7"]
    assert result.returncode == 1


def test_seed_with_corrected_values_passes(seed_text: str, tmp_path: Path) -> None:
    fixed = (
        seed_text.replace("**Total Pages**: 52", "**Total Pages**: 55")
        .replace("**Not Started**: 42", "**Not Started**: 45")
        .replace("**Completion**: 13.5%", "**Completion**: 12.7%")
    )
    path = tmp_path / "tracker.md"
    path.write_text(fixed, encoding="utf-8")
    result = run("--today", "2026-11-26", str(path))
    assert result.stdout == "All checks passed (1 tracker checked).\n"
    assert result.returncode == 0
