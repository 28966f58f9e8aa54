"""``tracker-lint report PATH ...``: progress per section and overall, velocity and a
forecast; also what ``badge`` reads its trackers with."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from tracker_lint.cli import config_args, options, print_config_error, print_error, print_note
from tracker_lint.cli.files import STDIN, discover, read_source, write_output
from tracker_lint.engine import Settings
from tracker_lint.errors import ConfigError, ReadError
from tracker_lint.workspace import Workspace

if TYPE_CHECKING:
    import argparse

    from tracker_lint.model import Tracker


def build_parser() -> argparse.ArgumentParser:
    return options.parser("report")


class Loaded:
    """The trackers found at a command's paths, and whether every named path was one."""

    def __init__(self) -> None:
        self.trackers: list[tuple[str, Tracker]] = []  # (path as shown, tracker)
        self.failed = False  # a named path was unreadable or not a tracker
        self.several = False  # several paths or a directory: the output is a list


def load_trackers(args: argparse.Namespace, today: date) -> Loaded:
    """Each tracker at ``args.paths`` (directories searched), read with its configuration
    (the nearest configuration file, or ``--config``): ``Workspace.tracker_for``. A named
    path that cannot be read or is not a tracker gets an ``error:`` line; a file found
    in a directory that is not a tracker is left out (a note says how many)."""
    loaded = Loaded()
    loaded.several = len(args.paths) > 1 or any(Path(p).is_dir() for p in args.paths)
    try:
        config, overrides = config_args(args.config)
        workspace = Workspace(Settings(today=today), config, None, overrides)
    except ConfigError as e:
        print_config_error(e)
        loaded.failed = True
        return loaded
    skipped = 0
    for item in discover(args.paths, respect_gitignore=args.respect_gitignore):
        if isinstance(item, ReadError):
            print_error(str(item))
            loaded.failed = True
            continue
        try:
            source = read_source(item)
        except ReadError as e:
            print_error(str(e))
            loaded.failed = True
            continue
        try:
            tracker = workspace.tracker_for(source, None if item == STDIN else Path(item))
        except ConfigError as e:
            print_config_error(e)
            loaded.failed = True
            continue
        except ReadError as e:
            # A file found in a folder that is not a tracker is left out; one that is a
            # tracker but cannot be read (not UTF-8) is an error wherever it was found.
            if item in args.paths or e.message == source.undecodable:
                print_error(str(e))
                loaded.failed = True
            else:
                skipped += 1
            continue
        loaded.trackers.append((item, tracker))
    if skipped:
        what = (
            "1 Markdown file is not a tracker"
            if skipped == 1
            else (f"{skipped} Markdown files are not trackers")
        )
        print_note(f"{what}; skipped")
    if not loaded.trackers and not loaded.failed:
        print_error(f"no tracker found in {', '.join(args.paths)}")
        loaded.failed = True
    return loaded


def _history(path: str, tracker: Tracker) -> list[tuple[date, int]] | None:
    """The tracker's commits as (date, items done), read with its profile; None for
    standard input or a file git does not know (the rows' dates are used then)."""
    if path == STDIN:
        return None
    from tracker_lint.cli.timeline import NoHistory, versions
    from tracker_lint.incremental import Memo
    from tracker_lint.timeline import point

    try:
        found, _ = versions(path, None, None)
    except NoHistory:
        return None
    settings = Settings(profile=tracker.profile)
    memo = Memo()
    points = (point(version, settings, memo) for version in found)
    return [(p.when.date(), p.complete) for p in points if p.counted]


def main(argv: Sequence[str] | None = None) -> int:
    from tracker_lint.report import (
        build_report,
        render_json,
        render_markdown,
        render_text,
        report_json,
    )

    args = build_parser().parse_args(argv)
    today = args.today or date.today()
    loaded = load_trackers(args, today)
    if loaded.failed:
        return 2
    reports = [
        build_report(t, today, args.weeks, source=path, history=_history(path, t))
        for path, t in loaded.trackers
    ]
    output_format = args.output_format or "text"
    if output_format == "json":
        if loaded.several:
            import json

            data = [report_json(r) for r in reports]
            text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        else:
            text = render_json(reports[0])
    else:
        render = render_markdown if output_format == "markdown" else render_text
        text = "\n".join(render(r) for r in reports)
    return 0 if write_output(args.output_file, text) else 2
