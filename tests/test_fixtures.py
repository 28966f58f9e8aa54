"""Each fixture document and the exact findings it must produce (its .findings file)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, SETTINGS, TODAY, folder_fixtures, run
from tracker_lint import lint
from tracker_lint.rules import RULES

DOCUMENTS = sorted(FIXTURES.glob("*.md"))
FOLDERS = folder_fixtures()
DATE = ("--today", TODAY.isoformat())


def _parse_expected(path: Path) -> list[tuple[int, int, int, int, str]]:
    rows = []
    for line in path.with_suffix(".findings").read_text(encoding="utf-8").splitlines():
        span, code = line.split()
        start, end = span.split("-")
        (a, b), (c, d) = (map(int, start.split(":")), map(int, end.split(":")))
        rows.append((a, b, c, d, code))
    return rows


@pytest.mark.parametrize("path", DOCUMENTS, ids=[p.stem for p in DOCUMENTS])
def test_fixture_findings(path: Path) -> None:
    findings = lint(path.read_text(encoding="utf-8"), SETTINGS)
    got = [(f.line, f.column, f.end_line, f.end_column, f.code) for f in findings]
    assert got == _parse_expected(path)


def _folder_findings(path: Path, config: Path) -> list[tuple[int, int, int, int, str]]:
    result = run("--output-format", "json", *DATE, "--config", str(config), str(path))
    assert result.returncode in (0, 1), result.stderr
    found = json.loads(result.stdout)
    return [(f["line"], f["column"], f["end_line"], f["end_column"], f["code"]) for f in found]


@pytest.mark.parametrize(
    ("path", "config"), FOLDERS, ids=[f"{p.parent.name}/{p.stem}" for p, _ in FOLDERS]
)
def test_folder_fixture_findings(path: Path, config: Path) -> None:
    """A fixture folder's documents, with the folder's profile: exactly the findings
    of the .findings file beside each (none when there is no such file)."""
    expected = _parse_expected(path) if path.with_suffix(".findings").exists() else []
    assert _folder_findings(path, config) == expected


def test_every_rule_fires_in_some_fixture() -> None:
    fired = {row[4] for path in DOCUMENTS for row in _parse_expected(path)}
    fired |= {
        row[4]
        for path, _ in FOLDERS
        if path.with_suffix(".findings").exists()
        for row in _parse_expected(path)
    }
    # TL001 is about files (see test_cli); TL304 needs a git base revision (see test_history).
    assert fired == set(RULES) - {"TL001", "TL304"}


@pytest.mark.parametrize("name", ["clean-tracker", "table-in-code-fence", "not-a-tracker"])
def test_clean_documents_have_no_findings(name: str) -> None:
    assert lint((FIXTURES / f"{name}.md").read_text(encoding="utf-8"), SETTINGS) == []
