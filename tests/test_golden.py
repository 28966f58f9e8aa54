"""The wording of every message, in golden files: the only tests that compare it.

``tests/golden/<CODE>.txt`` holds the exact text-output lines of one rule
(``fixtures/x.md:3:5: TL401 [*] message``) over every fixture in ``fixtures/``
(run as ``tests/test_fixtures.py`` runs them: the default profile, or a fixture
folder's profile, today 2026-11-26), then over the small cases below for the messages no fixture shows
(unreadable files, a git base revision, variants of a message).
``tests/golden/summary.txt`` holds what the command line says around the
findings: the summary line, ``Fixed ...`` lines, notes and errors.

Every other test compares findings on (path, line, column, code). Changing the
wording of a message changes its rule and its golden file, nothing else.
Regenerate after a deliberate change, then read the diff::

    TRACKER_LINT_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import FINDING, FIXTURES, ROOT, TODAY, folder_fixtures, run
from tracker_lint.rules import RULES

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = bool(os.environ.get("TRACKER_LINT_UPDATE_GOLDEN"))
DATE = ("--today", TODAY.isoformat())
STALE = FIXTURES / "stale-quick-stats.md"
DOCUMENTS = sorted(FIXTURES.glob("*.md"))

# A tracked table with one row: the start of the small cases.
TABLE = "| Page | Module | Exam | Status |\n|---|---|---|---|\n"
ROW = "| Caching | ✅ | ✅ | ✅ Complete |\n"

# Messages no fixture shows (a file name: its bytes). TL001 and TL304 need the
# command line's files and a git base revision: see the cases further down.
DOCUMENT_CASES: dict[str, bytes] = {
    # TL401: a value beside numbers that are not derived (an unsafe fix), and a count
    # of rows of one status.
    "stats-unsafe.md": (
        "## Quick Stats\n\n- **Total Pages**: 3 (2 planned)\n- **In Progress**: 1\n\n" + TABLE + ROW
    ).encode(),
    # TL901: a suppression naming a code that is no rule (tests/test_suppress.py).
    "unknown-code.md": (
        TABLE
        + "| Caching | ✅ | ⬜ | ✅ Complete <!-- tracker-lint-disable-line TL201 TL999 --> |\n"
    ).encode(),
    # TL101: a row with a cell too few (tests/test_bad_inputs.py has one of 1000 columns).
    "wide-row.md": ("## Pages\n\n" + TABLE + "| Caching | ✅ | ✅ |\n").encode(),
}

# Trackers that cannot be read: every way TL001 says so.
PLAIN = "| Topic | Module | Exam | Status |\n|---|---|---|---|\n| Café | x | x | x |\n"
TRACKER = PLAIN.encode()
UNREADABLE: dict[str, bytes] = {
    "latin-1.md": PLAIN.encode("latin-1"),
    "utf-16.md": PLAIN.encode("utf-16"),
    "utf-16-without-bom.md": STALE.read_text(encoding="utf-8").encode("utf-16-le"),
    "binary.md": TRACKER + b"\x00\x00",
    # The bad bytes of tests/test_bad_inputs.py: where the byte is, and UTF-16 both ways.
    "latin-1-appended.md": STALE.read_bytes() + "\nÉtat des modules\n".encode("latin-1"),
    "truncated.md": STALE.read_bytes() + "✅".encode()[:2],
    "utf-16-be.md": "\ufeff".encode("utf-16-be")
    + STALE.read_text(encoding="utf-8").encode("utf-16-be"),
    "binary-appended.md": STALE.read_bytes() + b"\x00\x00\x00\rIHDR",
    "invalid-in-the-middle.md": STALE.read_bytes().replace(b"Sharding", b"Sh\xe4rding", 1),
}


def finding_lines(stdout: str) -> list[str]:
    return [line for line in stdout.splitlines() if FINDING.match(line)]


def fixture_lines() -> list[str]:
    """The findings of every fixture, as the command line prints them from the checkout:
    the documents of ``fixtures/``, then those of each fixture folder with its profile."""
    paths = [str(p.relative_to(ROOT)) for p in DOCUMENTS]
    lines = finding_lines(run(*DATE, "--quiet", *paths, cwd=ROOT).stdout)
    for path, config in folder_fixtures():
        relative = (str(path.relative_to(ROOT)), "--config", str(config.relative_to(ROOT)))
        lines += finding_lines(run(*DATE, "--quiet", *relative, cwd=ROOT).stdout)
    return lines


def case_lines(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The findings of the small cases, each written under ``tmp`` and named relatively."""
    cases = tmp / "cases"
    cases.mkdir()
    for name, data in {**DOCUMENT_CASES, **UNREADABLE}.items():
        (cases / name).write_bytes(data)
    (cases / "no-markdown").mkdir()
    (cases / "denied.md").write_bytes(TRACKER)
    names = [*DOCUMENT_CASES, *UNREADABLE, "missing.md", "no-markdown", "denied.md"]
    read_bytes: Callable[[Path], bytes] = Path.read_bytes

    def denied(self: Path) -> bytes:  # root reads any file: permissions are simulated
        if self.name == "denied.md":
            raise PermissionError(13, "Permission denied")
        return read_bytes(self)

    with monkeypatch.context() as patch:
        patch.setattr(Path, "read_bytes", denied)
        result = run(*DATE, "--quiet", *(f"cases/{name}" for name in names), cwd=tmp)
    return finding_lines(result.stdout) + history_lines(tmp / "repo")


