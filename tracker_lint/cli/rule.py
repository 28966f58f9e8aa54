"""``tracker-lint rule CODE`` prints a rule's documentation; ``--all`` lists the rules."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from tracker_lint.cli import print_error
from tracker_lint.ruledocs import fix_label, rule_page
from tracker_lint.rules import RULES, UnknownRuleError, get


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tracker-lint rule",
        description="Print a rule's documentation, or list every rule.",
    )
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument(
        "rule", nargs="?", metavar="RULE", help="a rule code (TL401) or name (stats-mismatch)"
    )
    which.add_argument("--all", action="store_true", help="list every rule")
    return parser


def listing() -> str:
    rows = [("code", "name", "severity", "fix", "summary")]
    rows += [(r.code, r.name, r.severity.value, fix_label(r), r.summary) for r in RULES.values()]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = [
        "  ".join([*(cell.ljust(w) for cell, w in zip(row[:4], widths, strict=True)), row[4]])
        for row in rows
    ]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.all:
        sys.stdout.write(listing())
        return 0
    try:
        rule = get(args.rule)
    except UnknownRuleError as e:
        print_error(e.args[0])
        return 2
    # The same page as in docs/rules.md: a header (code, name, severity, fix
    # safety), then the rule's docstring.
    sys.stdout.write(rule_page(rule, level=1))
    return 0
