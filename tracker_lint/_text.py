"""Small text helpers shared by the parser, the profile and the rules."""

from __future__ import annotations

import re
import unicodedata

# Emoji presentation/text selectors, zero-width joiner and skin-tone modifiers
# change how a symbol looks, never what it means.
_INVISIBLE = dict.fromkeys(map(ord, "\ufe0e\ufe0f\u200d"), None)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_EMPHASIS = str.maketrans("", "", "*_`~")


def canonical_symbol(text: str) -> str:
    """``✅️`` (with U+FE0F) and ``✅`` are the same symbol."""
    return text.translate(_INVISIBLE)


def strip_comments(text: str) -> str:
    return _HTML_COMMENT.sub("", text)


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
