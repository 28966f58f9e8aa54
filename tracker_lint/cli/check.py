"""``tracker-lint [check] PATH ...``: lint, fix or diff trackers."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
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
from tracker_lint.engine import Settings, check, fix_text, lint, not_a_tracker, unreadable
from tracker_lint.errors import ConfigError
from tracker_lint.output import (
    FORMATS,
    FileResult,
    format_files,
    format_text,
    not_a_tracker_text,
    relative_path,
    render,
)
from tracker_lint.selection import Selection, split_codes

if TYPE_CHECKING:
    import argparse

    from tracker_lint.profile import Profile

FORMAT_ENV = "TRACKER_LINT_OUTPUT_FORMAT"
# pre-commit sets PRE_COMMIT=1 in every hook's environment (pre_commit/commands/run.py):
# a hook run names every staged Markdown file, and says nothing about the non-trackers.
PRE_COMMIT_ENV = "PRE_COMMIT"
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
    "show_files": False,
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
    parser.add_argument(
        "--quiet", action="store_true", help="print only the findings: no summary, no notes"
    )
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
    parser.add_argument(
        "--show-files",
        action="store_true",
        help="list each file with its verdict (tracker, not-a-tracker, excluded, "
        "unreadable), without reporting findings",
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
    show_files = args.show_files
    fixing = (args.fix or args.diff) and not show_files
    notes = Notes(quiet=args.quiet or show_files or _in_pre_commit())
    named = set(args.paths)  # a path named on the command line, not found in a folder
    results: list[FileResult] = []
    failed = False  # a path could not be read or written
    modified = False
    for item in discover(args.paths):
        if isinstance(item, ReadError):
            results.append(_unreadable(item.path, item.message))
            failed = True
            continue
        try:
            configured = resolver.settings(item)
        except ConfigError as e:
            for line in e.lines:
                _error(line)
            return 2
        if configured is None:  # excluded by the configuration: not even read
            where, key = _excluded_by(resolver, item)
            results.append(FileResult(item, verdict="excluded", detail=f"by {where}: {key}"))
            if item in named:
                notes.add(f"{item}: excluded by {where} ({key}); skipped")
            continue
        try:
            source = read_source(item, args.stdin_filename, lenient=True)
        except ReadError as e:
            results.append(_unreadable(e.path, e.message))
            failed = True
            continue
        profile = configured.profile
        if source.undecodable is not None:
            # Not UTF-8: only a tracker must be (TL001); any other file is no business of ours.
            checked = check(source.text, configured)
            if checked.is_tracker:
                results.append(_unreadable(source.path, source.undecodable))
                failed = True
                if item == STDIN and fixing and args.fix and not args.diff:
                    write_bytes(source.data)  # unfixed, but a pipe still gets its document
                continue
            result = FileResult(source.path, checked.findings, text=source.text)
            _not_a_tracker(result, profile, notes if item in named else None)
            results.append(result)
            if item == STDIN and fixing and args.fix and not args.diff:
                write_bytes(source.data)  # passed through as it came, byte for byte
            continue
        if not fixing:
            file_settings = configured
            if bases is not None and not show_files:
                file_settings = bases.settings(configured, item, source.text)
            checked = check(source.text, file_settings)
            result = FileResult(source.path, checked.findings, text=source.text)
            results.append(result)
            if checked.is_tracker:
                result.detail = f"profile {profile.name}"
            else:
                _not_a_tracker(result, profile, notes if item in named else None)
            continue
        file_settings = bases.settings(configured, item, source.text) if bases else configured
        fixed = fix_text(source.text, file_settings, unsafe=args.unsafe_fixes)
        result = FileResult(
            source.path, fixed.remaining, fixed.fixed, fixed.unsafe_held_back, text=fixed.text
        )
        results.append(result)
        if fixed.is_tracker:
            result.detail = f"profile {profile.name}"
        else:
            _not_a_tracker(result, profile, notes if item in named else None)
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
    stdin_fixed = fixing and args.fix and not args.diff and STDIN in args.paths
    text = format_files(results) if show_files else report(args, results, fixing=fixing)
    if args.output_file is not None:
        try:
            write_report(args.output_file, text)
        except OSError as e:
            _error(f"cannot write the report to {args.output_file}: {e.strerror or e}")
            return 2
    else:
        (sys.stderr if stdin_fixed else sys.stdout).write(text)
    if args.exit_zero or show_files:
        return 0
    if failed:
        return 2
    if args.diff:
        return 1 if modified else 0
    if args.fix and args.exit_non_zero_on_fix and modified:
        return 1
    return 1 if any(f.severity == "error" for r in results for f in r.findings) else 0


def _in_pre_commit() -> bool:
    return os.environ.get(PRE_COMMIT_ENV, "") not in ("", "0")


class Notes:
    """``note:`` lines on standard error, each said once; none when ``quiet``."""

    def __init__(self, *, quiet: bool) -> None:
        self.quiet = quiet
        self._said: set[str] = set()

    def add(self, message: str) -> None:
        if self.quiet or message in self._said:
            return
        self._said.add(message)
        print(f"note: {message}", file=sys.stderr)


def _unreadable(path: str, message: str) -> FileResult:
    return FileResult(path, [unreadable(message)], verdict="unreadable", detail=message)


def _not_a_tracker(result: FileResult, profile: Profile, notes: Notes | None) -> None:
    """Mark ``result`` as not a tracker; with ``notes`` (a path named explicitly), say so."""
    result.verdict = "not-a-tracker"
    result.detail = f"profile {profile.name}: {not_a_tracker(profile)}"
    if notes is not None:
        notes.add(f"{result.path}: {not_a_tracker_text(profile)}; skipped")


def _excluded_by(resolver: Resolver, path: str) -> tuple[str, str]:
    """Which configuration file excludes a path, and by which key: ``exclude``, or
    ``not in include``."""
    from fnmatch import fnmatch

    config = resolver.config_for(path)
    where = relative_path(str(config.path)) if config and config.path else "the configuration"
    if config is not None and config.model.include:
        relative = config.relative(Path(path))
        if relative is not None and not any(fnmatch(relative, p) for p in config.model.include):
            return where, "not in include"
    return where, "exclude"


def write_document(text: str) -> None:
    """A fixed document on standard output: its exact UTF-8 bytes, whatever the locale."""
    write_bytes(text.encode("utf-8"))


def write_bytes(data: bytes) -> None:
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def write_report(path: str, text: str) -> None:
    """Write the report, creating missing parent directories (CI report folders)."""
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
