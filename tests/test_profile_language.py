"""The newer keys of the profile language, by what a user sees: ``labels`` of a status,
``columns.numbering``, a tracker with no status column and ``[profile.numbers]``
(TL601, TL602, TL203), totals that ``sum`` a column, ``check = false`` and
``check = "count"``, ``scope = "section"``, ``format = "status"`` (TL204),
``[profile.summary]`` (TL603), ``dates.required`` and several stage symbols for one
state. Each case writes a small document and a ``.tracker-lint.toml`` and compares
the findings of the command line as (line, column, code), and the bytes --fix writes.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests.conftest import TODAY, examples, keys, run
from tracker_lint import Settings, fix_text, lint
from tracker_lint.config import validate_profile

DOC = "T.md"
Found = list[tuple[int, int, str]]


def lint_doc(tmp_path: Path, config: str, doc: str, *args: str) -> Found:
    """(line, column, code) of each finding the command line reports for ``doc``
    linted with the configuration ``config`` (a ``.tracker-lint.toml`` beside it)."""
    (tmp_path / ".tracker-lint.toml").write_text(config, encoding="utf-8")
    (tmp_path / DOC).write_text(doc, encoding="utf-8")
    result = run("--today", TODAY.isoformat(), *args, DOC, cwd=tmp_path)
    assert result.returncode in (0, 1), result.stdout + result.stderr
    return [(line, column, code) for _, line, column, code in keys(result.stdout)]


def fixed_doc(tmp_path: Path, config: str, doc: str, *args: str) -> tuple[str, Found]:
    """The document after ``--fix`` (and ``args``), and what is still reported."""
    remaining = lint_doc(tmp_path, config, doc, "--fix", *args)
    return (tmp_path / DOC).read_text(encoding="utf-8"), remaining


def column_of(doc: str, line: int, text: str, skip: int = 0) -> int:
    """The 1-based column (in characters) where ``text`` starts on 1-based ``line``,
    ``skip`` characters in: how a test says "the digits of that cell"."""
    found = doc.splitlines()[line - 1].find(text)
    assert found >= 0, (line, text)
    return found + 1 + skip


TWO_STATUSES = """
[[profile.statuses]]
id = "done"
symbol = "✅"
label = "Done"
progress = "done"

[[profile.statuses]]
id = "todo"
symbol = "⬜"
label = "Todo"
progress = "none"
"""

THREE_STATUSES = """
[[profile.statuses]]
id = "completed"
symbol = "✅"
label = "Completed"
progress = "done"

[[profile.statuses]]
id = "in-progress"
symbol = "🔄"
label = "In Progress"

[[profile.statuses]]
id = "not-started"
symbol = "⬜"
label = "Not Started"
progress = "none"
"""


# --- 1. Status.labels --------------------------------------------------------------------

LABELS = """\
[profile]
name = "labels"
columns = { item = "Item", number = "" }

[[profile.statuses]]
id = "completed"
symbol = "✅"
label = "Completed"
labels = ["Done"]
progress = "done"
"""

LABELLED = """\
# T

| Item | Status |
|---|---|
| a | ✅ Completed |
| b | ✅ Done |
| c | ✅ DONE |
| d | ✅ Finished |
"""


def test_another_label_is_accepted_and_any_other_word_still_reported(tmp_path: Path) -> None:
    assert lint_doc(tmp_path, LABELS, LABELLED) == [(8, 9, "TL202")]
    text, remaining = fixed_doc(tmp_path, LABELS, LABELLED, "--unsafe-fixes")
    assert remaining == []
    assert text == LABELLED.replace("✅ Finished", "✅ Completed")


def test_without_labels_the_other_label_is_reported(tmp_path: Path) -> None:
    config = LABELS.replace('labels = ["Done"]\n', "")
    assert lint_doc(tmp_path, config, LABELLED) == [
        (6, 9, "TL202"),
        (7, 9, "TL202"),
        (8, 9, "TL202"),
    ]


# --- 2. columns.numbering ------------------------------------------------------------------

NUMBERED = (
    """\
[profile]
name = "numbered"
columns = {{ item = "Item", number = "#"{numbering} }}
"""
    + TWO_STATUSES
)


def numbered(first: tuple[int, int], second: tuple[int, int]) -> str:
    head = "| # | Item | Status |\n|---|---|---|\n"
    a, b = first
    c, d = second
    return (
        f"# T\n\n## A\n\n{head}| {a} | a | ✅ |\n| {b} | b | ✅ |\n"
        f"\n## B\n\n{head}| {c} | c | ✅ |\n| {d} | d | ✅ |\n"
    )


@pytest.mark.parametrize(
    ("numbering", "first", "second", "expected"),
    [
        (', numbering = "continuous"', (1, 2), (3, 4), []),
        (', numbering = "continuous"', (1, 2), (1, 2), [(14, 3, "TL105")]),
        (', numbering = "continuous"', (1, 2), (4, 5), [(14, 3, "TL105")]),
        (', numbering = "per-list"', (1, 2), (1, 2), []),
        ("", (1, 2), (1, 2), []),  # per-list is the default
        ("", (1, 2), (3, 4), [(14, 3, "TL105")]),
    ],
)
def test_numbering_per_list_or_continuous(
    tmp_path: Path,
    numbering: str,
    first: tuple[int, int],
    second: tuple[int, int],
    expected: Found,
) -> None:
    config = NUMBERED.format(numbering=numbering)
    assert lint_doc(tmp_path, config, numbered(first, second)) == expected


# --- 3. No status column: the numbers of a count table (TL601, TL602) ---------------------

COUNTS = """\
[profile]
name = "counts"
columns = { item = "Category", number = "", status = "", required = ["Total", "Completed"] }

