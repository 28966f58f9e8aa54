"""Source text to a document model with exact spans.

markdown-it-py finds the block structure (fenced code, block quotes, lists,
front matter, HTML blocks), so a table row inside a fenced code block is never
a tracker row. Its stock table rule is replaced by one that recognises exactly
the same GFM tables but records each row's source span instead of building
tokens for every cell: a linter needs the raw cell text and its position, not
rendered HTML. For the same reason the inline parse is switched off.

Every offset in the model is an index into the original text as given to
:func:`parse` (BOM and CR/LF line endings included), so a fix is a plain splice
of that text. Markdown-it sees a normalised copy (no BOM, LF endings) with the
same lines and the same columns; this module maps one to the other, and it is
the only place that converts markdown-it's 0-based ``token.map`` lines.
"""

from __future__ import annotations

import bisect
import re
import sys
from collections.abc import Callable
from functools import cache, partial
from sys import intern
from typing import TYPE_CHECKING, Any

from tracker_lint._text import cell_value, without_hard_break

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock
    from markdown_it.token import Token

BOM = "\ufeff"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_HEADER_LINE = re.compile(r"^:?-+:?$")
_SPACE = " \t"  # what markdown-it calls a space in the delimiter row
# markdown-it stops a table that would make it invent more empty cells than this.
MAX_AUTOCOMPLETED_CELLS = 0x10000
_DELIMITER_CHARS = frozenset("|-: \t")
# markdown-it's nesting limit: a block nested this deep takes the rest of its container
MAX_NESTING = 200


class Cell:
    __slots__ = ("end", "start", "text", "value")

    def __init__(self, text: str, start: int, end: int) -> None:
        # text: raw text, trimmed; escapes such as ``\|`` kept as written
        self.text = text
        self.start = start
        self.end = end
        # value: the text without HTML comments: what the cell says
        self.value = cell_value(text) if "<!--" in text else text


class Row:
    __slots__ = ("cells", "end", "line", "start")

    def __init__(self, line: int, start: int, end: int, cells: list[Cell]) -> None:
        # line: 0-based line index
        self.line = line
        self.start = start
        self.end = end
        self.cells = cells


class Table:
    __slots__ = ("end_line", "header", "heading", "rows")

    def __init__(
        self, header: Row, rows: list[Row], heading: Heading | None, end_line: int
    ) -> None:
        # heading: the nearest heading above the table
        # end_line: 0-based index of the first line after the table
        self.header = header
        self.rows = rows
        self.heading = heading
        self.end_line = end_line


class Heading:
    __slots__ = ("_plain", "end", "level", "line", "start", "text")

    def __init__(self, level: int, text: str, line: int, start: int, end: int) -> None:
        self.level = level
        self.text = text  # as written: the heading's inline source
        self.line = line
        self.start = start
        self.end = end
        self._plain: str | None = None

    @property
    def plain(self) -> str:
        """The text as GitHub shows it: entities decoded, link text without its
        target, inline HTML, emphasis and images left out."""
        if self._plain is None:
            self._plain = shown_text(self.text)
        return self._plain


class ListItem:
    __slots__ = ("depth", "end", "line", "pieces", "start", "text")

    def __init__(
        self,
        line: int,
        start: int,
        end: int,
        text: str,
        depth: int = 0,
        pieces: tuple[tuple[int, int], ...] = (),
    ) -> None:
        # start: start of the item's text (after the bullet marker)
        # end: end of the item's paragraph (its last line), trailing whitespace excluded
        # text: the item's first paragraph as GitHub joins it: its lines, each
        #   without indentation, separated by "\n" (one line for most items)
        # depth: 0 for an item of the list itself, 1 for an item nested in one, ...
        # pieces: (index in text, offset in the source) where each further line starts
        self.line = line
        self.start = start
        self.end = end
        self.text = text
        self.depth = depth
        self.pieces = pieces

    def source(self, index: int) -> int:
        """The source offset of ``text[index]``."""
        found = bisect.bisect_right(self.pieces, (index, sys.maxsize)) - 1
        if found < 0:
            return self.start + index
        at, start = self.pieces[found]
        return start + index - at


