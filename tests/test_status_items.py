"""Trackers made of list items led by a status symbol (``- ✅ German (100%)``): the
``status-items`` item source (issue 13, shape 1)."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import FIXTURES, keys, run
from tracker_lint.config import load
from tracker_lint.engine import model
from tracker_lint.profile import Profile

FOLDER = FIXTURES / "status-lists"
LANGUAGES = "languages.md"


def _profile() -> Profile:
    config = load(FOLDER / ".tracker-lint.toml")
    assert config is not None
    return config.profile


def test_items_are_the_list_items_led_by_a_status_symbol_and_not_the_legend() -> None:
    tracker = model((FOLDER / LANGUAGES).read_text(encoding="utf-8"), _profile())
    assert [(i.section, i.title, i.counted) for i in tracker.items] == [
        ("Languages", "German (100%)", "complete"),
        ("Languages", "French", "complete"),
        ("Languages", "Spanish (60%)", "in-progress"),
        ("Languages", "Italian", "not-started"),
        ("Languages", "German (100%)", "complete"),
    ]  # "Portuguese: not planned" has no symbol; the legend's items are not items


def test_totals_duplicates_and_the_fix(tmp_path: Path) -> None:
    shutil.copytree(FOLDER, tmp_path / "t")
    folder = tmp_path / "t"
    result = run(LANGUAGES, cwd=folder)
    assert keys(result.stdout) == [(LANGUAGES, 15, 5, "TL104"), (LANGUAGES, 20, 18, "TL401")]
    assert run("--fix", LANGUAGES, cwd=folder).returncode == 0
    assert "- **Languages**: 5\n" in (folder / LANGUAGES).read_text(encoding="utf-8")


def test_a_file_without_such_items_is_not_a_tracker(tmp_path: Path) -> None:
    shutil.copy(FOLDER / ".tracker-lint.toml", tmp_path)
    (tmp_path / "notes.md").write_text("# Notes\n\n## Languages\n\n- German\n", encoding="utf-8")
    result = run("--show-files", "notes.md", cwd=tmp_path)
    assert result.stdout == (
        "not-a-tracker  notes.md  (profile status-lists: "
        "no list item starting with a status symbol under a heading)\n"
    )