[[profile.statuses]]
id = "done"
symbol = "✅"
label = "Complete"
progress = "done"

[profile.numbers]
whole = "Total"
parts = ["Completed", "Pending"]
done = "Completed"
percent = "Progress"
total-rows = ["Total"]
"""

COUNT_HEAD = "# T\n\n| Category | Total | Completed | Pending | Progress |\n|---|---|---|---|---|\n"


def test_a_row_whose_parts_or_percentage_disagree(tmp_path: Path) -> None:
    doc = COUNT_HEAD + (
        "| Guides | 4 | 3 | 2 | 75% |\n"  # 3 + 2 is not 4: either may be wrong, no fix
        "| Setup | 2 | 1 | 1 | 40% |\n"  # 1/2 is 50%
        "| Docs | 3 | 1 | 2 | 33.3% |\n"
        "| API | 3 | 2 | 1 | 66,6% |\n"  # 66,7 with the decimal comma kept
    )
    assert lint_doc(tmp_path, COUNTS, doc) == [
        (5, 12, "TL601"),
        (6, 23, "TL601"),
        (8, 21, "TL601"),
    ]
    text, remaining = fixed_doc(tmp_path, COUNTS, doc)
    assert text == doc.replace("| 40% |", "| 50% |").replace("66,6%", "66,7%")
    assert remaining == [(5, 12, "TL601")]


def test_a_total_row_is_the_sum_of_the_rows_above_and_is_fixed_in_place(tmp_path: Path) -> None:
    doc = COUNT_HEAD + (
        "| Guides | 1,000 | 1,000 | 0 | 100% |\n"
        "| Setup | 204 | 4 | 200 | 2% |\n"
        "| **Total** | **1,200** | **1,004** | **201** | **84%** |\n"
    )
    assert lint_doc(tmp_path, COUNTS, doc) == [
        (7, column_of(doc, 7, "**1,200**", 2), "TL602"),
        (7, column_of(doc, 7, "**201**", 2), "TL602"),
        (7, column_of(doc, 7, "**84%**", 2), "TL602"),
    ]
    text, remaining = fixed_doc(tmp_path, COUNTS, doc)
    assert remaining == []
    assert text == COUNT_HEAD + (
        "| Guides | 1,000 | 1,000 | 0 | 100% |\n"
        "| Setup | 204 | 4 | 200 | 2% |\n"
        "| **Total** | **1,204** | **1,004** | **200** | **83%** |\n"
    )


def test_a_total_row_without_a_separator_gets_none(tmp_path: Path) -> None:
    doc = COUNT_HEAD + (
        "| Guides | 1,000 | 1,000 | 0 | 100% |\n"
        "| Setup | 204 | 4 | 200 | 2% |\n"
        "| Total | 1000 | 1004 | 200 | 83% |\n"
    )
    text, remaining = fixed_doc(tmp_path, COUNTS, doc)
    assert remaining == []
    assert text.endswith("| Total | 1204 | 1004 | 200 | 83% |\n")


def test_a_cell_that_is_not_a_plain_number_leaves_its_column_unchecked(tmp_path: Path) -> None:
    doc = COUNT_HEAD + (
        "| Guides | 1+ | 0 | 1 | 0% |\n"
        "| Setup | 2 | ~1 | 1 | 50% |\n"
        "| **Total** | **9** | **9** | **5** | **9%** |\n"
    )
    # Total and Completed are not sums anyone can check, nor is the percentage; the
    # Pending column is: 1 + 1.
    assert lint_doc(tmp_path, COUNTS, doc) == [(7, column_of(doc, 7, "**5**", 2), "TL602")]
    text, _ = fixed_doc(tmp_path, COUNTS, doc)
    assert text == doc.replace("**5**", "**2**")


def test_a_second_total_row_sums_the_rows_since_the_previous_one(tmp_path: Path) -> None:
    doc = COUNT_HEAD + (
        "| A | 2 | 1 | 1 | 50% |\n"
        "| **Total** | **2** | **1** | **1** | **50%** |\n"
        "| B | 3 | 3 | 0 | 100% |\n"
        "| C | 1 | 0 | 1 | 0% |\n"
        "| **Total** | **4** | **3** | **2** | **75%** |\n"  # Pending is 0 + 1
    )
    assert lint_doc(tmp_path, COUNTS, doc) == [(9, column_of(doc, 9, "**2**", 2), "TL602")]
    text, remaining = fixed_doc(tmp_path, COUNTS, doc)
    assert remaining == []
    assert text == doc.replace("**2** | **75%**", "**1** | **75%**")


@pytest.mark.parametrize(
    "rows",
    [
        # the total first, the rows it totals below it
        "| **Total** | **6** | **4** | **2** | **67%** |\n"
        "| Guides | 4 | 3 | 1 | 75% |\n"
        "| Setup | 2 | 1 | 1 | 50% |\n",
        # a grand total right after the last subtotal
        "| Guides | 4 | 3 | 1 | 75% |\n"
        "| Setup | 2 | 1 | 1 | 50% |\n"
        "| **Total** | **6** | **4** | **2** | **67%** |\n"
        "| **Total** | **6** | **4** | **2** | **67%** |\n",
    ],
    ids=["total-first", "grand-total"],
)
def test_a_total_row_with_no_rows_to_total_is_not_rewritten_to_zero(
    tmp_path: Path, rows: str
) -> None:
    doc = COUNT_HEAD + rows
    assert lint_doc(tmp_path, COUNTS, doc) == []
    assert fixed_doc(tmp_path, COUNTS, doc) == (doc, [])


def test_a_number_in_a_comment_of_a_total_cell_is_left_alone(tmp_path: Path) -> None:
    doc = COUNT_HEAD + (
        "| Guides | 4 | 3 | 1 | 75% |\n"
        "| Setup | 2 | 1 | 1 | 50% |\n"
        "| **Total** | <!-- was 17 --> **7** | **4** | **2** | **67%** |\n"
    )
    assert lint_doc(tmp_path, COUNTS, doc) == [(7, column_of(doc, 7, "**7**", 2), "TL602")]
    text, _ = fixed_doc(tmp_path, COUNTS, doc)
    assert text == doc.replace("**7**", "**6**")


# --- 4. TL203: a row's status against its percentage --------------------------------------

PHASES = (
    """\
