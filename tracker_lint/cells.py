"""Numbers written in table cells: a plain count (``**11**``, ``1,204``), a
percentage and a fraction (``6/7 (86%)``), with the spans of their digits."""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from tracker_lint._text import EMPHASIS
from tracker_lint.parse import Cell


class Written(NamedTuple):
    """A number in a cell: its value and where its digits are."""

    value: int
    start: int
    end: int
    text: str


class Share(NamedTuple):
    """A ``p%`` and/or ``n/N`` cell."""

    pct: str | None  # as written, without the % sign: "86", "27.3"
    pct_start: int
    pct_end: int
    n: int | None
    of: int | None


@cache
def _count() -> re.Pattern[str]:
    return re.compile(r"\s*(?P<n>\d{1,3}(?:,\d{3})+|\d+)\s*")


@cache
def _pct() -> re.Pattern[str]:
    return re.compile(r"(?<![\d.,])(?P<p>\d+(?:[.,]\d+)?)\s*%")


@cache
def _fraction() -> re.Pattern[str]:
    return re.compile(r"(?<![\d.,])(?P<n>\d+)\s*/\s*(?P<d>\d+)(?![\d.])")


def count_in(cell: Cell | None) -> Written | None:
    """The count a cell holds, None unless the cell is only a number (``**11**``,
    ``1,204``; not ``1+``, ``~95`` or ``-``)."""
    if cell is None:
        return None
    text = cell.value.strip().strip(EMPHASIS)
    match = _count().fullmatch(text)
    if match is None:
        return None
    # Found in the text as written with each comment blanked (same length): the digits
    # shown, never a number inside `<!-- was 17 -->`.
    shown = _blank_comments(cell.text) if "<!--" in cell.text else cell.text
    lead = shown.find(match["n"])
    if lead < 0:
        return None
    start = cell.start + lead
    return Written(int(match["n"].replace(",", "")), start, start + len(match["n"]), match["n"])


def share_in(cell: Cell | None) -> Share | None:
    """The percentage and the fraction a cell holds, None when it holds neither, or
    when it says more than one share (``target 90%, now 50%``), strikes one out
    (``~~50%~~ 75%``) or quotes one as code: which one is the row's is then a guess."""
    if cell is None:
        return None
    text = _blank_comments(cell.text) if "<!--" in cell.text else cell.text
    if "~~" in text or "`" in text:
        return None
    percents = list(_pct().finditer(text))
    fractions = list(_fraction().finditer(text))
    if len(percents) > 1 or len(fractions) > 1:
        return None
    pct = percents[0] if percents else None
    fraction = fractions[0] if fractions else None
    if pct is None and fraction is None:
        return None
    start = cell.start + pct.start("p") if pct else cell.start
    return Share(
        pct["p"] if pct else None,
        start,
        start + len(pct["p"]) if pct else start,
        int(fraction["n"]) if fraction else None,
        int(fraction["d"]) if fraction else None,
    )


def _blank_comments(text: str) -> str:
    return re.sub(r"<!--.*?(?:-->|\Z)", lambda m: " " * len(m[0]), text, flags=re.DOTALL)
