"""What GitHub shows of a Markdown document, and what tracker-lint sees of it.

:func:`github_view` renders a document with cmark-gfm (GitHub's own renderer,
through ``cmarkgfm``) and reads the HTML back: every table with its rows and
cell texts, every heading, and the items of the bullet lists under a "Quick
Stats" heading. :func:`our_view` builds the same structure from
:func:`tracker_lint.parse.parse`. :func:`compare` sets one against the other.

What is compared, and how:

* Lines are 1-based on both sides (cmark-gfm's ``data-sourcepos``; only lines are
  used, its columns count bytes). cmark-gfm gives a table whose header row ends a
  paragraph the paragraph's first line; the header row is taken to be the line
  above the delimiter row instead.
* Texts are what a reader sees. tracker-lint keeps a cell's or an item's *source*
  (a fix splices it), so its side is turned into shown text with the same
  renderer: a cell's source as the one cell of a table, an item's source as the
  one item of a list. What this compares is whether tracker-lint gave each cell
  and item the same source GitHub did. A heading is compared by tracker-lint's own
  shown text (``Heading.plain`` where it exists, else ``Heading.text``).
* Heading and item texts are compared as laid out (HTML whitespace runs are one
  space: a soft line break shows as a space); an item's task marker (``[ ]``, a
  checkbox, not text) is left out.
* GitHub pads a body row with empty cells, or drops cells, to the header's width;
  tracker-lint keeps a row as written. The first ``min`` cells are compared and
  any further cell GitHub shows must be empty.
* Items: those of every bullet list that starts after a heading reading "Quick
  Stats" (and before the next heading) at the heading's list depth, with their
  nested items (ordered ones too), in document order. An item's text is its first
  paragraph, not counting nested lists; an item without a paragraph is not one.

Only cmark-gfm's own elements carry ``data-sourcepos``; raw HTML written in the
document does not, so it never opens or closes a table, a row, a heading or a
list here, and its text counts as text. (A raw ``</td>``, ``</li>``, ``</p>`` or
``</h2>`` inside the content would close cmark-gfm's element early: the
generators do not write those.) HTML comments end where a browser ends them.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import cmarkgfm
from cmarkgfm.cmark import Options

from tracker_lint.parse import BulletList, Heading, Table, parse

OPTIONS = Options.CMARK_OPT_SOURCEPOS | Options.CMARK_OPT_UNSAFE

# Elements cmark-gfm makes for a block node (each carries data-sourcepos).
_LIST_TAGS = ("ul", "ol")
_HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_WORD = re.compile(r"[^\w\s]")
# An HTML comment as an HTML5 parser (a browser, GitHub's sanitizer) ends it: at the
# next `-->` (or `--!>`), or at the end of the page when it has none. cmark-gfm writes
# the `<!--` of an HTML block a container cut short (`- <!--`) unclosed. Removed here
# so that every Python version's html.parser reads the same.
_COMMENT = re.compile(r"<!--(?:>|->|.*?(?:--!?>|\Z))", re.DOTALL)
# What may make a cell's or an item's shown text differ from its source: escapes,
# emphasis, strikethrough, links, task markers, code, HTML, entities. Text without
# any of these is shown as written.
_MARKUP = re.compile(r"[\\`*_~\[<&]")
_SPACE = " \t\n\v\f\r"  # what cmark-gfm trims from a cell
_TASK = re.compile(r"^\[[ xX]\] ")
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")  # what a browser collapses (not U+00A0)


@dataclass(frozen=True)
class RowView:
    line: int  # 1-based
    cells: tuple[str, ...]

    def __str__(self) -> str:
        return f"line {self.line}: " + " | ".join(repr(c) for c in self.cells)


@dataclass(frozen=True)
class TableView:
    start: int  # 1-based line of the header row
    end: int  # 1-based line of the last line of the table (the delimiter row or the last row)
    rows: tuple[RowView, ...]  # the header row first, then the body rows; not the delimiter row

    def __str__(self) -> str:
        body = "\n".join(f"    {row}" for row in self.rows)
        return f"  table lines {self.start}-{self.end}\n{body}"


@dataclass(frozen=True)
class HeadingView:
    line: int  # 1-based
    level: int
    text: str

    def __str__(self) -> str:
        return f"  line {self.line}: h{self.level} {self.text!r}"


@dataclass(frozen=True)
class ItemView:
    line: int  # 1-based
    depth: int  # 0 for an item of the list under the heading, 1 for one nested in it, ...
    text: str

    def __str__(self) -> str:
        return f"  line {self.line}: {'  ' * self.depth}- {self.text!r}"


@dataclass(frozen=True)
class View:
    tables: tuple[TableView, ...]
    headings: tuple[HeadingView, ...]
    items: tuple[ItemView, ...]  # of the bullet lists under a "Quick Stats" heading

    def after(self, line: int) -> View:
        """What starts below 1-based ``line``."""
        return View(
            tuple(t for t in self.tables if t.start > line),
            tuple(h for h in self.headings if h.line > line),
            tuple(i for i in self.items if i.line > line),
        )

    def __str__(self) -> str:
        return "\n".join(
            [
                "tables:",
                *(str(t) for t in self.tables),
                "headings:",
                *(str(h) for h in self.headings),
                "Quick Stats items:",
                *(str(i) for i in self.items),
            ]
        )


def is_quick_stats(heading_text: str) -> bool:
    """``Quick Stats``, ``📊 Quick Stats``, ``quick  stats:``."""
    return " ".join(_WORD.sub("", heading_text).split()).casefold() == "quick stats"


def displayed(text: str) -> str:
    """Text as a browser lays it out: runs of HTML whitespace are one space."""
    return _HTML_SPACE.sub(" ", text).strip(" ")


def render(text: str) -> str:
    html: str = cmarkgfm.github_flavored_markdown_to_html(text, options=OPTIONS)
    return html


# --------------------------------------------------------------------------- GitHub


@dataclass
class _Element:
    tag: str
    start: int  # 1-based line
    end: int  # 1-based line (an end column of 0 means the line before)
    text: list[str] = field(default_factory=list)  # text collected for this element


@dataclass
class _Item:
    line: int
    depth: int
    parts: list[str] = field(default_factory=list)
    state: str = "start"  # "start": no paragraph yet; "inline": in its first one; "done"
    para: int | None = None  # stack depth of its first paragraph's <p>; None: no <p> (tight)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[_Element] = []  # cmark-gfm's open block elements
        self.tables: list[TableView] = []
        self.headings: list[HeadingView] = []
        self.items: list[ItemView | None] = []  # None: an item without a paragraph
        self._table: _Element | None = None
        self._rows: list[RowView] = []
        self._row: _Element | None = None
        self._cells: list[str] = []
        self._cell: list[str] | None = None
        self._heading: _Element | None = None
        self._in_stats = False
        self._list_base: int | None = None  # lists open (itself included) at the section's list
        # Lists open around the last heading: a list "under" it is one more (so a list
        # in the same list item as the heading, too). Its lists closing lowers it.
        self._heading_lists = 0
        self._open_items: list[tuple[int, _Item, int]] = []  # (stack depth, item, index)

    # -- helpers

    def _lists_open(self) -> int:
        return sum(1 for e in self.stack if e.tag in _LIST_TAGS)

    def _text(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        if self._heading is not None:
            self._heading.text.append(data)
        if self._open_items:
            depth, item, _ = self._open_items[-1]
            if item.state == "start" and len(self.stack) == depth and data.strip():
                item.state = "inline"  # text directly in the item: a tight list's paragraph
            if item.state == "inline":
                item.parts.append(data)

    # -- HTMLParser

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pos = dict(attrs).get("data-sourcepos")
        if pos is None:
            return  # raw HTML or an inline element: only its text counts
        start_s, end_s = pos.split("-")
        start = int(start_s.split(":")[0])
        end_line, end_col = (int(n) for n in end_s.split(":"))
        end = end_line - 1 if end_col == 0 else end_line
        element = _Element(tag, start, end)
        # The item's first paragraph: its first <p> or the text directly in it (a
        # tight list has no <p>), not counting the items of a nested list (each an
        # item of its own). A block element ends a paragraph without <p>.
        if self._open_items:
            depth, item, _ = self._open_items[-1]
            if item.state == "start" and tag == "p":
                item.state, item.para = "inline", len(self.stack)
            elif item.state == "inline" and item.para is None and len(self.stack) == depth:
                item.state = "done"
        self.stack.append(element)
        if tag == "table":
            self._table, self._rows = element, []
        elif tag == "tr":
            self._row, self._cells = element, []
        elif tag in ("th", "td"):
            self._cell = []
        elif tag in _HEADING_TAGS:
            self._heading = element
        elif tag in _LIST_TAGS:
            lists = self._lists_open()
            under_heading = lists == self._heading_lists + 1
            if self._in_stats and self._list_base is None and tag == "ul" and under_heading:
                self._list_base = lists
        elif tag == "li" and self._list_base is not None:
            depth = self._lists_open() - self._list_base
            item = _Item(start, depth)
            self.items.append(None)
            self._open_items.append((len(self.stack), item, len(self.items) - 1))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if dict(attrs).get("data-sourcepos") is not None:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1].tag != tag:
            return  # raw HTML
        element = self.stack.pop()
        if self._open_items and tag == "p":
            item = self._open_items[-1][1]
            if item.state == "inline" and item.para == len(self.stack):
                item.state = "done"
        if tag in ("th", "td") and self._cell is not None:
            self._cells.append("".join(self._cell))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self._rows.append(RowView(self._row.start, tuple(self._cells)))
            self._row = None
        elif tag == "table" and self._table is not None:
            # cmark-gfm gives a table whose header row ends a paragraph (`text` then
            # `| a |` then `|---|`) the paragraph's start line, for the table and its
            # header row. The header row is the line above the delimiter row, which is
            # the line above the first body row, or the table's last line.
            rows = self._rows
            header = rows[1].line - 2 if len(rows) > 1 else element.end - 1
            if rows:
                rows[0] = RowView(header, rows[0].cells)
            self.tables.append(TableView(header, element.end, tuple(rows)))
            self._table = None
        elif tag in _HEADING_TAGS and self._heading is not None:
            text = displayed("".join(self._heading.text))
            self.headings.append(HeadingView(element.start, int(tag[1]), text))
            self._heading = None
            self._in_stats = is_quick_stats(text)
            self._list_base = None
            self._heading_lists = self._lists_open()
            for _, item, index in self._open_items:  # items around the heading
                self._finish(item, index)
            self._open_items = []
        elif tag == "li" and self._open_items and self._open_items[-1][0] == len(self.stack) + 1:
            _, item, index = self._open_items.pop()
            self._finish(item, index)
        elif tag in _LIST_TAGS:
            lists = self._lists_open()
            if self._list_base is not None and lists < self._list_base:
                self._list_base = None
            self._heading_lists = min(self._heading_lists, lists)

    def _finish(self, item: _Item, index: int) -> None:
        if item.state != "start":
            # A task marker is no text: cmark-gfm shows `[ ]` as a checkbox, except in
            # a list inside a block quote, where its tasklist extension misses it.
            text = _TASK.sub("", displayed("".join(item.parts)))
            self.items[index] = ItemView(item.line, item.depth, text)

    def handle_data(self, data: str) -> None:
        self._text(data)


def github_view(text: str) -> View:
    """Tables, headings and Quick Stats items as GitHub (cmark-gfm) renders ``text``."""
    reader = _Reader()
    reader.feed(_COMMENT.sub("", render(text)))
    reader.close()
    # Elements a comment left open run to the end of the page (as a browser reads them).
    for _, item, index in reader._open_items:
        reader._finish(item, index)
    items = tuple(i for i in reader.items if i is not None)
    return View(tuple(reader.tables), tuple(reader.headings), items)


# --------------------------------------------------------------------------- tracker-lint


def _in_context(synthetic: str, document: str) -> tuple[str, int]:
    """``synthetic`` followed by ``document`` when it may define link references
    (``[x]: url``), which a ``[x]`` in a cell or an item links to; and the number of
    lines before the document. The heading between ends any open container."""
    if "]:" not in document:
        return synthetic, synthetic.count("\n")
    head = synthetic + "\n# ~\n\n"
    return head + document, head.count("\n")


def shown_cells(sources: list[str], document: str = "") -> list[str]:
    """Each cell source as GitHub shows it in a table cell of ``document`` (one render
    for all).

    Whitespace around a source is kept as it is (a table cell would trim it): a cell
    text tracker-lint failed to trim stays visible.
    """
    shown = list(sources)
    marked = [i for i, source in enumerate(sources) if _MARKUP.search(source)]
    if not marked:
        return shown
    # `| a\ |`: the space keeps a trailing backslash from escaping the closing pipe.
    cells = "".join(f"| {sources[i].strip(_SPACE)} |\n|-|\n\n" for i in marked)
    doc, lines = _in_context(cells, document)
    tables = [t for t in github_view(doc).tables if t.start <= lines]
    if len(tables) != len(marked):  # cannot happen for a cell's source
        raise AssertionError(f"cell sources {[sources[i] for i in marked]} made {tables}")
    for i, table in zip(marked, tables, strict=True):
        source = sources[i]
        core = source.strip(_SPACE)
        lead = source[: len(source) - len(source.lstrip(_SPACE))]
        trail = source[len(source.rstrip(_SPACE)) :] if core else ""
        shown[i] = lead + (table.rows[0].cells[0] if table.rows[0].cells else "") + trail
    return shown


def shown_item(source: str, document: str = "") -> str:
    """An item's first-paragraph source (lines joined by newlines) as GitHub shows it
    in a list item of ``document``.

    Each further line is indented by four spaces more than the item's content: such a
    line starts no block (that would be indented code, which cannot interrupt a
    paragraph), so it is a paragraph line whatever it says, as in tracker-lint's text.
    """
    if not _MARKUP.search(source):
        return displayed(source)
    item = "## Quick Stats\n\n- " + "\n      ".join(source.split("\n")) + "\n"
    doc, lines = _in_context(item, document)
    items = [i for i in github_view(doc).items if i.line <= lines]
    return items[0].text if items else ""


def our_view(text: str) -> View:
    """Tables, headings and Quick Stats items as tracker-lint's parser sees ``text``."""
    doc = parse(text)
    tables: list[TableView] = []
    headings: list[HeadingView] = []
    items: list[ItemView] = []
    cell_sources: list[str] = []
    in_stats = False
    for block in doc.blocks:
        if isinstance(block, Table):
            rows = [block.header, *block.rows]
            for row in rows:
                cell_sources.extend(c.text for c in row.cells)
            tables.append(
                TableView(
                    block.header.line + 1,
                    block.end_line,
                    tuple(RowView(r.line + 1, tuple(c.text for c in r.cells)) for r in rows),
                )
            )
        elif isinstance(block, Heading):
            shown = displayed(getattr(block, "plain", block.text))
            headings.append(HeadingView(block.line + 1, block.level, shown))
            in_stats = is_quick_stats(shown)
        elif isinstance(block, BulletList) and not block.ordered and not block.lines and in_stats:
            items.extend(
                ItemView(i.line + 1, i.depth, shown_item(i.text, text)) for i in block.items
            )
    # Cell sources to shown text, in one render.
    cells_shown = iter(shown_cells(cell_sources, text))
    tables = [
        TableView(
            t.start,
            t.end,
            tuple(RowView(r.line, tuple(next(cells_shown) for _ in r.cells)) for r in t.rows),
        )
        for t in tables
    ]
    return View(tuple(tables), tuple(headings), tuple(items))


