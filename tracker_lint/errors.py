"""Errors that cross from the core to the command line (kept free of costly imports)."""

from __future__ import annotations


class ConfigError(Exception):
    """One or more problems with a configuration file, one line each."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines
