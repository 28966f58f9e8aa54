"""The totals (Quick Stats) against the tables."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from tracker_lint._text import quoted
from tracker_lint.cells import count_in
from tracker_lint.findings import Applicability, Fix, Problem, Severity
from tracker_lint.model import Item, Tracker, read_status
from tracker_lint.parse import Cell
from tracker_lint.profile import Profile, Progress, Selector
from tracker_lint.rules.base import Context, Rule
from tracker_lint.rules.status import status_text
from tracker_lint.totals import Number, StatEntry


def items_of(tracker: Tracker, entry: StatEntry) -> list[Item]:
    """The items a total is about: all of them (of its section, for a section-scoped
    total), or those of the entry's group."""
    total = entry.total
    items = tracker.items
    if total is not None and total.scope == "section":
        low, high = entry.region
        items = [item for item in items if low <= item.start < high]
    if total is None or total.group is None:
        return items
    group = total.group
    if group.from_ == "heading":
        return [item for item in items if group.value(item.section) == entry.group]
    return [
        item for item in items
        if (cell := item.field(group.from_)) is not None and group.value(cell.text) == entry.group
    ]  # fmt: skip


def selected(items: list[Item], selector: Selector) -> list[Item]:
    if selector.statuses is None:
        return items
    wanted = set(selector.statuses)
    if selector.source == "written":
        return [
            i
            for i in items
            if i.status is not None and i.status.status is not None and i.status.status.id in wanted
        ]
    return [i for i in items if i.counted in wanted]


class Tally(NamedTuple):
    """How far some items are: how many, how many done, how many done or started."""

    items: int
    done: int
    started: int

    @property
    def progress(self) -> Progress:
        """What one status for them all would say: done, none started, or under way."""
        if self.done == self.items:
            return "done"
        return "none" if self.started == 0 else "started"

    @property
    def also_started(self) -> str:
        """``, 2 started`` when some are started and not done, else nothing."""
        under_way = self.started - self.done
        return f", {under_way} started" if under_way else ""


def tally(profile: Profile, items: list[Item]) -> Tally:
    progress = [profile.status(i.counted).progress for i in items if i.counted is not None]
    done = progress.count("done")
    return Tally(len(items), done, done + progress.count("started"))


def count(items: list[Item], selector: Selector, column: str | None = None) -> int:
    """How many items the selector takes, or the sum of their numbers in ``column``
    (a cell that is not a plain number adds nothing)."""
    chosen = selected(items, selector)
    if column is None:
        return len(chosen)
    return sum(w.value for i in chosen if (w := count_in(i.field(column))) is not None)


def percent(numerator: int, denominator: int, decimals: int) -> str:
    """``numerator / denominator * 100`` with ``decimals`` decimals, rounded half up,
    computed exactly in integers (``0`` for an empty denominator); but a part is never
    shown as the whole nor something as nothing: 199 of 200 is 99.5% at one decimal and
    99% at none, never 100%; 1 of 300 is 1% at none, never 0%."""
    scale = 10**decimals
    if denominator == 0:
        hundredths = 0
    else:
        hundredths, remainder = divmod(numerator * 100 * scale, denominator)
        if 2 * remainder >= denominator:
            hundredths += 1
        if 0 < numerator < denominator:
            hundredths = min(max(hundredths, 1), 100 * scale - 1)
    whole, fraction = divmod(hundredths, scale)
    return f"{whole}.{fraction:0{decimals}d}" if decimals else str(whole)


def _integer(n: int, written: Number) -> str:
    """A count in the written number's format: ``1,204``, or ``3.0`` when so written."""
    if written.decimal_comma:
        return f"{n},{'0' * written.decimals}"
    text = f"{n:,}" if "," in written.text else str(n)
    return f"{text}.{'0' * written.decimals}" if written.decimals else text


