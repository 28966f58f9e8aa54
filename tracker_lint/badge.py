"""A progress badge as SVG, in the shields.io "flat" style. No I/O here.

The colour follows the percent complete:

======================  ============  =========
percent complete        colour        hex
======================  ============  =========
below 25                red           #e05d44
25 to below 50          orange        #fe7d37
50 to below 75          yellow        #dfb317
75 to below 100         yellowgreen   #a4a61d
100 (every row done)    brightgreen   #4c1
======================  ============  =========

Text widths are estimated from the characters (Verdana 11px has no fixed
width, so narrow, wide and capital letters get their own estimate); the text
is drawn with ``textLength`` so it always fills the estimated box exactly.
"""

from __future__ import annotations

from decimal import Decimal
from xml.sax.saxutils import escape, quoteattr

from tracker_lint.report import percent

DEFAULT_LABEL = "progress"

# (lower bound in percent, colour name, hex), highest first.
THRESHOLDS: tuple[tuple[Decimal, str, str], ...] = (
    (Decimal(100), "brightgreen", "#4c1"),
    (Decimal(75), "yellowgreen", "#a4a61d"),
    (Decimal(50), "yellow", "#dfb317"),
    (Decimal(25), "orange", "#fe7d37"),
    (Decimal(0), "red", "#e05d44"),
)

_NARROW = set("fijlrtI.,:;!|'()[] ")
_WIDE = set("mwMW%@")
_PADDING = 10  # pixels around the text in each half


def color_for(percent: Decimal) -> tuple[str, str]:
    """(name, hex) of the badge colour for a percentage between 0 and 100."""
    for bound, name, hex_color in THRESHOLDS:
        if percent >= bound:
            return name, hex_color
    return THRESHOLDS[-1][1], THRESHOLDS[-1][2]


def text_width(text: str) -> int:
    """Estimated width in pixels of ``text`` in Verdana 11px."""
    total = 0.0
    for ch in text:
        if ch in _NARROW:
            total += 3.9
        elif ch in _WIDE:
            total += 10.5
        elif ch.isupper():
            total += 7.5
        elif ord(ch) > 0x2E7F:  # CJK and emoji are about twice as wide as a letter
            total += 13.0
        else:
            total += 7.0
    return round(total)


def badge_svg(label: str, value: str, color: str) -> str:
    """A flat badge: ``label`` on grey, ``value`` on ``color`` (a CSS colour)."""
    label_text = label.strip() or DEFAULT_LABEL
    label_w = text_width(label_text) + _PADDING
    value_w = text_width(value) + _PADDING
    width = label_w + value_w
    title = f"{label_text}: {value}"
    # shields.io draws text at 10x and scales it down by .1 for crisper rendering.
    lx, vx = label_w * 5, (label_w + value_w / 2) * 10
    ll, vl = (label_w - _PADDING) * 10, (value_w - _PADDING) * 10
    lt, vt = escape(label_text), escape(value)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="20" role="img" '
        f"aria-label={quoteattr(title)}>"
        f"<title>{escape(title)}</title>"
        '<linearGradient id="s" x2="0" y2="100%">'
        '<stop offset="0" stop-color="#bbb" stop-opacity=".1"/>'
        '<stop offset="1" stop-opacity=".1"/></linearGradient>'
        f'<clipPath id="r"><rect width="{width}" height="20" rx="3" fill="#fff"/></clipPath>'
        '<g clip-path="url(#r)">'
        f'<rect width="{label_w}" height="20" fill="#555"/>'
        f'<rect x="{label_w}" width="{value_w}" height="20" fill={quoteattr(color)}/>'
        f'<rect width="{width}" height="20" fill="url(#s)"/></g>'
        '<g fill="#fff" text-anchor="middle" '
        'font-family="Verdana,Geneva,DejaVu Sans,sans-serif" '
        'text-rendering="geometricPrecision" font-size="110">'
        f'<text aria-hidden="true" x="{lx}" y="150" fill="#010101" fill-opacity=".3" '
        f'transform="scale(.1)" textLength="{ll}">{lt}</text>'
        f'<text x="{lx}" y="140" transform="scale(.1)" fill="#fff" textLength="{ll}">{lt}</text>'
        f'<text aria-hidden="true" x="{vx:g}" y="150" fill="#010101" fill-opacity=".3" '
        f'transform="scale(.1)" textLength="{vl}">{vt}</text>'
        f'<text x="{vx:g}" y="140" transform="scale(.1)" fill="#fff" textLength="{vl}">{vt}</text>'
        "</g></svg>\n"
    )


def badge_value(complete: int, rows: int) -> str:
    """``12.7%``: the report's percentage (one decimal, rounded half up), except
    that it never reads 100.0% while a row is left (1999 of 2000 reads 99.9%)."""
    shown = percent(complete, rows)
    if shown == 100 and complete < rows:
        shown = Decimal("99.9")
    return f"{shown}%"


def progress_badge(complete: int, rows: int, label: str = DEFAULT_LABEL) -> str:
    """The badge for ``complete`` of ``rows`` done: ``progress | 12.7%``.

    The colour is chosen from the exact fraction, so only a finished tracker is green.
    """
    exact = Decimal(complete * 100) / Decimal(rows) if rows else Decimal(0)
    return badge_svg(label, badge_value(complete, rows), color_for(exact)[1])
