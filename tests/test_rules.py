"""Rule cases, one line each: a small tracker and the exact (line, column, code) it gives."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.conftest import TODAY
from tests.conftest import positions as _positions
from tracker_lint import Settings, lint
from tracker_lint.rules import RULES

# Most cases here are a bare table: leave out missing-stats, which every such case would give.
NO_TL402 = Settings(today=TODAY, select=frozenset(RULES) - {"TL402"})


def positions(text: str) -> list[tuple[int, int, str]]:
    return _positions(text, NO_TL402)


HEADER = "| Page | Module | Exam | Status | Last Updated |\n|---|---|---|---|---|\n"


def doc(*rows: str, stats: str = "") -> str:
    """A tracker with the given rows; line 3 is the first row when ``stats`` is empty."""
    return stats + HEADER + "".join(r + "\n" for r in rows)


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        # Status against (Module, Exam): every derivation, accepted and not.
        ("| A | ✅ | ✅ | ✅ Complete | 2025-01-01 |", []),
        ("| A | ✅ | ⬜ | 📝 Module done | 2025-01-01 |", []),
        ("| A | ⬜ | ✅ | 🎯 Exam done | 2025-01-01 |", []),
        ("| A | ⬜ | ⬜ | ⬜ Not started | |", []),
        ("| A | 🔄 | ⬜ | 🔄 In Progress | 2025-01-01 |", []),
        ("| A | ✅ | 🔄 | 🔄 In Progress | 2025-01-01 |", []),
        ("| A | ✅ | ✅ | 🔍 Needs review | 2025-01-01 |", []),
        ("| A | ✅ | ⬜ | 🔍 | 2025-01-01 |", []),
        ("| A | ⬜ | ✅ | 🔍 Needs review | 2025-01-01 |", []),
        ("| A | ⬜ | ⬜ | 🔍 Needs review | 2025-01-01 |", [(3, 15, "TL201")]),
        ("| A | 🔄 | ⬜ | 🔍 Needs review | 2025-01-01 |", [(3, 15, "TL201")]),
        ("| A | ✅ | ✅ | 📝 Module done | 2025-01-01 |", [(3, 15, "TL201")]),
        ("| A | ⬜ | ⬜ | ✅ | 2025-01-01 |", [(3, 15, "TL201")]),
        # Labels: canonical in any case, bare symbols fine, others a warning.
        ("| A | ✅ | ✅ | ✅ COMPLETE | 2025-01-01 |", []),
        ("| A | ✅ | ✅ | ✅ | 2025-01-01 |", []),
        ("| A | ✅ | ✅ | ✅ Done! | 2025-01-01 |", [(3, 17, "TL202")]),
        # Symbols with and without U+FE0F are the same symbol.
        ("| A | ✅️ | ✅️ | ✅️ Complete | 2025-01-01 |", []),
        ("| A | ☑ | ✅ | ✅ Complete | 2025-01-01 |", [(3, 7, "TL102")]),
        ("| A | ✅ | | ✅ Complete | 2025-01-01 |", [(3, 10, "TL102")]),
        ("| A | ✅ | ✅ | Complete | 2025-01-01 |", [(3, 15, "TL103")]),
        ("| A | ✅ | ✅ | | 2025-01-01 |", [(3, 14, "TL103")]),
        # Dates.
        ("| A | ✅ | ⬜ | 📝 Module done | |", [(3, 30, "TL301")]),
        ("| A | 🔄 | ⬜ | 🔄 In Progress |  |", [(3, 30, "TL301")]),
        ("| A | ⬜ | ⬜ | ⬜ Not started | 2025-01-01 |", []),
        ("| A | ✅ | ✅ | ✅ Complete | 2025-13-01 |", [(3, 28, "TL302")]),
        ("| A | ✅ | ✅ | ✅ Complete | 2025-1-1 |", [(3, 28, "TL302")]),
        ("| A | ✅ | ✅ | ✅ Complete | 2024-02-29 |", []),
        ("| A | ✅ | ✅ | ✅ Complete | 2026-11-26 |", []),
        ("| A | ✅ | ✅ | ✅ Complete | 2026-11-27 |", [(3, 28, "TL303")]),
        # Shape.
        ("| A | ✅ | ✅ | ✅ Complete |", [(3, 1, "TL101")]),
        ("| A | ✅ | ✅ | ✅ Complete | 2025-01-01 | x |", [(3, 1, "TL101")]),
    ],
)
def test_row(row: str, expected: list[tuple[int, int, str]]) -> None:
    assert positions(doc(row)) == expected


def test_unknown_symbols_skip_derived_checks_but_count_in_total() -> None:
    text = "## Quick Stats\n\n- Total Pages: 2\n- Completed: 0\n\n" + doc(
        "| A | ? | ✅ | ✅ Complete | |", "| B | ⬜ | ⬜ | ⬜ | |"
    )
    assert positions(text) == [(8, 7, "TL102")]


def test_mismatched_row_gets_only_the_column_count_finding() -> None:
    assert positions(doc("| A | ✅ | Complete |")) == [(3, 1, "TL101")]


def test_duplicate_items_compare_case_and_spacing_insensitively() -> None:
    rows = (
        "| Two  Phase | ⬜ | ⬜ | ⬜ | |",
        "| two phase | ⬜ | ⬜ | ⬜ | |",
        "| Other | ⬜ | ⬜ | ⬜ | |",
    )
    assert positions(doc(*rows)) == [(4, 3, "TL104")]


def test_row_numbering_resyncs_after_a_gap() -> None:
    header = "| # | Page | Module | Exam | Status |\n|---|---|---|---|---|\n"
    rows = "".join(f"| {n} | P{i} | ⬜ | ⬜ | ⬜ |\n" for i, n in enumerate((1, 2, 4, 5, 5)))
    assert positions(header + rows) == [(5, 3, "TL105"), (7, 3, "TL105")]


def test_row_numbering_restarts_per_table() -> None:
    header = "| # | Page | Module | Exam | Status |\n|---|---|---|---|---|\n"
    table = "".join(f"| {n} | P{n}{{}} | ⬜ | ⬜ | ⬜ |\n" for n in (1, 2))
    text = header + table.format("a", "a") + "\n" + header + table.format("b", "b")
    assert positions(text) == []


STATS = """## Quick Stats