def expected(tracker: Tracker, entry: StatEntry) -> list[str]:
    """What each number of the entry should say, formatted as the document writes it."""
    assert entry.total is not None
    total = entry.total
    items = items_of(tracker, entry)
    n = count(items, total.counts, total.sum)
    of = _denominator(entry, items)
    result = []
    for number in entry.numbers:
        if number.role == "count":
            result.append(_integer(n, number))
        elif number.role == "of":
            result.append(number.text if total.check == "count" else _integer(of, number))
        elif number.role == "target-percent":
            result.append(number.written_like(percent(n, entry.target or 0, number.decimals)))
        elif number.value.upper() == "N/A":
            result.append(number.text if of == 0 else percent(n, of, 0) + "%")
        else:
            result.append(number.written_like(percent(n, of, number.decimals)))
    return result


def _denominator(entry: StatEntry, items: list[Item]) -> int:
    """What the entry's percentage or fraction is of: the items counted, or, for a
    total whose denominator is the author's (``check = "count"``), what is written."""
    assert entry.total is not None
    total = entry.total
    if total.check == "count":
        written = next((x for x in entry.numbers if x.role == "of"), None)
        if written is not None and written.value.isdigit():
            return int(written.value)
    return count(items, total.denominator, total.sum)


def _same(written: Number, wanted: str) -> bool:
    if written.role in ("count", "of") and written.value.lstrip("-").isdigit():
        return int(written.value) == int(wanted.replace(",", "").split(".")[0].split(",")[0])
    return written.text == wanted


def describe(
    tracker: Tracker, items: list[Item], selector: Selector, column: str | None = None
) -> str:
    """What a total counts, in words: ``7 rows that are ✅ Complete``, or what it adds
    up: ``12 in the Files column of 7 rows``."""
    n = count(items, selector)
    rows = _from_tables(tracker)
    noun = ("row" if rows else "item") if n == 1 else ("rows" if rows else "items")
    if column is not None:
        return f"{count(items, selector, column)} in the {column} column of {n} {noun}"
    if selector.statuses is None:
        return f"{n} {noun}"
    profile = tracker.profile
    names = " or ".join(status_text(profile.status(s)) for s in selector.statuses)
    if selector.source == "written":
        verb = "says" if n == 1 else "say"
    else:
        verb = "is" if n == 1 else "are"
    return f"{n} {noun} that {verb} {names}"


def _from_tables(tracker: Tracker) -> bool:
    """Whether the items are table rows: the words of a message follow (the tables
    have 7 rows; the tracker has 7 items)."""
    return all(items.table is not None for items in tracker.lists)


def _where(tracker: Tracker) -> str:
    totals = tracker.profile.totals
    if totals is not None and totals.kind == "list" and totals.heading:
        return totals.heading
    return "Totals"


def _message(
    tracker: Tracker, entry: StatEntry, text: str, wanted: list[str], replacement: str
) -> str:
    assert entry.total is not None
    total, numbers = entry.total, entry.numbers
    items = items_of(tracker, entry)
    where = f'{_where(tracker)} "{quoted(entry.label or "")}"'
    if total.scope == "section":
        section = f' of "{quoted(entry.section)}"' if entry.section else " (above every heading)"
        where = f'"{quoted(entry.label or "")}"{section}'
    elif entry.in_heading:
        where = f'Heading "{quoted(entry.label or "")}"'
    group = f" in {entry.group.upper()}" if entry.group else ""
    counted = describe(tracker, items, total.counts, total.sum) + group
    roles = [n.role for n in numbers]
    have, give = (
        ("the tables have", "the tables give")
        if _from_tables(tracker)
        else ("the tracker has", "the tracker gives")
    )
    if roles == ["count"]:
        return f"{where} is {numbers[0].text} but {have} {counted}"
    if roles == ["count", "target-percent"]:
        return (
            f"{where} is {numbers[0].text} ({numbers[1].text}% of {entry.target}) but "
            f"{have} {counted}: {wanted[0]} ({wanted[1]}% of {entry.target})"
        )
    of = _denominator(entry, items)
    start, end = numbers[0].start, numbers[-1].end
    tail = "%" if text[end : end + 1] == "%" else ""
    if (text[start:end] + tail).count("(") > (text[start:end] + tail).count(")"):
        tail += ")"  # `5/6 (83%)` whole; `35% (14/40 pages)` is quoted as `35% (14/40)`
    written_of = " written" if total.check == "count" else ""
    return (
        f"{where} is {text[start:end]}{tail} but {give} {replacement}{tail} "
        f"({counted} of {of}{written_of})"
    )


