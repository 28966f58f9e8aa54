"""What an editor asks of a tracker, in the editor's terms, without any editor library.

The language server (``tracker_lint.server``) is a thin layer over this: positions in
UTF-16 code units (LSP's), the findings of a buffer with the configuration of its
path (the command line's own :class:`~tracker_lint.workspace.Workspace`), the edit
of a fix, of "fix all" and of a suppression comment, and what a hover says.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from tracker_lint.engine import Settings, check, fix_text, model
from tracker_lint.findings import Finding, Fix
from tracker_lint.model import Tracker
from tracker_lint.workspace import Excluded, Workspace

if TYPE_CHECKING:
    from tracker_lint.incremental import Memo

_BREAK = re.compile(r"\r\n|\r|\n")


def _units(encoding: str) -> Callable[[str], int]:
    """How many code units of a position encoding a character is (LSP: utf-16 by
    default, utf-8 or utf-32 when client and server agree on it)."""
    if encoding == "utf-8":
        return lambda c: len(c.encode("utf-8", "surrogatepass"))
    if encoding == "utf-32":
        return lambda c: 1
    return lambda c: 2 if ord(c) > 0xFFFF else 1


class Lines:
    """Offsets of a text as LSP positions: 0-based lines and code units of the
    position encoding (UTF-16 unless the client and the server agreed on another)."""

    __slots__ = ("encoding", "starts", "text", "units")

    def __init__(
        self, text: str, encoding: str = "utf-16", starts: list[int] | None = None
    ) -> None:
        self.text = text
        self.encoding = encoding
        self.units = _units(encoding)
        # LSP's line breaks: \r\n, \n and a lone \r (as the parser's, whose line
        # starts of the text, ``starts``, will do)
        self.starts = [0, *(m.end() for m in _BREAK.finditer(text))] if starts is None else starts

    def position(self, offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        prefix = self.text[self.starts[line] : offset]
        if self.encoding == "utf-32" or prefix.isascii():
            return line, len(prefix)
        return line, sum(map(self.units, prefix))

    def offset(self, line: int, character: int) -> int:
        """The offset of an LSP position; past the end of a line is its end, past the
        last line the end of the text (as LSP says a client may send)."""
        if line >= len(self.starts):
            return len(self.text)
        start = self.starts[max(line, 0)]
        end = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.text)
        while end > start and self.text[end - 1] in "\r\n" and line + 1 < len(self.starts):
            end -= 1  # the line's break is not in it (a position never splits \r\n)
        count, at = 0, start
        while at < end and count < character:
            count += self.units(self.text[at])
            at += 1
        return at


@dataclass
class Diagnosis:
    """What the editor shows for one buffer."""

    text: str
    findings: list[Finding] = field(default_factory=list)
    settings: Settings | None = None  # None: not linted (see ``why``)
    is_tracker: bool = False
    why: str = ""  # excluded by the configuration, or the configuration's error
    version: int | None = None  # the editor's version of the text, when it has one
    memo: Memo | None = field(default=None, repr=False, compare=False)
    _tracker: Tracker | None = field(default=None, repr=False, compare=False)

    def line_starts(self) -> list[int] | None:
        """Where the text's lines start, when its memo has them (see :class:`Lines`)."""
        doc = self.memo.doc if self.memo is not None else None
        return doc.line_starts if doc is not None and doc.text is self.text else None

    def tracker(self) -> Tracker | None:
        """The buffer's model, built once (for suppression comments and hovers): from
        the memo the buffer was linted with, while it still holds this text."""
        if self.settings is None:
            return None
        memo = self.memo
        if self._tracker is None or (memo is not None and not memo.is_current(self._tracker)):
            if memo is not None and memo.doc is not None and memo.doc.text == self.text:
                self._tracker = memo.model(self.text, self.settings.profile)
            else:
                self._tracker = model(self.text, self.settings.profile)
        return self._tracker


