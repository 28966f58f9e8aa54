"""Each example profile on the real tracker whose shape it describes.

``examples/profiles/<name>.toml`` is written for one tracker of
``../shared/corpus/realworld``; linted with it (today 2026-11-26), that tracker
gives exactly these findings, by (line, code). Each was checked against a
count by hand of the tracker. The fixture folders (``fixtures/<name>/``) show
the same profiles on trackers of their own; these tests keep the profiles
honest on the real files. (CI sets TRACKER_LINT_REQUIRE_SHARED, so they cannot
skip there.)
"""

from __future__ import annotations

import json
import os

import pytest

from tests.conftest import EXAMPLE_PROFILES, SHARED, TODAY, run

REALWORLD = SHARED / "corpus" / "realworld"

Expected = list[tuple[int, str]]

FINDINGS: dict[tuple[str, str], Expected] = {
    # Phase 1 says ✅ Completed with its QA Review box open.
    ("translation-phases", "01-aws-iot-translation-tracker.md"): [(112, "TL204")],
    # ✅ Complete where the legend says ✅ is Verified (🟢 is Complete).
    ("legend-statuses", "02-nekketsu-translation-batches.md"): [(11, "TL202"), (12, "TL202")],
    # 02_examples not Completed with 8/8 done, 05_reference not In Progress with 1/11
    # done, 99_misc In Progress with nothing started; 14 completed, not 15, twice.
    ("docs-migration", "03-navius-docs-migration.md"): [
        (28, "TL603"), (31, "TL603"), (33, "TL603"), (39, "TL401"), (182, "TL401"),
    ],
    # Three pages logged Not Started, then again Done.
    ("migration-log", "05-balena-docs-migration-log.md"): [
        (23, "TL104"), (24, "TL104"), (25, "TL104"),
    ],
    # Every phase's status line agrees with its boxes.
    ("phase-plan", "06-teachniche-docs-migration.md"): [],
    ("task-lists", "07-optimizo-translation-checkboxes.md"): [],
    # Seven phases ✅ Completed below 100% (TL203); the Progress of phases 1-8 is not
    # the share of their boxes that are checked (TL603).
    ("phase-checklist", "09-yski-phase-checklist.md"): [
        (523, "TL203"), (523, "TL603"),
        (524, "TL603"), (524, "TL603"),
        (525, "TL203"), (525, "TL603"), (525, "TL603"),
        (526, "TL203"), (526, "TL603"), (526, "TL603"),
        (527, "TL203"), (527, "TL603"), (527, "TL603"),
        (528, "TL203"), (528, "TL603"), (528, "TL603"),
        (529, "TL203"), (529, "TL603"), (529, "TL603"),
        (530, "TL203"), (530, "TL603"), (530, "TL603"),
        (531, "TL603"), (531, "TL603"),
    ],
    # The code `l` is not one the tracker explains.
    ("letter-codes", "10-cfos-website-translation-status.md"): [
        (24, "TL103"), (29, "TL103"), (42, "TL103"), (49, "TL103"), (50, "TL103"), (51, "TL103"),
    ],
    ("count-table", "12-parseflow-translation-status.md"): [],
}  # fmt: skip


@pytest.fixture(autouse=True)
def _needs_realworld() -> None:
    if REALWORLD.is_dir():
        return
    if os.environ.get("TRACKER_LINT_REQUIRE_SHARED"):
        pytest.fail(f"TRACKER_LINT_REQUIRE_SHARED is set but {REALWORLD} is missing")
    pytest.skip("the shared real-world trackers are not present beside the project")


@pytest.mark.parametrize(
    ("profile", "document"), list(FINDINGS), ids=[f"{p}-{d[:2]}" for p, d in FINDINGS]
)
def test_example_profile_on_its_real_tracker(profile: str, document: str) -> None:
    config = EXAMPLE_PROFILES / f"{profile}.toml"
    result = run(
        "--output-format", "json", "--today", TODAY.isoformat(), "--config", str(config),
        str(REALWORLD / document),
    )  # fmt: skip
    assert result.returncode in (0, 1), result.stderr
    found = [(f["line"], f["code"]) for f in json.loads(result.stdout)]
    assert found == FINDINGS[(profile, document)]
