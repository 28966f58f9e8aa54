"""Configuration resolution in the core (``tracker_lint.workspace``), ``--stdin-filename``
resolving from the name, one voice for errors, the base tracker passed explicitly,
functional suppressions and the table trim characters.

Command-line cases run in-process through ``tracker_lint.cli.main``.
"""

from __future__ import annotations

import io
import sys
from dataclasses import fields
from pathlib import Path

import pytest

from tracker_lint import Settings, check, fix_text, lint
from tracker_lint.cli import main
from tracker_lint.engine import model
from tracker_lint.errors import ConfigError, ReadError
from tracker_lint.selection import Selection
from tracker_lint.workspace import (
    Excluded,
    Workspace,
    config_file,
    read_file,
    source_of,
    tracker_of,
)

TODAY = ("--today", "2026-11-26")
# Total Pages is wrong: TL401 on line 5
TRACKER = """\
# Tracker

## Quick Stats

- **Total Pages**: 3
- **Completed**: 1

## Topics

| # | Topic | Module | Exam | Status | Last Updated |
|---|---|---|---|---|---|
| 1 | Queues | ✅ | ✅ | ✅ Complete | 2025-01-28 |
| 2 | Stacks | ✅ | ⬜ | 📝 Module done | 2025-02-03 |
"""
FIXED = TRACKER.replace("**Total Pages**: 3", "**Total Pages**: 2")


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("PRE_COMMIT", raising=False)
    monkeypatch.delenv("TRACKER_LINT_OUTPUT_FORMAT", raising=False)
    monkeypatch.chdir(tmp_path)


def write(path: str, text: str) -> Path:
    file = Path(path)
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8")
    return file


def stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8"))))


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main([*TODAY, *args])
    out, err = capsys.readouterr()
    return code, out, err


# --- Workspace: settings for a path, or why it is excluded ---------------------------


def test_settings_for_a_path_without_configuration_are_the_workspace_settings() -> None:
    settings = Settings()
    assert Workspace(settings).settings_for(Path("docs/T.md")) is settings
    assert Workspace(settings).settings_for(None) is settings


def test_command_line_selection_applies_without_a_configuration_file() -> None:
    workspace = Workspace(Settings(), selection=Selection(("TL4",), (), ()))
    configured = workspace.settings_for(Path("T.md"))
    assert isinstance(configured, Settings)
    assert configured.select is not None
    assert configured.select == frozenset(c for c in configured.select if c.startswith("TL4"))


def test_per_file_ignores_follow_the_name_even_of_a_file_that_does_not_exist() -> None:
    write("sub/.tracker-lint.toml", '[per-file-ignores]\n"x.md" = ["TL401"]\n')
    workspace = Workspace(Settings())
    configured = workspace.settings_for(Path("sub/x.md"))
    other = workspace.settings_for(Path("sub/y.md"))
    assert isinstance(configured, Settings)
    assert isinstance(other, Settings)
    assert configured.select is not None and "TL401" not in configured.select
    assert other.select is None or "TL401" in other.select


@pytest.mark.parametrize(
    ("toml", "key"),
    [
        ('exclude = ["old/*"]\n', "exclude"),
        ('include = ["docs/*"]\n', "not in include"),
    ],
)
def test_excluded_says_which_file_and_which_key(toml: str, key: str) -> None:
    config = write(".tracker-lint.toml", toml)
    excluded = Workspace(Settings()).settings_for(Path("old/T.md"))
    assert excluded == Excluded(config.resolve(), key)


def test_unnamed_standard_input_is_never_excluded() -> None:
    write(".tracker-lint.toml", 'include = ["docs/*"]\n')
    assert isinstance(Workspace(Settings()).settings_for(None), Settings)


def test_a_forced_configuration_applies_to_every_path(tmp_path: Path) -> None:
    write("sub/.tracker-lint.toml", 'exclude = ["*"]\n')
    forced = write("forced.toml", 'ignore = ["TL401"]\n')
    configured = Workspace(Settings(), forced).settings_for(Path("sub/T.md"))
    assert isinstance(configured, Settings)
    assert configured.select is not None and "TL401" not in configured.select


def test_a_forced_file_without_a_table_is_a_config_error() -> None:
    write("pyproject.toml", "[project]\nname = 'x'\n")
    with pytest.raises(ConfigError, match=r"has no \[tool.tracker-lint\] table"):
        Workspace(Settings(), "pyproject.toml")


