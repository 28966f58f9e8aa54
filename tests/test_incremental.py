"""The memo (tracker_lint.incremental): after any edit, exactly what a whole parse gives.

The language server and ``history`` read each version of a text through a memo,
which parses again only the blocks an edit can have changed. Every test here
compares the memo's document, tracker and findings with those of a whole parse of
the same text; a few also show that it did not parse the whole text.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests.conftest import FIXTURES, examples, folder_fixtures
from tracker_lint import Settings, check, incremental
from tracker_lint.editor import diagnose, hover
from tracker_lint.engine import model
from tracker_lint.incremental import Memo
from tracker_lint.model import Tracker
from tracker_lint.parse import BulletList, Document, Heading, HtmlBlock, Row, Table, parse
from tracker_lint.workspace import Excluded, Workspace

TODAY = date(2026, 12, 7)


def settings_for(document: Path, config: Path | None) -> Settings:
    found = Workspace(Settings(today=TODAY), config).settings_for(document)
    assert not isinstance(found, Excluded)
    return found


# Every fixture of ours: the top-level ones (the built-in format) and each fixture
# folder's documents with the profile they are linted with.
DOCUMENTS: list[tuple[Path, Settings]] = [
    (path, Settings(today=TODAY)) for path in sorted(FIXTURES.glob("*.md"))
] + [(path, settings_for(path, config)) for path, config in folder_fixtures()]


def _row(row: Row) -> tuple[Any, ...]:
    return (row.line, row.start, row.end, [(c.text, c.start, c.end) for c in row.cells])


def dump(doc: Document) -> tuple[Any, ...]:
    """Everything a document holds, as plain values."""
    blocks: list[tuple[Any, ...]] = []
    for b in doc.blocks:
        if isinstance(b, Table):
            heading = (b.heading.line, b.heading.text) if b.heading else None
            blocks.append(("table", _row(b.header), [_row(r) for r in b.rows], heading, b.end_line))
        elif isinstance(b, Heading):
            blocks.append(("heading", b.level, b.text, b.line, b.start, b.end))
        elif isinstance(b, BulletList):
            entries = [(i.line, i.start, i.end, i.text, i.depth, i.pieces) for i in b.items]
            blocks.append(("list", b.line, b.end_line, b.ordered, b.lines, entries))
        else:
            assert isinstance(b, HtmlBlock)
            blocks.append(("html", b.line, b.end_line, b.text))
    return (doc.text, doc.line_starts, doc.verbatim, doc.tops, doc.hidden, blocks)


def _span(cell: Any) -> tuple[Any, ...] | None:
    return None if cell is None else (cell.text, cell.start, cell.end)


def tracker_dump(tracker: Tracker) -> tuple[Any, ...]:
    """The tracker's items, lists and totals, as plain values."""
    lists = []
    for items in tracker.lists:
        rows = [(row.line, first, end) for row, first, end in items.total_rows]
        entries = []
        for item in items.items:
            status = item.status
            written = (
                None
                if status is None
                else (
                    _span(status.cell),
                    status.status.id if status.status else None,
                    status.label,
                    status.label_start,
                    status.label_end,
                    status.by_word,
                )
            )
            entries.append(
                (
                    item.line,
                    item.start,
                    item.end,
                    item.section,
                    [_span(c) for c in item.cells],
                    _span(item.name),
                    _span(item.number),
                    [(s.name, _span(s.cell), s.state) for s in item.stages],
                    written,
                    _span(item.date),
                    item.derived,
                    item.counted,
                    item.malformed,
                )
            )
        lists.append((items.line, items.start, items.end, items.section, rows, entries))
    stats = [
        (e.label, [(n.start, n.end) for n in e.numbers], e.section) for e in tracker.stats or ()
    ]
    return (lists, stats, sorted(tracker.legend or {}))