- **Total Pages**: {total}
- **Completed**: {done} (both module and exam)
- **Completion**: {pct}

"""


@pytest.mark.parametrize(
    ("total", "done", "pct", "expected"),
    [
        ("3", "1", "33.3%", []),
        ("3", "1", "33%", []),
        ("3", "1", "33.33%", []),
        ("3", "1", "33.4%", [(5, 19, "TL401")]),
        ("4", "1", "33.3%", [(3, 20, "TL401")]),
        ("3", "2", "33.3%", [(4, 18, "TL401")]),
        ("3", "1", "none", [(5, 5, "TL404")]),
    ],
)
def test_quick_stats(total: str, done: str, pct: str, expected: list[tuple[int, int, str]]) -> None:
    rows = (
        "| A | ✅ | ✅ | ✅ | 2025-01-01 |",
        "| B | ⬜ | ⬜ | ⬜ | |",
        "| C | ✅ | ⬜ | 📝 | 2025-01-01 |",
    )
    text = STATS.format(total=total, done=done, pct=pct) + doc(*rows)
    assert positions(text) == expected


def test_completion_rounds_half_up() -> None:
    # 1 of 8 is 12.5%: 13% at no decimals, where round-half-even would say 12%.
    rows = ["| A | ✅ | ✅ | ✅ | 2025-01-01 |"] + [f"| R{i} | ⬜ | ⬜ | ⬜ | |" for i in range(7)]
    text = "## Quick Stats\n\n- Completion: 13%\n\n" + doc(*rows)
    assert positions(text) == []


def test_completion_of_no_rows_is_zero() -> None:
    text = "## Quick Stats\n\n- Total Pages: 0\n- Completion: 0.0%\n\n"
    text += "| Page | Module | Exam | Status |\n|---|---|---|---|\n"  # a tracked table, no rows
    assert positions(text) == []


def test_needs_review_counts_the_written_status() -> None:
    rows = ("| A | ✅ | ✅ | 🔍 | 2025-01-01 |", "| B | ✅ | ✅ | ✅ | 2025-01-01 |")
    text = "## Quick Stats\n\n- Needs Review: 1\n- Completed: 2\n\n" + doc(*rows)
    assert positions(text) == []


def test_stats_fix_keeps_thousands_separators() -> None:
    rows = [f"| R{i} | ⬜ | ⬜ | ⬜ | |" for i in range(1001)]
    text = "## Quick Stats\n\n- Total Pages: 1,000 pages\n\n" + doc(*rows)
    [finding] = lint(text, Settings(today=date(2026, 11, 26)))
    assert finding.fix is not None
    assert finding.fix.replacement == "1,001"
    assert text[finding.fix.start : finding.fix.end] == "1,000"


def test_stats_label_forms() -> None:
    rows = ("| A | ✅ | ✅ | ✅ | 2025-01-01 |",)
    for label in (
        "**Total Pages**: 2",
        "**Total Pages:** 2",
        "Total Pages: 2",
        "__total pages__: 2",
    ):
        text = f"## Quick Stats\n\n- {label}\n\n" + doc(*rows)
        assert [c for *_, c in positions(text)] == ["TL401"], label


def test_missing_stats_points_at_an_empty_heading() -> None:
    text = "## Quick Stats\n\nNone yet.\n\n" + doc("| A | ⬜ | ⬜ | ⬜ | |")
    assert _positions(text) == [(1, 4, "TL402")]


def test_missing_stats_points_at_the_first_tracked_table() -> None:
    assert _positions("# T\n\n" + doc("| A | ⬜ | ⬜ | ⬜ | |")) == [(3, 1, "TL402")]


def test_quick_stats_is_the_first_list_after_the_heading_only() -> None:
    text = "## Quick Stats\n\n- Total Pages: 1\n\n## Other\n\n- Foo: 3\n\n" + doc(
        "| A | ⬜ | ⬜ | ⬜ | |"
    )
    assert positions(text) == []


def test_legend_absent_means_no_legend_check() -> None:
    assert positions(doc("| A | ✅ | ✅ | 🔍 | 2025-01-01 |")) == []


def test_decimal_comma_percentages_are_read_and_fixed_as_written() -> None:
    from tracker_lint import fix_text

    rows = ["| A | ✅ | ✅ | ✅ | 2025-01-01 |"] + [f"| R{i} | ⬜ | ⬜ | ⬜ | |" for i in range(6)]
    text = "## Quick Stats\n\n- Completion: 16,7%\n- Completed: 1,0\n\n" + doc(*rows)
    assert positions(text) == [(3, 15, "TL401")]
    assert "- Completion: 14,3%\n- Completed: 1,0\n" in fix_text(text, NO_TL402).text


def test_single_asterisk_labels() -> None:
    text = "## Quick Stats\n\n- *Total Pages*: 5\n- _Completed:_ 0\n\n" + doc(
        "| A | ⬜ | ⬜ | ⬜ | |"
    )
    assert positions(text) == [(3, 18, "TL401")]


def test_symbols_with_a_zero_width_joiner(tmp_path: Path) -> None:
    from tracker_lint.config import from_data

    config = from_data(
        {"profile": {"columns": {"status": "Status"}, "statuses": [
            {"id": "coding", "symbol": "👨\u200d💻", "label": "Coding"},
            {"id": "done", "symbol": "✅", "label": "Done", "progress": "done"},
        ]}},
        "x.toml", None, tmp_path,
    )  # fmt: skip
    settings = config.settings(NO_TL402, None)
    text = "| Page | Status |\n|---|---|\n| A | 👨\u200d💻 Coding |\n| B | 👨💻 |\n"
    assert lint(text, settings) == []


@pytest.mark.parametrize(
    ("done", "todo", "written"),
    [(199, 1, "99%"), (1, 299, "1%"), (1999, 1, "99.9%"), (1, 2999, "0.1%")],
)
def test_completion_is_never_rounded_into_done_or_nothing(
    done: int, todo: int, written: str
) -> None:
    rows = [f"| A{i} | ✅ | ✅ | ✅ | 2025-01-01 |" for i in range(done)]
    rows += [f"| R{i} | ⬜ | ⬜ | ⬜ | |" for i in range(todo)]
    text = f"## Quick Stats\n\n- Completion: {written}\n\n" + doc(*rows)
    assert positions(text) == []
