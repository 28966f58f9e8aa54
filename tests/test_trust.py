"""A linter's two promises: never a wrong write, never a finding about what GitHub does not show.

Each case here failed before the change that made it pass (issue "Trust").
"""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from tests.conftest import SETTINGS, examples, positions
from tracker_lint import check, fix_text, lint
from tracker_lint._text import spelling_variant
from tracker_lint.config import validate_profile

HEADER = "| # | Page | Module | Exam | Status |\n|---|---|---|---|---|\n"
ROWS = "| 1 | A | ✅ | ✅ | ✅ Complete |\n| 2 | B | ✅ | ⬜ | 📝 Module done |\n| 3 | C | ⬜ | ⬜ | ⬜ |\n"


def tracker(stats: str, rows: str = ROWS, between: str = "") -> str:
    return f"# T\n\n## Quick Stats\n\n{stats}\n{between}\n## Pages\n\n{HEADER}{rows}"


def fixes(text: str) -> list[tuple[int, int, str, str, str]]:
    """(line, column, code, replacement, applicability) of every finding with a fix."""
    return [
        (f.line, f.column, f.code, f.fix.replacement, f.fix.applicability)
        for f in lint(text, SETTINGS)
        if f.fix
    ]


# --- 1. Never rewrite a document that is not a tracker ---------------------------------


AUDIT_NOTE = "# Audit\n\n## Quick Stats\n\n- **Total Pages**: 55\n- **Completed**: 7\n\nProse.\n"


def test_totals_without_a_tracked_table_are_reported_not_fixed() -> None:
    checked = check(AUDIT_NOTE, SETTINGS)
    assert not checked.is_tracker
    assert [(f.line, f.column, f.code, f.fix) for f in checked.findings] == [(3, 4, "TL405", None)]
    assert "Module, Exam, Status" in checked.findings[0].message
    result = fix_text(AUDIT_NOTE, SETTINGS, unsafe=True)
    assert (result.text, result.fixed, result.is_tracker) == (AUDIT_NOTE, 0, False)


def test_an_unknown_total_or_a_prose_list_under_quick_stats_is_not_even_a_warning() -> None:
    text = "## Quick Stats\n\n- Files: 15\n- Lines: about 6,385\n"
    assert check(text, SETTINGS) == ([], False)


def test_totals_without_items_can_be_deselected() -> None:
    assert lint(AUDIT_NOTE, replace(SETTINGS, select=frozenset({"TL401"}))) == []


def test_a_percentage_and_the_fraction_after_it_are_rewritten_together() -> None:
    text = tracker("- **Completion**: 35% (14/40 priority pages)")
    assert fixes(text) == [(5, 19, "TL401", "33% (1/3", "safe")]
    fixed = fix_text(text, SETTINGS).text
    assert "- **Completion**: 33% (1/3 priority pages)\n" in fixed
    assert lint(fixed, SETTINGS) == []


def test_a_percentage_with_n_of_n_after_it_is_rewritten_together() -> None:
    text = tracker("- **Completion**: 35.0% (14 of 40)")
    assert fixes(text) == [(5, 19, "TL401", "33.3% (1 of 3", "safe")]


@pytest.mark.parametrize(
    ("stats", "column"),
    [
        ("- **Completed**: 7 (12.7%)", 18),  # a percentage of what? not derived
        ("- **Total Pages**: 55 (3 new this week)", 20),
        ("- **Not Started**: 40 of 52", 20),
    ],
)
def test_a_value_written_beside_numbers_that_are_not_derived_gets_an_unsafe_fix(
    stats: str, column: int
) -> None:
    text = tracker(stats)
    [(line, col, code, _, applicability)] = fixes(text)
    assert (line, col, code, applicability) == (5, column, "TL401", "unsafe")
    assert fix_text(text, SETTINGS).text == text  # --fix leaves the line as written


def test_a_date_beside_a_total_is_not_a_number_that_blocks_the_fix() -> None:
    text = tracker("- **Completed**: 7 (as of 2025-01-30 09:00)")
    assert fixes(text) == [(5, 18, "TL401", "1", "safe")]


TABLE_PROFILE = {
    "name": "fixes",
    "columns": {"status": "Status", "number": ""},
    "statuses": [
        {"id": "fixed", "symbol": "✅", "label": "Fixed", "progress": "done"},
        {"id": "open", "symbol": "⬜", "label": "Open", "progress": "none"},
    ],
    "totals": {
        "kind": "table",
        "label-column": "Metric",
        "value-column": "Value",
        "target-column": "Target",
        "percent-column": "Progress",
        "items": [{"label": "Fixed", "count": ["fixed"], "source": "written"}],
    },
}
ISSUES = "| Issue | Status |\n|---|---|\n| a | ✅ |\n| b | ⬜ |\n"