def test_config_file_prefers_the_dotfile_and_needs_the_table_in_pyproject() -> None:
    write("a/pyproject.toml", "[tool.tracker-lint]\n")
    write("b/pyproject.toml", "[tool.black]\n")
    write("c/pyproject.toml", "[tool.tracker-lint]\n")
    write("c/.tracker-lint.toml", "")
    assert config_file(Path("a")) == Path("a/pyproject.toml")
    assert config_file(Path("b")) is None
    assert config_file(Path("c")) == Path("c/.tracker-lint.toml")


# --- reading a tracker --------------------------------------------------------------


def test_tracker_for_reads_with_the_configuration_of_the_path() -> None:
    write("T.md", TRACKER)
    tracker = Workspace(Settings()).tracker_for(read_file("T.md"), Path("T.md"))
    assert tracker.is_tracker


def test_tracker_of_explains_a_non_tracker_and_a_non_utf8_tracker() -> None:
    with pytest.raises(ReadError, match="is not a tracker for profile learning-module"):
        tracker_of(source_of("n.md", b"# Notes\n"), Settings())
    latin1 = TRACKER.replace("Queues", "Queues \xe9").encode("utf-8").replace(b"\xc3\xa9", b"\xe9")
    with pytest.raises(ReadError, match="is not valid UTF-8"):
        tracker_of(source_of("t.md", latin1), Settings())


def test_read_file_says_what_is_wrong_with_the_path() -> None:
    Path("folder").mkdir()
    with pytest.raises(ReadError, match="is a directory"):
        read_file("folder")
    with pytest.raises(ReadError, match="No such file or directory"):
        read_file("missing.md")


# --- --stdin-filename resolves configuration from the name ---------------------------


