"""``tracker-lint [check] PATH ...``: lint, fix or diff trackers."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from datetime import date
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from tracker_lint import __version__
from tracker_lint.cli import today_arg
from tracker_lint.cli.configs import Resolver
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
from tracker_lint.errors import ConfigError
from tracker_lint.output import FORMATS, FileResult, format_text, render
from tracker_lint.selection import Selection, split_codes

if TYPE_CHECKING:
    import argparse

FORMAT_ENV = "TRACKER_LINT_OUTPUT_FORMAT"
# What build_parser() gives every option when only paths are passed (a test keeps
# them equal): how pre-commit runs the hook, parsed without importing argparse.
PATHS_ONLY_DEFAULTS: dict[str, Any] = {
    "fix": False,
    "unsafe_fixes": False,
    "diff": False,
    "exit_non_zero_on_fix": False,
    "output_format": None,
    "output_file": None,
    "statistics": False,
    "quiet": False,
    "exit_zero": False,
    "today": None,
    "base": None,
    "config": None,
    "select": None,
    "extend_select": [],
    "ignore": [],
    "stdin_filename": None,
}


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """The parsed command line; only paths (no option) skip argparse and its imports."""
    if argv and not any(arg.startswith("-") for arg in argv):
        return SimpleNamespace(**PATHS_ONLY_DEFAULTS, paths=list(argv))  # type: ignore[return-value]
    return build_parser().parse_args(argv)


def _usage() -> None:
    build_parser().print_usage(sys.stderr)


def _formatter(prog: str) -> argparse.HelpFormatter:
    import argparse

    # An explicit width spares every run argparse's import of shutil (and with it
    # zlib, bz2 and lzma) just to measure a terminal nobody reads in a hook.
    columns = os.environ.get("COLUMNS", "")
    return argparse.HelpFormatter(prog, width=int(columns) if columns.isdigit() else 100)


def build_parser() -> argparse.ArgumentParser:
    import argparse

    from tracker_lint.cli.history import DEFAULT_REV

    parser = argparse.ArgumentParser(
        prog="tracker-lint",
        formatter_class=_formatter,
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
        "--output-format",
        choices=FORMATS,
        default=None,
        help=f"report format (default: ${FORMAT_ENV}, or text)",
    )
    parser.add_argument(
        "-o",
        "--output-file",
        metavar="PATH",
        help="write the report to PATH instead of standard output",
    )
    parser.add_argument(
        "--statistics",
        action="store_true",
        help="print one line per rule (count, code, fixable, name) instead of the findings",
    )
    parser.add_argument("--quiet", action="store_true", help="print only the findings, no summary")
    parser.add_argument(
        "--exit-zero",
        action="store_true",
        help="exit 0 even when there are findings (for report-only jobs)",
    )
    parser.add_argument(
        "--today",
        type=today_arg,
        default=None,
        metavar="YYYY-MM-DD",
        help="the date future-date (TL303) compares against (default: today)",
    )
    parser.add_argument(
        "--base",
        nargs="?",
        const=DEFAULT_REV,
        default=None,
        metavar="REV",
        help="check dates against the file at git revision REV (default HEAD): stale-date TL304",
    )
    parser.add_argument(
        "--config",
        metavar="PATH",
        help="use this configuration file (.tracker-lint.toml or pyproject.toml) for every path",
    )
    parser.add_argument(
        "--select",
        action="append",
        metavar="CODES",
        help="run only these rules (codes or prefixes, comma-separated); replaces `select`",
    )
    parser.add_argument(
        "--extend-select",
        action="append",
        default=[],
        metavar="CODES",
        help="run these rules too (codes or prefixes, comma-separated)",
    )
    parser.add_argument(
        "--ignore",
        action="append",
        default=[],
        metavar="CODES",
        help="do not run these rules (codes or prefixes, comma-separated)",
    )
    parser.add_argument(
        "--stdin-filename", metavar="NAME", help="the name to report for standard input"
    )
    parser.add_argument("--version", action="version", version=f"tracker-lint {__version__}")
    return parser


def _error(message: str) -> None:
    print(f"error: {message}", file=sys.stderr)


def _output_format(args: argparse.Namespace) -> bool:
    """Fill in ``args.output_format`` from the environment; False when it is invalid."""
    if args.output_format is not None:
        return True
    value = os.environ.get(FORMAT_ENV, "").strip().lower()
    if value and value not in FORMATS:
        _usage()
        _error(
            f"{FORMAT_ENV}={os.environ[FORMAT_ENV]!r} is not an output format; "
            f"choose from {', '.join(FORMATS)}"
        )
        return False
    args.output_format = value or "text"
    return True


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    bases = None
    if args.base is not None:  # only then git and the history rule's helpers are needed
        from tracker_lint.cli.history import Bases

        bases = Bases.from_args(args)
    if not _output_format(args):
        return 2
    if not args.paths:
        _usage()
        _error("no paths given (use - for standard input)")
        return 2
    settings = Settings(today=args.today or date.today())
    cli_selection = Selection(
        split_codes(args.select) if args.select else None,
        split_codes(args.extend_select),
        split_codes(args.ignore),
    )
    unknown = Selection.unknown([*(cli_selection.select or ()), *cli_selection.extend_select])
    unknown += Selection.unknown(cli_selection.ignore)
    if unknown:
        _usage()
        _error(f"{', '.join(unknown)}: matches no rule (see `tracker-lint rule --all`)")
        return 2
    try:
        resolver = Resolver(settings, args.config, cli_selection)
    except ConfigError as e:
        for line in e.lines:
            _error(line)
        return 2
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
        try:
            configured = resolver.settings(item)
        except ConfigError as e:
            for line in e.lines:
                _error(line)
            return 2
        if configured is None:
            continue  # excluded by the configuration
        file_settings = bases.settings(configured, item, source.text) if bases else configured
        if not fixing:
            results.append(
                FileResult(source.path, lint(source.text, file_settings), text=source.text)
            )
            continue
        fixed = fix_text(source.text, file_settings, unsafe=args.unsafe_fixes)
        result = FileResult(
            source.path, fixed.remaining, fixed.fixed, fixed.unsafe_held_back, text=fixed.text
        )
        results.append(result)
        if fixed.text == source.text:
            if item == STDIN and args.fix and not args.diff:
                write_document(source.text)
            continue
        modified = True
        if args.diff:
            result.diff = unified_diff(source.path, source.text, fixed.text)
            result.fixed = 0
        elif item == STDIN:
            write_document(fixed.text)
        else:
            try:
                write_atomic(item, source.data, fixed.text.encode("utf-8"))
            except WriteError as e:
                _error(str(e))
                # Nothing was written: report what the file still says, not the fixed text.
                result.findings = lint(source.text, file_settings)
                result.text = source.text
                result.fixed = 0
                failed = True
    results.sort(key=lambda r: r.path)
    stdin_fixed = args.fix and not args.diff and STDIN in args.paths
    text = report(args, results, fixing=args.fix and not args.diff)
    if args.output_file is not None:
        try:
            write_report(args.output_file, text)
        except OSError as e:
            _error(f"cannot write the report to {args.output_file}: {e.strerror or e}")
            return 2
    else:
        (sys.stderr if stdin_fixed else sys.stdout).write(text)
    if args.exit_zero:
        return 0
    if failed:
        return 2
    if args.diff:
        return 1 if modified else 0
    if args.fix and args.exit_non_zero_on_fix and modified:
        return 1
    return 1 if any(f.severity == "error" for r in results for f in r.findings) else 0


def write_document(text: str) -> None:
    """A fixed document on standard output: its exact UTF-8 bytes, whatever the locale."""
    sys.stdout.flush()
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.buffer.flush()


def write_report(path: str, text: str) -> None:
    """Write the report, creating missing parent directories (CI report folders)."""
    from pathlib import Path

    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8", errors="surrogateescape", newline="")


def report(args: argparse.Namespace, results: list[FileResult], *, fixing: bool) -> str:
    """The whole report of a run, in the chosen format."""
    if args.diff:
        parts = [r.diff for r in results]
        if args.output_format == "text":
            diff_findings = [r for r in results if r.findings and r.findings[0].code == "TL001"]
            if diff_findings:
                parts.append(format_text(diff_findings, quiet=True))
        return "".join(parts)
    return render(
        results,
        args.output_format,
        fixing=fixing,
        quiet=args.quiet,
        statistics=args.statistics,
        cwd=os.getcwd(),
    )
