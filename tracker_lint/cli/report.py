"""``tracker-lint report PATH``: progress per section and overall, velocity and a forecast."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from tracker_lint.cli import print_config_error, print_error, today_arg
from tracker_lint.cli.files import STDIN, read_source
from tracker_lint.engine import Settings
from tracker_lint.errors import ConfigError, ReadError
from tracker_lint.model import Tracker
from tracker_lint.report import DEFAULT_WEEKS, RENDERERS, build_report
from tracker_lint.workspace import Workspace


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


def load_or_explain(path: str, settings: Settings, config: str | None) -> Tracker | None:
    """The tracker at ``path`` (``-``: standard input), read with its configuration
    (the nearest configuration file, or ``config``): ``Workspace.tracker_for``; or
    None after saying on standard error why it cannot be (unreadable, not a
    tracker, a bad configuration file)."""
    try:
        source = read_source(path)
        return Workspace(settings, config).tracker_for(
            source, None if path == STDIN else Path(path)
        )
    except ReadError as e:
        print_error(str(e))
    except ConfigError as e:
        print_config_error(e)
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