class StatsMismatch(Rule):
    """## What it does
    Recomputes every Quick Stats value from the tables and checks that the
    document says the same: `Total Pages` counts all rows of the tracked
    tables; `Completed`, `Modules Done (need exams)`, `Exams Done (need
    modules)`, `In Progress` and `Not Started` count rows by derived status;
    `Needs Review` counts rows whose Status says 🔍; `Completion` is Completed
    / Total × 100, with as many decimals as the document writes, rounded half
    up (0 when there are no rows), never to 100% while a row remains nor to 0%
    once one is done.

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
    Every number derived from the same count is rewritten with it, so the line
    stays consistent: `n/N (p%)` as a whole, and a percentage with the
    fraction after it (`35% (14/40 documents)`). A value written beside
    numbers that are not derived (`7 (12.7%)`, `55 (3 new)`, a `Remaining`
    cell in the same row of a totals table) gets an unsafe fix instead: a
    safe fix would leave the line contradicting itself. Dates are not counted
    as such numbers.
    """

    code = "TL401"
    name = "stats-mismatch"
    severity = Severity.ERROR
    fix = "safe"
    summary = "a Quick Stats value differs from what the tables give"

    def check(self, tracker: Tracker, ctx: Context) -> Iterator[Problem]:
        text = tracker.doc.text
        for entry in tracker.stats or ():
            total = entry.total
            if total is None or not entry.numbers or not total.check or total.format == "status":
                continue
            items = items_of(tracker, entry)
            if total.scope == "section" and not selected(items, total.denominator):
                continue  # a section without the items it counts: it is about something else
            if total.sum is not None and any(
                i.malformed or count_in(i.field(total.sum)) is None
                for i in selected(items, total.denominator)
            ):
                continue  # `~50`, `1+`, a shifted row: a sum nobody can check
            if total.check == "count" and not any(n.role == "of" for n in entry.numbers):
                continue  # the author's denominator is not written: nothing to keep
            wanted = expected(tracker, entry)
            numbers = entry.numbers
            if all(_same(n, w) for n, w in zip(numbers, wanted, strict=True)):
                continue
            start, end = numbers[0].start, numbers[-1].end
            pieces, last = [], start
            for number, value in zip(numbers, wanted, strict=True):
                pieces += [text[last : number.start], value]
                last = number.end
            replacement = "".join(pieces)
            message = _message(tracker, entry, text, wanted, replacement)
            safety: Applicability = "safe"
            if entry.others:
                safety = "unsafe"
                written = ", ".join(n.text for n in entry.others[:3])
                verb = "is" if len(entry.others) == 1 else "are"
                message += f" (unsafe fix: the line also says {written}, which {verb} not derived)"
            elif entry.nested:
                safety = "unsafe"
                message += " (unsafe fix: a nested total may count a part of the tracker)"
            yield Problem(start, end, message, Fix(start, end, replacement, safety))


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
        if totals is None or tracker.stats is not None or not tracker.lists:
            return
        section = tracker.totals
        if section is not None and section.heading is not None and totals.kind == "list":
            heading = section.heading
            yield Problem(
                heading.start,
                heading.end,
                f'The "{heading.text}" heading has no bullet list of totals under it',
            )
            return
        first = tracker.lists[0]
        where = (
            f'"{totals.heading}" list of totals'
            if totals.kind == "list"
            else f'table of totals (columns "{totals.label_column}" and "{totals.value_column}")'
        )
        yield Problem(first.start, first.end, f"Tracker has tracked tables but no {where}")


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
        if totals is None or totals.unknown_labels == "ignore":
            return
        known = ", ".join(t.label for t in totals.items)
        where = _where(tracker)
        for entry in tracker.stats or ():
            if entry.total is not None or entry.nested:  # a nested item may be a note
                continue
            if entry.label is None:
                message = f'{where} item is not a "Label: value" total; known labels: {known}'
            else:
                message = f'{where} label "{quoted(entry.label)}" is not a known total: {known}'
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
        where = _where(tracker)
        for entry in tracker.stats or ():
            total = entry.total
            if total is None or entry.numbers or not total.check:
                continue
            form = " written n/N" if total.format == "fraction" else ""
            what = "status" if total.format == "status" else f"number{form}"
            yield Problem(
                entry.label_start,
                entry.end,
                f'{where} "{quoted(entry.label or "")}" has no {what} after its label',
            )


