"""The bad-input matrix, through the command line.

Every case checks what a user sees: one clear line naming the problem, the
exit code (2 for a path that cannot be linted, 0 for a skipped non-tracker),
no traceback anywhere, and, even with ``--fix``, a file left exactly as it
was (same bytes, same modification time, no temporary file left behind).
Most cases run the command line in this process; permissions, big inputs,
concurrency and bounded time need a child process (those tests are ``slow``), and
every child process runs under a timeout; no test asserts a duration.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, SETTINGS, keys, other_lines, run, run_process
from tracker_lint import fix_text

STALE = FIXTURES / "stale-quick-stats.md"
TODAY = ["--today", SETTINGS.today.isoformat()]
TIMEOUT = 60  # seconds; a guard against hangs, not a performance assertion
STALE_FINDINGS = [(5, 20, "TL401"), (6, 18, "TL401"), (9, 19, "TL401")]


def _drop_file_permission_override() -> None:
    """In the child, before exec: give up root's power to ignore file permissions.

    Root reads and writes any file regardless of its mode bits, so a test
    running as root would never see "Permission denied". Dropping
    CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from the bounding set makes the
    exec'd command line an ordinary owner of its files: mode 0 is unreadable,
    mode 0444 read-only, a 0555 directory unwritable, exactly as for a user.
    """
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    pr_capbset_drop, cap_dac_override, cap_dac_read_search = 24, 1, 2
    for cap in (cap_dac_override, cap_dac_read_search):
        if libc.prctl(pr_capbset_drop, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def _can_drop_permission_override() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        subprocess.run(
            [sys.executable, "-c", ""],
            preexec_fn=_drop_file_permission_override,
            check=True,
            timeout=TIMEOUT,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return True


AS_ROOT = os.name == "posix" and os.geteuid() == 0
_skip_unless_unprivileged = pytest.mark.skipif(
    AS_ROOT and not _can_drop_permission_override(),
    reason="running as root and cannot drop CAP_DAC_OVERRIDE here",
)


def unprivileged(test: Callable[..., None]) -> Callable[..., None]:
    """A test run by a child process as an ordinary user: slow, and skipped where
    root's power over file permissions cannot be dropped."""
    marked: Callable[..., None] = pytest.mark.slow(_skip_unless_unprivileged(test))
    return marked


def cli(
    *args: str, unprivileged: bool = False, process: bool = False
) -> subprocess.CompletedProcess[str]:
    """The command line: in this process (``tests.conftest.run``), or in a child
    process under this file's timeout (``process``; the tests that use it are
    ``slow``), optionally as an ordinary user (``unprivileged``, always a child)."""
    if not (process or unprivileged):
        return run(*args)
    drop = _drop_file_permission_override if unprivileged and AS_ROOT else None
    return run_process(*args, timeout=TIMEOUT, preexec_fn=drop)


@dataclass(frozen=True)
class Snapshot:
    """What "untouched" means: the bytes, the modification time, the directory listing."""

    data: bytes
    mtime_ns: int
    listing: frozenset[str]

    @classmethod
    def of(cls, path: Path) -> Snapshot:
        return cls(path.read_bytes(), path.stat().st_mtime_ns, frozenset(os.listdir(path.parent)))


def assert_no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stdout + result.stderr
    assert "Error:" not in result.stderr  # an uncaught exception's last line


def assert_tl001(result: subprocess.CompletedProcess[str], path: Path | str) -> None:
    """One TL001 finding on ``path`` (what it says: tests/golden/TL001.txt), exit 2."""
    assert_no_traceback(result)
    assert result.returncode == 2
    assert keys(result.stdout) == [(str(path), 1, 1, "TL001")]
    assert other_lines(result.stdout) == ["Found 1 error."]
    assert result.stderr == ""


# ------------------------------------------------------------ paths and bytes


