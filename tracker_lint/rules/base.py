"""What every rule is: metadata up front, documentation in the docstring, one ``check``."""

from __future__ import annotations

import inspect
from collections.abc import Iterable
from datetime import date
from typing import ClassVar, NamedTuple

from tracker_lint.findings import Applicability, Problem, Severity
from tracker_lint.model import Tracker


class Context(NamedTuple):
    """What a rule may know besides the tracker itself."""

    today: date
    base: Tracker | None = None  # the tracker at an earlier revision, for history rules


class Rule:
    """Base class. A rule's docstring is its documentation (ruff's headings)."""

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    fix: ClassVar[Applicability | None] = None
    summary: ClassVar[str]

    def check(self, tracker: Tracker, ctx: Context) -> Iterable[Problem]:
        return ()

    @classmethod
    def documentation(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")