class TotalsWithoutItems(Rule):
    """## What it does
    Reports a document that has totals the profile knows (a Quick Stats list
    with `Total Pages`, `Completed`, ...) but no tracked table: no table whose
    header has the columns the profile looks for (`Module`, `Exam` and
    `Status` in the default profile). Such a document is not a tracker, so
    its totals are neither checked nor fixed; this warning says why.

    ## Why is this bad?
    Usually it is harmless (an audit note or a report page that quotes
    totals), but when a tracker's column was renamed (`Exams` for `Exam`)
    the whole tracker silently stops being checked. The message names the
    columns, so the cause is one look away.

    ## Example
    ```markdown
    ## Quick Stats
    - **Total Pages**: 55

    | Page | Module | Exams | Status |
    |---|---|---|---|
    ```

    Use instead: name the columns as the profile does (`Exam`), or describe
    the tracker's own columns in a profile.

    ## Fix safety
    No fix: a document that is not a tracker is never rewritten.
    """

    code = "TL405"
    name = "totals-without-items"
    severity = Severity.WARNING
    summary = "totals that the profile knows, in a document without a tracked table"

    def check(self, tracker: Tracker, ctx: Context) -> Iterator[Problem]:
        totals = tracker.profile.totals
        section = tracker.totals
        if tracker.lists or totals is None or section is None or not section.entries:
            return
        if not any(e.total is not None and e.numbers for e in section.entries):
            return
        profile = tracker.profile
        columns = ", ".join(profile.required_columns)
        if section.heading is not None and totals.kind == "list":
            start, end, what = section.heading.start, section.heading.end, f'"{_where(tracker)}"'
        else:
            first = section.entries[0]
            start, end, what = first.start, first.end, "Totals"
        yield Problem(
            start,
            end,
            f"{what} has totals but the document has no tracked table (a table with columns "
            f"{columns}, profile {profile.name}): the totals are not checked or fixed",
        )


class SectionStatusMismatch(Rule):
    """## What it does
    Checks a status written as a total (a total with `format = "status"`,
    such as `**Status**: ✅ Completed` under a phase heading) against the
    items it counts (`count`; those of its section when `scope =
    "section"`): a status whose progress is `done` needs every item done, one
    whose progress is `none` needs none done or started, and any other needs
    some progress but not all of it.

    ## Why is this bad?
    A phase marked ✅ Completed with a box still open tells readers the work
    is over when it is not.

    ## Example
    ```markdown
    ### Phase 1
    **Status**: ✅ Completed

    - [x] Translate
    - [ ] QA Review
    ```

    Use instead: `**Status**: 🔄 In Progress`, or check the box.

    ## Fix safety
    No fix: the status or the items may be the stale ones.
    """

    code = "TL204"
    name = "section-status-mismatch"
    severity = Severity.ERROR
    summary = "a written status disagrees with the progress of the items it sums up"

    def check(self, tracker: Tracker, ctx: Context) -> Iterator[Problem]:
        profile = tracker.profile
        for entry in tracker.stats or ():
            total = entry.total
            if total is None or total.format != "status" or not entry.numbers or not total.check:
                continue
            value = entry.numbers[0]
            written = read_status("", Cell(value.text, value.start, value.end), profile).status
            items = selected(items_of(tracker, entry), total.counts)
            if written is None or not items:
                continue
            counted = tally(profile, items)
            if written.progress == counted.progress:
                continue
            noun = "item" if len(items) == 1 else "items"
            where = f' of "{quoted(entry.section)}"' if total.scope == "section" else ""
            yield Problem(
                value.start,
                value.end,
                f'"{quoted(entry.label or "")}" is {status_text(written)} but {counted.done} of '
                f"{len(items)} {noun}{where} are done{counted.also_started}",
            )
