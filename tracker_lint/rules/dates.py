"""The date column: present where there is progress, real, not in the future."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from functools import lru_cache

from tracker_lint._text import quoted
from tracker_lint.findings import Problem, Severity
from tracker_lint.model import Item, Tracker
from tracker_lint.parse import Cell
from tracker_lint.profile import Profile
from tracker_lint.rules.base import Context, Rule
from tracker_lint.rules.status import status_text


def is_empty_date(text: str, profile: Profile) -> bool:
    return not text or text in profile.dates.empty


def parse_date(text: str) -> date | None:
    # YYYY-MM-DD exactly (date.fromisoformat alone would take 20250130 too)
    if len(text) != 10 or text[4] != "-" or text[7] != "-" or not text.replace("-", "").isdigit():
        return None
    return _iso_date(text)


@lru_cache(maxsize=4096)  # a tracker's dates repeat: a date read once a day it names
def _iso_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _column(item: Item) -> str:
    return item.layout.date or "date"


def _dates(tracker: Tracker) -> Iterator[tuple[Item, Cell]]:
    for item in tracker.items:
        if item.date is not None and not item.malformed:
            yield item, item.date


class MissingDate(Rule):
    """## What it does
    Checks that every row with progress (a status other than ⬜ Not started)
    has a date in its Last Updated column; with `required = "done"` in the
    profile's `dates`, only rows that are done (a Completion Date).

    ## Why is this bad?
    Without dates nobody can tell what is stale or how fast the work goes;
    `tracker-lint report` cannot forecast from undated rows.

    ## Example
    ```markdown
    | Caching | ✅ | ⬜ | 📝 Module done | |
    ```

    Use instead:
    ```markdown
    | Caching | ✅ | ⬜ | 📝 Module done | 2025-01-30 |
    ```

    ## Fix safety
    No fix: only the author knows the date.
    """

    code = "TL301"
    name = "missing-date"
    severity = Severity.ERROR
    summary = "a row with progress has an empty date cell"

    def check(self, tracker: Tracker, ctx: Context) -> Iterator[Problem]:
        profile = tracker.profile
        for item, cell in _dates(tracker):
            counted = item.counted
            if counted is None or not is_empty_date(cell.value, profile):
                continue
            status = profile.status(counted)
            if status.progress == "none" or (
                profile.dates.required == "done" and status.progress != "done"
            ):
                continue
            yield Problem(
                cell.start,
                cell.end,
                f"Row is {status_text(status)} but its {_column(item)} is empty",
            )


class InvalidDate(Rule):
    """## What it does
    Checks that every date cell holds a real calendar date written
    `YYYY-MM-DD`.

    ## Why is this bad?
    `2025-02-30`, `30/01/2025` or `Jan 30` cannot be compared or sorted, and
    the first is not a day at all.

    ## Example
    ```markdown
    | Caching | ✅ | ✅ | ✅ Complete | 2025-02-30 |
    ```

    Use instead:
    ```markdown
    | Caching | ✅ | ✅ | ✅ Complete | 2025-02-28 |
    ```

    ## Fix safety
    No fix.
    """

    code = "TL302"
    name = "invalid-date"
    severity = Severity.ERROR
    summary = "a date cell that is not a real YYYY-MM-DD calendar date"

    def check(self, tracker: Tracker, ctx: Context) -> Iterator[Problem]:
        profile = tracker.profile
        for item, cell in _dates(tracker):
            text = cell.value
            if is_empty_date(text, profile) or text in profile.dates.accepted:
                continue
            if parse_date(text) is None:
                yield Problem(
                    cell.start,
                    cell.end,
                    f'{_column(item)} "{quoted(text)}" is not a real date written YYYY-MM-DD',
                )


class FutureDate(Rule):
    """## What it does
    Checks that no date lies after today (`--today` sets "today").

    ## Why is this bad?
    Work cannot have been updated in the future; a future date is a typo
    (`2052` for `2025`) and makes the row look fresh for years.

    ## Example
    ```markdown
    | Caching | ✅ | ✅ | ✅ Complete | 2052-01-30 |
    ```

    Use instead:
    ```markdown
    | Caching | ✅ | ✅ | ✅ Complete | 2025-01-30 |
    ```

    ## Fix safety
    No fix.
    """

    code = "TL303"
    name = "future-date"
    severity = Severity.ERROR
    summary = "a date after today"

    def check(self, tracker: Tracker, ctx: Context) -> Iterator[Problem]:
        for item, cell in _dates(tracker):
            value = parse_date(cell.value)
            if value is not None and value > ctx.today:
                yield Problem(
                    cell.start,
                    cell.end,
                    f"{_column(item)} {value.isoformat()} is after today ({ctx.today.isoformat()})",
                )
