"""The rule registry: a plain mapping from code to rule, in code order."""

from __future__ import annotations

from tracker_lint.rules.base import Context, Rule
from tracker_lint.rules.comments import CommentBreaksStructure, UnusedSuppression
from tracker_lint.rules.dates import FutureDate, InvalidDate, MissingDate
from tracker_lint.rules.file import UnreadableFile
from tracker_lint.rules.history import StaleDate
from tracker_lint.rules.legend import LegendMissingSymbol
from tracker_lint.rules.numbers import (
    ProgressStatusMismatch,
    RowNumbersMismatch,
    SectionSummaryMismatch,
    TotalRowMismatch,
)
from tracker_lint.rules.stats import (
    MalformedStat,
    MissingStats,
    SectionStatusMismatch,
    StatsMismatch,
    TotalsWithoutItems,
    UnknownStat,
)
from tracker_lint.rules.status import StatusLabelMismatch, StatusMismatch
from tracker_lint.rules.table import (
    DuplicateItem,
    RowNumbering,
    TableColumnCount,
    UnknownProgressSymbol,
    UnknownStatusSymbol,
)

RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in (
        UnreadableFile(),
        TableColumnCount(),
        UnknownProgressSymbol(),
        UnknownStatusSymbol(),
        DuplicateItem(),
        RowNumbering(),
        StatusMismatch(),
        StatusLabelMismatch(),
        ProgressStatusMismatch(),
        SectionStatusMismatch(),
        MissingDate(),
        InvalidDate(),
        FutureDate(),
        StaleDate(),
        StatsMismatch(),
        MissingStats(),
        UnknownStat(),
        MalformedStat(),
        TotalsWithoutItems(),
        LegendMissingSymbol(),
        RowNumbersMismatch(),
        TotalRowMismatch(),
        SectionSummaryMismatch(),
        UnusedSuppression(),
        CommentBreaksStructure(),
    )
}


class UnknownRuleError(KeyError):
    pass


def get(code: str) -> Rule:
    """The rule with this code (``TL401``) or name (``stats-mismatch``)."""
    key = code.strip()
    if key.upper() in RULES:
        return RULES[key.upper()]
    for rule in RULES.values():
        if rule.name == key.lower():
            return rule
    raise UnknownRuleError(f"unknown rule {code!r}; run `tracker-lint rule --all` for the list")


__all__ = ["RULES", "Context", "Rule", "UnknownRuleError", "get"]
