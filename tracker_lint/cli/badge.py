"""``tracker-lint badge PATH -o FILE.svg``: an SVG badge with the percent complete."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from tracker_lint.badge import DEFAULT_LABEL, badge_value, progress_badge
from tracker_lint.cli import print_error
from tracker_lint.cli.report import load_or_explain
from tracker_lint.engine import Settings
from tracker_lint.report import overall_progress


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tracker-lint badge",
        description="Write an SVG badge (shields.io flat style) showing the percent complete.",
        epilog="Colours: red below 25%%, orange below 50%%, yellow below 75%%, "
        "yellowgreen below 100%%, brightgreen when every row is complete. "
        "Exit codes: 0 written, 2 usage error, unreadable file, not a tracker, or "
        "the badge could not be written.",
    )
    parser.add_argument("path", metavar="PATH", help="the tracker; - reads standard input")
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="FILE.svg",
        help="where to write the badge; - writes it to standard output",
    )
    parser.add_argument("--config", metavar="FILE", help="use this configuration file")
    parser.add_argument(
        "--label", default=DEFAULT_LABEL, help=f"the badge's left text (default: {DEFAULT_LABEL})"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    tracker = load_or_explain(args.path, Settings(), args.config)
    if tracker is None:
        return 2
    progress = overall_progress(tracker)
    svg = progress_badge(progress.complete, progress.rows, args.label)
    if args.output == "-":
        sys.stdout.write(svg)
        return 0
    try:
        Path(args.output).write_text(svg, encoding="utf-8")
    except OSError as e:
        print_error(f"{args.output}: cannot be written ({e.strerror or e})")
        return 2
    print(f"Wrote {args.output}: {args.label} {badge_value(progress.complete, progress.rows)}")
    return 0
