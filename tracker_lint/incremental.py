"""Successive versions of one text, parsed and read again only where they changed.

An editor buffer changes a character at a time; a tracker's git history changes a
few rows a commit. A :class:`Memo` keeps the last version's document and the items
of its tables. Given the next version, it re-parses only the top-level blocks the
edit can have changed, moves the blocks after them (their offsets and lines), and
reads again only the tables that are new. What it gives is exactly the document
and tracker a whole parse gives (``tests/test_incremental.py`` compares the two on
random edits); where it cannot be sure of that, it parses the whole text.

Why re-parsing a window of lines is exact: markdown-it's block parse is at the top
level (no container open) at the start of every top-level block, and a block's
parse reads no further than the first non-blank line after it. So the blocks that
end before the edit's lines, and before the block the edit's first line follows,
are unchanged; the window starts at the last top-level block starting before the
edit (further up while a block is glued to the one above it: a table ends a
paragraph it follows, a ``---`` turns the paragraph above into a heading). It ends
at an old top-level block after the edit that follows a blank line and starts
without indentation, when every block of the window has ended by that blank line
(an unclosed fence or HTML comment runs on) and no list of the window could go on
there: from that line on, the new parse is the old one, moved. (A block nested to
markdown-it's limit runs to its container's end, wherever that is: a document with
one is parsed whole.) That the window starts in markdown-it's "root" state where the
whole parse may still say "paragraph" (its setext rule leaves ``state.parentType`` so
after every paragraph) is harmless with markdown-it-py 4: only rules asked in silent
mode read it, and whoever asks sets it first. The property tests would show a
version where that stops being true.

The objects of the previous version are reused and moved: keep only the latest
document and tracker a memo gave (the older ones are no longer true).
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from tracker_lint.model import ItemList, TableRows, Tracker, build_tracker, shift_items, sources_of
from tracker_lint.parse import (
    BOM,
    Document,
    Heading,
    Table,
    block_line,
    line_starts,
    parse,
    parse_lines,
    shift_block,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from tracker_lint.model import ItemSource
    from tracker_lint.profile import Profile

_LISTS = ("bullet_list_open", "ordered_list_open")
# A line after a blank line that may be the next item of a list: a bullet or a number
# and a space (a thematic break such as ``* * *`` included: markdown-it would say)
_LIST_ITEM = re.compile(r"(?:[-+*]|[0-9]{1,9}[.)])(?:[ \t]|\r?\n|\r|$)")
_TRIES = 3  # windows ending further down tried before one that runs to the end
_CHUNK = 1 << 14  # characters compared at a time when looking for the edit


class Memo:
    """The last version of one evolving text: its document and its tables' items."""

    __slots__ = ("_rows", "doc", "items", "whole")

    def __init__(self) -> None:
        self.doc: Document | None = None
        # (id of a table, profile) -> (the table, its section, its items): the table
        # is held, so its id is not reused while the entry lives
        self.items: dict[tuple[int, Profile], tuple[Table, str, ItemList | None]] = {}
        self._rows = _MemoRows(self)
        self.whole = 0  # versions parsed whole (for the tests and the benchmark)

    def parse(self, text: str) -> Document:
        """The document of ``text``, the next version of the text (any text will do)."""
        old, self.doc = self.doc, None  # until it is done: the old one is being moved
        doc = _reparse(old, text, self.items) if old is not None else None
        if doc is None:
            self.whole += 1
            self.items.clear()
            doc = parse(text)
        self.doc = doc
        return doc

    def model(
        self, text: str, profile: Profile, sources: Sequence[ItemSource] | None = None
    ) -> Tracker:
        """:func:`tracker_lint.engine.model` of the next version."""
        doc = self.parse(text)
        chosen = sources_of(profile) if sources is None else tuple(sources)
        return build_tracker(
            doc, profile, tuple(self._rows if type(s) is TableRows else s for s in chosen)
        )

    def is_current(self, tracker: Tracker) -> bool:
        """Whether a tracker this memo gave is still true (no later version moved it)."""
        return tracker.doc is self.doc


class _MemoRows(TableRows):
    """Table rows, each table read once as long as it is unchanged."""

    def __init__(self, memo: Memo) -> None:
        self.memo = memo

    def collect(self, doc: Document, profile: Profile) -> list[ItemList]:
        cache = self.memo.items
        lists = []
        for table in doc.tables:
            section = table.heading.plain if table.heading else ""
            key = (id(table), profile)
            entry = cache.get(key)
            if entry is None or entry[0] is not table or entry[1] != section:
                entry = (table, section, self.read(table, profile))
                cache[key] = entry
            items = entry[2]
            if items is not None:
                # a copy: a tracker reading two sources drops items from its lists
                lists.append(
                    ItemList(
                        items.items,
                        items.layout,
                        items.section,
                        items.line,
                        items.start,
                        items.end,
                        items.table,
                        items.total_rows,
                    )
                )
        return lists


