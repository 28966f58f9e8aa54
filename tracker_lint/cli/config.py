"""``tracker-lint config [PATH]``: the resolved configuration; ``--schema``: its JSON Schema."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from tracker_lint.cli import config_args, options, print_config_error
from tracker_lint.cli.files import STDIN
from tracker_lint.engine import Settings
from tracker_lint.errors import ConfigError
from tracker_lint.workspace import Excluded, Workspace

if TYPE_CHECKING:
    import argparse


def build_parser() -> argparse.ArgumentParser:
    return options.parser("config")


def main(argv: Sequence[str]) -> int:
    args = build_parser().parse_args(argv)
    from tracker_lint.config import default_config, dump, schema

    if args.schema:
        sys.stdout.write(json.dumps(schema(), indent=2, ensure_ascii=False) + "\n")
        return 0
    from pathlib import Path

    # A folder stands for any Markdown file directly in it.
    probe = str(Path(args.path) / "_.md") if Path(args.path).is_dir() else args.path
    path = None if probe == STDIN else Path(probe)
    try:
        config_file, overrides = config_args(args.config)
        workspace = Workspace(Settings(today=date.today()), config_file, None, overrides)
        config = workspace.config_for(path) or default_config()
        settings = workspace.settings_for(path)
    except ConfigError as e:
        print_config_error(e)
        return 2
    data = {"excluded": True} if isinstance(settings, Excluded) else dump(config, settings)
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    return 0