@pytest.mark.parametrize("fix", [[], ["--fix"]], ids=["check", "fix"])
def test_missing_path(tmp_path: Path, fix: list[str]) -> None:
    path = tmp_path / "missing.md"
    result = cli(*fix, str(path))
    assert_tl001(result, path)
    assert not path.exists()
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("fix", [[], ["--fix"]], ids=["check", "fix"])
def test_directory_without_markdown(tmp_path: Path, fix: list[str]) -> None:
    (tmp_path / "notes.txt").write_text("| Module | Exam | Status |\n")
    before = Snapshot.of(tmp_path / "notes.txt")
    result = cli(*fix, str(tmp_path))
    assert_tl001(result, tmp_path)
    assert Snapshot.of(tmp_path / "notes.txt") == before


@pytest.mark.parametrize("fix", [[], ["--fix"]], ids=["check", "fix"])
def test_empty_file_is_a_skipped_non_tracker(tmp_path: Path, fix: list[str]) -> None:
    path = tmp_path / "empty.md"
    path.write_bytes(b"")
    before = Snapshot.of(path)
    result = cli(*fix, str(path))
    assert_no_traceback(result)
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "No trackers checked (1 Markdown file is not a tracker).\n",
        not_a_tracker_note(path),
    )
    assert Snapshot.of(path) == before


def not_a_tracker_note(path: Path) -> str:
    """The note for a file named on the command line that is not a tracker."""
    return (
        f"note: {path}: not a tracker for profile learning-module "
        "(no table with columns Module, Exam, Status); skipped\n"
    )


def _invalid_utf8_in_a_tracker() -> bytes:
    data = STALE.read_bytes()
    at = data.index(b"Sharding")  # line 35 of the fixture
    return data[:at] + b"Sh\xe4rding" + data[at + len(b"Sharding") :]


# Files that are not trackers: not being UTF-8 is no error for them.
NON_TRACKER_BAD_BYTES: dict[str, bytes] = {
    "binary": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10",
    "latin-1": "# Tracker\n\nÉtat des modules: déjà vu\n".encode("latin-1"),
    "utf-16": "# Notes\n\nNot a tracker.\n".encode("utf-16"),
}

# Trackers: they must be UTF-8.
# What TL001 says of each: tests/golden/TL001.txt.
BAD_BYTES: dict[str, bytes] = {
    "binary": STALE.read_bytes() + b"\x00\x00\x00\rIHDR",
    "latin-1": STALE.read_bytes() + "\nÉtat des modules: déjà vu\n".encode("latin-1"),
    "utf-16 with BOM": STALE.read_text(encoding="utf-8").encode("utf-16"),
    "utf-16-be with BOM": "\ufeff".encode("utf-16-be")
    + STALE.read_text(encoding="utf-8").encode("utf-16-be"),
    "utf-16 without BOM": STALE.read_text(encoding="utf-8").encode("utf-16-le"),
    "invalid utf-8 in the middle of a tracker": _invalid_utf8_in_a_tracker(),
    "truncated utf-8 at the end": STALE.read_bytes() + "✅".encode()[:2],
}


@pytest.mark.parametrize("fix", [[], ["--fix"], ["--fix", "--unsafe-fixes"]])
@pytest.mark.parametrize("case", list(BAD_BYTES))
def test_undecodable_file(tmp_path: Path, case: str, fix: list[str]) -> None:
    path = tmp_path / "tracker.md"
    path.write_bytes(BAD_BYTES[case])
    before = Snapshot.of(path)
    assert_tl001(cli(*fix, *TODAY, str(path)), path)
    assert Snapshot.of(path) == before


@pytest.mark.parametrize("fix", [[], ["--fix"]], ids=["check", "fix"])
@pytest.mark.parametrize("case", list(NON_TRACKER_BAD_BYTES))
def test_undecodable_non_tracker(tmp_path: Path, case: str, fix: list[str]) -> None:
    path = tmp_path / "notes.md"
    path.write_bytes(NON_TRACKER_BAD_BYTES[case])
    before = Snapshot.of(path)
    result = cli(*fix, *TODAY, str(path))
    assert_no_traceback(result)
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "No trackers checked (1 Markdown file is not a tracker).\n",
        not_a_tracker_note(path),
    )
    assert Snapshot.of(path) == before


