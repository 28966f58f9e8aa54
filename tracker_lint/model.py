"""The tracker seen through a profile: tracked items, totals, legend.

A *tracked item* is one thing a tracker follows: its name, the state of each
stage, the status written for it, its date and the section it is in, each part
with its span in the text. Rules, totals and the report read items, never the
shape they were written in. A table row is one source of items
(:data:`TABLE_ROWS`); an item source is anything with ``signatures`` (what a
line must hold for the source to find something: the cheap pre-filter is built
from them, so it and the model cannot disagree about what a tracker is) and
``collect`` (the items of a parsed document, in lists).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from tracker_lint._text import (
    EMPHASIS,
    INVISIBLE,
    canonical_symbol,
    label_key,
    name_key,
    strip_comments,
)
from tracker_lint.parse import BulletList, Cell, Document, Heading, ListItem, Row, Table
from tracker_lint.profile import Profile, Status
from tracker_lint.totals import StatEntry, TotalsSection, find_totals, list_under

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence


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


class Stage:
    """One stage of an item (Module, Exam) and the state its symbol means."""

    __slots__ = ("cell", "name", "state")

    def __init__(self, name: str, cell: Cell, state: str | None) -> None:
        self.name = name  # as the tracker names it: the column header
        self.cell = cell
        self.state = state  # None: not one of the profile's stage symbols


class WrittenStatus:
    """The status written for an item, as read with the profile's vocabulary."""

    __slots__ = ("by_word", "cell", "label", "label_end", "label_start", "name", "status")

    def __init__(
        self,
        name: str,
        cell: Cell,
        status: Status | None,
        label: str,
        label_start: int,
        label_end: int,
        by_word: bool = False,
    ) -> None:
        self.name = name  # what the tracker calls it: the Status column's header
        self.cell = cell
        self.status = status  # None: not in the vocabulary
        self.label = label  # text after the symbol, comments excluded, trimmed
        self.label_start = label_start
        self.label_end = label_end
        self.by_word = by_word  # written as a word (COMPLETE), not as a symbol


class Layout:
    """What the items of one list share: the names of their parts, as written, and
    where their other fields are (by ``name_key``, e.g. for grouping by a column)."""

    __slots__ = ("date", "fields")

    def __init__(self, fields: dict[str, int], date: str | None) -> None:
        self.fields = fields
        self.date = date  # the date's name, None: these items have no date


class Item:
    """One tracked item, whatever it was written as."""

    __slots__ = (
        "cells",
        "counted",
        "date",
        "derived",
        "end",
        "layout",
        "line",
        "malformed",
        "name",
        "number",
        "section",
        "stages",
        "start",
        "status",
    )

    def __init__(
        self,
        *,
        line: int,
        start: int,
        end: int,
        section: str,
        layout: Layout,
        cells: Sequence[Cell],
        name: Cell | None,
        number: Cell | None = None,
        stages: Sequence[Stage] = (),
        status: WrittenStatus | None = None,
        date: Cell | None = None,
        derived: str | None = None,
        counted: str | None = None,
        malformed: bool = False,
    ) -> None:
        self.line = line  # 0-based
        self.start = start
        self.end = end
        self.section = section  # the heading the item is under, as shown
        self.layout = layout
        self.cells = cells  # every field, in the order of layout.fields
        self.name = name
        self.number = number
        self.stages = stages
        self.status = status
        self.date = date  # None when there is no date to read (layout.date is None)
        self.derived = derived  # from the stages; None when a stage state is unknown
        self.counted = counted  # the status it counts as in totals: derived or written
        self.malformed = malformed  # its parts could not be told apart (a shifted row)

    @property
    def title(self) -> str:
        return self.name.text if self.name else ""

    def field(self, name: str) -> Cell | None:
        """The field of that name (compared as ``name_key`` compares names)."""
        index = self.layout.fields.get(name_key(name))
        return self.cells[index] if index is not None and index < len(self.cells) else None


class ItemList:
    """The items of one table (or other block), in order: numbering runs per list."""

    __slots__ = ("end", "items", "layout", "line", "section", "start", "table", "total_rows")

    def __init__(
        self,
        items: list[Item],
        layout: Layout,
        section: str,
        line: int,
        start: int,
        end: int,
        table: Table | None = None,
        total_rows: list[tuple[Row, int, int]] | None = None,
    ) -> None:
        self.items = items
        self.layout = layout
        self.section = section
        # line (0-based), start and end: what introduces the list (a table's header row)
        self.line = line
        self.start = start
        self.end = end
        self.table = table  # the table the items are rows of, if they are
        # rows that total the rows above them (numbers.total-rows), each with the items
        # it totals, items[first:end]: those since the previous total row of its label
        self.total_rows = total_rows or []


