"""The briefing's page machinery: A4 page templates, running header and footer, watermark,
table of contents, bookmarks and PDF metadata — laid out in ONE pass.

"第 X 页 / 共 Y 页" and the page numbers in the table of contents are not known while the first
pages are drawn. Instead of building the document twice (platypus' multiBuild), every page
references small PDF form XObjects ("gl-total", "gl-toc-<key>") that are defined only when the
document is saved, once the numbers are known. A 1,500-page briefing is laid out once.

The cover is unnumbered; page 1 is the page after it, and the PDF page labels say so, so a viewer's
page box shows the same numbers as the footer. Headless (reportlab only); never import Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reportlab import rl_config
from reportlab.lib.pagesizes import A4, landscape, portrait
from reportlab.pdfbase.pdfdoc import PDFPageLabel
from reportlab.pdfbase.pdfmetrics import getAscent, stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph

from exports.briefing_fonts import ACCENT, BODY, GRID, HEADING, INK, LATIN, MUTED, Styles, para

MARGIN_X = 46.0
MARGIN_TOP = 58.0
MARGIN_BOTTOM = 50.0
WIDE_MARGIN_X = 34.0  # landscape tables need every point of width


@dataclass(frozen=True)
class PageGeometry:
    size: tuple[float, float]
    margin_x: float

    @property
    def frame_width(self) -> float:
        return self.size[0] - 2 * self.margin_x

    @property
    def frame_height(self) -> float:
        return self.size[1] - MARGIN_TOP - MARGIN_BOTTOM


def geometry(orientation: str) -> tuple[PageGeometry, PageGeometry]:
    """(body pages, wide table pages) for "portrait" or "landscape"."""
    body = (
        PageGeometry(landscape(A4), WIDE_MARGIN_X)
        if orientation == "landscape"
        else PageGeometry(portrait(A4), MARGIN_X)
    )
    return body, PageGeometry(landscape(A4), WIDE_MARGIN_X)


class _DeferredCanvas(Canvas):
    """A canvas that lets the document write its forward-referenced forms just before saving."""

    before_save: Callable[[Canvas], None] | None = None

    def save(self) -> None:
        if self.before_save is not None:
            self.before_save(self)
        super().save()


class Bookmark(Flowable):
    """An invisible mark: outline entry, TOC target and page record, at the point it is drawn."""

    def __init__(self, key: str, title: str, level: int) -> None:
        super().__init__()
        self.key, self.title, self.level = key, title, level
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        canv = self.canv
        canv.bookmarkHorizontal(self.key, 0, 14)
        canv.addOutlineEntry(self.title, self.key, self.level, closed=self.level > 0)
        doc = canv._doctemplate
        doc.record_page(self.key)


@dataclass(frozen=True)
class TocEntry:
    key: str
    title: str
    level: int


class TableOfContents(Flowable):
    """Entries known before layout (the chapters chosen and the sections in scope); each page
    number is a form filled in at save time."""

    def __init__(self, entries: list[TocEntry], styles: Styles) -> None:
        super().__init__()
        self.entries = entries
        self.styles = styles
        self._rows: list[tuple[TocEntry, Paragraph, float]] = []

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self._rows = []
        height = 0.0
        for entry in self.entries:
            style = self.styles.toc_1 if entry.level == 0 else self.styles.toc_2
            paragraph = para(entry.title, style)
            _, h = paragraph.wrap(availWidth - 70 - style.leftIndent, 1e6)
            h = max(h, style.leading)
            self._rows.append((entry, paragraph, h))
            height += h + (4 if entry.level == 0 else 0)
        self.height = height
        return availWidth, height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        used, cut = 0.0, 0
        for i, (entry, _, h) in enumerate(self._rows):
            step = h + (4 if entry.level == 0 else 0)
            if used + step > availHeight:
                break
            used += step
            cut = i + 1
        if cut == 0:
            return []
        return [
            TableOfContents(self.entries[:cut], self.styles),
            TableOfContents(self.entries[cut:], self.styles),
        ]

    def draw(self) -> None:
        canv = self.canv
        y = self.height
        for entry, paragraph, h in self._rows:
            if entry.level == 0:
                y -= 4
            style = self.styles.toc_1 if entry.level == 0 else self.styles.toc_2
            y -= h
            paragraph.drawOn(canv, style.leftIndent, y)
            # The number sits on the baseline of the title's last line.
            lines = len(paragraph.blPara.lines)
            first = y + h - getAscent(style.fontName, style.fontSize)
            baseline = first - (max(lines, 1) - 1) * style.leading
            last_width = min(
                stringWidth(entry.title, style.fontName, style.fontSize),
                self.width - 70 - style.leftIndent,
            )
            start = style.leftIndent + (last_width if lines <= 1 else 0) + 6
            canv.saveState()
            canv.setStrokeColor(GRID)
            canv.setDash(1, 2.5)
            canv.line(max(start, style.leftIndent + 6), baseline, self.width - 36, baseline)
            canv.restoreState()
            canv.saveState()
            canv.translate(self.width, baseline)
            canv.doForm(f"gl-toc-{entry.key}")
            canv.restoreState()
            canv.linkRect("", entry.key, (0, y, self.width, y + h), relative=1, thickness=0)


class BriefingDoc(BaseDocTemplate):
    """Templates "cover", "body" and "wide" (landscape tables), header, footer, watermark."""

    def __init__(
        self,
        target,
        *,
        orientation: str,
        header_text: str,
        watermark: str | None,
        title: str,
        author: str,
        subject: str,
        keywords: str,
    ) -> None:
        body, wide = geometry(orientation)
        self.body_geometry, self.wide_geometry = body, wide
        self.header_text = header_text
        self.watermark = watermark
        super().__init__(
            target,
            pagesize=body.size,
            title=title,
            author=author,
            subject=subject,
            keywords=keywords,
            creator="GreenLedger 绿色台账",
            producer="GreenLedger (reportlab)",
            lang="zh-CN",
            # Otherwise every page names Helvetica, a font that is never embedded.
            initialFontName=BODY,
            initialFontSize=10,
            initialLeading=14,
            leftMargin=body.margin_x,
            rightMargin=body.margin_x,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
        )
        self.pages_drawn = 0
        self.toc_pages: dict[str, int] = {}
        self.toc_keys: list[str] = []
        self.addPageTemplates(
            [
                self._template("cover", body, self._on_cover),
                self._template("body", body, self._on_page),
                self._template("wide", wide, self._on_page),
            ]
        )

    @staticmethod
    def _template(name: str, geo: PageGeometry, on_page) -> PageTemplate:
        frame = Frame(
            geo.margin_x,
            MARGIN_BOTTOM,
            geo.frame_width,
            geo.frame_height,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id=f"{name}-frame",
        )
        return PageTemplate(id=name, frames=[frame], onPage=on_page, pagesize=geo.size)

    # ---------------------------------------------------------------- numbering

    def page_number(self) -> int:
        """The printed number of the page being drawn (the cover is page 0)."""
        return self.page - 1

    def record_page(self, key: str) -> None:
        self.toc_pages.setdefault(key, self.page_number())

    def beforeDocument(self) -> None:
        self.canv.before_save = self._write_forms
        self.canv._doctemplate = self
        self.canv.addPageLabel(0, prefix="封面")
        self.canv.addPageLabel(1, style=PDFPageLabel.ARABIC, start=1)

    def afterPage(self) -> None:
        self.pages_drawn = self.page

    def _write_forms(self, canv: Canvas) -> None:
        total = max(self.pages_drawn - 1, 1)
        canv.beginForm("gl-total", lowerx=-5, lowery=-6, upperx=120, uppery=20)
        canv.setFillColor(MUTED)
        canv.setFont(LATIN, 9.5)
        digits = str(total)
        canv.drawString(0, 0, digits)
        canv.setFont(BODY, 9)
        canv.drawString(stringWidth(digits, LATIN, 9.5) + 2.5, 0, "页")
        canv.endForm()
        for key in self.toc_keys:
            page = self.toc_pages.get(key)
            canv.beginForm(f"gl-toc-{key}", lowerx=-80, lowery=-6, upperx=5, uppery=20)
            canv.setFont(LATIN, 11)
            canv.setFillColor(INK)
            canv.drawRightString(0, 0, "—" if page is None else str(page))
            canv.endForm()

    # ---------------------------------------------------------------- page decoration

    def _draw_watermark(self, canv: Canvas, size: tuple[float, float]) -> None:
        if not self.watermark:
            return
        canv.saveState()
        canv.setFillColor(ACCENT)
        canv.setFillAlpha(0.07)
        canv.setFont(HEADING, 30)
        width = stringWidth(self.watermark, HEADING, 30)
        canv.translate(size[0] / 2, size[1] / 2)
        canv.rotate(32)
        # A tiled diagonal band: readable when copied or photographed, light on print.
        for dy in (-240, 0, 240):
            for dx in (-width * 1.3, 0, width * 1.3):
                canv.drawCentredString(dx + (dy / 240) * width * 0.65, dy, self.watermark)
        canv.restoreState()

    def _on_cover(self, canv: Canvas, doc) -> None:
        self._draw_watermark(canv, canv._pagesize)
        if self.watermark:
            canv.saveState()
            canv.setFont(HEADING, 11)
            canv.setFillColor(INK)
            canv.drawString(MARGIN_X, canv._pagesize[1] - 42, self.watermark)
            canv.restoreState()

    def _on_page(self, canv: Canvas, doc) -> None:
        width, height = canv._pagesize
        margin = self.wide_geometry.margin_x if width > height else self.body_geometry.margin_x
        self._draw_watermark(canv, (width, height))
        canv.saveState()
        # Header: plan title left, briefing name right, a green rule under both.
        canv.setFont(BODY, 8.5)
        canv.setFillColor(MUTED)
        top = height - MARGIN_TOP + 20
        canv.drawString(margin, top, self.header_text)
        if self.watermark:
            canv.drawRightString(width - margin, top, self.watermark)
        canv.setStrokeColor(ACCENT)
        canv.setLineWidth(0.8)
        canv.line(margin, top - 5, width - margin, top - 5)
        # Footer: "第 X 页 / 共 Y 页", Y written into the form at save time.
        # Page numbers in Liberation Serif, the words in the body face, right-aligned on "共 ";
        # one text object, so text extraction reads "第 1 页 / 共" as one run.
        pieces = [("第", BODY, 9), (f" {self.page_number()} ", LATIN, 9.5), ("页 / 共", BODY, 9)]
        mid = width / 2 + 8
        baseline = MARGIN_BOTTOM - 28
        text = canv.beginText(mid - sum(stringWidth(t, f, z) for t, f, z in pieces) - 2.5, baseline)
        for chunk, font, size in pieces:
            text.setFont(font, size)
            text.textOut(chunk)
        canv.drawText(text)
        canv.translate(mid, baseline)
        canv.doForm("gl-total")
        canv.restoreState()

    def build_story(self, story: list[Flowable], toc_keys: list[str]) -> None:
        self.toc_keys = list(toc_keys)
        # Binary (Flate only) streams: ASCII85 on top makes files 25 % larger and, without
        # reportlab's optional C accelerator, costs seconds for the embedded font subsets.
        saved = rl_config.useA85
        rl_config.useA85 = 0
        try:
            self.build(story, canvasmaker=_DeferredCanvas)
        finally:
            rl_config.useA85 = saved
