"""Numbers in the cells of tracked rows (``[profile.numbers]``): a row's counts and
percentage against each other and its status, a total row against the rows above."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from tracker_lint._text import EMPHASIS, label_key, name_key, quoted
from tracker_lint.cells import Share, Written, count_in, share_in
from tracker_lint.findings import Fix, Problem, Severity
from tracker_lint.model import Item, ItemList, Tracker, read_status
from tracker_lint.parse import Cell, heading_spans, shown_text
from tracker_lint.profile import Numbers, Summary
from tracker_lint.rules.base import Context, Rule
from tracker_lint.rules.stats import tally
from tracker_lint.rules.status import status_text


def _decimals(written: str) -> int:
    return len(written.replace(",", ".").partition(".")[2])


def _same_percent(written: str, n: int, of: int) -> str | None:
    """The percentage n/of with the written one's decimals, None when the written one
    says it, or when there is nothing to say (0 of 0). Rounded half up, a tie either
    way; but never 100% for a part (199/200 is 99%, not 100%) nor 0% for something
    (1/300 is 1%, not 0%), so that a fix never makes the status look wrong."""
    if of <= 0 or n < 0:
        return None
    decimals = _decimals(written)
    scale = 10**decimals
    whole, remainder = divmod(n * 100 * scale, of)
    up = whole + (1 if 2 * remainder >= of else 0)
    accepted = {up, whole} if 2 * remainder == of else {up}
    if n < of and up >= 100 * scale:
        accepted = {100 * scale - 1}
    elif n > 0 and up == 0:
        accepted = {1}

    def shown(value: int) -> str:
        integer, fraction = divmod(value, scale)
        text = f"{integer}.{fraction:0{decimals}d}" if decimals else str(integer)
        return text.replace(".", ",") if "," in written else text

    choices = [shown(v) for v in sorted(accepted)]
    return None if written in choices else choices[-1]


def _value(share: Share) -> tuple[int, int] | None:
    """The share as a fraction: n/N when written, else p/100 (None if unreadable)."""
    if share.n is not None and share.of is not None:
        return share.n, share.of
    if share.pct is not None:
        whole, _, decimals = share.pct.replace(",", ".").partition(".")
        scale = 10 ** len(decimals)
        return int(whole) * scale + int(decimals or 0), 100 * scale
    return None


def _ratio(numbers: Numbers, item: Item) -> tuple[int, int] | None:
    """done/whole from the row's count columns, when the profile names them."""
    if numbers.done is None or numbers.whole is None:
        return None
    done, whole = count_in(item.field(numbers.done)), count_in(item.field(numbers.whole))
    if done is None or whole is None:
        return None
    return done.value, whole.value


class RowNumbersMismatch(Rule):
    """## What it does
    Checks the numbers of each tracked row against each other, as the profile's
    `[profile.numbers]` names them: the `parts` columns add up to the `whole`
    column; a `percent` cell is `done` / `whole` (rounded half up, with the
    decimals written; never 100% for a part, nor 0% for something), and a cell
    that holds both a fraction and a percentage (`6/7 (86%)`) agrees with itself
    first. A row whose parts do not add up gets no percentage check (of what?),
    and a cell with two shares, a struck-out one or one in code is not read.

    ## Why is this bad?
    A row that says 3 of 4 documents are done and 100% is wrong one way or the
    other, and every total computed from it inherits the error.

    ## Example
    ```markdown
    | Category | Total | Completed | Pending | Progress |
    | Guides   | 4     | 3         | 1       | 100%     |
    ```

    Use instead: `75%`.

    ## Fix safety
    Safe for a percentage: it is recomputed from the counts on the same row.
    Parts that do not add up to the whole get no fix: either may be wrong.
    """

    code = "TL601"
    name = "row-numbers-mismatch"
    severity = Severity.ERROR
    fix = "safe"
    summary = "a row's counts or percentage disagree with each other"

    def check(self, tracker: Tracker, ctx: Context) -> Iterator[Problem]:
        numbers = tracker.profile.numbers
        if numbers is None:
            return
        for item in tracker.items:
            if item.malformed:
                continue
            yield from _parts(numbers, item)
            if not contradicts_itself(numbers, item):  # (a percentage of what?)
                yield from _percent(numbers, item)


def _added(numbers: Numbers, item: Item) -> tuple[Written, int] | None:
    """The row's whole and what its parts add up to, when the profile names them and
    the row writes them all as plain numbers."""
    if numbers.whole is None or not numbers.parts:
        return None
    whole = count_in(item.field(numbers.whole))
    parts = [count_in(item.field(p)) for p in numbers.parts]
    if whole is None or any(p is None for p in parts):
        return None
    return whole, sum(p.value for p in parts if p is not None)