def shift_items(items: ItemList, chars: int, lines: int) -> None:
    """Move the items of a table's rows as :func:`~tracker_lint.parse.shift_block`
    moves the table (their cells are its cells, moved with it)."""
    for item in items.items:
        item.line += lines
        item.start += chars
        item.end += chars
        status = item.status
        if status is not None:
            status.label_start += chars
            status.label_end += chars
    items.line += lines
    items.start += chars
    items.end += chars


class ItemSource(Protocol):
    """Where tracked items come from (see the module's documentation)."""

    def signatures(self, profile: Profile) -> list[tuple[str, ...]]:
        """Lines that must be in a text for this source to find items: each a marker
        the line holds (such as ``|``) and the names whose words it holds."""
        ...

    def collect(self, doc: Document, profile: Profile) -> list[ItemList]: ...


class Tracker:
    __slots__ = ("doc", "items", "legend", "lists", "profile", "totals")

    def __init__(
        self,
        doc: Document,
        profile: Profile,
        lists: list[ItemList],
        totals: TotalsSection | None,
        legend: dict[str, ListItem] | None,
    ) -> None:
        # totals: None: the profile keeps no totals
        # legend: canonical symbol -> legend item
        self.doc = doc
        self.profile = profile
        self.lists = lists
        self.items = [item for items in lists for item in items.items]  # all, in order
        self.totals = totals
        self.legend = legend

    @property
    def stats(self) -> list[StatEntry] | None:
        """The totals as written; None when the document has no totals section."""
        return self.totals.entries if self.totals else None

    @property
    def is_tracker(self) -> bool:
        """Only tracked items make a document a tracker; totals alone do not."""
        return bool(self.lists)

    @property
    def tables(self) -> list[Table]:
        """The tracked tables, for the rules about table structure."""
        return [items.table for items in self.lists if items.table is not None]


def column_index(keys: list[str], name: str | None) -> int | None:
    """Index of the column named ``name`` among header keys (see ``name_key``)."""
    if name is None:
        return None
    key = name_key(name)
    return keys.index(key) if key in keys else None


def read_status(name: str, cell: Cell, profile: Profile) -> WrittenStatus:
    """A written status: a symbol of the vocabulary and its label, or a word, or the
    status an empty cell means (``empty = true``)."""
    raw = cell.text
    empty = profile.index.empty
    if empty is not None and not strip_comments(raw).strip():
        return WrittenStatus(name, cell, empty, "", cell.end, cell.end, by_word=True)
    for symbol, status in profile.index.status_symbols:
        end = match_symbol(raw, symbol)
        if end is not None:
            rest = raw[end:]
            comment = rest.find("<!--")
            label_raw = rest if comment < 0 else rest[:comment]
            label = label_raw.strip()
            lead = len(label_raw) - len(label_raw.lstrip()) if label else 0
            start = cell.start + end + lead
            return WrittenStatus(name, cell, status, label, start, start + len(label))
    words = profile.index.words
    if words:
        key = label_key(strip_comments(raw).strip(EMPHASIS))
        if key in words:
            return WrittenStatus(name, cell, words[key], "", cell.end, cell.end, by_word=True)
    return WrittenStatus(name, cell, None, "", cell.end, cell.end)


def stage_state(text: str, profile: Profile) -> str | None:
    """The state a stage symbol means, None for anything else."""
    for symbol, state in profile.index.stage_states.items():
        if match_symbol(text, symbol) is not None:
            return state
    return None


def counted_status(
    profile: Profile, derived: str | None, written: WrittenStatus | None
) -> str | None:
    """What an item counts as in totals: the derived status when the profile derives
    one, else the status as written."""
    if profile.derive:
        return derived
    return written.status.id if written is not None and written.status is not None else None


