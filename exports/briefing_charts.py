"""Charts for the briefing: the dashboard's matplotlib figures (exports/charts.py) drawn into
the PDF as vector graphics.

The figures themselves — colours, labels, the CJK font, footnotes on how money is split among
towns and years — belong to exports/charts.py, so the dashboard, `main.py chart` and the briefing
show the same picture. This module picks which charts have data and replays each Figure onto the
reportlab canvas through a small matplotlib renderer (`_CanvasRenderer`): paths become PDF paths
and text becomes glyph outlines. That is sharper than any bitmap, needs no font on the reader's
machine, and is several times faster than encoding 300-dpi PNGs.

Headless: matplotlib Figure objects only, never pyplot state, never Qt.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from matplotlib.backend_bases import FigureCanvasBase, GraphicsContextBase, RendererBase
from matplotlib.path import Path as MplPath
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.platypus import Flowable

from exports.briefing_data import BriefingData
from exports.briefing_fonts import HEADING, register_fonts


@dataclass(frozen=True)
class ChartSpec:
    kind: str  # a chart kind of exports.charts.figure_for
    title: str  # the caption under the chart ("图1　…"); the figure's own title is dropped


CHARTS = (
    ChartSpec("sections", "各重点任务计划投资"),
    ChartSpec("lead_units", "各牵头单位计划投资"),
    ChartSpec("areas", "各镇（街道）涉及投资"),
    ChartSpec("years", "分年度计划投资"),
)
FIGURE_SIZE = (8.0, 4.3)  # inches, as the dashboard designs them; scaled to the frame


def chart_data(data: BriefingData, kind: str) -> object | None:
    """The aggregate a chart draws, or None when it would be an empty picture."""
    if kind == "sections":
        return data.sections if any(s.projects for s in data.sections) else None
    if kind == "lead_units":
        return data.lead_units if data.lead_units.bars else None
    if kind == "areas":
        return data.areas if any(a.projects for a in data.areas.areas) else None
    if kind == "years":
        return data.years if data.years.years else None
    return None


def drawn_charts(
    data: BriefingData,
    timings: dict[str, float],
    specs: Sequence[ChartSpec] = CHARTS,
    *,
    before: Callable[[], None] | None = None,
) -> Iterator[tuple[ChartSpec, Any]]:
    """(spec, figure) of each chart with something to show, drawn in order; the drawing time of
    each goes into `timings` ("chart_<kind>"). `before` runs before each drawing (a cancel check)."""
    for spec in specs:
        payload = chart_data(data, spec.kind)
        if payload is None:
            continue
        if before is not None:
            before()
        started = time.perf_counter()
        figure = make_figure(spec.kind, payload)
        timings[f"chart_{spec.kind}"] = time.perf_counter() - started
        yield spec, figure


def make_figure(kind: str, payload: object):
    """The dashboard's figure for `kind`, without its title (the PDF captions it below)."""
    from exports.charts import ChartText, figure_for

    blank: dict[str, Any] = {
        name: "" for name in ChartText.__dataclass_fields__ if name.endswith("_title")
    }
    return figure_for(kind, payload, text=replace(ChartText(), **blank), size=FIGURE_SIZE)


# ---------------------------------------------------------------- matplotlib → reportlab

_CAPS = {"butt": 0, "round": 1, "projecting": 2}
_JOINS = {"miter": 0, "round": 1, "bevel": 2}


