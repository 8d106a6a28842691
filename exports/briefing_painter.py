"""Drawing text and rules on a PDF page with few operations (the briefing's table cells).

One text object collects every string of a table page and one path per fill colour every
rectangle; coordinates are formatted here directly. Both exports.briefing_stream (the table) and
exports.briefing_celltext (a wrapped cell drawn on its own) draw through it.
"""

from __future__ import annotations

from exports.briefing_fonts import INK


class TextPainter:
    """Writes a table page with few PDF operations: one text object for all cells, one path
    per fill colour and one for the grid. Coordinates are formatted here directly; reportlab's
    general number formatting is the slowest part of drawing 100,000 cells."""

    def __init__(self, canv, font_size: float) -> None:
        self.canv = canv
        self.font_size = font_size
        self.text = canv.beginText()
        self.text.setFillColor(INK)
        self.font: tuple[str, float] | None = None

    def fill(self, color, rects: list[tuple[float, float, float, float]]) -> None:
        self.canv.setFillColor(color)
        ops = [f"{x:.2f} {y:.2f} {w:.2f} {h:.2f} re" for x, y, w, h in rects]
        self.canv._code.append(" ".join(ops) + " f")

    def lines(self, color, width: float, segments: list[tuple[float, float, float, float]]) -> None:
        self.canv.setStrokeColor(color)
        self.canv.setLineWidth(width)
        ops = [f"{a:.2f} {b:.2f} m {c:.2f} {d:.2f} l" for a, b, c, d in segments]
        self.canv._code.append(" ".join(ops) + " S")

    def origin(self, x: float, y: float) -> None:
        # PDFTextObject.setTextOrigin, without its generic number formatting.
        text = self.text
        text._code.append(f"1 0 0 1 {x:.2f} {y:.2f} Tm")
        text._x0 = text._x = x
        text._y0 = text._y = y

    def set_font(self, font: str, size: float) -> None:
        if self.font != (font, size):
            self.text.setFont(font, size)
            self.font = (font, size)

    def flush_text(self) -> None:
        self.canv.drawText(self.text)
