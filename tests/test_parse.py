"""Positions are exact whatever the editor did: BOM, CRLF, block quotes, wide symbols."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import ROOT, SETTINGS, positions
from tests.test_rules import NO_TL402
from tracker_lint import lint
from tracker_lint.parse import parse, split_cells

TRACKER = (
    "## Quick Stats\n\n- Total Pages: 3\n\n"
    "| Page | Module | Exam | Status |\n|---|---|---|---|\n"
    "| A | ⬜ | ⬜ | ⬜ |\n"
)
EXPECTED = [(3, 16, "TL401")]


def test_lf() -> None:
    assert positions(TRACKER) == EXPECTED


def test_crlf_and_bom_give_the_same_positions() -> None:
    assert positions("\ufeff" + TRACKER.replace("\n", "\r\n")) == EXPECTED


def test_bom_is_not_a_column_on_line_one() -> None:
    text = "\ufeff- Total Pages: 3\n"
    doc = parse(text)
    assert doc.position(1) == (1, 1)
    assert doc.position(len("\ufeff- ")) == (1, 3)


def test_lone_cr_line_endings() -> None:
    assert positions(TRACKER.replace("\n", "\r")) == EXPECTED


def test_mixed_line_endings() -> None:
    text = TRACKER.replace("\n", "\r\n", 2)
    assert positions(text) == EXPECTED


def test_fix_offsets_point_into_the_original_text() -> None:
    text = "\ufeff" + TRACKER.replace("\n", "\r\n")
    [finding] = lint(text, SETTINGS)
    assert finding.fix is not None
    assert text[finding.fix.start : finding.fix.end] == "3"
    assert finding.fix.replacement == "1"


def test_table_in_block_quote_and_list() -> None:
    text = (
        "- item\n\n"
        "  > | Page | Module | Exam | Status |\n"
        "  > |---|---|---|---|\n"
        "  > | A | ✅ | ⬜ | ✅ |\n"
    )
    assert [(f.line, f.column, f.code) for f in lint(text, NO_TL402)] == [(5, 19, "TL201")]


def test_split_cells_keeps_escaped_pipes_and_exact_offsets() -> None:
    cells = split_cells(r"| a \| b |  | c |", 10)
    assert [(c.text, c.start, c.end) for c in cells] == [
        (r"a \| b", 12, 18),
        ("", 20, 22),
        ("c", 24, 25),
    ]


def test_split_cells_without_outer_pipes() -> None:
    assert [c.text for c in split_cells("a | b|c", 0)] == ["a", "b", "c"]


def test_front_matter_is_not_a_heading_or_table() -> None:
    text = "---\ntitle: x\nstatus: | a | b |\n---\n# T\n"
    doc = parse(text)
    assert [type(b).__name__ for b in doc.blocks] == ["Heading"]


def test_a_pipe_line_in_a_paragraph_is_not_a_table_without_delimiter_row() -> None:
    text = "| Page | Module | Exam | Status |\n| A | ✅ | ⬜ | ✅ |\n"
    assert lint(text, SETTINGS) == []


# --- the pre-filter never turns away a tracker the parser would find -----------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("| Page | Module | Exam | Status |", True),
        ("| # | 🎯 **Module** | Exam ✅ | STATUS |", True),
        ("Status | Exam | Module", True),
        ("> | a | Module | Exam | Status |", True),
        ("## Quick  Stats", True),
        ("## **Quick** Stats", True),
        ("An example of a module: exam status, no table.", False),
        # Only a cheap filter: this passes it, and the parse then finds no tracked table.
        ("| Name | Role |\n|---|---|\n| module | exam status |", True),
    ],
)
def test_pre_filter(text: str, expected: bool) -> None:
    from tracker_lint.engine import looks_like_tracker
    from tracker_lint.profile import default_profile

    assert looks_like_tracker(text, default_profile()) is expected


def test_pre_filter_folds_non_ascii_names_like_the_parser() -> None:
    from tracker_lint.config import from_data, profile_data
    from tracker_lint.engine import looks_like_tracker
    from tracker_lint.profile import default_profile

    data = profile_data(default_profile())
    data["stages"]["columns"] = ["Maßnahme", "Exam"]
    profile = from_data({"profile": data}, "x.toml", None, ROOT).profile
    for header in ("| P | Maßnahme | Exam | Status |", "| P | MASSNAHME | Exam | Status |"):
        assert looks_like_tracker(header, profile), header
    decomposed = "| P | Cafe\u0301 | Status |"
    data["stages"]["columns"] = ["Café"]
    data["derive"] = []
    profile = from_data({"profile": data}, "x.toml", None, ROOT).profile
    assert looks_like_tracker(decomposed, profile)


# Words of the default profile's lines, in case variants and look-alikes IGNORECASE
# matches (the Kelvin sign, the long s), among other text.
_PIECES = st.sampled_from(
    [
        "module",
        "MODULE",
        "Exam",
        "EXAM",
        "status",
        "ſtatus",
        "quick",
        "stats",
        "QUICK",
        "K",
        "| ",
        " |",
        "\n",
        " ",
        "ß",
        "é",
        "mod",
        "ule",
    ]
)


@given(st.lists(st.one_of(_PIECES, st.text(max_size=3)), max_size=30).map("".join))
def test_substring_check_never_rejects_what_the_pattern_accepts(text: str) -> None:
    from tracker_lint.engine import _detector, looks_like_tracker
    from tracker_lint.model import DEFAULT_SOURCES
    from tracker_lint.profile import default_profile

    profile = default_profile()
    pattern, ascii_only, _ = _detector(profile, DEFAULT_SOURCES)
    assert ascii_only
    assert looks_like_tracker(text, profile) is (pattern.search(text) is not None)


def test_parser_without_the_row_builder_still_parses_tables() -> None:
    from tracker_lint.parse import parser

    tokens = parser().parse("| a | b |\n|---|---|\n| 1 | 2 |\n")
    assert [t.type for t in tokens] == ["tracker_table"]


@pytest.mark.parametrize(
    ("rows", "decimal"),
    [("1/4 (99,0%)", "1/4 (25,0%)"), ("2/4 (50,0%)", "1/4 (25,0%)")],
)
def test_fraction_percent_with_a_decimal_comma(rows: str, decimal: str) -> None:
    from tracker_lint import fix_text
    from tracker_lint.config import from_data

    profile = {
        "columns": {"status": "State"},
        "statuses": [
            {"id": "done", "words": ["done"], "progress": "done"},
            {"id": "open", "words": ["open"]},
        ],
        "totals": {
            "heading": "Totals",
            "items": [{"label": "Done", "count": ["done"], "of": "all", "format": "fraction"}],
        },
    }
    settings = from_data({"profile": profile}, "x.toml", None, ROOT).settings(SETTINGS, None)
    text = f"## Totals\n\n- Done: {rows}\n\n| T | State |\n|---|---|\n| a | done |\n| b | open |\n| c | open |\n| d | open |\n"
    assert [f.code for f in lint(text, settings)] == ["TL401"]
    assert f"- Done: {decimal}\n" in fix_text(text, settings).text


def test_a_text_markdown_it_reads_past_the_end_of_is_parsed() -> None:
    """markdown-it-py raises IndexError on ``>- <pre>`` then ``> `` at the very end (no
    line break): the text is read as with a final line break, which changes no block."""
    rows = "| # | Page | Module | Exam | Status |\n|---|---|---|---|---|\n| 1 | A | ✅ | ⬜ | ✅ Complete |\n"
    text = rows + "\n>- <pre>\n> "
    assert positions(text, NO_TL402) == positions(text + "\n", NO_TL402)
    assert positions(text, NO_TL402) == [(3, 19, "TL201")]
    kinds = [b.__class__.__name__ for b in parse(text).blocks]
    assert kinds == [b.__class__.__name__ for b in parse(text + "\n").blocks]
    assert kinds == ["Table", "BulletList", "HtmlBlock"]
