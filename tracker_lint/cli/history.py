"""``--base [REV]``: the file as it was at a git revision, for stale-date (TL304).

Git runs as a subprocess from the file's own directory, so a tracker in any
repository (or a submodule) is read from that repository. When there is no
earlier version to compare with, one note says why and the file is linted
without it.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from tracker_lint.cli import print_note
from tracker_lint.cli.files import STDIN, GitUnavailable, run_git
from tracker_lint.cli.options import DEFAULT_REV
from tracker_lint.engine import Settings, looks_like_tracker, model
from tracker_lint.errors import ReadError
from tracker_lint.rules.history import StaleDate
from tracker_lint.workspace import decode

if TYPE_CHECKING:
    import argparse
    import subprocess

    from tracker_lint.model import Tracker

GIT_TIMEOUT = 60


class NoBase(Exception):
    """There is no earlier version to compare with; the message says why."""


def _git(directory: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return run_git(directory, *args, timeout=GIT_TIMEOUT)
    except GitUnavailable as e:
        raise NoBase(str(e)) from e


def _repository_prefix(directory: str, rev: str) -> str:
    """The directory's path inside its repository (``docs/``), once ``rev`` is known there."""
    prefix = _git(directory, "rev-parse", "--show-prefix")
    if prefix.returncode != 0:
        raise NoBase("not in a git repository")
    shown = prefix.stdout.decode("utf-8", "replace").rstrip("\r\n")
    if _git(directory, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").returncode != 0:
        raise NoBase(f"{rev} is not a revision of the repository that holds {shown or './'}")
    return shown


def text_at(path: str, rev: str, prefixes: dict[str, str | NoBase] | None = None) -> str:
    """The content of ``path`` at revision ``rev`` of the repository that holds it.

    ``prefixes`` caches what each directory's repository said, so a folder of
    trackers asks git about its repository once.
    """
    directory = os.path.dirname(os.path.abspath(path))
    name = os.path.basename(path)
    cache = {} if prefixes is None else prefixes
    if directory not in cache:
        try:
            cache[directory] = _repository_prefix(directory, rev)
        except NoBase as e:
            cache[directory] = e
    prefix = cache[directory]
    if isinstance(prefix, NoBase):
        raise prefix
    shown = prefix + name
    blob = _git(directory, "show", f"{rev}:./{name}")
    if blob.returncode != 0:
        raise NoBase(f"{shown} did not exist at {rev}")
    try:
        return decode(shown, blob.stdout)
    except ReadError as e:
        raise NoBase(f"{shown} at {rev} {e.message}") from e


class Bases:
    """The base text of each file for one run; each reason to skip is noted once."""

    def __init__(self, rev: str | None) -> None:
        self.rev = rev
        self._noted: set[str] = set()
        self._prefixes: dict[str, str | NoBase] = {}

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> Bases:
        """Read ``args.base``; a path given right after a bare ``--base`` goes back to the paths.

        ``--base`` takes an optional value, so in ``tracker-lint --base docs/T.md``
        (what pre-commit runs for ``args: [--base]``) argparse takes the file for
        the revision. A value that names an existing file or ``-`` is a path.
        """
        rev: str | None = args.base
        if rev is not None and (rev == STDIN or os.path.exists(rev)):
            args.paths.insert(0, rev)
            rev = DEFAULT_REV
        args.base = rev
        return cls(rev)

    def note(self, reason: str) -> None:
        message = f"--base {self.rev}: {reason}; stale-date (TL304) skipped"
        if message not in self._noted:
            self._noted.add(message)
            print_note(message)

    def tracker(self, settings: Settings, path: str, text: str) -> Tracker | None:
        """The file at the base revision, seen through the file's profile (what
        ``engine.check`` takes as ``base``), when there is one.

        Git is asked only about files that may be trackers, and only when TL304
        runs, so ``--base docs/`` stays cheap on a folder of ordinary Markdown.
        """
        if self.rev is None or (
            not settings.force and not looks_like_tracker(text, settings.profile)
        ):
            return None
        if all(rule.code != StaleDate.code for rule in settings.active_rules()):
            return None  # TL304 is not selected: nothing would use the base
        if path == STDIN:
            self.note("standard input has no git history")
            return None
        try:
            return model(text_at(path, self.rev, self._prefixes), settings.profile)
        except NoBase as e:
            self.note(str(e))
            return None
