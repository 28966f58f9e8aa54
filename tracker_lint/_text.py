"""Small text helpers shared by the parser, the profile and the rules."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Emoji presentation/text selectors and the zero-width joiner change how a
# symbol looks, never what it means.
INVISIBLE = "\ufe0e\ufe0f\u200d"
_INVISIBLE = dict.fromkeys(map(ord, INVISIBLE), None)
EMPHASIS = "*_ "  # what surrounds a bold or italic word in a cell or label
DIRECTIVE_MARKER = "tracker-lint-"  # in every suppression comment (see suppress.py)
_EMPHASIS = str.maketrans("", "", "*_`~")


def canonical_symbol(text: str) -> str:
    """``✅️`` (with U+FE0F) and ``✅`` are the same symbol."""
    return text.translate(_INVISIBLE)


def without_hard_break(text: str) -> str:
    """``text`` without a trailing hard-break backslash (one not itself escaped) and the
    white space before it: ``**Done**: 5\\`` is ``**Done**: 5``."""
    if text.endswith("\\") and not text.endswith("\\\\"):
        return text[:-1].rstrip()
    return text


def strip_comments(text: str) -> str:
    return re.sub(r"<!--.*?-->", "", text, flags=re.DOTALL) if "<!--" in text else text


@lru_cache(maxsize=1024)
def name_key(text: str) -> str:
    """Key for comparing a header or heading by name.

    Case-insensitive, ignoring surrounding whitespace, emoji and other symbols,
    Markdown emphasis and HTML comments: ``**📊 Status**`` matches ``status``.
    """
    text = unicodedata.normalize("NFC", strip_comments(text)).translate(_EMPHASIS)
    kept = [
        ch
        for ch in text
        if not unicodedata.category(ch).startswith(("S", "C", "M")) or ch in "+$%&<=>^|"
    ]
    return " ".join("".join(kept).split()).casefold()


@lru_cache(maxsize=4096)  # a few labels, one a row: ``Complete``, ``Not started``
def label_key(text: str) -> str:
    """Key for comparing labels: case-insensitive, whitespace collapsed."""
    return " ".join(strip_comments(text).split()).casefold()


def quoted(text: str, limit: int = 60) -> str:
    """Cell text as a message quotes it: whole when short, else cut with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def cell_value(text: str) -> str:
    """A cell's value: its text without HTML comments (suppression directives)."""
    return strip_comments(text).strip() if "<!--" in text else text


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", label_key(text))


def spelling_variant(written: str, canonical: str) -> bool:
    """Whether ``written`` is ``canonical`` spelled differently: other case, spacing or
    punctuation (``Not-started``, ``NotStarted``), or a typo in a word (edit distance 1,
    2 for words of more than 8 letters; words of 3 letters or fewer exactly): a label
    a fix may rewrite without guessing. ``Good`` or ``Done`` for ``Complete``, ``No
    Progress`` for ``In Progress`` and ``Not started v2`` are not (another word, a digit)."""
    a, b = _words(written), _words(canonical)
    if "".join(a) == "".join(b):
        return True
    if len(a) != len(b):
        return False
    for x, y in zip(a, b, strict=True):
        if x == y:
            continue
        if len(y) <= 3 or any(ch.isdigit() for ch in x + y):
            return False
        if _distance(x, y, 2 if len(y) > 8 else 1) is None:
            return False
    return True


def _distance(a: str, b: str, limit: int) -> int | None:
    """Damerau-Levenshtein (optimal string alignment) distance, or None above ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return None
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, previous2[j - 2] + 1)
            current.append(value)
        previous2, previous = previous, current
    return previous[-1] if previous[-1] <= limit else None


def display_width(text: str) -> int:
    """Terminal columns: wide characters and emoji count 2, combining marks 0."""
    width = 0
    for i, ch in enumerate(text):
        if ch == "\ufe0f":
            # An emoji presentation selector widens a narrow symbol (🏛️ is U+1F3DB U+FE0F).
            if i and unicodedata.east_asian_width(text[i - 1]) not in "WF":
                width += 1
            continue
        if unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return width
