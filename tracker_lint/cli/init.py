"""``tracker-lint init PATH``: infer a tracker's profile, write it beside the tracker
as a commented ``.tracker-lint.toml`` (``[[profiles]]`` for that file only), then
lint the tracker with it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from tracker_lint.cli import options, print_error, print_note
from tracker_lint.errors import ReadError

if TYPE_CHECKING:
    import argparse


def build_parser() -> argparse.ArgumentParser:
    return options.parser("init")


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from tracker_lint.infer import describe
    from tracker_lint.workspace import CONFIG_NAME, config_file, read_file

    path = Path(args.path)
    try:
        source = read_file(args.path)
    except ReadError as error:
        print_error(str(error))
        return 2
    if source.undecodable is not None:
        print_error(f"{args.path}: {source.undecodable}")
        return 2
    written = describe(source.text, path.name)
    if written is None:
        print_error(
            f"{args.path}: nothing to track found (no table with a status column, no task "
            "list, no table of counts with a Total row); see docs/profiles.md"
        )
        return 2
    problem = _does_not_load(written, path.parent)
    if problem is not None:  # a bug of init's: say so rather than break the folder
        print_error(f"{args.path}: the inferred configuration does not load ({problem})")
        return 2
    if args.dry_run:
        print(written, end="")
        return 0
    folder = path.parent
    existing = config_file(folder)
    target = folder / CONFIG_NAME
    if existing is not None and not args.force:
        print_error(
            f"{existing} already configures {folder}/; not written over (use --force, or "
            "--dry-run to print the configuration)"
        )
        return 2
    if existing is not None and existing != target:
        print_note(f"{existing} also configures {folder}/; {target} takes precedence")
    inherited = next(
        (found for parent in folder.resolve().parents if (found := config_file(parent))), None
    )
    if existing is None and inherited is not None:
        print_note(
            f"{target} takes over from {inherited} for every file in {folder}/ (settings "
            "are not inherited): copy the ones that should still apply"
        )
    try:
        target.write_text(written, encoding="utf-8")
    except OSError as error:
        print_error(f"{target}: {error.strerror or error}")
        return 2
    print(f"Wrote {target}")
    from tracker_lint.cli.check import main as check

    today = (args.today or date.today()).isoformat()
    check(["--today", today, "--config", str(target), "--", args.path])
    return 0


def _does_not_load(written: str, folder: Path) -> str | None:
    """Why the configuration ``init`` wrote would be refused, None when it loads."""
    import sys

    from tracker_lint.config import from_data
    from tracker_lint.errors import ConfigError
    from tracker_lint.workspace import CONFIG_NAME

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        from_data(tomllib.loads(written), CONFIG_NAME, None, folder)
    except tomllib.TOMLDecodeError as error:
        return str(error)
    except ConfigError as error:
        return "; ".join(error.lines)
    return None
