"""The command line: the only package that reads files, writes files, prints and exits.

``tracker-lint PATH ...`` lints (the ``check`` command, also spelled
``tracker-lint check PATH ...``); other commands are the first argument.
Each command lives in its own module with ``main(argv) -> int`` and is
imported only when used, so the common path stays fast.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    from tracker_lint.errors import ConfigError

COMMANDS = {
    "check": "tracker_lint.cli.check",
    "rule": "tracker_lint.cli.rule",
    "report": "tracker_lint.cli.report",
    "badge": "tracker_lint.cli.badge",
    "config": "tracker_lint.cli.config",
    "init": "tracker_lint.cli.init",
    "server": "tracker_lint.cli.server",
    "history": "tracker_lint.cli.timeline",
}


def print_error(message: str) -> None:
    """An ``error:`` line on standard error: every command's errors, in one voice."""
    print(f"error: {message}", file=sys.stderr)


def print_note(message: str) -> None:
    """A ``note:`` line on standard error: what was skipped, and why."""
    print(f"note: {message}", file=sys.stderr)


def print_config_error(error: ConfigError) -> None:
    """A configuration file's problems, one ``error:`` line each."""
    for line in error.lines:
        print_error(line)


def _mistyped_command(word: str) -> bool:
    """A first argument that is no file but close to a command's name (``raport``) is a
    usage error naming the command, not a missing file."""
    import difflib
    import os

    if word.startswith("-") or os.path.lexists(word) or "/" in word or "." in word:
        return False
    close = difflib.get_close_matches(word, COMMANDS, n=1, cutoff=0.75)
    if not close:
        return False
    print_error(
        f"{word!r} is neither a file nor a command (did you mean `tracker-lint {close[0]}`?)"
    )
    return True


def config_args(values: Sequence[str] | None) -> tuple[str | None, dict[str, Any]]:
    """The ``--config`` values: the configuration file (at most one) and the inline
    ``KEY=VALUE`` settings merged in order; a ConfigError says what is wrong.

    A value that names an existing file is a file; one with ``=`` is a setting;
    any other is a file, so that a mistyped path says it cannot be read.
    """
    import os

    file: str | None = None
    overrides: dict[str, Any] = {}
    for value in values or ():
        if "=" in value and not os.path.isfile(value):
            from tracker_lint.config import inline_setting, merged

            overrides = merged(overrides, inline_setting(value))
        elif file is None:
            file = value
        else:
            from tracker_lint.errors import ConfigError

            raise ConfigError([f"--config: one configuration file at most ({file}, {value})"])
    return file, overrides


def _reconfigure_streams() -> None:
    """Never fail on output: a file name that is not UTF-8 goes out as its own bytes,
    and a terminal that cannot show ✅ gets an escape instead of a traceback."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        encoding = (getattr(stream, "encoding", "") or "").lower().replace("-", "")
        if reconfigure is not None:
            reconfigure(errors="surrogateescape" if encoding == "utf8" else "backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    _reconfigure_streams()
    args = list(sys.argv[1:] if argv is None else argv)
    module = "tracker_lint.cli.check"
    if args and args[0] in COMMANDS:
        module = COMMANDS[args.pop(0)]
    elif args and _mistyped_command(args[0]):
        return 2
    command: int = importlib.import_module(module).main(args)
    return command


def run() -> None:
    """Console-script entry point.

    The cycle collector looks at the young objects every 100,000 allocations, not
    every 700: on a large tracker it would otherwise spend a third of the run
    walking millions of cells that are not garbage. The model holds no reference
    cycles (a test keeps it so), so everything is freed as soon as it is dropped.

    Once the output is flushed, the process ends without the interpreter's teardown
    (freeing every module and object one by one), as mypy does: a few milliseconds
    of every pre-commit run. Every file a command writes is closed before it
    returns; when flushing fails (a closed pipe), the normal exit reports it.
    """
    import gc
    import os

    gc.set_threshold(100_000, 50, 100)
    try:
        code = main()
    except BrokenPipeError:
        _reader_gone()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        _reader_gone()
    except (OSError, ValueError):
        raise SystemExit(code) from None
    os._exit(code)


def _reader_gone() -> NoReturn:
    """The reader of the output went away (`tracker-lint . | head`): stop quietly, as
    Unix tools do, dropping what is left unwritten instead of reporting a traceback."""
    import os

    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    os._exit(1)
