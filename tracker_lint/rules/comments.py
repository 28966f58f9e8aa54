"""Comments in the tracker: suppression directives that are stale, comment lines that break."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from tracker_lint.findings import Problem, Severity
from tracker_lint.model import Tracker
from tracker_lint.parse import Document, HtmlBlock, Table
from tracker_lint.rules.base import Context, Rule


class UnusedSuppression(Rule):
    """## What it does
    Reports a suppression comment, or one code in it, that suppresses nothing:
    `<!-- tracker-lint-disable-line TL201 -->` on a line without a TL201
    finding, or a code that is not a tracker-lint rule.

    ## Why is this bad?
    Suppressions outlive the problems they hid. A stale one hides the next real
    problem on that line without anyone deciding so.

    ## Example
    ```markdown
    | Caching | ✅ | ✅ | ✅ Complete <!-- tracker-lint-disable-line TL201 --> | 2025-01-30 |
    ```
    when the row's Status is right. Use instead:
    ```markdown
    | Caching | ✅ | ✅ | ✅ Complete | 2025-01-30 |
    ```

    ## Fix safety
    Safe: the fix removes the unused code, or the whole comment (and its line,
    when the comment is alone on it) when none of its codes is used.
    Suppressions of rules that did not run (deselected) are not reported.
    """

    code = "TL901"
    name = "unused-suppression"
    severity = Severity.WARNING
    fix = "safe"
    summary = "a suppression comment that suppresses nothing"


class CommentBreaksStructure(Rule):
    """## What it does
    Reports an HTML comment on a line of its own between two rows of a
    tracked table.

    ## Why is this bad?
    Such a comment ends the table: in GitHub's renderer as in markdown-it, the
    rows after it are no longer a table but a paragraph of pipes, so they
    vanish from the tracker and from every total. (Between two Quick Stats
    bullets a comment line only splits the list in two; every list under the
    heading is read, so that is not reported.)

    ## Example
    ```markdown
    | Caching | ✅ | ✅ | ✅ Complete | 2025-01-30 |
    <!-- tracker-lint-disable-next-line TL201 -->
    | Sharding | ✅ | ⬜ | ✅ Complete | 2025-01-30 |
    ```

    Use instead, inside the row's cell:
    ```markdown
    | Caching | ✅ | ✅ | ✅ Complete | 2025-01-30 |
    | Sharding | ✅ | ⬜ | ✅ Complete <!-- tracker-lint-disable-line TL201 --> | 2025-01-30 |
    ```

    ## Fix safety
    No fix: move the comment into a cell by hand.
    """

    code = "TL902"
    name = "comment-breaks-structure"
    severity = Severity.ERROR
    summary = "a comment line that ends a tracked table"

    def check(self, tracker: Tracker, ctx: Context) -> Iterator[Problem]:
        doc = tracker.doc
        tracked = {id(table) for table in tracker.tables}
        blocks = doc.blocks
        for before, block in pairwise(blocks):
            if not isinstance(block, HtmlBlock) or not block.text.lstrip().startswith("<!--"):
                continue
            if not isinstance(before, Table) or id(before) not in tracked:
                continue
            if before.end_line != block.line or not _continues(doc, block):
                continue
            start = doc.offset(block.line, 0)
            end = doc.offset(block.end_line - 1, len(doc.line_text(block.end_line - 1)))
            yield Problem(
                start,
                end,
                "This comment line ends the table above: the rows after it are not part of "
                "any table, in GitHub's renderer as in markdown-it; put a "
                "tracker-lint-disable-line comment inside the row's cell instead",
            )


def _continues(doc: Document, block: HtmlBlock) -> bool:
    """Whether the comment sits between two non-blank lines: inside the structure."""
    before, after = block.line - 1, block.end_line
    if before < 0 or after >= len(doc.line_starts):
        return False
    return bool(doc.line_text(before).strip()) and bool(doc.line_text(after).strip())
