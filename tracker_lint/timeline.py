"""A tracker's progress over its git history: one point per version, a forecast, a
burn-up chart (SVG) and the table in text, Markdown, JSON and CSV.

Pure: the versions come in as texts (``tracker_lint.cli.timeline`` reads them from
git in one pass); each is linted with the settings given, the current ones.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from html import escape as _escape
from typing import TYPE_CHECKING

from tracker_lint.engine import Settings, model
from tracker_lint.report import overall_progress, percent
from tracker_lint.rules.base import Context
from tracker_lint.rules.stats import StatsMismatch
from tracker_lint.rules.status import status_text

if TYPE_CHECKING:
    from tracker_lint.incremental import Memo


@dataclass(frozen=True)
class Version:
    """The tracker as one commit has it (``text`` None: unreadable, ``note`` says why)."""

    commit: str
    when: datetime
    path: str
    text: str | None
    note: str = ""


@dataclass(frozen=True)
class Point:
    commit: str
    when: datetime
    path: str
    items: int = 0
    complete: int = 0
    counts: tuple[tuple[str, int], ...] = ()  # (status as shown, items), profile order
    wrong: tuple[str, ...] = ()  # the written totals that disagreed: `Total Pages 52 (55)`
    note: str = ""  # why this version has no figures (not UTF-8, not a tracker)

    @property
    def percent(self) -> Decimal:
        return percent(self.complete, self.items)

    @property
    def counted(self) -> bool:
        return not self.note


def point(version: Version, settings: Settings, memo: Memo | None = None) -> Point:
    """The figures of one version: items, complete, per status, the wrong totals.
    ``memo``: the one given the versions before it (see :mod:`tracker_lint.incremental`):
    a version is then parsed and read again only where it differs from the last."""
    base = Point(version.commit, version.when, version.path, note=version.note)
    if version.text is None:
        return base
    tracker = model(version.text, settings.profile, memo=memo)
    if not tracker.is_tracker:
        return Point(version.commit, version.when, version.path, note="not a tracker")
    progress = overall_progress(tracker)
    counts = tuple((status_text(c.status), c.count) for c in progress.counts if c.count)
    wrong = []
    ctx = Context(today=settings.today)
    problems = {p.start: p for p in StatsMismatch().check(tracker, ctx)}
    for entry in tracker.stats or ():
        if entry.numbers and entry.numbers[0].start in problems:
            fix = problems[entry.numbers[0].start].fix
            said = version.text[entry.numbers[0].start : entry.numbers[-1].end]
            wanted = f" ({fix.replacement})" if fix is not None else ""
            wrong.append(f"{entry.label} {said}{wanted}")
    return Point(
        version.commit,
        version.when,
        version.path,
        progress.rows,
        progress.complete,
        counts,
        tuple(wrong),
    )


# A date further than this (a century) is no forecast: "not at this pace"
MAX_FORECAST_WEEKS = 52 * 100


@dataclass(frozen=True)
class Forecast:
    """Completions a week over the window, and when the rest would be done."""

    weeks: int
    per_week: float
    low: float  # the slower half of the window's pace
    high: float
    remaining: int
    done_early: datetime | None = None
    done_late: datetime | None = None


def forecast(points: list[Point], weeks: int, now: datetime) -> Forecast | None:
    """The pace of the last ``weeks`` weeks of commits (items turned done a week; the
    whole history when it is younger) and the band of dates it gives: from the pace
    of the faster half of the window to that of the slower."""
    counted = [p for p in points if p.counted and p.when <= now]  # not after --today
    if len(counted) < 2 or counted[-1].items == 0:
        return None
    # the window: the last `weeks` weeks, or the whole history when it is younger
    start = max(now - timedelta(weeks=weeks), counted[0].when)
    span = (now - start) / timedelta(weeks=1)
    if span <= 0:
        return None
    middle = start + (now - start) / 2

    def complete_at(moment: datetime) -> int:
        before = [p for p in counted if p.when <= moment]
        return before[-1].complete if before else counted[0].complete

    last = counted[-1]
    rate = (last.complete - complete_at(start)) / span
    halves = [
        (complete_at(middle) - complete_at(start)) / (span / 2),
        (last.complete - complete_at(middle)) / (span / 2),
    ]
    # items removed are no negative work: a pace is never below 0
    rate = max(rate, 0.0)
    low, high = max(min(halves), 0.0), max(max(halves), 0.0)
    remaining = last.items - last.complete
    result = Forecast(weeks, rate, low, high, remaining)
    if remaining <= 0 or high <= 0:
        return result

    def after(pace: float) -> datetime | None:
        weeks_left = remaining / pace
        return None if weeks_left > MAX_FORECAST_WEEKS else now + timedelta(weeks=weeks_left)

    early = after(high)
    late = after(low) if low > 0 else None
    return Forecast(weeks, rate, low, high, remaining, early, late)


# --- formats --------------------------------------------------------------------------------

HEADERS = ("date", "commit", "items", "complete", "percent", "statuses", "wrong totals")


def _row(p: Point) -> list[str]:
    if not p.counted:
        return [p.when.date().isoformat(), p.commit[:10], "", "", "", p.note, ""]
    return [
        p.when.date().isoformat(),
        p.commit[:10],
        str(p.items),
        str(p.complete),
        f"{p.percent}%",
        ", ".join(f"{n} {s}" for s, n in p.counts),
        "; ".join(p.wrong),
    ]


def _forecast_line(f: Forecast | None) -> str:
    if f is None:
        return "Forecast: too few versions up to --today with items to measure a pace."
    pace = f"{f.per_week:.1f} items a week (the last {f.weeks} weeks, at most)"
    if f.remaining <= 0:
        return f"Forecast: everything is done ({pace})."
    if f.done_early is None and f.high > 0:
        return f"Forecast: {f.remaining} items left at {pace}: not within a century."
    if f.done_early is None:
        return f"Forecast: no item turned done in the last {f.weeks} weeks; no date."
    late = f.done_late.date().isoformat() if f.done_late else "not at the slower pace"
    return (
        f"Forecast: {f.remaining} items left at {pace}: done between "
        f"{f.done_early.date().isoformat()} and {late}."
    )


def to_text(points: list[Point], f: Forecast | None) -> str:
    rows = [list(HEADERS), *(_row(p) for p in points)]
    widths = [max(len(r[i]) for r in rows) for i in range(len(HEADERS))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    return "\n".join([*lines, "", _forecast_line(f)]) + "\n"


def to_markdown(points: list[Point], f: Forecast | None, chart: str | None = None) -> str:
    def cell(text: str) -> str:
        return text.replace("|", "\\|")

    lines = ["| " + " | ".join(HEADERS) + " |", "|" + "---|" * len(HEADERS)]
    lines += ["| " + " | ".join(cell(c) for c in _row(p)) + " |" for p in points]
    out = "\n".join([*lines, "", _forecast_line(f)]) + "\n"
    if chart:
        out += f"\n![burn-up chart]({chart})\n"
    return out


def to_json(points: list[Point], f: Forecast | None) -> str:
    data = {
        "points": [
            {
                "commit": p.commit,
                "date": p.when.isoformat(),
                "path": p.path,
                "items": p.items if p.counted else None,
                "complete": p.complete if p.counted else None,
                "percent": float(p.percent) if p.counted else None,
                "counts": dict(p.counts),
                "wrong_totals": list(p.wrong),
                "note": p.note or None,
            }
            for p in points
        ],
        "forecast": None
        if f is None
        else {
            "weeks": f.weeks,
            "per_week": round(f.per_week, 3),
            "low": round(f.low, 3),
            "high": round(f.high, 3),
            "remaining": f.remaining,
            "done_early": f.done_early.date().isoformat() if f.done_early else None,
            "done_late": f.done_late.date().isoformat() if f.done_late else None,
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def to_csv(points: list[Point]) -> str:
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADERS)
    writer.writerows(_row(p) for p in points)
    return out.getvalue()


# --- the chart ------------------------------------------------------------------------------


@dataclass
class _Frame:
    start: datetime
    end: datetime
    top: int
    width: int = 720
    height: int = 360
    left: int = 56
    right: int = 24
    upper: int = 28
    lower: int = 44
    marks: list[str] = field(default_factory=list)

    def x(self, moment: datetime) -> float:
        span = (self.end - self.start).total_seconds() or 1.0
        inner = self.width - self.left - self.right
        return self.left + inner * (moment - self.start).total_seconds() / span

    def y(self, value: float) -> float:
        inner = self.height - self.upper - self.lower
        return self.height - self.lower - inner * value / (self.top or 1)


STYLE = """
svg { --ink: #1f2328; --grid: #d0d7de; --total: #6e7781; --done: #1a7f37; --wrong: #cf222e;
      --band: rgba(26, 127, 55, 0.15); --paper: #ffffff; }
@media (prefers-color-scheme: dark) {
  svg { --ink: #e6edf3; --grid: #30363d; --total: #8b949e; --done: #3fb950; --wrong: #f85149;
        --band: rgba(63, 185, 80, 0.2); --paper: #0d1117; }
}
text { fill: var(--ink); font: 12px -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif; }
.paper { fill: var(--paper); } .grid { stroke: var(--grid); stroke-width: 1; }
.total { stroke: var(--total); } .done { stroke: var(--done); }
.line { fill: none; stroke-width: 2.5; stroke-linejoin: round; }
.wrong { fill: var(--wrong); } .band { fill: var(--band); }
"""


def escape(text: str) -> str:
    """Text for the SVG: escaped, and well-formed XML whatever the file name held (C0
    controls as ``\\xNN``, undecodable bytes as U+FFFD)."""
    from tracker_lint.output import _xml_safe

    text = text.encode("utf-8", "replace").decode("utf-8")
    return _escape(_xml_safe(text))


def burnup_svg(points: list[Point], f: Forecast | None, title: str = "") -> str:
    """Items and completed items over time; a red dot where the written totals
    disagreed with the items; the forecast as a band to its early and late dates."""
    counted = [p for p in points if p.counted]
    if not counted:
        counted = [Point("", datetime.now().astimezone(), "")]
    start = counted[0].when
    end = counted[-1].when
    # the forecast is drawn up to its late date, but never over more than the history's
    # own span again (at least half a year): a date decades away would squeeze it flat
    reach = max(end - start, timedelta(weeks=26))
    if f is not None and (f.done_late or f.done_early) is not None:
        end = min(f.done_late or f.done_early or end, counted[-1].when + reach)
    if end <= start:
        end = start + timedelta(days=1)
    step = max(1, -(-max(p.items for p in counted) // 4))  # whole items a grid line
    top = step * 4
    frame = _Frame(start, end, top)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{frame.width}" '
        f'height="{frame.height}" viewBox="0 0 {frame.width} {frame.height}" role="img" '
        f'aria-label="Burn-up chart{": " + escape(title) if title else ""}">',
        f"<style>{STYLE}</style>",
        f'<rect class="paper" width="{frame.width}" height="{frame.height}"/>',
    ]
    if title:
        parts.append(f'<text x="{frame.left}" y="18">{escape(title)}</text>')
    for i in range(5):
        value = step * i
        y = frame.y(value)
        parts.append(
            f'<line class="grid" x1="{frame.left}" x2="{frame.width - frame.right}" '
            f'y1="{y:.1f}" y2="{y:.1f}"/>'
            f'<text x="{frame.left - 8}" y="{y + 4:.1f}" text-anchor="end">{value:g}</text>'
        )
    for moment, anchor in ((start, "start"), (end, "end")):
        parts.append(
            f'<text x="{frame.x(moment):.1f}" y="{frame.height - 20}" text-anchor="{anchor}">'
            f"{moment.date().isoformat()}</text>"
        )
    if f is not None and f.done_early is not None:
        last = counted[-1]
        # between the paces of the faster and the slower half of the window, from the
        # last commit: each edge rises at its pace until the items line (or the border)
        x0, y0 = frame.x(last.when), frame.y(last.complete)
        right = frame.width - frame.right

        def toward(done: datetime | None) -> str:
            if done is None:
                return f"{right:.1f},{y0:.1f}"  # no progress at that pace
            if frame.x(done) <= right:
                return f"{frame.x(done):.1f},{frame.y(last.items):.1f}"
            share = (right - x0) / (frame.x(done) - x0)
            return f"{right:.1f},{frame.y(last.complete + share * f.remaining):.1f}"

        corner = ""
        if frame.x(f.done_early) <= right and (f.done_late is None or frame.x(f.done_late) > right):
            corner = f" {right:.1f},{frame.y(last.items):.1f}"
        parts.append(
            f'<polygon class="band" points="{x0:.1f},{y0:.1f} {toward(f.done_early)}'
            f'{corner} {toward(f.done_late)}"/>'
        )
    for name, values in (
        ("total", [p.items for p in counted]),
        ("done", [p.complete for p in counted]),
    ):
        path = " ".join(
            f"{frame.x(p.when):.1f},{frame.y(v):.1f}" for p, v in zip(counted, values, strict=True)
        )
        parts.append(f'<polyline class="line {name}" points="{path}"/>')
    for p in counted:
        if p.wrong:
            parts.append(
                f'<circle class="wrong" cx="{frame.x(p.when):.1f}" cy="{frame.y(p.complete):.1f}" '
                f'r="4"><title>{escape(p.commit[:10])}: {escape("; ".join(p.wrong))}</title>'
                "</circle>"
            )
    legend_y = frame.height - 6
    parts.append(
        f'<text x="{frame.left}" y="{legend_y}">grey: items · green: done · red dot: the '
        "written totals disagreed · band: forecast</text>"
    )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
