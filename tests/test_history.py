"""TL304 stale-date and ``--base [REV]``, on real git repositories made by the tests."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT, SHARED, TODAY, run
from tracker_lint import Settings, lint
from tracker_lint.engine import model

V1 = SHARED / "corpus" / "dstudio-tracker-v1.md"

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

HEADER = """\
# Course

## Laws

| # | Law | Module | Exam | Status | Last Updated |
|---|-----|--------|------|--------|--------------|
"""


def tracker(*rows: str) -> str:
    return HEADER + "".join(f"| {i} | {row} |\n" for i, row in enumerate(rows, 1))


def stale(text: str, base: str) -> list[tuple[int, int, int, int]]:
    """Spans of the TL304 findings of ``text`` against ``base``."""
    settings = Settings(today=TODAY, select=frozenset({"TL304"}))
    findings = lint(text, settings, base=model(base, settings.profile))
    return [(f.line, f.column, f.end_line, f.end_column) for f in findings]


# The rule on its own (no git)

BASE = tracker(
    "Latency | ✅ | ⬜ | 📝 Module done | 2025-02-01",
    "Capacity | ⬜ | ⬜ | ⬜ Not started | ",
)


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        # date moved forward
        ("Latency | ✅ | ✅ | ✅ Complete | 2025-02-02", []),
        # unchanged date
        ("Latency | ✅ | ✅ | ✅ Complete | 2025-02-01", [(7, 38, 7, 48)]),
        # earlier date
        ("Latency | ✅ | ✅ | ✅ Complete | 2025-01-30", [(7, 38, 7, 48)]),
        # date removed
        ("Latency | ✅ | ✅ | ✅ Complete | ", [(7, 37, 7, 39)]),
        # stage changed, status left alone (TL201's business too), same date
        ("Latency | ✅ | ✅ | 📝 Module done | 2025-02-01", [(7, 41, 7, 51)]),
        # status changed alone
        ("Latency | ✅ | ⬜ | 🔍 Needs review | 2025-02-01", [(7, 42, 7, 52)]),
        # only the label or a note changed: not progress
        ("Latency | ✅ | ⬜ | 📝 Module done, needs exam | 2025-02-01", []),
        ("Latency | ✅ v2 | ⬜ | 📝 Module done | 2025-01-15", []),
        # nothing changed at all, whatever the date
        ("Latency | ✅ | ⬜ | 📝 Module done | 2025-01-15", []),
        # a renamed row is a new row: not TL304's business
        ("Latency (v2) | ✅ | ✅ | ✅ Complete | 2025-01-30", []),
        # names match case-insensitively, whitespace collapsed
        ("latency  | ✅ | ✅ | ✅ Complete | 2025-01-30", [(7, 39, 7, 49)]),
        # an invalid date is invalid-date's (TL302) business
        ("Latency | ✅ | ✅ | ✅ Complete | 2025-02-30", []),
    ],
)
def test_first_row(row: str, expected: list[tuple[int, int, int, int]]) -> None:
    text = tracker(row, "Capacity | ⬜ | ⬜ | ⬜ Not started | ")
    assert stale(text, BASE) == expected


def test_added_and_removed_rows_are_not_reported() -> None:
    added = tracker(
        "Latency | ✅ | ⬜ | 📝 Module done | 2025-02-01",
        "Capacity | ⬜ | ⬜ | ⬜ Not started | ",
        "Failure | ✅ | ✅ | ✅ Complete | ",
    )
    assert stale(added, BASE) == []
    removed = tracker("Capacity | ✅ | ⬜ | 📝 Module done | 2025-03-01")
    assert stale(removed, BASE) == []


def test_rows_are_matched_within_their_section() -> None:
    base = (
        BASE
        + "\n## Pillars\n\n| Pillar | Module | Exam | Status | Last Updated |\n"
        + ("|---|---|---|---|---|\n| Latency | ⬜ | ⬜ | ⬜ Not started | |\n")
    )
    # Latency under Pillars turns ✅ with a date: its only match is the Pillars row
    # (empty date before), not the Laws row dated 2025-02-01.
    text = base.replace(
        "| Latency | ⬜ | ⬜ | ⬜ Not started | |",
        "| Latency | ✅ | ✅ | ✅ Complete | 2025-01-15 |",
    )
    assert stale(text, base) == []


def test_message_says_what_changed_and_how_the_date_moved() -> None:
    text = tracker(
        "Latency | ✅ | ✅ | ✅ Complete | 2025-01-30", "Capacity | ⬜ | ⬜ | ⬜ Not started | "
    )
    settings = Settings(today=TODAY, select=frozenset({"TL304"}))
    [finding] = lint(text, settings, base=model(BASE, settings.profile))
    assert finding.code == "TL304"
    assert finding.name == "stale-date"
    assert finding.severity == "error"
    # What it says (the row, the cells that changed, the dates): tests/golden/TL304.txt
    # holds this very message.
    assert (finding.line, finding.column) == (7, 38)
    assert all(part in finding.message for part in ("Latency", "2025-02-01", "2025-01-30"))


def test_table_without_the_date_column_is_reported_at_the_row() -> None:
    base = (
        "## Work\n\n| Page | Module | Exam | Status |\n|---|---|---|---|\n"
        "| A | ⬜ | ⬜ | ⬜ Not started |\n"
    )
    text = base.replace("| A | ⬜ | ⬜ | ⬜ Not started |", "| A | ✅ | ⬜ | 📝 Module done |")
    assert stale(text, base) == [(5, 1, 5, 30)]


def test_without_a_base_the_rule_does_nothing() -> None:
    text = tracker("Latency | ✅ | ✅ | ✅ Complete | 2025-01-30")
    assert "TL304" not in {f.code for f in lint(text, Settings(today=TODAY))}


def test_seed_against_v1_finds_flow_control_only(seed_text: str) -> None:
    if not V1.exists():
        pytest.skip("the shared corpus is not present beside the project")
    # Diffing v1 against the seed by hand, three Pillars rows changed:
    #   State Management       📝 2025-01-30 → ✅ 2025-08-07   forward: fine
    #   Flow Control           📝 2025-08-07 → ✅ 2025-01-30   backward: TL304
    #   Operational Excellence ⬜ (no date)  → 📝 2025-01-30   forward: fine
    # (the Quick Stats lines changed too; they are not rows)
    assert stale(seed_text, V1.read_text(encoding="utf-8")) == [(60, 74, 60, 84)]


# The command line, on real repositories


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        [
            "git",
            "-c",
            "user.name=tracker-lint tests",
            "-c",
            "user.email=tests@example.invalid",
            "-c",
            "commit.gpgsign=false",
            *args,
        ],
        cwd=repo,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty git repository with a ``docs/`` folder; the CLI can import tracker_lint."""
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        monkeypatch.delenv(name, raising=False)
    root = tmp_path / "repo"
    (root / "docs").mkdir(parents=True)
    git(root, "init", "-q")
    return root