def assert_as_whole(memo: Memo, text: str, settings: Settings) -> None:
    """The memo's document, tracker and findings of ``text`` are a whole parse's."""
    assert dump(memo.parse(text)) == dump(parse(text))
    assert check(text, settings, memo=memo).findings == check(text, settings).findings
    assert tracker_dump(memo.model(text, settings.profile)) == tracker_dump(
        model(text, settings.profile)
    )


# What edits insert: Markdown's block syntax, the trackers' symbols, line breaks
SNIPPETS = [
    "",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    " ",
    "    ",
    "x",
    "7",
    "|",
    " | ",
    "```",
    "```\n",
    "~~~\n",
    "---",
    "\n---\n",
    "***\n",
    "=\n",
    "- ",
    "\n- x\n",
    "* ",
    "1. ",
    "2) ",
    "> ",
    "# ",
    "## Heading\n",
    "[x] ",
    "- [ ] task\n",
    "<!--",
    "-->",
    "<!-- tracker-lint: disable-line TL202 -->",
    "<div>\n",
    "</div>",
    "<br>\n",
    "\n- x\n\n",
    "\n\n1. x\n",
    "\nText\n",
    "✅",
    "⬜",
    "🔄 In Progress",
    "**",
    "**Total**: 3\n",
    "\ufeff",
    "| 9 | New | ✅ | ⬜ | 📝 Module done | 2026-01-02 |\n",
    "|---|---|\n",
]


@st.composite
def edits(draw: st.DrawFn) -> list[tuple[float, int, str]]:
    """Where (a fraction of the text's length), how many characters to cut, what to
    insert there; or a whole line copied or removed (a commit's edit)."""
    return draw(
        st.lists(
            st.tuples(
                st.floats(0, 1),
                st.integers(0, 8) | st.just(-1) | st.just(-2),
                st.sampled_from(SNIPPETS),
            ),
            min_size=1,
            max_size=6,
        )
    )


def edited(text: str, where: float, cut: int, insert: str) -> str:
    at = int(where * len(text))
    if cut < 0:  # the line at ``at``: copied below itself (-1) or removed (-2)
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        end = len(text) if end < 0 else end + 1
        return text[:end] + text[start:end] + text[end:] if cut == -1 else text[:start] + text[end:]
    return text[:at] + insert + text[at + cut :]


@hypothesis_settings(max_examples=examples(ci=1500, fast=100), deadline=None)
@given(st.sampled_from(DOCUMENTS), edits())
def test_after_any_edit_the_memo_gives_what_a_whole_parse_gives(
    document: tuple[Path, Settings], changes: list[tuple[float, int, str]]
) -> None:
    path, settings = document
    text = path.read_text(encoding="utf-8")
    memo = Memo()
    check(text, settings, memo=memo)
    for where, cut, insert in changes:
        text = edited(text, where, cut, insert)
        assert_as_whole(memo, text, settings)


TRACKER = (
    "# Tracker\n\n## Quick Stats\n\n- **Total Pages**: 4\n- **Completed**: 1\n\n"
    "## Part one\n\n"
    "| # | Page | Module | Exam | Status | Last Updated |\n|---|---|---|---|---|---|\n"
    "| 1 | A | ✅ | ✅ | ✅ Complete | 2026-01-02 |\n"
    "| 2 | B | ⬜ | ⬜ | ⬜ Not started | |\n\n"
    "## Part two\n\n"
    "| # | Page | Module | Exam | Status | Last Updated |\n|---|---|---|---|---|---|\n"
    "| 3 | C | ⬜ | ⬜ | ⬜ Not started | |\n"
    "| 4 | D | ⬜ | ⬜ | ⬜ Not started | |\n\n"
    "Notes.\n\n"
    "- one\n"
    "- two\n\n"
    "Glued to its table:\n"
    "| # | Page | Module | Exam | Status | Last Updated |\n|---|---|---|---|---|---|\n"
    "| 5 | E | ⬜ | ⬜ | ⬜ Not started | |\n"
)

