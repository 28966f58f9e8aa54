"""The totals (Quick Stats) against the tables."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal

from tracker_lint.findings import Fix, Problem, Severity
from tracker_lint.model import StatEntry, Tracker
from tracker_lint.profile import Selector, Total
from tracker_lint.rules.base import Context, Rule
from tracker_lint.rules.status import status_text


def count(tracker: Tracker, selector: Selector) -> int:
    rows = tracker.rows
    if selector.statuses is None:
        return len(rows)
    wanted = set(selector.statuses)
    if selector.source == "written":
        return sum(
            1
            for r in rows
            if r.status is not None and r.status.status is not None and r.status.status.id in wanted
        )
    return sum(1 for r in rows if r.counted in wanted)


def percent(numerator: int, denominator: int, decimals: int) -> str:
    value = Decimal(0) if denominator == 0 else Decimal(numerator * 100) / Decimal(denominator)
    quantum = Decimal(1).scaleb(-decimals)
    return str(value.quantize(quantum, rounding=ROUND_HALF_UP))


def is_percent(total: Total) -> bool:
    return total.format == "percent" or (total.format == "auto" and total.of is not None)


def expected_value(tracker: Tracker, entry: StatEntry) -> str:
    """The value the entry should have, formatted as the document writes it."""
    assert entry.total is not None
    total = entry.total
    n = count(tracker, total.count)
    if is_percent(total):
        of = count(tracker, total.of) if total.of is not None else len(tracker.rows)
        return percent(n, of, entry.decimals)
    if entry.value is not None and "," in entry.value:
        return f"{n:,}"
    return str(n)


def describe(tracker: Tracker, total: Total) -> str:
    """What a total counts, in words: ``rows with status ✅ Complete``."""
    selector = total.count
    n = count(tracker, selector)
    noun = "row" if n == 1 else "rows"
    if selector.statuses is None:
        return f"{n} {noun}"
    profile = tracker.profile
    names = " or ".join(status_text(profile.status(s)) for s in selector.statuses)
    verb = "say" if selector.source == "written" else "are"
    return f"{n} {noun} that {verb} {names}"


class StatsMismatch(Rule):
    """## What it does
    Recomputes every Quick Stats value from the tables and checks that the
    document says the same: `Total Pages` counts all rows of the tracked
    tables; `Completed`, `Modules Done (need exams)`, `Exams Done (need
    modules)`, `In Progress` and `Not Started` count rows by derived status;
    `Needs Review` counts rows whose Status says 🔍; `Completion` is Completed
    / Total × 100, with as many decimals as the document writes, rounded half
    up (0 when there are no rows).

    ## Why is this bad?
    The totals are what people read first and quote in status reports. Added
    rows and finished exams make them drift with every edit.

    ## Example
    ```markdown
    - **Total Pages**: 52
    ```
    while the tables hold 55 rows. Use instead:
    ```markdown
    - **Total Pages**: 55
    ```

    ## Fix safety
    Safe: the value is recomputed from the tables and written in the
    document's own format (`55`, `12.7%`, `1,204`); the text around it is kept.
    """

    code = "TL401"
    name = "stats-mismatch"
    severity = Severity.ERROR
    fix = "safe"
    summary = "a Quick Stats value differs from what the tables give"

    def check(self, tracker: Tracker, ctx: Context) -> Iterator[Problem]:
        for entry in tracker.stats or ():
            if entry.total is None or entry.value is None:
                continue
            expected = expected_value(tracker, entry)
            written = entry.value.replace(",", "")
            if written == expected.replace(",", ""):
                continue
            total = entry.total
            pct = "%" if entry.percent else ""
            if is_percent(total):
                of = total.of or Selector()
                detail = f"{describe(tracker, total)} of {count(tracker, of)}"
                message = (
                    f'Quick Stats "{entry.label}" is {entry.value}{pct} but the tables give '
                    f"{expected}{pct} ({detail})"
                )
            else:
                message = (
                    f'Quick Stats "{entry.label}" is {entry.value} but the tables have '
                    f"{describe(tracker, total)}"
                )
            yield Problem(
                entry.value_start,
                entry.value_end,
                message,
                Fix(entry.value_start, entry.value_end, expected, "safe"),
            )


class MissingStats(Rule):
    """## What it does
    Checks that a tracker with tracked tables has a Quick Stats list: a bullet
    list under a heading `Quick Stats`.

    ## Why is this bad?
    Without totals, readers count rows by hand, and the tracker answers "how
    far along are we?" only for those who do.

    ## Example
    A tracker whose tables are not preceded by a totals section. Use instead:
    ```markdown
    ## Quick Stats

    - **Total Pages**: 55
    - **Completed**: 7
    - **Completion**: 12.7%
    ```
    then `tracker-lint --fix` keeps the numbers right.

    ## Fix safety
    No fix.
    """

    code = "TL402"
    name = "missing-stats"
    severity = Severity.WARNING
    summary = "a tracker with tracked tables but no Quick Stats"

    def check(self, tracker: Tracker, ctx: Context) -> Iterator[Problem]:
        totals = tracker.profile.totals
        if totals is None or tracker.stats is not None or not tracker.tables:
            return
        if tracker.stats_heading is not None:
            heading = tracker.stats_heading
            yield Problem(
                heading.start,
                heading.end,
                f'The "{heading.text}" heading has no bullet list of totals under it',
            )
            return
        header = tracker.tables[0].table.header
        yield Problem(
            header.start,
            header.end,
            f'Tracker has tracked tables but no "{totals.heading}" list of totals',
        )


class UnknownStat(Rule):
    """## What it does
    Checks that every Quick Stats item has a label the profile knows:
    Total Pages, Completed, Modules Done (need exams), Exams Done (need
    modules), In Progress, Not Started, Needs Review, Completion.

    ## Why is this bad?
    A total tracker-lint does not know is never checked, so a typo in a label
    (`Complete`, `Total pages done`) quietly turns the check off.

    ## Example
    ```markdown
    - **Finished**: 7
    ```

    Use instead:
    ```markdown
    - **Completed**: 7
    ```

    ## Fix safety
    No fix.
    """

    code = "TL403"
    name = "unknown-stat"
    severity = Severity.WARNING
    summary = "a Quick Stats label that is not one of the known labels"

    def check(self, tracker: Tracker, ctx: Context) -> Iterator[Problem]:
        totals = tracker.profile.totals
        known = ", ".join(t.label for t in totals.items) if totals else ""
        for entry in tracker.stats or ():
            if entry.total is not None:
                continue
            if entry.label is None:
                message = f'Quick Stats item is not a "Label: value" total; known labels: {known}'
            else:
                message = f'Quick Stats label "{entry.label}" is not a known total: {known}'
            yield Problem(entry.label_start, entry.label_end, message)


class MalformedStat(Rule):
    """## What it does
    Checks that every known Quick Stats label is followed by a number.

    ## Why is this bad?
    `- **Completed**: TBD` cannot be checked or fixed; the total is simply
    missing while it looks present.

    ## Example
    ```markdown
    - **Completed**: some
    ```

    Use instead:
    ```markdown
    - **Completed**: 7
    ```

    ## Fix safety
    No fix: there is no number to replace. Write any number and
    `tracker-lint --fix` corrects it.
    """

    code = "TL404"
    name = "malformed-stat"
    severity = Severity.ERROR
    summary = "a known Quick Stats label with no number after it"

    def check(self, tracker: Tracker, ctx: Context) -> Iterator[Problem]:
        for entry in tracker.stats or ():
            if entry.total is not None and entry.value is None:
                yield Problem(
                    entry.label_start,
                    entry.item.end,
                    f'Quick Stats "{entry.label}" has no number after its label',
                )
