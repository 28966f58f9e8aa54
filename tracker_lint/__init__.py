"""tracker-lint: keep hand-edited Markdown progress trackers honest."""

from __future__ import annotations

__version__ = "0.1.0"

from tracker_lint.engine import Checked, FixResult, Settings, check, fix_text, lint
from tracker_lint.findings import Finding, Fix, Severity

__all__ = [
    "Checked",
    "Finding",
    "Fix",
    "FixResult",
    "Settings",
    "Severity",
    "__version__",
    "check",
    "fix_text",
    "lint",
]
