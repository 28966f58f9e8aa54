"""``tracker-lint [check] PATH ...``: lint, fix or diff trackers."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from tracker_lint.cli import config_args, options, print_config_error, print_error, print_note
from tracker_lint.cli.files import (
    STDIN,
    WriteError,
    discover,
    read_source,
    unified_diff,
    write_atomic,
    write_output,
)
from tracker_lint.cli.options import FORMAT_ENV
from tracker_lint.engine import (
    Settings,
    add_suppressions,
    check,
    fix_text,
    lint,
    not_a_tracker,
    unreadable,
)
from tracker_lint.errors import ConfigError, ReadError
from tracker_lint.output import (
    FileResult,
    Shown,
    format_files,
    format_text,
    machine_readable,
    not_a_tracker_text,
    progress_lines,
    relative_path,
    render,
)
from tracker_lint.selection import Selection, split_codes
from tracker_lint.workspace import Excluded, Source, Workspace

if TYPE_CHECKING:
    import argparse

    from tracker_lint.cli.history import Bases
    from tracker_lint.model import Tracker

# pre-commit sets PRE_COMMIT=1 in every hook's environment (pre_commit/commands/run.py):
# a hook run names every staged Markdown file, and says nothing about the non-trackers.
PRE_COMMIT_ENV = "PRE_COMMIT"
# What build_parser() gives every option when only paths are passed (a test keeps
# them equal): how pre-commit runs the hook, parsed without importing argparse.
PATHS_ONLY_DEFAULTS: dict[str, Any] = options.paths_only_defaults()


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """The parsed command line; only paths (no option) skip argparse and its imports."""
    if argv and not any(arg.startswith("-") for arg in argv):
        return SimpleNamespace(**PATHS_ONLY_DEFAULTS, paths=list(argv))  # type: ignore[return-value]
    return build_parser().parse_args(argv)


def build_parser() -> argparse.ArgumentParser:
    return options.parser("check")


def _usage_error(message: str) -> int:
    build_parser().print_usage(sys.stderr)
    print_error(message)
    return 2


def _output_format(args: argparse.Namespace) -> str | None:
    """Fill in ``args.output_format`` from the environment; a usage error's message when
    the environment's value is not a format."""
    if args.output_format is not None:
        return None
    raw = os.environ.get(FORMAT_ENV, "")
    value = options.lower(raw)
    if value and value not in options.CHECK_FORMATS:
        return (
            f"{FORMAT_ENV}={raw!r} is not an output format; "
            f"choose from {', '.join(options.CHECK_FORMATS)}"
        )
    # --diff prints a diff whatever the job's format; only the flag conflicts with it.
    args.output_format = "text" if args.diff or not value else value
    return None


def _conflict(args: argparse.Namespace) -> str | None:
    """Why the flags given do not go together (or one of them would do nothing)."""
    given = {name for name, value in vars(args).items() if value not in (None, False, [])}
    modes = [m for m in ("fix", "diff", "add_suppressions", "show_files") if m in given]
    if len(modes) > 1:
        return f"{_flag(modes[0])} and {_flag(modes[1])} cannot be used together"
    if "exit_non_zero_on_fix" in given and "fix" not in given:
        return "--exit-non-zero-on-fix needs --fix"
    if "statistics" in given and modes:
        return f"--statistics reports findings; it cannot be used with {_flag(modes[0])}"
    if "show_files" in given:
        inert = [f for f in ("statistics", "base", "unsafe_fixes") if f in given]
        if inert:
            return f"--show-files lists files only; {_flag(inert[0])} would do nothing"
    if "add_suppressions" in given and "unsafe_fixes" in given:
        return "--unsafe-fixes needs --fix or --diff, not --add-suppressions"
    explicit_format = args.output_format is not None
    if "diff" in given and explicit_format and args.output_format != "text":
        return "--diff prints a unified diff; --output-format cannot be used with it"
    if "show_files" in given and explicit_format and args.output_format != "text":
        return "--show-files prints one line per file; --output-format cannot be used with it"
    if "statistics" in given and explicit_format and args.output_format not in ("text", "json"):
        return "--statistics prints text or json (--output-format text or json)"
    if args.stdin_filename is not None and args.paths and STDIN not in args.paths:
        return "--stdin-filename names standard input, which is not read (add - to the paths)"
    return None


