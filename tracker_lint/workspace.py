"""Which configuration applies to a path, and the tracker a file holds.

The part of the core that looks at files, shared by every front end (the
``check``, ``report``, ``badge`` and ``config`` commands, a language server):

- :class:`Workspace` gives the settings for a path: the nearest
  ``.tracker-lint.toml``, or ``pyproject.toml`` with a ``[tool.tracker-lint]``
  table, walking up from the path's folder (the ``.tracker-lint.toml`` wins in
  the same folder) unless one file is forced, then the command line's rule
  selection; or :class:`Excluded`, saying which file and key exclude the path.
- :func:`read_file` and :func:`source_of` read and decode a file, and
  :func:`tracker_of` is the tracker it holds.

pydantic is imported only once a configuration file is actually found, so the
plain check path (no configuration file) stays cheap.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from tracker_lint.engine import Settings, analyse
from tracker_lint.errors import ConfigError, ReadError
from tracker_lint.output import not_a_tracker_text
from tracker_lint.selection import Selection

if TYPE_CHECKING:
    from tracker_lint.config import Config
    from tracker_lint.model import Tracker

CONFIG_NAME = ".tracker-lint.toml"
PYPROJECT = "pyproject.toml"
TOOL_TABLE = "tool.tracker-lint"

# [tool.tracker-lint], [tool."tracker-lint"] or [tool.tracker-lint.profile] on a line of its own
# (spaces and tabs only: a `\s*` would also match newlines, and make a search of a
# pyproject.toml of blank lines quadratic)
_TOOL_HEADER = r'^[ \t]*\[[ \t]*tool[ \t]*\.[ \t]*"?tracker-lint"?[ \t]*[\].]'
# A configuration file larger than this is refused when loaded (config.FILE_LIMIT); it is
# never read further to find out whether it is one.
_SCAN_LIMIT = 1024 * 1024 + 1


def config_file(folder: Path) -> Path | None:
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


class Excluded(NamedTuple):
    """A path the configuration keeps from being linted, and why."""

    config: Path | None  # the configuration file that excludes it
    key: str  # ``exclude``, or ``not in include``


class Workspace:
    """Settings for each path: its configuration file, then the command line's selection.

    ``settings`` holds what no configuration file sets (today's date); ``config``
    forces one configuration file for every path; ``selection`` is the command
    line's ``--select``/``--extend-select``/``--ignore``, applied over each
    configuration; ``overrides`` its inline ``--config KEY=VALUE`` settings, merged
    into each configuration (or making one where there is no file). A bad
    configuration file raises :class:`ConfigError`, here for ``config`` and from the
    methods for a file found on the way. Relative paths are taken against the
    working directory (a front end that changes it makes a new workspace).
    """

    def __init__(
        self,
        settings: Settings,
        config: str | Path | None = None,
        selection: Selection | None = None,
        overrides: dict[str, Any] | None = None,
    ) -> None:
        self.base = settings
        self.selection = selection or Selection()
        self.overrides = overrides or {}
        self.forced: Config | None = None
        self._by_folder: dict[Path, Config | None] = {}  # resolved folder -> configuration
        self._by_given: dict[Path, Config | None] = {}  # folder as named -> configuration
        self._no_file: Config | None = None  # the inline settings alone, once built
        if config is not None:
            from tracker_lint.config import load

            self.forced = load(Path(config))
            if self.forced is None:
                raise ConfigError([f"{config}: has no [{TOOL_TABLE}] table"])
            if self.overrides:
                self.forced = self.forced.with_overrides(self.overrides)

    def config_for(self, path: Path | None) -> Config | None:
        """The configuration of a file (None: standard input, from the current folder)."""
        if self.forced is not None:
            return self.forced
        given = Path.cwd() if path is None else path.parent
        if given in self._by_given:  # the files of one folder: one resolve() for them all
            return self._by_given[given]
        found = self._config_of_folder(given.resolve())
        if found is None and self.overrides:
            if self._no_file is None:
                from tracker_lint.config import overrides_only

                self._no_file = overrides_only(self.overrides)
            found = self._no_file
        self._by_given[given] = found
        return found

    def _config_of_folder(self, folder: Path) -> Config | None:
        chain = []
        found: Config | None = None
        for current in (folder, *folder.parents):
            if current in self._by_folder:
                found = self._by_folder[current]
                break
            chain.append(current)
            file = config_file(current)
            if file is not None:
                from tracker_lint.config import load

                found = load(file)
                if found is not None:
                    if self.overrides:
                        found = found.with_overrides(self.overrides)
                    break
        for current in chain:
            self._by_folder[current] = found
        return found

    def settings_for(self, path: Path | None) -> Settings | Excluded:
        """The settings for a file, or why its configuration excludes it.

        ``path`` need not exist (``--stdin-filename``, an editor's unsaved
        buffer): its name decides the configuration, the per-file ignores and
        include/exclude. None stands for unnamed standard input, configured from
        the current folder and never excluded.
        """
        config = self.config_for(path)
        if config is None:
            if self.selection == Selection():
                return self.base
            return replace(self.base, select=Selection().override(self.selection).resolve())
        if path is not None:
            key = config.exclusion(path)
            if key is not None:
                return Excluded(config.path, key)
        return config.settings(self.base, path, self.selection)

    def tracker_for(self, source: Source, path: Path | None) -> Tracker:
        """The tracker ``source`` holds, read with the configuration of ``path`` (an
        excluded path with the workspace's own settings); see :func:`tracker_of`."""
        settings = self.settings_for(path)
        return tracker_of(source, self.base if isinstance(settings, Excluded) else settings)


class Source(NamedTuple):
    """A file's bytes and its text."""

    path: str  # as shown to the user
    data: bytes
    text: str
    # Why ``data`` is not UTF-8 text (the TL001 message); ``text`` is then a lenient
    # decoding (see :func:`decode_leniently`), good for recognising a tracker and
    # nothing else.
    undecodable: str | None = None


def _utf16_without_bom(data: bytes) -> str | None:
    """Mostly-ASCII UTF-16 has a NUL in every other byte, and only there: the codec
    (``utf-16-le`` when the NULs are the odd bytes, ``utf-16-be`` when the even), or None."""
    sample = data[:4096]
    sample = sample[: len(sample) - len(sample) % 2]
    even, odd = sample[0::2], sample[1::2]
    for zeros, other, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if b"\x00" not in other and zeros.count(0) * 2 > len(zeros):
            return codec
    return None


def decode(path: str, data: bytes) -> str:
    """The UTF-8 text of a file; a ReadError saying what else it is."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_without_bom(data) is not None:
        raise ReadError(path, "is UTF-16 text; tracker-lint reads UTF-8 only")
    if b"\x00" in data:
        raise ReadError(path, "is a binary file, not UTF-8 text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        raise ReadError(
            path,
            f"is not valid UTF-8 (byte 0x{data[e.start]:02x} on line {line}); save it as UTF-8",
        ) from e


def decode_leniently(data: bytes) -> str:
    """Text to recognise a tracker by, whatever the bytes: UTF-16 (with a BOM, or
    detected as :func:`decode` detects it) through its own codec, anything else as
    UTF-8, each undecodable byte becoming U+FFFD."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace")
    return data.decode(_utf16_without_bom(data) or "utf-8", "replace")


def source_of(name: str, data: bytes) -> Source:
    """``data`` decoded as UTF-8; text that is not UTF-8 decoded leniently, with the
    reason in ``undecodable``, so the caller can tell a tracker (which must be UTF-8)
    from any other file."""
    try:
        return Source(name, data, decode(name, data))
    except ReadError as e:
        return Source(name, data, decode_leniently(data), e.message)


def read_file(path: str) -> Source:
    """A file, read and decoded by :func:`source_of`; OS errors raise a ReadError."""
    try:
        data = Path(path).read_bytes()
    except IsADirectoryError as e:
        raise ReadError(path, "is a directory") from e
    except FileNotFoundError as e:
        raise ReadError(path, "No such file or directory") from e
    except OSError as e:
        raise ReadError(path, f"cannot be read ({e.strerror or e})") from e
    return source_of(path, data)


def tracker_of(source: Source, settings: Settings) -> Tracker:
    """The tracker in ``source``, read as one whatever the pre-filter says; a ReadError
    when it is not a tracker or, being one, is not UTF-8.

    As in ``check``, a file that is not UTF-8 is recognised from a lenient
    decoding: a tracker says why it cannot be read, anything else that it is
    not a tracker."""
    tracker = analyse(source.text, replace(settings, force=True))
    if tracker is None:
        raise ReadError(source.path, f"is {not_a_tracker_text(settings.profile)}")
    if source.undecodable is not None:
        raise ReadError(source.path, source.undecodable)
    return tracker