def diagnose(
    workspace: Workspace,
    text: str,
    path: Path | None,
    today: date,
    version: int | None = None,
    memo: Memo | None = None,
) -> Diagnosis:
    """The findings of a buffer, configured as the file at ``path`` is on the command
    line (a ConfigError is the caller's: a bad configuration is not this buffer's).
    ``memo``: the buffer's memo (see :mod:`tracker_lint.incremental`), so that only
    what changed since its last diagnosis is parsed again."""
    settings = workspace.settings_for(path)
    if isinstance(settings, Excluded):
        why = f"excluded by {settings.config} ({settings.key})"
        return Diagnosis(text, why=why, version=version)
    from dataclasses import replace

    settings = replace(settings, today=today)
    checked = check(text, settings, memo=memo)
    return Diagnosis(
        text, checked.findings, settings, checked.is_tracker, version=version, memo=memo
    )


def fixed_all(diagnosis: Diagnosis) -> str | None:
    """The buffer with every safe fix applied (as ``--fix`` does), None when nothing
    changes or the buffer is not a tracker."""
    if diagnosis.settings is None or not diagnosis.is_tracker:
        return None
    result = fix_text(diagnosis.text, diagnosis.settings)
    return result.text if result.text != diagnosis.text else None


def silence(diagnosis: Diagnosis, finding: Finding) -> Fix | None:
    """The insertion that adds the finding's code to a ``disable-line`` comment on its
    line (as ``--add-suppressions`` does)."""
    tracker = diagnosis.tracker()
    if tracker is None:
        return None
    from tracker_lint.suppress import directive_fixes

    fixes, _ = directive_fixes(tracker.doc, [finding])
    return fixes[0] if fixes else None


def hover(diagnosis: Diagnosis, offset: int) -> str | None:
    """What a hover at ``offset`` says, in Markdown: on a total's value, what the items
    give and which count; on a status cell, what the stage columns derive."""
    tracker = diagnosis.tracker()
    if tracker is None or not diagnosis.is_tracker:
        return None
    return _total_hover(tracker, offset) or _status_hover(tracker, offset)


def _total_hover(tracker: Tracker, offset: int) -> str | None:
    from tracker_lint.rules.stats import describe, expected, items_of, selected
    from tracker_lint.rules.status import status_text

    for entry in tracker.stats or ():
        total = entry.total
        if total is None or not entry.numbers or not total.check or total.format == "status":
            continue
        if not entry.numbers[0].start <= offset <= entry.numbers[-1].end:
            continue
        items = items_of(tracker, entry)
        counted = selected(items, total.counts)
        wanted = " ".join(expected(tracker, entry))
        by_status: dict[str, int] = {}
        for item in items:
            key = item.counted or "unknown"
            by_status[key] = by_status.get(key, 0) + 1
        profile = tracker.profile
        parts = ", ".join(
            f"{n} {status_text(profile.status(s)) if s in profile.index.status_by_id else s}"
            for s, n in by_status.items()
        )
        noun = "item" if len(items) == 1 else "items"
        what = describe(tracker, items, total.counts, total.sum)
        return (
            f"**{entry.label}**: the tracker gives {wanted} ({what}; {len(counted)} counted)\n\n"
            f"{len(items)} {noun}: {parts}"
        )
    return None


def _status_hover(tracker: Tracker, offset: int) -> str | None:
    from tracker_lint.model import leading_symbol
    from tracker_lint.rules.status import status_text

    profile = tracker.profile
    for item in tracker.items:
        status = item.status
        if status is None or not status.cell.start <= offset <= status.cell.end:
            continue
        written = status_text(status.status) if status.status else f'"{status.cell.text}"'
        if not item.stages:
            return f"Status: {written}"
        stages = " and ".join(f"{s.name} {leading_symbol(s.cell.text)}" for s in item.stages)
        if item.derived is None:
            return f"Status: {written}; {stages} give no status the profile derives"
        return f"Status: {written}; {stages} give {status_text(profile.status(item.derived))}"
    return None


__all__ = [
    "Diagnosis",
    "Lines",
    "diagnose",
    "fixed_all",
    "hover",
    "silence",
]
