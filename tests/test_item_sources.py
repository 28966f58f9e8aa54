"""A new kind of tracked item needs no change in any rule: items come from a source.

The source here is test-only: GitHub task-list items (``- [x] Translate intro``),
their checkbox read as the written status. The rules, the totals and their fixes
are the ones every tracker gets, unchanged.
"""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import TODAY
from tracker_lint import Settings, check, fix_text, lint
from tracker_lint.config import validate_profile
from tracker_lint.engine import looks_like_tracker
from tracker_lint.model import (
    Item,
    ItemList,
    Layout,
    build_tracker,
    counted_status,
    read_status,
)
from tracker_lint.parse import BulletList, Cell, Document, Heading, parse
from tracker_lint.profile import Profile

PROFILE = validate_profile(
    {
        "name": "tasks",
        "statuses": [
            {"id": "done", "symbol": "[x]", "label": "", "progress": "done"},
            {"id": "todo", "symbol": "[ ]", "label": "", "progress": "none"},
        ],
        "totals": {
            "heading": "Progress",
            "items": [
                {"label": "Tasks", "count": "all"},
                {"label": "Done", "count": ["done"], "source": "written"},
                {"label": "Completion", "count": ["done"], "of": "all", "source": "written"},
            ],
        },
    },
    "tasks profile",
)


class TaskItems:
    """Items from task-list items: the checkbox is the status, the rest the name."""

    def signatures(self, profile: Profile) -> list[tuple[str, ...]]:
        return [("[",)]

    def collect(self, doc: Document, profile: Profile) -> list[ItemList]:
        lists = []
        section = ""
        layout = Layout({}, None)
        for block in doc.blocks:
            if isinstance(block, Heading):
                section = block.plain
            if not isinstance(block, BulletList) or not block.items[0].text.startswith("["):
                continue
            items = []
            for entry in block.items:
                box = Cell(entry.text[:3], entry.start, entry.start + 3)
                name = Cell(entry.text[4:], entry.start + 4, entry.end)
                status = read_status("Task", box, profile)
                items.append(
                    Item(
                        line=entry.line,
                        start=entry.start,
                        end=entry.end,
                        section=section,
                        layout=layout,
                        cells=(box, name),
                        name=name,
                        status=status,
                        counted=counted_status(profile, None, status),
                    )
                )
            first = block.items[0]
            lists.append(ItemList(items, layout, section, first.line, first.start, first.end))
        return lists


SETTINGS = Settings(profile=PROFILE, today=TODAY, sources=(TaskItems(),))
DEFAULT = Settings(today=TODAY)

TRACKER = """\
# Translation

## Progress
- **Tasks**: 3
- **Done**: 1
- **Completion**: 33%

## Work
- [x] Translate intro
- [ ] Translate outro
- [x] Review
- [?] Proofread
- [ ] translate intro
"""


def test_the_rules_check_items_of_a_new_kind() -> None:
    found = [(f.line, f.column, f.code) for f in lint(TRACKER, SETTINGS)]
    assert found == [
        (4, 14, "TL401"),  # 5 tasks
        (5, 13, "TL401"),  # 2 done
        (6, 19, "TL401"),  # 40%
        (12, 3, "TL103"),  # [?] is no status
        (13, 7, "TL104"),  # translate intro twice
    ]


def test_their_totals_are_fixed_like_any_tracker() -> None:
    fixed = fix_text(TRACKER, SETTINGS)
    assert fixed.text == TRACKER.replace("**Tasks**: 3", "**Tasks**: 5").replace(
        "**Done**: 1", "**Done**: 2"
    ).replace("**Completion**: 33%", "**Completion**: 40%")
    assert [f.code for f in fixed.remaining] == ["TL103", "TL104"]


def test_the_pre_filter_asks_the_sources() -> None:
    assert looks_like_tracker(TRACKER, PROFILE, SETTINGS.sources)
    assert not looks_like_tracker("# Notes\n\nNo tasks.\n", PROFILE, SETTINGS.sources)
    # Without the task source the same text holds no tracked items: not a tracker,
    # and its totals are reported as totals of nothing (TL405), never fixed.
    checked = check(TRACKER, replace(SETTINGS, sources=()))
    assert not checked.is_tracker
    assert [f.code for f in checked.findings] == ["TL405"]


NAMES = ["#", "Page", "Module", "Exam", "Status", "Last Updated", "Notes", "Maßnahme", "É"]


@given(
    st.lists(st.sampled_from(NAMES), min_size=1, max_size=4),
    st.permutations(["Module", "Exam", "Status"]),
    st.lists(st.sampled_from(["", " ", "**", "_"]), min_size=7, max_size=7),
    st.booleans(),
)
def test_the_pre_filter_never_rejects_what_the_model_tracks(
    extra: list[str], required: list[str], wrapping: list[str], upper: bool
) -> None:
    columns = extra[:1] + required[: len(extra)] + extra[1:]  # some lack a required name
    header = [
        f"{w}{c.upper() if upper else c}{w[::-1]}" for c, w in zip(columns, wrapping, strict=False)
    ]
    text = "| " + " | ".join(header) + " |\n|" + "---|" * len(header) + "\n"
    text += "| " + " | ".join("⬜" for _ in header) + " |\n"
    profile = DEFAULT.profile
    if build_tracker(parse(text), profile).is_tracker:
        assert looks_like_tracker(text, profile)
