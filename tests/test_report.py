"""``tracker-lint report``: hand-counted figures, velocity, forecast, the three formats."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import jsonschema
import pytest

from tests.conftest import ROOT, SEED, run
from tracker_lint import Settings
from tracker_lint.config import validate_profile
from tracker_lint.engine import analyse
from tracker_lint.report import Report, build_report, render_markdown, render_text, report_json

SCHEMA = json.loads((ROOT / "docs" / "report-schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())

# Counted by hand from ../shared/seed/learning-module-tracker.md, one line per
# table heading: (heading, rows, ✅ complete, 📝 module done, ⬜ not started, percent).
SEED_SECTIONS = [
    ("🎯 7 Fundamental Laws", 7, 4, 2, 1, 57.1),  # Laws 1, 2, 3, 7 ✅; 4, 5 📝; 6 ⬜
    ("🏛️ 5 Architectural Pillars", 5, 3, 1, 1, 60.0),  # Pillars 1, 2, 3 ✅; 5 📝; 4 ⬜
    ("Scaling Patterns", 7, 0, 0, 7, 0.0),
    ("Resilience Patterns", 6, 0, 0, 6, 0.0),
    ("Architecture Patterns", 6, 0, 0, 6, 0.0),
    ("Data Management Patterns", 5, 0, 0, 5, 0.0),
    ("Communication Patterns", 5, 0, 0, 5, 0.0),
    ("Coordination Patterns", 4, 0, 0, 4, 0.0),
    ("Major Failures", 6, 0, 0, 6, 0.0),
    ("Success Stories", 4, 0, 0, 4, 0.0),
]
SEED_OVERALL = (55, 7, 3, 45, 12.7)  # 7 / 55 = 12.727…%


def _report(text: str, today: date, weeks: int = 8, settings: Settings | None = None) -> Report:
    tracker = analyse(text, settings or Settings(today=today))
    assert tracker is not None
    return build_report(tracker, today, weeks)


def _figures(entry: dict[str, object]) -> tuple[object, ...]:
    counts = entry["counts"]
    assert isinstance(counts, dict)
    assert counts["in-progress"] == counts["exam-done"] == counts["needs-review"] == 0
    return (
        entry["rows"],
        counts["complete"],
        counts["module-done"],
        counts["not-started"],
        entry["percent"],
    )


# The seed tracker, in all three formats


def test_seed_report_json_matches_hand_counts(seed_text: str) -> None:
    result = run("report", str(SEED), "--today", "2026-11-26", "--format", "json")
    assert (result.returncode, result.stderr) == (0, "")
    data = json.loads(result.stdout)
    VALIDATOR.validate(data)
    assert [(s["name"], *_figures(s)) for s in data["sections"]] == SEED_SECTIONS
    assert _figures(data["overall"]) == SEED_OVERALL
    assert data["overall"]["complete"] == 7
    assert data["overall"]["unknown"] == 0
    assert [s["id"] for s in data["statuses"]] == [
        "complete",
        "in-progress",
        "module-done",
        "exam-done",
        "not-started",
        "needs-review",
    ]


def test_seed_report_text_matches_hand_counts(seed_text: str) -> None:
    result = run("report", str(SEED), "--today", "2026-11-26")
    assert (result.returncode, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    assert lines[0] == f"Progress of {SEED} on 2026-11-26"
    assert lines[2] == (
        "🎯 7 Fundamental Laws        7 rows  ███████████░░░░░░░░░  57.1%  "
        "✅ Complete 4, 📝 Module done 2, ⬜ Not started 1"
    )
    assert lines[3] == (
        "🏛️ 5 Architectural Pillars   5 rows  ████████████░░░░░░░░  60.0%  "
        "✅ Complete 3, 📝 Module done 1, ⬜ Not started 1"
    )
    assert lines[4] == (
        "Scaling Patterns             7 rows  ░░░░░░░░░░░░░░░░░░░░   0.0%  ⬜ Not started 7"
    )
    assert lines[11] == (
        "Success Stories              4 rows  ░░░░░░░░░░░░░░░░░░░░   0.0%  ⬜ Not started 4"
    )
    assert lines[13] == (
        "Overall                     55 rows  ██░░░░░░░░░░░░░░░░░░  12.7%  "
        "✅ Complete 7, 📝 Module done 3, ⬜ Not started 45"
    )
    # Nothing in the seed is dated within the 8 weeks to 2026-11-26.
    assert lines[-1] == (
        "Not enough dated history to forecast: nothing was completed in the 8 weeks to 2026-11-26."
    )


def test_seed_report_markdown_matches_hand_counts(seed_text: str) -> None:
    result = run("report", str(SEED), "--today", "2026-11-26", "--format", "markdown")
    assert (result.returncode, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    assert lines[2] == (
        "| Section | Rows | ✅ Complete | 🔄 In Progress | 📝 Module done | 🎯 Exam done "
        "| ⬜ Not started | 🔍 Needs review | Complete | Progress |"
    )
    rows = [line for line in lines if line.startswith("| ") and "rows" not in line][1:]
    table = [
        [c.strip() for c in row.strip("|").split("|")] for row in rows[: len(SEED_SECTIONS) + 1]
    ]
    expected = [
        [name, str(n), str(c), "0", str(m), "0", str(ns), "0", f"{p}%"]
        for name, n, c, m, ns, p in SEED_SECTIONS
    ]
    expected.append(["**Overall**", "55", "7", "0", "3", "0", "45", "0", "12.7%"])
    assert [row[:-1] for row in table] == expected
    assert table[-1][-1] == "`██░░░░░░░░░░░░░░░░░░`"


def test_seed_velocity_over_a_window_with_one_completion(seed_text: str) -> None:
    # In the 8 weeks 2025-06-16 .. 2025-08-10 only State Management (✅, 2025-08-07)
    # changed: 1 item, 1 module, 1 exam; 48 items, 45 modules, 48 exams remain.
    report = report_json(_report(seed_text, date(2025, 8, 10)))
    assert [
        (v["name"], v["completed"], v["remaining"], v["estimate"]) for v in report["velocity"]
    ] == [
        ("items", 1, 48, "2032-12-19"),  # 48 / (1/8) weeks = 384 weeks = 2688 days
        ("Module", 1, 45, "2032-07-04"),  # 45 × 8 weeks = 2520 days
        ("Exam", 1, 48, "2032-12-19"),
    ]
    assert report["note"] is None


# Velocity and forecast on a tracker with known dates

DATED = """\
# Course

