"""Fast wrapped text for table cells: Chinese line breaking without reportlab's Paragraph.

A 10,000-project table has 50,000 wrapped cells. reportlab's Paragraph parses markup and splits
CJK text fragment by fragment (milliseconds a cell); `CellText` measures characters from cached
glyph widths and breaks lines greedily, which is all a table cell needs:
- a line may break between any two Chinese characters, but never before closing punctuation
  (，。、；：！？）》”) nor after opening punctuation (（《“) — the usual 禁则;
- runs of Latin letters and digits ("67,619.88", "PM2.5", "VOCs") stay whole unless a run alone
  is wider than the cell; they are set in the Latin face, as in the paragraphs;
- characters the body face lacks are drawn in the heading face, as in the paragraphs;
- explicit line breaks are kept.
It offers what the stream table uses of a flowable: wrap, split (between lines) and drawOn.
Headless (reportlab only).
"""

from __future__ import annotations

import re
from functools import cache

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import getFont

from exports.briefing_fonts import BODY, HEADING, LATIN, register_fonts
from exports.briefing_painter import TextPainter

NO_LINE_START = set("，。、；：！？）》〉」』】〕”’…—·%,.;:!?)]}")
NO_LINE_END = set("（《〈「『【〔“‘([{")
_TOKEN = re.compile(r"\n|[0-9A-Za-z][0-9A-Za-z.,:%+\-/]*|[ \t]+|.", re.S)


@cache
def _widths(font_name: str) -> dict[str, float]:
    return {}


def _char_width(font_name: str, ch: str) -> float:
    """Advance of one character at 1 pt, cached per font."""
    table = _widths(font_name)
    width = table.get(ch)
    if width is None:
        width = table[ch] = getFont(font_name).stringWidth(ch, 1)
    return width


def _text_width(font_name: str, text: str) -> float:
    return sum(_char_width(font_name, c) for c in text)


class CellText:
    """Plain text wrapped to a width; see the module docstring. `text` is a string (all bold
    when `bold`) or a list of (text, bold) segments, e.g. a bold lead unit then the others."""

    def __init__(
        self, text: str | list[tuple[str, bool]], style: ParagraphStyle, *, bold: bool = False
    ) -> None:
        segments = [(text, bold)] if isinstance(text, str) else list(text)
        self.segments = [(t.replace("\r\n", "\n"), b) for t, b in segments]
        self.style = style
        self.lines: list[list[tuple[str, str]]] = []  # per line: (font, text) runs
        self.line_widths: list[float] = []
        self.width = 0.0
        self.height = 0.0
        self._wrapped_for: float | None = None  # the width the lines were laid out for

    # ---------------------------------------------------------------- layout

    def _atoms(self) -> list[tuple[list[tuple[str, str]], float] | None]:
        """Unbreakable pieces with their runs and width; None stands for a forced line break."""
        size = self.style.fontSize
        fallback = register_fonts().fallback
        atoms: list = []
        glue_next = False
        for segment, bold in self.segments:
            body = HEADING if bold else BODY
            latin = HEADING if bold else LATIN
            widths = {font: _widths(font) for font in (body, latin, HEADING)}
            for token in _TOKEN.findall(segment):
                if token == "\n":
                    atoms.append(None)
                    glue_next = False
                    continue
                first = token[0]
                if first.isascii() and first.isalnum():
                    font = latin
                elif not bold and ord(first) in fallback:
                    font = HEADING
                else:
                    font = body
                table = widths[font]
                if len(token) == 1:
                    w = table.get(token)
                    width = (w if w is not None else _char_width(font, token)) * size
                else:
                    width = _text_width(font, token) * size
                if atoms and atoms[-1] is not None and (glue_next or token in NO_LINE_START):
                    runs, w = atoms[-1]
                    runs.append((font, token))
                    atoms[-1] = (runs, w + width)
                else:
                    atoms.append(([(font, token)], width))
                glue_next = token in NO_LINE_END
        return atoms

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._wrapped_for == availWidth:
            return availWidth, self.height  # laid out already (and split pieces have no text)
        self.lines, self.line_widths = [], []
        line: list[tuple[str, str]] = []
        width = 0.0
        limit = availWidth + 1e-6
        size = self.style.fontSize

        def flush() -> None:
            nonlocal line, width
            # Trailing spaces neither count nor show.
            while line and line[-1][1].isspace():
                width -= _text_width(line[-1][0], line[-1][1]) * size
                line.pop()
            self.lines.append(line)
            self.line_widths.append(width)
            line, width = [], 0.0

        for atom in self._atoms():
            if atom is None:
                flush()
                continue
            runs, w = atom
            if width + w > limit and line:
                flush()
                if runs[0][1].isspace():
                    continue  # a space that would open a line is dropped
            if w > limit:
                # Wider than the cell on its own (a long number or word): break it by characters.
                for font, text in runs:
                    for ch in text:
                        cw = _char_width(font, ch) * size
                        if width + cw > limit and line:
                            flush()
                        line.append((font, ch))
                        width += cw
                continue
            line.extend(runs)
            width += w
        if line or not self.lines:
            flush()
        self.lines = [_merge(runs) for runs in self.lines]
        self.width = availWidth
        self.height = len(self.lines) * self.style.leading
        self._wrapped_for = availWidth
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[CellText]:
        """Two pieces cut between lines, the first at most `availHeight` high; [] if no line fits."""
        self.wrap(availWidth, availHeight)
        fit = int(availHeight // self.style.leading)
        if fit <= 0:
            return []
        if fit >= len(self.lines):
            return [self]
        return [self._piece(0, fit, availWidth), self._piece(fit, len(self.lines), availWidth)]

    def _piece(self, start: int, stop: int, width: float) -> CellText:
        piece = CellText("", self.style)
        piece.lines = self.lines[start:stop]
        piece.line_widths = self.line_widths[start:stop]
        piece.width = width
        piece.height = (stop - start) * self.style.leading
        piece._wrapped_for = width
        return piece

    # ---------------------------------------------------------------- drawing

    def drawOn(self, canv, x: float, y: float) -> None:
        painter = TextPainter(canv, self.style.fontSize)
        self.draw_into(painter, x, y)
        painter.flush_text()

    def draw_into(self, painter, x: float, y: float) -> None:
        """Add this cell's lines to a table painter's shared text object."""
        style = self.style
        size, leading = style.fontSize, style.leading
        # First baseline as reportlab's Paragraph places it, so both kinds of cell line up.
        baseline = y + self.height - (leading - size) / 2 - size * 0.86
        text = painter.text
        for runs, line_width in zip(self.lines, self.line_widths, strict=True):
            if style.alignment == TA_CENTER:
                left = x + (self.width - line_width) / 2
            elif style.alignment == TA_RIGHT:
                left = x + self.width - line_width
            else:
                left = x
            painter.origin(left, baseline)
            for font, chunk in runs:
                painter.set_font(font, size)
                text.textOut(chunk)
            baseline -= leading


def _merge(runs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Adjacent runs in the same font become one, so each line draws in few operations."""
    merged: list[tuple[str, str]] = []
    for font, text in runs:
        if merged and merged[-1][0] == font:
            merged[-1] = (font, merged[-1][1] + text)
        else:
            merged.append((font, text))
    return merged
