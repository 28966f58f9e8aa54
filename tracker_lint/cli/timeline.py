"""``tracker-lint history PATH``: the tracker at every commit that changed it.

Git is read in three processes whatever the number of commits: ``git rev-parse``
for the repository, one ``git log --follow --raw -z`` for the commits and the
file's path and blob at each (renames followed), one ``git cat-file --batch`` for
every version's bytes.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING

from tracker_lint.cli import config_args, options, print_config_error, print_error, print_note
from tracker_lint.cli.files import GitUnavailable, run_git, write_output
from tracker_lint.engine import Settings
from tracker_lint.errors import ConfigError, ReadError
from tracker_lint.workspace import Excluded, Workspace, decode

if TYPE_CHECKING:
    import argparse

    from tracker_lint.timeline import Version

GIT_TIMEOUT = 120


class NoHistory(Exception):
    """Why there is no history to read."""


def build_parser() -> argparse.ArgumentParser:
    return options.parser("history")


def _git(directory: str, *args: str, stdin: bytes | None = None) -> bytes:
    """What git prints; NoHistory with git's own last line when it fails."""
    try:
        done = run_git(directory, *args, stdin=stdin, timeout=GIT_TIMEOUT)
    except GitUnavailable as e:
        raise NoHistory(str(e)) from e
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise NoHistory(message[-1] if message else f"git {args[0]} failed")
    return done.stdout


def _log(path: str, directory: str, *args: str) -> str:
    try:
        return _git(directory, *args).decode("utf-8", "surrogateescape")
    except NoHistory as e:
        raise NoHistory(f"{path} has no commit in git ({e})") from e


def versions(path: str, since: str | None, rev: str | None) -> tuple[list[Version], list[str]]:
    """Every version of the file along the first-parent history (a merge is the state
    it made; the commits of a merged branch are not interleaved), oldest first, and
    notes (a shallow clone). Paths are read NUL-separated and named literally, so any
    file name works (``Übersicht.md``, ``T[1].md``, a tab); bytes come by blob id."""
    from tracker_lint.timeline import Version

    directory = os.path.dirname(os.path.abspath(path)) or "."
    name = os.path.basename(path)
    try:
        said = _git(directory, "rev-parse", "--is-shallow-repository", "--show-prefix")
    except NoHistory as e:
        raise NoHistory(f"{path} is not in a git repository ({e})") from e
    shallow, _, prefix = said.decode("utf-8", "surrogateescape").partition("\n")
    prefix = prefix.strip("\n")
    notes = []
    if shallow.strip() == "true":
        notes.append(f"{path}: a shallow clone: the history starts at its oldest commit")
    try:
        log = _git(
            directory,
            "log",
            "-z",
            "--follow",
            "--first-parent",
            "--diff-merges=first-parent",
            "--raw",
            "--no-abbrev",
            "--format=%x1e%H%x1f%cI",
            *([f"--since={since}"] if since else []),
            *([rev] if rev else []),
            "--",
            f":(literal){name}",
        )
    except NoHistory as e:
        raise NoHistory(f"{path} has no commit in git ({e})") from e
    commits: list[tuple[str, datetime, str, str]] = []  # commit, date, path, blob
    for record in log.split(b"\x1e")[1:]:
        head, _, body = record.partition(b"\0")
        commit, _, stamp = head.decode("ascii", "replace").partition("\x1f")
        fields = body.lstrip(b"\n").split(b"\0")
        raw = [f for f in fields if f.startswith(b":")]
        if not raw:
            continue  # a commit that did not change the file
        at = fields.index(raw[-1])
        meta = raw[-1].decode("ascii", "replace").split()
        status, blob = meta[-1], meta[3]
        paths = [f for f in fields[at + 1 : at + 3] if f and not f.startswith(b":")]
        if status.startswith("D") or not paths:
            continue  # the commit that deleted it: nothing to read
        where = paths[-1].decode("utf-8", "surrogateescape")
        commits.append((commit, datetime.fromisoformat(stamp.strip()), where, blob))
        if status.startswith("C"):
            break  # made as a copy of another file: what came before is that file's
    if not commits:
        what = " in that range" if (since or rev) else " (it is not committed)"
        raise NoHistory(f"{prefix}{name} has no commit in git{what}")
    commits.reverse()
    out = _git(
        directory, "cat-file", "--batch", stdin="".join(f"{c[3]}\n" for c in commits).encode()
    )
    found: list[Version] = []
    at = 0
    for commit, when, where, _ in commits:
        end = out.index(b"\n", at)
        header = out[at:end].split()
        at = end + 1
        if len(header) < 3 or header[1] != b"blob":
            found.append(Version(commit, when, where, None, "not readable from git"))
            continue
        size = int(header[2])
        data = out[at : at + size]
        at += size + 1
        try:
            found.append(Version(commit, when, where, decode(where, data)))
        except ReadError as e:
            found.append(Version(commit, when, where, None, e.message))
    return found, notes


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from tracker_lint import timeline

    today: date = args.today or date.today()
    try:
        config, overrides = config_args(args.config)
        workspace = Workspace(Settings(today=today), config, None, overrides)
        settings = workspace.settings_for(Path(args.path))
    except ConfigError as e:
        print_config_error(e)
        return 2
    if isinstance(settings, Excluded):
        settings = workspace.base
    try:
        found, notes = versions(args.path, args.since, args.rev)
    except NoHistory as e:
        print_error(str(e))
        return 2
    for note in notes:
        print_note(note)
    from tracker_lint.incremental import Memo

    memo = Memo()  # each version is read again only where it differs from the one before
    points = [timeline.point(v, settings, memo) for v in found]
    skipped = [p for p in points if not p.counted]
    if skipped:
        print_note(
            f"{len(skipped)} of {len(points)} versions have no figures: listed with the reason"
        )
    if len(skipped) == len(points):
        print_error(f"{args.path}: no version of it is a tracker that can be read")
        return 2
    now = datetime.combine(today, time(23, 59, 59)).astimezone()  # the end of the local day
    forecast = timeline.forecast(points, args.weeks, now)
    if args.chart:
        chart = timeline.burnup_svg(points, forecast, title=args.path)
        if not write_output(args.chart, chart):
            return 2
    fmt = args.output_format
    if fmt == "json":
        text = timeline.to_json(points, forecast)
    elif fmt == "csv":
        text = timeline.to_csv(points)
    elif fmt == "markdown":
        text = timeline.to_markdown(points, forecast, args.chart)
    else:
        text = timeline.to_text(points, forecast)
    return 0 if write_output(args.output_file, text) else 2
