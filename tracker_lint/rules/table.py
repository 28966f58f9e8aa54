"""Table shape: cell counts, symbols in stage and status cells, items, numbering."""

from __future__ import annotations

from collections.abc import Iterator

from tracker_lint._text import label_key, quoted
from tracker_lint.findings import Problem, Severity
from tracker_lint.model import Item, Tracker, leading_symbol
from tracker_lint.profile import Profile
from tracker_lint.rules.base import Context, Rule
from tracker_lint.rules.status import status_text


class TableColumnCount(Rule):
    """## What it does
    Checks that every row of a tracked table has as many cells as its header.

    ## Why is this bad?
    A missing or extra pipe shifts every following cell into the wrong column:
    the Status is read from the Notes, the date from nowhere. Renderers pad or
    drop cells silently, so the table can look right and still be wrong.

    ## Example
    ```markdown
    | Page | Module | Exam | Status | Last Updated |
    |------|--------|------|--------|--------------|
    | Caching | ✅ | ✅ Complete | 2025-01-30 |
    ```

    Use instead:
    ```markdown
    | Caching | ✅ | ✅ | ✅ Complete | 2025-01-30 |
    ```

    ## Fix safety
    No fix: only the author knows which cell is missing.
    """

    code = "TL101"
    name = "table-column-count"
    severity = Severity.ERROR
    summary = "a row has a different number of cells than its header"

    def check(self, tracker: Tracker, ctx: Context) -> Iterator[Problem]:
        for table in tracker.tables:
            expected = len(table.header.cells)
            for row in table.rows:
                got = len(row.cells)
                if got != expected:
                    yield Problem(
                        row.start,
                        row.end,
                        f"Row has {got} cell{'' if got == 1 else 's'} "
                        f"but the header has {expected}",
                    )


class UnknownProgressSymbol(Rule):
    """## What it does
    Checks that every stage cell (Module, Exam) starts with a progress symbol
    of the profile: ✅ done, 🔄 in progress, ⬜ not started.

    ## Why is this bad?
    The row's status and the totals are derived from these symbols. An empty
    cell or a look-alike (✔️, ☑, ⏳) cannot be counted, so the row drops out of
    every total but Total Pages.

    ## Example
    ```markdown
    | Caching | ✔️ | ⬜ | 📝 Module done | 2025-01-30 |
    ```

    Use instead:
    ```markdown
    | Caching | ✅ | ⬜ | 📝 Module done | 2025-01-30 |
    ```

    ## Fix safety
    No fix: the message names the symbol that was most likely meant.
    """

    code = "TL102"
    name = "unknown-progress-symbol"
    severity = Severity.ERROR
    summary = "a stage cell is empty or not one of the profile's progress symbols"

    def check(self, tracker: Tracker, ctx: Context) -> Iterator[Problem]:
        profile = tracker.profile
        allowed = " ".join(s.symbol for s in profile.stages.symbols)
        for item in tracker.items:
            for stage in item.stages:
                if stage.state is None:
                    column = stage.name
                    cell = stage.cell
                    if not cell.value:
                        message = f"{column} cell is empty; expected one of {allowed}"
                    else:
                        found = leading_symbol(cell.text)
                        if found.isalnum():
                            found = quoted(cell.text)
                        message = (
                            f'{column} cell "{found}" is not a progress symbol; '
                            f"expected one of {allowed}"
                        )
                        hint = profile.hint_for(found)
                        if hint:
                            message += f" (did you mean {hint}?)"
                    yield Problem(cell.start, cell.end, message)


class UnknownStatusSymbol(Rule):
    """## What it does
    Checks that every Status cell starts with a status of the profile's
    vocabulary: ✅ Complete, 🔄 In Progress, 📝 Module done, 🎯 Exam done,
    ⬜ Not started, 🔍 Needs review.

    ## Why is this bad?
    A status the linter cannot read cannot be checked against the stage
    columns, and readers of the tracker cannot read it either.

    ## Example
    ```markdown
    | Caching | ✅ | ✅ | Done | 2025-01-30 |
    ```

    Use instead:
    ```markdown
    | Caching | ✅ | ✅ | ✅ Complete | 2025-01-30 |
    ```

    ## Fix safety
    No fix.
    """

    code = "TL103"
    name = "unknown-status-symbol"
    severity = Severity.ERROR
    summary = "a Status cell does not start with a known status"

    def check(self, tracker: Tracker, ctx: Context) -> Iterator[Problem]:
        profile = tracker.profile
        vocabulary = [s.symbol for s in profile.statuses if s.symbol]
        vocabulary += [w for s in profile.statuses for w in s.words]
        allowed = " ".join(vocabulary)
        for item in tracker.items:
            status = item.status
            if status is None or status.status is not None:
                continue
            column = status.name
            cell = status.cell
            if not cell.value:
                message = f"{column} cell is empty; expected one of {allowed}"
            else:
                message = f'{column} "{quoted(cell.text)}" does not start with a status ({allowed})'
                hint = _status_hint(cell.text, profile)
                if hint:
                    message += f"; did you mean {hint}?"
            yield Problem(cell.start, cell.end, message)


