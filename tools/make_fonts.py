"""Rebuild the 公文 faces shipped in resources/fonts/ from their Debian packages.

    apt-get download texlive-lang-chinese fonts-arphic-ukai   # then dpkg-deb -x each into SRC
    python tools/make_fonts.py SRC resources/fonts

reportlab embeds TrueType (glyf) outlines only, so the CFF-based Fandol faces are converted:
cubic outlines become quadratic (fontTools cu2qu, 1 unit tolerance at 1000 units/em, invisible
at print size). Every face is cut to GB 2312 plus the symbols a ledger uses (Ⅴ ① ㎡ ℃ …);
whatever else a name holds is drawn per glyph in the fallback face (exports/briefing_fonts.py).
Not run by the app or the tests: the outputs are committed with their licences and notices.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

FANDOL = "usr/share/texlive/texmf-dist/fonts/opentype/public/fandol"
UKAI = "usr/share/fonts/truetype/arphic/ukai.ttc"
# (source, output, collection index or None, licence notice written into the name table)
FACES = (
    (f"{FANDOL}/FandolFang-Regular.otf", "fandol-fang.ttf", None, "GPL-3.0 with font exception"),
    (f"{FANDOL}/FandolSong-Bold.otf", "fandol-song-bold.ttf", None, "GPL-3.0 with font exception"),
    (UKAI, "ukai-cn.ttf", 0, "ARPHIC PUBLIC LICENSE"),
)
SYMBOLS = (
    range(0x20, 0x7F),
    range(0xA0, 0x100),
    range(0x2000, 0x2070),  # general punctuation: — ‘’ “” … ‰
    range(0x2100, 0x2190),  # letterlike and number forms: ℃ № Ⅰ–Ⅻ ⅰ–ⅻ
    range(0x2190, 0x2200),  # arrows
    range(0x2200, 0x2300),  # maths: ≤ ≥ ±
    range(0x2460, 0x2500),  # enclosed alphanumerics: ① ⑴ ⒈
    range(0x2500, 0x2600),  # box drawing, geometric shapes: ■ □ ▲ ○ ●
    range(0x3000, 0x3040),  # CJK punctuation: 、。〇《》「」【】〔〕
    range(0x3200, 0x3400),  # enclosed CJK and CJK compatibility: ㈠ ㎡ ㎞
    range(0xFF00, 0xFFF0),  # full-width forms
)


def gb2312() -> set[int]:
    out: set[int] = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                out.add(ord(bytes([hi, lo]).decode("gb2312")))
    return out


def wanted() -> set[int]:
    return gb2312().union(*(set(r) for r in SYMBOLS))


def cff_to_glyf(font: TTFont) -> None:
    """Replace CFF outlines by TrueType quadratic ones, in place."""
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attr in [
        "maxZones",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ]:
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    maxp.numGlyphs = len(order)
    font["head"].indexToLocFormat = 0
    font["head"].glyphDataFormat = 0
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font.sfntVersion = "\x00\x01\x00\x00"


def build(src: Path, out: Path, index: int | None, licence: str) -> None:
    font = TTCollection(str(src)).fonts[index] if index is not None else TTFont(str(src))
    options = subset.Options()
    options.drop_tables += ["EBDT", "EBLC", "EBSC", "BDF ", "GSUB", "GPOS"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=wanted() & set(font.getBestCmap()))
    subsetter.subset(font)
    if "CFF " in font:
        cff_to_glyf(font)
    note = (
        f"Modified for GreenLedger: cut to GB 2312 and ledger symbols"
        f"{', CFF outlines converted to TrueType' if 'fandol' in out.name else ''}, "
        f"bitmaps and hinting removed. License: {licence}."
    )
    name = font["name"]
    for record in list(name.names):
        if record.nameID in (0, 10):
            name.removeNames(nameID=record.nameID)
    name.setName(note, 10, 3, 1, 0x409)
    name.setName(note, 0, 3, 1, 0x409)
    font.save(str(out))
    print(f"{out.name}: {out.stat().st_size / 1e6:.1f} MB, {len(font.getBestCmap())} characters")


def main(source: str, target: str) -> None:
    for src, out, index, licence in FACES:
        build(Path(source) / src, Path(target) / out, index, licence)


if __name__ == "__main__":
    main(*sys.argv[1:3])
