"""The command line: the only module that reads files, writes files, prints and exits."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tracker_lint import __version__
from tracker_lint.engine import Settings, fix_text, lint, unreadable
from tracker_lint.output import FileResult, format_json, format_text

STDIN = "-"
SKIP_DIRS = frozenset({"node_modules", "__pycache__", "site-packages", "venv"})
FORMATS = ("text", "json")


class ReadError(Exception):
    """A path that cannot be linted; the message becomes a TL001 finding."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


@dataclass
class Source:
    path: str  # as shown to the user
    data: bytes
    text: str


def _today(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tracker-lint",
        description="Lint and fix hand-edited Markdown progress trackers.",
        epilog="Exit codes: 0 no errors, 1 errors found (or files fixed with "
        "--exit-non-zero-on-fix, or a diff with --diff), 2 usage error or unreadable file.",
    )
    parser.add_argument(
        "paths", nargs="*", metavar="PATH", help="files or directories to lint; - reads stdin"
    )
    parser.add_argument("--fix", action="store_true", help="apply safe fixes in place")
    parser.add_argument(
        "--unsafe-fixes", action="store_true", help="with --fix or --diff, apply unsafe fixes too"
    )
    parser.add_argument(
        "--diff",
        action="store_true",
        help="print a unified diff of what --fix would change; write nothing",
    )
    parser.add_argument(
        "--exit-non-zero-on-fix",
        action="store_true",
        help="with --fix, exit 1 when a file was modified",
    )
    parser.add_argument(
        "--output-format", choices=FORMATS, default="text", help="report format (default: text)"
    )
    parser.add_argument(
        "--today",
        type=_today,
        default=None,
        metavar="YYYY-MM-DD",
        help="the date future-date (TL303) compares against (default: today)",
    )
    parser.add_argument(
        "--stdin-filename", metavar="NAME", help="the name to report for standard input"
    )
    parser.add_argument("--version", action="version", version=f"tracker-lint {__version__}")
    return parser


def discover(paths: Sequence[str]) -> Iterator[str | ReadError]:
    """Expand directories to their Markdown files; report paths that do not exist."""
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
            yield from (str(p) for p in found)
        elif path.exists() or path.is_symlink():
            yield raw
        else:
            yield ReadError(raw, "No such file or directory")


def decode(path: str, data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
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


def read_source(path: str, stdin_name: str | None) -> Source:
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
    return Source(name, data, decode(name, data))


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
        mode = os.stat(target).st_mode & 0o7777
        if not os.access(target, os.W_OK):
            raise WriteError(f"{path}: is read-only; not fixed")
        fd, tmp = tempfile.mkstemp(prefix=".tracker-lint-", suffix=".tmp", dir=directory)
    except OSError as e:
        raise WriteError(f"{path}: cannot be written ({e.strerror})") from e
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(new)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise WriteError(f"{path}: cannot be written ({e.strerror})") from e


def unified_diff(path: str, before: str, after: str) -> str:
    import difflib

    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=f"a/{path}",
        tofile=f"b/{path}",
    )
    out = []
    for line in lines:
        out.append(
            line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n"
        )
    return "".join(out)


def _error(message: str) -> None:
    print(f"error: {message}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.paths:
        parser.print_usage(sys.stderr)
        _error("no paths given (use - for standard input)")
        return 2
    settings = Settings(today=args.today or date.today())
    fixing = args.fix or args.diff
    results: list[FileResult] = []
    failed = False  # a path could not be read or written
    modified = False
    for item in discover(args.paths):
        try:
            if isinstance(item, ReadError):
                raise item
            source = read_source(item, args.stdin_filename)
        except ReadError as e:
            results.append(FileResult(e.path, [unreadable(e.message)]))
            failed = True
            continue
        if not fixing:
            results.append(FileResult(source.path, lint(source.text, settings)))
            continue
        fixed = fix_text(source.text, settings, unsafe=args.unsafe_fixes)
        result = FileResult(source.path, fixed.remaining, fixed.fixed, fixed.unsafe_held_back)
        results.append(result)
        if fixed.text == source.text:
            if item == STDIN and args.fix and not args.diff:
                sys.stdout.write(source.text)
            continue
        modified = True
        if args.diff:
            result.diff = unified_diff(source.path, source.text, fixed.text)
            result.fixed = 0
        elif item == STDIN:
            sys.stdout.write(fixed.text)
        else:
            try:
                write_atomic(item, source.data, fixed.text.encode("utf-8"))
            except WriteError as e:
                _error(str(e))
                result.fixed = 0
                failed = True
    results.sort(key=lambda r: r.path)
    stdin_fixed = args.fix and not args.diff and STDIN in args.paths
    report(args, results, fixing=args.fix and not args.diff, to_stderr=stdin_fixed)
    if failed:
        return 2
    if args.diff:
        return 1 if modified else 0
    if args.fix and args.exit_non_zero_on_fix and modified:
        return 1
    return 1 if any(f.severity == "error" for r in results for f in r.findings) else 0


def report(
    args: argparse.Namespace, results: list[FileResult], *, fixing: bool, to_stderr: bool
) -> None:
    stream = sys.stderr if to_stderr else sys.stdout
    if args.diff:
        for r in results:
            stream.write(r.diff)
        if args.output_format == "text":
            diff_findings = [r for r in results if r.findings and r.findings[0].code == "TL001"]
            if diff_findings:
                stream.write(format_text(diff_findings, quiet=True))
        return
    if args.output_format == "json":
        stream.write(format_json(results))
    else:
        stream.write(format_text(results, fixing=fixing))


def run() -> None:
    """Console-script entry point."""
    raise SystemExit(main())
