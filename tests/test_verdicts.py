"""Never pass silently: what each path was (tracker, not a tracker, excluded,
unreadable), said in the summary, in notes for named files, and by --show-files.

Everything runs in-process through ``tracker_lint.cli.main``.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, keys, other_lines
from tracker_lint.cli import main

TODAY = ("--today", "2026-11-26")
TRACKER = """\
# Tracker

## Quick Stats

- **Total Pages**: 2
- **Completed**: 1

## Topics

| # | Topic | Module | Exam | Status | Last Updated |
|---|---|---|---|---|---|
| 1 | Queues | ✅ | ✅ | ✅ Complete | 2025-01-28 |
| 2 | Stacks | ✅ | ⬜ | 📝 Module done | 2025-02-03 |
"""
NOTES = "# Notes\n\nJust notes, | no | table.\n"
TOTALS_ONLY = "# Audit\n\n## Quick Stats\n\n- **Total Pages**: 55\n"
WHY = "not a tracker for profile learning-module (no table with columns Module, Exam, Status)"


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("PRE_COMMIT", raising=False)
    monkeypatch.delenv("TRACKER_LINT_OUTPUT_FORMAT", raising=False)
    monkeypatch.chdir(tmp_path)


def write(path: str, text: str | bytes) -> Path:
    file = Path(path)
    file.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        file.write_bytes(text)
    else:
        file.write_text(text, encoding="utf-8")
    return file


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], list[str]]:
    code = main([*TODAY, *args])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err.splitlines()


def tl001(capsys: pytest.CaptureFixture[str], path: str) -> str:
    """What TL001 says of ``path`` (its wording: tests/golden/TL001.txt)."""
    main(["--output-format", "json", path])
    [finding] = json.loads(capsys.readouterr().out)
    assert (finding["path"], finding["code"]) == (path, "TL001")
    message: str = finding["message"]
    return message


def note(path: str) -> str:
    return f"note: {path}: {WHY}; skipped"


# --- the summary ----------------------------------------------------------------


def test_summary_counts_trackers_non_trackers_and_excluded(
    capsys: pytest.CaptureFixture[str],
) -> None:
    write("docs/T.md", TRACKER)
    shutil.copy(FIXTURES / "clean-tracker.md", "docs/clean.md")
    write("docs/notes.md", NOTES)
    write("docs/old/T.md", TRACKER)
    write(".tracker-lint.toml", 'exclude = ["docs/old/*"]\n')
    assert run(capsys, "docs") == (
        0,
        ["All checks passed (2 trackers checked; 1 Markdown file is not a tracker; 1 excluded)."],
        [],
    )


def test_summary_leaves_out_zero_counts_and_says_plural(
    capsys: pytest.CaptureFixture[str],
) -> None:
    write("T.md", TRACKER)
    assert run(capsys, "T.md") == (0, ["All checks passed (1 tracker checked)."], [])
    write("docs/T.md", TRACKER)
    for name in ("a", "b", "c"):
        write(f"docs/{name}.md", NOTES)
    assert run(capsys, "docs") == (
        0,
        ["All checks passed (1 tracker checked; 3 Markdown files are not trackers)."],
        [],
    )


def test_no_tracker_checked_is_not_all_checks_passed(capsys: pytest.CaptureFixture[str]) -> None:
    write("docs/notes.md", NOTES)
    assert run(capsys, "docs") == (
        0,
        ["No trackers checked (1 Markdown file is not a tracker)."],
        [],
    )


def test_github_format_has_the_same_summary(capsys: pytest.CaptureFixture[str]) -> None:
    write("docs/T.md", TRACKER)
    write("docs/notes.md", NOTES)
    assert run(capsys, "--output-format", "github", "docs") == (
        0,
        ["All checks passed (1 tracker checked; 1 Markdown file is not a tracker)."],
        [],
    )


def test_findings_keep_the_found_line_and_count_what_was_not_checked(
    capsys: pytest.CaptureFixture[str],
) -> None:
    write("docs/T.md", TRACKER.replace("Total Pages**: 2", "Total Pages**: 3"))
    write("docs/notes.md", NOTES)
    code, out, err = run(capsys, "docs")
    assert (code, err) == (1, [])
    assert keys("\n".join(out)) == [("docs/T.md", 5, 20, "TL401")]
    assert other_lines("\n".join(out)) == [
        "Found 1 error (1 fixable with --fix); 1 tracker checked, "
        "1 Markdown file is not a tracker.",
    ]
    code, out, err = run(capsys, "docs/T.md")
    assert out[-1] == "Found 1 error (1 fixable with --fix)."  # every file was a tracker


def test_json_is_unchanged(capsys: pytest.CaptureFixture[str]) -> None:
    write("docs/notes.md", NOTES)
    assert run(capsys, "--output-format", "json", "docs") == (0, ["[]"], [])


def test_junit_has_no_suite_for_an_excluded_file(capsys: pytest.CaptureFixture[str]) -> None:
    write("T.md", TRACKER)
    write("old.md", TRACKER)
    write(".tracker-lint.toml", 'exclude = ["old.md"]\n')
    code = main([*TODAY, "--output-format", "junit", "."])
    out = capsys.readouterr().out
    assert code == 0
    assert 'name="T.md"' in out
    assert "old.md" not in out


# --- notes for named files --------------------------------------------------------


def test_named_non_tracker_gets_a_note(capsys: pytest.CaptureFixture[str]) -> None:
    write("notes.md", NOTES)
    assert run(capsys, "notes.md") == (
        0,
        ["No trackers checked (1 Markdown file is not a tracker)."],
        [note("notes.md")],
    )


def test_files_found_in_a_folder_get_no_note(capsys: pytest.CaptureFixture[str]) -> None:
    write("docs/notes.md", NOTES)
    write("docs/T.md", TRACKER)
    code, _, err = run(capsys, "docs")
    assert (code, err) == (0, [])


def test_pre_commit_gets_no_note(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write("notes.md", NOTES)
    write("T.md", TRACKER)
    monkeypatch.setenv("PRE_COMMIT", "1")
    assert run(capsys, "T.md", "notes.md") == (
        0,
        ["All checks passed (1 tracker checked; 1 Markdown file is not a tracker)."],
        [],
    )


def test_quiet_gets_no_note_and_no_summary(capsys: pytest.CaptureFixture[str]) -> None:
    write("notes.md", NOTES)
    assert run(capsys, "--quiet", "notes.md") == (0, [], [])


def test_named_excluded_file_gets_a_note(capsys: pytest.CaptureFixture[str]) -> None:
    write("docs/old.md", TRACKER)
    write("docs/T.md", TRACKER)
    write(".tracker-lint.toml", 'include = ["docs/T.md", "docs/x.md"]\nexclude = ["docs/x.md"]\n')
    write("docs/x.md", TRACKER)
    assert run(capsys, "docs/old.md", "docs/x.md", "docs/T.md") == (
        0,
        ["All checks passed (1 tracker checked; 2 excluded)."],
        [
            "note: docs/old.md: excluded by .tracker-lint.toml (not in include); skipped",
            "note: docs/x.md: excluded by .tracker-lint.toml (exclude); skipped",
        ],
    )


def test_named_stdin_non_tracker_gets_a_note(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(NOTES.encode())))
    assert run(capsys, "-", "--stdin-filename", "docs/N.md") == (
        0,
        ["No trackers checked (1 Markdown file is not a tracker)."],
        [note("docs/N.md")],
    )


# --- --show-files --------------------------------------------------------------------


def test_show_files_lists_each_verdict(capsys: pytest.CaptureFixture[str]) -> None:
    write("docs/T.md", TRACKER.replace("Total Pages**: 2", "Total Pages**: 3"))
    write("docs/notes.md", NOTES)
    write("docs/old.md", TRACKER)
    write("docs/latin.md", TRACKER.encode() + b"\ncaf\xe9\n")
    write(".tracker-lint.toml", 'exclude = ["docs/old.md"]\n')
    before = Path("docs/T.md").read_bytes()
    # An unreadable file's reason is TL001's message, in the same words.
    latin, missing = tl001(capsys, "docs/latin.md"), tl001(capsys, "missing.md")
    assert run(capsys, "--show-files", "docs", "missing.md") == (
        0,
        [
            "tracker        docs/T.md  (profile learning-module)",
            f"unreadable     docs/latin.md  ({latin})",
            "not-a-tracker  docs/notes.md  (profile learning-module: no table with columns "
            "Module, Exam, Status)",
            "excluded       docs/old.md  (by .tracker-lint.toml: exclude)",
            f"unreadable     missing.md  ({missing})",
        ],
        [],
    )
    assert Path("docs/T.md").read_bytes() == before  # no finding reported, nothing fixed


def test_show_files_for_named_files_prints_no_notes(capsys: pytest.CaptureFixture[str]) -> None:
    write("notes.md", NOTES)
    expected = "not-a-tracker  notes.md  (profile learning-module: no table with columns "
    assert run(capsys, "--show-files", "notes.md") == (
        0,
        [expected + "Module, Exam, Status)"],
        [],
    )


def test_paths_only_defaults_include_show_files() -> None:
    from tracker_lint.cli.check import PATHS_ONLY_DEFAULTS, build_parser

    assert PATHS_ONLY_DEFAULTS["show_files"] is False
    assert vars(build_parser().parse_args(["x.md"])) == {**PATHS_ONLY_DEFAULTS, "paths": ["x.md"]}


# --- files that are not UTF-8 -------------------------------------------------------------


def test_latin1_non_tracker_is_counted_not_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    write("docs/T.md", TRACKER)
    write("docs/caf.md", b"# Caf\xe9\n\nNotes en fran\xe7ais.\n")
    assert run(capsys, "docs") == (
        0,
        ["All checks passed (1 tracker checked; 1 Markdown file is not a tracker)."],
        [],
    )
    assert run(capsys, "docs/caf.md") == (
        0,
        ["No trackers checked (1 Markdown file is not a tracker)."],
        [note("docs/caf.md")],
    )


@pytest.mark.parametrize(
    "data",
    [
        "# Notes\n\nnothing to track\n".encode("utf-16"),  # with a BOM
        "# Notes\n\nnothing to track\n".encode("utf-16-le"),  # detected by its NULs
        b"\x89PNG\r\n\x1a\n\x00\x00",
    ],
)
def test_other_undecodable_non_trackers_pass(
    capsys: pytest.CaptureFixture[str], data: bytes
) -> None:
    write("docs/x.md", data)
    assert run(capsys, "docs") == (
        0,
        ["No trackers checked (1 Markdown file is not a tracker)."],
        [],
    )


def test_latin1_tracker_is_tl001(capsys: pytest.CaptureFixture[str]) -> None:
    write("T.md", TRACKER.encode() + b"\ncaf\xe9\n")
    code, out, err = run(capsys, "T.md")
    assert (code, keys("\n".join(out)), err) == (2, [("T.md", 1, 1, "TL001")], [])
    assert other_lines("\n".join(out)) == ["Found 1 error."]


def test_utf16_tracker_is_tl001(capsys: pytest.CaptureFixture[str]) -> None:
    write("T.md", TRACKER.encode("utf-16"))
    code, out, _ = run(capsys, "T.md")
    assert (code, keys("\n".join(out))) == (2, [("T.md", 1, 1, "TL001")])


def test_undecodable_non_tracker_with_totals_gets_tl405(
    capsys: pytest.CaptureFixture[str],
) -> None:
    write("audit.md", TOTALS_ONLY.encode() + b"\nr\xe9sum\xe9\n")
    code = main([*TODAY, "--output-format", "json", "audit.md"])
    import json

    out, err = capsys.readouterr()
    found = [(d["path"], d["line"], d["column"], d["code"]) for d in json.loads(out)]
    assert (code, found, err.splitlines()) == (0, [("audit.md", 3, 4, "TL405")], [note("audit.md")])


# --- totals without a tracked table ------------------------------------------------------


def test_fix_leaves_a_totals_only_document_unchanged_and_reports_tl405(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = write("audit.md", TOTALS_ONLY)
    before = path.read_bytes()
    code = main([*TODAY, "--fix", "--output-format", "json", "audit.md"])
    import json

    out, err = capsys.readouterr()
    found = [(d["path"], d["line"], d["column"], d["code"]) for d in json.loads(out)]
    assert (code, found) == (0, [("audit.md", 3, 4, "TL405")])
    assert err.splitlines() == [note("audit.md")]
    assert path.read_bytes() == before
    assert main([*TODAY, "--fix", "audit.md"]) == 0
    assert (
        capsys.readouterr().out.splitlines()[-1]
        == "Found 1 warning; 1 Markdown file is not a tracker."
    )
    assert path.read_bytes() == before


# --- report and badge say it in the same words ----------------------------------------------


@pytest.mark.parametrize("command", [["report"], ["badge", "-o", "b.svg"]])
def test_report_and_badge_use_the_note_wording(
    capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    write("notes.md", NOTES)
    write("caf.md", b"# Caf\xe9\n")
    write("T.md", TRACKER.encode() + b"\ncaf\xe9\n")
    undecodable = tl001(capsys, "T.md")
    assert main([*command, "notes.md"]) == 2
    assert capsys.readouterr().err == f"error: notes.md: is {WHY}\n"
    assert main([*command, "caf.md"]) == 2
    assert capsys.readouterr().err == f"error: caf.md: is {WHY}\n"
    assert main([*command, "T.md"]) == 2
    assert capsys.readouterr().err == f"error: T.md: {undecodable}\n"
    assert not Path("b.svg").exists()


def test_fix_on_stdin_passes_an_undecodable_non_tracker_through(
    capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io
    import sys

    data = b"# Caf\xe9\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main([*TODAY, "--fix", "-"]) == 0
    out, err = capsysbinary.readouterr()
    assert out == data
    assert err.decode().splitlines() == [  # the note as the file is read, then the report
        note("-"),
        "No trackers checked (1 Markdown file is not a tracker).",
    ]


def test_fix_on_stdin_passes_an_undecodable_tracker_through_unfixed(
    capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io
    import sys

    data = TRACKER.encode("utf-8").replace(b"Queues", b"Caf\xe9")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main([*TODAY, "--fix", "-"]) == 2
    out, err = capsysbinary.readouterr()
    assert out == data  # a pipe still gets its document, as it came
    assert b"TL001" in err


def test_a_file_named_twice_is_checked_once(capsys: pytest.CaptureFixture[str]) -> None:
    write("docs/T.md", TRACKER)
    assert run(capsys, "docs", "docs/T.md", "./docs/T.md") == (
        0,
        ["All checks passed (1 tracker checked)."],
        [],
    )
    assert run(capsys, "--show-files", "docs", "docs/T.md")[1] == [
        "tracker        docs/T.md  (profile learning-module)"
    ]
