"""Every command's arguments, in one place: what ``--help`` prints, what
``docs/usage.md`` lists (``scripts/generate.py`` writes its tables from here) and
the defaults of the pre-commit path, which parses a paths-only command line
without argparse.

An option that several commands take (``--config``, ``--today``,
``-o/--output-file``, ``--output-format``) is defined once and means the same
in each. Importing this module is cheap (no argparse): ``parser()`` imports it.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple, NoReturn

from tracker_lint.defaults import DEFAULT_LABEL, DEFAULT_WEEKS
from tracker_lint.output import FORMATS

if TYPE_CHECKING:
    import argparse

PROG = "tracker-lint"
FORMAT_ENV = "TRACKER_LINT_OUTPUT_FORMAT"
CHECK_FORMATS = FORMATS
REPORT_FORMATS = ("text", "markdown", "json")
BADGE_FORMATS = ("svg", "json")
RULE_FORMATS = ("text", "json")
DEFAULT_REV = "HEAD"


class Option(NamedTuple):
    """One argument of a command: its flags (none for a positional), the one-line
    help ``--help`` prints, more for the documentation only (Markdown), and what
    argparse needs (``action``, ``default``, ...)."""

    flags: tuple[str, ...]
    help: str
    doc: str = ""
    kwargs: Mapping[str, Any] = {}
    name: str = ""  # a positional's name (its dest)

    @property
    def dest(self) -> str:
        if self.name:
            return self.name
        if "dest" in self.kwargs:
            return str(self.kwargs["dest"])
        long = next((f for f in self.flags if f.startswith("--")), self.flags[0])
        return long.lstrip("-").replace("-", "_")

    @property
    def switch(self) -> bool:
        """A flag without a value (``--fix``): no argparse settings at all."""
        return bool(self.flags) and not self.kwargs

    @property
    def default(self) -> Any:
        return False if self.switch else self.kwargs.get("default")


def today_arg(value: str) -> date:
    """``--today YYYY-MM-DD``."""
    import argparse

    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


MAX_WEEKS = 5200  # a century: a longer window is before any git history or date


def weeks_arg(value: str) -> int:
    import argparse

    try:
        weeks = int(value)
    except ValueError:
        weeks = 0
    if not 1 <= weeks <= MAX_WEEKS:
        raise argparse.ArgumentTypeError(
            f"not a whole number of weeks from 1 to {MAX_WEEKS} (a century): {value!r}"
        )
    return weeks


def lower(value: str) -> str:
    """A format name, case-insensitive (``JSON`` is ``json``), as in the environment."""
    return value.strip().lower()


def _format(formats: tuple[str, ...], default: str, doc: str = "") -> Option:
    return Option(
        ("--output-format",),
        f"output format: {', '.join(formats)} (default: {default}; case-insensitive)",
        doc,
        {"type": lower, "choices": formats, "default": None, "metavar": "FORMAT"},
    )


CONFIG = Option(
    ("--config",),
    "a configuration file to use for every path instead of looking for one, or an "
    "inline KEY=VALUE setting in TOML that overrides the configuration; may be repeated",
    "`--config PATH` uses that `.tracker-lint.toml` or `pyproject.toml` (see "
    "[configuration.md](configuration.md)); `--config 'select = [\"TL4\"]'` sets one "
    "top-level key over whichever configuration applies, as ruff's inline `--config` does "
    "(see [settings on the command line](configuration.md#settings-on-the-command-line))",
    {"action": "append", "metavar": "PATH|KEY=VALUE"},
)
TODAY = Option(
    ("--today",),
    "the date to take as today (default: today's local date)",
    "`check`: future-date (TL303) compares against it; `report`: the velocity window "
    "ends on it; `init`: the lint it runs after writing; `badge` takes it as the others "
    "do, and a badge does not depend on it",
    {"type": today_arg, "metavar": "YYYY-MM-DD"},
)
OUTPUT_FILE = Option(
    ("-o", "--output-file"),
    "write the output to PATH (creating missing folders) instead of standard output; "
    "- is standard output",
    kwargs={"metavar": "PATH"},
)
NO_RESPECT_GITIGNORE = Option(
    ("--no-respect-gitignore",),
    "search directories without skipping the files git ignores",
    kwargs={"dest": "respect_gitignore", "action": "store_false", "default": True},
)
PATHS = Option(
    (),
    "files or directories (searched for Markdown files); - reads standard input",
    name="paths",
    kwargs={"nargs": "*", "metavar": "PATH"},
)

CHECK: tuple[Option, ...] = (
    PATHS,
    Option(("--fix",), "apply the safe fixes in place, then report what remains"),
    Option(
        ("--unsafe-fixes",),
        "with --fix or --diff, apply unsafe fixes too; without them, show unsafe fixes as "
        "fixable ([*])",
        "unsafe fixes: TL201, see [fixing.md](fixing.md)",
    ),
    Option(("--diff",), "print a unified diff of what --fix would change; write nothing"),
    Option(
        ("--exit-non-zero-on-fix",),
        "with --fix, exit 1 when a file was modified, even if nothing remains",
    ),
    Option(
        ("--add-suppressions",),
        "add a disable-line comment for every finding, in place, so that the files pass "
        "(as ruff's --add-noqa)",
        "see [suppressions.md](suppressions.md#adding-suppressions-for-every-finding)",
    ),
    _format(
        CHECK_FORMATS,
        f"${FORMAT_ENV}, or text",
        "see [Output](#output); the environment variable `TRACKER_LINT_OUTPUT_FORMAT` "
        "sets it for a whole CI job, the flag wins",
    ),
    OUTPUT_FILE,
    Option(
        ("--statistics",),
        "print one line per rule (count, code, fixable, name) instead of the findings",
        "fixable: `[*]` by `--fix`, `[-]` only with `--unsafe-fixes`, `[ ]` not; with "
        "`--output-format json`, a JSON array of `{code, name, count, fixable}`",
    ),
    Option(("--quiet",), "print only the findings: no summary, no notes"),
    Option(
        ("--exit-zero",),
        "exit 0 even when there are findings or unreadable files (for report-only jobs)",
        "usage errors still exit 2",
    ),
    TODAY,
    Option(
        ("--base",),
        "check dates against the file at git revision REV (default HEAD): stale-date TL304",
        "see [stale dates](report.md#stale-dates---base)",
        {"nargs": "?", "const": DEFAULT_REV, "metavar": "REV"},
    ),
    CONFIG,
    Option(
        ("--select",),
        "run only these rules (codes or prefixes, comma-separated); replaces the "
        "configuration's select; may be repeated",
        kwargs={"action": "append", "metavar": "CODES"},
    ),
    Option(
        ("--extend-select",),
        "run these rules too (codes or prefixes, comma-separated); may be repeated",
        kwargs={"action": "append", "default": [], "metavar": "CODES"},
    ),
    Option(
        ("--ignore",),
        "do not run these rules (codes or prefixes, comma-separated); may be repeated",
        kwargs={"action": "append", "default": [], "metavar": "CODES"},
    ),
    Option(
        ("--stdin-filename",),
        "the path of standard input: reported, and its configuration (per-file-ignores, "
        "include, exclude) is found as for a file of that name; without PATH, reads "
        "standard input",
        "see [Standard input](#standard-input)",
        {"metavar": "NAME"},
    ),
    Option(
        ("--show-files",),
        "list each file with its verdict (tracker, not-a-tracker, excluded, unreadable) "
        "instead of reporting findings",
        "see [above](#tracker-lint-check)",
    ),
    NO_RESPECT_GITIGNORE,
    Option(("--version",), "print the version and exit", kwargs={"action": "version"}),
)

REPORT: tuple[Option, ...] = (
    Option(
        (),
        "trackers, or directories searched for them; - reads standard input",
        name="paths",
        kwargs={"nargs": "+", "metavar": "PATH"},
    ),
    _format(
        REPORT_FORMATS,
        "text",
        "`markdown` for a pull request or wiki; `json` as "
        "[report-schema.json](report-schema.json): one object for one file, an array "
        "when several paths or a directory are given",
    ),
    OUTPUT_FILE,
    Option(
        ("--weeks",),
        f"the velocity window in weeks, ending --today (default: {DEFAULT_WEEKS})",
        kwargs={"type": weeks_arg, "default": DEFAULT_WEEKS, "metavar": "N"},
    ),
    TODAY,
    CONFIG,
    NO_RESPECT_GITIGNORE,
)
REPORT_ALIASES = {"--format": "--output-format"}

BADGE: tuple[Option, ...] = (
    Option(
        (),
        "trackers, or directories searched for them (one badge for all); - reads standard input",
        name="paths",
        kwargs={"nargs": "+", "metavar": "PATH"},
    ),
    _format(
        BADGE_FORMATS,
        "svg",
        "`json` is a [shields.io endpoint](https://shields.io/badges/endpoint-badge) "
        "document, for a badge that shields.io draws",
    ),
    OUTPUT_FILE,
    Option(
        ("--label",),
        f"the badge's left text (default: {DEFAULT_LABEL})",
        kwargs={"default": DEFAULT_LABEL, "metavar": "TEXT"},
    ),
    TODAY,
    CONFIG,
    NO_RESPECT_GITIGNORE,
)
BADGE_ALIASES = {"--output": "--output-file"}

RULE: tuple[Option, ...] = (
    Option(
        (),
        "a rule code (TL401) or name (stats-mismatch): print its documentation",
        name="rule",
        kwargs={"nargs": "?", "metavar": "RULE"},
    ),
    Option(("--all",), "list every rule: code, name, severity, fix, summary"),
    _format(
        RULE_FORMATS,
        "text",
        "`json`: one object per rule (code, name, severity, fix, summary, "
        "documentation), an array with `--all`",
    ),
)

CONFIG_COMMAND: tuple[Option, ...] = (
    Option(
        (),
        "the file or folder whose configuration to print (default: the current folder)",
        name="path",
        kwargs={"nargs": "?", "default": ".", "metavar": "PATH"},
    ),
    CONFIG,
    Option(("--schema",), "print the JSON Schema of configuration files instead"),
)


INIT: tuple[Option, ...] = (
    Option(
        (),
        "the tracker to describe: its profile is inferred from what it says",
        name="path",
        kwargs={"metavar": "PATH"},
    ),
    Option(
        ("--dry-run",),
        "print the configuration instead of writing it (and do not lint)",
    ),
    Option(
        ("--force",),
        "write over the configuration file beside PATH if there is one",
        "without it, `init` never writes over a `.tracker-lint.toml`, nor beside a "
        "`pyproject.toml` with a `[tool.tracker-lint]` table",
    ),
    TODAY,
)


SERVER: tuple[Option, ...] = (
    Option(
        ("--stdio",),
        "speak LSP on standard input and output (the default and only transport; accepted "
        "because clients such as vscode-languageclient pass it)",
    ),
)

HISTORY_FORMATS = ("text", "markdown", "json", "csv")
HISTORY: tuple[Option, ...] = (
    Option(
        (),
        "the tracker whose git history to read (renames followed)",
        name="path",
        kwargs={"metavar": "PATH"},
    ),
    Option(
        ("--since",),
        "only commits after this date (as git log --since takes it: 2026-01-01, 3.months)",
        kwargs={"metavar": "DATE"},
    ),
    Option(
        ("--rev",),
        "only the commits of this range (A..B, as git log takes it; default: the history of HEAD)",
        kwargs={"metavar": "RANGE"},
    ),
    _format(
        HISTORY_FORMATS,
        "text",
        "`markdown`: a table (and the chart, with `--chart`) for a pull request or "
        "`$GITHUB_STEP_SUMMARY`; `json`: as [history-schema.json](history-schema.json)",
    ),
    OUTPUT_FILE,
    Option(
        ("--chart",),
        "also write a burn-up chart (SVG) to FILE",
        kwargs={"metavar": "FILE"},
    ),
    Option(
        ("--weeks",),
        f"the pace window of the forecast in weeks, ending --today (default: {DEFAULT_WEEKS})",
        kwargs={"type": weeks_arg, "default": DEFAULT_WEEKS, "metavar": "N"},
    ),
    TODAY,
    CONFIG,
)


class Command(NamedTuple):
    name: str
    summary: str
    options: tuple[Option, ...]
    usage: str
    epilog: str = ""
    aliases: Mapping[str, str] = {}


EXIT_CHECK = (
    "Exit codes: 0 no errors, 1 errors found (or files fixed with --exit-non-zero-on-fix, "
    "or a diff with --diff), 2 usage error, bad configuration or unreadable file."
)
EXIT_OTHER = "Exit codes: 0 done, 2 usage error, unreadable file or configuration, not a tracker."

COMMANDS: dict[str, Command] = {
    "check": Command(
        "check",
        "lint (and fix) trackers; the default command",
        CHECK,
        "tracker-lint [check] [options] PATH [PATH ...]",
        EXIT_CHECK,
    ),
    "rule": Command(
        "rule",
        "print a rule's documentation, or list every rule",
        RULE,
        "tracker-lint rule [--output-format FORMAT] (RULE | --all)",
        EXIT_OTHER,
    ),
    "config": Command(
        "config",
        "print the configuration that applies to a path, or its JSON Schema",
        CONFIG_COMMAND,
        "tracker-lint config [--config PATH|KEY=VALUE] [--schema] [PATH]",
        EXIT_OTHER,
    ),
    "init": Command(
        "init",
        "infer a tracker's profile and write a commented .tracker-lint.toml beside it",
        INIT,
        "tracker-lint init [--dry-run] [--force] PATH",
        "Exit codes: 0 written (or printed), whatever the findings; 2 usage error, unreadable "
        "file, a configuration already there (without --force), or nothing tracked found.",
    ),
    "history": Command(
        "history",
        "progress at every commit of a tracker's git history, a forecast, a burn-up chart",
        HISTORY,
        "tracker-lint history [options] PATH",
        "Each version is read with today's configuration (or --config). " + EXIT_OTHER,
    ),
    "server": Command(
        "server",
        "a language server over stdio, for editors (pip install 'tracker-lint[server]')",
        SERVER,
        "tracker-lint server [--stdio]",
        "Speaks the Language Server Protocol on standard input and output until the "
        "client ends the session; see docs/editors.md. Exit codes: 0 when the client "
        "ends the session, 2 when the server extra is not installed.",
    ),
    "report": Command(
        "report",
        "progress per section and overall, with velocity and a forecast",
        REPORT,
        "tracker-lint report [options] PATH [PATH ...]",
        EXIT_OTHER,
        REPORT_ALIASES,
    ),
    "badge": Command(
        "badge",
        "an SVG badge (or shields.io JSON) of the percent complete",
        BADGE,
        "tracker-lint badge [options] PATH [PATH ...]",
        "Colours: red below 25%, orange below 50%, yellow below 75%, yellowgreen below "
        "100%, brightgreen when every item is complete. " + EXIT_OTHER,
        BADGE_ALIASES,
    ),
}


def paths_only_defaults() -> dict[str, Any]:
    """What ``check``'s parser gives every option when only paths are passed: how
    pre-commit runs the hook, parsed without argparse."""
    return {o.dest: o.default for o in CHECK if o.flags and o.dest != "version"}


def commands_text() -> str:
    width = max(len(name) for name in COMMANDS)
    lines = [f"  {name:<{width}}  {c.summary}" for name, c in COMMANDS.items()]
    return "commands:\n" + "\n".join(lines)


def _formatter(prog: str) -> argparse.HelpFormatter:
    import argparse

    class Formatter(argparse.RawDescriptionHelpFormatter):
        """Descriptions and epilogs as written (the command list keeps its lines); help
        wrapped to COLUMNS or 100: an explicit width spares argparse's import of shutil."""

    return Formatter(prog, width=_width())