def _status_hint(text: str, profile: Profile) -> str | None:
    """The status most likely meant: by a look-alike symbol, or by its label alone."""
    meant = profile.hint_for(leading_symbol(text))
    key = label_key(text)
    for status in profile.statuses:
        if (meant and status.symbol == meant) or label_key(status.label) == key:
            return status_text(status)
    return None


class DuplicateItem(Rule):
    """## What it does
    Checks that no item name (the first column that is not `#`, or a task's
    text) appears twice in one tracker, compared case-insensitively. A profile
    can ask for unique names per section (the items under one heading) or per
    list (one table, one task list) instead: `unique = "section"`.

    ## Why is this bad?
    A page listed twice is counted twice in Total Pages, and its two rows
    drift apart: one says ✅, the other ⬜.

    ## Example
    ```markdown
    | Caching | ✅ | ✅ | ✅ Complete | 2025-01-30 |
    | caching | ⬜ | ⬜ | ⬜ Not started | |
    ```

    Use instead: one row per item.

    ## Fix safety
    No fix: which row is right is for the author to say.
    """

    code = "TL104"
    name = "duplicate-item"
    severity = Severity.WARNING
    summary = "the same item name (case-insensitive) twice in one tracker"

    def check(self, tracker: Tracker, ctx: Context) -> Iterator[Problem]:
        unique = tracker.profile.unique
        seen: dict[tuple[object, str], int] = {}
        for n, items in enumerate(tracker.lists):
            scope = n if unique == "list" else items.section if unique == "section" else None
            yield from self._twice(items.items, scope, seen)

    @staticmethod
    def _twice(
        items: list[Item], scope: object, seen: dict[tuple[object, str], int]
    ) -> Iterator[Problem]:
        for item in items:
            cell = item.name
            if cell is None or not cell.value:
                continue
            key = (scope, " ".join(cell.value.split()).casefold())
            if key in seen:
                yield Problem(
                    cell.start,
                    cell.end,
                    f'Item "{quoted(cell.value)}" is listed twice; first on line {seen[key]}',
                )
            else:
                seen[key] = item.line + 1


class RowNumbering(Rule):
    """## What it does
    Checks that a `#` column counts 1, 2, 3, … down each table, or on through
    all tables when the profile says `numbering = "continuous"`.

    ## Why is this bad?
    Numbers are how people refer to rows ("Law 5"); a gap or a repeat after an
    insertion means a reference now points at the wrong row.

    ## Example
    ```markdown
    | # | Law | Module | Exam | Status |
    |---|-----|--------|------|--------|
    | 1 | Cognitive Load | ✅ | ✅ | ✅ Complete |
    | 3 | Correlated Failure | ⬜ | ⬜ | ⬜ Not started |
    ```

    Use instead: number the second row `2`.

    ## Fix safety
    No fix: renumbering may break references elsewhere.
    """

    code = "TL105"
    name = "row-numbering"
    severity = Severity.WARNING
    summary = "a # column that does not run 1, 2, 3, …"

    def check(self, tracker: Tracker, ctx: Context) -> Iterator[Problem]:
        continuous = tracker.profile.columns.numbering == "continuous"
        expected = 1
        for items in tracker.lists:
            if not continuous:
                expected = 1
            for item in items.items:
                cell = item.number
                if cell is None:
                    continue
                text = cell.value.strip("*_ ").rstrip(".")
                if not (text.isascii() and text.isdigit()):
                    yield Problem(
                        cell.start,
                        cell.end,
                        f'# "{quoted(cell.text)}" is not a number; expected {expected}',
                    )
                    expected += 1
                    continue
                value = int(text)
                if value != expected:
                    yield Problem(cell.start, cell.end, f"# is {value}, expected {expected}")
                expected = value + 1