def test_stdin_filename_picks_up_per_file_ignores_of_the_named_folder(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write("sub/.tracker-lint.toml", '[per-file-ignores]\n"x.md" = ["TL401"]\n')
    stdin(monkeypatch, TRACKER)
    code, out, err = run(capsys, "--stdin-filename", "sub/x.md", "-")
    assert (code, err) == (0, "")
    assert "TL401" not in out
    stdin(monkeypatch, TRACKER)
    code, out, _ = run(capsys, "--stdin-filename", "sub/y.md", "-")
    assert code == 1
    assert "sub/y.md:5:20: TL401" in out


def test_stdin_without_a_name_is_configured_from_the_current_folder(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write("sub/.tracker-lint.toml", 'ignore = ["TL401"]\n')
    stdin(monkeypatch, TRACKER)
    code, out, _ = run(capsys, "-")
    assert code == 1
    assert "-:5:20: TL401" in out


def test_exclude_applies_to_the_stdin_filename(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write(".tracker-lint.toml", 'exclude = ["old/*"]\n')
    stdin(monkeypatch, TRACKER)
    code, out, err = run(capsys, "--stdin-filename", "old/T.md", "-")
    assert code == 0
    assert "TL401" not in out
    assert "1 excluded" in out
    assert "note: old/T.md: excluded by .tracker-lint.toml (exclude); skipped" in err


def test_include_applies_to_the_stdin_filename(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write(".tracker-lint.toml", 'include = ["docs/*"]\n')
    stdin(monkeypatch, TRACKER)
    code, out, _ = run(capsys, "--stdin-filename", "notes/T.md", "--show-files", "-")
    assert code == 0
    assert "notes/T.md" in out and "excluded" in out and "not in include" in out
    stdin(monkeypatch, TRACKER)
    code, out, _ = run(capsys, "--stdin-filename", "docs/T.md", "-")
    assert code == 1
    assert "docs/T.md:5:20: TL401" in out


def test_fixing_excluded_stdin_passes_the_document_through(
    capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    write(".tracker-lint.toml", 'exclude = ["old/*"]\n')
    stdin(monkeypatch, TRACKER)
    code = main([*TODAY, "--fix", "--stdin-filename", "old/T.md", "-"])
    out, _ = capsysbinary.readouterr()
    assert code == 0
    assert out == TRACKER.encode("utf-8")


def test_fixing_named_stdin_uses_the_names_configuration(
    capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    write("sub/.tracker-lint.toml", '[per-file-ignores]\n"x.md" = ["TL401"]\n')
    stdin(monkeypatch, TRACKER)
    assert main([*TODAY, "--fix", "--stdin-filename", "sub/x.md", "-"]) == 0
    assert capsysbinary.readouterr().out == TRACKER.encode("utf-8")
    stdin(monkeypatch, TRACKER)
    assert main([*TODAY, "--fix", "--stdin-filename", "sub/y.md", "-"]) == 0
    assert capsysbinary.readouterr().out == FIXED.encode("utf-8")


# --- one voice for errors -----------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["report", "missing.md"],
        ["badge", "missing.md", "-o", "b.svg"],
        ["rule", "TL999"],
        ["config", "--config", "bad.toml"],
        ["report", "--config", "bad.toml", "T.md"],
        ["--config", "bad.toml", "T.md"],
        ["--select", "XX9", "T.md"],
        ["T.md", "-o", "T.md/report.txt"],
    ],
)
def test_every_command_says_error_in_one_voice(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    write("T.md", TRACKER)
    write("bad.toml", "select = 3\n")
    assert main(argv) == 2
    err = capsys.readouterr().err
    # a usage message (``usage:`` and its indented continuation lines) may come first
    lines = [line for line in err.splitlines() if not line.startswith(("usage:", " "))]
    assert lines
    assert all(line.startswith("error: ") for line in lines), lines


# --- the base tracker is passed explicitly --------------------------------------------

# Stacks completed since the base, its date left as it was: stale-date (TL304)
BASE = TRACKER
DONE = TRACKER.replace(
    "| ✅ | ⬜ | 📝 Module done | 2025-02-03 |", "| ✅ | ✅ | ✅ Complete | 2025-02-03 |"
)


def test_settings_no_longer_carry_the_base_text() -> None:
    assert "base_text" not in {f.name for f in fields(Settings)}


def test_check_lint_and_fix_take_the_base_tracker() -> None:
    settings = Settings(select=frozenset({"TL304"}))
    base = model(BASE, settings.profile)
    assert lint(DONE, settings) == []
    assert [f.code for f in lint(DONE, settings, base=base)] == ["TL304"]
    assert [f.code for f in check(DONE, settings, base=base).findings] == ["TL304"]
    # a fix pass (Quick Stats, TL401) then a second one: both compare against the base
    both = Settings(select=frozenset({"TL304", "TL401"}))
    fixed = fix_text(DONE, both, base=base)
    assert fixed.fixed >= 1
    assert [f.code for f in fixed.remaining] == ["TL304"]
    # the base is not consumed by a run: it serves every pass and every call
    assert [f.code for f in lint(DONE, settings, base=base)] == ["TL304"]


# --- suppressions: apply returns the codes it used -----------------------------------


def test_apply_returns_the_used_codes_and_unused_takes_them() -> None:
    from tracker_lint import suppress
    from tracker_lint.parse import parse
    from tracker_lint.rules import RULES

    text = TRACKER.replace(
        "- **Total Pages**: 3",
        "- **Total Pages**: 3 <!-- tracker-lint-disable-line TL401 TL402 -->",
    )
    doc = parse(text)
    directives = suppress.find(doc)
    findings = lint(text, Settings(select=frozenset({"TL401"})))
    assert findings == []
    everything = lint(TRACKER, Settings(select=frozenset({"TL401"})))
    kept, used = suppress.apply(everything, directives)
    assert kept == []
    assert {c.code for c in used} == {"TL401"}
    known, active = frozenset(RULES), frozenset(RULES)
    stale = suppress.unused(doc, directives, used, known, active)
    assert [doc.text[p.start : p.end] for p in stale] == ["TL402"]
    # nothing was recorded on the directives: the same call without ``used`` reports both
    assert len(suppress.unused(doc, directives, frozenset(), known, active)) == 1
    assert "TL401 TL402" in suppress.unused(doc, directives, frozenset(), known, active)[0].message


# --- the table trim characters come from markdown-it ---------------------------------


def test_cells_are_trimmed_of_markdown_its_characters() -> None:
    from markdown_it.common import utils

    from tracker_lint.parse import Table, parse, split_cells

    trim = getattr(utils, "MD_TRIM_CHARS", None)
    row = "| \x85a\u3000 | b |"
    doc = parse(f"| x | y |\n|---|---|\n{row}\n")
    [table] = [b for b in doc.blocks if isinstance(b, Table)]
    cells = [c.text for c in table.rows[0].cells]
    assert cells == [c.text for c in split_cells(row, 0, trim)]
    assert cells[0] == ("\x85a" if trim is not None else "a")
    assert [c.text for c in split_cells(row, 0)] == ["a", "b"]  # Python's whitespace


# --- the cheap path stays cheap ------------------------------------------------------


def test_plain_check_imports_no_pydantic_argparse_or_subprocess(tmp_path: Path) -> None:
    import subprocess

    write("T.md", TRACKER)
    write("notes.md", "# Notes\n")
    code = (
        "import sys\n"
        "from tracker_lint.cli import main\n"
        "main(['T.md', 'notes.md'])\n"
        "heavy = ('pydantic', 'argparse', 'subprocess')\n"
        "sys.stderr.write(str(sorted(m for m in sys.modules if m.split('.')[0] in heavy)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=False
    )
    assert result.stderr.splitlines()[-1] == "[]"
