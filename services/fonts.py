"""Finding a CJK TrueType font for charts (matplotlib) and PDFs (reportlab).

Order: the font shipped in resources/fonts (always there, so every machine renders the same
Chinese and nothing depends on what is installed), then well-known system fonts. reportlab
needs TrueType outlines (glyf), so CFF-based .otf files such as Noto Sans CJK OTF are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path


@dataclass(frozen=True)
class CjkFont:
    path: Path
    subfont_index: int  # face inside a .ttc collection
    family: str


SHIPPED = CjkFont(
    Path(str(resources.files("resources.fonts").joinpath("wqy-microhei.ttc"))),
    0,
    "WenQuanYi Micro Hei",
)

SYSTEM_CANDIDATES = [
    CjkFont(Path("C:/Windows/Fonts/msyh.ttc"), 0, "Microsoft YaHei"),
    CjkFont(Path("C:/Windows/Fonts/simsun.ttc"), 0, "SimSun"),
    CjkFont(Path("/System/Library/Fonts/STHeiti Medium.ttc"), 0, "Heiti SC"),
    CjkFont(Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"), 0, "WenQuanYi Micro Hei"),
    CjkFont(Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"), 0, "WenQuanYi Zen Hei"),
]


@cache
def cjk_font() -> CjkFont:
    """The CJK font every chart and PDF uses."""
    if SHIPPED.path.exists():
        return SHIPPED
    for candidate in SYSTEM_CANDIDATES:
        if candidate.path.exists():
            return candidate
    raise FileNotFoundError("no CJK TrueType font found; reinstall GreenLedger (resources/fonts)")
