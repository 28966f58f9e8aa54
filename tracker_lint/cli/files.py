"""Reading and writing the files the command line works on."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

STDIN = "-"
SKIP_DIRS = frozenset({"node_modules", "__pycache__", "site-packages", "venv"})


class ReadError(Exception):
    """A path that cannot be linted; the message becomes a TL001 finding."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


class Source(NamedTuple):
    path: str  # as shown to the user
    data: bytes
    text: str
    # Why ``data`` is not UTF-8 text (the TL001 message), when read leniently; ``text``
    # is then a lenient decoding, good for recognising a tracker and nothing else.
    undecodable: str | None = None


def discover(paths: Sequence[str]) -> Iterator[str | ReadError]:
    """Expand directories to their Markdown files; report paths that do not exist.

    A file is given once, however many times it is named or found (``docs docs/T.md``).
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
            found = sorted(
                p
                for p in path.rglob("*.md")
                if p.is_file()
                and not any(
                    part.startswith(".") or part in SKIP_DIRS
                    for part in p.relative_to(path).parts[:-1]
                )
            )
            if not found:
                yield ReadError(raw, "directory has no Markdown files")
            yield from (str(p) for p in found if first_time(str(p)))
        elif path.exists() or path.is_symlink():
            if first_time(raw):
                yield raw
        else:
            yield ReadError(raw, "No such file or directory")


def _utf16_without_bom(data: bytes) -> str | None:
    """Mostly-ASCII UTF-16 has a NUL in every other byte, and only there: the codec
    (``utf-16-le`` when the NULs are the odd bytes, ``utf-16-be`` when the even), or None."""
    sample = data[:4096]
    sample = sample[: len(sample) - len(sample) % 2]
    even, odd = sample[0::2], sample[1::2]
    for zeros, other, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if b"\x00" not in other and zeros.count(0) * 2 > len(zeros):
            return codec
    return None


def decode(path: str, data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_without_bom(data) is not None:
        raise ReadError(path, "is UTF-16 text; tracker-lint reads UTF-8 only")
    if b"\x00" in data:
        raise ReadError(path, "is a binary file, not UTF-8 text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        raise ReadError(
            path,
            f"is not valid UTF-8 (byte 0x{data[e.start]:02x} on line {line}); save it as UTF-8",
        ) from e


def decode_leniently(data: bytes) -> str:
    """Text to recognise a tracker by, whatever the bytes: UTF-16 (with a BOM, or
    detected as :func:`decode` detects it) through its own codec, anything else as
    UTF-8, each undecodable byte becoming U+FFFD."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace")
    return data.decode(_utf16_without_bom(data) or "utf-8", "replace")


def read_source(path: str, stdin_name: str | None, *, lenient: bool = False) -> Source:
    """The file (or standard input), decoded as UTF-8.

    Text that is not UTF-8 raises a ReadError; with ``lenient`` it is returned
    decoded by :func:`decode_leniently`, with the reason in ``undecodable``, so
    the caller can tell a tracker (which must be UTF-8) from any other file.
    OS errors always raise a ReadError.
    """
    if path == STDIN:
        data = sys.stdin.buffer.read()
        name = stdin_name or STDIN
    else:
        name = path
        try:
            data = Path(path).read_bytes()
        except IsADirectoryError as e:
            raise ReadError(path, "is a directory") from e
        except FileNotFoundError as e:
            raise ReadError(path, "No such file or directory") from e
        except OSError as e:
            raise ReadError(path, f"cannot be read ({e.strerror or e})") from e
    if not lenient:
        return Source(name, data, decode(name, data))
    try:
        return Source(name, data, decode(name, data))
    except ReadError as e:
        return Source(name, data, decode_leniently(data), e.message)


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
