"""One configuration, several tracker formats: ``[[profiles]]`` maps file globs to
profiles (issue 13, shape 7)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, keys, run

CONFIG = """\
exclude = ["docs/old/*"]

[[profiles]]
files = ["docs/*CHECKLIST*.md", "translations/*.md"]
use = "tasks"

[[profiles]]
files = ["docs/STATUS.md"]
use = { name = "status-only", columns = { number = "" }, statuses = [
    { id = "done", symbol = "✅", label = "Done", progress = "done" },
    { id = "todo", symbol = "⬜", label = "To do", progress = "none" },
] }
"""

STATUS = """\
# Status

| Item | Status |
|---|---|
| One | ✅ Done |
| Two | ⬜ Todo |
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "translations").mkdir()
    (tmp_path / ".tracker-lint.toml").write_text(CONFIG, encoding="utf-8")
    shutil.copy(FIXTURES / "stale-quick-stats.md", tmp_path / "docs" / "TRACKER.md")
    checklist = FIXTURES / "task-lists" / "translation-checklist.md"
    shutil.copy(checklist, tmp_path / "docs" / "RELEASE-CHECKLIST.md")
    shutil.copy(checklist, tmp_path / "translations" / "de.md")
    (tmp_path / "docs" / "STATUS.md").write_text(STATUS, encoding="utf-8")
    return tmp_path


def test_each_file_gets_the_profile_its_glob_names(repo: Path) -> None:
    result = run("--show-files", ".", cwd=repo)
    assert result.stdout.splitlines() == [
        "tracker        docs/RELEASE-CHECKLIST.md  (profile tasks)",
        "tracker        docs/STATUS.md  (profile status-only)",
        "tracker        docs/TRACKER.md  (profile learning-module)",
        "tracker        translations/de.md  (profile tasks)",
    ]


def test_findings_follow_each_files_profile(repo: Path) -> None:
    result = run("--today", "2026-11-26", ".", cwd=repo)
    assert keys(result.stdout) == [
        ("docs/RELEASE-CHECKLIST.md", 19, 7, "TL104"),
        ("docs/STATUS.md", 6, 11, "TL202"),
        ("docs/TRACKER.md", 5, 20, "TL401"),
        ("docs/TRACKER.md", 6, 18, "TL401"),
        ("docs/TRACKER.md", 9, 19, "TL401"),
        ("translations/de.md", 19, 7, "TL104"),
    ]


def test_the_config_command_shows_the_profile_a_file_gets(repo: Path) -> None:
    for path, name in (("docs/STATUS.md", "status-only"), ("docs/TRACKER.md", "learning-module")):
        data = json.loads(run("config", path, cwd=repo).stdout)
        assert data["profile"]["name"] == name


@pytest.mark.parametrize(
    ("config", "message"),
    [
        (
            '[[profiles]]\nfiles = ["*.md"]\nuse = "nosuch"\n',
            "profiles[0].use: unknown built-in profile 'nosuch'",
        ),
        ('[[profiles]]\nfiles = []\nuse = "tasks"\n', "profiles[0].files"),
        ('[[profiles]]\nuse = "tasks"\n', "profiles[0].files"),
        (
            '[[profiles]]\nfiles = ["*.md"]\nuse = { statuses = [{ id = "a" }, { id = "a" }] }\n',
            "profiles[0].use.statuses",
        ),
    ],
)
def test_a_wrong_profiles_entry_is_one_line_naming_it(
    tmp_path: Path, config: str, message: str
) -> None:
    (tmp_path / ".tracker-lint.toml").write_text(config, encoding="utf-8")
    shutil.copy(FIXTURES / "clean-tracker.md", tmp_path / "T.md")
    result = run("T.md", cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr


def test_the_schema_knows_profiles_entries() -> None:
    import jsonschema

    from tests.conftest import ROOT

    schema = json.loads((ROOT / "docs" / "config-schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    assert validator.is_valid({"profiles": [{"files": ["*.md"], "use": "tasks"}]})
    assert not validator.is_valid({"profiles": [{"files": ["*.md"], "use": "nosuch"}]})
    assert not validator.is_valid({"profiles": [{"files": [], "use": "tasks"}]})
    assert not validator.is_valid({"profiles": [{"use": "tasks"}]})
