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


def label_key(text: str) -> str:
    """Key for comparing labels: case-insensitive, whitespace collapsed."""
    return " ".join(strip_comments(text).split()).casefold()


def quoted(text: str, limit: int = 60) -> str:
    """Cell text as a message quotes it: whole when short, else cut with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def cell_value(text: str) -> str:
    """A cell's value: its text without HTML comments (suppression directives)."""
    return strip_comments(text).strip() if "<!--" in text else text
