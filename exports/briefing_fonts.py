"""Fonts and paragraph styles of the PDF briefing (简报).

Real TrueType faces only, all embedded as subsets by reportlab:
- body (宋体 role): AR PL UMing CN, shipped as resources/fonts/uming-cn.ttf — what official
  documents use for running text and tables;
- heading (黑体 role): the CJK font of services.fonts.cjk_font() (WenQuanYi Micro Hei) — titles,
  headings, table headers and "bold" (the lead unit, totals);
- Latin (the Times New Roman role of 公文 digits): Liberation Serif regular and bold, because
  UMing's own digits are fixed-width typewriter figures that make money columns look crude.
Chinese typography marks emphasis by switching to 黑体, so `<b>` in a paragraph maps to the heading
face (and to Liberation Serif Bold for digits): real faces, never the smeared fake bold of
stroking a regular face.

Characters missing from the body face are drawn in the heading face (`markup` wraps them), so no
glyph ever renders as a box. This module must never fall back to reportlab's STSong-Light CID
font: it is not embedded and prints as boxes on machines without Adobe's Asian font packs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Paragraph

from exports.font_cache import load_ttfont
from services.fonts import cjk_font

BODY = "GLSong"
HEADING = "GLHei"
LATIN = "GLSerif"
LATIN_BOLD = "GLSerifBold"

INK = HexColor("#1a1a1a")
ACCENT = HexColor("#1f5f3f")  # GreenLedger green: rules and header fills
MUTED = HexColor("#5b6470")
HEADER_FILL = HexColor("#e4efe8")
SUBTOTAL_FILL = HexColor("#f3f6f4")
GRID = HexColor("#9aa5a0")


def _shipped(name: str) -> Path:
    return Path(str(resources.files("resources.fonts").joinpath(name)))


def body_font_path() -> Path:
    return _shipped("uming-cn.ttf")


@dataclass(frozen=True)
class BriefingFonts:
    body: str
    heading: str
    body_file: str
    heading_file: str
    # Code points the body face cannot draw but the heading face can.
    fallback: frozenset[int]


@cache
def register_fonts() -> BriefingFonts:
    """Register the two faces once per process (reportlab's registry is global)."""
    heading = cjk_font()
    heading_font = load_ttfont(HEADING, heading.path, heading.subfont_index)
    pdfmetrics.registerFont(heading_font)
    body_path = body_font_path()
    if body_path.exists():
        body_font = load_ttfont(BODY, body_path)
        body_file = str(body_path)
    else:  # a trimmed install: the heading face serves for both, still embedded
        body_font = load_ttfont(BODY, heading.path, heading.subfont_index)
        body_file = str(heading.path)
    pdfmetrics.registerFont(body_font)
    latin, latin_bold = (
        _shipped("LiberationSerif-Regular.ttf"),
        _shipped("LiberationSerif-Bold.ttf"),
    )
    if latin.exists() and latin_bold.exists():
        pdfmetrics.registerFont(load_ttfont(LATIN, latin))
        pdfmetrics.registerFont(load_ttfont(LATIN_BOLD, latin_bold))
    else:  # a trimmed install: digits in the CJK faces, still embedded
        pdfmetrics.registerFont(load_ttfont(LATIN, body_file))
        pdfmetrics.registerFont(load_ttfont(LATIN_BOLD, heading.path, heading.subfont_index))
    pdfmetrics.registerFontFamily(BODY, normal=BODY, bold=HEADING, italic=BODY, boldItalic=HEADING)
    pdfmetrics.registerFontFamily(
        LATIN, normal=LATIN, bold=LATIN_BOLD, italic=LATIN, boldItalic=LATIN_BOLD
    )
    pdfmetrics.registerFontFamily(
        HEADING, normal=HEADING, bold=HEADING, italic=HEADING, boldItalic=HEADING
    )
    body_cmap = body_font.face.charToGlyph
    heading_cmap = heading_font.face.charToGlyph
    missing = frozenset(c for c in heading_cmap if c not in body_cmap and c > 0x2000)
    return BriefingFonts(BODY, HEADING, body_file, str(heading.path), missing)


_NEEDS_WORK = re.compile(r"[^\x00-\x7f]")
# Runs of Latin letters and digits with their punctuation ("67,619.88", "PM2.5", "2022-2024").
_LATIN_RUN = re.compile(r"[0-9A-Za-z](?:[0-9A-Za-z.,:%+\-/ ]*[0-9A-Za-z%])?")


def markup(text: object, *, bold: bool = False, latin: bool = True) -> str:
    """Paragraph markup for plain text: XML-escaped, line breaks kept, fallback glyphs wrapped.

    `bold` sets the text in the heading face (the document's bold). `latin` sets digits and
    Latin letters in Liberation Serif; pass False for text set in the heading face, whose own
    sans-serif digits match it."""
    if text is None:
        return ""
    value = str(text).replace("\r\n", "\n")
    if latin and not bold:
        pieces, last = [], 0
        for match in _LATIN_RUN.finditer(value):
            pieces.append(_cjk(value[last : match.start()]))
            pieces.append(f'<font face="{LATIN}">{escape(match.group())}</font>')
            last = match.end()
        pieces.append(_cjk(value[last:]))
        value = "".join(pieces)
    else:
        value = _cjk(value)
    value = value.replace("\n", "<br/>")
    return f"<b>{value}</b>" if bold else value


def _cjk(text: str) -> str:
    value = escape(text)
    if _NEEDS_WORK.search(value):
        fallback = register_fonts().fallback
        if fallback and any(ord(c) in fallback for c in value):
            value = "".join(
                f'<font face="{HEADING}">{c}</font>' if ord(c) in fallback else c for c in value
            )
    return value


def para(text: object, style: ParagraphStyle, *, bold: bool = False) -> Paragraph:
    """A paragraph of plain text in `style`; Latin digits only where the style is the body face."""
    return Paragraph(markup(text, bold=bold, latin=style.fontName == BODY), style)


@dataclass(frozen=True)
class Styles:
    cover_title: ParagraphStyle
    cover_meta: ParagraphStyle
    cover_note: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    body: ParagraphStyle
    note: ParagraphStyle
    toc_1: ParagraphStyle
    toc_2: ParagraphStyle
    cell: ParagraphStyle
    cell_center: ParagraphStyle
    cell_right: ParagraphStyle
    head: ParagraphStyle
    caption: ParagraphStyle
    figure_caption: ParagraphStyle


@cache
def styles(scale: float = 1.0) -> Styles:
    """The briefing's paragraph styles; `scale` shrinks table text for dense landscape tables.

    Headings do not use keepWithNext: platypus would wrap heading and table in a KeepTogether
    that measures the whole (10,000-row) table; the story puts a CondPageBreak before each
    heading instead."""
    register_fonts()
    base = ParagraphStyle(
        "gl-base", fontName=BODY, fontSize=11, leading=19, textColor=INK, wordWrap="CJK"
    )

    def derive(name: str, **kw) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    cell_size = round(8.2 * scale, 1)
    cell = derive("gl-cell", fontSize=cell_size, leading=round(cell_size * 1.32, 1))
    return Styles(
        cover_title=derive(
            "gl-cover-title", fontName=HEADING, fontSize=25, leading=38, alignment=TA_CENTER
        ),
        cover_meta=derive("gl-cover-meta", fontSize=13, leading=24, alignment=TA_CENTER),
        cover_note=derive(
            "gl-cover-note", fontSize=10, leading=16, alignment=TA_CENTER, textColor=MUTED
        ),
        h1=derive(
            "gl-h1",
            fontName=HEADING,
            fontSize=16,
            leading=24,
            spaceBefore=6,
            spaceAfter=10,
            textColor=ACCENT,
        ),
        h2=derive(
            "gl-h2",
            fontName=HEADING,
            fontSize=12.5,
            leading=18,
            spaceBefore=8,
            spaceAfter=5,
        ),
        body=derive("gl-body", firstLineIndent=22, alignment=TA_JUSTIFY, spaceAfter=6),
        note=derive("gl-note", fontSize=8.5, leading=13, textColor=MUTED, spaceBefore=3),
        toc_1=derive("gl-toc-1", fontName=HEADING, fontSize=12, leading=22),
        toc_2=derive("gl-toc-2", fontSize=10.5, leading=18, leftIndent=22),
        cell=cell,
        cell_center=ParagraphStyle("gl-cell-c", parent=cell, alignment=TA_CENTER),
        cell_right=ParagraphStyle("gl-cell-r", parent=cell, alignment=TA_RIGHT),
        head=ParagraphStyle(
            "gl-head", parent=cell, fontName=HEADING, alignment=TA_CENTER, textColor=INK
        ),
        caption=derive(
            "gl-caption", fontSize=9, leading=13, alignment=TA_LEFT, textColor=MUTED, spaceAfter=8
        ),
        figure_caption=derive(
            "gl-figure-caption",
            fontName=HEADING,
            fontSize=10,
            leading=15,
            alignment=TA_CENTER,
            spaceBefore=2,
            spaceAfter=12,
        ),
    )
