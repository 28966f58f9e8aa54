"""``tracker-lint history``: the tracker at every commit of a real temporary git
repository (set dates, a rename, a commit that breaks the totals, a merge), the
figures of each exactly; the burn-up chart parsed, and rendered by a real browser."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path

import pytest

from tests.conftest import SHARED, run

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
pytestmark = needs_git

HEAD = "## Quick Stats\n\n- **Total Pages**: {total}\n- **Completed**: {done}\n\n## Pages\n\n"
TABLE = "| Page | Module | Exam | Status |\n|---|---|---|---|\n"
DONE = "| {name} | ✅ | ✅ | ✅ Complete |\n"
TODO = "| {name} | ⬜ | ⬜ | ⬜ Not started |\n"


def tracker(done: int, todo: int, *, total: int | None = None, written: int | None = None) -> str:
    rows = [DONE.format(name=f"D{i}") for i in range(done)]
    rows += [TODO.format(name=f"T{i}") for i in range(todo)]
    head = HEAD.format(
        total=done + todo if total is None else total, done=done if written is None else written
    )
    return "# Tracker\n\n" + head + TABLE + "".join(rows)


def git(repo: Path, *args: str, when: str | None = None) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env["GIT_CEILING_DIRECTORIES"] = str(repo.parent)
    if when is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = when
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid",
         "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
        cwd=repo, check=True, capture_output=True, text=True, env=env,
    )  # fmt: skip
    return done.stdout


def commit(repo: Path, name: str, text: str | bytes, when: str, message: str = "c") -> None:
    path = repo / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    git(repo, "add", name)
    git(repo, "commit", "-q", "-m", message, when=when)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    return root


def history(repo: Path, name: str, *args: str) -> dict[str, object]:
    result = run("history", "--today", "2026-03-01", "--output-format", "json", *args, name,
                 cwd=repo)  # fmt: skip
    assert result.returncode == 0, result.stderr
    data: dict[str, object] = json.loads(result.stdout)
    return data


def figures(data: dict[str, object]) -> list[tuple[object, ...]]:
    points = data["points"]
    assert isinstance(points, list)
    return [
        (p["date"][:10], p["path"], p["items"], p["complete"], p["percent"], len(p["wrong_totals"]))
        for p in points
    ]


def test_every_commit_with_its_figures_through_a_rename_a_broken_total_and_a_merge(
    repo: Path,
) -> None:
    commit(repo, "docs/T.md", tracker(1, 3), "2026-01-05T10:00:00+00:00")
    commit(repo, "docs/T.md", tracker(2, 2), "2026-01-12T10:00:00+00:00")
    git(repo, "mv", "docs/T.md", "docs/TRACKER.md")
    git(repo, "commit", "-q", "-m", "rename", when="2026-01-19T10:00:00+00:00")
    # a row turned done, the totals left as they were: wrong at this commit
    commit(repo, "docs/TRACKER.md", tracker(3, 1, written=2), "2026-01-26T10:00:00+00:00")
    git(repo, "checkout", "-q", "-b", "side")
    commit(repo, "docs/TRACKER.md", tracker(4, 1), "2026-02-02T10:00:00+00:00")
    git(repo, "checkout", "-q", "main")
    commit(repo, "other.md", "# unrelated\n", "2026-02-03T10:00:00+00:00")
    git(repo, "merge", "-q", "--no-ff", "-m", "merge", "side", when="2026-02-09T10:00:00+00:00")
    data = history(repo, "docs/TRACKER.md")
    assert figures(data) == [
        ("2026-01-05", "docs/T.md", 4, 1, 25.0, 0),
        ("2026-01-12", "docs/T.md", 4, 2, 50.0, 0),
        ("2026-01-19", "docs/TRACKER.md", 4, 2, 50.0, 0),  # the rename
        ("2026-01-26", "docs/TRACKER.md", 4, 3, 75.0, 1),  # Completed 2, the tables 3
        ("2026-02-09", "docs/TRACKER.md", 5, 4, 80.0, 0),  # the merge: the state it made
    ]  # (the side branch's own commit is not interleaved: first-parent history)
    points = data["points"]
    assert isinstance(points, list)
    assert points[3]["wrong_totals"] == ["Completed 2 (3)"]


def test_since_and_rev_narrow_the_history(repo: Path) -> None:
    for week, done in enumerate((1, 2, 3)):
        commit(repo, "T.md", tracker(done, 3 - done), f"2026-01-{5 + 7 * week:02d}T10:00:00+00:00")
    assert [f[3] for f in figures(history(repo, "T.md", "--since", "2026-01-10"))] == [2, 3]
    assert [f[3] for f in figures(history(repo, "T.md", "--rev", "HEAD~1"))] == [1, 2]


def test_versions_that_are_not_utf8_or_not_trackers_are_listed_with_the_reason(
    repo: Path,
) -> None:
    commit(repo, "T.md", tracker(1, 1), "2026-01-05T10:00:00+00:00")
    commit(repo, "T.md", "# Tracker\n\nÉtat\n".encode("latin-1"), "2026-01-06T10:00:00+00:00")
    commit(repo, "T.md", "# Tracker\n\nJust prose.\n", "2026-01-07T10:00:00+00:00")
    commit(repo, "T.md", tracker(2, 0), "2026-01-08T10:00:00+00:00")
    result = run("history", "--output-format", "json", "T.md", cwd=repo)
    assert result.returncode == 0
    assert "2 of 4 versions have no figures" in result.stderr
    notes = [p["note"] for p in json.loads(result.stdout)["points"]]
    assert notes[0] is None and notes[3] is None
    assert "not valid UTF-8" in notes[1] and notes[2] == "not a tracker"


def test_a_file_not_in_git_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "T.md").write_text(tracker(1, 1), encoding="utf-8")
    env = {"GIT_CEILING_DIRECTORIES": str(tmp_path.parent)}
    result = run("history", "T.md", cwd=tmp_path, env=env)
    assert result.returncode == 2
    assert "not in a git repository" in result.stderr
    (tmp_path / "repo").mkdir()
    git(tmp_path / "repo", "init", "-q")
    (tmp_path / "repo" / "T.md").write_text(tracker(1, 1), encoding="utf-8")
    result = run("history", "T.md", cwd=tmp_path / "repo")
    assert result.returncode == 2
    assert "has no commit in git" in result.stderr


def test_a_shallow_clone_says_where_its_history_starts(repo: Path, tmp_path: Path) -> None:
    for day in (5, 6, 7):
        commit(repo, "T.md", tracker(day - 4, 3), f"2026-01-{day:02d}T10:00:00+00:00")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", repo.as_uri(), str(clone))
    result = run("history", "--output-format", "json", "T.md", cwd=clone)
    assert result.returncode == 0
    assert "shallow clone" in result.stderr
    assert len(json.loads(result.stdout)["points"]) == 1


SEED_HISTORY = [
    SHARED / "corpus" / "dstudio-tracker-v1.md",
    SHARED / "seed" / "learning-module-tracker.md",
    SHARED / "corpus" / "dstudio-tracker-v3.md",
]


def test_the_dstudio_history_v1_seed_v3(repo: Path) -> None:
    if not all(p.exists() for p in SEED_HISTORY):
        pytest.skip("the shared seed and corpus are not present beside the project")
    for hour, path in zip((10, 12, 15), SEED_HISTORY, strict=True):
        commit(repo, "T.md", path.read_text(encoding="utf-8"), f"2025-08-01T{hour}:00:00+00:00")
    data = history(repo, "T.md")
    assert [f[4] for f in figures(data)] == [9.1, 12.7, 14.5]  # Quick Stats said 9.6, 13.5, 15.4
    text = run("history", "--today", "2025-08-20", "T.md", cwd=repo).stdout
    assert "Completion 9.6 (9.1)" in text and "Completion 15.4 (14.5)" in text


@pytest.fixture
def chart(repo: Path, tmp_path: Path) -> Path:
    for day, done in zip((5, 12, 19, 26, 30), (1, 2, 2, 4, 5), strict=True):
        written = done if day != 19 else 1
        commit(repo, "T.md", tracker(done, 10 - done, written=written),
               f"2026-01-{day:02d}T10:00:00+00:00")  # fmt: skip
    out = tmp_path / "chart.svg"
    result = run("history", "--today", "2026-02-02", "--chart", str(out), "--output-format",
                 "markdown", "T.md", cwd=repo)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert f"![burn-up chart]({out})" in result.stdout
    return out


def test_the_chart_is_valid_svg_with_both_lines_a_mark_and_a_band(chart: Path) -> None:
    root = ET.parse(chart).getroot()
    ns = "{http://www.w3.org/2000/svg}"
    assert root.tag == f"{ns}svg"
    assert len(root.findall(f"{ns}polyline")) == 2
    assert len(root.findall(f"{ns}circle")) == 1  # the week the totals were wrong
    assert len(root.findall(f"{ns}polygon")) == 1  # the forecast
    assert "prefers-color-scheme: dark" in chart.read_text(encoding="utf-8")


def _pixels_vary(png: bytes) -> int:
    """How many distinct byte values the image data holds (a blank page: a handful)."""
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    at, data = 8, b""
    while at < len(png):
        size = int.from_bytes(png[at : at + 4], "big")
        kind = png[at + 4 : at + 8]
        if kind == b"IDAT":
            data += png[at + 8 : at + 8 + size]
        at += 12 + size
    return len(set(zlib.decompress(data)))


@pytest.mark.slow
def test_a_real_browser_draws_the_chart(chart: Path, tmp_path: Path) -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("Chromium is not installed (.ci/run installs Debian's chromium)")
    shots = {}
    blank = tmp_path / "blank.svg"
    blank.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="720" height="360"/>', encoding="utf-8"
    )
    for name, svg in (("chart", chart), ("blank", blank)):
        out = tmp_path / f"{name}.png"
        subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             f"--screenshot={out}", "--window-size=720,360", svg.as_uri()],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip
        shots[name] = _pixels_vary(out.read_bytes())
    assert shots["chart"] > 3 * shots["blank"]


def test_the_json_output_is_what_its_schema_says(repo: Path) -> None:
    import jsonschema

    from tests.conftest import ROOT

    commit(repo, "T.md", tracker(1, 3), "2026-01-05T10:00:00+00:00")
    commit(repo, "T.md", "# Tracker\n\nJust prose.\n", "2026-01-12T10:00:00+00:00")
    commit(repo, "T.md", tracker(3, 1, written=2), "2026-01-19T10:00:00+00:00")
    schema = json.loads((ROOT / "docs" / "history-schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(history(repo, "T.md"), schema)


def test_text_csv_and_markdown_have_a_row_per_commit(repo: Path) -> None:
    commit(repo, "T.md", tracker(1, 3), "2026-01-05T10:00:00+00:00")
    commit(repo, "T.md", tracker(2, 2, written=1), "2026-01-12T10:00:00+00:00")
    csv_rows = run("history", "--output-format", "csv", "T.md", cwd=repo).stdout.splitlines()
    assert csv_rows[0] == "date,commit,items,complete,percent,statuses,wrong totals"
    assert [r.split(",")[2:5] for r in csv_rows[1:]] == [["4", "1", "25.0%"], ["4", "2", "50.0%"]]
    markdown = run("history", "--output-format", "markdown", "T.md", cwd=repo).stdout
    assert markdown.splitlines()[0].startswith("| date | commit |")
    assert "Completed 1 (2)" in markdown.splitlines()[3]
    text = run("history", "T.md", cwd=repo).stdout
    assert text.splitlines()[0].split()[:3] == ["date", "commit", "items"]
    assert "Forecast:" in text


def test_report_takes_the_items_velocity_from_the_git_history(repo: Path, tmp_path: Path) -> None:
    """The rows have no dates: the forecast comes from the commits that turned them done."""
    undated = "| Page | Status |\n|---|---|\n"

    def plain(done: int, todo: int) -> str:
        rows = "".join(f"| D{i} | ✅ Complete |\n" for i in range(done))
        rows += "".join(f"| T{i} | ⬜ Not started |\n" for i in range(todo))
        return "# T\n\n" + undated + rows

    config = (
        '[profile]\ncolumns = { number = "" }\n[[profile.statuses]]\nid = "done"\n'
        'symbol = "✅"\nlabel = "Complete"\nprogress = "done"\n[[profile.statuses]]\n'
        'id = "todo"\nsymbol = "⬜"\nlabel = "Not started"\nprogress = "none"\n'
    )
    commit(repo, ".tracker-lint.toml", config, "2025-12-01T10:00:00+00:00")
    commit(repo, "T.md", plain(1, 9), "2025-12-01T10:00:00+00:00")  # before the window
    commit(repo, "T.md", plain(3, 7), "2026-01-10T10:00:00+00:00")
    commit(repo, "T.md", plain(5, 5), "2026-02-10T10:00:00+00:00")
    result = run("report", "--today", "2026-02-20", "--output-format", "json", "T.md", cwd=repo)
    data = json.loads(result.stdout)
    assert data["velocity_source"] == "git history"
    assert data["velocity"][0]["completed"] == 4  # 1 -> 5 within the 8 weeks
    assert data["velocity"][0]["outlook"] == "estimated"
    text = run("report", "--today", "2026-02-20", "T.md", cwd=repo).stdout
    assert "(items: the commits of the git history" in text
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "T.md").write_text(plain(5, 5), encoding="utf-8")
    (outside / ".tracker-lint.toml").write_text(config, encoding="utf-8")
    env = {"GIT_CEILING_DIRECTORIES": str(tmp_path)}
    data = json.loads(run("report", "--output-format", "json", "T.md", cwd=outside, env=env).stdout)
    assert data["velocity_source"] == "dates"


@pytest.mark.parametrize("name", ["Übersicht.md", "T[1].md", "tab\tname.md", 'q"uote.md'])
def test_any_file_name(repo: Path, name: str) -> None:
    commit(repo, "T1.md", tracker(3, 0), "2026-01-04T10:00:00+00:00")  # a glob would take it
    commit(repo, name, tracker(1, 1), "2026-01-05T10:00:00+00:00")
    commit(repo, name, tracker(2, 0), "2026-01-12T10:00:00+00:00")
    assert [f[1:4] for f in figures(history(repo, name))] == [(name, 2, 1), (name, 2, 2)]


def test_a_slow_pace_or_a_long_window_is_no_overflow(repo: Path) -> None:
    commit(repo, "T.md", tracker(0, 2000), "2025-01-05T10:00:00+00:00")
    commit(repo, "T.md", tracker(1, 1999), "2026-01-05T10:00:00+00:00")
    result = run("history", "--today", "2026-01-10", "--weeks", "52", "T.md", cwd=repo)
    assert result.returncode == 0, result.stderr
    assert "not within a century" in result.stdout
    assert run("history", "--weeks", "100000000", "T.md", cwd=repo).returncode == 2  # usage


def test_the_forecast_ends_at_today(repo: Path) -> None:
    for day, done in ((5, 1), (12, 2), (19, 5)):
        commit(repo, "T.md", tracker(done, 10 - done), f"2026-01-{day:02d}T10:00:00+00:00")
    forecast = history(repo, "T.md", "--today", "2026-01-13")["forecast"]
    assert isinstance(forecast, dict)
    assert forecast["remaining"] == 8  # as of 2026-01-12, not the 19th


def test_no_readable_version_at_all_is_an_error(repo: Path) -> None:
    commit(repo, "T.md", "# Notes\n\nJust prose.\n", "2026-01-05T10:00:00+00:00")
    result = run("history", "T.md", cwd=repo)
    assert result.returncode == 2
    assert "no version of it is a tracker" in result.stderr


def test_the_chart_is_well_formed_whatever_the_path_holds(repo: Path, tmp_path: Path) -> None:
    name = "a\x1bb.md"
    commit(repo, name, tracker(1, 1), "2026-01-05T10:00:00+00:00")
    commit(repo, name, tracker(2, 1, written=1), "2026-01-12T10:00:00+00:00")
    out = tmp_path / "c.svg"
    assert run("history", "--chart", str(out), name, cwd=repo).returncode == 0
    ET.parse(out)