def _flag(dest: str) -> str:
    return "--" + dest.replace("_", "-")


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
        _usage_error(f"{', '.join(unknown)}: matches no rule (see `tracker-lint rule --all`)")
        return None
    return selection


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    bases = None
    if args.base is not None:  # only then git and the history rule's helpers are needed
        from tracker_lint.cli.history import Bases

        bases = Bases.from_args(args)
    problem = _conflict(args) or _output_format(args)
    if problem is not None:
        return _usage_error(problem)
    if not args.paths:
        if args.stdin_filename is None:
            return _usage_error("no paths given (use - for standard input)")
        args.paths = [STDIN]  # as ruff does: --stdin-filename alone reads standard input
    selection = _selection(args)
    if selection is None:
        return 2
    try:
        config, overrides = config_args(args.config)
        today = args.today or date.today()
        workspace = Workspace(Settings(today=today), config, selection, overrides)
        run = Run(args, workspace, bases)
        for item in discover(args.paths, respect_gitignore=args.respect_gitignore):
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
        self.suppressing = bool(args.add_suppressions)
        # --fix (or --add-suppressions) on standard input: the document goes to standard
        # output, the report to standard error
        self.writes_stdin = (self.fixing and args.fix and not args.diff) or self.suppressing
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
        elif self.suppressing:
            self._suppress(item, source, configured)
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

    def _suppress(self, item: str, source: Source, settings: Settings) -> None:
        """``--add-suppressions``: a disable-line directive for every finding, written."""
        base = self._base(item, source, settings)
        done = add_suppressions(source.text, settings, base=base)
        result = FileResult(source.path, done.remaining, text=done.text, suppressed=done.added)
        self._verdict(result, item, settings, is_tracker=done.is_tracker)
        if item == STDIN:
            write_document(done.text)
        elif done.text != source.text:
            self.modified = True
            try:
                write_atomic(item, source.data, done.text.encode("utf-8"), "changed")
            except WriteError as e:
                print_error(str(e))
                result.findings = check(source.text, settings, base=base).findings
                result.text = source.text
                result.suppressed = 0
                self.failed = True

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
    to_file = args.output_file not in (None, STDIN)
    # A document fixed from standard input goes to standard output: the report does not.
    stream = sys.stderr if run.writes_stdin and STDIN in args.paths else sys.stdout
    shown = Shown(
        fixing=run.fixing,
        quiet=args.quiet,
        unsafe_fixes=args.unsafe_fixes,
        color=not to_file
        and (args.output_format in ("text", "full") or args.statistics)
        and args.output_format != "json"
        and use_color(stream),
    )
    if args.show_files:
        text = format_files(run.results)
    else:
        text = render_findings(args, run.results, shown)
        if machine_readable(args.output_format) and not args.quiet:
            # Data for a program stays data: what was fixed goes to standard error.
            for line in progress_lines(run.results):
                print(line, file=sys.stderr)
    if not to_file:
        stream.write(text)
        return True
    return write_output(args.output_file, text)


def use_color(stream: object) -> bool:
    """ANSI colours for a terminal: never when ``NO_COLOR`` is set (no-color.org),
    always when ``FORCE_COLOR`` is, else when the stream is a terminal that is not
    ``TERM=dumb``."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty is not None and isatty()) and os.environ.get("TERM") != "dumb"


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


def render_findings(args: argparse.Namespace, results: list[FileResult], shown: Shown) -> str:
    """The findings of a run (or the diffs, with ``--diff``), in the chosen format."""
    if args.diff:
        parts = [r.diff for r in results]
        unreadable = [r for r in results if r.findings and r.findings[0].code == "TL001"]
        if unreadable:
            parts.append(format_text(unreadable, shown._replace(quiet=True)))
        return "".join(parts)
    return render(results, args.output_format, shown, statistics=args.statistics, cwd=os.getcwd())
