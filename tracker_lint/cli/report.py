"""``tracker-lint report PATH``: progress per section and overall, velocity and a forecast."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from tracker_lint.cli import today_arg
from tracker_lint.cli.configs import Resolver
from tracker_lint.cli.files import ReadError, read_source
from tracker_lint.engine import Settings, analyse
from tracker_lint.errors import ConfigError
from tracker_lint.model import Tracker
from tracker_lint.output import not_a_tracker_text
from tracker_lint.report import DEFAULT_WEEKS, RENDERERS, build_report
from tracker_lint.selection import Selection


def _weeks(value: str) -> int:
    try:
        weeks = int(value)
    except ValueError:
        weeks = 0
    if weeks < 1:
        raise argparse.ArgumentTypeError(f"not a whole number of weeks (1 or more): {value!r}")
    return weeks


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tracker-lint report",
        description="Progress of a tracker per section and overall, with velocity and a "
        "forecast of the completion date.",
        epilog="Exit codes: 0 report printed, 2 usage error, unreadable file or not a tracker.",
    )
    parser.add_argument("path", metavar="PATH", help="the tracker; - reads standard input")
    parser.add_argument(
        "--weeks",
        type=_weeks,
        default=DEFAULT_WEEKS,
        metavar="N",
        help=f"velocity window in weeks, ending today (default: {DEFAULT_WEEKS})",
    )
    parser.add_argument(
        "--today",
        type=today_arg,
        default=None,
        metavar="YYYY-MM-DD",
        help="the last day of the velocity window (default: today)",
    )
    parser.add_argument("--config", metavar="FILE", help="use this configuration file")
    parser.add_argument(
        "--format",
        choices=tuple(RENDERERS),
        default="text",
        help="text (default), markdown (for a pull request or wiki) or json",
    )
    return parser


def load_tracker(path: str, settings: Settings, config: str | None = None) -> Tracker:
    """The tracker at ``path`` read with its configuration (the nearest configuration
    file, or ``config``); a ReadError when unreadable or not a tracker, a
    ConfigError for a bad configuration file.

    As in ``check``, a file that is not UTF-8 is recognised from a lenient
    decoding: a tracker says why it cannot be read, anything else that it is
    not a tracker (in the words of ``check``'s note)."""
    source = read_source(path, None, lenient=True)
    configured = Resolver(settings, config, Selection()).settings(path) or settings
    tracker = analyse(source.text, replace(configured, force=True))
    if tracker is None:
        raise ReadError(path, f"is {not_a_tracker_text(configured.profile)}")
    if source.undecodable is not None:
        raise ReadError(path, source.undecodable)
    return tracker


def load_or_explain(path: str, settings: Settings, config: str | None) -> Tracker | None:
    """:func:`load_tracker`, or None after saying on standard error why it failed."""
    try:
        return load_tracker(path, settings, config)
    except ReadError as e:
        print(f"error: {e}", file=sys.stderr)
    except ConfigError as e:
        for line in e.lines:
            print(f"error: {line}", file=sys.stderr)
    return None


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    today = args.today or date.today()
    tracker = load_or_explain(args.path, Settings(today=today), args.config)
    if tracker is None:
        return 2
    report = build_report(tracker, today, args.weeks, source=args.path)
    sys.stdout.write(RENDERERS[args.format](report))
    return 0
