"""Finding, reading and writing the files the command line works on.

Decoding is the core's (``tracker_lint.workspace``); standard input, folders
and writing are the command line's alone.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tracker_lint.errors import ReadError
from tracker_lint.workspace import Source, read_file, source_of

if TYPE_CHECKING:
    import subprocess

STDIN = "-"
SKIP_DIRS = frozenset({"node_modules", "__pycache__", "site-packages", "venv"})
# What a directory search takes for Markdown, in any case: GitHub's (linguist's)
# extensions for Markdown, less those of other formats built on it.
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mdwn", ".mkd", ".mkdn", ".mkdown"})


def is_markdown(name: str) -> bool:
    return os.path.splitext(name)[1].lower() in MARKDOWN_SUFFIXES


def discover(paths: Sequence[str], *, respect_gitignore: bool = True) -> Iterator[str | ReadError]:
    """Expand directories to their Markdown files; report paths that do not exist.

    A file named on the command line is always checked. A directory is searched
    for Markdown files, skipping hidden directories, ``SKIP_DIRS`` and (with
    ``respect_gitignore``) what git ignores in it (:func:`git_ignored`). A file is given once,
    however many times it is named or found (``docs docs/T.md``).
    """
    seen: set[str] = set()

    def first_time(path: str) -> bool:
        key = os.path.normcase(os.path.abspath(path))
        if key in seen:
            return False
        seen.add(key)
        return True

    for raw in paths:
        if raw == STDIN:
            if first_time(raw):  # standard input can be read once
                yield raw
            continue
        path = Path(raw)
        if path.is_dir():
            ignored = git_ignored(path) if respect_gitignore else frozenset()
            found = sorted(_search(path, ignored))
            if not found:
                why = " that git does not ignore" if ignored else ""
                yield ReadError(raw, f"directory has no Markdown files{why}")
            yield from (str(p) for p in found if first_time(str(p)))
        elif path.exists() or path.is_symlink():
            if first_time(raw):
                yield raw
        else:
            yield ReadError(raw, "No such file or directory")


def _search(top: Path, ignored: frozenset[str]) -> Iterator[Path]:
    """The Markdown files below ``top``, but hidden and ``SKIP_DIRS`` folders and the
    paths in ``ignored`` (relative to ``top``, a folder's with a trailing ``/``)."""
    for folder, dirs, files in os.walk(top):
        here = Path(folder)
        relative = here.relative_to(top).as_posix()
        prefix = "" if relative == "." else relative + "/"
        dirs[:] = [
            d
            for d in dirs
            if not d.startswith(".") and d not in SKIP_DIRS and f"{prefix}{d}/" not in ignored
        ]
        for name in files:
            if is_markdown(name) and f"{prefix}{name}" not in ignored:
                file = here / name
                if file.is_file():
                    yield file


# Set by git for hooks; they would point git at one repository whatever the folder (or
# the file) it is run for, and the folder decides which repository to read.
REPOSITORY_ENV = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_PREFIX")


class GitUnavailable(Exception):
    """git could not be run at all (not installed, no answer); the message says why."""


def run_git(
    directory: str | Path, *args: str, stdin: bytes | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[bytes]:
    """``git -C directory ARGS``, without the repository variables git sets for hooks
    (the folder decides the repository); whatever git answers, or GitUnavailable."""
    import subprocess  # only when git is asked: a pre-commit hook's start-up does not pay

    env = {k: v for k, v in os.environ.items() if k not in REPOSITORY_ENV}
    try:
        return subprocess.run(
            ["git", "-C", str(directory), *args],
            input=stdin,
            capture_output=True,
            check=False,
            timeout=timeout,
            env=env,
        )
    except FileNotFoundError as e:
        raise GitUnavailable("git is not installed") from e
    except subprocess.TimeoutExpired as e:
        raise GitUnavailable(f"git did not answer within {timeout:g} seconds") from e
    except OSError as e:
        raise GitUnavailable(f"git could not be run ({e.strerror or e})") from e


def git_ignored(top: Path) -> frozenset[str]:
    """What git ignores below ``top``, as paths relative to it (a folder with a
    trailing ``/``): its own answer (``git ls-files --others --ignored
    --exclude-standard --directory``), so every ``.gitignore``,
    ``.git/info/exclude`` and ``core.excludesFile`` count exactly as git counts
    them, and a tracked file is never ignored. Nothing outside a git work tree,
    without git, or when git ignores ``top`` itself (named on purpose, it is
    searched whole). One git process, about 2 ms, for a directory search only."""
    try:
        listed = run_git(
            top, "ls-files", "-z", "--others", "--ignored", "--exclude-standard", "--directory"
        )
    except GitUnavailable:
        return frozenset()
    if listed.returncode != 0:
        return frozenset()  # not a work tree (or git cannot tell): nothing is ignored
    paths = frozenset(os.fsdecode(p) for p in listed.stdout.split(b"\0") if p)
    return frozenset() if "./" in paths else paths


def read_source(path: str, stdin_name: str | None = None) -> Source:
    """The file, or standard input (shown as ``stdin_name``), read and decoded as
    ``workspace.source_of`` decodes; OS errors raise a ReadError."""
    if path != STDIN:
        return read_file(path)
    return source_of(stdin_name or STDIN, sys.stdin.buffer.read())


class WriteError(Exception):
    pass


def write_atomic(path: str, original: bytes, new: bytes, done: str = "fixed") -> None:
    """Replace the file's content, all at once, only if nobody changed it meanwhile.

    The new content goes to a temporary file in the same directory, which then
    replaces the file in one rename, so a crash leaves either the old or the
    new content. Writing through a symlink updates its target; the link stays.
    ``done`` says what was not done to a read-only file (fixed, changed).
    """
    import tempfile

    target = os.path.realpath(path)
    try:
        current = Path(target).read_bytes()
    except OSError as e:
        raise WriteError(f"{path}: cannot be read back before writing ({e.strerror})") from e
    if current != original:
        raise WriteError(f"{path}: changed on disk while being fixed; not overwritten")
    directory = os.path.dirname(target) or "."
    try:
        stat = os.stat(target)
        mode = stat.st_mode & 0o7777
        # Root may write anything; a file without write bits is read-only all the same.
        if not mode & 0o222 or not os.access(target, os.W_OK):
            raise WriteError(f"{path}: is read-only; not {done}")
        fd, tmp = tempfile.mkstemp(prefix=".tracker-lint-", suffix=".tmp", dir=directory)
    except OSError as e:
        raise WriteError(f"{path}: cannot be written ({e.strerror})") from e
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(new)
            handle.flush()
            os.fsync(handle.fileno())
        if hasattr(os, "chown") and (stat.st_uid, stat.st_gid) != (os.geteuid(), os.getegid()):
            # The new file is the writer's; give it back to the file's owner
            # (root fixing a user's checkout), where the system allows it.
            with contextlib.suppress(PermissionError):
                os.chown(tmp, stat.st_uid, stat.st_gid)
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise WriteError(f"{path}: cannot be written ({e.strerror})") from e


def _lines(text: str) -> list[str]:
    """Lines with their endings, split as Markdown splits them: at CR, LF or CRLF only
    (not at form feeds or U+2028, as ``str.splitlines`` would)."""
    import re

    return re.findall(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$", text)


def unified_diff(path: str, before: str, after: str) -> str:
    import difflib

    lines = difflib.unified_diff(
        _lines(before), _lines(after), fromfile=f"a/{path}", tofile=f"b/{path}"
    )
    out = []
    for line in lines:
        out.append(
            line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n"
        )
    return "".join(out)


def write_output(path: str | None, text: str) -> bool:
    """A command's output to ``path`` (``-o``; creating missing parent folders, as CI
    report folders need) or, for None or ``-``, standard output; False (after an
    ``error:`` line) when it cannot be written."""
    if path in (None, STDIN):
        sys.stdout.write(text)
        return True
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", errors="surrogateescape", newline="")
    except OSError as e:
        from tracker_lint.cli import print_error

        print_error(f"cannot write to {path}: {e.strerror or e}")
        return False
    return True