def test_a_totals_table_row_with_other_numbers_gets_an_unsafe_fix() -> None:
    settings = replace(SETTINGS, profile=validate_profile(TABLE_PROFILE, "test"))
    text = "| Metric | Value | Remaining | % |\n|---|---|---|---|\n| Fixed | 3 | 1 | 75% |\n\n"
    text += ISSUES
    [finding] = lint(text, settings)
    assert (finding.line, finding.column, finding.code) == (3, 11, "TL401")
    assert finding.fix is not None and finding.fix.applicability == "unsafe"
    assert fix_text(text, settings).text == text


def test_a_totals_table_row_whose_percentage_is_of_its_target_is_rewritten_whole() -> None:
    settings = replace(SETTINGS, profile=validate_profile(TABLE_PROFILE, "test"))
    text = "| Metric | Value | Target | Progress |\n|---|---|---|---|\n| Fixed | 3 | 4 | 75% |\n\n"
    text += ISSUES
    fixed = fix_text(text, settings).text
    assert "| Fixed | 1 | 4 | 25% |\n" in fixed


@pytest.mark.parametrize(
    ("written", "canonical", "safe"),
    [
        ("Compelte", "Complete", True),
        ("Not-started", "Not started", True),
        ("NotStarted", "Not started", True),
        ("In progres", "In Progress", True),
        ("Completed", "Complete", True),
        ("Modul dne", "Module done", True),  # two typos in a long label
        ("Good", "Complete", False),
        ("Done", "Complete", False),
        ("Finished", "Module done", False),
        ("Blocked", "In Progress", False),
        ("Stale", "Started", False),
        ("No Progress", "In Progress", False),  # short words must match exactly
        ("Now started", "Not started", False),
        ("In Regress", "In Progress", False),
        ("In Progress 50%", "In Progress", False),  # a note with a number is not a spelling
        ("Not started v2", "Not started", False),
        ("Complete 2", "Complete", False),
    ],
)
def test_a_label_fix_is_safe_only_for_a_spelling_of_the_label(
    written: str, canonical: str, safe: bool
) -> None:
    assert spelling_variant(written, canonical) is safe


def test_a_status_label_that_is_another_word_is_an_unsafe_fix() -> None:
    rows = "| 1 | A | ✅ | ✅ | ✅ Good |\n| 2 | B | ✅ | ⬜ | 📝 Modul done |\n| 3 | C | ⬜ | ⬜ | ⬜ |\n"
    text = tracker("- **Total Pages**: 3", rows)
    assert fixes(text) == [
        (11, 21, "TL202", "Complete", "unsafe"),
        (12, 21, "TL202", "Module done", "safe"),
    ]


# --- what GitHub shows --------------------------------------------------------------


@pytest.mark.parametrize(
    "after",
    ["<br>\n", "<img src='x.png'>\n", "</div>\n", "|\n"],
    ids=["br", "img", "closing-tag", "bare-pipe"],
)
def test_a_line_that_ends_the_table_on_github_ends_it_here(after: str) -> None:
    text = tracker("- **Total Pages**: 3", ROWS + after + "| 4 | D | ⬜ | ⬜ | ⬜ |\n")
    assert positions(text) == []  # the row after that line is not a row on GitHub


@pytest.mark.parametrize(
    "header",
    ["# | Page | Module | Exam | Status", "- # | Page | Module | Exam | Status"],
    ids=["heading", "list-item"],
)
def test_a_header_line_that_starts_another_block_is_not_a_table(header: str) -> None:
    text = f"## Quick Stats\n\n- **Total Pages**: 3\n\n{header}\n|---|---|---|---|---|\n{ROWS}"
    checked = check(text, SETTINGS)
    assert not checked.is_tracker


def test_a_pipeless_dash_line_under_one_column_is_a_setext_heading() -> None:
    from tracker_lint.parse import Heading, parse

    doc = parse("| Status |\n---\n| ✅ |\n")
    assert doc.tables == []
    assert [(b.level, b.text) for b in doc.blocks if isinstance(b, Heading)] == [(2, "| Status |")]


def test_a_leading_thematic_break_is_not_front_matter_when_what_follows_is_not_yaml() -> None:
    text = "---\n" + tracker("- **Total Pages**: 9") + "---\n"
    assert positions(text) == [(6, 20, "TL401")]
    yaml = "---\ntitle: Tracker\ntags:\n  - a\n---\n" + tracker("- **Total Pages**: 9")
    assert positions(yaml) == [(10, 20, "TL401")]
    hidden = "---\ntitle: x\n" + tracker("- **Total Pages**: 9") + "---\n"
    assert check(hidden, SETTINGS).is_tracker  # the table breaks the YAML: it is shown