[profile]
name = "phases"
columns = { item = "Phase", number = "" }
"""
    + THREE_STATUSES
    + """
[profile.numbers]
percent = "Progress"
"""
)


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("| P | ✅ Completed | 95% |", [(5, 7, "TL203")]),
        ("| P | 🔄 In Progress | 100% |", [(5, 7, "TL203")]),
        ("| P | ⬜ Not Started | 5% |", [(5, 7, "TL203")]),
        ("| P | ⬜ Not Started | 1/7 |", [(5, 7, "TL203")]),
        ("| P | ✅ Completed | 6/7 |", [(5, 7, "TL203")]),
        ("| P | ✅ Completed | 0/0 |", []),  # 0 of 0: nothing to do, nothing done
        ("| P | ✅ Completed | 100% |", []),
        ("| P | ✅ Completed | 7/7 |", []),
        ("| P | ✅ Completed | 7/7 (100%) |", []),
        ("| P | 🔄 In Progress | 50% |", []),
        ("| P | 🔄 In Progress | 0% |", []),  # started, nothing counted yet
        ("| P | 🔄 In Progress | 3/7 (43%) |", []),
        ("| P | ⬜ Not Started | 0% |", []),
        ("| P | ⬜ Not Started | 0/7 |", []),
        ("| P | ✅ Completed | - |", []),  # no number, nothing to compare
        ("| P | ✅ Completed | |", []),
    ],
)
def test_a_status_needs_the_progress_its_numbers_show(
    tmp_path: Path, row: str, expected: Found
) -> None:
    doc = f"# T\n\n| Phase | Status | Progress |\n|---|---|---|\n{row}\n"
    assert lint_doc(tmp_path, PHASES, doc) == expected


def test_a_status_against_done_and_whole_counts(tmp_path: Path) -> None:
    config = PHASES.replace('percent = "Progress"', 'done = "Done"\nwhole = "Items"')
    doc = (
        "# T\n\n| Phase | Status | Done | Items |\n|---|---|---|---|\n"
        "| A | ✅ Completed | 3 | 4 |\n"
        "| B | 🔄 In Progress | 4 | 4 |\n"
        "| C | ⬜ Not Started | 1 | 4 |\n"
        "| D | ✅ Completed | 4 | 4 |\n"
        "| E | 🔄 In Progress | 2 | 4 |\n"
        "| F | ⬜ Not Started | 0 | 4 |\n"
    )
    assert lint_doc(tmp_path, config, doc) == [(5, 7, "TL203"), (6, 7, "TL203"), (7, 7, "TL203")]


# --- 5. Totals that sum a column; check = false; check = "count" -------------------------

SUMS = (
    """\
[profile]
name = "sums"
columns = { item = "Area", number = "", required = ["Files"] }
"""
    + TWO_STATUSES
    + """
[profile.totals]
heading = "Stats"
items = [
    { label = "Areas", count = "all" },
    { label = "Files", count = "all", sum = "Files" },
    { label = "Files done", count = ["done"], sum = "Files", of = "all", format = "fraction" },
    { label = "Budget", count = "all", check = false },
    { label = "Reviewed", count = ["done"], of = "all", format = "fraction", check = false },
    { label = "Priority", count = ["done"], of = "all", check = "count" },
    { label = "Migrated", count = ["done"], of = "all", format = "fraction", check = "count" },
]
"""
)

AREAS = """
## Areas

