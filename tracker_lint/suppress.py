"""Suppression comments: ``<!-- tracker-lint-disable-line TL201 -->`` and friends.

Directives are HTML comments outside code; a directive without codes covers
every rule:

- ``disable-line``: the line the comment is on (inside a table cell or at the
  end of a Quick Stats bullet, so the structure is not broken);
- ``disable-next-line``: the line after the comment;
- ``disable`` … ``enable``: every line between them (or to the end of file);
- ``disable-file``: the whole file.

A finding is suppressed by the line it starts on. Every directive code (or
code-less directive) that suppresses nothing is itself reported as
unused-suppression (TL901) with a safe fix that removes it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence, Set
from dataclasses import dataclass, field

from tracker_lint._text import DIRECTIVE_MARKER, without_hard_break
from tracker_lint.findings import Finding, Fix, Problem
from tracker_lint.parse import Document

_DIRECTIVE = re.compile(
    r"<!--\s*tracker-lint-(?P<kind>disable-next-line|disable-line|disable-file|disable|enable)"
    r"(?P<codes>(?:[\s,]+[A-Za-z][\w-]*)*)[\s,]*-->"
)
_CODE = re.compile(r"[A-Za-z][\w-]*")


@dataclass(frozen=True)
class Code:
    code: str  # upper-case rule code, or "" for "every rule"
    start: int  # offsets of the code in the text (the comment's, for ""): unique in a document
    end: int


@dataclass
class Directive:
    kind: str
    line: int  # 0-based
    start: int  # offsets of the whole comment
    end: int
    codes: list[Code]
    own_line: bool  # the comment is the only thing on its line
    first: int = 0  # 0-based lines covered, [first, last)
    last: int = 0
    text: str = ""
    # For ``disable``: where each code's range ends (an ``enable`` naming it, or
    # a bare ``enable``), and the later ``enable`` lines that re-enable single
    # codes inside a code-less ``disable``.
    ends: dict[str, int] = field(default_factory=dict)
    reenabled: list[tuple[int, str]] = field(default_factory=list)

    def covers(self, line: int, code: str, *, explicit: bool = False) -> Code | None:
        """The code of this directive that silences ``code`` on ``line``, if any; with
        ``explicit``, only a directive naming the code does (not a code-less one)."""
        if not self.first <= line < self.last:
            return None
        for c in self.codes:
            wanted = (code,) if explicit else ("", code)
            if c.code not in wanted or line >= self.ends.get(c.code, self.last):
                continue
            if c.code == "" and any(at <= line and what == code for at, what in self.reenabled):
                continue
            return c
        return None


@dataclass
class Suppressions:
    directives: list[Directive] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.directives)


def _in_code_span(line: str, index: int) -> bool:
    return line.count("`", 0, index) % 2 == 1


def find(doc: Document) -> Suppressions:
    """Every directive of the document, with the lines it covers."""
    if DIRECTIVE_MARKER not in doc.text:
        return Suppressions()
    directives: list[Directive] = []
    for line_no in range(len(doc.line_starts)):
        line = doc.line_text(line_no)
        if DIRECTIVE_MARKER not in line or doc.in_verbatim(line_no):
            continue
        for match in _DIRECTIVE.finditer(line):
            if _in_code_span(line, match.start()):
                continue
            start = doc.offset(line_no, match.start())
            end = doc.offset(line_no, match.end())
            codes = [
                Code(
                    m.group().upper(),
                    doc.offset(line_no, match.start("codes") + m.start()),
                    doc.offset(line_no, match.start("codes") + m.end()),
                )
                for m in _CODE.finditer(match.group("codes"))
            ] or [Code("", start, end)]
            directives.append(
                Directive(
                    match.group("kind"),
                    line_no,
                    start,
                    end,
                    codes,
                    own_line=line.strip() == match.group(),
                    text=match.group(),
                )
            )
    _resolve_ranges(directives, len(doc.line_starts))
    return Suppressions(directives)


def _resolve_ranges(directives: Sequence[Directive], line_count: int) -> None:
    for d in directives:
        if d.kind == "disable-line":
            d.first, d.last = d.line, d.line + 1
        elif d.kind == "disable-next-line":
            d.first, d.last = d.line + 1, d.line + 2
        elif d.kind == "disable-file":
            d.first, d.last = 0, line_count
        elif d.kind == "disable":
            d.first, d.last = d.line, line_count
            enables = [e for e in directives if e.kind == "enable" and e.line > d.line]
            for c in d.codes:
                for e in enables:
                    enabled = {x.code for x in e.codes}
                    if "" in enabled or c.code in enabled:
                        d.ends[c.code] = e.line
                        break
                    if c.code == "":
                        d.reenabled.extend((e.line, x.code) for x in e.codes)


def apply(
    findings: Iterable[Finding], suppressions: Suppressions, *, explicit: bool = False
) -> tuple[list[Finding], frozenset[Code]]:
    """The findings no directive covers, and the directive codes that covered some.

    With ``explicit``, only directives that name a finding's code cover it: a
    code-less directive never hides its own unused-suppression finding."""
    if not suppressions:
        return list(findings), frozenset()
    active = [d for d in suppressions.directives if d.kind != "enable"]
    kept = []
    used: set[Code] = set()
    for finding in findings:
        line = finding.line - 1
        covering = [
            c for d in active if (c := d.covers(line, finding.code, explicit=explicit)) is not None
        ]
        used.update(covering)
        if not covering:
            kept.append(finding)
    return kept, frozenset(used)


def unused(
    doc: Document,
    suppressions: Suppressions,
    used: Set[Code],
    known: frozenset[str],
    active: frozenset[str],
) -> list[Problem]:
    """Problems for directive codes that suppressed nothing (TL901), each with its fix.

    ``used`` holds the codes that suppressed something (what :func:`apply` returned).
    Codes of rules that did not run (deselected) are not reported: they may
    well be needed when the rule runs again.
    """
    problems = []
    for d in suppressions.directives:
        if d.kind == "enable":
            continue
        stale = [
            c for c in d.codes if c not in used and (c.code == "" or c.code not in known - active)
        ]
        if not stale:
            continue
        if len(stale) == len(d.codes):
            fix = Fix(*_comment_span(doc, d), "", "safe")
            what = " ".join(c.code for c in stale if c.code) or "of every rule"
            problems.append(Problem(d.start, d.end, _message(d, stale, known, what), fix))
            continue
        for c in stale:
            start, end = _code_span(doc, c)
            problems.append(
                Problem(
                    c.start, c.end, _message(d, [c], known, c.code), Fix(start, end, "", "safe")
                )
            )
    return problems


def _message(d: Directive, stale: list[Code], known: frozenset[str], what: str) -> str:
    unknown = [c.code for c in stale if c.code and c.code not in known]
    if unknown:
        return f"Unused suppression: {', '.join(unknown)} is not a tracker-lint rule"
    return f"Unused suppression: tracker-lint-{d.kind} {what} suppresses nothing"


def _comment_span(doc: Document, d: Directive) -> tuple[int, int]:
    """What removing a directive removes: its whole line when alone on it, else the
    comment and the whitespace before it."""
    line_start = doc.offset(d.line, 0)
    if d.own_line:
        next_start = doc.line_starts[d.line + 1] if d.line + 1 < len(doc.line_starts) else None
        return line_start, next_start if next_start is not None else len(doc.text)
    start = d.start
    while start > line_start and doc.text[start - 1] in " \t":
        start -= 1
    return start, d.end


def _code_span(doc: Document, code: Code) -> tuple[int, int]:
    """A code and the separator before it: `` TL201`` or ``, TL201``."""
    start = code.start
    while start > 0 and doc.text[start - 1] in " \t,":
        start -= 1
    return start, code.end


# --- adding directives (--add-suppressions) ------------------------------------------

# Findings that a directive is not the answer to: an unreadable file has no line to
# put one on, and an unused suppression is removed (its fix), not suppressed.
NOT_SUPPRESSED = frozenset({"TL001", "TL901"})


def directive_fixes(doc: Document, findings: Iterable[Finding]) -> tuple[list[Fix], int]:
    """The insertions that give each line of the findings a ``disable-line``
    directive for its codes, and how many codes they add.

    On a table row the comment goes at the end of the last cell, before its closing
    pipe, where it neither adds a cell nor changes what a cell says (cells are read
    without comments); on any other line, at the end of its text. A line that
    already has a ``disable-line`` directive naming codes gets the new codes added to
    it. Nothing else changes, so running it again adds nothing. The fixes are
    insertions (an empty span), one a line, spliced as every fix is.
    """
    by_line: dict[int, set[str]] = {}
    for f in findings:
        if f.code not in NOT_SUPPRESSED and 1 <= f.line <= len(doc.line_starts):
            by_line.setdefault(f.line - 1, set()).add(f.code)
    if not by_line:
        return [], 0
    rows = {row.line: row for t in doc.tables for row in (t.header, *t.rows)}
    existing = {
        d.line: d
        for d in find(doc).directives
        if d.kind == "disable-line" and all(c.code for c in d.codes)
    }
    inserts: list[Fix] = []

    def insert(offset: int, text: str) -> None:
        inserts.append(Fix(offset, offset, text))

    for line, wanted in by_line.items():
        codes = " ".join(sorted(wanted))
        directive = existing.get(line)
        if directive is not None:
            insert(max(c.end for c in directive.codes), f" {codes}")
            continue
        comment = f"<!-- tracker-lint-disable-line {codes} -->"
        row = rows.get(line)
        if row is not None and row.cells:
            last = row.cells[-1]
            if last.text:
                insert(last.end, f" {comment}")
            else:  # an empty cell (its span is the white space): `| <!-- ... --> |`
                before = " " if doc.text[last.end - 1 : last.end] not in (" ", "\t") else ""
                after = " " if doc.text[last.end : last.end + 1] == "|" else ""
                insert(last.end, f"{before}{comment}{after}")
            continue
        insert(doc.offset(line, _end_of_text(doc.line_text(line))), f" {comment}")
    return inserts, sum(len(c) for c in by_line.values())


def _end_of_text(line: str) -> int:
    """Where a comment added to a line goes: after its text, but before trailing white
    space, a hard-break backslash, and a comment the line leaves open (whose ``-->``
    is on a later line)."""
    end = len(line.rstrip())
    opened = line.rfind("<!--", 0, end)
    if opened >= 0 and line.find("-->", opened + 4) < 0:
        return len(line[:opened].rstrip())
    return len(without_hard_break(line[:end]))