def _width() -> int:
    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() else 100


def parser(name: str) -> argparse.ArgumentParser:
    """The argparse parser of one command, built from :data:`COMMANDS`."""
    import argparse
    import textwrap

    from tracker_lint import __version__

    command = COMMANDS[name]

    class Parser(argparse.ArgumentParser):
        def error(self, message: str) -> NoReturn:
            """A usage error: the usage, then one ``error:`` line, with the closest flag
            for an unknown one (``--exit-zer``: did you mean --exit-zero?)."""
            self.print_usage(sys.stderr)
            print(f"error: {_with_suggestion(message, self)}", file=sys.stderr)
            raise SystemExit(2)

    prog = PROG if name == "check" else f"{PROG} {name}"
    description = command.summary[0].upper() + command.summary[1:] + "."
    if name == "check":
        description = (
            "Lint and fix hand-edited Markdown progress trackers.\n\n"
            f"{commands_text()}\n\nSee `{PROG} COMMAND --help` for each command."
        )
    result = Parser(
        prog=prog,
        usage=command.usage if name != "check" else f"{command.usage}\n       {PROG} COMMAND ...",
        description=description,
        epilog=textwrap.fill(command.epilog, _width()),
        formatter_class=_formatter,
        allow_abbrev=False,
    )
    for option in command.options:
        kwargs = dict(option.kwargs)
        if kwargs.get("action") == "version":
            kwargs["version"] = f"{PROG} {__version__}"
        if not option.flags:
            result.add_argument(option.name, help=option.help, **kwargs)
            continue
        if option.switch:
            kwargs["action"] = "store_true"
        result.add_argument(*option.flags, help=option.help, **kwargs)
        for alias, to in command.aliases.items():  # older spellings: accepted, not shown
            if to in option.flags:
                kwargs["dest"] = option.dest
                result.add_argument(alias, help=argparse.SUPPRESS, **kwargs)
    return result


