"""Finding and applying configuration files for the paths being linted.

The nearest ``.tracker-lint.toml``, or ``pyproject.toml`` with a
``[tool.tracker-lint]`` table, walking up from each file's folder (the
``.tracker-lint.toml`` wins in the same folder), unless ``--config`` names one.
pydantic is imported only once a configuration file is actually found.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from tracker_lint.cli.files import STDIN
from tracker_lint.engine import Settings
from tracker_lint.errors import CONFIG_NAME, PYPROJECT, TOOL_TABLE, ConfigError
from tracker_lint.selection import Selection

if TYPE_CHECKING:
    from tracker_lint.config import Config

# [tool.tracker-lint], [tool."tracker-lint"] or [tool.tracker-lint.profile] on a line of its own
# (spaces and tabs only: a `\s*` would also match newlines, and make a search of a
# pyproject.toml of blank lines quadratic)
_TOOL_HEADER = r'^[ \t]*\[[ \t]*tool[ \t]*\.[ \t]*"?tracker-lint"?[ \t]*[\].]'
# A configuration file larger than this is refused when loaded (config.FILE_LIMIT); it is
# never read further to find out whether it is one.
_SCAN_LIMIT = 1024 * 1024 + 1


def candidate(folder: Path) -> Path | None:
    """The configuration file of one folder, if it has one (cheap: no TOML parse)."""
    dotfile = folder / CONFIG_NAME
    if dotfile.is_file():
        return dotfile
    pyproject = folder / PYPROJECT
    if pyproject.is_file():
        try:
            with pyproject.open("rb") as handle:
                text = handle.read(_SCAN_LIMIT).decode("utf-8", errors="replace")
        except OSError:
            return None
        if re.search(_TOOL_HEADER, text, re.MULTILINE):
            return pyproject
    return None


class Resolver:
    """Settings for each linted path: configuration file, then command-line flags."""

    def __init__(self, base: Settings, config: str | None, cli: Selection) -> None:
        self.base = base
        self.cli = cli
        self.forced: Config | None = None
        self._by_folder: dict[Path, Config | None] = {}
        if config is not None:
            from tracker_lint.config import load

            self.forced = load(Path(config))
            if self.forced is None:
                raise ConfigError([f"{config}: has no [{TOOL_TABLE}] table"])

    def config_for(self, path: str) -> Config | None:
        if self.forced is not None:
            return self.forced
        folder = (Path.cwd() if path == STDIN else Path(path).parent).resolve()
        chain = []
        found: Config | None = None
        for current in (folder, *folder.parents):
            if current in self._by_folder:
                found = self._by_folder[current]
                break
            chain.append(current)
            file = candidate(current)
            if file is not None:
                from tracker_lint.config import load

                found = load(file)
                if found is not None:
                    break
        for current in chain:
            self._by_folder[current] = found
        return found

    def settings(self, path: str) -> Settings | None:
        """The settings for a path; None when the configuration excludes it."""
        config = self.config_for(path)
        if config is None:
            if self.cli == Selection():
                return self.base
            return replace(self.base, select=Selection().override(self.cli).resolve())
        file = None if path == STDIN else Path(path)
        if file is not None and config.excludes(file):
            return None
        return config.settings(self.base, file, self.cli)