## Batch A

| # | Page | Module | Exam | Status | Last Updated |
|---|------|--------|------|--------|--------------|
| 1 | Alpha | ✅ | ✅ | ✅ Complete | 2026-11-20 |
| 2 | Beta | ✅ | ✅ | ✅ Complete | 2026-10-02 |
| 3 | Gamma | ✅ | ✅ | ✅ Complete | 2026-10-01 |
| 4 | Delta | ✅ | ⬜ | 📝 Module done | 2026-11-01 |

## Batch B

| # | Page | Module | Exam | Status | Last Updated |
|---|------|--------|------|--------|--------------|
| 1 | Epsilon | ⬜ | ⬜ | ⬜ Not started | |
| 2 | Zeta | ⬜ | ⬜ | ⬜ Not started | |
| 3 | Eta | 🔄 | ⬜ | 🔄 In Progress | 2026-11-25 |
| 4 | Theta | ⬜ | ✅ | 🎯 Exam done | 2026-12-01 |
"""


def test_velocity_and_forecast_over_eight_weeks() -> None:
    # Window: 2026-10-02 .. 2026-11-26 (56 days). Gamma (10-01) is just outside,
    # Beta (10-02) just inside; Theta (12-01) is after today and does not count.
    report = _report(DATED, date(2026, 11, 26))
    assert report.window_start == date(2026, 10, 2)
    assert (report.overall.rows, report.overall.complete, str(report.overall.percent)) == (
        8,
        3,
        "37.5",
    )
    got = [(v.name, v.completed, v.per_week, v.remaining, v.estimate) for v in report.velocity]
    assert got == [
        # Alpha, Beta; 5 left at 2 / 8 weeks: 20 weeks = 140 days
        ("items", 2, 0.25, 5, date(2027, 4, 15)),
        # Alpha, Beta, Delta; 4 left at 3 / 8 weeks: 74.7 days, rounded up to 75
        ("Module", 3, 0.375, 4, date(2027, 2, 9)),
        # Alpha, Beta (Theta is in the future); 4 left at 2 / 8 weeks: 112 days
        ("Exam", 2, 0.25, 4, date(2027, 3, 18)),
    ]
    assert report.history_note() is None


def test_velocity_with_weeks_and_today_from_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "course.md"
    path.write_text(DATED, encoding="utf-8")
    result = run("report", str(path), "--today", "2026-11-26", "--weeks", "1")
    assert result.returncode == 0
    # Window 2026-11-20 .. 2026-11-26: only Alpha; 1 a week.
    assert result.stdout.splitlines()[-4:] == [
        "Velocity over the week 2026-11-20 to 2026-11-26:",
        "  Items completed: 1 (1/week), 5 remaining, estimated completion: 2026-12-31",
        "  Module completed: 1 (1/week), 4 remaining, estimated completion: 2026-12-24",
        "  Exam completed: 1 (1/week), 4 remaining, estimated completion: 2026-12-24",
    ]
    md = run("report", str(path), "--today", "2026-11-26", "--format", "markdown")
    assert "| Items completed | 2 | 0.25 | 5 | 2027-04-15 |" in md.stdout.splitlines()
    data = json.loads(run("report", str(path), "--today=2026-11-26", "--format=json").stdout)
    VALIDATOR.validate(data)
    assert data["window"] == {"start": "2026-10-02", "end": "2026-11-26"}
    assert [s["name"] for s in data["sections"]] == ["Batch A", "Batch B"]


def test_nothing_completed_in_the_window_is_said_plainly() -> None:
    report = _report(DATED, date(2027, 6, 1))
    assert [v.outlook for v in report.velocity] == ["no-history"] * 3
    assert report.history_note() == (
        "Not enough dated history to forecast: nothing was completed in the 8 weeks to 2027-06-01."
    )
    assert "estimated completion: not enough history" in render_text(report)
    assert render_markdown(report).endswith(f"\n{report.history_note()}\n")


def test_a_finished_tracker_needs_no_forecast() -> None:
    text = DATED.split("## Batch B")[0].replace(
        "| ✅ | ⬜ | 📝 Module done |", "| ✅ | ✅ | ✅ Complete |"
    )
    report = _report(text, date(2026, 11, 26))
    assert [v.outlook for v in report.velocity] == ["complete"] * 3
    assert report.history_note() is None
    assert report.overall.percent == 100


NO_DATES = """\
## Work

