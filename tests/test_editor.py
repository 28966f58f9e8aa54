"""The editor core (``tracker_lint.editor``) in process: LSP positions, the buffer's
findings with its path's configuration, fix all, the suppression comment, hovers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import FIXTURES, SETTINGS, TODAY, examples, run
from tracker_lint import fix_text
from tracker_lint.editor import Lines, diagnose, fixed_all, hover, silence
from tracker_lint.engine import Settings
from tracker_lint.workspace import Workspace

STALE = FIXTURES / "stale-quick-stats.md"
TEXTS = st.lists(
    st.sampled_from(["a", " ", "\n", "\r\n", "✅", "🔄", "é", "|", "\u200d", "𝔘"]), max_size=40
).map("".join)


def units(text: str, encoding: str) -> int:
    if encoding == "utf-8":
        return len(text.encode("utf-8"))
    if encoding == "utf-16":
        return len(text.encode("utf-16-le")) // 2
    return len(text)


@settings(max_examples=examples(ci=400, fast=100), deadline=None)
@given(TEXTS, st.data(), st.sampled_from(["utf-8", "utf-16", "utf-32"]))
def test_a_position_is_the_code_units_before_it_on_its_line(
    text: str, data: st.DataObject, encoding: str
) -> None:
    lines = Lines(text, encoding)
    offset = data.draw(st.integers(0, len(text)))
    line, character = lines.position(offset)
    import re

    breaks = list(re.finditer(r"\r\n|\r|\n", text[:offset]))
    start = breaks[-1].end() if breaks else 0
    if text[offset - 1 : offset + 1] == "\r\n":
        return  # inside a \r\n: no position of its own
    assert line == len(breaks)
    assert character == units(text[start:offset], encoding)
    if text[offset - 1 : offset + 1] != "\r\n":  # (a position never splits \r\n)
        assert lines.offset(line, character) == offset


def test_positions_past_the_end_are_the_end() -> None:
    lines = Lines("ab\r\ncd", "utf-16")
    assert lines.offset(0, 99) == 2  # before the \r\n
    assert lines.offset(7, 0) == len("ab\r\ncd")


def workspace() -> Workspace:
    return Workspace(Settings(today=TODAY))


def test_a_buffer_gets_the_findings_of_its_path_and_fix_all_writes_what_fix_writes() -> None:
    text = STALE.read_text(encoding="utf-8")
    diagnosis = diagnose(workspace(), text, STALE, TODAY)
    expected = run("--today", TODAY.isoformat(), "--output-format", "json", str(STALE))
    assert len(diagnosis.findings) == expected.stdout.count('"code"')
    assert fixed_all(diagnosis) == fix_text(text, SETTINGS).text


def test_a_buffer_excluded_by_its_configuration_has_no_findings(tmp_path: Path) -> None:
    (tmp_path / ".tracker-lint.toml").write_text('exclude = ["drafts/*"]\n', encoding="utf-8")
    path = tmp_path / "drafts" / "T.md"
    diagnosis = diagnose(workspace(), STALE.read_text(encoding="utf-8"), path, TODAY)
    assert diagnosis.findings == [] and diagnosis.settings is None
    assert "excluded" in diagnosis.why


def test_silence_adds_what_add_suppressions_adds(tmp_path: Path) -> None:
    text = STALE.read_text(encoding="utf-8")
    diagnosis = diagnose(workspace(), text, STALE, TODAY)
    first = diagnosis.findings[0]
    fix = silence(diagnosis, first)
    assert fix is not None and fix.start == fix.end  # an insertion
    silenced = text[: fix.start] + fix.replacement + text[fix.end :]
    assert f"tracker-lint-disable-line {first.code}" in silenced.splitlines()[first.line - 1]
    again = diagnose(workspace(), silenced, STALE, TODAY)
    assert first.sort_key not in {f.sort_key for f in again.findings}


def test_hover_on_a_total_and_on_a_status() -> None:
    text = STALE.read_text(encoding="utf-8")
    diagnosis = diagnose(workspace(), text, STALE, TODAY)
    total = text.index("**Total Pages**: ") + len("**Total Pages**: ")
    said = hover(diagnosis, total)
    assert said is not None
    assert said.startswith("**Total Pages**: the tracker gives 7 (7 rows")
    assert "7 items: " in said and "✅ Complete" in said
    status = text.index("| ✅ Complete")
    assert hover(diagnosis, status + 3) == (
        "Status: ✅ Complete; Module ✅ and Exam ✅ give ✅ Complete"
    )
    assert hover(diagnosis, 0) is None  # the title


@pytest.mark.slow
def test_the_command_line_imports_no_server_library() -> None:
    """`tracker-lint PATH` (the pre-commit path) never imports pygls or lsprotocol, nor
    the editor's and the history's memo and timeline."""
    code = (
        "import sys; from tracker_lint.cli import main; "
        f"main(['--today', '{TODAY.isoformat()}', {str(STALE)!r}]); "
        "own = ('tracker_lint.incremental', 'tracker_lint.timeline', 'tracker_lint.editor'); "
        "print(sorted(m for m in sys.modules "
        "if m.split('.')[0] in ('pygls', 'lsprotocol') or m in own))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.stdout.splitlines()[-1] == "[]"


def test_a_lone_carriage_return_is_a_line_break() -> None:
    """LSP counts \\r, \\n and \\r\\n as line breaks: so do positions."""
    lines = Lines("a\rbc\r\nd\ne", "utf-16")
    assert [lines.position(i) for i in (0, 2, 3, 4, 6, 8)] == [
        (0, 0), (1, 0), (1, 1), (1, 2), (2, 0), (3, 0),
    ]  # fmt: skip
    assert lines.offset(1, 99) == 4  # the end of "bc", before its \r\n
    assert lines.offset(0, 5) == 1


def test_the_fixture_fixes_land_where_they_should_with_cr_line_ends() -> None:
    text = STALE.read_text(encoding="utf-8").replace("\n", "\r")
    diagnosis = diagnose(workspace(), text, STALE, TODAY)
    lines = Lines(text)
    for f in diagnosis.findings:
        if f.fix is None:
            continue
        line, character = lines.position(f.fix.start)
        assert lines.offset(line, character) == f.fix.start
        assert line == f.line - 1