# --------------------------------------------------------------------------- comparison


def table_differences(github: View, ours: View) -> list[str]:
    """How tracker-lint's tables differ from GitHub's; empty when they agree.

    GitHub pads a body row with empty cells, or drops cells, to the header's width;
    tracker-lint keeps a row's cells as written. So the first ``min`` cells are
    compared and any further cell GitHub shows must be empty.
    """
    problems: list[str] = []
    gh_tables = {t.start: t for t in github.tables}
    our_tables = {t.start: t for t in ours.tables}
    for start in sorted(gh_tables.keys() - our_tables.keys()):
        problems.append(f"GitHub has a table at line {start}; tracker-lint has none")
    for start in sorted(our_tables.keys() - gh_tables.keys()):
        problems.append(f"tracker-lint has a table at line {start}; GitHub has none")
    for start in sorted(gh_tables.keys() & our_tables.keys()):
        gh, us = gh_tables[start], our_tables[start]
        if gh.end != us.end:
            problems.append(
                f"table at line {start}: GitHub ends it at line {gh.end}, tracker-lint at {us.end}"
            )
        gh_rows = {r.line: r for r in gh.rows}
        our_rows = {r.line: r for r in us.rows}
        for line in sorted(gh_rows.keys() - our_rows.keys()):
            problems.append(
                f"table at line {start}: GitHub has a row at line {line}; tracker-lint has none"
            )
        for line in sorted(our_rows.keys() - gh_rows.keys()):
            problems.append(
                f"table at line {start}: tracker-lint has a row at line {line}; GitHub has none"
            )
        for line in sorted(gh_rows.keys() & our_rows.keys()):
            g, o = gh_rows[line].cells, our_rows[line].cells
            header = line == start
            n = min(len(g), len(o))
            if g[:n] != o[:n] or (header and len(g) != len(o)) or any(g[n:]):
                problems.append(
                    f"row at line {line}: GitHub shows {list(g)}, tracker-lint has {list(o)}"
                )
    return problems


