"""The tracker seen through a profile: tracked tables, rows with states, stats, legend."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker_lint._text import canonical_symbol, label_key, name_key, strip_comments
from tracker_lint.parse import BulletList, Cell, Document, Heading, ListItem, Row, Table
from tracker_lint.profile import Profile, StatusDef, Total

_INVISIBLE = "\ufe0e\ufe0f"
_EMPHASIS_STRIP = "*_ "
# `**Label**: rest`, `**Label:** rest`, `__Label__: rest` or `Label: rest`
_STAT_LABEL = re.compile(
    r"^(?:(?P<q>\*\*|__)(?P<a>.+?)(?P=q)\s*:|(?P<r>\*\*|__)(?P<b>.+?):(?P=r)|(?P<c>[^:*_][^:]*?):)"
)
_NUMBER = re.compile(r"(?<![\w.,])(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<dec>\d+))?(?P<pct>\s*%)?")


def match_symbol(raw: str, symbol: str, at: int = 0) -> int | None:
    """Index in ``raw`` just after ``symbol`` when ``raw[at:]`` starts with it.

    Variation selectors in ``raw`` are skipped, so ``✅️`` matches ``✅``.
    """
    i, j = at, 0
    while j < len(symbol):
        if i >= len(raw):
            return None
        ch = raw[i]
        if ch in _INVISIBLE:
            i += 1
            continue
        if ch != symbol[j]:
            return None
        i += 1
        j += 1
    while i < len(raw) and raw[i] in _INVISIBLE:
        i += 1
    return i


def leading_symbol(raw: str) -> str:
    """The first symbol of a cell as written: one code point and its modifiers."""
    if not raw:
        return ""
    end = 1
    while end < len(raw) and (raw[end] in "\ufe0e\ufe0f\u20e3" or raw[end - 1] == "\u200d"):
        end += 1
    if end < len(raw) and raw[end] == "\u200d":
        end += 2
    return raw[:end]


@dataclass(slots=True)
class StatusCell:
    cell: Cell
    status: StatusDef | None
    label: str  # text after the symbol, comments excluded, trimmed
    label_start: int
    label_end: int
    by_word: bool = False


@dataclass(slots=True)
class StageCell:
    cell: Cell
    state: str | None


@dataclass(slots=True)
class TrackedRow:
    row: Row
    table: TrackedTable
    stages: list[StageCell]
    status: StatusCell | None
    derived: str | None  # None when a stage symbol is unknown

    @property
    def counted(self) -> str | None:
        """The status this row counts as in totals: derived, else as written."""
        if self.table.profile.derive:
            return self.derived
        return self.status.status.id if self.status and self.status.status else None

    def cell(self, index: int | None) -> Cell | None:
        if index is None or index >= len(self.row.cells):
            return None
        return self.row.cells[index]

    @property
    def malformed(self) -> bool:
        return len(self.row.cells) != len(self.table.table.header.cells)

    @property
    def item(self) -> str:
        cell = self.cell(self.table.item)
        return cell.text if cell else ""


@dataclass(slots=True)
class TrackedTable:
    table: Table
    profile: Profile
    stage_columns: list[int]
    status: int
    item: int | None
    number: int | None
    date: int | None
    rows: list[TrackedRow]

    @property
    def section(self) -> str:
        return self.table.heading.text if self.table.heading else ""


@dataclass(slots=True)
class StatEntry:
    item: ListItem
    label: str | None
    label_start: int
    label_end: int
    total: Total | None
    value: str | None  # the number as written, without a percent sign
    value_start: int
    value_end: int
    percent: bool
    decimals: int


@dataclass(slots=True)
class Tracker:
    doc: Document
    profile: Profile
    tables: list[TrackedTable]
    stats_heading: Heading | None
    stats_list: BulletList | None
    stats: list[StatEntry] | None  # None: the document has no totals section
    legend: dict[str, ListItem] | None  # canonical symbol -> legend item

    @property
    def is_tracker(self) -> bool:
        return bool(self.tables) or self.stats is not None

    @property
    def rows(self) -> list[TrackedRow]:
        return [row for table in self.tables for row in table.rows]


def _column_index(keys: list[str], name: str | None) -> int | None:
    if name is None:
        return None
    key = name_key(name)
    return keys.index(key) if key in keys else None


def parse_status(cell: Cell, profile: Profile) -> StatusCell:
    raw = cell.text
    for symbol, status in profile.status_symbols:
        end = match_symbol(raw, symbol)
        if end is not None:
            rest = raw[end:]
            comment = rest.find("<!--")
            label_raw = rest if comment < 0 else rest[:comment]
            label = label_raw.strip()
            lead = len(label_raw) - len(label_raw.lstrip()) if label else 0
            start = cell.start + end + lead
            return StatusCell(cell, status, label, start, start + len(label))
    words = profile.status_words
    if words:
        key = label_key(strip_comments(raw).strip(_EMPHASIS_STRIP))
        if key in words:
            return StatusCell(cell, words[key], "", cell.end, cell.end, by_word=True)
    return StatusCell(cell, None, "", cell.end, cell.end)


def stage_state(cell: Cell, profile: Profile) -> str | None:
    raw = cell.text
    states = profile.stage_states
    for symbol, state in states.items():
        if match_symbol(raw, symbol) is not None:
            return state
    return None


def _track_table(table: Table, profile: Profile) -> TrackedTable | None:
    keys = [name_key(c.text) for c in table.header.cells]
    required = [_column_index(keys, name) for name in profile.required_columns]
    if any(index is None for index in required):
        return None
    *stage_columns, status = (i for i in required if i is not None)
    number = _column_index(keys, profile.number_column)
    item = _column_index(keys, profile.item_column)
    if item is None and profile.item_column is None:
        item = next((i for i, k in enumerate(keys) if i != number), None)
    tracked = TrackedTable(
        table,
        profile,
        stage_columns,
        status,
        item,
        number,
        _column_index(keys, profile.date_column),
        [],
    )
    derive = bool(profile.derive)
    width = len(table.header.cells)
    for row in table.rows:
        cells = row.cells
        if len(cells) != width:
            # Cells are shifted: reading them by column would only add noise to
            # table-column-count. The row still counts in the totals of all rows.
            tracked.rows.append(TrackedRow(row, tracked, [], None, None))
            continue
        stages = [
            StageCell(cells[i], stage_state(cells[i], profile))
            for i in stage_columns
            if i < len(cells)
        ]
        status_cell = parse_status(cells[status], profile) if status < len(cells) else None
        derived = None
        if derive and len(stages) == len(stage_columns):
            states = tuple(s.state for s in stages)
            if all(state is not None for state in states):
                derived = profile.derive_status(states)  # type: ignore[arg-type]
        tracked.rows.append(TrackedRow(row, tracked, stages, status_cell, derived))
    return tracked


def _list_under(doc: Document, heading_name: str) -> tuple[Heading | None, BulletList | None]:
    """The first bullet list after the named heading, before the next heading."""
    key = name_key(heading_name)
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


def parse_stat(item: ListItem, totals: dict[str, Total]) -> StatEntry:
    text = item.text
    match = _STAT_LABEL.match(text)
    if not match:
        return StatEntry(item, None, item.start, item.end, None, None, item.end, item.end, False, 0)
    group = "a" if match.group("a") else "b" if match.group("b") else "c"
    label = match.group(group).strip()
    label_start = item.start + match.start(group)
    rest_at = match.end()
    total = totals.get(label_key(label))
    rest = text[rest_at:]
    comment = rest.find("<!--")
    number = _NUMBER.search(rest if comment < 0 else rest[:comment]) if total else None
    if number is None:
        return StatEntry(
            item,
            label,
            label_start,
            label_start + len(label),
            total,
            None,
            item.end,
            item.end,
            False,
            0,
        )
    start = item.start + rest_at + number.start()
    value = number.group("int") + (f".{number.group('dec')}" if number.group("dec") else "")
    return StatEntry(
        item,
        label,
        label_start,
        label_start + len(label),
        total,
        value,
        start,
        start + len(value),
        bool(number.group("pct")),
        len(number.group("dec") or ""),
    )


def build_tracker(doc: Document, profile: Profile) -> Tracker:
    tables = [t for t in (_track_table(table, profile) for table in doc.tables) if t]
    stats_heading: Heading | None = None
    stats_list: BulletList | None = None
    stats: list[StatEntry] | None = None
    if profile.totals is not None and profile.totals.kind == "list":
        totals = {t.key: t for t in profile.totals.items}
        stats_heading, stats_list = _list_under(doc, profile.totals.heading)
        if stats_list is not None:
            stats = [parse_stat(item, totals) for item in stats_list.items]
    legend: dict[str, ListItem] | None = None
    if profile.legend_heading:
        _, legend_list = _list_under(doc, profile.legend_heading)
        if legend_list is not None:
            legend = {}
            for entry in legend_list.items:
                for symbol, _status in profile.status_symbols:
                    if match_symbol(entry.text, symbol) is not None:
                        legend.setdefault(symbol, entry)
                        break
                else:
                    legend.setdefault(canonical_symbol(leading_symbol(entry.text)), entry)
    return Tracker(doc, profile, tables, stats_heading, stats_list, stats, legend)