def contradicts_itself(numbers: Numbers, item: Item) -> bool:
    """A malformed row, or one whose parts do not add up to its whole: which of its
    numbers is wrong is unknown, so nothing is computed from them."""
    added = _added(numbers, item)
    return item.malformed or (added is not None and added[0].value != added[1])


def _parts(numbers: Numbers, item: Item) -> Iterator[Problem]:
    added = _added(numbers, item)
    if added is not None and added[0].value != added[1]:
        whole, total = added
        names = " + ".join(numbers.parts)
        verb = "adds" if len(numbers.parts) == 1 else "add"
        yield Problem(
            whole.start,
            whole.end,
            f"{numbers.whole} is {whole.text} but {names} {verb} up to {total}",
        )


def _percent(numbers: Numbers, item: Item) -> Iterator[Problem]:
    if numbers.percent is None:
        return
    share = share_in(item.field(numbers.percent))
    if share is None or share.pct is None:
        return
    ratio = _ratio(numbers, item)
    if share.n is not None and share.of is not None:
        ratio, what = (share.n, share.of), f"the cell says {share.n}/{share.of}"
    elif ratio is not None:
        what = f"{numbers.done}/{numbers.whole} is {ratio[0]}/{ratio[1]}"
    else:
        return
    wanted = _same_percent(share.pct, *ratio)
    if wanted is not None:
        yield Problem(
            share.pct_start,
            share.pct_end,
            f"{numbers.percent} is {share.pct}% but {what}: {wanted}%",
            Fix(share.pct_start, share.pct_end, wanted, "safe"),
        )


class ProgressStatusMismatch(Rule):
    """## What it does
    Checks a row's status against its progress numbers (`[profile.numbers]`,
    the `percent` column, or `done` / `whole`): a status whose progress is
    `done` needs 100% (`n/N` with n = N); 100% needs a `done` status; a status
    whose progress is `none` needs 0.

    ## Why is this bad?
    `✅ Completed | 95%` cannot both be true; whoever reads the status and
    whoever reads the number come away with different answers.

    ## Example
    ```markdown
    | Phase 4 | ✅ Completed | 90% |
    ```

    Use instead: `🔄 In Progress`, or finish the work and write `100%`.

    ## Fix safety
    No fix: the status or the number may be the stale one.
    """

    code = "TL203"
    name = "progress-status-mismatch"
    severity = Severity.ERROR
    summary = "a row's status and its progress numbers disagree"

    def check(self, tracker: Tracker, ctx: Context) -> Iterator[Problem]:
        numbers = tracker.profile.numbers
        if numbers is None:
            return
        for item in tracker.items:
            written = item.status
            if item.malformed or written is None or written.status is None:
                continue
            ratio, shown, cell = _progress(numbers, item)
            if ratio is None or cell is None:
                continue
            n, of = ratio
            if of == 0:
                continue  # 0 of 0: nothing to be done, nothing done; no contradiction
            progress = written.status.progress
            full = n == of
            wrong = (
                (progress == "done" and not full)
                or (progress != "done" and full)
                or (progress == "none" and n > 0)
            )
            if wrong:
                yield Problem(
                    written.cell.start,
                    written.cell.end,
                    f"Status is {status_text(written.status)} but "
                    f"{name_of(cell, numbers, item)} is {shown}",
                )


def name_of(cell: Cell, numbers: Numbers, item: Item) -> str:
    for name in (numbers.percent, numbers.done):
        if name is not None and item.field(name) is cell:
            return name
    return "the row"


def _progress(numbers: Numbers, item: Item) -> tuple[tuple[int, int] | None, str, Cell | None]:
    """How far the row is, as n/N, as written, and the cell that says it."""
    if numbers.percent is not None:
        cell = item.field(numbers.percent)
        share = share_in(cell)
        if share is not None:
            shown = quoted(cell.value.strip()) if cell else ""
            return _value(share), shown, cell
    ratio = _ratio(numbers, item)
    if ratio is not None and numbers.done is not None:
        return ratio, f"{ratio[0]} of {ratio[1]} ({numbers.whole})", item.field(numbers.done)
    return None, "", None


