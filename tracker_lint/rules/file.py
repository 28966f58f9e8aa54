from __future__ import annotations

from tracker_lint.findings import Severity
from tracker_lint.rules.base import Rule


class UnreadableFile(Rule):
    """## What it does
    Reports a path that cannot be linted: it does not exist, is a directory
    without Markdown files, cannot be read, or is not UTF-8 text.

    ## Why is this bad?
    A tracker that cannot be read cannot be checked; a gate that silently
    skipped it would pass a broken file.

    ## Example
    ```console
    $ tracker-lint missing.md
    missing.md:1:1: TL001 File not found
    ```

    ## Fix safety
    No fix: tracker-lint never rewrites a file it cannot read.
    """

    code = "TL001"
    name = "unreadable-file"
    severity = Severity.ERROR
    summary = "file missing, a directory, unreadable, or not UTF-8"
