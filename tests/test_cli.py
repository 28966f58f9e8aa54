"""The command line as a user runs it: output, exit codes, bad paths."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, keys, other_lines, run, run_process

STALE = FIXTURES / "stale-quick-stats.md"
CLEAN = FIXTURES / "clean-tracker.md"


def test_findings_then_summary_and_exit_1() -> None:
    result = run("--today", "2026-11-26", str(STALE))
    assert result.returncode == 1
    assert keys(result.stdout) == [
        (str(STALE), 5, 20, "TL401"),
        (str(STALE), 6, 18, "TL401"),
        (str(STALE), 9, 19, "TL401"),
    ]
    assert result.stdout.splitlines()[0].startswith(f"{STALE}:5:20: TL401 [*] ")  # fixable
    assert other_lines(result.stdout) == ["Found 3 errors (3 fixable with --fix)."]
    assert result.stderr == ""


def test_clean_file_exits_0() -> None:
    result = run(str(CLEAN), "--today", "2026-11-26")
    assert (result.returncode, result.stdout) == (0, "All checks passed (1 tracker checked).\n")


def test_warnings_alone_exit_0_and_show_their_severity() -> None:
    path = FIXTURES / "duplicate-items.md"
    result = run(str(path))
    assert result.returncode == 0
    assert keys(result.stdout) == [(str(path), 18, 3, "TL104")]
    assert result.stdout.startswith(f"{path}:18:3: TL104 warning: ")
    assert other_lines(result.stdout) == ["Found 1 warning."]


def test_json_output_has_exactly_the_documented_keys() -> None:
    result = run("--output-format", "json", "--today", "2026-11-26", str(STALE))
    data = json.loads(result.stdout)
    assert result.returncode == 1
    assert [set(d) for d in data] == [
        {
            "path",
            "line",
            "column",
            "end_line",
            "end_column",
            "code",
            "name",
            "severity",
            "message",
            "fix",
        }
    ] * 3
    message = data[0].pop("message")
    assert data[0] == {
        "path": str(STALE),
        "line": 5,
        "column": 20,
        "end_line": 5,
        "end_column": 21,
        "code": "TL401",
        "name": "stats-mismatch",
        "severity": "error",
        "fix": {
            "applicability": "safe",
            "replacement": "7",
            "edits": [{"line": 5, "column": 20, "end_line": 5, "end_column": 21, "content": "7"}],
        },
    }
    # The message is the text output's (its wording: tests/golden/TL401.txt).
    text = run("--today", "2026-11-26", str(STALE)).stdout.splitlines()[0]
    assert text == f"{STALE}:5:20: TL401 [*] {message}"


def test_json_output_of_a_clean_file_is_an_empty_array() -> None:
    result = run("--output-format", "json", str(CLEAN))
    assert (result.returncode, json.loads(result.stdout)) == (0, [])


def test_json_null_fix_and_warning_severity() -> None:
    result = run("--output-format", "json", str(FIXTURES / "duplicate-items.md"))
    [entry] = json.loads(result.stdout)
    assert (entry["severity"], entry["fix"]) == ("warning", None)


def test_today_sets_the_future_date_reference() -> None:
    path = FIXTURES / "dates.md"
    later = run("--today", "2030-01-01", "--output-format", "json", str(path))
    assert "TL303" not in {d["code"] for d in json.loads(later.stdout)}
    earlier = run("--today", "2026-11-26", "--output-format", "json", str(path))
    assert "TL303" in {d["code"] for d in json.loads(earlier.stdout)}


def test_stdin() -> None:
    result = run("-", "--today", "2026-11-26", stdin=STALE.read_bytes())
    assert result.returncode == 1
    assert keys(result.stdout)[0] == ("-", 5, 20, "TL401")


def test_stdin_filename() -> None:
    result = run("-", "--stdin-filename", "docs/T.md", stdin=STALE.read_bytes())
    assert keys(result.stdout)[0] == ("docs/T.md", 5, 20, "TL401")


def test_directory_is_searched_for_markdown_and_non_trackers_are_skipped(tmp_path: Path) -> None:
    shutil.copy(STALE, tmp_path / "b.md")
    shutil.copy(FIXTURES / "not-a-tracker.md", tmp_path / "README.md")
    (tmp_path / "sub").mkdir()
    shutil.copy(STALE, tmp_path / "sub" / "a.md")
    (tmp_path / ".hidden").mkdir()
    shutil.copy(STALE, tmp_path / ".hidden" / "c.md")
    (tmp_path / "notes.txt").write_text("| Module | Exam | Status |")
    result = run("--output-format", "json", str(tmp_path))
    paths = sorted({d["path"] for d in json.loads(result.stdout)})
    assert paths == [str(tmp_path / "b.md"), str(tmp_path / "sub" / "a.md")]


def test_output_is_sorted_by_file_then_position(tmp_path: Path) -> None:
    shutil.copy(STALE, tmp_path / "z.md")
    shutil.copy(STALE, tmp_path / "a.md")
    result = run("--output-format", "json", str(tmp_path / "z.md"), str(tmp_path / "a.md"))
    keys = [(d["path"], d["line"], d["column"]) for d in json.loads(result.stdout)]
    assert keys == sorted(keys)


# A tracked table: only a tracker must be UTF-8 (other files: tests/test_verdicts.py).
TABLE = "| Topic | Module | Exam | Status |\n|---|---|---|---|\n| Caf\u00e9 | x | x | x |\n"


# What TL001 says of each: tests/golden/TL001.txt (cases latin-1, utf-16, binary).
@pytest.mark.parametrize(
    "content",
    [TABLE.encode("latin-1"), TABLE.encode("utf-16"), TABLE.encode() + b"\x00\x00"],
    ids=["latin-1", "utf-16", "binary"],
)
def test_undecodable_trackers_are_tl001(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "t.md"
    path.write_bytes(content)
    result = run(str(path))
    assert result.returncode == 2
    assert keys(result.stdout) == [(str(path), 1, 1, "TL001")]
    assert "Traceback" not in result.stderr


def test_missing_path_is_tl001_and_other_files_are_still_checked() -> None:
    result = run("nope.md", str(STALE))
    assert result.returncode == 2
    found = keys(result.stdout)
    assert ("nope.md", 1, 1, "TL001") in found
    assert sum(1 for key in found if key[3] == "TL401") == 3


def test_directory_without_markdown_is_tl001(tmp_path: Path) -> None:
    result = run(str(tmp_path))
    assert result.returncode == 2
    assert keys(result.stdout) == [(str(tmp_path), 1, 1, "TL001")]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_is_tl001(tmp_path: Path) -> None:
    path = tmp_path / "t.md"
    path.write_text("x")
    path.chmod(0)
    result = run(str(path))
    assert result.returncode == 2
    assert keys(result.stdout) == [(str(path), 1, 1, "TL001")]


def test_usage_errors_exit_2() -> None:
    assert run().returncode == 2
    assert run("--today", "2026-02-30", str(CLEAN)).returncode == 2
    assert run("--output-format", "xml", str(CLEAN)).returncode == 2


@pytest.mark.slow
def test_console_script_and_version() -> None:
    # The script pip installed beside this interpreter, else one on PATH.
    beside = Path(sys.executable).with_name("tracker-lint")
    exe = str(beside) if beside.exists() else shutil.which("tracker-lint")
    if exe is None:
        pytest.skip("tracker-lint is not installed as a console script here")
    import subprocess

    result = subprocess.run([exe, "--version"], capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert result.stdout.startswith("tracker-lint ")
    assert result.stdout == run("--version").stdout


@pytest.mark.slow
def test_a_terminal_that_cannot_show_the_symbols_gets_escapes_not_a_traceback() -> None:
    # The interpreter's own stream encoding: only a process has one.
    result = run_process("--today", "2026-11-26", str(STALE), env={"PYTHONIOENCODING": "ascii"})
    assert (result.returncode, result.stderr) == (1, "")
    assert keys(result.stdout) == keys(run("--today", "2026-11-26", str(STALE)).stdout)
    assert "\\u2705" in result.stdout  # ✅, escaped
    assert result.stdout.isascii()


def test_read_errors_are_findings_not_tracebacks(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tracker_lint.cli import check as cli

    path = tmp_path / "t.md"
    path.write_text("x")

    def denied(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", denied)
    assert cli.main([str(path), str(tmp_path / "missing.md")]) == 2
    found = keys(capsys.readouterr().out)
    assert found == [(str(tmp_path / "missing.md"), 1, 1, "TL001"), (str(path), 1, 1, "TL001")]


@pytest.mark.parametrize("paths", [["t.md"], ["a.md", "docs", "b.md"]])
def test_paths_only_command_lines_parse_as_argparse_would(paths: list[str]) -> None:
    from tracker_lint.cli.check import build_parser, parse_args

    assert vars(parse_args(paths)) == vars(build_parser().parse_args(paths))
