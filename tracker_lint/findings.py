"""Findings and the fixes they carry."""

from __future__ import annotations

import enum
from typing import Literal, NamedTuple

Applicability = Literal["safe", "unsafe"]


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"

    def __str__(self) -> str:
        return self.value


class Fix(NamedTuple):
    """Replace ``text[start:end]`` of the linted text with ``replacement``."""

    start: int
    end: int
    replacement: str
    applicability: Applicability = "safe"


class Problem(NamedTuple):
    """What a rule yields: a span of the linted text, a message and maybe a fix."""

    start: int
    end: int
    message: str
    fix: Fix | None = None


class Finding(NamedTuple):
    """A problem stamped by the engine with its rule and 1-based positions.

    ``end_column`` is exclusive: the column just after the last character, as
    in SARIF regions. Columns count Unicode code points; a BOM is not a column.
    """

    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    name: str
    severity: Severity
    message: str
    fix: Fix | None = None
    start: int = 0  # offsets in the linted text, for suppressions and fixing
    end: int = 0

    @property
    def sort_key(self) -> tuple[int, int, str]:
        return (self.line, self.column, self.code)
