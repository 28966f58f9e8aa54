"""Where a tracker keeps its totals, and the numbers written there, with exact spans.

Totals live either in a bullet list under a heading (``- **Completed**: 7``)
or in a table with a label and a value column (``| Complete Episodes | 7 |``),
where a further column may hold the value as a percentage of a target.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Literal

from tracker_lint._text import EMPHASIS, name_key
from tracker_lint.parse import BulletList, Cell, Document, Heading, ListItem, Row, Table
from tracker_lint.profile import Total, Totals

Role = Literal["count", "of", "percent", "target-percent"]

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
        "label",
        "label_end",
        "label_start",
        "line",
        "numbers",
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
    ) -> None:
        # line: 0-based
        # start: the whole entry: the list item's text, or the table row
        # target: what a "target-percent" number is a percentage of
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


def _strip_comment(text: str) -> str:
    comment = text.find("<!--")
    return text if comment < 0 else text[:comment]


def numbers_in(text: str, base: int, total: Total) -> list[Number]:
    """The numbers of a written total: one, or ``n/N`` and ``(p%)`` for a fraction."""
    text = _strip_comment(text)
    if total.format == "fraction":
        fraction = _fraction().search(text)
        if fraction is None:
            return []
        found = [
            Number("count", fraction["n"], base + fraction.start("n"), base + fraction.end("n")),
            Number("of", fraction["d"], base + fraction.start("d"), base + fraction.end("d")),
        ]
        pct = _paren_percent().search(text, fraction.end())
        if pct is not None:
            key = "p" if pct["p"] else "na"
            found.append(Number("percent", pct[key], base + pct.start(key), base + pct.end(key)))
        return found
    number = _NUMBER.search(text)
    if number is None:
        return []
    role: Role = "percent" if total.is_percent else "count"
    return [Number(role, number["n"], base + number.start("n"), base + number.end("n"))]


def _from_item(item: ListItem, totals: Totals) -> StatEntry:
    text = item.text
    match = _LABEL.match(text)
    if not match:
        return StatEntry(
            item.line, item.start, item.end, None, item.start, item.end, None, None, []
        )
    key = "a" if match["a"] else "b" if match["b"] else "c"
    label = match[key].strip()
    label_start = item.start + match.start(key)
    total, group = totals.find(label)
    rest = match.end()
    numbers = numbers_in(text[rest:], item.start + rest, total) if total else []
    return StatEntry(
        item.line, item.start, item.end, label, label_start, label_start + len(label),
        total, group, numbers,
    )  # fmt: skip


def _from_row(row: Row, columns: dict[str, int], totals: Totals) -> StatEntry:
    def cell(name: str | None) -> Cell | None:
        index = columns.get(name_key(name)) if name else None
        return row.cells[index] if index is not None and index < len(row.cells) else None

    label_cell = cell(totals.label_column)
    if label_cell is None or not label_cell.text.strip(EMPHASIS):
        return StatEntry(row.line, row.start, row.end, None, row.start, row.end, None, None, [])
    label = label_cell.text.strip(EMPHASIS)
    label_start = label_cell.start + len(label_cell.text) - len(label_cell.text.lstrip(EMPHASIS))
    total, group = totals.find(label)
    value = cell(totals.value_column)
    numbers = numbers_in(value.text, value.start, total) if total and value else []
    target, percent = cell(totals.target_column), cell(totals.percent_column)
    target_number = _NUMBER.search(target.text) if target else None
    pct = _NUMBER.search(percent.text) if percent else None
    goal = None
    if numbers and target_number and pct and percent:
        goal = int(float(target_number["n"].replace(",", "")))
        start = percent.start + pct.start("n")
        numbers.append(Number("target-percent", pct["n"], start, start + len(pct["n"])))
    return StatEntry(
        row.line, row.start, row.end, label, label_start, label_start + len(label),
        total, group, numbers, goal,
    )  # fmt: skip


def _list_under(doc: Document, heading: str) -> tuple[Heading | None, BulletList | None]:
    """The first bullet list after the named heading, before the next heading."""
    key = name_key(heading)
    found: Heading | None = None
    for block in doc.blocks:
        if isinstance(block, Heading):
            if found is not None:
                return found, None
            if name_key(block.text) == key:
                found = block
        elif found is not None and isinstance(block, BulletList):
            return found, block
    return found, None


def list_under(doc: Document, heading: str) -> BulletList | None:
    return _list_under(doc, heading)[1]


def find_totals(doc: Document, totals: Totals) -> TotalsSection:
    if totals.kind == "list":
        heading, found = _list_under(doc, totals.heading or "")
        if found is None:
            return TotalsSection(heading, None, None)
        return TotalsSection(heading, found, [_from_item(item, totals) for item in found.items])
    wanted = (name_key(totals.label_column), name_key(totals.value_column))
    heading_key = name_key(totals.heading) if totals.heading else None
    for table in doc.tables:
        keys = [name_key(c.text) for c in table.header.cells]
        if not all(k in keys for k in wanted):
            continue
        if heading_key is not None and (
            table.heading is None or name_key(table.heading.text) != heading_key
        ):
            continue
        columns = {k: i for i, k in reversed(list(enumerate(keys)))}
        entries = [_from_row(row, columns, totals) for row in table.rows]
        return TotalsSection(table.heading, table, entries)
    return TotalsSection(None, None, None)
