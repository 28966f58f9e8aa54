"""Trackers made of GitHub task lists: the built-in ``tasks`` profile and the
``items = ["task-items"]`` key of the profile language (issue 13, first shape)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import EXAMPLE_PROFILES, FIXTURES, keys, other_lines, run
from tracker_lint import Settings, check, lint
from tracker_lint.config import validate_profile
from tracker_lint.engine import looks_like_tracker, model
from tracker_lint.profile import builtin_profile

FOLDER = FIXTURES / "task-lists"
PROFILE = str(EXAMPLE_PROFILES / "task-lists.toml")
CHECKLIST = "translation-checklist.md"
TASKS = builtin_profile("tasks")


def test_task_lists_are_trackers_and_plain_lists_are_not() -> None:
    result = run("--config", PROFILE, "--show-files", ".", cwd=FOLDER)
    assert result.stdout.splitlines() == [
        "not-a-tracker  not-a-task-list.md  (profile tasks: no task-list item under a heading)",
        "tracker        translation-checklist.md  (profile tasks)",
    ]


def test_items_are_the_checkboxes_under_each_heading() -> None:
    tracker = model((FOLDER / CHECKLIST).read_text(encoding="utf-8"), TASKS)
    assert [(i.section, i.title, i.counted) for i in tracker.items] == [
        ("German (de)", "`converters.json`", "done"),
        ("German (de)", "`development.json`", "done"),
        ("German (de)", "`seo.json`", "todo"),
        ("German (de)", "`image.json`", "done"),  # [X] is checked too
        ("Korean (ko)", "`converters.json`", "done"),
        ("Korean (ko)", "`development.json`", "todo"),
        ("Korean (ko)", "`seo.json`", "todo"),
        ("Korean (ko)", "titles", "done"),  # a nested task is an item of its own
        ("Korean (ko)", "descriptions", "todo"),
        ("Korean (ko)", "`seo.json`", "todo"),
    ]
    first = tracker.items[0]
    assert first.name is not None and first.status is not None
    text = tracker.doc.text
    assert text[first.status.cell.start : first.status.cell.end] == "[x]"
    assert text[first.name.start : first.name.end] == "`converters.json`"


def test_a_name_twice_in_one_section_is_reported_and_across_sections_is_not() -> None:
    result = run("--config", PROFILE, CHECKLIST, cwd=FOLDER)
    assert result.returncode == 0  # a warning
    assert keys(result.stdout) == [(CHECKLIST, 19, 7, "TL104")]


def test_uniqueness_per_tracker_or_per_list(tmp_path: Path) -> None:
    shutil.copy(FOLDER / CHECKLIST, tmp_path / CHECKLIST)
    for unique, expected in (
        ("tracker", [(14, 7), (15, 7), (16, 7), (19, 7)]),
        ("list", [(19, 7)]),
    ):
        (tmp_path / ".tracker-lint.toml").write_text(
            _tasks_profile(f'unique = "{unique}"'), encoding="utf-8"
        )
        found = run(CHECKLIST, cwd=tmp_path)
        assert [(line, col) for _, line, col, _ in keys(found.stdout)] == expected, unique


def _tasks_profile(extra: str = "", totals: str = "") -> str:
    return f"""\
[profile]
name = "my-tasks"
items = ["task-items"]
{extra}

[[profile.statuses]]
id = "done"
symbol = "[x]"
label = ""
progress = "done"

[[profile.statuses]]
id = "todo"
symbol = "[ ]"
label = ""
progress = "none"
{totals}"""


TOTALS = """
[profile.totals]
heading = "Progress"
items = [
    { label = "Files", count = "all", source = "written" },
    { label = "Translated", count = ["done"], of = "all", source = "written" },
]
"""

WITH_TOTALS = """\
# Translation

## Progress

- **Files**: 4
- **Translated**: 3/4 (75%)

## German (de)

