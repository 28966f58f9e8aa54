"""Totals written as bold lines without bullets (``**Completed**: 3/3 (100%)``), read
as a list of totals is (issue 13, shape 2)."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import FIXTURES, keys, run

FOLDER = FIXTURES / "bold-totals"
NAME = "translation-progress.md"


def test_bold_lines_under_the_heading_are_totals(tmp_path: Path) -> None:
    result = run(NAME, cwd=FOLDER)
    assert keys(result.stdout) == [(NAME, 6, 16, "TL401"), (NAME, 8, 18, "TL401")]


def test_the_fix_keeps_each_lines_hard_break(tmp_path: Path) -> None:
    shutil.copytree(FOLDER, tmp_path / "t")
    assert run("--fix", NAME, cwd=tmp_path / "t").returncode == 0
    text = (tmp_path / "t" / NAME).read_text(encoding="utf-8")
    before = (FOLDER / NAME).read_text(encoding="utf-8")
    assert text == before.replace("3/3 (100%)  \n", "2/3 (67%)  \n").replace(
        "0/3 (0%)\n", "1/3 (33%)\n"
    )


def test_a_prose_paragraph_is_not_totals() -> None:
    from tracker_lint.config import load
    from tracker_lint.engine import model

    config = load(FOLDER / ".tracker-lint.toml")
    assert config is not None
    text = (FOLDER / NAME).read_text(encoding="utf-8")
    prose = text.replace("**Total Files**: 3", "The files: 3 of them.")
    assert model(prose, config.profile).stats is None  # the paragraph does not open bold
    tracker = model(text, config.profile)
    assert tracker.stats is not None
    assert [e.label for e in tracker.stats] == [
        "Total Files",
        "Completed",
        "Estimated Hours",
        "Not Started",
    ]