def test_a_value_wrapped_onto_the_next_line_is_read() -> None:
    text = tracker("- **Completed**:\n  7 pages")
    assert fixes(text) == [(6, 3, "TL401", "1", "safe")]
    assert "- **Completed**:\n  1 pages\n" in fix_text(text, SETTINGS).text


@pytest.mark.parametrize(
    ("stats", "fixed"),
    [
        ("- **Completed**:\n\t5 pages", "- **Completed**:\n\t1 pages\n"),
        ("- **Completed**:\n\t\t5", "- **Completed**:\n\t\t1\n"),
        ("- **Completed**:\n \t5", "- **Completed**:\n \t1\n"),
    ],
    ids=["tab", "two-tabs", "space-tab"],
)
def test_a_wrapped_value_indented_with_tabs_is_fixed_in_place(stats: str, fixed: str) -> None:
    text = tracker(stats)
    result = fix_text(text, SETTINGS)
    assert result.text == text.replace(stats + "\n", fixed)
    assert result.remaining == []


def test_a_wrapped_value_in_a_block_quote_indented_with_tabs_is_fixed_in_place() -> None:
    text = "> ## Quick Stats\n>\n> - **Completed**:\n>\t\t5 pages\n\n" + HEADER + ROWS
    assert fix_text(text, SETTINGS).text == text.replace("\t\t5 pages", "\t\t1 pages")


def test_a_comment_before_a_wrapped_value_does_not_hide_it() -> None:
    text = tracker("- **Completed**: <!-- counted by hand -->\n  5")
    assert fixes(text) == [(6, 3, "TL401", "1", "safe")]


def test_a_date_before_the_value_is_not_the_value() -> None:
    assert positions(tracker("- **Completed**: as of 2025-01-30")) == [(5, 5, "TL404")]


def test_a_percentage_written_after_its_fraction_is_rewritten_with_it() -> None:
    text = tracker("- **Completion**: 14/40 (35%)")
    assert fixes(text) == [(5, 19, "TL401", "1/3 (33", "safe")]


def test_nested_totals_are_checked_but_their_fixes_are_unsafe() -> None:
    # Per-part totals nested under a title: the tables' overall count may not be theirs.
    stats = "- **Overall**\n  - **Completed**: 1\n- **Part A**\n  - **Completed**: 0"
    assert fixes(tracker(stats)) == [(8, 20, "TL401", "1", "unsafe")]
    notes = "- **Completed**: 1\n  - the first one in January"
    assert positions(tracker(notes)) == []  # a nested note is not an unknown total


def test_a_list_after_prose_under_the_heading_is_not_more_totals() -> None:
    text = tracker("- **Completed**: 1\n\nLast quarter:\n\n- **Completed**: 0")
    assert positions(text) == []


def test_items_after_a_change_of_bullet_marker_and_nested_items_are_read() -> None:
    text = tracker("- **Total Pages**: 3\n* **Completed**: 5\n  - **Not Started**: 4")
    assert fixes(text) == [(6, 18, "TL401", "1", "safe"), (7, 22, "TL401", "1", "unsafe")]
    text = tracker("- **Total Pages**: 3\n<!-- a note -->\n- **Completed**: 5")
    assert fixes(text) == [(7, 18, "TL401", "1", "safe")]


@pytest.mark.parametrize(
    "heading",
    [
        "## Quick&#32;Stats",
        "## [Quick Stats](#quick-stats)",
        "## Quick <em>Stats</em>",
        "##\tQuick Stats",
        "## **Quick** Stats",
        "## Quick Stats <!-- totals -->",
    ],
)
def test_a_quick_stats_heading_is_read_as_github_shows_it(heading: str) -> None:
    text = tracker("- **Total Pages**: 9").replace("## Quick Stats", heading)
    assert positions(text) == [(5, 20, "TL401")]


def test_a_heading_with_strikethrough_is_read_as_shown() -> None:
    text = tracker("- **Total Pages**: 9").replace("## Quick Stats", "## ~~Old~~ Quick Stats")
    assert positions(text) == [(9, 1, "TL402")]  # "Old Quick Stats" is another heading
    text = tracker("- **Total Pages**: 9").replace("## Quick Stats", "## ~~Quick~~ Stats")
    assert positions(text) == [(5, 20, "TL401")]  # shown: "Quick Stats"