| Area | Files | Status |
|---|---|---|
| a | 1,000 | ✅ Done |
| b | 4 | ⬜ Todo |
| c | 6 | ✅ Done |
"""


def sums_doc(stats: str) -> str:
    return f"# T\n\n## Stats\n\n{stats}{AREAS}"


def test_a_total_that_sums_a_column(tmp_path: Path) -> None:
    doc = sums_doc("- **Areas**: 3\n- **Files**: 1,200\n- **Files done**: 3/1,200 (1%)\n")
    assert lint_doc(tmp_path, SUMS, doc) == [(6, 14, "TL401"), (7, 19, "TL401")]
    text, remaining = fixed_doc(tmp_path, SUMS, doc)
    assert remaining == []
    assert text == sums_doc(
        "- **Areas**: 3\n- **Files**: 1,010\n- **Files done**: 1006/1,010 (99%)\n"
    )  # (99.6% is not 100% while files remain)


def test_the_true_sums_are_clean(tmp_path: Path) -> None:
    doc = sums_doc("- **Areas**: 3\n- **Files**: 1010\n- **Files done**: 1,006/1,010 (99%)\n")
    assert lint_doc(tmp_path, SUMS, doc) == []
    almost = doc.replace("(99%)", "(100%)")  # 99.6%: never shown as done
    assert [c for _, _, c in lint_doc(tmp_path, SUMS, almost)] == ["TL401"]


def test_a_total_with_check_false_is_never_reported_nor_fixed(tmp_path: Path) -> None:
    doc = sums_doc(
        "- **Areas**: 3\n- **Budget**: 99\n- **Reviewed**: 7/9 (50%)\n- **Budget**: n/a\n"
    )
    assert lint_doc(tmp_path, SUMS, doc) == []
    assert fixed_doc(tmp_path, SUMS, doc, "--unsafe-fixes") == (doc, [])


def test_check_count_keeps_the_written_denominator(tmp_path: Path) -> None:
    doc = sums_doc(
        "- **Priority**: 35% (14/40 priority documents)\n"
        "- **Migrated**: 14/40 (35%)\n"
        "- **Migrated**: 2/40 (50%)\n"  # the count is right, its percentage is not
    )
    assert lint_doc(tmp_path, SUMS, doc) == [(5, 17, "TL401"), (6, 17, "TL401"), (7, 17, "TL401")]
    text, remaining = fixed_doc(tmp_path, SUMS, doc)
    assert remaining == []
    assert text == sums_doc(
        "- **Priority**: 5% (2/40 priority documents)\n"
        "- **Migrated**: 2/40 (5%)\n"
        "- **Migrated**: 2/40 (5%)\n"
    )


def test_a_summed_column_with_a_cell_that_is_not_a_plain_number_is_not_checked(
    tmp_path: Path,
) -> None:
    doc = sums_doc("- **Areas**: 3\n- **Files**: 1,056\n").replace("| 4 |", "| ~50 |")
    assert lint_doc(tmp_path, SUMS, doc) == []
    assert fixed_doc(tmp_path, SUMS, doc) == (doc, [])


# --- 6. scope = "section" ------------------------------------------------------------------

SECTIONS = (
    """\
[profile]
name = "sections"
columns = { item = "Item", number = "" }
"""
    + TWO_STATUSES
    + """
[profile.totals]
heading = "Stats"
items = [
    { label = "Done", count = ["done"], of = "all", format = "fraction" },
    { label = "Progress", scope = "section", count = ["done"], of = "all", format = "fraction" },
]
"""
)

SECTIONED = """\
# T

## Stats

- **Done**: 3/5
- **Progress**: 9/9

## A

| Item | Status |
|---|---|
| a | ✅ Done |
| b | ⬜ Todo |

- **Progress**: 2/2 (100%)

## B

| Item | Status |
|---|---|
| c | ✅ Done |
| d | ✅ Done |
| e | ⬜ Todo |

- **Progress**: 2/3 (67%)

## Notes

- **Progress**: 7/8
"""


def test_a_section_scoped_total_counts_the_items_of_its_section(tmp_path: Path) -> None:
    # Stats and Notes have no items: their Progress is about something else.
    assert lint_doc(tmp_path, SECTIONS, SECTIONED) == [(15, 17, "TL401")]
    text, remaining = fixed_doc(tmp_path, SECTIONS, SECTIONED)
    assert remaining == []
    assert text == SECTIONED.replace("2/2 (100%)", "1/2 (50%)")


def test_a_section_scoped_total_in_the_totals_list_counts_its_section(tmp_path: Path) -> None:
    config = SECTIONS.replace('heading = "Stats"', 'heading = "Sprint"')
    doc = (
        "# T\n\n## Sprint\n\n- **Done**: 1/3\n- **Progress**: 2/2\n\n"
        "| Item | Status |\n|---|---|\n| a | ✅ Done |\n| b | ⬜ Todo |\n"
        "\n## Later\n\n| Item | Status |\n|---|---|\n| c | ⬜ Todo |\n"
    )
    assert lint_doc(tmp_path, config, doc) == [(6, 17, "TL401")]
    text, remaining = fixed_doc(tmp_path, config, doc)
    assert remaining == []
    assert text == doc.replace("**Progress**: 2/2", "**Progress**: 1/2")


def test_sections_with_the_same_title_are_counted_apart(tmp_path: Path) -> None:
    doc = (
        "# T\n\n## Stats\n\n- **Done**: 2/4\n"
        "\n## Phase 1\n\n### Tasks\n\n| Item | Status |\n|---|---|\n"
        "| a | ✅ Done |\n| b | ✅ Done |\n\n- **Progress**: 2/2\n"
        "\n## Phase 2\n\n### Tasks\n\n| Item | Status |\n|---|---|\n"
        "| c | ⬜ Todo |\n| d | ⬜ Todo |\n\n- **Progress**: 0/2\n"
    )
    assert lint_doc(tmp_path, SECTIONS, doc) == []


# --- 7. format = "status" (TL204) ---------------------------------------------------------

STATUS_LINES = (
    """\
[profile]
name = "status-lines"
items = ["task-items"]
unique = "section"
"""
    + THREE_STATUSES
    + """
[[profile.statuses]]
id = "checked"
symbol = "[x]"
label = ""
progress = "done"

[[profile.statuses]]
id = "unchecked"
symbol = "[ ]"
label = ""
progress = "none"

