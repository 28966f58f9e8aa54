"""Rule selection as ruff does it: codes or prefixes; the most specific selector wins."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from tracker_lint.rules import RULES


def split_codes(values: Iterable[str]) -> tuple[str, ...]:
    """``["TL1,TL4", "TL901"]`` (flags may be repeated or comma-separated) to codes."""
    return tuple(c.strip() for v in values for c in v.split(",") if c.strip())


class Selection(NamedTuple):
    select: tuple[str, ...] | None = None  # None: every rule
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    def override(self, later: Selection) -> Selection:
        """``later`` (the command line) on top of this one (a configuration file)."""
        return Selection(
            later.select if later.select is not None else self.select,
            self.extend_select + later.extend_select,
            self.ignore + later.ignore,
        )

    def resolve(self, extra_ignore: Iterable[str] = ()) -> frozenset[str]:
        """The codes that run. For each code the longest matching selector decides;
        on a tie between select and ignore, ignore wins."""
        select = self.select if self.select is not None else ("TL",)
        selectors = [(s.upper(), True) for s in (*select, *self.extend_select)]
        selectors += [(s.upper(), False) for s in (*self.ignore, *extra_ignore)]
        enabled = set()
        for code in RULES:
            matching = [(len(s), not on, on) for s, on in selectors if code.startswith(s)]
            if matching and max(matching)[2]:
                enabled.add(code)
        return frozenset(enabled)

    @staticmethod
    def unknown(values: Iterable[str]) -> list[str]:
        """Selectors that match no rule."""
        return [v for v in values if not any(code.startswith(v.upper()) for code in RULES)]
