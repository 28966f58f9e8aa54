"""Where a tracker keeps its totals, and the numbers written there, with exact spans.

Totals live either in a bullet list under a heading (``- **Completed**: 7``)
or in a table with a label and a value column (``| Complete Episodes | 7 |``),
where a further column may hold the value as a percentage of a target.
"""

from __future__ import annotations

import bisect
import operator
import re
from collections.abc import Callable
from functools import cache, partial
from typing import Literal

from tracker_lint._text import EMPHASIS, name_key
from tracker_lint.parse import (
    BulletList,
    Cell,
    Document,
    Heading,
    HtmlBlock,
    ListItem,
    Row,
    Table,
    heading_spans,
    shown_text,
)
from tracker_lint.profile import Total, Totals

Role = Literal["count", "of", "percent", "target-percent", "status", "other"]

# `**Label**: rest`, `**Label:** rest`, `__Label__: rest` or `Label: rest`
_LABEL = re.compile(
    r"^(?:(?P<q>\*\*|__|\*|_)(?P<a>[^*_].*?)(?P=q)\s*:"
    r"|(?P<r>\*\*|__|\*|_)(?P<b>[^*_].*?):(?P=r)"
    r"|(?P<c>[^:*_][^:]*?):)"
)
_INT = r"\d{1,3}(?:,\d{3})+|\d+"
# A number as people write totals: 55, 1,204, 12.7, -3, or 12,7 (a decimal comma:
# one or two digits after it; three would be a thousands separator).
_NUMBER = re.compile(rf"(?<![\w.,-])(?P<n>-?(?:\d+,\d{{1,2}}(?![\d,])|(?:{_INT})(?:\.\d+)?))")

# Compiled on first use: only fraction totals (``5/6 (83%)``) need them.


@cache
def _fraction() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w.,])(?P<n>{_INT})\s*/\s*(?P<d>{_INT})(?![\d.])")


@cache
def _secondary_fraction() -> re.Pattern[str]:
    """``14/40`` or ``14 of 40`` after a percentage: its count and its denominator."""
    return re.compile(rf"(?<![\w.,])(?P<n>{_INT})\s*(?:/|\bof\b)\s*(?P<d>{_INT})(?![\d.])")


@cache
def _date() -> re.Pattern[str]:
    return re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}:\d{2}")


@cache
def _paren_percent() -> re.Pattern[str]:
    return re.compile(r"\(\s*(?:(?P<p>\d+(?:[.,]\d+)?)\s*%|(?P<na>N/A))\s*\)", re.IGNORECASE)


class Number:
    __slots__ = ("end", "role", "start", "text")

    def __init__(self, role: Role, text: str, start: int, end: int) -> None:
        # text: as written, without a percent sign: "1,204", "12.7", "N/A"
        self.role = role
        self.text = text
        self.start = start
        self.end = end

    @property
    def decimal_comma(self) -> bool:
        whole, comma, decimals = self.text.lstrip("-").partition(",")
        return bool(comma) and whole.isdigit() and decimals.isdigit() and len(decimals) <= 2

    @property
    def decimals(self) -> int:
        return len(self.text.partition("," if self.decimal_comma else ".")[2])

    @property
    def value(self) -> str:
        """The number with ``.`` as the decimal point and no thousands separators."""
        return self.text.replace(",", ".") if self.decimal_comma else self.text.replace(",", "")

    def written_like(self, value: str) -> str:
        """``value`` (``12.7``) written with this number's decimal separator."""
        return value.replace(".", ",") if self.decimal_comma else value


class StatEntry:
    __slots__ = (
        "end",
        "group",
        "in_heading",
        "label",
        "label_end",
        "label_start",
        "line",
        "nested",
        "numbers",
        "others",
        "region",
        "section",
        "start",
        "target",
        "total",
    )

    def __init__(
        self,
        line: int,
        start: int,
        end: int,
        label: str | None,
        label_start: int,
        label_end: int,
        total: Total | None,
        group: str | None,
        numbers: list[Number],
        target: int | None = None,
        others: list[Number] | None = None,
        nested: bool = False,
    ) -> None:
        # line: 0-based
        # start: the whole entry: the list item's text, or the table row
        # target: what a "target-percent" number is a percentage of
        # others: further numbers written in the entry that are not derived from the
        #   tables (`7 (12.7%)`, a Remaining column): a fix would leave them stale
        self.line = line
        self.start = start
        self.end = end
        self.label = label
        self.label_start = label_start
        self.label_end = label_end
        self.total = total
        self.group = group
        self.numbers = numbers
        self.target = target
        self.others = others or []
        self.nested = nested  # an item of a list nested in the totals list
        # the heading it is written under, as shown: what a section-scoped total counts
        self.section = ""
        # [start, end) of that section: from its heading to the next heading of its level
        # or higher (subsections included), the span whose items a section-scoped total
        # counts (two sections may share a title)
        self.region = (0, 0)
        self.in_heading = False  # written in a heading (``## Completed (4/44)``)


class TotalsSection:
    __slots__ = ("block", "entries", "heading")

    def __init__(
        self,
        heading: Heading | None,
        block: BulletList | Table | None,
        entries: list[StatEntry] | None,
    ) -> None:
        # entries: None: no totals in the document
        self.heading = heading
        self.block = block
        self.entries = entries


@cache
def _comment() -> re.Pattern[str]:
    return re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)


def _strip_comment(text: str) -> str:
    """The text with each HTML comment blanked out: same length, so offsets hold, and
    what follows a comment (a value on the next line) is still read."""
    if "<!--" not in text:
        return text
    return _comment().sub(lambda m: re.sub(r"[^\n]", " ", m[0]), text)


def _dates(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _date().finditer(text)] if "-" in text or ":" in text else []


Source = Callable[[int], int]  # index in an entry's text -> offset in the document


def numbers_in(text: str, source: Source, total: Total) -> tuple[list[Number], list[Number]]:
    """The numbers of a written total, and the other numbers written with it.

    The numbers are one value, ``n/N`` and ``(p%)`` for a fraction, or ``p%`` and
    the ``(n/N)`` after it for a percentage; the others are any further numbers
    (dates aside), which no fix can keep consistent.
    """
    text = _strip_comment(text)

    def number(role: Role, match: re.Match[str], key: str) -> Number:
        return Number(role, match[key], source(match.start(key)), source(match.end(key)))

    found: list[Number] = []
    if total.format == "status":  # the value is a status: the whole text, trimmed
        value = text.strip()
        if not value:
            return [], []
        at = text.index(value)
        return [Number("status", value, source(at), source(at + len(value)))], []
    if total.format == "fraction":
        fraction = _fraction().search(text)
        if fraction is not None:
            found = [number("count", fraction, "n"), number("of", fraction, "d")]
            pct = _paren_percent().search(text, fraction.end())
            if pct is not None:
                found.append(number("percent", pct, "p" if pct["p"] else "na"))
    else:
        dates = _dates(text)
        candidates = [
            m for m in _NUMBER.finditer(text) if not any(a <= m.start() < b for a, b in dates)
        ]
        role: Role = "percent" if total.is_percent else "count"
        if role == "percent":  # the number written with a % sign, if any
            marked = [m for m in candidates if text[m.end() :].lstrip(" ").startswith("%")]
            candidates = marked or candidates
        if candidates:
            first = candidates[0]
            found = [number(role, first, "n")]
            if role == "percent":
                fraction = _secondary_fraction().match(
                    text, _skip_to_fraction(text, first.end())
                ) or _fraction_before(text, first.start())
                if fraction is not None:
                    found += [number("count", fraction, "n"), number("of", fraction, "d")]
                    found.sort(key=lambda n: n.start)
    return found, _others(text, source, found)


def _fraction_before(text: str, at: int) -> re.Match[str] | None:
    """A fraction written just before a percentage: ``14/40 (35%)``."""
    last = None
    for match in _secondary_fraction().finditer(text, 0, at):
        last = match
    if last is not None and text[last.end() : at].strip(" \t(") == "":
        return last
    return None


def _skip_to_fraction(text: str, at: int) -> int:
    """Past ``%``, spaces and an opening parenthesis: where ``(14/40`` would start."""
    while at < len(text) and text[at] in "% \t(":
        at += 1
    return at


def _others(text: str, source: Source, found: list[Number]) -> list[Number]:
    taken = {n.start for n in found}
    dates = _dates(text)
    others = []
    for match in _NUMBER.finditer(text):
        if source(match.start("n")) in taken:
            continue
        if any(a <= match.start() < b for a, b in dates):
            continue
        others.append(Number("other", match["n"], source(match.start("n")), source(match.end("n"))))
    return others


def _from_item(item: ListItem, totals: Totals) -> StatEntry:
    text = item.text
    match = _LABEL.match(text)
    if not match:
        return StatEntry(
            item.line, item.start, item.end, None, item.start, item.end, None, None, [],
            nested=item.depth > 0,
        )  # fmt: skip
    key = "a" if match["a"] else "b" if match["b"] else "c"
    label = match[key].strip()
    label_start = item.source(match.start(key) + len(match[key]) - len(match[key].lstrip()))
    total, group = totals.find(shown_text(label))
    rest = match.end()
    numbers, others = (
        numbers_in(text[rest:], lambda i: item.source(rest + i), total) if total else ([], [])
    )
    label_end = item.source(match.start(key) + len(match[key].rstrip()))
    return StatEntry(
        item.line, item.start, item.end, label, label_start, label_end,
        total, group, numbers, others=others, nested=item.depth > 0,
    )  # fmt: skip


def _from_row(row: Row, columns: dict[str, int], totals: Totals) -> StatEntry:
    def index(name: str | None) -> int | None:
        return columns.get(name_key(name)) if name else None

    def cell(name: str | None) -> Cell | None:
        i = index(name)
        return row.cells[i] if i is not None and i < len(row.cells) else None

    label_cell = cell(totals.label_column)
    if label_cell is None or not label_cell.text.strip(EMPHASIS):
        return StatEntry(row.line, row.start, row.end, None, row.start, row.end, None, None, [])
    label = label_cell.text.strip(EMPHASIS)
    label_start = label_cell.start + len(label_cell.text) - len(label_cell.text.lstrip(EMPHASIS))
    total, group = totals.find(shown_text(label))
    value = cell(totals.value_column)
    numbers: list[Number] = []
    others: list[Number] = []
    if total and value:
        numbers, others = numbers_in(value.text, lambda i: value.start + i, total)
    target, percent = cell(totals.target_column), cell(totals.percent_column)
    target_number = _NUMBER.search(target.text) if target else None
    pct = _NUMBER.search(percent.text) if percent else None
    goal = None
    if numbers and target_number and pct and percent:
        goal = int(float(target_number["n"].replace(",", "")))
        start = percent.start + pct.start("n")
        numbers.append(Number("target-percent", pct["n"], start, start + len(pct["n"])))
    if numbers:
        known = {index(c) for c in (totals.label_column, totals.value_column, totals.target_column)}
        if goal is not None:
            known.add(index(totals.percent_column))
        for i, other in enumerate(row.cells):
            if i not in known:
                others += _others(other.text, partial(operator.add, other.start), [])
    return StatEntry(
        row.line, row.start, row.end, label, label_start, label_start + len(label),
        total, group, numbers, goal, others,
    )  # fmt: skip


def _lists_under(doc: Document, heading: str) -> tuple[Heading | None, list[BulletList]]:
    """The first heading with this name, and the bullet lists after it: a change of
    bullet marker (``-`` then ``*``) or a comment line starts a new list on GitHub, and
    its items are totals all the same. Lists separated by anything else (a paragraph,
    a table) are not one list of totals: only the first is read."""
    key = name_key(heading)
    words = key.split()
    found: Heading | None = None
    lists: list[BulletList] = []
    comments: set[int] = set()  # lines of comment blocks after the heading
    for block in doc.blocks:
        if isinstance(block, Heading):
            if found is not None:
                break
            raw = name_key(block.text)
            # (the text as shown only when the words are there: shown_text parses inline)
            if raw == key or (all(w in raw for w in words) and name_key(block.plain) == key):
                found = block
        elif found is None:
            continue
        elif isinstance(block, HtmlBlock) and block.text.lstrip().startswith("<!--"):
            comments.update(range(block.line, block.end_line))
        elif isinstance(block, BulletList) and block.ordered:
            if lists:
                break  # a numbered list is not totals, and ends the ones before it
        elif isinstance(block, BulletList):
            if lists and not all(
                line in comments or not doc.line_text(line).strip()
                for line in range(lists[-1].end_line, block.line)
            ):
                break  # prose or another block between two lists: the first list is the totals
            lists.append(block)
    return found, lists


def list_under(doc: Document, heading: str) -> BulletList | None:
    """The bullet lists under the named heading, as one list (None when there is none)."""
    return _merged(_lists_under(doc, heading)[1])


def _merged(lists: list[BulletList]) -> BulletList | None:
    if not lists:
        return None
    if len(lists) == 1:
        return lists[0]
    return BulletList(
        [item for bl in lists for item in bl.items], lists[0].line, lists[-1].end_line
    )


# A heading that holds a total: its label, then the numbers in parentheses or after a colon
_HEADING_TOTAL = re.compile(r"(?P<label>[^(:]*[^(:\s])\s*(?::|(?=\())")


def _from_heading(heading: Heading, totals: Totals) -> StatEntry | None:
    """The total a heading holds (``## Completed Languages (4/44)``), None for any other
    heading: its label must be a total's, and numbers must follow it."""
    match = _HEADING_TOTAL.match(heading.text)
    if match is None:
        return None
    raw = match["label"]
    label = raw.strip(EMPHASIS)
    total, group = totals.find(shown_text(label))
    if total is None:
        return None
    rest = match.end()
    numbers, others = numbers_in(heading.text[rest:], lambda i: heading.start + rest + i, total)
    if not numbers:
        return None
    label_start = heading.start + len(raw) - len(raw.lstrip(EMPHASIS))
    entry = StatEntry(
        heading.line, heading.start, heading.end, label, label_start,
        label_start + len(label), total, group, numbers, others=others,
    )  # fmt: skip
    entry.in_heading = True
    return entry


def _in_sections(doc: Document, totals: Totals, taken: set[int]) -> list[StatEntry]:
    """Section-scoped totals written anywhere (``**Progress**: 5/5`` after a table),
    outside the totals list (whose items start at the offsets ``taken``), each with
    the section it is written in."""
    found: list[StatEntry] = []
    for block in doc.blocks:
        if isinstance(block, BulletList) and not block.ordered:
            for item in block.items:
                if item.start in taken or item.depth > 0:
                    continue
                entry = _from_item(item, totals)
                if entry.total is not None and entry.total.scope == "section":
                    found.append(entry)
    _sections_of(doc, found)
    return found


def _sections_of(doc: Document, entries: list[StatEntry]) -> None:
    """Sets each entry's section: the heading above it, and the span of its section
    (the whole text before the first heading)."""
    spans = heading_spans(doc)
    starts = [start for _, start, _ in spans]
    for entry in entries:
        at = bisect.bisect_right(starts, entry.start) - 1
        if at < 0:
            entry.section, entry.region = "", (0, starts[0] if starts else len(doc.text))
        else:
            heading, start, end = spans[at]
            entry.section, entry.region = heading.plain, (start, end)


def find_totals(doc: Document, totals: Totals) -> TotalsSection:
    if totals.kind == "list":
        heading, lists = _lists_under(doc, totals.heading) if totals.heading else (None, [])
        found = _merged(lists)
        entries = [_from_item(item, totals) for item in found.items] if found else None
        if any(t.scope == "section" for t in totals.items):
            if entries:
                _sections_of(doc, entries)
            taken = {item.start for item in found.items} if found else set()
            scoped = _in_sections(doc, totals, taken)
            if scoped:
                entries = sorted([*(entries or []), *scoped], key=lambda e: e.start)
        if totals.in_headings:
            in_headings = [
                entry
                for block in doc.blocks
                if isinstance(block, Heading) and (entry := _from_heading(block, totals))
            ]
            if in_headings:
                _sections_of(doc, in_headings)
                entries = sorted([*(entries or []), *in_headings], key=lambda e: e.start)
        return TotalsSection(heading, found, entries)
    wanted = (name_key(totals.label_column), name_key(totals.value_column))
    heading_key = name_key(totals.heading) if totals.heading else None
    for table in doc.tables:
        keys = [name_key(c.text) for c in table.header.cells]
        if not all(k in keys for k in wanted):
            continue
        if heading_key is not None and (
            table.heading is None or name_key(table.heading.plain) != heading_key
        ):
            continue
        columns = {k: i for i, k in reversed(list(enumerate(keys)))}
        entries = [_from_row(row, columns, totals) for row in table.rows]
        return TotalsSection(table.heading, table, entries)
    return TotalsSection(None, None, None)
