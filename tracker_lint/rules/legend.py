from __future__ import annotations

from collections.abc import Iterator

from tracker_lint._text import canonical_symbol
from tracker_lint.findings import Problem, Severity
from tracker_lint.model import Tracker
from tracker_lint.rules.base import Context, Rule

# A task item's checkbox is GitHub's own markup: no legend explains it.
CHECKBOXES = frozenset({"[x]", "[X]", "[ ]"})


class LegendMissingSymbol(Rule):
    """## What it does
    Where the document has a Legend (a bullet list under a heading `Legend`),
    checks that every status symbol used in a table is listed there. A task
    item's checkbox (`[x]`, `[ ]`) is GitHub's own markup and needs no entry.

    ## Why is this bad?
    The legend is how a reader learns what 🔍 means; a symbol missing from it
    is a symbol some readers cannot read.

    ## Example
    ```markdown
    ### Legend
    - ✅ Complete
    - ⬜ Not started
    ```
    with a row whose Status is `🔍 Needs review`. Use instead: add
    `- 🔍 Needs review/update` to the legend.

    ## Fix safety
    No fix.
    """

    code = "TL501"
    name = "legend-missing-symbol"
    severity = Severity.WARNING
    summary = "a status symbol used in a table that the Legend does not list"

    def check(self, tracker: Tracker, ctx: Context) -> Iterator[Problem]:
        legend = tracker.legend
        if legend is None:
            return
        reported: set[str] = set()
        for item in tracker.items:
            status = item.status
            if status is None or status.status is None or not status.status.symbol:
                continue
            symbol = canonical_symbol(status.status.symbol)
            if symbol in legend or symbol in reported or symbol in CHECKBOXES:
                continue
            reported.add(symbol)
            yield Problem(
                status.cell.start,
                status.cell.start + len(status.status.symbol),
                f"Status symbol {status.status.symbol} is used but the Legend does not list it",
            )