def differences(github: View, ours: View) -> dict[str, list[str]]:
    """How the views differ, by kind (tables, headings, items); empty lists when they agree."""
    return {
        "tables": table_differences(github, ours),
        "headings": [] if github.headings == ours.headings else ["headings differ"],
        "items": [] if github.items == ours.items else ["Quick Stats items differ"],
    }


def compare(text: str, below: int = 0) -> tuple[View, View, dict[str, list[str]]]:
    """Both views of ``text`` (of what starts below 1-based line ``below``) and their
    differences."""
    github, ours = github_view(text).after(below), our_view(text).after(below)
    return github, ours, differences(github, ours)


def report(text: str, github: View, ours: View, problems: list[str]) -> str:
    """A readable account of a disagreement: the document and both views."""
    numbered = "\n".join(f"{n:>4} | {line}" for n, line in enumerate(text.split("\n"), 1))
    return "\n".join(
        [
            "GitHub and tracker-lint disagree:",
            *(f"  - {p}" for p in problems),
            "document (repr: " + repr(text) + "):",
            numbered,
            "--- GitHub (cmark-gfm) sees:",
            str(github),
            "--- tracker-lint sees:",
            str(ours),
            "--- difference (- GitHub, + tracker-lint):",
            *difflib.unified_diff(str(github).split("\n"), str(ours).split("\n"), lineterm="", n=1),
        ]
    )