class _CanvasRenderer(RendererBase):
    """Draws a Figure with reportlab canvas operations, 1 display unit = 1 point.

    Text set in the briefing's own CJK heading font (the file the charts pin every label to)
    is written as real PDF text in that embedded font — selectable, searchable and measured
    from the font's advance widths, which is several times faster than FreeType layout plus
    glyph outlines; any other text (mathtext, another font) falls back to outlines."""

    def __init__(self, canv, width: float, height: float) -> None:
        super().__init__()
        self.canv, self.width, self.height = canv, width, height
        fonts = register_fonts()
        self._heading_file = str(Path(fonts.heading_file).resolve())
        face = getFont(HEADING).face
        self._ascent, self._descent = face.ascent / 1000, face.descent / 1000
        self._pdf_fonts: dict[str, str | None] = {}

    def _pdf_font(self, prop) -> str | None:
        fname = prop.get_file()
        if not fname:
            return None
        font = self._pdf_fonts.get(fname)
        if fname not in self._pdf_fonts:
            same = str(Path(fname).resolve()) == self._heading_file
            font = self._pdf_fonts[fname] = HEADING if same else None
        return font

    def get_text_width_height_descent(self, s, prop, ismath):
        font = None if ismath else self._pdf_font(prop)
        if font is None:
            return super().get_text_width_height_descent(s, prop, ismath)
        size = prop.get_size_in_points()
        descent = -self._descent * size
        return stringWidth(s, font, size), self._ascent * size + descent, descent

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None) -> None:
        font = None if ismath else self._pdf_font(prop)
        if font is None:
            super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)
            return
        canv = self.canv
        canv.saveState()
        self._clip(gc)
        r, g, b, a = gc.get_rgb()
        canv.setFillColorRGB(r, g, b)
        canv.setFillAlpha(gc.get_alpha() if gc.get_forced_alpha() else a)
        canv.translate(x, y)
        if angle:
            canv.rotate(angle)
        canv.setFont(font, prop.get_size_in_points())
        canv.drawString(0, 0, s)
        canv.restoreState()

    def flipy(self) -> bool:
        return False

    def get_canvas_width_height(self) -> tuple[float, float]:
        return self.width, self.height

    def points_to_pixels(self, points):
        return points

    def new_gc(self) -> GraphicsContextBase:
        return GraphicsContextBase()

    def option_image_nocomposite(self) -> bool:
        return True

    def _path(self, path: MplPath, transform):
        """The path as PDF operators, written directly: glyph outlines of every label run to
        thousands of segments, and reportlab's per-segment calls would dominate the time."""
        vertices: Any = path.vertices  # an (n, 2) ndarray; the stubs say ArrayLike
        if transform is not None:
            vertices = transform.transform(vertices)
        codes: Any = path.codes
        p = self.canv.beginPath()
        ops: list[str] = []
        n = len(vertices)
        if codes is None:
            codes = [MplPath.MOVETO] + [MplPath.LINETO] * (n - 1)
        xs, ys = vertices[:, 0].tolist(), vertices[:, 1].tolist()
        codes = list(codes)
        lx = ly = 0.0
        i = 0
        while i < n:
            code = codes[i]
            x, y = xs[i], ys[i]
            if x != x or y != y:  # NaN: matplotlib's "no data here" — start afresh
                i += 1
                codes[i : i + 1] = [MplPath.MOVETO] * min(1, n - i)
                continue
            if code == MplPath.MOVETO:
                ops.append(f"{x:.2f} {y:.2f} m")
                lx, ly = x, y
                i += 1
            elif code == MplPath.LINETO:
                ops.append(f"{x:.2f} {y:.2f} l")
                lx, ly = x, y
                i += 1
            elif code == MplPath.CURVE3 and i + 1 < n:
                cx, cy, x, y = xs[i], ys[i], xs[i + 1], ys[i + 1]
                # A quadratic Bézier as the cubic that PDF paths need.
                ops.append(
                    f"{lx + 2 / 3 * (cx - lx):.2f} {ly + 2 / 3 * (cy - ly):.2f} "
                    f"{x + 2 / 3 * (cx - x):.2f} {y + 2 / 3 * (cy - y):.2f} {x:.2f} {y:.2f} c"
                )
                lx, ly = x, y
                i += 2
            elif code == MplPath.CURVE4 and i + 2 < n:
                ops.append(
                    f"{xs[i]:.2f} {ys[i]:.2f} {xs[i + 1]:.2f} {ys[i + 1]:.2f} "
                    f"{xs[i + 2]:.2f} {ys[i + 2]:.2f} c"
                )
                lx, ly = xs[i + 2], ys[i + 2]
                i += 3
            elif code == MplPath.CLOSEPOLY:
                ops.append("h")
                i += 1
            else:  # STOP or a truncated curve
                i += 1
        p._code = ops
        return p

    def _clip(self, gc) -> None:
        canv = self.canv
        box = gc.get_clip_rectangle()
        if box is not None:
            x0, y0, w, h = box.bounds
            p = canv.beginPath()
            p.rect(x0, y0, w, h)
            canv.clipPath(p, stroke=0, fill=0)
        clip_path, clip_transform = gc.get_clip_path()
        if clip_path is not None:
            canv.clipPath(self._path(clip_path, clip_transform), stroke=0, fill=0)

    def draw_path(self, gc, path, transform, rgbFace=None) -> None:
        canv = self.canv
        width = gc.get_linewidth()
        stroke = width > 0 and gc.get_rgb()[3] > 0
        fill = rgbFace is not None and (len(rgbFace) < 4 or rgbFace[3] > 0)
        if not (stroke or fill):
            return
        canv.saveState()
        self._clip(gc)
        alpha = gc.get_alpha() if gc.get_forced_alpha() else None
        if fill:
            r, g, b = rgbFace[:3]
            canv.setFillColorRGB(r, g, b)
            canv.setFillAlpha(
                alpha if alpha is not None else (rgbFace[3] if len(rgbFace) > 3 else 1)
            )
        if stroke:
            r, g, b, a = gc.get_rgb()
            canv.setStrokeColorRGB(r, g, b)
            canv.setStrokeAlpha(alpha if alpha is not None else a)
            canv.setLineWidth(width)
            canv.setLineCap(_CAPS.get(gc.get_capstyle(), 0))
            canv.setLineJoin(_JOINS.get(gc.get_joinstyle(), 0))
            offset, dashes = gc.get_dashes()
            if dashes:
                canv.setDash(list(dashes), offset or 0)
        canv.drawPath(self._path(path, transform), stroke=int(stroke), fill=int(fill))
        canv.restoreState()

    # The ignore: matplotlib's signature has a `transform` that only renderers claiming
    # option_scale_image receive; this one does not, so it is left out.
    def draw_image(self, gc, x, y, im) -> None:  # type: ignore[override]
        from PIL import Image as PILImage
        from reportlab.lib.utils import ImageReader

        height, width = im.shape[:2]
        picture = PILImage.fromarray(im[::-1] if self.flipy() else im, "RGBA")
        self.canv.saveState()
        self._clip(gc)
        self.canv.drawImage(ImageReader(picture), x, y, width, height, mask="auto")
        self.canv.restoreState()


