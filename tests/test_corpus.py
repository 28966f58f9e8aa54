"""The real trackers in ../shared/corpus, read with the default profile.

No file that is not a tracker may be offered a fix, and the summary line must
count the files that were skipped. (CI sets TRACKER_LINT_REQUIRE_SHARED, so
these tests cannot skip there.)
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SETTINGS, SHARED
from tracker_lint import check, fix_text
from tracker_lint.cli import main

CORPUS = SHARED / "corpus"
FILES = sorted(CORPUS.rglob("*.md")) if CORPUS.is_dir() else []


@pytest.fixture(autouse=True)
def _needs_corpus() -> None:
    if not FILES:
        pytest.skip("the shared corpus is not present beside the project")


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_no_fix_is_ever_offered_on_a_file_that_is_not_a_tracker(path: Path) -> None:
    text = path.read_bytes().decode("utf-8", "replace")
    checked = check(text, SETTINGS)
    if checked.is_tracker:
        return
    assert [f for f in checked.findings if f.fix is not None] == []
    assert fix_text(text, SETTINGS, unsafe=True).text == text


def test_only_the_two_learning_module_trackers_are_trackers_for_the_default_profile() -> None:
    trackers = [p.name for p in FILES if check(p.read_text("utf-8"), SETTINGS).is_tracker]
    assert trackers == ["dstudio-tracker-v1.md", "dstudio-tracker-v3.md"]


def test_the_summary_counts_the_files_that_are_not_trackers(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(["--today", "2026-11-26", str(CORPUS)])
    out, err = capsys.readouterr()
    assert code == 1
    assert err == ""  # files found in a folder are counted, not noted one by one
    others = len(FILES) - 2
    assert out.splitlines()[-1] == (
        f"Found 7 errors (7 fixable with --fix); 2 trackers checked, "
        f"{others} Markdown files are not trackers."
    )


def test_the_realworld_trackers_say_plainly_that_none_was_checked(
    capsys: pytest.CaptureFixture[str],
) -> None:
    realworld = CORPUS / "realworld"
    count = len(list(realworld.glob("*.md")))
    assert main(["--today", "2026-11-26", str(realworld)]) == 0
    assert (
        capsys.readouterr().out
        == f"No trackers checked ({count} Markdown files are not trackers).\n"
    )
