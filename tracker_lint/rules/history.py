"""The tracker against an earlier revision of itself (``--base``)."""

from __future__ import annotations

from collections.abc import Iterator

from tracker_lint._text import canonical_symbol, label_key, name_key
from tracker_lint.findings import Problem, Severity
from tracker_lint.model import Item, Stage, Tracker
from tracker_lint.profile import Profile
from tracker_lint.rules.base import Context, Rule
from tracker_lint.rules.dates import is_empty_date, parse_date
from tracker_lint.rules.status import status_text

ItemKey = tuple[str, str, int]  # (section, item, occurrence of that item in the section)


def _keyed(tracker: Tracker) -> Iterator[tuple[ItemKey, Item]]:
    """Items keyed by section and name (case-insensitive, whitespace collapsed)."""
    seen: dict[tuple[str, str], int] = {}
    for item in tracker.items:
        name = label_key(item.title)
        if not name or item.malformed:
            continue
        pair = (name_key(item.section), name)
        seen[pair] = seen.get(pair, 0) + 1
        yield (*pair, seen[pair]), item


def _stage_key(stage: Stage) -> str:
    return stage.state or canonical_symbol(stage.cell.text)


def _status_key(item: Item) -> str:
    written = item.status
    if written is None:
        return ""
    return written.status.id if written.status else canonical_symbol(written.cell.text)


def _status_shown(item: Item) -> str:
    written = item.status
    if written is None:
        return ""
    return status_text(written.status) if written.status else written.cell.text


def changes(old: Item, new: Item) -> list[str]:
    """What moved between two versions of an item: ``Exam ⬜ → ✅``, ``Status 📝 … → ✅ …``."""
    found = []
    for was, now in zip(old.stages, new.stages, strict=False):
        if _stage_key(was) != _stage_key(now):
            found.append(f"{now.name} {was.cell.text or '(empty)'} → {now.cell.text}")
    if len(old.stages) != len(new.stages):
        found.append("stage columns")
    if _status_key(old) != _status_key(new):
        name = new.status.name if new.status else "Status"
        found.append(
            f"{name} {_status_shown(old) or '(empty)'} → {_status_shown(new) or '(empty)'}"
        )
    return found


def _date_text(item: Item, profile: Profile) -> str:
    cell = item.date
    return "" if cell is None or is_empty_date(cell.value, profile) else cell.value


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
        profile = tracker.profile
        for key, item in _keyed(tracker):
            old = before.get(key)
            if old is None:
                continue  # added (or renamed): missing-date covers it
            changed = changes(old, item)
            if not changed:
                continue
            problem = _stale(old, item, profile)
            if problem is None:
                continue
            cell = item.date
            start, end = (cell.start, cell.end) if cell else (item.start, item.end)
            yield Problem(
                start,
                end,
                f"{item.title}: {', '.join(changed)} since the base revision, but {problem}",
            )


def _stale(old: Item, new: Item, profile: Profile) -> str | None:
    """Why the new date does not move forward, or None when it does."""
    column = new.layout.date
    if column is None:
        return f"the table has no {profile.date_column} column to record when"
    now_text, was_text = _date_text(new, profile), _date_text(old, profile)
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