class TotalRowMismatch(Rule):
    """## What it does
    Checks a total row of a tracked table (an item cell the profile lists in
    `total-rows`, such as `**Total**`) against the rows above it, back to the
    previous total row: each column in `sums` (by default the `whole` and the
    `parts`) is the sum of the column above, and its `percent` cell is the
    summed `done` / `whole`. A total row is not an item: totals and
    uniqueness leave it out. A total row sums the rows back to the previous
    total row of the same label (a Subtotal its section; a Grand Total every
    row above it). It is not checked when there is no row to total, when its
    own cells are shifted, or when a row above is shifted or its parts do not
    add up (the sum of numbers that contradict each other is no check).

    ## Why is this bad?
    The total row is the line people quote; a row added above it without
    updating it makes the table contradict itself.

    ## Example
    ```markdown
    | **Guides** | 3 | 3 |
    | **Setup**  | 2 | 0 |
    | **Total**  | **4** | **3** |
    ```

    Use instead: `| **Total** | **5** | **3** |`.

    ## Fix safety
    Safe: the sum is recomputed from the rows above and written in place of the
    number; the emphasis around it is kept. A cell that is not a plain number
    (`1+`, `~95`) is neither summed nor checked.
    """

    code = "TL602"
    name = "total-row-mismatch"
    severity = Severity.ERROR
    fix = "safe"
    summary = "a total row is not the sum of the rows above it"

    def check(self, tracker: Tracker, ctx: Context) -> Iterator[Problem]:
        numbers = tracker.profile.numbers
        if numbers is None:
            return
        for items in tracker.lists:
            width = len(items.table.header.cells) if items.table is not None else 0
            for row, first, end in items.total_rows:
                above = items.items[first:end]
                if not above or len(row.cells) != width:
                    continue  # nothing above it to total, or its cells are shifted
                if any(contradicts_itself(numbers, item) for item in above):
                    continue  # a shifted row, a row whose parts disagree: no true sum
                yield from _total_row(numbers, items, row.cells, above)


def _total_row(
    numbers: Numbers, items: ItemList, cells: list[Cell], above: list[Item]
) -> Iterator[Problem]:
    def cell(name: str | None) -> Cell | None:
        index = items.layout.fields.get(name_key(name)) if name else None
        return cells[index] if index is not None and index < len(cells) else None

    wanted_labels = {label_key(t) for t in numbers.total_rows}
    label = next(
        (
            shown
            for c in cells
            if label_key(shown := c.value.strip().strip(EMPHASIS)) in wanted_labels
        ),
        "Total",
    )

    if any(count_in(cell(column)) is None for column in numbers.summed):
        return  # an empty or unreadable total: its numbers may be shifted a cell over
    sums: dict[str, int] = {}
    for column in numbers.summed:
        values = [count_in(item.field(column)) for item in above]
        if any(v is None for v in values):
            continue  # `1+`, `-`: not a sum anyone can check
        sums[name_key(column)] = total = sum(v.value for v in values if v is not None)
        written = count_in(cell(column))
        if written is not None and written.value != total:
            text = f"{total:,}" if "," in written.text else str(total)
            rows = "row" if len(above) == 1 else "rows"
            yield Problem(
                written.start,
                written.end,
                f"{label} row says {column} {written.text} but the {len(above)} {rows} "
                f"above {'adds' if len(above) == 1 else 'add'} up to {text}",
                Fix(written.start, written.end, text, "safe"),
            )
    if numbers.percent is None or numbers.done is None or numbers.whole is None:
        return
    done, whole = sums.get(name_key(numbers.done)), sums.get(name_key(numbers.whole))
    share = share_in(cell(numbers.percent))
    if done is None or whole is None or share is None or share.pct is None:
        return
    wanted = _same_percent(share.pct, done, whole)
    if wanted is not None:
        yield Problem(
            share.pct_start,
            share.pct_end,
            f"{label} row says {numbers.percent} {share.pct}% but the rows above give "
            f"{done}/{whole}: {wanted}%",
            Fix(share.pct_start, share.pct_end, wanted, "safe"),
        )


def title_words(text: str) -> str:
    """A name compared with headings: lowercase words, ``_`` and punctuation as spaces."""
    return " ".join(re.sub(r"[\W_]+", " ", text.casefold()).split())


def names_heading(name: str, heading: str) -> bool:
    """Whether a summary row's name names this heading: the heading starts with it,
    never cutting a number (`phase 1` names `phase 1 backend`, `misc` names
    `miscellaneous`, `phase 1` does not name `phase 10`)."""
    if not name or not heading.startswith(name):
        return False
    rest = heading[len(name) :]
    return not (rest and rest[0].isdigit() and name[-1].isdigit())


class Section(NamedTuple):
    title: str
    items: list[Item]


def _sections(tracker: Tracker) -> list[tuple[str, Section]]:
    """Every heading's section (its items, those of its subsections included), by the
    words of its title, in document order."""
    return [
        (
            title_words(heading.plain),
            Section(heading.plain, [i for i in tracker.items if start <= i.start < end]),
        )
        for heading, start, end in heading_spans(tracker.doc)
    ]


