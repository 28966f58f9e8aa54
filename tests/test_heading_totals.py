"""Totals written in headings (``## Completed Languages (3/4)``), with
``in-headings = true`` (issue 13, shape 2)."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import FIXTURES, keys, run
from tracker_lint.config import from_data
from tracker_lint.engine import model

FOLDER = FIXTURES / "heading-totals"
NAME = "languages.md"


def test_headings_that_start_with_a_totals_label_are_checked_and_fixed(tmp_path: Path) -> None:
    assert keys(run(NAME, cwd=FOLDER).stdout) == [(NAME, 3, 15, "TL401"), (NAME, 9, 29, "TL401")]
    shutil.copytree(FOLDER, tmp_path / "t")
    assert run("--fix", NAME, cwd=tmp_path / "t").returncode == 0
    text = (tmp_path / "t" / NAME).read_text(encoding="utf-8")
    assert "## Languages (3)\n" in text
    assert "## **Completed Languages** (2/3)\n" in text


def test_only_with_in_headings_and_only_headings_with_numbers() -> None:
    from tracker_lint.config import load

    config = load(FOLDER / ".tracker-lint.toml")
    assert config is not None
    text = (FOLDER / NAME).read_text(encoding="utf-8")
    assert [e.label for e in model(text, config.profile).stats or []] == [
        "Languages",
        "Completed Languages",
    ]
    data = dict(config.data)
    data["profile"] = {**data["profile"], "totals": {**data["profile"]["totals"]}}
    del data["profile"]["totals"]["in-headings"]
    data["profile"]["totals"]["heading"] = "Totals"
    off = from_data(data, "x.toml", None, FOLDER)
    assert model(text, off.profile).stats is None
    plain = text.replace("## Languages (4)", "## Languages")
    assert [e.label for e in model(plain, config.profile).stats or []] == ["Completed Languages"]
