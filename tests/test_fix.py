"""Fixing: only the fixed characters change, files are written safely, and only on change."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, SEED, SETTINGS, run
from tracker_lint import fix_text, lint
from tracker_lint.cli.files import WriteError, write_atomic

STALE = FIXTURES / "stale-quick-stats.md"
STALE_FIXED = {
    5: "- **Total Pages**: 7",
    6: "- **Completed**: 2 (both module and exam)",
    9: "- **Completion**: 28.6%",
}


def expected_after_fix(text: str) -> str:
    """The stale fixture with its three totals corrected, built line by line by hand."""
    lines = text.splitlines(keepends=True)
    for number, content in STALE_FIXED.items():
        line = lines[number - 1]
        ending = line[len(line.rstrip("\r\n")) :]
        lines[number - 1] = content + ending
    return "".join(lines)


def variants() -> dict[str, str]:
    lf = STALE.read_text(encoding="utf-8")
    mixed = "".join(
        line.rstrip("\n") + ("\r\n" if i % 2 else "\n")
        for i, line in enumerate(lf.splitlines(keepends=True))
    )
    return {
        "lf": lf,
        "crlf": lf.replace("\n", "\r\n"),
        "cr": lf.replace("\n", "\r"),
        "mixed": mixed,
        "bom": "\ufeff" + lf,
        "bom-crlf": "\ufeff" + lf.replace("\n", "\r\n"),
        "no-final-newline": lf.rstrip("\n"),
        "trailing-spaces": lf.replace("|\n", "|  \n").replace("Latency", "Latency \t"),
    }


@pytest.mark.parametrize("name", list(variants()))
def test_fix_text_changes_only_the_fixed_values(name: str) -> None:
    text = variants()[name]
    result = fix_text(text, SETTINGS)
    assert result.text == expected_after_fix(text)
    assert result.fixed == 3
    assert [f.code for f in result.remaining] == []


@pytest.mark.parametrize("name", list(variants()))
def test_fix_writes_exact_bytes(tmp_path: Path, name: str) -> None:
    text = variants()[name]
    path = tmp_path / "t.md"
    path.write_bytes(text.encode("utf-8"))
    result = run("--fix", "--today", "2026-11-26", str(path))
    assert result.returncode == 0
    assert result.stdout == f"Fixed 3 findings in {path}\nAll checks passed (1 tracker checked).\n"
    assert path.read_bytes() == expected_after_fix(text).encode("utf-8")


def test_fixing_is_idempotent() -> None:
    for text in variants().values():
        once = fix_text(text, SETTINGS).text
        assert fix_text(once, SETTINGS).text == once
        assert fix_text(once, SETTINGS).fixed == 0


def test_seed_fix_changes_exactly_three_lines(seed_text: str, tmp_path: Path) -> None:
    for name, data in {
        "lf.md": seed_text.encode("utf-8"),
        "bom-crlf.md": b"\xef\xbb\xbf" + seed_text.replace("\n", "\r\n").encode("utf-8"),
    }.items():
        path = tmp_path / name
        path.write_bytes(data)
        result = run("--fix", "--today", "2026-11-26", str(path))
        assert result.returncode == 0, result.stdout
        before = data.split(b"\n")
        after = path.read_bytes().split(b"\n")
        changed = {i + 1: after[i] for i in range(len(before)) if before[i] != after[i]}
        assert len(before) == len(after)
        cr = b"\r" if b"\r\n" in data else b""
        assert changed == {
            20: b"- **Total Pages**: 55" + cr,
            23: b"- **Not Started**: 45" + cr,
            24: b"- **Completion**: 12.7%" + cr,
        }


def test_diff_prints_the_change_writes_nothing_and_exits_1(tmp_path: Path) -> None:
    path = tmp_path / "t.md"
    shutil.copy(STALE, path)
    before = path.read_bytes()
    mtime = path.stat().st_mtime_ns
    result = run("--diff", "--today", "2026-11-26", str(path))
    assert result.returncode == 1
    assert path.read_bytes() == before
    assert path.stat().st_mtime_ns == mtime
    out = result.stdout.splitlines()
    minus = [line for line in out if line.startswith("-") and not line.startswith("---")]
    plus = [line for line in out if line.startswith("+") and not line.startswith("+++")]
    assert minus == [
        "-- **Total Pages**: 6",
        "-- **Completed**: 1 (both module and exam)",
        "-- **Completion**: 16.7%",
    ]
    assert plus == ["+" + line for line in STALE_FIXED.values()]


def test_diff_of_a_clean_file_is_empty_and_exits_0() -> None:
    result = run("--diff", str(FIXTURES / "clean-tracker.md"))
    assert (result.returncode, result.stdout) == (0, "")


def test_seed_diff(seed_text: str) -> None:
    result = run("--diff", "--today", "2026-11-26", str(SEED))
    assert result.returncode == 1
    changed = [
        line
        for line in result.stdout.splitlines()
        if line[:1] in "+-" and line[:3] not in ("---", "+++")
    ]
    assert changed == [
        "-- **Total Pages**: 52",
        "+- **Total Pages**: 55",
        "-- **Not Started**: 42",
        "-- **Completion**: 13.5%",
        "+- **Not Started**: 45",
        "+- **Completion**: 12.7%",
    ]


def test_clean_file_is_not_rewritten(tmp_path: Path) -> None:
    path = tmp_path / "t.md"
    shutil.copy(FIXTURES / "clean-tracker.md", path)
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    result = run("--fix", "--today", "2026-11-26", str(path))
    assert (result.returncode, result.stdout) == (0, "All checks passed (1 tracker checked).\n")
    assert path.stat().st_mtime_ns == 1_000_000_000


def test_unfixable_errors_keep_exit_1_and_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "t.md"
    shutil.copy(FIXTURES / "dates.md", path)
    result = run("--fix", "--today", "2026-11-26", str(path))
    assert result.returncode == 1
    assert result.stdout.splitlines()[-1] == "Found 4 errors."


def test_unsafe_fixes_are_held_back_and_counted(tmp_path: Path) -> None:
    path = tmp_path / "t.md"
    shutil.copy(FIXTURES / "status-mismatch.md", path)
    result = run("--fix", str(path))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == f"Fixed 1 finding in {path}"
    assert "5 unsafe fixes held back; use --unsafe-fixes to apply them." in lines
    assert lines[-1] == "Found 4 errors and 1 warning (5 more with --unsafe-fixes)."
    text = path.read_text(encoding="utf-8")
    assert "| ✅ Complete | 2025-01-30 |\n| Retries" in text  # TL202 fixed the typo "Compelte"
    assert "| 📝 Finished |" in text  # another word than "Module done": an unsafe fix


def test_unsafe_fixes_rewrite_status_from_the_stage_columns(tmp_path: Path) -> None:
    path = tmp_path / "t.md"
    shutil.copy(FIXTURES / "status-mismatch.md", path)
    result = run("--fix", "--unsafe-fixes", str(path))
    assert (result.returncode, result.stdout.splitlines()[-1]) == (
        0,
        "All checks passed (1 tracker checked).",
    )
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = [line for line in lines if line.startswith("| ")][1:]
    assert [r.split("|")[4].strip() for r in rows] == [
        "📝 Module done",
        "✅ Complete",
        "🔄 In Progress",
        "⬜ Not started",
        "🔍 needs REVIEW",
        "🎯 Exam done",
        "⬜",
    ]


def test_exit_non_zero_on_fix(tmp_path: Path) -> None:
    path = tmp_path / "t.md"
    shutil.copy(STALE, path)
    assert run("--fix", "--exit-non-zero-on-fix", str(path)).returncode == 1
    assert run("--fix", "--exit-non-zero-on-fix", str(path)).returncode == 0


def test_stdin_fix_writes_the_document_to_stdout() -> None:
    result = run("--fix", "--today", "2026-11-26", "-", stdin=STALE.read_bytes())
    assert result.stdout == expected_after_fix(STALE.read_text(encoding="utf-8"))
    assert result.returncode == 0
    assert "Fixed 3 findings in -" in result.stderr


def test_permission_bits_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "t.md"
    shutil.copy(STALE, path)
    path.chmod(0o640)
    run("--fix", str(path))
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert lint(path.read_text(encoding="utf-8"), SETTINGS) == []


def test_symlink_is_fixed_through_and_kept(tmp_path: Path) -> None:
    target = tmp_path / "real.md"
    shutil.copy(STALE, target)
    link = tmp_path / "link.md"
    link.symlink_to(target)
    assert run("--fix", str(link)).returncode == 0
    assert link.is_symlink()
    assert lint(target.read_text(encoding="utf-8"), SETTINGS) == []


def test_no_temporary_files_are_left_behind(tmp_path: Path) -> None:
    path = tmp_path / "t.md"
    shutil.copy(STALE, path)
    run("--fix", str(path))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.md"]


def test_a_file_changed_underneath_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "t.md"
    path.write_bytes(b"changed by someone else\n")
    with pytest.raises(WriteError, match="changed on disk while being fixed; not overwritten"):
        write_atomic(str(path), b"what tracker-lint read\n", b"fixed\n")
    assert path.read_bytes() == b"changed by someone else\n"


def test_cli_reports_a_file_changed_underneath(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from tracker_lint.cli import check as cli

    path = tmp_path / "t.md"
    shutil.copy(STALE, path)
    from tracker_lint.engine import fix_text as real_fix_text  # what the command line calls

    def fix_and_meanwhile_edit(*args: object, **kwargs: object) -> object:
        result = real_fix_text(*args, **kwargs)  # type: ignore[arg-type]
        path.write_text("edited meanwhile\n", encoding="utf-8")
        return result

    monkeypatch.setattr(cli, "fix_text", fix_and_meanwhile_edit)
    assert cli.main(["--fix", str(path)]) == 2
    assert path.read_text(encoding="utf-8") == "edited meanwhile\n"
    err = capsys.readouterr().err
    assert f"error: {path}: changed on disk while being fixed; not overwritten" in err


def test_read_only_file_is_reported_not_fixed_even_as_root(tmp_path: Path) -> None:
    path = tmp_path / "t.md"
    shutil.copy(STALE, path)
    path.chmod(0o444)
    before = path.read_bytes()
    result = run("--fix", str(path))
    assert result.returncode == 2
    assert f"error: {path}: is read-only; not fixed" in result.stderr
    assert result.stdout.count("TL401") == 3  # what the file still says
    assert path.read_bytes() == before


def test_diff_splits_lines_only_at_line_endings(tmp_path: Path) -> None:
    path = tmp_path / "t.md"
    text = STALE.read_text(encoding="utf-8").replace("# Learning", "# Form\x0cfeed\u2028Learning")
    path.write_text(text, encoding="utf-8")
    result = run("--diff", str(path))
    assert result.returncode == 1
    assert "No newline at end of file" not in result.stdout
    assert len([line for line in result.stdout.splitlines() if line.startswith("+- ")]) == 3