# (what the edit replaces, with what): each is a case where the block the edit is in
# is not the only one that changes, and the memo must see it
EDGES = {
    "a fence opened above the tables makes them code": ("## Part one\n", "```\n"),
    "a fence opened below the tables": ("Notes.\n", "```\n"),
    "an HTML comment left open hides the rest": ("Notes.\n", "<!--\n"),
    "a list above a list's item: one list": ("Notes.", "- zero"),
    "a numbered list above a list's item: two lists": ("Notes.", "1. zero"),
    "a delimiter row turned into a heading's underline": (
        "|\n|---|---|---|---|---|---|\n| 5",
        "|\n---\n| 5",
    ),
    "a numbered list that cannot interrupt a paragraph is a table": (
        "| # | Page | Module | Exam | Status | Last Updated |\n|---|---|---|---|---|---|\n| 5",
        "3. # | Page | Module | Exam | Status | Last Updated |\n|---|---|---|---|---|---|\n| 5",
    ),
    "a heading renamed: the tables under it are in another section": ("Part one", "Part 1"),
    "a blank line removed glues a table to the paragraph above": ("## Part two\n\n", "Text\n"),
    "a line under a paragraph turns it into a heading": ("\n\n## Part one", "\n---\n## Part one"),
    "a list item after a list's blank line joins the list": ("\n\n## Part one", "\n\n- x"),
    "an indented line continues a list": ("\n\n## Part one", "\n\n    - x"),
    "a row typed into a table": (
        "| 4 | D",
        "| 5 | E | ✅ | ✅ | ✅ Complete | 2026-01-03 |\n| 4 | D",
    ),
    "the first line changed": ("# Tracker", "# Tracker!"),
    "the last line changed": ("| 5 | E | ⬜ | ⬜ | ⬜ Not started | |\n", "| 5 | E |"),
    "everything removed": (TRACKER, ""),
}


@pytest.mark.parametrize("edit", EDGES.values(), ids=EDGES.keys())
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
@pytest.mark.parametrize("start", ["", "\ufeff", "---\ntitle: T\n---\n"], ids=["", "bom", "yaml"])
def test_edits_that_change_more_than_their_block(
    edit: tuple[str, str], newline: str, start: str
) -> None:
    before = (start + TRACKER).replace("\n", newline)
    after = (start + TRACKER.replace(*edit, 1)).replace("\n", newline)
    memo = Memo()
    check(before, Settings(today=TODAY), memo=memo)
    assert_as_whole(memo, after, Settings(today=TODAY))
    assert_as_whole(memo, before, Settings(today=TODAY))  # and back


# (before, after): edits whose effect reaches a block the edit does not touch
PAIRS = {
    "a line after a list becomes its lazy continuation": (
        "- a\n\n  <span>\nText\n\nEnd.\n",
        "- a\n  b\n  <span>\nText\n\nEnd.\n",
    ),
    "an indented block after a blank line becomes a list item's": (
        "Para\n\n    code\n\nEnd.\n",
        "- item\n\n    code\n\nEnd.\n",
    ),
    "an HTML comment a list item left open is closed further down": (
        "- x\n  <!-- open\n\n" + TRACKER,
        "- x\n  <!-- open\n\n" + TRACKER.replace("Notes.", "-->"),
    ),
    "a line feed typed after a carriage return joins it: one line break": (
        "| 1 | A |\r| 2 | B |\n",
        "| 1 | A |\r\n| 2 | B |\n",
    ),
    "a line break typed between a carriage return and a line feed: two": (
        "# T\r\n\r\n" + TRACKER,
        "# T\r\r\n\n" + TRACKER,
    ),
    "a U+FEFF that does not start the text is a character": (
        "\n\ufeff \n-\n",
        "\n\ufeff \n-\ne",
    ),
    "a list nested to markdown-it's limit takes the rest of the text": (
        "Intro.\n\n- x\n\n" + TRACKER,
        "Intro.\n\n" + "- " * 100 + "x\n\n" + TRACKER,
    ),
    "an HTML comment a list item left open hides less": (
        "- x\n  <!-- open\n\n" + TRACKER.replace("Notes.", "-->"),
        "- x\n  <!-- open\n\n" + TRACKER.replace("Notes.", "-->").replace("## Part two", "-->"),
    ),
}


