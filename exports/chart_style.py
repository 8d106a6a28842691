"""The look shared by every GreenLedger chart and the PDF briefing: colours, font, numbers.

Light and print-friendly (white ground, thin grey grid, no heavy frames); one colour per
section, keyed by the section's position in its plan, so "(三)碧水" has the same colour in the
dashboard, the PNG/SVG exports and the PDF. Text uses the CJK font from services.fonts, pinned
by file so matplotlib never falls back to a font without Chinese glyphs (boxes).
Headless: matplotlib objects only, never Qt, never pyplot.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from functools import cache

from matplotlib import font_manager
from matplotlib.font_manager import FontProperties

from services.fonts import cjk_font

# Tableau-10 (classic), which stays distinguishable in greyscale print and for most colour-blind
# readers; sections beyond ten repeat it slightly darker.
SECTION_PALETTE = [
    "#4E79A7",
    "#F28E2B",
    "#59A14F",
    "#E15759",
    "#76B7B2",
    "#EDC948",
    "#B07AA1",
    "#FF9DA7",
    "#9C755F",
    "#BAB0AC",
]
STATUS_COLORS = {
    "planned": "#BAB0AC",  # 未开工: grey, not yet in motion
    "in_progress": "#4E79A7",
    "done": "#59A14F",
    "suspended": "#E15759",
}
UNIT_COLOR = "#4E79A7"
LEAD_COLOR = "#2F5D8A"
COOPERATING_COLOR = "#9CC3E6"
CONSTRUCTING_COLOR = "#F28E2B"
AREA_COLOR = "#59A14F"
YEAR_COLOR = "#76B7B2"
MUTED_COLOR = "#BAB0AC"  # "其他", "not set" and other remainders
TEXT_COLOR = "#333333"
GRID_COLOR = "#E3E3E3"
SPINE_COLOR = "#B0B0B0"

TITLE_SIZE = 12
LABEL_SIZE = 9
VALUE_SIZE = 8
NOTE_SIZE = 7.5

WAN_PER_YI = Decimal(10000)


def section_color(position: int) -> str:
    """The colour of the section at `position` (0-based) in its plan."""
    base = SECTION_PALETTE[position % len(SECTION_PALETTE)]
    if position < len(SECTION_PALETTE):
        return base
    return _darken(base, 0.75 ** (position // len(SECTION_PALETTE)))


def section_colors(positions: Iterable[int]) -> list[str]:
    """Colours for sections by position (what the PDF uses for its tables' colour keys)."""
    return [section_color(p) for p in positions]


def _darken(color: str, factor: float) -> str:
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return "#{:02X}{:02X}{:02X}".format(*(int(c * factor) for c in (r, g, b)))


def lighten(color: str, amount: float = 0.55) -> str:
    """Mix a colour with white (planned beside completed, same hue)."""
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return "#{:02X}{:02X}{:02X}".format(*(int(c + (255 - c) * amount) for c in (r, g, b)))


@cache
def register_cjk_font() -> str:
    """Register the CJK font with matplotlib once; returns its file path.

    The .ttc collection's first face is the one matplotlib (FreeType) opens.
    """
    path = str(cjk_font().path)
    font_manager.fontManager.addfont(path)
    return path


def cjk(size: float = LABEL_SIZE, weight: str | int = "normal") -> FontProperties:
    """Font properties pinned to the CJK font file (not a family name a system font could win)."""
    return FontProperties(fname=register_cjk_font(), size=size, weight=weight)


# ---------------------------------------------------------------- numbers


def money_unit(largest_wan: Decimal) -> tuple[Decimal, str]:
    """Axis unit for money: 亿元 once values reach 10 亿 (100,000 万元), else 万元."""
    if largest_wan >= 100_000:
        return WAN_PER_YI, "亿元"
    return Decimal(1), "万元"


def format_amount(amount_wan: Decimal, divisor: Decimal = Decimal(1)) -> str:
    """Thousands separators and two decimals in the chosen unit: 40,363.88 / 4.04."""
    return f"{(Decimal(amount_wan) / divisor).quantize(Decimal('0.01')):,.2f}"


def format_tick(value: float) -> str:
    """Axis ticks: thousands separators, decimals only when the step needs them."""
    if abs(value - round(value)) < 1e-9:
        return f"{round(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def wrap_label(text: str, width: int, *, indent: str = "") -> str:
    """Break a Chinese label every `width` characters (CJK has no spaces to break at);
    continuation lines start with `indent` (counted in the width)."""
    if len(text) <= width:
        return text
    lines = [text[:width]]
    rest, step = text[width:], max(1, width - len(indent))
    lines += [indent + rest[i : i + step] for i in range(0, len(rest), step)]
    return "\n".join(lines)