[profile.totals]
heading = "Phases"
unknown-labels = "ignore"
items = [
    { label = "Status", scope = "section", count = ["checked", "unchecked"], source = "written", format = "status" },
]
"""
)


@pytest.mark.parametrize(
    ("status", "boxes", "expected"),
    [
        ("✅ Completed", "xx", []),
        ("✅ Completed", "x ", [(4, 13, "TL204")]),
        ("✅ Completed", "  ", [(4, 13, "TL204")]),
        ("🔄 In Progress", "x ", []),
        ("🔄 In Progress", "xx", [(4, 13, "TL204")]),
        ("🔄 In Progress", "  ", [(4, 13, "TL204")]),
        ("⬜ Not Started", "  ", []),
        ("⬜ Not Started", " x", [(4, 13, "TL204")]),
        ("⬜ Not Started", "xx", [(4, 13, "TL204")]),
        ("🚀 Launched", "x ", []),  # not a status of the vocabulary: not TL204's to say
        ("Whatever", "xx", []),
        ("✅ Completed", "", []),  # a section with no boxes: nothing to compare
    ],
)
def test_a_status_line_against_the_boxes_of_its_section(
    tmp_path: Path, status: str, boxes: str, expected: Found
) -> None:
    tasks = "".join(f"- [{box}] task {i}\n" for i, box in enumerate(boxes))
    doc = f"# Plan\n\n## Phase 1\n**Status**: {status}\n\n{tasks}\n## Phase 2\n\n- [x] other\n"
    assert lint_doc(tmp_path, STATUS_LINES, doc) == expected


def test_a_status_line_counts_the_boxes_of_its_subsections(tmp_path: Path) -> None:
    doc = (
        "# Plan\n\n## Phase 1\n**Status**: ✅ Completed\n\n### Backend\n\n- [x] Login\n"
        "- [ ] Password reset\n\n## Phase 2\n\n- [x] other\n"
    )
    assert lint_doc(tmp_path, STATUS_LINES, doc) == [(4, 13, "TL204")]


def test_a_checkbox_item_is_read_once_by_two_sources(tmp_path: Path) -> None:
    config = STATUS_LINES.replace(
        'items = ["task-items"]', 'items = ["task-items", "status-items"]'
    )
    config = config.replace(
        'items = [\n    { label = "Status"',
        'items = [\n    { label = "Tasks", count = "all" },\n    { label = "Status"',
    )
    doc = "# Plan\n\n## Phases\n\n- **Tasks**: 2\n\n## Work\n\n- [x] one\n- ✅ two\n"
    assert lint_doc(tmp_path, config, doc) == []


def test_without_a_status_column_a_table_needs_required_columns(tmp_path: Path) -> None:
    (tmp_path / ".tracker-lint.toml").write_text(
        '[profile]\ncolumns = { status = "" }\n' + TWO_STATUSES, encoding="utf-8"
    )
    (tmp_path / DOC).write_text("| Name | Value |\n|---|---|\n| a | 1 |\n", encoding="utf-8")
    result = run(DOC, cwd=tmp_path)
    assert result.returncode == 2
    assert "columns.required" in result.stderr


# --- 8. [profile.summary] (TL603) ---------------------------------------------------------

SUMMARY = """\
[profile]
name = "summary"
items = ["task-items"]
unique = "section"

[[profile.statuses]]
id = "checked"
symbol = "[x]"
label = ""
progress = "done"

[[profile.statuses]]
id = "unchecked"
symbol = "[ ]"
label = ""
progress = "none"

[profile.summary]
section = { from = "Phase" }
percent = "Progress"
count = "Items"
done = "Done"
flags = [
    { column = "Complete", when = "all-done" },
    { column = "Active", when = "some-started" },
    { column = "Started", when = "any-started" },
]
"""

SUMMARY_HEAD = (
    "# Plan\n\n| Phase | Progress | Items | Done | Complete | Active | Started |\n"
    "|---|---|---|---|---|---|---|\n"
)
PHASE_SECTIONS = """
## Phase 10: Launch

- [x] c

## Phase 1: Backend

- [x] a
- [ ] b

## Miscellaneous

- [ ] d

## Phase 2

### Sub