def _with_suggestion(message: str, parser: argparse.ArgumentParser) -> str:
    import argparse
    import difflib

    match = re.match(r"unrecognized arguments: (.*)", message)
    if match is None:
        return message
    known = [s for a in parser._actions if a.help != argparse.SUPPRESS for s in a.option_strings]
    for word in match.group(1).split():
        flag = word.split("=", 1)[0]
        if not flag.startswith("--"):
            continue
        close = difflib.get_close_matches(flag, known, n=1, cutoff=0.6)
        if close:
            return f"{message} (did you mean {close[0]}?)"
    return message


def documented(option: Option) -> str:
    """One row of a command's table in docs/usage.md: the flags and what they do."""
    if option.flags:
        metavar = option.kwargs.get("metavar")
        shown = [f"`{f} {metavar}`" if metavar else f"`{f}`" for f in option.flags]
        if option.kwargs.get("nargs") == "?":
            shown = [f"`{f} [{metavar}]`" for f in option.flags]
    else:
        metavar = option.kwargs.get("metavar", option.name.upper())
        shown = [f"`{metavar} ...`" if option.kwargs.get("nargs") in ("*", "+") else f"`{metavar}`"]
    text = option.help[0].upper() + option.help[1:]
    if option.doc:
        text += f"; {option.doc}"
    cells = (", ".join(shown), text)
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"


def table(name: str) -> str:
    """The Markdown table of a command's arguments, for docs/usage.md."""
    rows = ["| argument | what it does |", "|---|---|"]
    rows += [documented(o) for o in COMMANDS[name].options]
    rows.append("| `-h`, `--help` | Print the usage and exit |")
    return "\n".join(rows) + "\n"
