"""The tracker seen through a profile: tracked tables, rows with states, stats, legend."""

from __future__ import annotations

from tracker_lint._text import (
    EMPHASIS,
    INVISIBLE,
    canonical_symbol,
    label_key,
    name_key,
    strip_comments,
)
from tracker_lint.parse import Cell, Document, ListItem, Row, Table
from tracker_lint.profile import Profile, StatusDef
from tracker_lint.totals import StatEntry, TotalsSection, find_totals, list_under


def match_symbol(raw: str, symbol: str, at: int = 0) -> int | None:
    """Index in ``raw`` just after ``symbol`` when ``raw[at:]`` starts with it.

    Variation selectors in ``raw`` are skipped, so ``✅️`` matches ``✅``.
    """
    i, j = at, 0
    while j < len(symbol):
        if i >= len(raw):
            return None
        ch = raw[i]
        if ch in INVISIBLE:
            i += 1
            continue
        if ch != symbol[j]:
            return None
        i += 1
        j += 1
    while i < len(raw) and raw[i] in INVISIBLE:
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


class StatusCell:
    __slots__ = ("by_word", "cell", "label", "label_end", "label_start", "status")

    def __init__(
        self,
        cell: Cell,
        status: StatusDef | None,
        label: str,
        label_start: int,
        label_end: int,
        by_word: bool = False,
    ) -> None:
        # label: text after the symbol, comments excluded, trimmed
        self.cell = cell
        self.status = status
        self.label = label
        self.label_start = label_start
        self.label_end = label_end
        self.by_word = by_word


class StageCell:
    __slots__ = ("cell", "state")

    def __init__(self, cell: Cell, state: str | None) -> None:
        self.cell = cell
        self.state = state


class TrackedRow:
    __slots__ = ("derived", "row", "stages", "status", "table")

    def __init__(
        self,
        row: Row,
        table: TrackedTable,
        stages: list[StageCell],
        status: StatusCell | None,
        derived: str | None,
    ) -> None:
        # derived: None when a stage symbol is unknown
        self.row = row
        self.table = table
        self.stages = stages
        self.status = status
        self.derived = derived

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


class TrackedTable:
    __slots__ = ("date", "item", "number", "profile", "rows", "stage_columns", "status", "table")

    def __init__(
        self,
        table: Table,
        profile: Profile,
        stage_columns: list[int],
        status: int,
        item: int | None,
        number: int | None,
        date: int | None,
        rows: list[TrackedRow],
    ) -> None:
        self.table = table
        self.profile = profile
        self.stage_columns = stage_columns
        self.status = status
        self.item = item
        self.number = number
        self.date = date
        self.rows = rows

    @property
    def section(self) -> str:
        return self.table.heading.plain if self.table.heading else ""


class Tracker:
    __slots__ = ("doc", "legend", "profile", "tables", "totals")

    def __init__(
        self,
        doc: Document,
        profile: Profile,
        tables: list[TrackedTable],
        totals: TotalsSection | None,
        legend: dict[str, ListItem] | None,
    ) -> None:
        # totals: None: the profile keeps no totals
        # legend: canonical symbol -> legend item
        self.doc = doc
        self.profile = profile
        self.tables = tables
        self.totals = totals
        self.legend = legend

    @property
    def stats(self) -> list[StatEntry] | None:
        """The totals as written; None when the document has no totals section."""
        return self.totals.entries if self.totals else None

    @property
    def is_tracker(self) -> bool:
        """Only a tracked table makes a document a tracker; totals alone do not."""
        return bool(self.tables)

    @property
    def rows(self) -> list[TrackedRow]:
        return [row for table in self.tables for row in table.rows]

    def release(self) -> None:
        """Break the row <-> table references, so the model is freed as soon as it is
        dropped, by reference counting alone (the command line runs without the
        cycle collector). The tracker has no rows afterwards."""
        for table in self.tables:
            table.rows = []


def column_index(keys: list[str], name: str | None) -> int | None:
    """Index of the column named ``name`` among header keys (see ``name_key``)."""
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
        key = label_key(strip_comments(raw).strip(EMPHASIS))
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
    if any(column_index(keys, name) is None for name in profile.required_columns):
        return None
    stage_columns = [keys.index(name_key(name)) for name in profile.stage_columns]
    status = keys.index(name_key(profile.status_column))
    number = column_index(keys, profile.number_column)
    item = column_index(keys, profile.item_column)
    if item is None and profile.item_column is None:
        item = next((i for i, k in enumerate(keys) if i != number), None)
    tracked = TrackedTable(
        table,
        profile,
        stage_columns,
        status,
        item,
        number,
        column_index(keys, profile.date_column),
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


def build_tracker(doc: Document, profile: Profile) -> Tracker:
    tables = [t for t in (_track_table(table, profile) for table in doc.tables) if t]
    totals = find_totals(doc, profile.totals) if profile.totals is not None else None
    legend: dict[str, ListItem] | None = None
    if profile.legend_heading:
        legend_list = list_under(doc, profile.legend_heading)
        if legend_list is not None:
            legend = {}
            for entry in legend_list.items:
                for symbol, _status in profile.status_symbols:
                    if match_symbol(entry.text, symbol) is not None:
                        legend.setdefault(symbol, entry)
                        break
                else:
                    legend.setdefault(canonical_symbol(leading_symbol(entry.text)), entry)
    return Tracker(doc, profile, tables, totals, legend)