def history_lines(repo: Path) -> list[str]:
    """TL304, against a base revision committed in a new git repository."""
    if shutil.which("git") is None:
        return []  # test_messages_of_each_rule skips TL304
    repo.mkdir()
    header = "## Laws\n\n| Law | Module | Exam | Status | Last Updated |\n|---|---|---|---|---|\n"
    base = header + "| Latency | ✅ | ⬜ | 📝 Module done | 2025-02-01 |\n"
    (repo / "T.md").write_text(base, encoding="utf-8")
    env = {
        **os.environ,
        "GIT_CEILING_DIRECTORIES": str(repo.parent),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
    }
    for args in (["init", "-q"], ["add", "T.md"], ["commit", "-q", "-m", "base"]):
        subprocess.run(["git", "-c", "commit.gpgsign=false", *args], cwd=repo, env=env, check=True)
    now = base.replace(
        "| ✅ | ⬜ | 📝 Module done | 2025-02-01 |", "| ✅ | ✅ | ✅ Complete | 2025-01-30 |"
    )
    (repo / "T.md").write_text(now, encoding="utf-8")
    return finding_lines(run(*DATE, "--quiet", "--base", "HEAD", "T.md", cwd=repo).stdout)


def by_code(lines: list[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {code: [] for code in RULES}
    for line in lines:
        match = FINDING.match(line)
        assert match is not None, line
        found.setdefault(match["code"], []).append(line)
    return found


def compare(name: str, lines: list[str]) -> None:
    """``lines`` are the golden file ``name``; with TRACKER_LINT_UPDATE_GOLDEN they become it."""
    path = GOLDEN / name
    text = "".join(f"{line}\n" for line in lines)
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    assert path.exists(), f"{path} is missing; set TRACKER_LINT_UPDATE_GOLDEN=1 to write it"
    assert path.read_text(encoding="utf-8") == text, (
        f"{path.name} differs from the output; if the change is intended, regenerate it "
        "with TRACKER_LINT_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py"
    )


@pytest.fixture(scope="module")
def messages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    with pytest.MonkeyPatch.context() as monkeypatch:
        tmp = tmp_path_factory.mktemp("golden")
        return by_code(fixture_lines() + case_lines(tmp, monkeypatch))


@pytest.mark.parametrize("code", sorted(RULES))
def test_messages_of_each_rule(code: str, messages: dict[str, list[str]]) -> None:
    if code == "TL304" and shutil.which("git") is None:
        pytest.skip("TL304 needs a git base revision and git is not installed")
    assert messages[code], f"no fixture or case shows {code}: add a case to tests/test_golden.py"
    compare(f"{code}.txt", messages[code])


def test_golden_files_are_the_rules(messages: dict[str, list[str]]) -> None:
    assert set(messages) == set(RULES)  # no finding of a code that is not a rule
    stale = {p.stem for p in GOLDEN.glob("TL*.txt")} - set(RULES)
    assert not stale, f"golden files of no rule: {sorted(stale)}"


# ------------------------------------------------------------------------ summary


NOTES = ("note:", "error")


def command(args: list[str], cwd: Path, name: str = "") -> list[str]:
    """A command line and what it prints besides findings: summary, Fixed lines, notes."""
    result = run(*args, cwd=cwd)
    out = [line for line in result.stdout.splitlines() if not FINDING.match(line)]
    # Of standard error, the notes and errors (argparse's usage lines are its own).
    err = [f"[stderr] {line}" for line in result.stderr.splitlines() if line[:5] in NOTES]
    shown = " ".join(args)
    return [f"$ tracker-lint {name or shown}", *out, *err, f"[exit {result.returncode}]", ""]


def test_summary_notes_and_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("stale-quick-stats", "clean-tracker", "duplicate-items", "not-a-tracker"):
        shutil.copy(FIXTURES / f"{name}.md", tmp_path / f"{name}.md")
    shutil.copy(STALE, tmp_path / "fix-me.md")
    shutil.copy(STALE, tmp_path / "read-only.md")
    (tmp_path / "unsafe.md").write_bytes(DOCUMENT_CASES["stats-unsafe.md"])
    lines: list[str] = []
    for args in (
        [*DATE, "stale-quick-stats.md"],
        ["clean-tracker.md"],
        ["duplicate-items.md"],
        [*DATE, "stale-quick-stats.md", "duplicate-items.md", "not-a-tracker.md"],
        ["not-a-tracker.md"],
        ["missing.md"],
        [*DATE, "unsafe.md"],
        [*DATE, "--fix", "fix-me.md"],
        [*DATE, "--fix", "unsafe.md"],
        [*DATE, "--statistics", "stale-quick-stats.md", "duplicate-items.md"],
        ["--select", "XX1", "clean-tracker.md"],
    ):
        lines += command(args, tmp_path)
    with monkeypatch.context() as patch:
        patch.setattr(os, "access", lambda *a, **k: False)
        lines += command([*DATE, "--fix", "read-only.md"], tmp_path, "--fix read-only.md (0444)")
    compare("summary.txt", lines)