def test_a_bad_file_does_not_stop_the_others(tmp_path: Path) -> None:
    bad = tmp_path / "a.md"  # a tracker, so it must be UTF-8
    bad.write_bytes(STALE.read_text(encoding="utf-8").encode("utf-16"))
    good = tmp_path / "b.md"
    shutil.copy(STALE, good)
    result = cli("--fix", *TODAY, str(tmp_path))
    assert_no_traceback(result)
    assert result.returncode == 2
    assert keys(result.stdout) == [(str(bad), 1, 1, "TL001")]
    assert other_lines(result.stdout) == [f"Fixed 3 findings in {good}", "Found 1 error."]
    assert good.read_bytes() == fix_text(STALE.read_text(encoding="utf-8"), SETTINGS).text.encode()


def test_symlink_loop(tmp_path: Path) -> None:
    loop = tmp_path / "loop.md"
    loop.symlink_to(loop)
    result = cli("--fix", str(loop))
    assert_tl001(result, loop)
    assert loop.is_symlink()


# ---------------------------------------------------------------- permissions


def test_unreadable_file_in_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from tracker_lint.cli import check

    path = tmp_path / "tracker.md"
    shutil.copy(STALE, path)
    before = Snapshot.of(path)

    def denied(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", denied)
    assert check.main(["--fix", str(path)]) == 2
    out = capsys.readouterr().out
    assert (keys(out), other_lines(out)) == ([(str(path), 1, 1, "TL001")], ["Found 1 error."])
    monkeypatch.undo()
    assert Snapshot.of(path) == before


@unprivileged
@pytest.mark.parametrize("fix", [[], ["--fix"]], ids=["check", "fix"])
def test_unreadable_file(tmp_path: Path, fix: list[str]) -> None:
    path = tmp_path / "tracker.md"
    shutil.copy(STALE, path)
    before = Snapshot.of(path)  # read while the test may still read it (not only as root)
    path.chmod(0)
    result = cli(*fix, str(path), unprivileged=True)
    assert_tl001(result, path)
    path.chmod(0o644)
    assert Snapshot.of(path) == before


def _expect_not_written(result: subprocess.CompletedProcess[str], path: Path, why: str) -> None:
    """The fix could not be written: say so once, report what the file still has, exit 2."""
    assert_no_traceback(result)
    assert result.returncode == 2
    assert result.stderr == f"error: {path}: {why}\n"
    assert keys(result.stdout) == [(str(path), *finding) for finding in STALE_FINDINGS]
    assert other_lines(result.stdout) == ["Found 3 errors."]


def test_read_only_file_with_fix_in_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from tracker_lint.cli import check

    path = tmp_path / "tracker.md"
    shutil.copy(STALE, path)
    before = Snapshot.of(path)
    monkeypatch.setattr(os, "access", lambda *a, **k: False)
    assert check.main(["--fix", *TODAY, str(path)]) == 2
    out = capsys.readouterr()
    assert out.err == f"error: {path}: is read-only; not fixed\n"
    assert out.out.splitlines()[-1] == "Found 3 errors."
    assert Snapshot.of(path) == before


@unprivileged
def test_read_only_file_with_fix(tmp_path: Path) -> None:
    # The most honest test: a real 0444 file, the real command line, run with
    # no power to override permissions (as an ordinary user who owns the file).
    path = tmp_path / "tracker.md"
    shutil.copy(STALE, path)
    path.chmod(0o444)
    before = Snapshot.of(path)
    _expect_not_written(
        cli("--fix", *TODAY, str(path), unprivileged=True), path, "is read-only; not fixed"
    )
    assert Snapshot.of(path) == before
    assert path.stat().st_mode & 0o777 == 0o444


@unprivileged
def test_writable_file_in_a_read_only_directory_with_fix(tmp_path: Path) -> None:
    # The file itself is writable, but the temporary file of the atomic write
    # cannot be created beside it.
    folder = tmp_path / "docs"
    folder.mkdir()
    path = folder / "tracker.md"
    shutil.copy(STALE, path)
    folder.chmod(0o555)
    try:
        before = Snapshot.of(path)
        result = cli("--fix", *TODAY, str(path), unprivileged=True)
        _expect_not_written(result, path, "cannot be written (Permission denied)")
        assert Snapshot.of(path) == before
    finally:
        folder.chmod(0o755)


@pytest.mark.skipif(not AS_ROOT, reason="only root can give a file to another user")
def test_a_fixed_file_keeps_its_owner(tmp_path: Path) -> None:
    # pre-commit in a container runs as root on a mounted checkout: a fixed
    # tracker must stay the user's file, not become root's.
    path = tmp_path / "tracker.md"
    shutil.copy(STALE, path)
    os.chown(path, 4321, 4321)
    path.chmod(0o640)
    result = cli("--fix", *TODAY, str(path))
    assert (result.returncode, result.stdout) == (
        0,
        f"Fixed 3 findings in {path}\nAll checks passed (1 tracker checked).\n",
    )
    stat = path.stat()
    assert (stat.st_uid, stat.st_gid, stat.st_mode & 0o7777) == (4321, 4321, 0o640)


# -------------------------------------------------------------------- symlinks


def test_symlink_to_a_tracker_is_fixed_through_and_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real" / "tracker.md"
    real.parent.mkdir()
    shutil.copy(STALE, real)
    link = tmp_path / "TRACKER.md"
    link.symlink_to(os.path.relpath(real, tmp_path))
    result = cli("--fix", *TODAY, str(link))
    assert_no_traceback(result)
    assert (result.returncode, result.stdout) == (
        0,
        f"Fixed 3 findings in {link}\nAll checks passed (1 tracker checked).\n",
    )
    assert link.is_symlink()
    assert os.readlink(link) == os.path.join("real", "tracker.md")
    expected = fix_text(STALE.read_text(encoding="utf-8"), SETTINGS).text.encode()
    assert real.read_bytes() == expected
    assert sorted(os.listdir(real.parent)) == ["tracker.md"]


def test_dangling_symlink(tmp_path: Path) -> None:
    link = tmp_path / "TRACKER.md"
    link.symlink_to(tmp_path / "gone.md")
    assert_tl001(cli("--fix", str(link)), link)
    assert link.is_symlink()
    assert not (tmp_path / "gone.md").exists()


# ----------------------------------------------------------------- big inputs


def stale_tracker(rows: int, notes: str = "", columns: list[str] | None = None) -> str:
    """A tracker whose Quick Stats claim 1 page; every row is a consistent ✅ row."""
    extra = columns or []
    header = ["Page", "Module", "Exam", "Status", "Notes", *extra, "Last Updated"]
    cells = ["{i}", "✅", "✅", "✅ Complete", notes, *(["x"] * len(extra)), "2025-01-30"]
    row = "| " + " | ".join(cells) + " |\n"
    return (
        "# Tracker\n\n## Quick Stats\n\n- **Total Pages**: 1\n\n## Pages\n\n"
        + "| " + " | ".join(header) + " |\n"
        + "|" + "---|" * len(header) + "\n"
        + "".join(row.replace("{i}", f"Page {i}") for i in range(rows))
    )  # fmt: skip


def _fix_and_expect(tmp_path: Path, text: str, rows: int) -> None:
    """--fix rewrites exactly the stale total and nothing else, within the timeout."""
    path = tmp_path / "tracker.md"
    path.write_text(text, encoding="utf-8", newline="")
    result = cli("--fix", *TODAY, str(path), process=True)
    assert_no_traceback(result)
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        f"Fixed 1 finding in {path}\nAll checks passed (1 tracker checked).\n",
        "",
    )
    expected = text.replace("**Total Pages**: 1\n", f"**Total Pages**: {rows}\n", 1)
    assert path.read_bytes() == expected.encode("utf-8")