class BulletList:
    __slots__ = ("end_line", "items", "line", "lines", "ordered")

    def __init__(
        self,
        items: list[ListItem],
        line: int,
        end_line: int,
        *,
        ordered: bool = False,
        lines: bool = False,
    ) -> None:
        self.items = items
        self.line = line
        self.end_line = end_line
        self.ordered = ordered  # a numbered list (``1.``): task items, never totals
        # lines: not a list but a paragraph of bold label lines (``**Completed**: 5/6``),
        # one item a line: totals and legends, never tracked items
        self.lines = lines


class HtmlBlock:
    __slots__ = ("end_line", "line", "text")

    def __init__(self, line: int, end_line: int, text: str) -> None:
        self.line = line
        self.end_line = end_line
        self.text = text


Block = Heading | Table | BulletList | HtmlBlock


class Document:
    """A parsed text: its lines, its blocks in order, and where code is."""

    __slots__ = (
        "blocks",
        "deep",
        "has_bom",
        "hidden",
        "line_starts",
        "text",
        "tops",
        "verbatim",
    )

    def __init__(self, text: str, line_starts: list[int], *, first: bool = True) -> None:
        self.text = text
        # a BOM starts the text (only the document's own start, ``first``, has one: a
        # text of lines from further on may start with U+FEFF, which is then a character)
        self.has_bom = first and text.startswith(BOM)
        self.line_starts = line_starts  # offset of each line's first character in ``text``
        self.blocks: list[Block] = []
        # [start, end) line ranges of fenced and indented code and front matter,
        # where nothing is a tracker row or a directive
        self.verbatim: list[tuple[int, int]] = []
        # the top-level blocks as markdown-it ends them: [start, end) lines and the
        # token's type (for a re-parse of only the blocks an edit touches)
        self.tops: list[tuple[int, int, str]] = []
        # [start, end) lines an HTML comment left open by a container hides
        self.hidden: list[tuple[int, int]] = []
        # blocks nested up to markdown-it's limit, whose parse runs to their container's
        # end, wherever that is
        self.deep = False

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    def line_text(self, line: int) -> str:
        start = self.line_starts[line]
        end = self.line_starts[line + 1] if line + 1 < len(self.line_starts) else len(self.text)
        text = self.text[start:end].rstrip("\r\n")
        return text[1:] if line == 0 and self.has_bom else text

    def offset(self, line: int, column: int) -> int:
        """Offset of a 0-based (line, column) as :meth:`line_text` counts columns."""
        start = self.line_starts[line] + column
        return start + 1 if line == 0 and self.has_bom else start

    def in_verbatim(self, line: int) -> bool:
        index = bisect.bisect_right(self.verbatim, (line, float("inf"))) - 1
        return index >= 0 and self.verbatim[index][0] <= line < self.verbatim[index][1]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of an offset; a BOM is not a column."""
        line = bisect.bisect_right(self.line_starts, offset) - 1
        column = offset - self.line_starts[line]
        if line == 0 and self.has_bom:
            column = max(column - 1, 0)
        return line + 1, column + 1


def heading_spans(doc: Document) -> list[tuple[Heading, int, int]]:
    """Each heading and its section's [start, end) in the text: from the heading to the
    next heading of its level or higher, so its subsections are in it."""
    headings = [b for b in doc.blocks if isinstance(b, Heading)]
    return [
        (
            heading,
            heading.start,
            next((h.start for h in headings[i + 1 :] if h.level <= heading.level), len(doc.text)),
        )
        for i, heading in enumerate(headings)
    ]


def block_line(block: Block) -> int:
    """The 0-based line a block starts on."""
    return block.header.line if isinstance(block, Table) else block.line


def shift_block(block: Block, chars: int, lines: int) -> None:
    """Move a block (its rows and cells, its items) ``chars`` characters and ``lines``
    lines further into the text: an edit above it changed their numbers."""
    if isinstance(block, Table):
        for row in (block.header, *block.rows):
            row.line += lines
            row.start += chars
            row.end += chars
            for cell in row.cells:
                cell.start += chars
                cell.end += chars
        block.end_line += lines
    elif isinstance(block, BulletList):
        for item in block.items:
            item.line += lines
            item.start += chars
            item.end += chars
            if item.pieces:
                item.pieces = tuple((at, offset + chars) for at, offset in item.pieces)
        block.line += lines
        block.end_line += lines
    elif isinstance(block, Heading):
        block.line += lines
        block.start += chars
        block.end += chars
    else:
        block.line += lines
        block.end_line += lines


def line_index(text: str) -> Document:
    """A document that knows only its lines (no parse): for ``position`` of offsets."""
    return Document(text, line_starts(text))


# A heading or label longer than this with more brackets than that is compared as written
SHOWN_TEXT_LIMIT = 300
SHOWN_TEXT_BRACKETS = 16
_INLINE_MARKUP = frozenset("&<[]!`*_~\\")


def shown_text(source: str) -> str:
    """Inline Markdown as a reader sees it: ``[Quick Stats](#s)``, ``Quick&nbsp;Stats``,
    ``Quick <em>Stats</em>`` and ``**Quick** Stats`` all show ``Quick Stats``."""
    if _INLINE_MARKUP.isdisjoint(source):
        return source
    if len(source) > SHOWN_TEXT_LIMIT and source.count("[") > SHOWN_TEXT_BRACKETS:
        return source  # markdown-it's link scan is quadratic in the brackets of a long text
    md = parser(front_matter=False)  # inline rules only: any instance will do
    tokens: list[Token] = []
    md.inline.parse(source, md, {}, tokens)
    parts = []
    for token in tokens:
        if token.type in ("text", "text_special", "code_inline"):
            parts.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def line_starts(text: str, start: int = 0, end: int | None = None) -> list[int]:
    """The offset of each line's first character (lines end at CR LF, CR or LF); of
    ``text[start:end]``: ``start`` and where each line after it starts, up to ``end``."""
    starts = [start]
    breaks = (
        _LINE_BREAK.finditer(text, start) if end is None else _LINE_BREAK.finditer(text, start, end)
    )
    starts.extend(m.end() for m in breaks)
    return starts


def split_cells(text: str, base: int, trim: str | None = None) -> list[Cell]:
    """Split a table row's text into cells, as GFM and markdown-it do.

    ``text`` is the row without indentation or block-quote markers, ``base``
    its offset. A pipe preceded by a backslash does not split. Each cell is
    trimmed of the characters ``trim`` (None: Python's whitespace); a parse
    passes markdown-it's own set (see :func:`parser`).
    """
    bounds: list[tuple[int, int]] = []
    seg = 0
    if "\\" not in text:
        pos = text.find("|")
        while pos >= 0:
            bounds.append((seg, pos))
            seg = pos + 1
            pos = text.find("|", seg)
    else:
        escaped = False
        for pos, ch in enumerate(text):
            if ch == "|" and not escaped:
                bounds.append((seg, pos))
                seg = pos + 1
            escaped = ch == "\\"
    bounds.append((seg, len(text)))
    if bounds and bounds[0][0] == bounds[0][1]:
        bounds.pop(0)
    if bounds and bounds[-1][0] == bounds[-1][1]:
        bounds.pop()
    cells = []
    for a, b in bounds:
        raw = text[a:b]
        stripped = raw.strip(trim)
        if len(stripped) < 24:
            stripped = intern(stripped)  # ✅, ⬜, dates: a few strings shared by many cells
        if stripped:
            lead = len(raw) - len(raw.lstrip(trim))
            a += lead
            b = a + len(stripped)
        cells.append(Cell(stripped, base + a, base + b))
    return cells


def _table_rule(
    state: StateBlock, start_line: int, end_line: int, silent: bool, *, trim: str | None
) -> bool:
    """GFM table recognition (as markdown-it's ``table`` rule), one token per table.

    The token's ``meta["rows"]`` holds the header and body :class:`Row` objects
    (not the delimiter row), made by ``state.env["row"]`` from a row's line, its
    span in the normalised source and ``trim``, what cells are trimmed of.
    """
    if start_line + 2 > end_line:
        return False
    next_line = start_line + 1
    if state.sCount[next_line] < state.blkIndent or state.is_code_block(next_line):
        return False
    src = state.src
    pos = state.bMarks[next_line] + state.tShift[next_line]
    maximum = state.eMarks[next_line]
    if pos >= maximum:
        return False
    first = src[pos]
    if first not in "|-:":
        return False
    if pos + 1 >= maximum:
        return False
    second = src[pos + 1]
    if second not in "|-:" and second not in _SPACE:
        return False
    if first == "-" and second in _SPACE:
        return False
    delimiter = src[pos:maximum]
    if not _DELIMITER_CHARS.issuperset(delimiter):
        return False
    if "|" not in delimiter and ":" not in delimiter:
        return False  # `---` under a line of text is a setext heading underline on GitHub
    columns = delimiter.split("|")
    aligns = 0
    for i, col in enumerate(columns):
        t = col.strip(trim)
        if not t:
            if i in (0, len(columns) - 1):
                continue
            return False
        if not _HEADER_LINE.match(t):
            return False
        aligns += 1

    begin, end = _trimmed(
        src, state.bMarks[start_line] + state.tShift[start_line], state.eMarks[start_line], trim
    )
    # A header line without a pipe is a one-column header on GitHub, when the delimiter
    # row (checked above) is not a setext underline.
    if state.is_code_block(start_line):
        return False
    if len(split_cells(src[begin:end], 0, trim)) != aligns or aligns == 0:
        return False
    # On GitHub a table's header is a line of paragraph text: a line that starts
    # another block (`# | a`, `- a | b`, `> a | b`, `<div> | a`) is that block.
    # (The paragraph rule asks in silent mode whether a table interrupts it; a block
    # starts with the table rule asked for real.)
    interrupting = silent or _ends_a_paragraph(state, start_line)
    if src[begin : begin + 1] != "|" and _starts_block(state, start_line, end_line, interrupting):
        return False
    if silent:
        return True

    old_parent = state.parentType
    state.parentType = "table"
    terminators = state.md.block.ruler.getRules("blockquote")
    make_row = state.env.get("row") or _row
    rows = [make_row(start_line, begin, end, trim)]
    autocompleted = 0
    line = start_line + 2
    while line < end_line:
        if state.sCount[line] < state.blkIndent:
            break
        begin = state.bMarks[line] + state.tShift[line]
        # No block that ends a table (fence, quote, rule, list, HTML, heading)
        # starts with a pipe: most rows skip the terminator rules altogether.
        if src[begin : begin + 1] != "|" and (
            any(rule(state, line, end_line, True) for rule in terminators)
            or _html_tag_line(src, begin, state.eMarks[line])
        ):
            break
        begin, end = _trimmed(src, begin, state.eMarks[line], trim)
        if begin >= end or state.is_code_block(line):
            break
        if src[begin:end] == "|":
            break  # a line that is only `|` has no cell: GitHub ends the table there
        row = make_row(line, begin, end, trim)
        autocompleted += aligns - len(row.cells)
        if autocompleted > MAX_AUTOCOMPLETED_CELLS:
            break
        rows.append(row)
        line += 1
    token = state.push("tracker_table", "table", 0)
    token.map = [start_line, line]
    token.meta = {"rows": rows}
    state.parentType = old_parent
    state.line = line
    return True


def _ends_a_paragraph(state: StateBlock, line: int) -> bool:
    """Whether the paragraph just before ``line`` ended because a table starts there (the
    paragraph rule asked the table rule, silently, and it said yes)."""
    tokens = state.tokens
    return (
        len(tokens) >= 3
        and tokens[-1].type == "paragraph_close"
        and tokens[-3].map is not None
        and tokens[-3].map[1] == line
    )


_BLOCK_STARTS = ("fence", "blockquote", "hr", "list", "html_block", "heading")


def _starts_block(state: StateBlock, line: int, end_line: int, interrupting: bool) -> bool:
    """Whether ``line`` starts a block other than a paragraph. ``interrupting``: the line
    would continue a paragraph, which only some blocks may interrupt (an ordered list
    only when it starts at 1, ...); else it is at the start of a block, where any may.

    (``state.parentType`` cannot tell the two apart: markdown-it's setext-heading rule
    leaves it at "paragraph" after every paragraph.)
    """
    rules = _block_rules(state.md.block.ruler)
    old_line, old_parent = state.line, state.parentType
    state.parentType = "paragraph" if interrupting else "root"
    try:
        return any(rule(state, line, end_line, True) for rule in rules)
    finally:
        state.line, state.parentType = old_line, old_parent


@cache
def _block_rules(ruler: Any) -> tuple[Any, ...]:
    return tuple(rule.fn for rule in ruler.__rules__ if rule.enabled and rule.name in _BLOCK_STARTS)


@cache
def _html_tag_pattern() -> re.Pattern[str]:
    from markdown_it.common.html_re import HTML_OPEN_CLOSE_TAG_STR

    return re.compile(f"(?:{HTML_OPEN_CLOSE_TAG_STR})[ \t]*$")


def _html_tag_line(src: str, begin: int, end: int) -> bool:
    """A line that is one HTML tag (`<br>`, `<img src=x>`, `</div>`): CommonMark's HTML
    block start condition 7. It cannot interrupt a paragraph (so markdown-it's
    terminator check says no), but on GitHub it does end a table."""
    return src[begin : begin + 1] == "<" and _html_tag_pattern().match(src[begin:end]) is not None


def _lazy_html_tag_rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """A terminator only: a line that is one HTML tag (condition 7) and would be a lazy
    continuation of a paragraph in a list item or a block quote is not, on GitHub: cmark
    starts the HTML block there, closing the containers (``- **Total**: 9`` then
    ``<br>`` then ``- **Done**: 2``: the last line is raw HTML text, not a total)."""
    if not silent:
        return False
    src = state.src
    begin = state.bMarks[start_line] + state.tShift[start_line]
    if not _html_tag_line(src, begin, state.eMarks[start_line]):
        return False
    if state.parentType == "blockquote":
        return True  # the block quote asks only about lines without its `>`
    return 0 <= state.sCount[start_line] < state.blkIndent


def _row(line: int, begin: int, end: int, trim: str | None) -> Row:
    """A row with offsets in the parsed source, for a parse without ``env["row"]``."""
    return Row(line, begin, end, [])


def _trimmed(src: str, begin: int, end: int, trim: str | None) -> tuple[int, int]:
    """The span of ``src[begin:end]`` without the characters ``trim`` around it."""
    text = src[begin:end]
    stripped = text.lstrip(trim)
    begin += len(text) - len(stripped)
    return begin, begin + len(stripped.rstrip(trim))


@cache
def parser(*, front_matter: bool = True) -> MarkdownIt:
    """The MarkdownIt instance: CommonMark + GFM tables + front matter, block level only
    (and one without front matter, for a document that cannot have any or whose leading
    block is not YAML)."""
    from markdown_it import MarkdownIt
    from markdown_it.common import utils

    # What a cell or a row is trimmed of: markdown-it's own set (its mdTrim) where the
    # installed version has one, else Python's whitespace, as its str.strip() then.
    trim: str | None = getattr(utils, "MD_TRIM_CHARS", None)

    md = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING})
    md.block.ruler.at("table", partial(_table_rule, trim=trim), {"alt": ["paragraph", "reference"]})
    md.block.ruler.before(
        "paragraph", "lazy_html_tag", _lazy_html_tag_rule, {"alt": ["paragraph", "blockquote"]}
    )
    md.enable("table")
    if front_matter:
        from mdit_py_plugins.front_matter import front_matter_plugin

        md.use(front_matter_plugin)
    md.enable("strikethrough")  # GFM's ~~text~~, for text as shown (see shown_text)
    md.core.ruler.disable(["inline", "text_join"])
    return md


def parse(text: str) -> Document:
    """Parse a whole document (BOM and any line endings allowed)."""
    return parse_lines(text, first=True)


def parse_lines(text: str, *, first: bool) -> Document:
    """Parse ``text``; ``first``: it starts the document (it may open with a BOM or
    front matter), else it is whole lines from further on (see
    :mod:`tracker_lint.incremental`), parsed as markdown-it parses them there when the
    blocks before them have ended."""
    starts = line_starts(text)
    doc = Document(text, starts, first=first)
    body = text[1:] if doc.has_bom else text
    norm = body.replace("\r\n", "\n").replace("\r", "\n") if "\r" in body else body
    norm_starts = line_starts(norm)
    shift = len(text) - len(body)

    def line_offset(line: int, column: int) -> int:
        return starts[line] + column + (shift if line == 0 else 0)

    def make_row(line: int, begin: int, end: int, trim: str | None) -> Row:
        base = line_offset(line, begin - norm_starts[line])
        return Row(line, base, base + (end - begin), split_cells(norm[begin:end], base, trim))

    # The front matter rule only ever matches a document whose first character is "-":
    # any other is parsed without it (and without importing the plugin).
    tokens = _tokens(parser(front_matter=first and norm.startswith("-")), norm, make_row)
    if tokens and tokens[0].type == "front_matter" and not _yaml_like(tokens[0].content):
        # GitHub shows a leading `---` block that is not YAML (a heading, a table)
        # as a thematic break followed by Markdown: read it that way too.
        tokens = _tokens(parser(front_matter=False), norm, make_row)
    heading: Heading | None = None
    list_depth = 0
    heading_depth = 0  # list depth of the last heading: a list directly under it is recorded
    recorded: BulletList | None = None  # the recorded list being read
    recorded_depth = 0  # its list depth; deeper items are its nested items
    want_item_text = False
    hidden: list[tuple[int, int]] = []  # lines an HTML comment left open hides
    i = 0
    n = len(tokens)
    while i < n:
        tok = tokens[i]
        kind = tok.type
        if tok.level == 0 and tok.nesting >= 0 and tok.map is not None:
            doc.tops.append((tok.map[0], tok.map[1], kind))
        elif tok.level >= MAX_NESTING - 2:
            doc.deep = True
        if kind == "tracker_table":
            assert tok.map is not None
            rows = tok.meta["rows"]
            doc.blocks.append(Table(rows[0], rows[1:], heading, tok.map[1]))
        elif kind == "heading_open" and tok.map is not None:
            content = tokens[i + 1].content if i + 1 < n else ""
            line = tok.map[0]
            start, end = _locate(doc.line_text(line), content, line_offset(line, 0))
            heading = Heading(int(tok.tag[1:]), content, line, start, end)
            heading_depth = list_depth
            doc.blocks.append(heading)
            recorded = None  # the lists under this heading are its own
            want_item_text = False
        elif kind in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
            if recorded is None and list_depth == heading_depth + 1 and tok.map is not None:
                ordered = kind == "ordered_list_open"
                recorded = BulletList([], tok.map[0], tok.map[1], ordered=ordered)
                recorded_depth = list_depth
                doc.blocks.append(recorded)
        elif kind in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
            if recorded is not None and list_depth < recorded_depth:
                recorded = None
            heading_depth = min(heading_depth, list_depth)
        elif kind == "list_item_open":
            want_item_text = recorded is not None
        elif (
            kind == "inline"
            and not want_item_text
            and list_depth == heading_depth
            and tokens[i - 1].type == "paragraph_open"
            and tok.map is not None
            and tok.content.startswith(_BOLD)
        ):
            doc.blocks.append(_label_lines(doc, tok.content, tok.map, line_offset))
        elif (
            kind == "inline"
            and want_item_text
            and recorded is not None
            and tokens[i - 1].type == "paragraph_open"
        ):
            want_item_text = False
            if tok.map is not None:
                recorded.items.append(
                    _list_item(
                        doc, tok.content, tok.map[0], list_depth - recorded_depth, line_offset
                    )
                )
        elif kind in ("fence", "code_block", "front_matter") and tok.map is not None:
            doc.verbatim.append((tok.map[0], tok.map[1]))
        elif kind == "html_block" and tok.map is not None:
            doc.blocks.append(HtmlBlock(tok.map[0], tok.map[1], tok.content))
            if tok.content.rfind("<!--") > tok.content.rfind("-->"):
                hidden.append(_comment_left_open(norm, norm_starts, tok.map[1]))
        elif kind == "list_item_close":
            want_item_text = False
        i += 1
    if hidden:
        _hide(doc, hidden)
        doc.hidden = hidden
    return doc


def _tokens(md: MarkdownIt, norm: str, make_row: Callable[..., Row]) -> list[Token]:
    """markdown-it's tokens of ``norm`` (LF line breaks), its rows made by ``make_row``.

    markdown-it-py (4.3) reads past the end of a text whose last line, without a line
    break, closes an HTML block in a list in a block quote (``>- <pre>`` then ``> ``):
    an IndexError. A final line break changes no block of a text (every ``map`` is the
    same), so the text is parsed again with one.
    """
    try:
        return md.parse(norm, {"row": make_row})
    except IndexError:
        if norm.endswith("\n"):
            raise
        return md.parse(norm + "\n", {"row": make_row})


def _comment_left_open(norm: str, norm_starts: list[int], line: int) -> tuple[int, int]:
    """The lines an HTML comment hides when a container (a list item, a block quote) ends
    its HTML block before the comment's ``-->``: GitHub writes the ``<!--`` out as it
    is, and the page shows nothing up to the next ``-->`` (or the end)."""
    start = norm_starts[line] if line < len(norm_starts) else len(norm)
    close = norm.find("-->", start)
    last = len(norm_starts) - 1 if close < 0 else bisect.bisect_right(norm_starts, close) - 1
    return line, last + 1


def _hide(doc: Document, hidden: list[tuple[int, int]]) -> None:
    def shown(line: int) -> bool:
        return not any(a <= line < b for a, b in hidden)

    blocks: list[Block] = []
    for block in doc.blocks:
        if isinstance(block, Table):
            if shown(block.header.line):
                block.rows = [row for row in block.rows if shown(row.line)]
                blocks.append(block)
        elif isinstance(block, BulletList):
            block.items = [item for item in block.items if shown(item.line)]
            if block.items:
                blocks.append(block)
        elif shown(block.line):
            blocks.append(block)
    doc.blocks = blocks
    doc.verbatim = sorted([*doc.verbatim, *hidden])


_BOLD = ("**", "__")


def _label_lines(
    doc: Document, content: str, where: list[int], line_offset: Callable[[int, int], int]
) -> BulletList:
    """A paragraph that opens with a bold label (``**Completed**: 15/15 (100%)``), one
    item a line: totals or a legend written without bullets. A line's trailing hard
    break (two spaces, a backslash) is not part of its text."""
    items = []
    for k, line in enumerate(content.split("\n")):
        text = without_hard_break(line.strip())
        if text:
            items.append(_list_item(doc, text, where[0] + k, 0, line_offset))
    return BulletList(items, where[0], where[1], lines=True)


def _list_item(
    doc: Document, content: str, first: int, depth: int, line_offset: Callable[[int, int], int]
) -> ListItem:
    """A list item from its first paragraph's inline content, which starts on line ``first``.

    Each further line of the content is the rest of its source line (markdown-it drops the
    indentation, or turns a tab of it into spaces); it is mapped from its first
    non-blank character, which is where the source and the content agree.
    """
    lines = content.split("\n")
    start, end = _locate(doc.line_text(first), lines[0], line_offset(first, 0))
    pieces = []
    at = len(lines[0]) + 1
    for k, text in enumerate(lines[1:], 1):
        line = first + k
        source = doc.line_text(line)
        rest = text.lstrip(" \t")
        kept = source if k < len(lines) - 1 else source.rstrip()
        column = len(kept) - len(rest) if rest and kept.endswith(rest) else source.find(rest)
        if column < 0:  # cannot happen for markdown-it's content; never map a guess
            return ListItem(first, start, end, lines[0], depth)
        base = line_offset(line, 0)
        pieces.append((at + len(text) - len(rest), base + column))
        end = base + column + len(rest.rstrip())
        at += len(text) + 1
    return ListItem(first, start, end, content, depth, tuple(pieces))


_YAML_KEY = re.compile(r"""[\w"'][^:#*&!|>{}\[\]]*:(?:[ \t]|$)""")


def _yaml_like(content: str) -> bool:
    """Whether front matter reads as a YAML mapping, as front matter is: after any
    ``# comment`` lines it opens with a ``key:`` line, and every other line is a key, a
    list item, a comment or an indented continuation. (``## Quick Stats``, a list of
    totals or a table row first means it is Markdown.)"""
    lines = [line for line in content.split("\n") if line.strip()]
    while lines and lines[0].startswith("# "):  # a YAML comment before the first key
        lines.pop(0)
    if not lines or not _YAML_KEY.match(lines[0]):
        return False
    return all(
        line[0] in " \t#" or line.startswith("- ") or line in ("-", "...") or _YAML_KEY.match(line)
        for line in lines[1:]
    )


def _locate(line: str, content: str, line_start: int) -> tuple[int, int]:
    """Offsets of a block's text within its (first) line."""
    trimmed = line.rstrip()
    if content and trimmed.endswith(content):
        col = len(trimmed) - len(content)
    else:
        found = line.find(content) if content else -1
        col = found if found >= 0 else len(line) - len(line.lstrip())
    return line_start + col, line_start + col + len(content)
