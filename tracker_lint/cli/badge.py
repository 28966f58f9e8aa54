"""``tracker-lint badge PATH ... [-o FILE.svg]``: a badge with the percent complete."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from tracker_lint.badge import badge_value, color_for, progress_badge
from tracker_lint.cli import options
from tracker_lint.cli.files import STDIN, write_output
from tracker_lint.cli.report import load_trackers
from tracker_lint.report import overall_progress, percent

if TYPE_CHECKING:
    import argparse


def build_parser() -> argparse.ArgumentParser:
    return options.parser("badge")


def shields_endpoint(label: str, complete: int, total: int) -> str:
    """A shields.io endpoint document (https://shields.io/badges/endpoint-badge): the
    same label, value and colour, drawn by shields.io."""
    data = {
        "schemaVersion": 1,
        "label": label,
        "message": badge_value(complete, total),
        "color": color_for(percent(complete, total))[0],
    }
    return json.dumps(data, ensure_ascii=False) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    loaded = load_trackers(args, args.today or date.today())
    if loaded.failed:
        return 2
    # One badge for them all: the items of every tracker together.
    progress = [overall_progress(tracker) for _, tracker in loaded.trackers]
    complete = sum(p.complete for p in progress)
    total = sum(p.rows for p in progress)
    if args.output_format == "json":
        text = shields_endpoint(args.label, complete, total)
    else:
        text = progress_badge(complete, total, args.label)
    if not write_output(args.output_file, text):
        return 2
    if args.output_file not in (None, STDIN):
        value = badge_value(complete, total)
        print(f"Wrote {args.output_file}: {args.label} {value}")
    return 0
