"""Configuration file names and errors, shared by the core and the command line.

Kept free of costly imports: the command line looks for configuration files
with these names before it decides to import pydantic.
"""

from __future__ import annotations

CONFIG_NAME = ".tracker-lint.toml"
PYPROJECT = "pyproject.toml"
TOOL_TABLE = "tool.tracker-lint"


class ConfigError(Exception):
    """One or more problems with a configuration file, one line each."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines
