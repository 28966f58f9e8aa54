"""Differential tests: tracker-lint sees tables, rows, cells, headings and Quick Stats
items exactly where and as GitHub renders them.

GitHub's side is cmark-gfm (``cmarkgfm``, a test dependency); see tests/github.py for
how both views are built and compared. Two generators feed the main property:
``trackers()`` writes documents in the shape of fixtures/*.md, ``adversarial()``
strings the same pieces together with the constructs GitHub reads differently from
a naive table/heading/list reader. The parametrized cases pin one example of each.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip(
    "cmarkgfm",
    reason="cmarkgfm (GitHub's cmark-gfm renderer) is not installed: pip install -e '.[test]'",
)

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.conftest import FIXTURES
from tests.github import (
    HeadingView,
    ItemView,
    RowView,
    TableView,
    View,
    compare,
    github_view,
    report,
)
from tracker_lint.profile import default_profile

# ------------------------------------------------------------------ pieces

WORDS = ["Queues", "Stacks", "Heaps", "Tries", "Caching", "Sharding", "Sliding Window", "Greedy"]
STATUS_CELLS = [
    "✅ Complete",
    "🔄 In Progress",
    "⬜ Not started",
    "📝 Module done",
    "🎯 Exam done",
    "🔍 Needs review",
    "✅️ Complete",  # with U+FE0F
    "✅",
    "⬜",
    "🔄 in progress",
]
STAGE_CELLS = ["✅", "⬜", "🔄", "✅️", ""]
NOTES = [
    "",
    "queues.md",
    "exam too easy",
    "a \\| b",
    "pipes \\| inside \\| notes",
    "`code`",
    "**P1**",
    "see [docs](docs.md)",
    "Q &amp; A",
    "✅ Complete <!-- tracker-lint-disable-line TL201 -->",
    "line<br>break",
    "trailing \\",
]
TRICKY_CELLS = [
    "`a|b`",  # GFM splits on the pipe even inside a code span
    "`a\\|b`",
    "a\\\\|b",  # an escaped backslash, then a pipe that splits
    "<!-- a | b -->",
    "\\|",
    "*",
    "-",
    ":--",
    "#",
    "&#124;",
    "<b>x</b>",
    "[x]",
]
DATES = ["", "2025-01-28", "2025-02-03", "2099-01-30", "2025-13-45", "2025-1-5", "soon"]
# The default profile's own labels (the profile has totals).
STAT_LABELS = [total.label for total in getattr(default_profile().totals, "items", ())]
STAT_VALUES = ["0", "2", "9", "12", "1,204", "22.2%", "2 (both module and exam)", "n/a", "**4**"]
LEGEND = [
    "✅ Complete (both module and exam done)",
    "🔄 In Progress",
    "📝 Module done, needs exam",
    "🎯 Exam done, needs module",
    "⬜ Not started",
    "🔍 Needs review/update",
]
COLUMN_SETS = [
    ["#", "Topic", "Module", "Exam", "Status", "Notes", "Last Updated"],
    ["Pattern", "Module", "Exam", "Status", "Priority", "Last Updated"],
    ["Page", "Module", "Exam", "Status", "Last Updated"],
    ["Page", "Module", "Exam", "Status"],
    ["Status"],
]
PARAGRAPHS = [
    "Progress on the course, one row a page.",
    "Notes: `<!-- tracker-lint-disable-line TL999 -->` in code is not a directive.",
    "See the [README](README.md) for the workflow.",
    "Updated weekly | more or less",
]
HEADINGS = ["# Course Tracker", "## 📐 Foundations", "## 🧩 Patterns", "## Pages", "### Notes"]
# How GitHub may be told "Quick Stats": tracker-lint must read the same heading text.
QUICK_STATS_HEADINGS = [
    "## Quick Stats",
    "## 📊 Quick Stats",
    "### quick stats",
    "## Quick &amp; Stats",
    "## Quick&nbsp;Stats",
    "## [Quick Stats](#quick-stats)",
    "## Quick <b>Stats</b>",
    "## *Quick* Stats",
    "## **Quick Stats**",
    "##\tQuick Stats",
    "## Quick Stats ##",
    "## Quick Stats #",
    "  ## Quick Stats",
    "## Quick \\*Stats",
    "## `Quick` Stats",
    "## ![chart](chart.png) Quick Stats",
    "## Quick Stats <!-- totals -->",
]
# Lines that GitHub does (or does not) let end a table directly under it.
TABLE_TAILS = [
    "<br>",
    '<img src="x">',
    "</div>",
    "<div>",
    "<!-- c -->",
    "|",
    "||",
    "| |",
    "---",
    "***",
    "===",
    ":--",
    "> quoted | text",
    "- item | text",
    "* item",
    "1. item | text",
    "2. item | text",
    "# heading | text",
    "#heading | text",
    "plain text",
    "plain | text",
    "```",
    "~~~",
    "    | indented | code |",
    "\t| tab | row |",
    " | one | space |",
    "     | five | spaces |",
    "| 1 \\| x | 2 |",
    "\\| escaped | start |",
    "`a|b` | c",
    "<b>bold</b> | x",
    "[link]: http://example.com",
    "[ ] task | x",
]
# Header lines GitHub may read as another block: then there is no table.
ODD_HEADERS = [
    "# a | b",
    "- a | b",
    "* a | b",
    "+ a | b",
    "1. a | b",
    "2) a | b",
    "> a | b",
    "<b>a</b> | b",
    "<div> | b",
    "a | b",
    "  a | b",
    "    a | b",
    "\ta | b",
    "\\# a | b",
    "`a | b`",
    "`a` | b",
    "a \\| b | c",
    "| a | b",
    "a | b |",
    "|a|b|",
]
ONE_COLUMN_DELIMITERS = [
    "---",
    ":--",
    "--:",
    ":-:",
    "-",
    ":-",
    "===",
    "|---|",
    "|---",
    "---|",
    "|:-:|",
    "- -",
    "| --- |",
]


# ------------------------------------------------------------------ strategies
#
# Hypothesis spends tens of microseconds on every draw, so a table row is one draw
# (an index into the product of its cells' choices, which shrinks to the plainest row)
# and every strategy is built once.


@functools.cache
def pick(*options: Any) -> st.SearchStrategy[Any]:
    """One of ``options``; shrinks towards the first."""
    return st.sampled_from(options)


@functools.cache
def upto(n: int) -> st.SearchStrategy[int]:
    return st.integers(0, n)


def choices(index: int, pools: Sequence[Sequence[str]]) -> list[str]:
    """The ``index``-th combination of one choice from each pool (0: every first one)."""
    out = []
    for pool in pools:
        index, k = divmod(index, len(pool))
        out.append(pool[k])
    return out


def lines_of(text: str) -> list[str]:
    return text.split("\n")


def cell_pool(name: str, tricky: bool) -> tuple[str, ...]:
    extra = TRICKY_CELLS if tricky else []
    if name in ("Module", "Exam"):
        return (*STAGE_CELLS,)
    if name == "Status":
        return (*STATUS_CELLS,)
    if name == "Last Updated":
        return (*DATES,)
    if name in ("Notes", "Priority"):
        return (*NOTES, "P1", *extra)
    if name == "#":
        return ("1", "2", "3", "10")
    return (*WORDS, *extra)


ROW_INDEX = st.integers(0, 2**40)
TABLE_STYLES = [
    # (leading pipe, trailing pipe, padding)
    (True, True, " "),
    (True, True, ""),
    (False, False, " "),
    (True, False, " "),
    (False, True, " "),
]
ALIGNS = ("---", ":--", "--:", ":-:", "-", "-----------")
ROW_ENDS = ("", "  ", "\t")


@st.composite
def table(draw: st.DrawFn, tricky: bool = False) -> list[str]:
    """A GFM table of tracker rows, in one of the ways people write them."""
    names = draw(pick(*map(tuple, COLUMN_SETS if tricky else COLUMN_SETS[:-1])))
    lead, trail, pad = draw(pick(*TABLE_STYLES))

    def row(cells: list[str]) -> str:
        body = f"{pad}|{pad}".join(cells)
        return ("|" + pad if lead else "") + body + (pad + "|" if trail else "")

    header_index, align_index = draw(ROW_INDEX), draw(ROW_INDEX)
    header = [n if (header_index >> i) % 4 else n.upper() for i, n in enumerate(names)]
    if header_index % 7 == 6:
        header = [f"**{n}**" for n in header]
    lines = [row(header), row(choices(align_index, [ALIGNS] * len(names)))]
    pools = [cell_pool(name, tricky) for name in names]
    for _ in range(draw(upto(5))):
        index = draw(ROW_INDEX)
        cells = choices(index, [*pools, [str(n) for n in range(10)], ROW_ENDS])
        *cells, ragged_s, end = cells
        ragged = int(ragged_s)
        if ragged == 1:
            cells = cells[: index % (len(cells) + 1)]
        elif ragged == 2:
            cells = [*cells, "extra"]
        lines.append(row(cells) + end)
    return lines


STAT_FORMS = ("**{}**: {}", "**{}:** {}", "{}: {}")
MARKERS = ("-", "*", "+")
TRICKY_MARKERS = ("-", "*", "+", "1.", "2)")
TRICKY_INDENTS = ("", "  ", "    ", " ", "\t", "      ")
TRICKY_TEXTS = (
    "{}",
    "[ ] {}",
    "{} <!-- tracker-lint-disable-line TL401 -->",
    "{}  ",
    "{}\\",
    "",
    "# {}",
    "> {}",
    "`{}`",
)
WRAPS = (
    "  (both module and exam)",
    "(lazy line)",
    "    four spaces",
    "  - nested",
    "---",
    "===",
    "| a | b |",
    "  ```",
    "<br>",
)
STAT_ITEM = st.tuples(ROW_INDEX, upto(15))


@st.composite
def quick_stats(draw: st.DrawFn, tricky: bool = False) -> list[str]:
    heading = draw(pick(*(QUICK_STATS_HEADINGS if tricky else QUICK_STATS_HEADINGS[:3])))
    lines = [heading]
    if draw(upto(1)):
        lines.append("")
    marker = draw(pick(*MARKERS))
    for _ in range(draw(upto(6))):
        index, extra = draw(STAT_ITEM)
        label, value, form = choices(index, [STAT_LABELS, STAT_VALUES, STAT_FORMS])
        text = form.format(label, value)
        line = f"{marker} {text}"
        if tricky:
            # The marker changes (a new list on GitHub), the item nests, the value
            # wraps onto the next line, a blank line makes the list loose.
            index //= len(STAT_LABELS) * len(STAT_VALUES) * len(STAT_FORMS)
            new_marker, indent, shape = choices(
                index, [TRICKY_MARKERS, TRICKY_INDENTS, TRICKY_TEXTS]
            )
            if extra % 3 == 0:
                marker = new_marker
            line = f"{indent}{marker} {shape.format(text)}"
        lines.append(line)
        if tricky and extra >= 12:
            lines.append(WRAPS[(index + extra) % len(WRAPS)])
        if tricky and extra in (5, 11):
            lines.append("")
    return lines


@st.composite
def legend(draw: st.DrawFn) -> list[str]:
    heading = draw(pick("## Legend", "### Legend"))
    return [heading, *(f"- {i}" for i in LEGEND[: 1 + draw(upto(len(LEGEND) - 1))])]


@st.composite
def fenced(draw: st.DrawFn) -> list[str]:
    fence, close = draw(
        pick(("```", "```"), ("```markdown", "```"), ("~~~", "~~~"), ("````", "```"))
    )
    return [fence, *draw(table())[:3], close]


PARAGRAPH = pick(*PARAGRAPHS).map(lambda p: [p])
COMMENT = pick(
    ("<!-- tracker-lint-disable TL105 -->",),
    ("<!-- tracker-lint-disable-file TL104 -->",),
    ("<!--", "| a | b |", "|---|---|", "-->"),
).map(list)
HEADING = pick(*HEADINGS).map(lambda h: [h])
REALISTIC_BLOCK = st.one_of(HEADING, table(), quick_stats(), legend(), PARAGRAPH, fenced(), COMMENT)
TITLE = pick("# Course Tracker", "# Learning Module Tracker", "# Tracker")


@st.composite
def trackers(draw: st.DrawFn) -> str:
    """A tracker in the shape of fixtures/*.md."""
    blocks = [[draw(TITLE)]]
    shape = draw(upto(3))
    if shape & 1:
        blocks.append(draw(PARAGRAPH))
    blocks.append(draw(quick_stats()))
    if shape & 2:
        blocks.append(draw(legend()))
    for _ in range(1 + draw(upto(2))):
        blocks.append(draw(HEADING))
        blocks.append(draw(table()))
    if draw(upto(1)):
        blocks.append(draw(REALISTIC_BLOCK))
    return "\n\n".join("\n".join(b) for b in blocks) + "\n"


ODD_DELIMITERS = ("--|--", "|---|---|", "---|---", ":-|-:", "- | -")
ODD_BODY = ("1 | 2", "| 1 | 2 |", "x")
ONE_COLUMN_HEADERS = (
    "Status",
    "| Status |",
    "|Status",
    "Status |",
    "# Status",
    "- Status",
    "> Status",
)
ONE_COLUMN_BODY = ("✅ Complete", "| ⬜ |", "|", "---", "x |")


@st.composite
def odd_table(draw: st.DrawFn) -> list[str]:
    """A table GitHub may read differently: an odd header line, one column, a tail."""
    kind = draw(pick("header", "one-column", "tail", "plain"))
    index = draw(ROW_INDEX)
    if kind == "header":
        header, delimiter, body, n = choices(index, [ODD_HEADERS, ODD_DELIMITERS, ODD_BODY, "012"])
        lines = [header, delimiter, *[body] * int(n)]
    elif kind == "one-column":
        header, delimiter, body, n = choices(
            index, [ONE_COLUMN_HEADERS, ONE_COLUMN_DELIMITERS, ONE_COLUMN_BODY, "012"]
        )
        lines = [header, delimiter, *[body] * int(n)]
    else:
        lines = draw(table(tricky=True))
    tail, after = choices(index // 1000, [TABLE_TAILS, "01"])
    if kind == "tail" or index % 4 == 0:
        lines.append(tail)
        if after == "1":
            lines.append("| after | tail |")
    return lines


# Up to three spaces: a deeper indentation is code, or a lazy continuation whose reading
# differs (KNOWN_DIFFERENCES); rows indented 4+ spaces or by a tab are pinned CASES.
INDENTS = (" ", "  ", "   ")


@st.composite
def indented(draw: st.DrawFn, lines: list[str]) -> list[str]:
    """Some lines indented by 1–5 spaces or a tab."""
    index = draw(ROW_INDEX)
    out = []
    for line in lines:
        index, k = divmod(index, 4 * len(INDENTS))
        out.append(INDENTS[k // 4] + line if k % 4 == 1 else line)
    return out


@st.composite
def contained(draw: st.DrawFn, lines: list[str]) -> list[str]:
    """The lines in a block quote or a list item, maybe with lazy continuation lines."""
    kind = draw(pick("quote", "list", "ordered", "nested-quote", "quote-no-space"))
    index = draw(ROW_INDEX)
    # No lazy continuation lines: where they meet tables, HTML blocks and nested
    # containers, markdown-it and cmark-gfm part ways (KNOWN_DIFFERENCES).
    lazy = 0
    index //= 2
    out = []
    marker = "- " if kind == "list" else "1. "
    for i, line in enumerate(lines):
        index, k = divmod(index, 6)
        if kind == "quote":
            prefix = "> "
        elif kind == "quote-no-space":
            prefix = ">"
        elif kind == "nested-quote":
            prefix = "> > "
        else:
            prefix = marker if i == 0 else " " * len(marker)
        if lazy and i > 0 and k < 2:
            prefix = " " * k  # a lazy continuation line
        out.append(prefix + line)
    if kind in ("list", "ordered") and index % 3 == 0:
        # The block as the item's second paragraph, after a line of text.
        out = [marker + "item text", "", *(" " * len(marker) + line for line in lines)]
    return out


# A container's line, then a line that may or may not continue it lazily.
CONTAINER_STARTS = (
    "- **Total Pages**: 9",
    "> Intro",
    "> > Intro",
    "1. item",
    "> - **Total Pages**: 9",
    "- > quote",
    "Intro",
)
FOLLOWERS = (
    *TABLE_TAILS,
    "2. Page | Status\n--|--",
    "    # Heading",
    "# Heading",
    "",
    "\n| Page | Status |\n|---|---|\n| Queues | ✅ |",
    "\n## Quick Stats\n\n- **Total Pages**: 9",
)
# (Container starts and followers on which tracker-lint is known to read otherwise than
# GitHub are the KNOWN_DIFFERENCES cases below, not drawn here.)
FOLLOWER_INDENTS = ("", " ", "  ")


@st.composite
def lazy_lines(draw: st.DrawFn) -> list[str]:
    start, follower, indent, then = choices(
        draw(ROW_INDEX),
        [CONTAINER_STARTS, FOLLOWERS, FOLLOWER_INDENTS, ("", "# Tracker", "- **Completed**: 2")],
    )
    lines = [*lines_of(start), *(indent + line for line in lines_of(follower))]
    return [*lines, then] if then else lines


ODD_LINES = ("```", "~~~", "<div>", "</div>", "<br>", "---", "***", "- - -", "   ", "\t")
# An HTML comment left open: at the top level only (inside a block quote, markdown-it
# continues its HTML block lazily where cmark-gfm does not: see KNOWN_DIFFERENCES).
OPEN_COMMENT = pick("<!--", "<!-- note").map(lambda s: [s])
ODD_HEADINGS = (
    *QUICK_STATS_HEADINGS,
    "Quick Stats\n---",
    "Quick Stats\n===",
    "#Quick Stats",
    "    ## Quick Stats",
    "\\## Quick Stats",
    "## Quick\tStats",
)
BASE_BLOCK = st.one_of(
    REALISTIC_BLOCK,
    odd_table(),
    odd_table(),
    quick_stats(tricky=True),
    quick_stats(tricky=True),
    pick(*ODD_HEADINGS).map(lines_of),
    pick(*ODD_LINES).map(lambda s: [s]),
)
# The exploration's blocks (test_explore_adversarial_documents, not a CI gate): odd
# constructs inside block quotes and list items and lazy continuation lines, where
# markdown-it and cmark-gfm part ways in the ways pinned in KNOWN_DIFFERENCES. The gated
# property draws top_level_adversarial() instead.
ADVERSARIAL_BLOCK: st.SearchStrategy[list[str]] = st.one_of(
    BASE_BLOCK,
    OPEN_COMMENT,
    BASE_BLOCK.flatmap(indented),
    REALISTIC_BLOCK.flatmap(contained),
    # What only the exploration draws: odd blocks in containers, lazy lines.
    BASE_BLOCK.flatmap(contained),
    lazy_lines(),
)


@st.composite
def adversarial(draw: st.DrawFn) -> str:
    """Pieces of trackers and odd constructs, one after another, sometimes without
    a blank line between them."""
    blocks = draw(st.lists(ADVERSARIAL_BLOCK, min_size=1, max_size=4))
    parts = [blocks[0]]
    for block in blocks[1:]:
        parts.append([""] * draw(pick(1, 0, 2)))
        parts.append(block)
    end: str = draw(pick("\n", "", "\n\n"))
    return "\n".join("\n".join(p) for p in parts if p) + end


@st.composite
def top_level_adversarial(draw: st.DrawFn) -> str:
    """The constructs GitHub treats differently from markdown-it, at the top level, among
    realistic blocks: HTML tag lines and bare pipes under tables, headers that start
    another block, setext underlines, one-column tables, Quick Stats with changed
    markers, nested and wrapped items, headings with markup, open comments."""
    pool = st.one_of(
        REALISTIC_BLOCK,
        odd_table(),
        pick(*ODD_HEADINGS).map(lines_of),
        pick(*ODD_LINES).map(lambda s: [s]),
        OPEN_COMMENT,
    )
    blocks = draw(st.lists(pool, min_size=1, max_size=4))
    parts = [blocks[0]]
    for block in blocks[1:]:
        parts.append([""] * draw(pick(1, 0, 2)))
        parts.append(block)
    return not_front_matter("\n".join("\n".join(p) for p in parts if p) + "\n")


def not_front_matter(text: str) -> str:
    """The document with a first line that is not ``---`` (cmark-gfm has no front
    matter; tracker-lint does: those documents are the front-matter cases below)."""
    first = text.split("\n", 1)[0]
    return "# Tracker\n\n" + text if first.strip().startswith("---") else text


# Realistic trackers agree with GitHub far more often: a quarter of the documents.
documents = st.one_of(trackers(), adversarial(), adversarial(), adversarial()).map(not_front_matter)


# ------------------------------------------------------------------ the property


def check(text: str, below: int = 0) -> None:
    """GitHub and tracker-lint agree on ``text`` (below 1-based line ``below``)."""
    github, ours, differences = compare(text, below)
    problems = [p for kind in differences.values() for p in kind]
    if below:
        problems.insert(0, f"(comparing what starts below line {below})")
    message = report(text, github, ours, problems) if problems else ""
    # One assertion per kind: Hypothesis reports each kind of failure on its own.
    assert not differences["tables"], message
    assert not differences["headings"], message
    assert not differences["items"], message


GATE = st.one_of(trackers(), trackers(), trackers(), top_level_adversarial())
FIRST_EXAMPLE = "# Tracker\n\n## Quick Stats\n\n- **Total Pages**: 1\n\n| Page | Status |\n|---|---|\n| Queues | ✅ |\n"


# The gate: 2,000 documents a run. It is slow (about 10 s), so it runs with the slow
# tests (CI runs them); the fast suite draws a sample of the same documents below.
@pytest.mark.slow
@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(GATE)
@example(FIRST_EXAMPLE)
def test_tracker_lint_sees_what_github_renders(text: str) -> None:
    check(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(GATE)
@example(FIRST_EXAMPLE)
def test_tracker_lint_sees_what_github_renders_sample(text: str) -> None:
    check(text)


@pytest.mark.skipif(
    not os.environ.get("TRACKER_LINT_EXPLORE"),
    reason="exploration of container corner cases (set TRACKER_LINT_EXPLORE=1); "
    "known to find the KNOWN_DIFFERENCES classes",
)
@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_explore_adversarial_documents(text: str) -> None:
    check(text)


# ------------------------------------------------------------------ pinned cases

TABLE = "| Page | Status |\n|------|--------|\n| Queues | ✅ Complete |\n"
STATS = "## Quick Stats\n\n"

CASES = {
    # A line that is only an HTML tag directly under a table ends the table.
    "html-tag-br-under-table": TABLE + "<br>\n",
    "html-tag-img-under-table": TABLE + '<img src="x">\n',
    "html-tag-close-div-under-table": TABLE + "</div>\n",
    "html-tag-then-row": TABLE + "<br>\n| Stacks | ⬜ |\n",
    "html-comment-under-table": TABLE + "<!-- c -->\n| Stacks | ⬜ |\n",
    "inline-html-row-under-table": TABLE + "<b>Stacks</b> | ⬜\n",
    # A header line without a leading pipe that starts another block is that block.
    "header-starting-with-hash": "# Page | Status\n--|--\nQueues | ✅\n",
    "header-starting-with-dash": "- Page | Status\n--|--\nQueues | ✅\n",
    "header-starting-with-star": "* Page | Status\n--|--\nQueues | ✅\n",
    "header-starting-with-ordered": "1. Page | Status\n--|--\nQueues | ✅\n",
    "header-starting-with-quote": "> Page | Status\n--|--\nQueues | ✅\n",
    "header-starting-with-html": "<div> | Status\n--|--\nQueues | ✅\n",
    "header-ordered-2-cannot-interrupt": "2. Page | Status\n--|--\nQueues | ✅\n",
    # A row that is only `|` or `||`.
    "row-only-pipe": TABLE + "|\n| Stacks | ⬜ |\n",
    "row-only-two-pipes": TABLE + "||\n| Stacks | ⬜ |\n",
    "row-pipe-space-pipe": TABLE + "| |\n| Stacks | ⬜ |\n",
    # One-column tables: `---`, `:--`, `===` under a one-column header.
    "one-column-dashes-no-pipes": "Status\n---\n✅\n",
    "one-column-dashes-header-pipes": "| Status |\n---\n| ✅ |\n",
    "one-column-colon-no-pipes": "Status\n:--\n✅\n",
    "one-column-colon-header-pipes": "| Status |\n:--\n| ✅ |\n",
    "one-column-right-colon-no-pipes": "Status\n--:\n✅\n",
    "one-column-pipe-delimiter-no-pipe-header": "Status\n|---|\n✅\n",
    "one-column-equals-no-pipes": "Status\n===\n✅\n",
    "one-column-equals-header-pipes": "| Status |\n===\n| ✅ |\n",
    "one-column-pipes": "| Status |\n|---|\n| ✅ |\n",
    # Containers.
    "table-in-block-quote": "> | Page | Status |\n> |---|---|\n> | Queues | ✅ |\n",
    "table-in-block-quote-lazy-row": "> | Page | Status |\n> |---|---|\n| Queues | ✅ |\n",
    "table-in-block-quote-lazy-row-after-row": "> | Page | Status |\n> |---|---|\n> | Queues | ✅ |\n| Stacks | ⬜ |\n",
    "table-in-list-item": "- | Page | Status |\n  |---|---|\n  | Queues | ✅ |\n",
    "table-in-list-item-after-text": "- Pages\n  | Page | Status |\n  |---|---|\n  | Queues | ✅ |\n",
    "table-in-list-item-unindented-row": "- | Page | Status |\n  |---|---|\n| Queues | ✅ |\n",
    "table-in-ordered-item": "1. | Page | Status |\n   |---|---|\n   | Queues | ✅ |\n",
    "table-after-paragraph-line": "Pages:\n| Page | Status |\n|---|---|\n| Queues | ✅ |\n",
    # Indented rows.
    "row-indented-1": TABLE + " | Stacks | ⬜ |\n",
    "row-indented-3": TABLE + "   | Stacks | ⬜ |\n",
    "row-indented-4": TABLE + "    | Stacks | ⬜ |\n",
    "row-indented-5": TABLE + "     | Stacks | ⬜ |\n",
    "row-indented-tab": TABLE + "\t| Stacks | ⬜ |\n",
    "header-indented-4": "    | Page | Status |\n|---|---|\n| Queues | ✅ |\n",
    "delimiter-indented-4": "| Page | Status |\n    |---|---|\n| Queues | ✅ |\n",
    "delimiter-indented-tab": "| Page | Status |\n\t|---|---|\n| Queues | ✅ |\n",
    # Pipes: escaped, in code spans.
    "escaped-pipe": TABLE + "| Stacks \\| Heaps | ⬜ |\n",
    "pipe-in-code-span": TABLE + "| `a|b` | ⬜ |\n",
    "escaped-pipe-in-code-span": TABLE + "| `a\\|b` | ⬜ |\n",
    "escaped-backslash-then-pipe": TABLE + "| a\\\\| b |\n",
    "pipe-in-html-comment": TABLE + "| a <!-- x | y --> | b |\n",
    "trailing-backslash-cell": TABLE + "| a\\ | b |\n",
    # Ragged rows: GitHub pads and truncates to the header's width.
    "row-fewer-cells": TABLE + "| Stacks |\n",
    "row-more-cells": TABLE + "| Stacks | ⬜ | extra |\n",
    "header-delimiter-count-mismatch": "| Page | Status |\n|---|\n| Queues | ✅ |\n",
    # Blank lines, fences, comments.
    "blank-line-ends-table": TABLE + "\n| Stacks | ⬜ |\n",
    "fence-ends-table": TABLE + "```\n| Stacks | ⬜ |\n```\n",
    "table-in-fence": "```\n" + TABLE + "```\n",
    "table-in-unclosed-fence": "```\n" + TABLE,
    "table-in-html-comment": "<!--\n" + TABLE + "-->\n",
    "table-after-html-block": "<div>\n" + TABLE + "</div>\n",
    "thematic-break-ends-table": TABLE + "***\n",
    "setext-underline-under-table": TABLE + "---\n",
    "list-item-ends-table": TABLE + "- Stacks | ⬜\n",
    "heading-ends-table": TABLE + "# Stacks | ⬜\n",
    "quote-ends-table": TABLE + "> Stacks | ⬜\n",
    "ordered-2-row": TABLE + "2. Stacks | ⬜\n",
    # Quick Stats lists.
    "stats-plain": STATS + "- **Total Pages**: 9\n- **Completed**: 2\n",
    "stats-marker-change": STATS + "- **Total Pages**: 9\n* **Completed**: 2\n",
    "stats-marker-change-plus": STATS + "- **Total Pages**: 9\n+ **Completed**: 2\n",
    "stats-nested": STATS + "- **Total Pages**: 9\n  - **Completed**: 2\n",
    "stats-nested-deeper": STATS
    + "- **Total Pages**: 9\n  - **Completed**: 2\n    - **In Progress**: 1\n",
    "stats-nested-ordered": STATS + "- **Total Pages**: 9\n  1. **Completed**: 2\n",
    "stats-one-space-not-nested": STATS + "- **Total Pages**: 9\n - **Completed**: 2\n",
    "stats-value-wraps": STATS
    + "- **Completed**: 2\n  (both module and exam)\n- **In Progress**: 1\n",
    "stats-value-wraps-lazy": STATS
    + "- **Completed**: 2\n(both module and exam)\n- **In Progress**: 1\n",
    "stats-loose": STATS + "- **Total Pages**: 9\n\n- **Completed**: 2\n",
    "stats-no-blank-after-heading": "## Quick Stats\n- **Total Pages**: 9\n",
    "stats-task-item": STATS + "- [ ] **Total Pages**: 9\n",
    "stats-item-comment": STATS + "- **Completed**: 1 <!-- tracker-lint-disable-line TL401 -->\n",
    "stats-hard-break": STATS + "- **Completed**: 1  \n  more\n",
    "stats-item-setext": STATS + "- **Completed**: 1\n  ---\n",
    "stats-ordered-list": STATS + "1. **Total Pages**: 9\n",
    "stats-after-paragraph": STATS + "Totals:\n\n- **Total Pages**: 9\n",
    "stats-two-lists": STATS + "- **Total Pages**: 9\n\n<!-- x -->\n\n- **Completed**: 2\n",
    "stats-in-block-quote": "> ## Quick Stats\n>\n> - **Total Pages**: 9\n",
    "stats-empty-item": STATS + "-\n- **Total Pages**: 9\n",
    "stats-item-code-span": STATS + "- `Total Pages: 9`\n",
    # Headings.
    "heading-entity": "## Quick &amp; Stats\n",
    "heading-nbsp-entity": "## Quick&nbsp;Stats\n\n- **Total Pages**: 9\n",
    "heading-numeric-entity": "## Quick &#83;tats\n\n- **Total Pages**: 9\n",
    "heading-link": "## [Quick Stats](#quick-stats)\n\n- **Total Pages**: 9\n",
    "heading-inline-html": "## Quick <b>Stats</b>\n\n- **Total Pages**: 9\n",
    "heading-emphasis": "## *Quick* Stats\n\n- **Total Pages**: 9\n",
    "heading-strong": "## **Quick Stats**\n\n- **Total Pages**: 9\n",
    "heading-tab-after-hashes": "##\tQuick Stats\n\n- **Total Pages**: 9\n",
    "heading-closing-hashes": "## Quick Stats ##\n\n- **Total Pages**: 9\n",
    "heading-image": "## ![chart](c.png) Quick Stats\n\n- **Total Pages**: 9\n",
    "heading-code-span": "## `Quick` Stats\n",
    "heading-escape": "## Quick \\*Stats\n",
    "heading-comment": "## Quick Stats <!-- totals -->\n\n- **Total Pages**: 9\n",
    "heading-no-space": "##Quick Stats\n\n- **Total Pages**: 9\n",
    "heading-indented-4": "    ## Quick Stats\n\n- **Total Pages**: 9\n",
    "heading-setext": "Quick Stats\n-----------\n\n- **Total Pages**: 9\n",
    "heading-setext-two-lines": "Quick\nStats\n===\n\n- **Total Pages**: 9\n",
    "heading-strikethrough": "## ~~Old~~ Quick Stats\n",
    "heading-autolink": "## Stats www.example.com\n",
    # Found by the property.
    "lazy-html-tag-ends-list": STATS + "- **Total Pages**: 9\n<br>\n- **Completed**: 2\n",
    "lazy-html-tag-ends-quote": "> Intro\n<br>\n# Tracker\n",
    "ordered-2-header-after-paragraph": "Intro.\n\n2. Page | Status\n--|--\n",
    "unclosed-comment-in-item": "- <!--\n\n| Page | Status |\n|---|---|\n| Queues | ✅ |\n",
    "unclosed-comment-in-quote": "> <!--\n\n## Quick Stats\n\n- **Total Pages**: 9\n",
    "item-quote-first": STATS + "- > **Total Pages**: 9\n",
    # Line endings.
    "crlf": "## Quick Stats\r\n\r\n- **Total Pages**: 9\r\n\r\n" + TABLE.replace("\n", "\r\n"),
    "bom": "\ufeff## Quick Stats\n\n- **Total Pages**: 9\n\n" + TABLE,
}


@pytest.mark.parametrize("text", list(CASES.values()), ids=list(CASES))
def test_case(text: str) -> None:
    check(text)


# What tracker-lint is known to read otherwise than GitHub: container and lazy-continuation
# corner cases where markdown-it (CommonMark 0.31) and cmark-gfm (0.29 and GitHub's own
# extensions) part ways. None is a shape a tracker is written in; each is pinned here so
# that a fix shows up (strict: the case then passes, and must move to CASES), and the
# property above does not draw them. Listed in the README ("What GitHub shows").
KNOWN_DIFFERENCES = {
    "stats-item-fence-first": (
        STATS + "- ```\n  x\n  ```\n  **Total Pages**: 9\n",
        "an item whose first block is not a paragraph: tracker-lint reads its first paragraph, on its own line",
    ),
    "empty-item-then-whitespace-line": (
        STATS + "- \n  \n  **Total Pages**: 9\n",
        "an item opening with a blank line then a whitespace-only line: markdown-it follows CommonMark 0.31 (the item is empty), cmark-gfm 0.29",
    ),
    "empty-item-then-whitespace-line-nested": (
        STATS + "- \n  \n  - **Total Pages**: 9\n",
        "as above, with a nested list",
    ),
    "header-indented-4-continuation": (
        "Pages:\n    | Page | Status |\n|---|---|\n| Queues | ✅ |\n",
        "a header row written as a 4-space-indented paragraph continuation",
    ),
    "lazy-header-in-item": (
        "- Pages\n| Page | Status |\n  |---|---|\n| Queues | ✅ |\n",
        "a header row that is a lazy continuation line of a list item",
    ),
    "lazy-header-in-quote": (
        "> Pages\n| Page | Status |\n> |---|---|\n| Queues | ✅ |\n",
        "a header row that is a lazy continuation line of a block quote",
    ),
    "lazy-indented-marker-in-nested-item": (
        STATS + "   - **Total Pages**: 9\n     + **Completed**: 2\n    - **In Progress**: 1\n",
        "a list marker indented past a nested item's content: lazy continuation in cmark-gfm",
    ),
    "lazy-indented-marker-in-nested-quote": (
        "> > ## Quick Stats\n> > - **Total Pages**: 9\n    - **Completed**: 2\n",
        "a list marker after a nested block quote: lazy continuation in cmark-gfm",
    ),
    "item-nested-list-first": (
        STATS + "- -\n  **Total Pages**: 9\n",
        "an item whose first block is a nested list (`- -`)",
    ),
    "task-item-setext-heading": (
        "- [ ] Quick Stats\n  ---\n",
        "a setext heading in a task-list item: GitHub drops the `[ ]` from the heading",
    ),
    "quote-marker-indented-4": (
        "> | Page | Status |\n> |---|---|\n> | Queues | ✅ |\n    > | Stacks | ⬜ |\n",
        "a `>` indented by 4 or more spaces: code on GitHub, a quote marker to markdown-it",
    ),
    "paragraph-visited-by-a-failed-table": (
        "Notes\n--|--\n| Page | Status |\n|---|---|\n| Queues | ✅ |\n",
        "a paragraph in which cmark-gfm once tried a table (a delimiter-like line of the "
        "wrong width) never becomes one; markdown-it starts the table further down",
    ),
    "lazy-html-block-in-quote": (
        "> <!--\n| a | b |\n|---|---|\n-->\n\n# Course Tracker\n",
        "an HTML block in a block quote continued by lines without `>`: markdown-it reads them as part of it",
    ),
}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(text, marks=pytest.mark.xfail(strict=True, reason=why))
        for text, why in KNOWN_DIFFERENCES.values()
    ],
    ids=list(KNOWN_DIFFERENCES),
)
def test_known_difference(text: str) -> None:
    check(text)


# Documents whose first line is `---`. cmark-gfm has no front matter: `---` is a
# thematic break and the lines up to the next `---` are a paragraph (or a setext
# heading). tracker-lint reads a leading YAML block as front matter (github.com shows
# YAML front matter as a table, not as Markdown) and anything else as GitHub does.
FRONT_MATTER_CASES = {
    "not-yaml-table": "---\n| Page | Status |\n|---|---|\n| Queues | ✅ |\n---\n",
    "not-yaml-heading": "---\n# Tracker\n---\n\n## Quick Stats\n\n- **Total Pages**: 9\n",
    "not-yaml-stats": "---\n## Quick Stats\n- **Total Pages**: 9\n---\n",
    "unclosed": "---\n# Tracker\n\n| Page | Status |\n|---|---|\n| Queues | ✅ |\n",
    "thematic-break-only": "---\n\n# Tracker\n",
}


@pytest.mark.parametrize("text", list(FRONT_MATTER_CASES.values()), ids=list(FRONT_MATTER_CASES))
def test_front_matter_that_is_not_yaml(text: str) -> None:
    check(text)


YAML_FRONT_MATTER = {
    "yaml": '---\ntitle: "Course Tracker"\nstatus: active\n---\n\n# Tracker\n\n' + TABLE,
    "yaml-then-table": "---\ntitle: x\n---\n" + TABLE,
    "yaml-list": "---\ntags:\n- a\n- b\n---\n\n## Quick Stats\n\n- **Total Pages**: 9\n",
}


@pytest.mark.parametrize("text", list(YAML_FRONT_MATTER.values()), ids=list(YAML_FRONT_MATTER))
def test_after_yaml_front_matter(text: str) -> None:
    """After YAML front matter (which cmark-gfm renders as a rule and a heading or a
    paragraph), both see the same rest of the document."""
    check(text, below=text.split("\n").index("---", 1) + 1)


# ------------------------------------------------------------------ the harness itself


def test_github_view_reads_a_tracker() -> None:
    """The reader finds what cmark-gfm renders (an empty view would agree with anything)."""
    text = (
        "# Tracker &amp; notes\n\n## 📊 Quick Stats\n\n- **Total Pages**: 2\n  - nested\n"
        "- [ ] wraps\n  here\n\nPages:\n| Page | Status |\n|---|---|\n| `a|b` | ✅ \\| x |\n| Heaps |\n"
    )
    assert github_view(text) == View(
        tables=(
            TableView(
                11,
                14,
                (
                    RowView(11, ("Page", "Status")),
                    RowView(13, ("`a", "b`")),
                    RowView(14, ("Heaps", "")),
                ),
            ),
        ),
        headings=(HeadingView(1, 1, "Tracker & notes"), HeadingView(3, 2, "📊 Quick Stats")),
        items=(
            ItemView(5, 0, "Total Pages: 2"),
            ItemView(6, 1, "nested"),
            ItemView(7, 0, "wraps here"),
        ),
    )


FIXTURE_FILES = sorted(FIXTURES.glob("*.md"))


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=[p.name for p in FIXTURE_FILES])
def test_fixture(path: Path) -> None:
    """Every fixture, below its front matter if it has one."""
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    close = lines.index("---", 1) + 1 if lines[0] == "---" and "---" in lines[1:] else 0
    check(text, below=close)