@pytest.mark.parametrize(("before", "after"), PAIRS.values(), ids=PAIRS.keys())
def test_edits_that_reach_further(before: str, after: str) -> None:
    memo = Memo()
    memo.parse(before)
    assert_as_whole(memo, after, Settings(today=TODAY))
    assert_as_whole(memo, before, Settings(today=TODAY))


def test_front_matter_closed_by_a_later_edit() -> None:
    before = "---\ntitle: T\n\n" + TRACKER
    after = before.replace("Notes.\n", "---\n")
    assert after != before
    memo = Memo()
    memo.parse(before)
    assert_as_whole(memo, after, Settings(today=TODAY))


def test_a_row_typed_into_re_reads_only_its_table() -> None:
    settings = Settings(today=TODAY)
    memo = Memo()
    first = memo.model(TRACKER, settings.profile)
    typed = TRACKER.replace("| 1 | A |", "| 1 | Ab |")  # every offset after it moves
    second = memo.model(typed, settings.profile)
    assert memo.whole == 1  # only the first version was parsed whole
    assert second.lists[0].items is not first.lists[0].items  # read again
    assert second.lists[1].items is first.lists[1].items  # kept, moved one character
    assert tracker_dump(second) == tracker_dump(model(typed, settings.profile))


def test_an_edit_in_front_matter_parses_the_whole_text() -> None:
    text = "---\ntitle: T\n---\n" + TRACKER
    memo = Memo()
    memo.parse(text)
    text = text.replace("title: T", "title: U")
    memo.parse(text)
    memo.parse(text.replace("Notes.", "Notes!"))
    assert "Notes." in text
    assert memo.whole == 2  # the first version and the edit in front matter


def test_a_stale_diagnosis_is_not_answered_from_the_memo() -> None:
    """A diagnosis keeps its own text's model once its memo has moved on (a hover on
    an older version answers for that version)."""
    workspace = Workspace(Settings(today=TODAY))
    memo = Memo()
    path = Path("TRACKER.md")
    old = diagnose(workspace, TRACKER, path, TODAY, memo=memo)
    new_text = "Intro.\n\n" + TRACKER  # every line moves down two
    new = diagnose(workspace, new_text, path, TODAY, memo=memo)
    status = TRACKER.index("✅ Complete")
    assert hover(old, status) == hover(new, status + len("Intro.\n\n"))
    assert hover(old, status) is not None


CHUNK = incremental._CHUNK  # characters the memo compares at a time


# where the edit is: at either end, at and around chunk boundaries from either end
@pytest.mark.parametrize(
    "where", [0, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, -2 * CHUNK, -CHUNK - 1, -CHUNK, -1]
)
def test_an_edit_in_a_long_text_is_found_past_the_first_chunks(where: int) -> None:
    """The edit is looked for a chunk of characters at a time, from both ends."""
    rows = "".join(f"| {n} | P{n} | ⬜ | ⬜ | ⬜ Not started | |\n" for n in range(5, 2005))
    text = TRACKER + "\n## More\n\n" + TRACKER.split("## Part two\n\n")[1].split("| 3 |")[0] + rows
    assert len(text) > 4 * CHUNK
    at = where % len(text)
    memo = Memo()
    memo.parse(text)
    for edit in ("x", "\n\n", ""):
        text = text[:at] + edit + text[at + (0 if edit else 3) :]
        assert_as_whole(memo, text, Settings(today=TODAY))
    assert memo.whole == 1
