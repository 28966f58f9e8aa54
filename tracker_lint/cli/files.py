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
from typing import Any

from tracker_lint.errors import ReadError
from tracker_lint.workspace import Source, read_file, source_of

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
    for Markdown files, skipping hidden directories, ``SKIP_DIRS`` and (in a git
    work tree, with ``respect_gitignore``) what its ``.gitignore`` files and
    ``.git/info/exclude`` ignore below the directory named. A file is given once,
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
            yield raw
            continue
        path = Path(raw)
        if path.is_dir():
            found = sorted(_search(path, respect_gitignore))
            if not found:
                yield ReadError(raw, "directory has no Markdown files")
            yield from (str(p) for p in found if first_time(str(p)))
        elif path.exists() or path.is_symlink():
            if first_time(raw):
                yield raw
        else:
            yield ReadError(raw, "No such file or directory")


def _search(top: Path, respect_gitignore: bool) -> Iterator[Path]:
    ignore = GitIgnore.of(top) if respect_gitignore else None
    real_top = top.resolve()
    if ignore is not None and ignore.ignored(real_top, is_dir=True):
        # Named on purpose though git ignores it: only its own .gitignore files apply.
        ignore = GitIgnore(ignore.root, within=real_top)
    for folder, dirs, files in os.walk(top):
        here = Path(folder)
        real = real_top / here.relative_to(top)  # as git sees it, for the ignore rules
        dirs[:] = [
            d
            for d in dirs
            if not d.startswith(".")
            and d not in SKIP_DIRS
            and not (ignore and ignore.ignored(real / d, is_dir=True))
        ]
        for name in files:
            if is_markdown(name):
                file = here / name
                if file.is_file() and not (ignore and ignore.ignored(real / name, is_dir=False)):
                    yield file


class GitIgnore:
    """The ignore rules of a git work tree: each folder's ``.gitignore`` (a deeper one
    wins over a shallower one, and the last matching pattern of a file wins, ``!``
    re-including) and ``.git/info/exclude`` below them all. pathspec (imported only
    for a directory search in a git work tree) matches the patterns as git does."""

    def __init__(self, root: Path, within: Path | None = None) -> None:
        """The rules of the work tree at ``root``; with ``within``, only the
        ``.gitignore`` files of that folder and below it."""
        self.root = root
        self._specs: dict[Path, Any] = {}
        self._within = None if within is None else len(within.relative_to(root).parts)
        exclude = root / ".git" / "info" / "exclude"
        self._exclude = self._spec(exclude) if within is None else None

    @classmethod
    def of(cls, top: Path) -> GitIgnore | None:
        """The rules for a search of ``top``, or None outside a git work tree."""
        start = top.resolve()
        for folder in (start, *start.parents):
            if (folder / ".git").exists():
                return cls(folder)
        return None

    @staticmethod
    def _spec(file: Path) -> Any:
        try:
            lines = file.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return None
        from pathspec import GitIgnoreSpec

        return GitIgnoreSpec.from_lines(lines) if lines else None

    def _folder_spec(self, folder: Path) -> Any:
        if folder not in self._specs:
            self._specs[folder] = self._spec(folder / ".gitignore")
        return self._specs[folder]

    def ignored(self, path: Path, *, is_dir: bool) -> bool:
        """Whether git ignores ``path`` (resolved; its parent folders are not ignored)."""
        try:
            relative = path.relative_to(self.root)
        except ValueError:
            return False
        parts = relative.parts
        suffix = "/" if is_dir else ""
        lowest = self._within or 0
        for depth in range(len(parts) - 1, lowest - 1, -1):  # the deepest .gitignore first
            spec = self._folder_spec(self.root.joinpath(*parts[:depth]))
            if spec is not None:
                result = spec.check_file("/".join(parts[depth:]) + suffix).include
                if result is not None:
                    return bool(result)
        if self._exclude is not None:
            return bool(self._exclude.match_file("/".join(parts) + suffix))
        return False


def read_source(path: str, stdin_name: str | None = None) -> Source:
    """The file, or standard input (shown as ``stdin_name``), read and decoded as
    ``workspace.source_of`` decodes; OS errors raise a ReadError."""
    if path != STDIN:
        return read_file(path)
    return source_of(stdin_name or STDIN, sys.stdin.buffer.read())


class WriteError(Exception):
    pass


def write_atomic(path: str, original: bytes, new: bytes) -> None:
    """Replace the file's content, all at once, only if nobody changed it meanwhile.

    The new content goes to a temporary file in the same directory, which then
    replaces the file in one rename, so a crash leaves either the old or the
    new content. Writing through a symlink updates its target; the link stays.
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
            raise WriteError(f"{path}: is read-only; not fixed")
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