- [x] e
- [ ] f
"""


@pytest.mark.parametrize(
    "row",
    [
        "| Phase 1 | 50% | 2 | 1 | ⬜ | ✅ | ✅ |",  # not Phase 10, written first
        "| Phase 10 | 100% | 1 | 1 | ✅ | ⬜ | ✅ |",
        "| misc | 0% | 1 | 0 | ⬜ | ⬜ | ⬜ |",  # names Miscellaneous
        "| **Phase 2** | 50.0% | 2 | 1 | ⬜ | ✅ | ✅ |",  # Sub's boxes are Phase 2's
        "| Phase 9 | 10% | 5 | 5 | ✅ | ✅ | ⬜ |",  # no such heading: not checked
        "| Phase 3 | 100% | 1 | 1 | ✅ | ⬜ | ✅ |",  # Phase 3 does not name Phase 10
    ],
)
def test_a_summary_row_that_agrees_with_its_section(tmp_path: Path, row: str) -> None:
    assert lint_doc(tmp_path, SUMMARY, SUMMARY_HEAD + row + "\n" + PHASE_SECTIONS) == []


def test_a_name_never_names_a_heading_with_a_longer_number(tmp_path: Path) -> None:
    # Were "Phase 1" read as "Phase 10: Launch" (0 of 1 done), every cell would be wrong.
    doc = (
        SUMMARY_HEAD
        + "| Phase 1 | 100% | 1 | 1 | ✅ | ⬜ | ✅ |\n"
        + "| Phase 10 | 100% | 1 | 1 | ✅ | ⬜ | ✅ |\n"
        + "\n## Phase 10: Launch\n\n- [ ] c\n"
    )
    assert lint_doc(tmp_path, SUMMARY, doc) == [
        (6, 14, "TL603"),
        (6, 25, "TL603"),
        (6, 29, "TL603"),
        (6, 37, "TL603"),
    ]


def test_a_summary_row_that_disagrees_with_its_section(tmp_path: Path) -> None:
    rows = (
        "| Phase 1 | 100% | 3 | 2 | ✅ | ⬜ | ⬜ |\n"  # everything wrong: 1 of 2 done
        "| Phase 2 | 0.0% | 2 | 0 | ⬜ | ⬜ | ⬜ |\n"  # percent, done and two flags
        "| misc | 0% | 1 | 0 | ✅ | ⬜ | ⬜ |\n"  # all-done with nothing done
    )
    doc = SUMMARY_HEAD + rows + PHASE_SECTIONS
    expected = [
        (5, 13, "TL603"),  # Progress 100%
        (5, 20, "TL603"),  # Items 3
        (5, 24, "TL603"),  # Done 2
        (5, 28, "TL603"),  # Complete ✅
        (5, 32, "TL603"),  # Active ⬜
        (5, 36, "TL603"),  # Started ⬜
        (6, 13, "TL603"),  # Progress 0.0%
        (6, 24, "TL603"),  # Done 0
        (6, 32, "TL603"),  # Active ⬜
        (6, 36, "TL603"),  # Started ⬜
        (7, 23, "TL603"),  # Complete ✅
    ]
    assert lint_doc(tmp_path, SUMMARY, doc) == expected
    # The fixes are unsafe: --fix alone changes nothing ...
    assert fixed_doc(tmp_path, SUMMARY, doc) == (doc, expected)
    # ... --unsafe-fixes rewrites the numbers, never a yes/no symbol.
    text, remaining = fixed_doc(tmp_path, SUMMARY, doc, "--unsafe-fixes")
    assert (
        text
        == SUMMARY_HEAD
        + (
            "| Phase 1 | 50% | 2 | 1 | ✅ | ⬜ | ⬜ |\n"
            "| Phase 2 | 50.0% | 2 | 1 | ⬜ | ⬜ | ⬜ |\n"
            "| misc | 0% | 1 | 0 | ✅ | ⬜ | ⬜ |\n"
        )
        + PHASE_SECTIONS
    )
    assert remaining == [
        (5, 27, "TL603"),
        (5, 31, "TL603"),
        (5, 35, "TL603"),
        (6, 33, "TL603"),
        (6, 37, "TL603"),
        (7, 23, "TL603"),
    ]


MIGRATION = """\
[profile]
name = "migration"
columns = { item = "Source", number = "" }

[[profile.statuses]]
id = "completed"
symbol = "✅"
label = "Completed"
progress = "done"

[[profile.statuses]]
id = "in-progress"
label = "In Progress"
words = ["In Progress"]

[[profile.statuses]]
id = "not-started"
symbol = "❌"
label = "Not Started"
progress = "none"

[profile.summary]
section = { from = "Section", pattern = '^\\d+_(.+)$' }
count = "Files"
flags = [
    { column = "In Progress", when = "some-started" },
    { column = "Completed", when = "all-done" },
]
"""

MIGRATED = """
### Examples

| Source | Status |
|---|---|
| a.md | ✅ Completed |
| b.md | In Progress |

### Miscellaneous

| Source | Status |
|---|---|
| c.md | ✅ Completed |
"""


def test_a_summary_pattern_takes_the_name_from_the_cell(tmp_path: Path) -> None:
    head = "# M\n\n| Section | In Progress | Completed | Files |\n|---|---|---|---|\n"
    good = "| 02_examples | ✅ | ⬜ | 2 |\n| 99_misc | ⬜ | ✅ | 1 |\n| notes | ✅ | ✅ | 9 |\n"
    assert lint_doc(tmp_path, MIGRATION, head + good + MIGRATED) == []
    bad = "| 02_examples | ⬜ | ✅ | 3 |\n| 99_misc | ✅ | ⬜ | 1 |\n"
    assert lint_doc(tmp_path, MIGRATION, head + bad + MIGRATED) == [
        (5, 17, "TL603"),
        (5, 21, "TL603"),
        (5, 25, "TL603"),
        (6, 13, "TL603"),
        (6, 17, "TL603"),
    ]


# --- 9. dates.required ---------------------------------------------------------------------

DATED = """\
[profile]
name = "dated"
columns = {{ item = "Topic", number = "", date = "Completion Date" }}
dates = {{ empty = ["-"]{required} }}

[[profile.statuses]]
id = "complete"
symbol = "✅"
label = "Complete"
progress = "done"

[[profile.statuses]]
id = "in-progress"
symbol = "🔄"
label = "In Progress"

[[profile.statuses]]
id = "pending"
symbol = "⏳"
label = "Pending"
progress = "none"
"""

DATED_DOC = """\
# T

