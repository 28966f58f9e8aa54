"""The errors the core raises for what it is given to read: a configuration file or a
tracker file. Kept free of imports: the plain check path loads this module too."""

from __future__ import annotations


class ConfigError(Exception):
    """One or more problems with a configuration file, one line each."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


class ReadError(Exception):
    """A path that cannot be linted; the message becomes a TL001 finding."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message