class _RendererCanvas(FigureCanvasBase):
    """Hands matplotlib's layout engine our renderer, so layout and drawing measure alike."""

    def __init__(self, figure, renderer: _CanvasRenderer) -> None:
        super().__init__(figure)
        self._renderer = renderer

    def get_renderer(self) -> _CanvasRenderer:
        return self._renderer


class ChartFlowable(Flowable):
    """A matplotlib Figure drawn in vector form, scaled to `width` keeping its aspect ratio."""

    def __init__(self, figure, width: float, max_height: float) -> None:
        super().__init__()
        self.figure = figure
        fw, fh = figure.get_size_inches()
        self.fig_w, self.fig_h = fw * 72, fh * 72
        self.scale = min(width / self.fig_w, max_height / self.fig_h)
        self.width, self.height = self.fig_w * self.scale, self.fig_h * self.scale

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        figure = self.figure
        # At 72 dpi one display unit is one point; the layout engine re-runs for this size,
        # measuring text with the same renderer that draws it.
        figure.set_dpi(72)
        canv = self.canv
        canv.saveState()
        canv.scale(self.scale, self.scale)
        renderer = _CanvasRenderer(canv, self.fig_w, self.fig_h)
        _RendererCanvas(figure, renderer)
        figure.draw(renderer)
        canv.restoreState()
        self.figure = None  # drawn once; let matplotlib free it