class SectionSummaryMismatch(Rule):
    """## What it does
    Checks a summary table (`[profile.summary]`): a table whose rows each name
    a section of the tracker (`| Phase 1 | ... | 95% |`) in its first column
    (the `section` column). The section is the first heading that starts with
    the row's name (after the `pattern`, if any); its items are those under
    the heading, subsections included. A row whose section has no items, or
    whose name is empty, is not checked. The
    row's `percent` is the share of those items that are done, `count` is how
    many there are, `done` how many are done, each yes/no column in `flags`
    says ✅ exactly when its condition holds (`all-done`, `some-started`,
    `any-started`), and a status in the profile's status column says done
    only when every item is, not started only when none is.

    ## Why is this bad?
    A summary is read instead of the sections; when it is not updated with
    them it reports progress that was never made, or hides progress that was.

    ## Example
    ```markdown
    ## Phase 1: Backend
    - [x] Login
    - [ ] Password reset

    | Phase   | Progress |
    | Phase 1 | 100%     |
    ```

    Use instead: `| Phase 1 | 50% |`.

    ## Fix safety
    Unsafe for a percentage or a count: it is recomputed from the section's
    items, written with the same decimals, but a summary is often kept by hand
    while the checklist under the heading goes stale (a phase at 90% with no
    box checked), so the fix is applied only with `--unsafe-fixes`. A yes/no
    symbol gets no fix: the condition may be meant differently than the
    profile says.
    """

    code = "TL603"
    name = "section-summary-mismatch"
    severity = Severity.ERROR
    fix = "unsafe"
    summary = "a row of a summary table disagrees with the section it sums up"

    def check(self, tracker: Tracker, ctx: Context) -> Iterator[Problem]:
        summary = tracker.profile.summary
        if summary is None or not tracker.items:
            return
        wanted = [name_key(c) for c in (summary.section.from_, *summary.columns)]
        sections: list[tuple[str, Section]] | None = None
        for table in tracker.doc.tables:
            keys = [name_key(c.text) for c in table.header.cells]
            if wanted[0] not in keys or not any(k in keys for k in wanted[1:]):
                continue
            if sections is None:
                sections = _sections(tracker)
            for row in table.rows:
                yield from _summary_row(tracker, summary, keys, row.cells, sections)


def _summary_row(
    tracker: Tracker,
    summary: Summary,
    keys: list[str],
    cells: list[Cell],
    sections: list[tuple[str, Section]],
) -> Iterator[Problem]:
    def cell(name: str | None) -> Cell | None:
        if name is None or name_key(name) not in keys:
            return None
        index = keys.index(name_key(name))
        return cells[index] if index < len(cells) else None

    named = cell(summary.section.from_)
    if named is None or keys.index(name_key(summary.section.from_)) != 0:
        return  # a summary row is named by its first cell
    # shown as GitHub shows it: a link to the section is its text
    value = summary.section.value(shown_text(named.value.strip()).strip().strip(EMPHASIS))
    name = title_words(value or "")
    if not name:
        return  # an empty name names nothing (not a heading of emoji alone)
    section = next((s for title, s in sections if title == name), None) or next(
        (s for title, s in sections if names_heading(name, title)), None
    )
    if section is None:
        return
    items = section.items
    if not items:
        return  # a section with nothing tracked under it: nothing to compare
    counted = tally(tracker.profile, items)
    done, started = counted.done, counted.started
    where = f'section "{quoted(section.title)}"'
    has = f"{done} of {len(items)} items done"
    for column, number in ((summary.count, len(items)), (summary.done, done)):
        written = count_in(cell(column))
        if written is not None and written.value != number:
            yield Problem(
                written.start,
                written.end,
                f"{named.value.strip()} row says {column} {written.text} but the {where} has {has}",
                Fix(written.start, written.end, str(number), "unsafe"),
            )
    share = share_in(cell(summary.percent))
    if share is not None and share.pct is not None:
        fixed = _same_percent(share.pct, done, len(items))
        if fixed is not None:
            yield Problem(
                share.pct_start,
                share.pct_end,
                f"{named.value.strip()} row says {summary.percent} {share.pct}% but the "
                f"{where} has {has}: {fixed}%",
                Fix(share.pct_start, share.pct_end, fixed, "unsafe"),
            )
    status_cell = cell(tracker.profile.columns.status or None)
    if status_cell is not None:
        says = read_status("", status_cell, tracker.profile).status
        if says is not None and says.progress != counted.progress:
            yield Problem(
                status_cell.start,
                status_cell.end,
                f"{named.value.strip()} row says {status_text(says)} but the {where} "
                f"has {has}{counted.also_started}",
            )
    conditions = {
        "all-done": bool(items) and done == len(items),
        "some-started": started > 0 and done < len(items),
        "any-started": started > 0,
    }
    for flag in summary.flags:
        flagged = cell(flag.column)
        if flagged is None:
            continue
        text = flagged.value.strip()
        if not text.startswith((summary.yes, summary.no)):
            continue  # neither symbol: not a yes or a no
        if text.startswith(summary.yes) == conditions[flag.when]:
            continue
        yield Problem(
            flagged.start,
            flagged.end,
            f"{named.value.strip()} row says {flag.column} {text} but the {where} has {has}"
            + counted.also_started,
        )
