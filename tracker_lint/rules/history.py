"""The tracker against an earlier revision of itself (``--base``)."""

from __future__ import annotations

from collections.abc import Iterator

from tracker_lint._text import canonical_symbol, label_key, name_key
from tracker_lint.findings import Problem, Severity
from tracker_lint.model import TrackedRow, Tracker
from tracker_lint.rules.base import Context, Rule
from tracker_lint.rules.dates import date_cell, is_empty_date, parse_date
from tracker_lint.rules.status import status_text

RowKey = tuple[str, str, int]  # (section, item, occurrence of that item in the section)


def _keyed(tracker: Tracker) -> Iterator[tuple[RowKey, TrackedRow]]:
    """Rows keyed by section and item name (case-insensitive, whitespace collapsed)."""
    seen: dict[tuple[str, str], int] = {}
    for row in tracker.rows:
        item = label_key(row.item)
        if not item or row.malformed:
            continue
        pair = (name_key(row.table.section), item)
        seen[pair] = seen.get(pair, 0) + 1
        yield (*pair, seen[pair]), row


def _stage_key(row: TrackedRow, index: int) -> str:
    stage = row.stages[index]
    return stage.state or canonical_symbol(stage.cell.text)


def _status_key(row: TrackedRow) -> str:
    cell = row.status
    if cell is None:
        return ""
    return cell.status.id if cell.status else canonical_symbol(cell.cell.text)


def _status_shown(row: TrackedRow) -> str:
    cell = row.status
    if cell is None:
        return ""
    return status_text(cell.status) if cell.status else cell.cell.text


def _header(row: TrackedRow, index: int | None) -> str:
    cells = row.table.table.header.cells
    return cells[index].value if index is not None and index < len(cells) else ""


def changes(old: TrackedRow, new: TrackedRow) -> list[str]:
    """What moved between two versions of a row: ``Exam ⬜ → ✅``, ``Status 📝 … → ✅ …``."""
    found = []
    stages = min(len(old.stages), len(new.stages), len(new.table.stage_columns))
    for i in range(stages):
        if _stage_key(old, i) != _stage_key(new, i):
            name = _header(new, new.table.stage_columns[i])
            found.append(
                f"{name} {old.stages[i].cell.text or '(empty)'} → {new.stages[i].cell.text}"
            )
    if len(old.stages) != len(new.stages):
        found.append("stage columns")
    if _status_key(old) != _status_key(new):
        found.append(
            f"{_header(new, new.table.status)} {_status_shown(old) or '(empty)'} → "
            f"{_status_shown(new) or '(empty)'}"
        )
    return found


def _date_text(row: TrackedRow) -> str:
    cell = date_cell(row)
    return "" if cell is None or is_empty_date(cell.value, row) else cell.value


class StaleDate(Rule):
    """## What it does
    With `--base REV` (a git revision; `--base` alone means `HEAD`), compares
    each row with the same row at that revision and checks that a row whose
    stage cells or Status changed also has a later date: a date that is
    missing, unchanged, or earlier than before is reported.

    Rows are matched by item name (case-insensitive, whitespace collapsed)
    under the same heading. Rows added since the base are left to missing-date
    (TL301); removed and renamed rows are not errors. Without `--base` this
    rule does nothing, and so does a profile without a date column; a table
    without the profile's date column is reported at the changed row.

    ## Why is this bad?
    The date says when the row last changed. A row that turns ✅ while its date
    stays put, or goes back in time, makes the work look older than it is, and
    `tracker-lint report` counts it in the wrong week.

    ## Example
    At the base revision:
    ```markdown
    | Flow Control | ✅ | ⬜ | 📝 Module done | 2025-08-07 |
    ```

    In the working copy:
    ```markdown
    | Flow Control | ✅ | ✅ | ✅ Complete | 2025-01-30 |
    ```

    Use instead:
    ```markdown
    | Flow Control | ✅ | ✅ | ✅ Complete | 2025-08-12 |
    ```

    ## Fix safety
    No fix: only the author knows the date.
    """

    code = "TL304"
    name = "stale-date"
    severity = Severity.ERROR
    summary = "with --base: a row changed since REV but its date did not move forward"

    def check(self, tracker: Tracker, ctx: Context) -> Iterator[Problem]:
        if ctx.base is None or tracker.profile.date_column is None:
            return
        before = dict(_keyed(ctx.base))
        for key, row in _keyed(tracker):
            old = before.get(key)
            if old is None:
                continue  # added (or renamed): missing-date covers it
            changed = changes(old, row)
            if not changed:
                continue
            problem = _stale(old, row)
            if problem is None:
                continue
            cell = date_cell(row)
            start, end = (cell.start, cell.end) if cell else (row.row.start, row.row.end)
            yield Problem(
                start,
                end,
                f"{row.item}: {', '.join(changed)} since the base revision, but {problem}",
            )


def _stale(old: TrackedRow, new: TrackedRow) -> str | None:
    """Why the new date does not move forward, or None when it does."""
    if new.table.date is None:
        return f"the table has no {new.table.profile.date_column} column to record when"
    column = _header(new, new.table.date)
    now_text, was_text = _date_text(new), _date_text(old)
    if not now_text:
        return f"its {column} is empty" + (f" (was {was_text})" if was_text else "")
    if now_text == was_text:
        return f"its {column} is still {now_text}"
    now, was = parse_date(now_text), parse_date(was_text)
    if now is None or was is None:
        return None  # not comparable: invalid-date (TL302) reports a bad date
    if now == was:
        return f"its {column} is still {now.isoformat()}"
    if now < was:
        return f"its {column} went back from {was.isoformat()} to {now.isoformat()}"
    return None


__all__ = ["StaleDate", "changes"]