class TableRows:
    """Items from the rows of every table that has the profile's required columns."""

    def signatures(self, profile: Profile) -> list[tuple[str, ...]]:
        return [("|", *profile.required_columns)]

    def collect(self, doc: Document, profile: Profile) -> list[ItemList]:
        return [items for table in doc.tables if (items := self.read(table, profile))]

    def read(self, table: Table, profile: Profile) -> ItemList | None:
        header = table.header.cells
        keys = [name_key(c.text) for c in header]
        if any(column_index(keys, name) is None for name in profile.required_columns):
            return None
        stage_columns = [keys.index(name_key(name)) for name in profile.stages.columns]
        stage_names = [header[i].text for i in stage_columns]
        status_at = column_index(keys, profile.columns.status or None)
        status_name = header[status_at].text if status_at is not None else ""
        numbers = profile.numbers
        total_keys = {label_key(t) for t in numbers.total_rows} if numbers else set()
        total_rows: list[tuple[Row, int, int]] = []
        ends: dict[str, int] = {}  # total label -> the item after its previous total row
        number_at = column_index(keys, profile.number_column)
        item_at = column_index(keys, profile.item_column)
        if item_at is None and profile.item_column is None:
            item_at = next((i for i, k in enumerate(keys) if i != number_at), None)
        date_at = column_index(keys, profile.date_column)
        fields: dict[str, int] = {}
        for i, key in enumerate(keys):
            fields.setdefault(key, i)
        layout = Layout(fields, header[date_at].text if date_at is not None else None)
        section = table.heading.plain if table.heading else ""
        derive = bool(profile.derive)
        width = len(header)
        width_of_stages = len(stage_columns)
        items: list[Item] = []
        for row in table.rows:
            cells = row.cells
            name = cells[item_at] if item_at is not None and item_at < len(cells) else None
            number = cells[number_at] if number_at is not None and number_at < len(cells) else None
            total = label_key(name.text.strip(EMPHASIS)) if total_keys and name else ""
            if total in total_keys:
                # a total of the items above it back to the previous total of the same
                # label (a Subtotal its part, a Grand Total all), not an item
                total_rows.append((row, ends.get(total, 0), len(items)))
                ends[total] = len(items)
                continue
            if len(cells) != width:
                # Cells are shifted: reading them by column would only add noise to
                # table-column-count. The row still counts in the totals of all items.
                items.append(_row_item(row, section, layout, name, number))
                continue
            stages = [
                Stage(n, cells[i], stage_state(cells[i].text, profile))
                for n, i in zip(stage_names, stage_columns, strict=True)
            ]
            status = (
                read_status(status_name, cells[status_at], profile)
                if status_at is not None
                else None
            )
            derived = None
            if derive and len(stages) == width_of_stages:
                states = tuple(s.state for s in stages)
                if None not in states:
                    derived = profile.derive_status(states)  # type: ignore[arg-type]
            items.append(
                Item(
                    line=row.line,
                    start=row.start,
                    end=row.end,
                    section=section,
                    layout=layout,
                    cells=cells,
                    name=name,
                    number=number,
                    stages=stages,
                    status=status,
                    date=cells[date_at] if date_at is not None else None,
                    derived=derived,
                    counted=counted_status(profile, derived, status),
                )
            )
        head = table.header
        return ItemList(items, layout, section, head.line, head.start, head.end, table, total_rows)


def _row_item(
    row: Row, section: str, layout: Layout, name: Cell | None, number: Cell | None
) -> Item:
    return Item(
        line=row.line,
        start=row.start,
        end=row.end,
        section=section,
        layout=layout,
        cells=row.cells,
        name=name,
        number=number,
        malformed=True,
    )


class StatusItems:
    """Items from list items that start with one of the profile's status symbols
    (``- ✅ German (100%)``), in the lists directly under a heading, that heading their
    section: the symbol (and a label after it, as in a status cell) is the status as
    written, the text after it the name. Other list items are not items, nor are the
    lists under the legend's or the totals' heading."""

    def signatures(self, profile: Profile) -> list[tuple[str, ...]]:
        return [(symbol,) for symbol, _status in profile.index.status_symbols]

    def collect(self, doc: Document, profile: Profile) -> list[ItemList]:
        apart = {
            name_key(heading)
            for heading in (
                profile.legend.heading if profile.legend else None,
                profile.totals.heading if profile.totals else None,
            )
            if heading
        }
        return _list_items(doc, profile, _status_item, apart)


def _status_item(entry: ListItem, section: str, layout: Layout, profile: Profile) -> Item | None:
    text = entry.text.split("\n", 1)[0]
    for symbol, _status in profile.index.status_symbols:
        end = match_symbol(text, symbol)
        if end is not None:
            box = Cell(text[:end], entry.start, entry.source(end))
            return _led_item(entry, box, end, "Status", section, layout, profile)
    return None


def _led_item(
    entry: ListItem,
    box: Cell,
    after: int,
    status_name: str,
    section: str,
    layout: Layout,
    profile: Profile,
) -> Item:
    """The item of a list entry led by a status (``box``, which ends at ``after`` in the
    entry's text): the rest of its first line is its name."""
    first_line = entry.text.split("\n", 1)[0]
    rest = first_line[after:]
    name_at = after + len(rest) - len(rest.lstrip())
    name_text = first_line[name_at:].rstrip()
    name = Cell(name_text, entry.source(name_at), entry.source(name_at + len(name_text)))
    status = read_status(status_name, box, profile)
    return Item(
        line=entry.line,
        start=entry.start,
        end=entry.end,
        section=section,
        layout=layout,
        cells=(box, name),
        name=name,
        status=status,
        counted=counted_status(profile, None, status),
    )


