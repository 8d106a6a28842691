"""Rebuild gl-symbols.ttf: the glyphs WenQuanYi Micro Hei maps to empty outlines, taken from UMing.

WenQuanYi Micro Hei's cmap lists characters such as Ⅴ (U+2164, as in 劣Ⅴ类), ℃ and the pinyin
tone letters (ǎ ǐ ǒ ǔ) but points them at glyphs with no contours, so Qt — which only falls back
to another family when a font lacks a character — draws nothing. This small face, placed before
WenQuanYi in the application font's family list, supplies real outlines for exactly those.

    python resources/fonts/build_symbols_font.py
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

HERE = Path(__file__).resolve().parent
FAMILY = "GreenLedger Symbols"
NOTICE = (
    "GreenLedger Symbols: a subset of AR PL UMing CN (ARPHIC PUBLIC LICENSE) holding only the "
    "characters WenQuanYi Micro Hei maps to empty glyphs; renamed as the license asks."
)


def blank_code_points(ttc: Path = HERE / "wqy-microhei.ttc") -> list[int]:
    """Visible characters the WenQuanYi face maps to a glyph without contours."""
    face = TTCollection(str(ttc), lazy=True).fonts[0]
    glyf = face["glyf"]
    return sorted(
        cp
        for cp, name in face.getBestCmap().items()
        if glyf[name].numberOfContours == 0
        and not unicodedata.category(chr(cp)).startswith(("Z", "C"))
        and unicodedata.name(chr(cp), "").find("FILLER") < 0
    )


def build(out: Path = HERE / "gl-symbols.ttf") -> list[int]:
    source = TTFont(str(HERE / "uming-cn.ttf"))
    wanted = [cp for cp in blank_code_points() if cp in source.getBestCmap()]
    options = subset.Options()
    options.name_IDs = []  # names are written below
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=wanted)
    subsetter.subset(source)
    names = source["name"]
    for name_id, text in ((1, FAMILY), (4, FAMILY), (6, "GreenLedgerSymbols"), (10, NOTICE)):
        names.setName(text, name_id, 3, 1, 0x409)
        names.setName(text, name_id, 1, 0, 0)
    names.setName("Regular", 2, 3, 1, 0x409)
    source.save(str(out))
    return wanted


if __name__ == "__main__":
    print("".join(chr(cp) for cp in build()))
