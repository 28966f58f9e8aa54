"""Defaults that the core and the command line share (the command line's ``--help``
quotes them), kept apart so that neither has to import the other for a number."""

from __future__ import annotations

DEFAULT_WEEKS = 8  # the velocity window of a progress report, in weeks
DEFAULT_LABEL = "progress"  # a badge's left text
