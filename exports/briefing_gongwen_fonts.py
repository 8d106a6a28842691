"""Faces and paragraph styles of the 公文 (GB/T 9704-2012) briefing.

GB/T 9704 sets running text in 仿宋 3号 (16 pt), "一、" headings in 黑体, "（一）" headings in
楷体, "1." headings in 仿宋 bold, the title in 小标宋 2号 (22 pt) and page numbers in 宋体 4号
(14 pt). The free faces playing those roles (see resources/fonts/NOTICE-gongwen-fonts.txt):

    仿宋 FandolFang (GLFang)   楷体 AR PL UKai CN (GLKai)   小标宋 FandolSong Bold (GLTitle)
    黑体 WenQuanYi Micro Hei (GLHei, shared with the modern style)   宋体 AR PL UMing CN (GLSong)

Each face is cut to GB 2312; a character it lacks (㎡, rare names) is drawn in the first face of
FALLBACK_ORDER that has it, one glyph at a time, so nothing ever prints as a box.

The page is the standard type area: 156 mm × 225 mm, 22 lines of 28 characters. 28 characters
of 16 pt are 158 mm, so the 公文 faces are registered with their full-width advances narrowed by
1.3 % (15.79 pt at 3号): glyphs keep their size and the pitch is what Word's document grid
of 28 characters gives.
Headless: reportlab only.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from xml.sax.saxutils import escape

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph

from exports.briefing_fonts import BODY, HEADING, INK, _shipped, register_fonts
from exports.font_cache import load_ttfont
from services.fonts import cjk_font

FANG, KAI, TITLE, HEI = "GLFang", "GLKai", "GLTitle", "GLHeiGW"
SONG = BODY  # AR PL UMing CN, registered by the modern style
FILES = {FANG: "fandol-fang.ttf", KAI: "ukai-cn.ttf", TITLE: "fandol-song-bold.ttf"}
FALLBACK_ORDER = (SONG, HEADING)
RED = HexColor("#d40000")  # the 报头's red, as printed on 红头 paper

# GB/T 9704-2012, 5.2: A4, type area 156 × 225 mm, top margin 37 mm, left (binding) 28 mm.
PAGE_W, PAGE_H = 210 * mm, 297 * mm
TOP, BOTTOM, LEFT, RIGHT = 37 * mm, 35 * mm, 28 * mm, 26 * mm
TYPE_W, TYPE_H = 156 * mm, 225 * mm
BODY_SIZE = 16.0  # 3号
TITLE_SIZE = 22.0  # 2号
PAGE_NO_SIZE = 14.0  # 4号
LINES, CHARS = 22, 28
PITCH = TYPE_H / LINES  # 28.96 pt: 22 lines fill the type area exactly
GRID_ADVANCE = round(1000 * TYPE_W / CHARS / BODY_SIZE)  # 987/1000 em: 28 characters a line


def _on_grid(font: TTFont) -> TTFont:
    """Narrow full-width advances to the character grid (the PDF's /W widths follow)."""
    widths = font.face.charWidths
    for code, width in widths.items():
        if width >= 900:
            widths[code] = GRID_ADVANCE
    return font


# reportlab's line breaker knows the Japanese 禁則 only: it lets a line start with a
# full-width comma, colon, semicolon or a percent sign. Chinese typesetting forbids that, so the
# set it consults is widened (module globals of reportlab; they decide only which character
# may open a line: such a character hangs in the margin, 标点悬挂).
_CANNOT_START = "，：；！？%）》」』】〕”’…·"


def _chinese_line_breaking() -> None:
    from reportlab.lib import textsplit
    from reportlab.platypus import paragraph

    for module in (textsplit, paragraph):  # single-run and multi-run paragraphs
        missing = "".join(c for c in _CANNOT_START if c not in module.ALL_CANNOT_START)
        module.ALL_CANNOT_START += missing


@cache
def register_gongwen_fonts() -> dict[str, frozenset[int]]:
    """Register the 公文 faces once; for each, the code points it lacks (drawn in a fallback)."""
    register_fonts()
    _chinese_line_breaking()
    missing: dict[str, frozenset[int]] = {}
    fallback_cmaps = [pdfmetrics.getFont(f).face.charToGlyph for f in FALLBACK_ORDER]
    faces = [(name, load_ttfont(name, _shipped(file))) for name, file in FILES.items()]
    heading = cjk_font()
    faces.append((HEI, load_ttfont(HEI, heading.path, heading.subfont_index)))
    wider = set().union(*fallback_cmaps)
    for name, font in faces:
        pdfmetrics.registerFont(_on_grid(font))
        pdfmetrics.registerFontFamily(name, normal=name, bold=name, italic=name, boldItalic=name)
        missing[name] = frozenset(wider.difference(font.face.charToGlyph))
    missing[SONG] = frozenset(
        c for c in fallback_cmaps[1] if c not in fallback_cmaps[0] and c > 0x2000
    )
    missing[HEADING] = missing[HEI] = frozenset()
    return missing


def fallback_face(code: int, face: str) -> str | None:
    """The face to draw `code` in when `face` lacks it; None when `face` has it."""
    if code not in register_gongwen_fonts()[face]:
        return None
    for other in FALLBACK_ORDER:
        if other != face and code in pdfmetrics.getFont(other).face.charToGlyph:
            return other
    return None


def markup_in(text: object, face: str) -> str:
    """XML-escaped paragraph markup of plain `text` set in `face`, gaps filled per glyph."""
    if text is None:
        return ""
    missing = register_gongwen_fonts()[face]
    out: list[str] = []
    for ch in str(text):
        piece = escape(ch)
        if ord(ch) in missing:
            other = fallback_face(ord(ch), face)
            if other:
                piece = f'<font face="{other}">{piece}</font>'
        out.append(piece)
    return "".join(out).replace("\n", "<br/>")


class FauxBold(Paragraph):
    """A paragraph drawn with fill and a thin stroke: the 仿宋 bold of "1." headings, which
    no free 仿宋 face has as a real weight (Word and WPS embolden the same way)."""

    def draw(self) -> None:
        canv = self.canv
        canv.saveState()
        canv.setStrokeColor(INK)
        canv.setLineWidth(0.45)
        canv._code.append("2 Tr")  # text render mode: fill, then stroke
        super().draw()
        canv._code.append("0 Tr")
        canv.restoreState()


@dataclass(frozen=True)
class GongwenStyles:
    title: ParagraphStyle
    body: ParagraphStyle
    h1: ParagraphStyle  # "一、" 黑体
    h2: ParagraphStyle  # "（一）" 楷体
    h3: ParagraphStyle  # "1." 仿宋 bold (FauxBold)
    plain: ParagraphStyle  # 仿宋, no indent (lists, 版记)
    attachment_label: ParagraphStyle  # "附件1" 黑体 3号, flush left
    attachment_title: ParagraphStyle  # the attachment's title, 小标宋
    note: ParagraphStyle  # "单位：万元" and captions, 仿宋 4号
    cell: ParagraphStyle
    cell_center: ParagraphStyle
    head: ParagraphStyle
    masthead: ParagraphStyle  # the red briefing name of the 报头
    masthead_issue: ParagraphStyle


@cache
def gongwen_styles() -> GongwenStyles:
    register_gongwen_fonts()
    body = ParagraphStyle(
        "gw-body",
        fontName=FANG,
        fontSize=BODY_SIZE,
        leading=PITCH,
        firstLineIndent=2 * BODY_SIZE * GRID_ADVANCE / 1000,
        alignment=TA_JUSTIFY,
        wordWrap="CJK",
        textColor=INK,
    )

    def derive(name: str, **kw) -> ParagraphStyle:
        return ParagraphStyle(name, parent=body, **kw)

    cell = derive("gw-cell", fontSize=10.5, leading=14, firstLineIndent=0)
    return GongwenStyles(
        title=derive(
            "gw-title",
            fontName=TITLE,
            fontSize=TITLE_SIZE,
            leading=PITCH * 1.25,
            firstLineIndent=0,
            alignment=TA_CENTER,
            spaceAfter=PITCH * 0.75,
        ),
        body=body,
        h1=derive("gw-h1", fontName=HEI),
        h2=derive("gw-h2", fontName=KAI),
        h3=derive("gw-h3"),
        plain=derive("gw-plain", firstLineIndent=0, alignment=TA_LEFT),
        attachment_label=derive("gw-att-label", fontName=HEI, firstLineIndent=0),
        attachment_title=derive(
            "gw-att-title",
            fontName=TITLE,
            fontSize=18,
            leading=26,
            firstLineIndent=0,
            alignment=TA_CENTER,
            spaceAfter=6,
        ),
        note=derive("gw-note", fontSize=12, leading=18, firstLineIndent=0),
        cell=cell,
        cell_center=ParagraphStyle("gw-cell-c", parent=cell, alignment=TA_CENTER),
        head=ParagraphStyle("gw-head", parent=cell, fontName=HEADING, alignment=TA_CENTER),
        masthead=derive(
            "gw-masthead",
            fontName=TITLE,
            fontSize=40,
            leading=52,
            firstLineIndent=0,
            alignment=TA_CENTER,
            textColor=RED,
        ),
        masthead_issue=derive("gw-masthead-issue", firstLineIndent=0, alignment=TA_CENTER),
    )


def gpara(text: object, style: ParagraphStyle, *, bold: bool = False) -> Paragraph:
    cls = FauxBold if bold else Paragraph
    return cls(markup_in(text, style.fontName), style)
