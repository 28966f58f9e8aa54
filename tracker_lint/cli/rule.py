"""``tracker-lint rule CODE`` prints a rule's documentation; ``--all`` lists the rules."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from tracker_lint.cli import options, print_error
from tracker_lint.ruledocs import fix_label, rule_page
from tracker_lint.rules import RULES, Rule, UnknownRuleError, get

if TYPE_CHECKING:
    import argparse


def build_parser() -> argparse.ArgumentParser:
    return options.parser("rule")


def listing() -> str:
    rows = [("code", "name", "severity", "fix", "summary")]
    rows += [(r.code, r.name, r.severity.value, fix_label(r), r.summary) for r in RULES.values()]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = [
        "  ".join([*(cell.ljust(w) for cell, w in zip(row[:4], widths, strict=True)), row[4]])
        for row in rows
    ]
    return "\n".join(lines) + "\n"


def rule_json(rule: Rule) -> dict[str, Any]:
    """A rule as data: what ``--output-format json`` prints (ruff's ``rule`` keys)."""
    return {
        "code": rule.code,
        "name": rule.name,
        "severity": rule.severity.value,
        "fix": fix_label(rule),
        "summary": rule.summary,
        "documentation": rule_page(rule, level=1),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.all == (args.rule is not None):
        parser.error("give either a RULE or --all")
    as_json = args.output_format == "json"
    if args.all:
        if as_json:
            data = [rule_json(r) for r in RULES.values()]
            sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        else:
            sys.stdout.write(listing())
        return 0
    try:
        rule = get(args.rule)
    except UnknownRuleError as e:
        print_error(e.args[0])
        return 2
    if as_json:
        sys.stdout.write(json.dumps(rule_json(rule), ensure_ascii=False, indent=2) + "\n")
    else:
        # The same page as in docs/rules.md: a header (code, name, severity, fix
        # safety), then the rule's docstring.
        sys.stdout.write(rule_page(rule, level=1))
    return 0