@pytest.mark.slow
def test_a_50_mb_tracker(tmp_path: Path) -> None:
    rows = 10_000
    text = stale_tracker(rows, notes="n" * 5_000)
    assert len(text.encode()) > 50_000_000
    _fix_and_expect(tmp_path, text, rows)


@pytest.mark.slow
def test_a_50_mb_file_that_is_not_a_tracker(tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    paragraph = "Some prose | with a pipe, a [link](x) and *emphasis*.\n" * 20 + "\n"
    path.write_text("# Notes\n\n" + paragraph * (50_000_000 // len(paragraph) + 1))
    before = Snapshot.of(path)
    result = cli("--fix", str(path), process=True)
    assert_no_traceback(result)
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "No trackers checked (1 Markdown file is not a tracker).\n",
        not_a_tracker_note(path),
    )
    assert Snapshot.of(path) == before


@pytest.mark.slow
def test_a_line_of_1_mb_in_a_tracker_cell(tmp_path: Path) -> None:
    _fix_and_expect(tmp_path, stale_tracker(3, notes="y" * (1 << 20)), 3)


@pytest.mark.slow
def test_a_line_of_1_mb_of_pipes(tmp_path: Path) -> None:
    path = tmp_path / "tracker.md"
    text = stale_tracker(1).replace("**Total Pages**: 1", "**Total Pages**: 2") + "|" * (1 << 20)
    path.write_text(text + "\n", encoding="utf-8")
    before = Snapshot.of(path)
    result = cli("--fix", *TODAY, str(path), process=True)
    assert_no_traceback(result)
    assert result.returncode == 1
    assert keys(result.stdout) == [(str(path), 12, 1, "TL101")]
    assert other_lines(result.stdout) == ["Found 1 error."]
    assert Snapshot.of(path) == before


@pytest.mark.slow
def test_a_1_mb_cell_gives_a_readable_message(tmp_path: Path) -> None:
    path = tmp_path / "tracker.md"
    path.write_text(stale_tracker(1).replace("✅ Complete", "?" * (1 << 20)), encoding="utf-8")
    result = cli(*TODAY, str(path), process=True)
    assert_no_traceback(result)
    assert result.returncode == 1
    assert [key[3] for key in keys(result.stdout)] == ["TL103"]
    assert max(map(len, result.stdout.splitlines())) < 500


@pytest.mark.slow
def test_a_table_with_1000_columns(tmp_path: Path) -> None:
    extra = [f"C{i}" for i in range(994)]
    text = stale_tracker(20, columns=extra)
    assert text.splitlines()[8].count("|") == 1001
    _fix_and_expect(tmp_path, text, 20)


@pytest.mark.slow
def test_a_row_of_a_1000_column_table_with_a_missing_cell(tmp_path: Path) -> None:
    path = tmp_path / "tracker.md"
    text = stale_tracker(2, columns=[f"C{i}" for i in range(994)])
    text = text.replace("**Total Pages**: 1", "**Total Pages**: 2").replace(" | x |", " |", 1)
    path.write_text(text, encoding="utf-8")
    result = cli("--fix", *TODAY, str(path), process=True)
    assert_no_traceback(result)
    assert result.returncode == 1
    assert keys(result.stdout) == [(str(path), 11, 1, "TL101")]
    assert other_lines(result.stdout) == ["Found 1 error."]


# ------------------------------------------------------------------ deep nesting

FLAT = [
    "## Quick Stats",
    "",
    "- **Total Pages**: 5",
    "- **Completed**: 0",
    "",
    "| Page | Module | Exam | Status | Last Updated |",
    "|------|--------|------|--------|--------------|",
    "| Caching | ✅ | ✅ | ✅ Complete | 2025-01-30 |",
    "| Sharding | ✅ | ⬜ | ✅ Complete | 2025-01-31 |",
]


def block_quote(lines: list[str]) -> list[str]:
    return [f"> {line}" if line else ">" for line in lines]


def list_item(lines: list[str]) -> list[str]:
    return [f"- {lines[0]}", *(f"  {line}" if line else "" for line in lines[1:])]


def nested(depth: int, wrap: Callable[[int], Callable[[list[str]], list[str]]]) -> str:
    lines = FLAT
    for level in range(depth):
        lines = wrap(level)(lines)
    return "# Tracker\n\n" + "\n".join(lines) + "\n"


def line_codes(stdout: str) -> list[tuple[str, str]]:
    """(line, code) of each finding line: columns shift with the nesting, lines do not."""
    return [(m[1], m[2]) for m in re.finditer(r"^.*?:(\d+):\d+: (TL\d+)", stdout, re.M)]


def _nested_run(
    tmp_path: Path, text: str, *, process: bool = False
) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "tracker.md"
    path.write_text(text, encoding="utf-8")
    result = cli(*TODAY, str(path), process=process)
    assert_no_traceback(result)
    return result


FLAT_FINDINGS = [("5", "TL401"), ("6", "TL401"), ("11", "TL201")]


def test_the_flat_tracker_that_gets_nested(tmp_path: Path) -> None:
    result = _nested_run(tmp_path, nested(0, lambda level: block_quote))
    assert (result.returncode, line_codes(result.stdout)) == (1, FLAT_FINDINGS)


def test_a_tracker_50_block_quotes_deep(tmp_path: Path) -> None:
    text = nested(50, lambda level: block_quote)
    result = _nested_run(tmp_path, text)
    assert (result.returncode, line_codes(result.stdout)) == (1, FLAT_FINDINGS)
    path = tmp_path / "tracker.md"
    fixed = cli("--fix", *TODAY, str(path))
    assert fixed.stdout.splitlines()[0] == f"Fixed 2 findings in {path}"
    assert path.read_text(encoding="utf-8") == text.replace("**: 5", "**: 2").replace(
        "**: 0", "**: 1"
    )


@pytest.mark.slow
def test_a_tracker_50_levels_deep_in_block_quotes_and_lists_is_read_in_bounded_time(
    tmp_path: Path,
) -> None:
    text = nested(50, lambda level: (block_quote, list_item)[level % 2])
    result = _nested_run(tmp_path, text, process=True)
    assert result.returncode == 1
    assert ("11", "TL201") in line_codes(result.stdout)  # the table is read at depth 50


@pytest.mark.parametrize("depth", [2, 50])
def test_a_tracker_nested_in_lists_reads_its_quick_stats(tmp_path: Path, depth: int) -> None:
    result = _nested_run(tmp_path, nested(depth, lambda level: (block_quote, list_item)[level % 2]))
    assert line_codes(result.stdout) == FLAT_FINDINGS


# ------------------------------------------------------------------ concurrency


@pytest.mark.slow
def test_two_fix_processes_on_one_file_never_mix_their_writes(tmp_path: Path) -> None:
    # One process applies the safe fixes, the other the unsafe ones too, so
    # the two writers produce different files; whatever the interleaving,
    # the file must end up as exactly one complete version.
    source = stale_tracker(3_000).replace("| Page 7 | ✅ | ✅ |", "| Page 7 | ✅ | ⬜ |")
    safe = fix_text(source, SETTINGS).text.encode()
    unsafe = fix_text(source, SETTINGS, unsafe=True).text.encode()
    assert len({source.encode(), safe, unsafe}) == 3
    path = tmp_path / "tracker.md"
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    for _ in range(6):
        path.write_text(source, encoding="utf-8")
        procs = [
            subprocess.Popen(
                [sys.executable, "-m", "tracker_lint", "--fix", *flags, *TODAY, str(path)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                encoding="utf-8",
                env=env,
            )
            for flags in ([], ["--unsafe-fixes"])
        ]
        outcomes = []
        for proc in procs:
            try:
                out, err = proc.communicate(timeout=TIMEOUT)
            finally:
                proc.kill()
            outcomes.append((proc.returncode, out, err))
        assert path.read_bytes() in {safe, unsafe}
        assert os.listdir(tmp_path) == ["tracker.md"]  # no temporary file left behind
        for code, out, err in outcomes:
            assert "Traceback" not in out + err
            if code == 2:
                assert err == f"error: {path}: changed on disk while being fixed; not overwritten\n"
            else:
                assert (code, err) in {(0, ""), (1, "")}