| Topic | Status | Completion Date |
|---|---|---|
| a | 🔄 In Progress | |
| b | ✅ Complete | |
| c | ✅ Complete | - |
| d | ⏳ Pending | |
| e | ✅ Complete | 2025-01-02 |
| f | 🔄 In Progress | 2025-01-03 |
"""


@pytest.mark.parametrize(
    ("required", "expected"),
    [
        (', required = "done"', [(6, 19, "TL301"), (7, 20, "TL301")]),
        (', required = "progress"', [(5, 22, "TL301"), (6, 19, "TL301"), (7, 20, "TL301")]),
        ("", [(5, 22, "TL301"), (6, 19, "TL301"), (7, 20, "TL301")]),
    ],
)
def test_which_rows_need_a_date(tmp_path: Path, required: str, expected: Found) -> None:
    assert lint_doc(tmp_path, DATED.format(required=required), DATED_DOC) == expected


# --- 10. Several stage symbols for one state ----------------------------------------------

STAGES = (
    """\
[profile]
name = "stages"

[profile.stages]
columns = ["Module"]
symbols = [
    {{ symbol = "✅", state = "done" }},
    {{ symbol = "{second}", state = "done" }},
    {{ symbol = "⬜", state = "todo" }},
]
"""
    + TWO_STATUSES
    + """
[[profile.derive]]
when = ["done"]
status = "done"

[[profile.derive]]
when = ["todo"]
status = "todo"

[profile.totals]
heading = "Stats"
items = [{{ label = "Done", count = ["done"] }}]
"""
)

STAGED = """\
# T

## Stats

- **Done**: 2

## A

