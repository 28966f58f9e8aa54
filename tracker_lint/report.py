"""Progress report: counts per section and overall, velocity and a forecast. No I/O here.

:func:`build_report` reads a :class:`~tracker_lint.model.Tracker`; the
``render_*`` functions turn the result into text, Markdown or JSON (the JSON
shape is ``docs/report-schema.json``).

A row is *complete* when the status it counts as has progress ``done`` in the
profile. Velocity counts completions whose date (the table's date column,
``Last Updated`` in the default profile) falls in the last ``weeks`` weeks
ending at ``today``. A tracker keeps one date per row, so for stage
completions (a row whose ``Module`` cell is done counts one module) that single
date stands in for the day each stage was finished: a row whose module was done
in January and whose exam was done in August counts both in August.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, Literal

from tracker_lint._text import display_width
from tracker_lint.model import Item, Tracker
from tracker_lint.profile import Profile, Status
from tracker_lint.rules.dates import parse_date
from tracker_lint.rules.stats import percent as stats_percent

SCHEMA_VERSION = 1
DEFAULT_WEEKS = 8
BAR_WIDTH = 20
NO_HEADING = "(no heading)"

Outlook = Literal["estimated", "complete", "no-history"]


@dataclass(frozen=True)
class StatusCount:
    status: Status
    count: int


@dataclass(frozen=True)
class Progress:
    """Counts for one section (``name``) or for the whole tracker (``name`` None)."""

    name: str | None
    rows: int
    counts: tuple[StatusCount, ...]  # every status of the profile, in profile order
    unknown: int  # rows whose symbols are not the profile's (no status to count)
    complete: int

    @property
    def percent(self) -> Decimal:
        """Percent complete, one decimal, rounded half up (as Quick Stats ``Completion``)."""
        return percent(self.complete, self.rows)

    @property
    def remaining(self) -> int:
        return self.rows - self.complete


@dataclass(frozen=True)
class Velocity:
    """Completions of one kind in the window, and when the rest would be done at that pace."""

    kind: Literal["items", "stage"]
    name: str  # "items", or the stage column's name ("Module")
    completed: int  # completions dated inside the window
    remaining: int
    weeks: int
    today: date

    @property
    def per_week(self) -> float:
        return self.completed / self.weeks

    @property
    def outlook(self) -> Outlook:
        if self.remaining == 0:
            return "complete"
        return "estimated" if self.completed else "no-history"

    @property
    def estimate(self) -> date | None:
        """``today`` plus remaining / per-week weeks, rounded up to a whole day."""
        if self.outlook != "estimated":
            return None
        days = -(-7 * self.remaining * self.weeks // self.completed)
        try:
            return self.today + timedelta(days=days)
        except OverflowError:
            return date.max


@dataclass(frozen=True)
class Report:
    profile: Profile
    today: date
    weeks: int
    sections: tuple[Progress, ...]
    overall: Progress
    velocity: tuple[Velocity, ...]  # items first, then one per stage column
    dated: bool  # some table has a date column
    source: str | None = None  # the path shown in the report, if any
    # where the items' velocity comes from: the rows' dates, or the commits of the
    # tracker's git history (items turned done in the commits of the window)
    velocity_source: Literal["dates", "git history"] = "dates"

    @property
    def window_start(self) -> date:
        """The first day of the window: the window is ``window_start`` .. ``today``."""
        return window_start(self.today, self.weeks)

    def history_note(self) -> str | None:
        """Why there is no forecast, in plain words; None when there is one (or nothing is left)."""
        if self.overall.remaining == 0 or any(v.outlook == "estimated" for v in self.velocity):
            return None
        if self.velocity_source == "git history":
            return (
                f"Not enough history to forecast: no item turned done in the commits of the "
                f"{_weeks(self.weeks)} to {self.today.isoformat()}."
            )
        if not self.dated:
            if "table-rows" not in self.profile.items:
                return "Not enough dated history to forecast: the items have no dates."
            column = self.profile.date_column
            what = f"no {column} column" if column else "no date column"
            return f"Not enough dated history to forecast: the tables have {what}."
        return (
            f"Not enough dated history to forecast: nothing was completed in the "
            f"{_weeks(self.weeks)} to {self.today.isoformat()}."
        )


def window_start(today: date, weeks: int) -> date:
    """The first day of a window of ``weeks`` weeks ending ``today`` (never before year 1)."""
    return today - timedelta(days=min(7 * weeks - 1, (today - date.min).days))


def percent(numerator: int, denominator: int) -> Decimal:
    """Percent complete with one decimal, rounded as the totals are (see rules.stats)."""
    return Decimal(stats_percent(numerator, denominator, 1))


def bar(done: int, total: int, width: int = BAR_WIDTH) -> str:
    """``██░░░░``: full only when everything is done."""
    filled = done * width // total if total else 0
    return "█" * filled + "░" * (width - filled)


def _is_complete(item: Item, profile: Profile) -> bool:
    return item.counted is not None and profile.status(item.counted).progress == "done"


def _progress(name: str | None, items: list[Item], profile: Profile) -> Progress:
    counts = {status.id: 0 for status in profile.statuses}
    unknown = 0
    for item in items:
        if item.counted is None or item.counted not in counts:
            unknown += 1
        else:
            counts[item.counted] += 1
    return Progress(
        name=name,
        rows=len(items),
        counts=tuple(StatusCount(s, counts[s.id]) for s in profile.statuses),
        unknown=unknown,
        complete=sum(1 for item in items if _is_complete(item, profile)),
    )


def overall_progress(tracker: Tracker) -> Progress:
    """Counts for the whole tracker (what the badge shows)."""
    return _progress(None, tracker.items, tracker.profile)


def _item_date(item: Item) -> date | None:
    if item.malformed or item.date is None:
        return None
    return parse_date(item.date.value)


def build_report(
    tracker: Tracker,
    today: date,
    weeks: int = DEFAULT_WEEKS,
    source: str | None = None,
    history: Sequence[tuple[date, int]] | None = None,
) -> Report:
    """Counts per section (tables under the same heading are one section) and overall.

    ``history``: the tracker's commits as (date, items done), oldest first. When some
    fall in the window, the items' velocity is the items turned done in them (from
    the last commit before the window, or the first in it, to the last in it), not
    the rows' dates, which trackers often leave stale or lack."""
    if weeks < 1:
        raise ValueError(f"weeks must be at least 1, not {weeks}")
    profile = tracker.profile
    by_section: dict[str, list[Item]] = {}
    for items in tracker.lists:
        by_section.setdefault(items.section.strip() or NO_HEADING, []).extend(items.items)
    rows = tracker.items
    start = window_start(today, weeks)

    def in_window(row: Item) -> bool:
        when = _item_date(row)
        return when is not None and start <= when <= today

    complete = [row for row in rows if _is_complete(row, profile)]
    velocity = [
        Velocity(
            "items",
            "items",
            sum(1 for row in complete if in_window(row)),
            len(rows) - len(complete),
            weeks,
            today,
        )
    ]
    velocity_source: Literal["dates", "git history"] = "dates"
    inside = [done for when, done in history or () if start <= when <= today]
    if inside:
        before = [done for when, done in history or () if when < start]
        baseline = before[-1] if before else inside[0]
        velocity[0] = replace(velocity[0], completed=max(inside[-1] - baseline, 0))
        velocity_source = "git history"
    for index, stage in enumerate(profile.stages.columns):
        done = [
            row
            for row in rows
            if len(row.stages) > index and row.stages[index].state == "done" and not row.malformed
        ]
        velocity.append(
            Velocity(
                "stage",
                stage,
                sum(1 for row in done if in_window(row)),
                len(rows) - len(done),
                weeks,
                today,
            )
        )
    return Report(
        profile=profile,
        today=today,
        weeks=weeks,
        sections=tuple(_progress(name, rs, profile) for name, rs in by_section.items()),
        overall=_progress(None, rows, profile),
        velocity=tuple(velocity),
        dated=any(items.layout.date is not None for items in tracker.lists),
        source=source,
        velocity_source=velocity_source,
    )


