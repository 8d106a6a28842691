"""Dashboard charts (看板图表): services.aggregates results drawn as matplotlib Figures.

Headless — `matplotlib.figure.Figure` (Agg when saved), never pyplot (no global figure state,
safe on worker threads) and never Qt. The dashboard embeds these figures in a canvas, the PDF
briefing and `main.py chart` save them. API (stable; the PDF helper uses it):

    KINDS                                        the chart kinds, in dashboard order
    figure_for(kind, data, *, text=ChartText(), size=(8.0, 4.5)) -> Figure
    render_chart(kind, data, out, fmt=None, dpi=300, *, text=ChartText(), size=...) -> Path
    section_color(position) / section_colors(positions)      (re-exported from chart_style)
    pick_target(artist) -> (Drill, label) | None   what a clicked bar/slice stands for

`data` is what `Dashboard.chart_data(kind)` returns: sections → list[SectionFigure],
lead_units → LeadUnitBreakdown, participation → ParticipationBreakdown, areas → AreaBreakdown,
years → YearBreakdown, status → list[StatusFigure], planned_vs_completed → ProgressBreakdown,
timeline → Timeline. Every text uses the CJK font file; values carry thousands separators and
the axis says 万元 or 亿元 (亿元 from 100,000 万元 up). Words come from `ChartText` (Chinese by
default, the language of the office's documents; the Qt view passes its translations).
"""

from __future__ import annotations

from pathlib import Path

from matplotlib.figure import Figure
from matplotlib.text import Text

from exports.chart_builders import BUILDERS
from exports.chart_kinds import KINDS
from exports.chart_parts import fit_text, note_width, pick_target
from exports.chart_style import cjk, section_color, section_colors
from exports.chart_text import ChartText

__all__ = [
    "KINDS",
    "ChartText",
    "figure_for",
    "fit_text",
    "note_width",
    "pick_target",
    "render_chart",
    "section_color",
    "section_colors",
]

FORMATS = ("png", "svg", "pdf")


def figure_for(
    kind: str,
    data: object,
    *,
    text: ChartText | None = None,
    size: tuple[float, float] = (8.0, 4.5),
) -> Figure:
    """A new Figure of the given kind; nothing global is touched."""
    if kind not in BUILDERS:
        raise ValueError(f"unknown chart kind {kind!r}; one of {', '.join(KINDS)}")
    text = text or ChartText()
    fig = Figure(figsize=size, dpi=100, layout="constrained", facecolor="white")
    BUILDERS[kind](fig, data, text)
    _pin_font(fig)
    return fig


def render_chart(
    kind: str,
    data: object,
    out: str | Path,
    fmt: str | None = None,
    dpi: int = 300,
    *,
    text: ChartText | None = None,
    size: tuple[float, float] = (8.0, 4.5),
) -> Path:
    """Save a chart as PNG (at `dpi`), SVG or PDF; the format comes from `fmt` or the suffix."""
    out = Path(out)
    fmt = (fmt or out.suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise ValueError(f"图表格式应为 png、svg 或 pdf (format must be png, svg or pdf): {fmt!r}")
    fig = figure_for(kind, data, text=text, size=size)
    # SVG keeps glyphs as paths (matplotlib's default), so it needs no font on the reader's side.
    fig.savefig(out, format=fmt, dpi=dpi, facecolor="white", metadata=_metadata(fmt))
    return out


def _metadata(fmt: str) -> dict:
    if fmt == "png":
        return {"Software": "GreenLedger"}
    if fmt == "svg":
        return {"Creator": "GreenLedger", "Date": None}  # no date: same data → same file
    return {"Creator": "GreenLedger"}


def _pin_font(fig: Figure) -> None:
    # Every text — titles, ticks, legends, value labels — drawn with the CJK file. New tick
    # labels matplotlib adds later copy their font from the first tick of their axis.
    for artist in fig.findobj(Text):
        artist.set_fontproperties(cjk(float(artist.get_fontsize()), artist.get_fontweight()))
