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
from tracker_lint.cli import print_config_error, print_error, print_note, today_arg
from tracker_lint.cli.files import (
    STDIN,
    WriteError,
    discover,
    read_source,
    unified_diff,
    write_atomic,
)
from tracker_lint.engine import Settings, check, fix_text, lint, not_a_tracker, unreadable
from tracker_lint.errors import ConfigError, ReadError
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
from tracker_lint.workspace import Excluded, Source, Workspace

if TYPE_CHECKING:
    import argparse

    from tracker_lint.cli.history import Bases
    from tracker_lint.model import Tracker

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
        "--stdin-filename",
        metavar="NAME",
        help="the path of standard input: reported, and its configuration (per-file-ignores, "
        "include, exclude) is found as for a file of that name",
    )
    parser.add_argument(
        "--show-files",
        action="store_true",
        help="list each file with its verdict (tracker, not-a-tracker, excluded, "
        "unreadable), without reporting findings",
    )
    parser.add_argument("--version", action="version", version=f"tracker-lint {__version__}")
    return parser


def _output_format(args: argparse.Namespace) -> bool:
    """Fill in ``args.output_format`` from the environment; False when it is invalid."""
    if args.output_format is not None:
        return True
    value = os.environ.get(FORMAT_ENV, "").strip().lower()
    if value and value not in FORMATS:
        _usage()
        print_error(
            f"{FORMAT_ENV}={os.environ[FORMAT_ENV]!r} is not an output format; "
            f"choose from {', '.join(FORMATS)}"
        )
        return False
    args.output_format = value or "text"
    return True


def _selection(args: argparse.Namespace) -> Selection | None:
    """The command line's rule selection; None (after saying why) when a code is unknown."""
    selection = Selection(
        split_codes(args.select) if args.select else None,
        split_codes(args.extend_select),
        split_codes(args.ignore),
    )
    unknown = Selection.unknown([*(selection.select or ()), *selection.extend_select])
    unknown += Selection.unknown(selection.ignore)
    if unknown:
        _usage()
        print_error(f"{', '.join(unknown)}: matches no rule (see `tracker-lint rule --all`)")
        return None
    return selection


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
        print_error("no paths given (use - for standard input)")
        return 2
    selection = _selection(args)
    if selection is None:
        return 2
    try:
        workspace = Workspace(Settings(today=args.today or date.today()), args.config, selection)
        run = Run(args, workspace, bases)
        for item in discover(args.paths):
            run.add(item)
    except ConfigError as e:
        print_config_error(e)
        return 2
    run.results.sort(key=lambda r: r.path)
    if not _write_output(args, run):
        return 2
    return run.exit_code()