| Page | Module | Exam | Status |
|------|--------|------|--------|
| Alpha | ✅ | ✅ | ✅ Complete |
| Beta | ⬜ | ⬜ | ⬜ Not started |
| Gamma | ✅ | | ✅ Complete |
"""


def test_without_a_date_column_there_is_not_enough_history() -> None:
    report = _report(NO_DATES, date(2026, 11, 26))
    assert (report.overall.rows, report.overall.complete, report.overall.unknown) == (3, 1, 1)
    assert report.history_note() == (
        "Not enough dated history to forecast: the tables have no Last Updated column."
    )
    data = report_json(report)
    VALIDATOR.validate(data)
    assert data["overall"]["percent"] == 33.3
    assert "| Unknown |" in render_markdown(report)


def test_a_profile_without_stages_or_dates() -> None:
    profile = validate_profile(
        {
            "name": "tasks",
            "columns": {"status": "State"},
            "statuses": [
                {"id": "done", "label": "Done", "symbol": "✅", "progress": "done"},
                {"id": "doing", "label": "Doing", "symbol": "🟦", "progress": "started"},
                {"id": "todo", "label": "To do", "symbol": "⬜", "progress": "none"},
            ],
        },
        "test",
    )
    text = "| ID | Task | State |\n|---|---|---|\n| 1 | A | ✅ |\n| 2 | B | 🟦 |\n| 3 | C | ⬜ |\n"
    today = date(2026, 11, 26)
    report = _report(text, today, settings=Settings(profile=profile, today=today))
    assert [(c.status.id, c.count) for c in report.overall.counts] == [
        ("done", 1),
        ("doing", 1),
        ("todo", 1),
    ]
    assert [v.name for v in report.velocity] == ["items"]
    assert report.sections[0].name == "(no heading)"
    assert report.history_note() == (
        "Not enough dated history to forecast: the tables have no date column."
    )
    VALIDATOR.validate(report_json(report))
    assert "✅ Done 1, 🟦 Doing 1, ⬜ To do 1" in render_text(report)


# The command line's errors


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nosuch.md"], "error: nosuch.md: No such file or directory"),
        (
            ["fixtures/not-a-tracker.md"],
            "error: fixtures/not-a-tracker.md: is not a tracker "
            "for profile learning-module (no table with columns Module, Exam, Status)",
        ),
        (["tests/golden"], "error: tests/golden: directory has no Markdown files"),
    ],
)
def test_unreadable_or_not_a_tracker_is_one_line_and_exit_2(args: list[str], message: str) -> None:
    result = run("report", *args, cwd=ROOT)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", message + "\n")


def test_bad_weeks_is_a_usage_error() -> None:
    result = run("report", "fixtures/clean-tracker.md", "--weeks", "0", cwd=ROOT)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "--weeks" in result.stderr


def test_report_reads_standard_input() -> None:
    result = run(
        "report", "-", "--format", "json", "--today", "2026-11-26", stdin=NO_DATES.encode()
    )
    assert result.returncode == 0
    assert json.loads(result.stdout)["source"] == "-"