def commit(repo: Path, text: str, message: str, name: str = "docs/T.md") -> None:
    (repo / name).write_text(text, encoding="utf-8", newline="")
    git(repo, "add", name)
    git(repo, "commit", "-q", "-m", message)


def tl304(result: subprocess.CompletedProcess[str]) -> list[tuple[str, int, int]]:
    return [
        (f["path"], f["line"], f["column"])
        for f in json.loads(result.stdout)
        if f["code"] == "TL304"
    ]


def check(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run("--today", "2026-11-26", "--output-format", "json", *args, cwd=repo / "docs")


@needs_git
def test_flow_control_when_v1_is_committed_and_the_seed_is_the_working_copy(
    repo: Path, seed_text: str
) -> None:
    if not V1.exists():
        pytest.skip("the shared corpus is not present beside the project")
    commit(repo, V1.read_text(encoding="utf-8"), "v1")
    (repo / "docs" / "T.md").write_text(seed_text, encoding="utf-8", newline="")
    result = check(repo, "--base", "T.md")
    assert result.stderr == ""
    assert tl304(result) == [("T.md", 60, 74)]
    flow = next(f for f in json.loads(result.stdout) if f["code"] == "TL304")
    assert "Flow Control" in flow["message"]
    assert "2025-08-07" in flow["message"]  # the dates, base then now (wording: golden TL304)
    assert flow["message"].index("2025-08-07") < flow["message"].index("2025-01-30")
    # The same, naming HEAD; and without --base, no TL304 at all.
    assert tl304(check(repo, "--base", "HEAD", "T.md")) == [("T.md", 60, 74)]
    assert tl304(check(repo, "T.md")) == []


STEP_1 = tracker(
    "Latency | ⬜ | ⬜ | ⬜ Not started | ",
    "Capacity | ⬜ | ⬜ | ⬜ Not started | ",
)
STEP_2 = tracker(
    "Latency | ✅ | ⬜ | 📝 Module done | 2025-03-01",
    "Capacity | 🔄 | ⬜ | 🔄 In Progress | 2025-03-02",
)
STEP_3 = tracker(
    "Latency | ✅ | ✅ | ✅ Complete | 2025-03-10",
    "Capacity | ✅ | ⬜ | 📝 Module done | 2025-03-02",
)


@needs_git
def test_a_sequence_of_commits(repo: Path) -> None:
    commit(repo, STEP_1, "start")
    commit(repo, STEP_2, "work")
    (repo / "docs" / "T.md").write_text(STEP_3, encoding="utf-8")
    # Against HEAD (step 2): Latency moved forward, Capacity changed on the same date.
    assert tl304(check(repo, "T.md", "--base")) == [("T.md", 8, 42)]
    # Against the first commit both dates are new: nothing is stale.
    assert tl304(check(repo, "--base", "HEAD~1", "T.md")) == []
    # Committed, the step-2 -> step-3 history is still judged with an explicit revision.
    git(repo, "commit", "-q", "-am", "more")
    assert tl304(check(repo, "--base=HEAD~1", "T.md")) == [("T.md", 8, 42)]
    assert tl304(check(repo, "--base", "T.md")) == []  # HEAD is the working copy now


@needs_git
def test_dates_that_moved_forward_are_not_reported(repo: Path) -> None:
    commit(repo, STEP_1, "start")
    (repo / "docs" / "T.md").write_text(STEP_2, encoding="utf-8")
    result = check(repo, "--base", "T.md")
    assert (tl304(result), result.stderr) == ([], "")


@needs_git
def test_a_file_that_did_not_exist_at_the_revision_is_noted_once(repo: Path) -> None:
    commit(repo, STEP_1, "start")
    (repo / "docs" / "U.md").write_text(STEP_2, encoding="utf-8")
    result = check(repo, "--base", "U.md", "T.md", "U.md")
    assert result.stderr == (
        "note: --base HEAD: docs/U.md did not exist at HEAD; stale-date (TL304) skipped\n"
    )
    assert tl304(result) == []
    assert result.returncode == 0


@needs_git
def test_a_repository_without_commits_is_noted(repo: Path) -> None:
    (repo / "docs" / "T.md").write_text(STEP_2, encoding="utf-8")
    result = check(repo, "--base", "T.md")
    assert result.stderr == (
        "note: --base HEAD: HEAD is not a revision of the repository that holds docs/; "
        "stale-date (TL304) skipped\n"
    )


@needs_git
def test_outside_a_repository_the_note_is_printed_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    monkeypatch.delenv("GIT_DIR", raising=False)
    for name in ("A.md", "B.md"):
        (tmp_path / name).write_text(STEP_2, encoding="utf-8")
    (tmp_path / "notes.md").write_text("# Notes\n\nNot a tracker.\n", encoding="utf-8")
    # Git is not asked about a file that is not a tracker: no --base note for notes.md
    # alone, only the note that the file named on the command line is not a tracker.
    alone = run("--base", "notes.md", cwd=tmp_path)
    assert (alone.returncode, alone.stderr) == (
        0,
        "note: notes.md: not a tracker for profile learning-module "
        "(no table with columns Module, Exam, Status); skipped\n",
    )
    result = run("--today", "2026-11-26", "--base", "A.md", "B.md", cwd=tmp_path)
    assert result.stderr == (
        "note: --base HEAD: not in a git repository; stale-date (TL304) skipped\n"
    )
    assert result.returncode == 0  # two TL402 warnings: no Quick Stats
    assert "TL304" not in result.stdout


@needs_git
def test_base_without_a_value_is_head(repo: Path) -> None:
    commit(repo, STEP_2, "work")
    (repo / "docs" / "T.md").write_text(STEP_3, encoding="utf-8")
    # Last on the command line, before a path, and before another flag.
    assert tl304(check(repo, "T.md", "--base")) == [("T.md", 8, 42)]
    assert tl304(check(repo, "--base", "T.md")) == [("T.md", 8, 42)]
    assert tl304(check(repo, "--base", "--quiet", "T.md")) == [("T.md", 8, 42)]


@needs_git
def test_standard_input_has_no_history(repo: Path) -> None:
    result = run("--base", "-", stdin=STEP_2.encode(), cwd=repo)
    assert result.stderr == (
        "note: --base HEAD: standard input has no git history; stale-date (TL304) skipped\n"
    )