class Run:
    """One run over the paths: each file read, checked or fixed (and written), its
    result kept for the report; what the exit code depends on."""

    def __init__(self, args: argparse.Namespace, workspace: Workspace, bases: Bases | None) -> None:
        self.args = args
        self.workspace = workspace
        self.bases = None if args.show_files else bases
        self.fixing = (args.fix or args.diff) and not args.show_files
        # --fix on standard input: the document goes to standard output, the report to stderr
        self.writes_stdin = self.fixing and args.fix and not args.diff
        self.notes = Notes(quiet=args.quiet or args.show_files or _in_pre_commit())
        self.named = set(args.paths)  # a path named on the command line, not found in a folder
        self.results: list[FileResult] = []
        self.failed = False  # a path could not be read or written
        self.modified = False

    def add(self, item: str | ReadError) -> None:
        """Read, check or fix, and write one path (or record why it could not be read)."""
        if isinstance(item, ReadError):
            self._unreadable(item)
            return
        name = self.args.stdin_filename if item == STDIN else item
        configured = self.workspace.settings_for(None if name is None else Path(name))
        if isinstance(configured, Excluded):  # not even read (standard input passes through)
            self._excluded(item, name or STDIN, configured)
            return
        try:
            source = read_source(item, self.args.stdin_filename)
        except ReadError as e:
            self._unreadable(e)
            return
        if source.undecodable is not None:
            self._undecodable(item, source, configured)
        elif self.fixing:
            self._fix(item, source, configured)
        else:
            self._check(item, source, configured)

    def _unreadable(self, error: ReadError) -> None:
        self.results.append(_unreadable(error.path, error.message))
        self.failed = True

    def _excluded(self, item: str, name: str, excluded: Excluded) -> None:
        where = relative_path(str(excluded.config)) if excluded.config else "the configuration"
        self.results.append(
            FileResult(name, verdict="excluded", detail=f"by {where}: {excluded.key}")
        )
        if item in self.named:
            self.notes.add(f"{name}: excluded by {where} ({excluded.key}); skipped")
        if item == STDIN and self.writes_stdin:
            write_bytes(sys.stdin.buffer.read())  # a pipe still gets its document

    def _undecodable(self, item: str, source: Source, settings: Settings) -> None:
        """Not UTF-8: only a tracker must be (TL001); any other file is no business of ours."""
        checked = check(source.text, settings)
        if checked.is_tracker:
            self._unreadable(ReadError(source.path, source.undecodable or ""))
        else:
            result = FileResult(source.path, checked.findings, text=source.text)
            self._verdict(result, item, settings, is_tracker=False)
        if item == STDIN and self.writes_stdin:
            write_bytes(source.data)  # passed through as it came, byte for byte

    def _check(self, item: str, source: Source, settings: Settings) -> None:
        base = self._base(item, source, settings)
        checked = check(source.text, settings, base=base)
        result = FileResult(source.path, checked.findings, text=source.text)
        self._verdict(result, item, settings, is_tracker=checked.is_tracker)

    def _fix(self, item: str, source: Source, settings: Settings) -> None:
        base = self._base(item, source, settings)
        fixed = fix_text(source.text, settings, unsafe=self.args.unsafe_fixes, base=base)
        result = FileResult(
            source.path, fixed.remaining, fixed.fixed, fixed.unsafe_held_back, text=fixed.text
        )
        self._verdict(result, item, settings, is_tracker=fixed.is_tracker)
        if fixed.text == source.text:
            if item == STDIN and self.writes_stdin:
                write_document(source.text)
        else:
            self.modified = True
            self._write(item, source, result, settings, base)

    def _write(
        self,
        item: str,
        source: Source,
        result: FileResult,
        settings: Settings,
        base: Tracker | None,
    ) -> None:
        """Show (``--diff``) or write the fixed text in ``result``."""
        assert result.text is not None
        if self.args.diff:
            result.diff = unified_diff(source.path, source.text, result.text)
            result.fixed = 0
        elif item == STDIN:
            write_document(result.text)
        else:
            try:
                write_atomic(item, source.data, result.text.encode("utf-8"))
            except WriteError as e:
                print_error(str(e))
                # Nothing was written: report what the file still says, not the fixed text.
                result.findings = lint(source.text, settings, base=base)
                result.text = source.text
                result.fixed = 0
                self.failed = True

    def _base(self, item: str, source: Source, settings: Settings) -> Tracker | None:
        """The file at ``--base``, built once for every pass over it."""
        return None if self.bases is None else self.bases.tracker(settings, item, source.text)

    def _verdict(
        self, result: FileResult, item: str, settings: Settings, *, is_tracker: bool
    ) -> None:
        """Keep ``result``, marked as a tracker's or not (with a note, for a named path)."""
        self.results.append(result)
        profile = settings.profile
        if is_tracker:
            result.detail = f"profile {profile.name}"
            return
        result.verdict = "not-a-tracker"
        result.detail = f"profile {profile.name}: {not_a_tracker(profile)}"
        if item in self.named:
            self.notes.add(f"{result.path}: {not_a_tracker_text(profile)}; skipped")

    def exit_code(self) -> int:
        args = self.args
        if args.exit_zero or args.show_files:
            return 0
        if self.failed:
            return 2
        if args.diff:
            return 1 if self.modified else 0
        if args.fix and args.exit_non_zero_on_fix and self.modified:
            return 1
        errors = any(f.severity == "error" for r in self.results for f in r.findings)
        return 1 if errors else 0


def _write_output(args: argparse.Namespace, run: Run) -> bool:
    """The run's findings (or file list) to ``-o`` or the terminal; False when the
    output file cannot be written."""
    if args.show_files:
        text = format_files(run.results)
    else:
        text = render_findings(args, run.results, fixing=run.fixing)
    if args.output_file is None:
        stdin_fixed = run.writes_stdin and STDIN in args.paths
        (sys.stderr if stdin_fixed else sys.stdout).write(text)
        return True
    try:
        write_output_file(args.output_file, text)
    except OSError as e:
        print_error(f"cannot write the report to {args.output_file}: {e.strerror or e}")
        return False
    return True


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
        print_note(message)


def _unreadable(path: str, message: str) -> FileResult:
    return FileResult(path, [unreadable(message)], verdict="unreadable", detail=message)


def write_document(text: str) -> None:
    """A fixed document on standard output: its exact UTF-8 bytes, whatever the locale."""
    write_bytes(text.encode("utf-8"))


def write_bytes(data: bytes) -> None:
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def write_output_file(path: str, text: str) -> None:
    """Write the report of findings (``-o``), creating missing parent directories
    (CI report folders)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8", errors="surrogateescape", newline="")


def render_findings(args: argparse.Namespace, results: list[FileResult], *, fixing: bool) -> str:
    """The findings of a run (or the diffs, with ``--diff``), in the chosen format."""
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