def _reparse(
    old: Document,
    text: str,
    items: dict[tuple[int, Profile], tuple[Table, str, ItemList | None]],
) -> Document | None:
    """The document of ``text`` made from ``old`` (see the module's documentation);
    None when only a whole parse will do. Moves the items of the tables it keeps."""
    was = old.text
    if text == was:
        return old
    if old.hidden or old.deep:
        return None  # hidden lines run to a later `-->`, a deep block to its container's end
    n, a, b = min(len(was), len(text)), len(was), len(text)
    prefix = _shared(n, lambda i, j: was[i:j] == text[i:j])
    suffix = _shared(n - prefix, lambda i, j: was[a - j : a - i] == text[b - j : b - i])
    old_starts = old.line_starts
    chars = len(text) - len(was)
    # The edit's old lines are [first, after): from the line the edit starts in, or the
    # one before when that line's break is a lone "\r" the edit may join a "\n" to.
    joins = prefix > 0 and was[prefix - 1] == "\r"
    first = bisect.bisect_right(old_starts, prefix - 1 if joins else prefix) - 1
    after = bisect.bisect_right(old_starts, len(was) - suffix)
    # The lines before the edit start where they did; those after it (whose breaks are
    # text the edit left as it was, the one before each included) moved by ``chars``.
    if after < len(old_starts):
        moved = old_starts[after] + chars
        starts = [
            *old_starts[:first],
            *line_starts(text, old_starts[first], moved),  # ``moved`` the last of them
            *(start + chars for start in old_starts[after + 1 :]),
        ]
    else:
        starts = [*old_starts[:first], *line_starts(text, old_starts[first])]
    lines = len(starts) - len(old_starts)

    # Front matter ends at the first closing line, wherever it is: an edit in it, or
    # anywhere when the document's first lines are not (yet) front matter, can change it.
    fenced = _body(was).startswith("---") or _body(text).startswith("---")
    if fenced and (not old.tops or old.tops[0][2] != "front_matter" or first < old.tops[0][1]):
        return None
    tops = [top[0] for top in old.tops]
    k = bisect.bisect_left(tops, first)
    begin = tops[k - 1] if k else 0
    while begin > 0 and not _blank(was, old_starts, begin - 1):
        k = bisect.bisect_right(tops, begin - 1) - 1
        begin = tops[k] if k >= 0 else 0
    window: Document | None = None
    end: int | None = None
    tried = 0
    for top in tops[bisect.bisect_left(tops, after + 1) :]:
        if _blank(was, old_starts, top - 1) and was[old_starts[top]] not in " \t":
            window = _window(text, starts, begin, top + lines)
            if window is not None:
                end = top
                break
            tried += 1
            if tried == _TRIES:
                break
    if window is None:
        window = _window(text, starts, begin, None)
    if window is None or window.hidden or window.deep:
        return None

    # the old lines kept after the window: from ``end`` (none when it runs to the end)
    kept_from = len(old_starts) if end is None else end
    head = [b for b in old.blocks if block_line(b) < begin]
    tail = [b for b in old.blocks if block_line(b) >= kept_from]
    offset = starts[begin]
    for block in window.blocks:
        shift_block(block, offset, begin)
    if chars or lines:
        for block in tail:
            shift_block(block, chars, lines)
    kept = {id(b) for b in head}
    shifted = {id(b) for b in tail if isinstance(b, Table)}
    for key, (_table, _section, table_items) in list(items.items()):
        if key[0] in shifted:
            if table_items is not None and (chars or lines):
                shift_items(table_items, chars, lines)
        elif key[0] not in kept:
            del items[key]

    doc = Document(text, starts)
    doc.blocks = [*head, *window.blocks, *tail]
    doc.verbatim = [
        *(v for v in old.verbatim if v[0] < begin),
        *((a + begin, b + begin) for a, b in window.verbatim),
        *((a + lines, b + lines) for a, b in old.verbatim if a >= kept_from),
    ]
    doc.tops = [
        *(t for t in old.tops if t[0] < begin),
        *((a + begin, b + begin, kind) for a, b, kind in window.tops),
        *((a + lines, b + lines, kind) for a, b, kind in old.tops if a >= kept_from),
    ]
    heading: Heading | None = None
    for block in doc.blocks:
        if isinstance(block, Heading):
            heading = block
        elif isinstance(block, Table):
            block.heading = heading
    return doc


def _window(text: str, starts: list[int], begin: int, end: int | None) -> Document | None:
    """The parse of lines [begin, end) of ``text`` (to its end for None); None when
    a block of it may run on past ``end`` in the whole text."""
    stop = len(text) if end is None else starts[end]
    window = parse_lines(text[starts[begin] : stop], first=begin == 0)
    if end is None:
        return window
    last = end - begin - 1  # the blank line before ``end``, in the window's lines
    for _start, stop_line, kind in window.tops:
        if stop_line > last and kind not in _LISTS:
            return None  # a fence, an HTML block left open: it runs on
    if window.tops and window.tops[-1][2] in _LISTS and _LIST_ITEM.match(text, stop):
        return None  # the next line may be the list's next item
    return window


def _body(text: str) -> str:
    return text[1:] if text.startswith(BOM) else text


def _blank(text: str, starts: list[int], line: int) -> bool:
    """Whether a line is blank as markdown-it sees it: spaces and tabs at most."""
    end = starts[line + 1] if line + 1 < len(starts) else len(text)
    return not text[starts[line] : end].strip(" \t\r\n")


def _shared(n: int, same: Callable[[int, int], bool]) -> int:
    """How many characters two texts share from one end (at most ``n``), where
    ``same(i, j)`` says whether their characters i to j - 1 from that end are equal:
    compared a chunk at a time, then the differing chunk halved."""
    at = 0
    while at < n:
        step = min(_CHUNK, n - at)
        if not same(at, at + step):
            lo, hi = at, at + step - 1  # the first difference is in [lo, hi]
            while lo < hi:
                mid = (lo + hi) // 2
                if same(lo, mid + 1):
                    lo = mid + 1
                else:
                    hi = mid
            return lo
        at += step
    return n
