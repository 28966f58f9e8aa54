"""Suppression comments silence exactly what they name; unused ones are reported and fixable."""

from __future__ import annotations

from tests.conftest import SETTINGS, positions
from tracker_lint import fix_text, lint

STATS = "## Quick Stats\n\n- Total Pages: 2\n\n"
TABLE = "| Page | Module | Exam | Status | Last Updated |\n|---|---|---|---|---|\n"
BAD_ROW = "| A | ✅ | ⬜ | ✅ Done | 2099-01-01 |"  # TL201 at col 15, TL202 at 17, TL303 at 24
OK_ROW = "| B | ⬜ | ⬜ | ⬜ | |"


def doc(row: str, *, before: str = "", after: str = "") -> str:
    return STATS + before + TABLE + row + "\n" + after + OK_ROW + "\n"


def test_unsuppressed_row() -> None:
    assert positions(doc(BAD_ROW)) == [(7, 15, "TL201"), (7, 17, "TL202"), (7, 24, "TL303")]


def test_disable_line_silences_only_the_named_code() -> None:
    row = BAD_ROW.replace("Done", "Done <!-- tracker-lint-disable-line TL201 -->")
    assert positions(doc(row)) == [(7, 17, "TL202"), (7, 65, "TL303")]


def test_disable_line_with_several_codes_and_names_case_insensitively() -> None:
    row = BAD_ROW.replace("Done", "Done <!-- tracker-lint-disable-line tl201, TL303 -->")
    assert positions(doc(row)) == [(7, 17, "TL202")]


def test_disable_line_without_codes_silences_every_rule_on_the_line() -> None:
    row = BAD_ROW.replace("Done", "Done <!-- tracker-lint-disable-line -->")
    assert positions(doc(row)) == []


def test_disable_line_silences_nothing_on_other_lines() -> None:
    other = OK_ROW.replace("⬜ |", "⬜ <!-- tracker-lint-disable-line -->|", 1)
    text = STATS + TABLE + BAD_ROW + "\n" + other + "\n"
    assert [c for *_, c in positions(text)] == ["TL201", "TL202", "TL303", "TL901"]


def test_disable_line_at_the_end_of_a_stats_bullet() -> None:
    text = doc(BAD_ROW).replace(
        "Total Pages: 2", "Total Pages: 5 <!-- tracker-lint-disable-line -->"
    )
    assert [c for *_, c in positions(text)] == ["TL201", "TL202", "TL303"]


def test_disable_next_line_on_its_own_line_before_the_table() -> None:
    text = STATS + "<!-- tracker-lint-disable-next-line TL402 -->\n" + TABLE + OK_ROW + "\n"
    # The header line has no finding (Quick Stats exist): the directive is unused.
    assert positions(text) == [(3, 16, "TL401"), (5, 1, "TL901")]


def test_disable_enable_range_around_a_table() -> None:
    text = (
        doc(BAD_ROW, before="<!-- tracker-lint-disable TL201 TL303 -->\n", after="")
        + "\n<!-- tracker-lint-enable TL201 TL303 -->\n"
    )
    assert positions(text) == [(8, 17, "TL202")]


def test_enable_ends_the_range() -> None:
    text = "<!-- tracker-lint-disable TL303 -->\n<!-- tracker-lint-enable -->\n\n" + doc(BAD_ROW)
    assert positions(text) == [
        (1, 1, "TL901"),
        (10, 15, "TL201"),
        (10, 17, "TL202"),
        (10, 24, "TL303"),
    ]


def test_disable_file_anywhere() -> None:
    text = doc(BAD_ROW, after="") + "\n<!-- tracker-lint-disable-file TL202 TL303 -->\n"
    assert positions(text) == [(7, 15, "TL201")]


def test_directives_in_code_are_not_directives() -> None:
    text = doc(BAD_ROW) + "\n```\n<!-- tracker-lint-disable-file -->\n```\n"
    text += (
        "\n    <!-- tracker-lint-disable-file -->\n\nSee `<!-- tracker-lint-disable-file -->`.\n"
    )
    assert [c for *_, c in positions(text)] == ["TL201", "TL202", "TL303"]


def test_unknown_code_is_reported() -> None:
    row = BAD_ROW.replace("Done", "Done <!-- tracker-lint-disable-line TL201 TL999 -->")
    findings = lint(doc(row), SETTINGS)
    unused = [f for f in findings if f.code == "TL901"]
    # Said of TL999, not of TL201 (which suppresses a finding); the wording is golden.
    assert [(f.line, f.column) for f in unused] == [(7, 59)]
    assert "TL999" in unused[0].message
    assert "TL201" not in unused[0].message


def test_fix_removes_an_unused_code_only() -> None:
    row = "| A | ✅ | ⬜ | ✅ <!-- tracker-lint-disable-line TL201, TL401 --> | 2025-01-01 |"
    fixed = fix_text(doc(row), SETTINGS).text
    assert fixed == doc(row.replace("TL201, TL401", "TL201"))