def _list_items(
    doc: Document,
    profile: Profile,
    read: Callable[[ListItem, str, Layout, Profile], Item | None],
    apart: set[str] | frozenset[str] = frozenset(),
) -> list[ItemList]:
    """The items ``read`` makes of the entries of each list under a heading, a list of
    items per list (none for a list without one); not under a heading in ``apart``
    (names as ``name_key`` gives them)."""
    lists = []
    section = ""
    skip = False
    layout = Layout({}, None)
    for block in doc.blocks:
        if isinstance(block, Heading):
            section = block.plain
            skip = bool(apart) and name_key(section) in apart
        elif isinstance(block, BulletList) and not skip and not block.lines:
            items = [item for e in block.items if (item := read(e, section, layout, profile))]
            if items:
                first = items[0]
                lists.append(ItemList(items, layout, section, first.line, first.start, first.end))
    return lists


class TaskItems:
    """Items from GitHub task-list items (``- [x] Translate intro``, ``1. [x] ...``) in
    the lists directly under a heading, that heading their section: the checkbox is the status
    as written (``[X]`` read as ``[x]``), the text after it the name. A nested task
    item is an item of its own. The items of one list are one :class:`ItemList`;
    list items without a checkbox are not items."""

    def signatures(self, profile: Profile) -> list[tuple[str, ...]]:
        return [("[x]",), ("[ ]",)]

    def collect(self, doc: Document, profile: Profile) -> list[ItemList]:
        return _list_items(doc, profile, _task)


def _task(entry: ListItem, section: str, layout: Layout, profile: Profile) -> Item | None:
    """The item of a task-list item (``[ ]``, ``[x]`` or ``[X]``, then a space or the
    end of the line), None for any other list item."""
    text = entry.text
    if len(text) < 3 or text[0] != "[" or text[2] != "]" or text[1] not in " xX":
        return None
    if len(text) > 3 and text[3] not in " \t\n":
        return None
    box = Cell(f"[{text[1].lower()}]", entry.start, entry.source(3))
    return _led_item(entry, box, 3, "Task", section, layout, profile)


TABLE_ROWS = TableRows()
TASK_ITEMS = TaskItems()
STATUS_ITEMS = StatusItems()
DEFAULT_SOURCES: tuple[ItemSource, ...] = (TABLE_ROWS,)
SOURCES: dict[str, ItemSource] = {
    "table-rows": TABLE_ROWS,
    "task-items": TASK_ITEMS,
    "status-items": STATUS_ITEMS,
}


def sources_of(profile: Profile) -> tuple[ItemSource, ...]:
    """The item sources a profile names (``items``)."""
    if profile.items == ("table-rows",):
        return DEFAULT_SOURCES
    return tuple(SOURCES[kind] for kind in profile.items)


def _read_once(lists: list[ItemList]) -> None:
    """An item two sources read (a checkbox item is a list item led by a status symbol
    too) is the first source's: the later lists lose it, and an emptied list goes."""
    seen: set[int] = set()
    for items in lists:
        kept = [item for item in items.items if item.start not in seen]
        seen.update(item.start for item in kept)
        if len(kept) != len(items.items):
            items.items = kept
    lists[:] = [items for items in lists if items.items or items.table is not None]


def build_tracker(
    doc: Document, profile: Profile, sources: Sequence[ItemSource] | None = None
) -> Tracker:
    if sources is None:
        sources = sources_of(profile)
    lists = [items for source in sources for items in source.collect(doc, profile)]
    if len(sources) > 1:
        _read_once(lists)
    lists.sort(key=lambda items: items.start)
    totals = find_totals(doc, profile.totals) if profile.totals is not None else None
    legend: dict[str, ListItem] | None = None
    if profile.legend is not None:
        legend_list = list_under(doc, profile.legend.heading)
        if legend_list is not None:
            legend = {}
            for entry in legend_list.items:
                for symbol, _status in profile.index.status_symbols:
                    if match_symbol(entry.text, symbol) is not None:
                        legend.setdefault(symbol, entry)
                        break
                else:
                    legend.setdefault(canonical_symbol(leading_symbol(entry.text)), entry)
    return Tracker(doc, profile, lists, totals, legend)
