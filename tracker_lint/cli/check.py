"""``tracker-lint [check] PATH ...``: lint, fix or diff trackers."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date

from tracker_lint import __version__
from tracker_lint.cli.files import (
    STDIN,
    ReadError,
    WriteError,
    discover,
    read_source,
    unified_diff,
    write_atomic,
)
from tracker_lint.engine import Settings, fix_text, lint, unreadable
from tracker_lint.output import FileResult, format_json, format_text

FORMATS = ("text", "json")


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
