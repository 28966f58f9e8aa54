"""The user's own tracker (from ../shared, when present): the acceptance case of the core."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import SEED, run


def test_seed_has_exactly_three_stats_findings(seed_text: str) -> None:
    result = run("--today", "2026-11-26", str(SEED))
    lines = result.stdout.splitlines()
    assert lines == [
        f'{SEED}:20:20: TL401 [*] Quick Stats "Total Pages" is 52 but the tables have 55 rows',
        f'{SEED}:23:20: TL401 [*] Quick Stats "Not Started" is 42 but the tables have 45 rows '
        "that are ⬜ Not started",
        f'{SEED}:24:19: TL401 [*] Quick Stats "Completion" is 13.5% but the tables give 12.7% '
        "(7 rows that are ✅ Complete of 55)",
        "Found 3 errors (3 fixable with --fix).",
    ]
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