def test_a_very_long_heading_is_compared_as_written() -> None:
    from tracker_lint.parse import Heading, parse

    heading = "[" * 20_000
    [block] = parse(f"## {heading}\n").blocks
    assert isinstance(block, Heading)
    assert block.plain == heading  # no inline parse of 20,000 brackets (quadratic)
    [block] = parse("## " + "x" * 400 + " &amp;\n").blocks
    assert isinstance(block, Heading)
    assert block.plain == "x" * 400 + " &"  # a long heading without brackets: as shown


def test_a_one_column_table_needs_no_pipe_in_its_header() -> None:
    from tracker_lint.parse import parse

    tables = parse("Status\n:--\n✅\n\nStatus\n|---|\n✅\n").tables
    assert [[c.text for c in t.header.cells] for t in tables] == [["Status"], ["Status"]]


def test_front_matter_may_open_with_a_yaml_comment() -> None:
    text = "---\n# generated\ntitle: x\n---\n" + tracker("- **Total Pages**: 9")
    assert positions(text) == [(9, 20, "TL401")]


def test_a_label_with_markup_is_read_as_shown() -> None:
    text = tracker("- **[Total Pages](#pages)**: 9")
    assert [(line, code) for line, _, code, *_ in fixes(text)] == [(5, "TL401")]


# --- property: --fix never writes a number the tables contradict -----------------------

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

LABELS = ("Total Pages", "Completed", "Modules Done (need exams)", "Not Started", "Completion")
TAILS = ("", " (both module and exam)", " pages", " ({n}/{d})", " ({n} of {d} pages)", " ({x}%)")


def _truth(rows: list[tuple[str, str]]) -> dict[str, int]:
    done = sum(1 for m, e in rows if (m, e) == ("✅", "✅"))
    return {
        "Total Pages": len(rows),
        "Completed": done,
        "Modules Done (need exams)": sum(1 for m, e in rows if (m, e) == ("✅", "⬜")),
        "Not Started": sum(1 for m, e in rows if (m, e) == ("⬜", "⬜")),
        "Completion": done,
    }


@st.composite
def generated_trackers(draw: st.DrawFn) -> tuple[str, list[tuple[str, str]]]:
    stage = st.sampled_from(["✅", "⬜"])
    rows = draw(st.lists(st.tuples(stage, stage), max_size=12))
    lines = []
    for label in draw(st.lists(st.sampled_from(LABELS), min_size=1, max_size=5, unique=True)):
        n, d, x = (draw(st.integers(0, 60)) for _ in range(3))
        value = (
            f"{draw(st.integers(0, 100))}.{draw(st.integers(0, 9))}%"
            if label == "Completion"
            else str(n)
        )
        tail = draw(st.sampled_from(TAILS)).format(n=n, d=d, x=x)
        lines.append(f"{draw(st.sampled_from('-*'))} **{label}**: {value}{tail}")
    status = {("✅", "✅"): "✅", ("✅", "⬜"): "📝", ("⬜", "✅"): "🎯", ("⬜", "⬜"): "⬜"}
    body = "".join(
        f"| {i} | P{i} | {m} | {e} | {status[m, e]} |\n" for i, (m, e) in enumerate(rows, 1)
    )
    return tracker("\n".join(lines), body), rows


NUMBER = re.compile(r"\d+(?:\.\d+)?")


@settings(max_examples=examples(ci=300, fast=60), deadline=None)
@given(generated_trackers(), st.booleans())
def test_fix_writes_only_numbers_and_every_number_on_a_changed_line_agrees_with_the_tables(
    case: tuple[str, list[tuple[str, str]]], unsafe: bool
) -> None:
    text, rows = case
    fixed = fix_text(text, SETTINGS, unsafe=unsafe).text
    before, after = text.split("\n"), fixed.split("\n")
    assert len(before) == len(after)
    truth = _truth(rows)
    for old, new in zip(before, after, strict=True):
        if old == new:
            continue
        # Only the numbers changed: the rest of the line is byte for byte the same.
        assert NUMBER.sub("#", old) == NUMBER.sub("#", new)
        label = re.search(r"\*\*(.+?)\*\*", new)
        assert label is not None, new
        numbers = [float(x) for x in NUMBER.findall(new.split(":", 1)[1])]
        total, count = len(rows), truth[label[1]]
        if label[1] == "Completion":
            percent = round(count * 100 / total, 1) if total else 0.0
            assert abs(numbers[0] - percent) < 0.051, new
            if not unsafe:  # the fraction after it agrees; nothing else stands beside it
                assert numbers[1:] in ([], [count, total]), new
        elif not unsafe:
            assert numbers == [count], new  # a safe fix never leaves another number beside it
        else:
            assert numbers[0] == count, new