def test_fix_removes_an_unused_comment_and_its_own_line() -> None:
    body = (STATS.replace("2", "1") + TABLE + OK_ROW + "\n").replace("\n", "\r\n")
    text = "<!-- tracker-lint-disable-next-line TL105 -->\r\n" + body
    fixed = fix_text(text, SETTINGS)
    assert fixed.text == body
    assert fixed.remaining == []


def test_fix_removes_an_unused_inline_comment_with_its_space() -> None:
    row = OK_ROW.replace("| ⬜ | |", "| ⬜ <!-- tracker-lint-disable-line -->| |")
    text = STATS.replace("2", "1") + TABLE + row + "\n"
    assert (
        fix_text(text, SETTINGS).text
        == STATS.replace("2", "1") + TABLE + OK_ROW.replace("| ⬜ | |", "| ⬜| |") + "\n"
    )


def test_deselected_rules_do_not_make_their_suppressions_unused() -> None:
    from dataclasses import replace

    from tracker_lint.rules import RULES

    row = BAD_ROW.replace("Done", "Done <!-- tracker-lint-disable-line TL201 -->")
    settings = replace(SETTINGS, select=frozenset(RULES) - {"TL201"})
    assert [f.code for f in lint(doc(row), settings)] == ["TL202", "TL303"]


def test_comment_line_between_table_rows_is_reported() -> None:
    text = doc(BAD_ROW.replace("2099", "2025").replace("✅ Done", "📝"), after="<!-- note -->\n")
    assert positions(text) == [(3, 16, "TL401"), (8, 1, "TL902")]


def test_a_comment_line_between_stats_bullets_splits_the_list_and_both_parts_are_read() -> None:
    # On GitHub the comment line ends the first list; the bullets after it are a
    # second list under the same heading, and they are totals all the same.
    text = "## Quick Stats\n\n- Total Pages: 1\n<!-- a note -->\n"
    text += "- Completed: 9\n\n" + TABLE + OK_ROW + "\n"
    assert positions(text) == [(5, 14, "TL401")]
    text = text.replace("<!-- a note -->", "<!-- tracker-lint-disable-next-line -->")
    assert positions(text) == []  # the directive covers the bullet after it: nothing unused


def test_comment_after_a_table_and_a_blank_line_is_fine() -> None:
    text = doc(OK_ROW.replace("B", "C")) + "\n<!-- note -->\n"
    assert positions(text) == []


def test_disable_next_line_silences_the_line_after_it() -> None:
    text = "## Quick Stats\n\n<!-- tracker-lint-disable-next-line TL401 -->\n- Total Pages: 9\n\n"
    text += TABLE + OK_ROW + "\n"
    # The comment line before the first bullet does not split the list (it precedes it).
    assert positions(text) == []


def test_partial_enable_reenables_only_the_codes_it_names() -> None:
    numbered = "| # | P | Module | Exam | Status |\n|---|---|---|---|---|\n"
    first = numbered + "| 1 | a | ⬜ | ⬜ | ⬜ |\n| 3 | a | ⬜ | ⬜ | ⬜ |\n"
    second = numbered + "| 1 | b | ⬜ | ⬜ | ⬜ |\n| 9 | b | ⬜ | ⬜ | ⬜ |\n"
    for disable in ("TL104 TL105", ""):
        text = (
            "## Quick Stats\n\n- Total Pages: 4\n\n"
            f"<!-- tracker-lint-disable {disable} -->\n{first}\n"
            f"<!-- tracker-lint-enable TL105 -->\n\n{second}"
        )
        # TL104 (line 9) and TL105 (line 9) of the first table stay off; TL105 is back
        # for the second table, and the second table's duplicate "b" is still off.
        assert positions(text) == [(16, 3, "TL105")], disable


def test_tl901_can_be_silenced_by_naming_it_but_not_by_a_blanket_directive() -> None:
    stale = "| B | ⬜ <!-- tracker-lint-disable-line TL201 --> | ⬜ | ⬜ | |"
    text = STATS.replace("2", "1") + TABLE + stale + "\n"
    assert [c for *_, c in positions(text)] == ["TL901"]
    assert positions(text + "\n<!-- tracker-lint-disable-file TL901 -->\n") == []
    blanket = "| B | ⬜ <!-- tracker-lint-disable-line --> | ⬜ | ⬜ | |"
    assert [c for *_, c in positions(STATS.replace("2", "1") + TABLE + blanket + "\n")] == ["TL901"]


def test_comments_in_date_and_number_cells_are_not_part_of_the_value() -> None:
    text = (
        "## Quick Stats\n\n- Total Pages: 3\n\n"
        "| # | P | Module | Exam | Status | Last Updated |\n|---|---|---|---|---|---|\n"
        "| 1 | a | ✅ | ✅ | ✅ | 2099-01-01 <!-- tracker-lint-disable-line TL303 --> |\n"
        "| 3 <!-- tracker-lint-disable-line TL105 --> | b | ⬜ | ⬜ | ⬜ | |\n"
        "| 4 | c | ⬜ | ⬜ | ⬜ | |\n"
    )
    assert positions(text) == []
    assert fix_text(text, SETTINGS).text == text