| # | Page | Module | Status |
|---|---|---|---|
| 1 | a | ✅ | ✅ Done |
| 2 | b | ☑️ | ✅ Done |
| 3 | c | ⬜ | ⬜ Todo |
"""


def test_two_symbols_may_mean_one_state(tmp_path: Path) -> None:
    assert lint_doc(tmp_path, STAGES.format(second="☑️"), STAGED) == []
    profile = validate_profile(
        {
            "stages": {
                "columns": ["Module"],
                "symbols": [
                    {"symbol": "✅", "state": "done"},
                    {"symbol": "☑️", "state": "done"},
                    {"symbol": "⬜", "state": "todo"},
                ],
            },
            "statuses": [{"id": "done", "symbol": "✅"}],
            "derive": [{"when": ["done"], "status": "done"}],
        },
        "stages",
    )
    assert profile.index.stage_states == {"✅": "done", "☑": "done", "⬜": "todo"}


def test_one_symbol_twice_is_still_refused(tmp_path: Path) -> None:
    (tmp_path / ".tracker-lint.toml").write_text(STAGES.format(second="✅"), encoding="utf-8")
    (tmp_path / DOC).write_text(STAGED, encoding="utf-8")
    result = run(DOC, cwd=tmp_path)
    assert result.returncode == 2
    assert "stage symbol '✅' is defined twice" in result.stderr


# --- A property: a total row is clean exactly when it holds the sums ---------------------

COUNT_PROFILE = validate_profile(
    {
        "columns": {
            "item": "Category",
            "number": "",
            "status": "",
            "required": ["Total", "Completed"],
        },
        "statuses": [{"id": "done", "symbol": "✅", "progress": "done"}],
        "numbers": {
            "whole": "Total",
            "parts": ["Completed", "Pending"],
            "total-rows": ["Total"],
        },
    },
    "counts",
)
COUNT_SETTINGS = Settings(profile=COUNT_PROFILE, today=TODAY)


def _written(value: int, separator: bool) -> str:
    return f"{value:,}" if separator else str(value)


@hypothesis_settings(max_examples=examples(ci=200, fast=40), deadline=None)
@given(
    rows=st.lists(
        st.tuples(st.integers(0, 2_000), st.integers(0, 2_000), st.booleans()),
        min_size=1,
        max_size=6,
    ),
    written=st.lists(st.one_of(st.none(), st.integers(0, 10_000)), min_size=3, max_size=3),
    bold=st.booleans(),
    separators=st.booleans(),
)
def test_a_total_row_is_flagged_exactly_on_the_cells_that_are_not_the_sums(
    rows: list[tuple[int, int, bool]],
    written: list[int | None],
    bold: bool,
    separators: bool,
) -> None:
    lines = ["# T", "", "| Category | Total | Completed | Pending |", "|---|---|---|---|"]
    for i, (done, pending, commas) in enumerate(rows):
        cells = [_written(n, commas) for n in (done + pending, done, pending)]
        lines.append(f"| Row {i} | " + " | ".join(cells) + " |")
    done_sum = sum(r[0] for r in rows)
    pending_sum = sum(r[1] for r in rows)
    sums = [done_sum + pending_sum, done_sum, pending_sum]
    # None: the true sum; a number: that number, which may happen to be the sum
    values = [true if w is None else w for true, w in zip(sums, written, strict=True)]
    mark = "**" if bold else ""
    row = f"| {mark}Total{mark} |"
    wrong: list[tuple[int, int, str]] = []
    for value, true in zip(values, sums, strict=True):
        row += " "
        if value != true:
            wrong.append((len(lines) + 1, len(row) + len(mark) + 1, "TL602"))
        row += f"{mark}{_written(value, separators)}{mark} |"
    lines.append(row)
    text = "\n".join(lines) + "\n"

    found = [(f.line, f.column, f.code) for f in lint(text, COUNT_SETTINGS)]
    assert found == wrong
    result = fix_text(text, COUNT_SETTINGS)
    assert lint(result.text, COUNT_SETTINGS) == []
    assert result.text.splitlines()[:-1] == lines[:-1]  # only the total row changes


# --- what the review of the numbers rules found (no wrong safe fix) -------------------------


def test_a_row_whose_parts_disagree_feeds_no_percentage_and_no_total(tmp_path: Path) -> None:
    doc = COUNT_HEAD + (
        "| Guides | 40 | 3 | 1 | 75% |\n| Setup | 2 | 1 | 1 | 50% |\n"
        "| **Total** | **6** | **4** | **2** | **67%** |\n"
    )
    assert lint_doc(tmp_path, COUNTS, doc) == [(5, 12, "TL601")]  # the parts; nothing else
    fixed, _ = fixed_doc(tmp_path, COUNTS, doc)
    assert fixed == doc


def test_a_shifted_row_or_a_shifted_total_row_is_no_sum(tmp_path: Path) -> None:
    shifted = COUNT_HEAD + (
        "| Guides | 4 | 3 | 1 | 75% | extra |\n| Setup | 2 | 1 | 1 | 50% |\n"
        "| **Total** | **9** | **4** | **2** | **67%** |\n"
    )
    assert "TL602" not in {c for _, _, c in lint_doc(tmp_path, COUNTS, shifted)}
    ragged = COUNT_HEAD + "| Guides | 4 | 3 | 1 | 75% |\n| **Total** | | 6 | 4 | 67% |\n"
    assert "TL602" not in {c for _, _, c in lint_doc(tmp_path, COUNTS, ragged)}


@pytest.mark.parametrize("cell", ["~~50%~~ 75%", "target 90%, now 50%", "`50%` 75%", "1/2 or 3/4"])
def test_a_cell_with_two_shares_or_a_struck_one_is_not_read(tmp_path: Path, cell: str) -> None:
    doc = COUNT_HEAD + f"| Guides | 4 | 3 | 1 | {cell} |\n"
    assert lint_doc(tmp_path, COUNTS, doc) == []


@pytest.mark.parametrize(
    ("counts", "written", "expected"),
    [
        ("199 | 1", "99%", []),  # 99.5% is never 100% for a part
        ("199 | 1", "100%", [(5, 28, "TL601")]),
        ("1 | 299", "1%", []),  # 0.33% is never 0% for something
        ("1 | 7", "12%", []),  # 12.5%: a tie, either way
        ("1 | 7", "13%", []),
    ],
)
def test_a_percentage_is_never_rounded_into_another_status(
    tmp_path: Path, counts: str, written: str, expected: Found
) -> None:
    done, pending = counts.split(" | ")
    whole = int(done) + int(pending)
    doc = COUNT_HEAD + f"| Guides | {whole} | {done} | {pending} | {written} |\n"
    assert lint_doc(tmp_path, COUNTS, doc) == expected


def test_a_grand_total_sums_every_row_a_subtotal_its_own(tmp_path: Path) -> None:
    config = COUNTS.replace('total-rows = ["Total"]', 'total-rows = ["Subtotal", "Grand Total"]')
    doc = COUNT_HEAD + (
        "| A1 | 2 | 1 | 1 | 50% |\n| A2 | 3 | 3 | 0 | 100% |\n"
        "| Subtotal | 5 | 4 | 1 | 80% |\n| B1 | 4 | 0 | 4 | 0% |\n"
        "| Grand Total | 9 | 4 | 5 | 44% |\n"
    )
    assert lint_doc(tmp_path, config, doc) == []


def test_check_count_without_a_written_denominator_is_not_checked(tmp_path: Path) -> None:
    config = SUMS.replace(
        '{ label = "Areas", count = "all" },',
        '{ label = "Areas", count = "all" },\n    { label = "Done", count = ["done"], '
        'of = "all", check = "count" },',
    )
    assert lint_doc(tmp_path, config, sums_doc("- **Areas**: 3\n- **Done**: 40%\n")) == []


def test_a_sum_over_a_shifted_row_is_not_checked(tmp_path: Path) -> None:
    doc = sums_doc("- **Areas**: 3\n- **Files**: 1,000\n").replace(
        "| b | 4 | ⬜ Todo |", "| b | 4 | ⬜ Todo | extra |"
    )
    assert "TL401" not in {c for _, _, c in lint_doc(tmp_path, SUMS, doc)}


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        # an empty name names nothing, even a heading of emoji alone
        ("| Phase | Progress |\n|---|---|\n|  | 100% |\n", []),
        # the section column is not the first: a task table, not a summary
        ("| Task | Phase | Progress |\n|---|---|---|\n| Login | Phase 1 | 100% |\n", []),
        # a section with nothing tracked under it
        ("| Phase | Progress |\n|---|---|\n| Phase 9 | 100% |\n", []),
    ],
)
def test_rows_that_sum_up_nothing_are_not_checked(
    tmp_path: Path, table: str, expected: Found
) -> None:
    config = SUMMARY.replace('count = "Items"\ndone = "Done"\n', "").replace(
        'flags = [\n    { column = "Complete", when = "all-done" },\n'
        '    { column = "Active", when = "some-started" },\n'
        '    { column = "Started", when = "any-started" },\n]\n',
        "",
    )
    doc = (
        "# Plan\n\n## 🚀\n\n- [ ] x\n\n## Phase 1\n\n- [x] a\n- [ ] b\n\n"
        f"## Phase 9: Later\n\nNothing yet.\n\n## Summary\n\n{table}"
    )
    assert lint_doc(tmp_path, config, doc) == expected