- [x] `converters.json`
- [ ] `seo.json`
- [x] `image.json`
"""


def test_totals_of_a_task_list_are_checked_and_fixed(tmp_path: Path) -> None:
    (tmp_path / ".tracker-lint.toml").write_text(_tasks_profile(totals=TOTALS), encoding="utf-8")
    (tmp_path / "T.md").write_text(WITH_TOTALS, encoding="utf-8")
    result = run("T.md", cwd=tmp_path)
    assert keys(result.stdout) == [("T.md", 5, 14, "TL401"), ("T.md", 6, 19, "TL401")]
    fixed = run("--fix", "T.md", cwd=tmp_path)
    assert fixed.returncode == 0
    text = (tmp_path / "T.md").read_text(encoding="utf-8")
    assert text == WITH_TOTALS.replace("**Files**: 4", "**Files**: 3").replace(
        "3/4 (75%)", "2/3 (67%)"
    )


def test_report_counts_task_items() -> None:
    result = run(
        "report",
        "--config",
        PROFILE,
        "--output-format",
        "json",
        "--today",
        "2026-11-26",
        CHECKLIST,
        cwd=FOLDER,
    )
    data = json.loads(result.stdout)
    assert [(s["name"], s["rows"], s["complete"]) for s in data["sections"]] == [
        ("German (de)", 4, 3),
        ("Korean (ko)", 6, 2),
    ]
    assert data["note"] == "Not enough dated history to forecast: the items have no dates."


def test_the_default_profile_does_not_read_task_lists() -> None:
    text = (FOLDER / CHECKLIST).read_text(encoding="utf-8")
    assert not check(text, Settings()).is_tracker
    result = run("--config", 'profile = "tasks"', str(FOLDER / CHECKLIST))
    assert other_lines(result.stdout) == ["Found 1 warning."]


def test_a_profile_may_read_tables_and_task_lists_together(tmp_path: Path) -> None:
    profile = validate_profile(
        {
            "items": ["table-rows", "task-items"],
            "columns": {"number": ""},
            "statuses": [
                {"id": "done", "symbol": "[x]", "label": ""},
                {"id": "todo", "symbol": "[ ]", "label": "", "progress": "none"},
            ],
        },
        "both",
    )
    text = "## A\n\n| Task | Status |\n|---|---|\n| one | [x] |\n\n## B\n\n- [ ] two\n"
    tracker = model(text, profile)
    assert [(i.section, i.title, i.counted) for i in tracker.items] == [
        ("A", "one", "done"),
        ("B", "two", "todo"),
    ]
    assert lint(text, Settings(profile=profile)) == []


_TASK = st.builds(
    lambda box, name: f"- [{box}] {name}",
    st.sampled_from([" ", "x", "X"]),
    st.text(st.characters(codec="utf-8", exclude_characters="\r\n"), min_size=1, max_size=20),
)


@given(st.lists(st.one_of(_TASK, st.just("## Section"), st.just(""), st.text(max_size=10))))
def test_the_pre_filter_never_rejects_a_task_list_the_model_tracks(lines: list[str]) -> None:
    text = "\n".join(lines)
    if model(text, TASKS).is_tracker:
        assert looks_like_tracker(text, TASKS)


def test_numbered_task_lists_are_items_and_never_totals() -> None:
    text = (
        "# Languages\n\n## Completion\n\n1. [x] English (en) - source\n2. [ ] Arabic (ar)\n"
        "3. Notes, not a task\n\n## Progress\n\n1. **Done**: 9\n"
    )
    tracker = model(text, TASKS)
    assert [(i.section, i.title, i.counted) for i in tracker.items] == [
        ("Completion", "English (en) - source", "done"),
        ("Completion", "Arabic (ar)", "todo"),
    ]
    with_totals = validate_profile(
        {
            "items": ["task-items"],
            "statuses": [
                {"id": "done", "symbol": "[x]", "label": "", "progress": "done"},
                {"id": "todo", "symbol": "[ ]", "label": "", "progress": "none"},
            ],
            "totals": {
                "heading": "Progress",
                "items": [{"label": "Done", "count": ["done"], "source": "written"}],
            },
        },
        "numbered",
    )
    # a numbered list under the totals heading is not read as totals (as before)
    assert model(text, with_totals).stats is None


def test_the_report_calls_task_items_items() -> None:
    result = run("report", "--config", PROFILE, "--today", "2026-11-26", CHECKLIST, cwd=FOLDER)
    overall = [line for line in result.stdout.splitlines() if line.startswith("Overall")]
    assert overall and " items " in overall[0] and " rows " not in overall[0]
