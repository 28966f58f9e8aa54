"""``tracker-lint server``: the language server (``tracker_lint.server``), started
only when asked for, so that nothing else imports pygls."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from tracker_lint.cli import options, print_error

if TYPE_CHECKING:
    import argparse


def build_parser() -> argparse.ArgumentParser:
    return options.parser("server")


def main(argv: Sequence[str] | None = None) -> int:
    build_parser().parse_args(argv)
    try:
        from tracker_lint.server import serve
    except ImportError as error:
        print_error(
            f"the language server needs the server extra ({error.name} is not installed): "
            "pip install 'tracker-lint[server]'"
        )
        return 2
    serve()
    return 0