# Rendering


def _weeks(n: int) -> str:
    return "week" if n == 1 else f"{n} weeks"


def _noun(report: Report) -> str:
    """What the items are called: rows of tables, or items (task lists, status lists)."""
    return "rows" if report.profile.items == ("table-rows",) else "items"


def _from(report: Report) -> str:
    """Where the items' velocity comes from, in words."""
    if report.velocity_source == "git history":
        return " (items: the commits of the git history; stages: the rows' dates)"
    return ""


def _window(report: Report) -> str:
    return (
        f"the {_weeks(report.weeks)} {report.window_start.isoformat()} to "
        f"{report.today.isoformat()}"
    )


def _per_week(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") if value else "0"


def _status_name(status: Status) -> str:
    return f"{status.symbol} {status.label}" if status.symbol else status.label


def _measure(v: Velocity) -> str:
    return "Items completed" if v.kind == "items" else f"{v.name} completed"


def _forecast(v: Velocity) -> str:
    estimate = v.estimate
    if estimate is not None:
        return estimate.isoformat()
    return "all done" if v.outlook == "complete" else "not enough history"


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def _counts_text(p: Progress) -> str:
    parts = [f"{_status_name(c.status)} {c.count}" for c in p.counts if c.count]
    if p.unknown:
        parts.append(f"unknown {p.unknown}")
    return ", ".join(parts) or "no rows"


def render_text(report: Report) -> str:
    title = "Progress" + (f" of {report.source}" if report.source else "")
    lines = [f"{title} on {report.today.isoformat()}", ""]
    entries = [*report.sections, report.overall]
    names = [p.name if p.name is not None else "Overall" for p in entries]
    name_width = max(display_width(n) for n in names)
    rows_width = max(len(str(p.rows)) for p in entries)
    for name, p in zip(names, entries, strict=True):
        if p.name is None and report.sections:
            lines.append("")
        lines.append(
            f"{_pad(name, name_width)}  {p.rows:>{rows_width}} {_noun(report)}  "
            f"{bar(p.complete, p.rows)} {p.percent:>5}%  {_counts_text(p)}"
        )
    lines += ["", f"Velocity over {_window(report)}{_from(report)}:"]
    for v in report.velocity:
        lines.append(
            f"  {_measure(v)}: {v.completed} ({_per_week(v.per_week)}/week), "
            f"{v.remaining} remaining, estimated completion: {_forecast(v)}"
        )
    note = report.history_note()
    if note:
        lines += ["", note]
    return "\n".join(lines) + "\n"


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|")


def render_markdown(report: Report) -> str:
    title = "Progress" + (f" of `{report.source}`" if report.source else "")
    statuses = [c.status for c in report.overall.counts]
    show_unknown = report.overall.unknown > 0
    header = ["Section", _noun(report).capitalize(), *(_status_name(s) for s in statuses)]
    if show_unknown:
        header.append("Unknown")
    header += ["Complete", "Progress"]
    lines = [
        f"## {title} on {report.today.isoformat()}",
        "",
        "| " + " | ".join(_md_cell(h) for h in header) + " |",
        "|" + "|".join(["---"] + ["--:"] * (len(header) - 2) + ["---"]) + "|",
    ]
    for p in [*report.sections, report.overall]:
        name = _md_cell(p.name) if p.name is not None else "**Overall**"
        cells = [name, str(p.rows), *(str(c.count) for c in p.counts)]
        if show_unknown:
            cells.append(str(p.unknown))
        cells += [f"{p.percent}%", f"`{bar(p.complete, p.rows)}`"]
        lines.append("| " + " | ".join(cells) + " |")
    lines += [
        "",
        f"### Velocity over {_window(report)}{_from(report)}",
        "",
        "| Measure | Completed | Per week | Remaining | Estimated completion |",
        "|---|--:|--:|--:|---|",
    ]
    for v in report.velocity:
        lines.append(
            f"| {_md_cell(_measure(v))} | {v.completed} | {_per_week(v.per_week)} | "
            f"{v.remaining} | {_forecast(v)} |"
        )
    note = report.history_note()
    if note:
        lines += ["", note]
    return "\n".join(lines) + "\n"


def _progress_json(p: Progress) -> dict[str, Any]:
    data: dict[str, Any] = {} if p.name is None else {"name": p.name}
    data.update(
        rows=p.rows,
        counts={c.status.id: c.count for c in p.counts},
        unknown=p.unknown,
        complete=p.complete,
        percent=float(p.percent),
    )
    return data


def report_json(report: Report) -> dict[str, Any]:
    """The report as JSON-ready data, in the shape of ``docs/report-schema.json``."""
    return {
        "schema_version": SCHEMA_VERSION,
        "source": report.source,
        "profile": report.profile.name,
        "today": report.today.isoformat(),
        "weeks": report.weeks,
        "window": {"start": report.window_start.isoformat(), "end": report.today.isoformat()},
        "statuses": [
            {"id": s.id, "label": s.label, "symbol": s.symbol, "progress": s.progress}
            for s in report.profile.statuses
        ],
        "sections": [_progress_json(p) for p in report.sections],
        "overall": _progress_json(report.overall),
        "velocity": [
            {
                "kind": v.kind,
                "name": v.name,
                "completed": v.completed,
                "per_week": v.per_week,
                "remaining": v.remaining,
                "outlook": v.outlook,
                "estimate": None if v.estimate is None else v.estimate.isoformat(),
            }
            for v in report.velocity
        ],
        "velocity_source": report.velocity_source,
        "note": report.history_note(),
    }


def render_json(report: Report) -> str:
    return json.dumps(report_json(report), ensure_ascii=False, indent=2) + "\n"


RENDERERS = {"text": render_text, "markdown": render_markdown, "json": render_json}
