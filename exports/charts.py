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

import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from matplotlib.artist import Artist
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.text import Text
from matplotlib.ticker import FixedLocator, FuncFormatter, MaxNLocator

from exports.chart_kinds import KINDS
from exports.chart_style import (
    AREA_COLOR,
    CONSTRUCTING_COLOR,
    COOPERATING_COLOR,
    GRID_COLOR,
    LABEL_SIZE,
    LEAD_COLOR,
    MUTED_COLOR,
    NOTE_SIZE,
    SPINE_COLOR,
    STATUS_COLORS,
    TEXT_COLOR,
    TITLE_SIZE,
    UNIT_COLOR,
    VALUE_SIZE,
    YEAR_COLOR,
    cjk,
    format_amount,
    format_tick,
    lighten,
    money_unit,
    section_color,
    section_colors,
    wrap_label,
)
from models import OwnerRole
from services.aggregates import (
    AreaBreakdown,
    Drill,
    LeadUnitBreakdown,
    ParticipationBreakdown,
    ProgressBreakdown,
    SectionFigure,
    StatusFigure,
    Timeline,
    YearBreakdown,
)
from services.fields import STATUS_LABELS

__all__ = [
    "KINDS",
    "ChartText",
    "figure_for",
    "pick_target",
    "render_chart",
    "section_color",
    "section_colors",
]

FORMATS = ("png", "svg", "pdf")


@dataclass(frozen=True)
class ChartText:
    """Every word a chart prints. `{unit}` is 万元 or 亿元, `{n}` a count."""

    sections_title: str = "各分类计划投资"
    lead_units_title: str = "牵头单位计划投资（前{n}位）"
    lead_units_all_title: str = "牵头单位计划投资"  # every lead unit shown: no "top n"
    participation_title: str = "各单位参与项目数"
    areas_title: str = "各镇（街道）涉及投资"
    years_title: str = "分年度计划投资"
    status_title: str = "项目状态"
    progress_title: str = "各分类计划与完成投资"
    timeline_title: str = "建设期限"
    investment_axis: str = "计划投资（{unit}）"
    amount_axis: str = "投资（{unit}）"
    projects_axis: str = "项目数（个）"
    year_axis: str = "年度"
    projects_count: str = "{n}项"
    projects_total: str = "{n}个项目"
    other: str = "其他（{n}个单位）"
    no_lead: str = "未指定牵头单位"
    lead: str = "牵头"
    cooperating: str = "配合"
    constructing: str = "建设主体"
    planned: str = "计划投资"
    completed: str = "完成投资"
    year_label: str = "{year}年"
    no_data: str = "暂无数据"
    no_progress: str = "暂无进度数据"
    more_units: str = "另有{n}个单位未列出"
    more_projects: str = "另有{n}个项目未列出（按计划投资取前{shown}个）"
    no_period: str = "另有{n}个项目未填建设期限"
    spread_note: str = "多年项目的投资按建设期限平均分摊到各年"
    start_note: str = "多年项目的投资全部计入开工年度"
    area_note: str = "项目投资全额计入其涉及的每个镇（街道），“各板块”项目（{n}个）计入全部镇（街道），各镇（街道）合计不等于总投资"
    progress_note: str = "完成投资取各项目截至{date}的最新进度报告"
    # The money units as the reader's language writes them ("10k yuan" in English).
    unit_names: dict[str, str] = field(default_factory=lambda: {"万元": "万元", "亿元": "亿元"})
    status_labels: dict[str, str] = field(
        default_factory=lambda: {s.value: label for s, label in STATUS_LABELS.items()}
    )


# ---------------------------------------------------------------- picking


def _pickable(artist: Artist, drill: Drill, label: str) -> None:
    artist.set_picker(True)
    # matplotlib artists have no slot for app data; one namespaced attribute keeps it findable.
    artist.greenledger_pick = (drill, label)  # type: ignore[attr-defined]  # app data on an Artist


def pick_target(artist: Artist) -> tuple[Drill, str] | None:
    """The (drill, label) of a bar or slice that charts made clickable, else None."""
    return getattr(artist, "greenledger_pick", None)


# ---------------------------------------------------------------- public entry points


def figure_for(
    kind: str,
    data: object,
    *,
    text: ChartText | None = None,
    size: tuple[float, float] = (8.0, 4.5),
) -> Figure:
    """A new Figure of the given kind; nothing global is touched."""
    if kind not in _BUILDERS:
        raise ValueError(f"unknown chart kind {kind!r}; one of {', '.join(KINDS)}")
    text = text or ChartText()
    fig = Figure(figsize=size, dpi=100, layout="constrained", facecolor="white")
    _BUILDERS[kind](fig, data, text)
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


# ---------------------------------------------------------------- shared drawing helpers


def _style(ax, value_axis: str) -> None:
    ax.set_facecolor("white")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(SPINE_COLOR)
    ax.tick_params(colors=TEXT_COLOR, labelsize=LABEL_SIZE, length=3)
    ax.grid(axis=value_axis, color=GRID_COLOR, linewidth=0.8)
    ax.set_axisbelow(True)


def _title(ax, title: str) -> None:
    ax._greenledger_title = title  # fit_text re-breaks it when a canvas resizes the figure
    ax.set_title(
        _title_text(ax, title),
        loc="left",
        fontsize=TITLE_SIZE,
        fontweight="bold",
        color=TEXT_COLOR,
    )


def _title_text(ax, title: str) -> str:
    # The title starts at the plot area's left edge (as last laid out; long category names push
    # it right) and may run on to the figure's edge.
    inches = (0.98 - ax.get_position().x0) * ax.figure.get_figwidth()  # may pass the plot's end
    return _wrap_note(title, max(6, int(inches * 72 / TITLE_SIZE)), indent=False)


def _note(fig: Figure, lines: Sequence[str]) -> None:
    lines = [line for line in lines if line]
    if lines:
        # Broken to the figure's width here (matplotlib's wrap=True does not break CJK text and
        # the town/street note ran off the card); supxlabel takes part in the constrained
        # layout, so the lines get their height.
        # fit_text re-breaks them when a canvas resizes the figure
        fig._greenledger_note = lines  # type: ignore[attr-defined]  # app data on a Figure
        fig.supxlabel(
            _note_text(fig, lines), x=0.01, ha="left", fontsize=NOTE_SIZE, color="#666666"
        )


def _note_text(fig: Figure, lines: Sequence[str]) -> str:
    width = note_width(fig.get_figwidth())
    return "\n".join(
        _wrap_note(("注：" if i == 0 else "　　") + line, width) for i, line in enumerate(lines)
    )


def fit_text(fig: Figure) -> None:
    """Break titles and the note again for the figure's current width (a dashboard card is
    narrower than the 7-inch figure, and an English title ran off its edge)."""
    lines = getattr(fig, "_greenledger_note", None)
    # _supxlabel: matplotlib keeps the supxlabel Text in a private attribute only
    if lines:
        label = fig._supxlabel  # type: ignore[attr-defined]
        if label is not None:
            label.set_text(_note_text(fig, lines))
    for ax in fig.axes:
        title = getattr(ax, "_greenledger_title", None)
        if title:
            ax.set_title(_title_text(ax, title), loc="left")


def _wrap_note(line: str, width: int, *, indent: bool = True) -> str:
    if line.isascii() or sum(ch.isascii() for ch in line) > len(line) * 0.7:
        # Latin text: about two letters to the em, broken between words.
        return "\n".join(textwrap.wrap(line, width * 2, subsequent_indent="    " * indent))
    return wrap_label(line, width, indent="　　" * indent)


def note_width(figure_width: float) -> int:
    """Characters of a note line: a CJK character is one em (NOTE_SIZE points) wide."""
    return max(10, int(figure_width * 72 * 0.96 / NOTE_SIZE))


def _top_legend(fig: Figure, handles: list, labels: list[str]) -> None:
    # A row of its own above the plot (constrained layout makes room): it can neither hide a bar
    # nor run into a left-aligned title, however narrow the card.
    fig.legend(
        handles,
        labels,
        loc="outside upper right",
        frameon=False,
        fontsize=LABEL_SIZE,
        ncols=len(labels),
    )


def _empty(fig: Figure, title: str, message: str) -> None:
    ax = fig.add_subplot()
    _title(ax, title)
    ax.set_axis_off()
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=LABEL_SIZE + 2, color="#888888")


def _value_axis(
    ax, axis: str, largest: float, label: str, *, integer: bool = False, nbins: int | None = None
) -> None:
    """Fixed, round ticks from 0 with headroom for the value labels."""
    top = largest * 1.18 if largest > 0 else 1
    # Fewer ticks across: long category names leave a horizontal chart's value axis narrow.
    bins = nbins or (5 if axis == "y" else 3)
    ticks = MaxNLocator(nbins=bins, steps=[1, 2, 2.5, 5, 10], integer=integer).tick_values(0, top)
    ticks = [t for t in ticks if t >= 0]
    limit = max(top, ticks[-1])
    formatter = FuncFormatter(lambda value, _pos: format_tick(value))
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_locator(FixedLocator(ticks))
    target.set_major_formatter(formatter)
    if axis == "y":
        ax.set_ylim(0, limit)
        ax.set_ylabel(label, fontsize=LABEL_SIZE, color=TEXT_COLOR)
    else:
        ax.set_xlim(0, limit)
        ax.set_xlabel(label, fontsize=LABEL_SIZE, color=TEXT_COLOR)


def _category_axis(ax, axis: str, labels: Sequence[str]) -> None:
    positions = list(range(len(labels)))
    if axis == "x":
        ax.set_xticks(positions, labels)
        ax.set_xlim(-0.6, len(labels) - 0.4)
    else:
        ax.set_yticks(positions, labels)
        ax.set_ylim(len(labels) - 0.4, -0.6)  # first item on top
    ax.tick_params(axis=axis, length=0)


def _bar_label(ax, x: float, y: float, label: str, *, horizontal: bool) -> None:
    if horizontal:
        ax.annotate(
            label,
            (x, y),
            xytext=(4, 0),
            textcoords="offset points",
            ha="left",
            va="center",
            fontsize=VALUE_SIZE,
            color=TEXT_COLOR,
        )
    else:
        ax.annotate(
            label,
            (x, y),
            xytext=(0, 3),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=VALUE_SIZE,
            color=TEXT_COLOR,
        )


def _money_scale(amounts: Sequence[Decimal], text: ChartText | None = None) -> tuple[Decimal, str]:
    divisor, unit = money_unit(max(amounts, default=Decimal(0)))
    return divisor, unit if text is None else text.unit_names.get(unit, unit)


# ---------------------------------------------------------------- the chart kinds


COLUMN_LIMIT = 7  # more sections than this read better as horizontal bars
SHORT_LABEL = 6  # names longer than this (every "(一)加快推动绿色低碳发展") collide under columns


def _horizontal(names: Sequence[str]) -> bool:
    """Horizontal bars when columns would crowd their labels into each other."""
    return len(names) > COLUMN_LIMIT or max((len(n) for n in names), default=0) > SHORT_LABEL


def _sections(fig: Figure, data: list[SectionFigure], text: ChartText) -> None:
    data = [s for s in data if s.projects]  # a drill-down leaves sections with nothing in them
    if not data:
        return _empty(fig, text.sections_title, text.no_data)
    horizontal = _horizontal([s.name for s in data])
    if horizontal:
        _grow_for_rows(fig, len(data))
    ax = fig.add_subplot()
    _style(ax, "x" if horizontal else "y")
    _title(ax, text.sections_title)
    divisor, unit = _money_scale([s.planned_investment_wan for s in data], text)
    values = [float(s.planned_investment_wan / divisor) for s in data]
    colors = section_colors(s.position for s in data)
    if horizontal:
        bars = ax.barh(range(len(data)), values, height=0.62, color=colors, edgecolor="white")
    else:
        bars = ax.bar(range(len(data)), values, width=0.62, color=colors, edgecolor="white")
    for bar, s, value in zip(bars, data, values, strict=True):
        amount = format_amount(s.planned_investment_wan, divisor)
        count = text.projects_count.format(n=f"{s.projects:,}")
        if horizontal:
            y = bar.get_y() + bar.get_height() / 2
            _bar_label(ax, value, y, f"{amount} · {count}", horizontal=True)
        else:
            x = bar.get_x() + bar.get_width() / 2
            _bar_label(ax, x, value, f"{amount}\n{count}", horizontal=False)
        _pickable(bar, s.drill, s.name)
    axis_label = text.investment_axis.format(unit=unit)
    if horizontal:
        _category_axis(ax, "y", [_shorten(s.name, 18) for s in data])
        _value_axis(ax, "x", max(values), axis_label, nbins=2)  # long names: a narrow plot
        ax.set_xlim(0, ax.get_xlim()[1] * 1.15)
    else:
        _category_axis(ax, "x", [wrap_label(s.name, 7) for s in data])
        _value_axis(ax, "y", max(values), axis_label)


def _grow_for_rows(fig: Figure, rows: int) -> None:
    """One readable row per bar: grow the figure rather than squeeze the labels."""
    if rows > 12:
        fig.set_figheight(max(fig.get_figheight(), 1.3 + 0.27 * rows))


def _shorten(label: str, width: int) -> str:
    return label if len(label) <= width else label[: width - 1] + "…"


def _lead_units(fig: Figure, data: LeadUnitBreakdown, text: ChartText) -> None:
    bars_data = data.bars
    complete = data.other is None
    title = text.lead_units_all_title if complete else text.lead_units_title.format(n=len(data.top))
    if not bars_data:
        return _empty(fig, title, text.no_data)
    ax = fig.add_subplot()
    _style(ax, "x")
    _title(ax, title)
    divisor, unit = _money_scale([b.planned_investment_wan for b in bars_data], text)
    values = [float(b.planned_investment_wan / divisor) for b in bars_data]
    labels, colors = [], []
    for b in bars_data:
        if b is data.other:
            labels.append(text.other.format(n=data.other_units))
            colors.append(MUTED_COLOR)
        elif b is data.no_lead:
            labels.append(text.no_lead)
            colors.append(lighten(MUTED_COLOR, 0.4))
        else:
            labels.append(wrap_label(b.name, 12))
            colors.append(UNIT_COLOR)
    bars = ax.barh(range(len(bars_data)), values, height=0.62, color=colors)
    for bar, b, value, label in zip(bars, bars_data, values, labels, strict=True):
        caption = f"{format_amount(b.planned_investment_wan, divisor)} · " + (
            text.projects_count.format(n=f"{b.projects:,}")
        )
        _bar_label(ax, value, bar.get_y() + bar.get_height() / 2, caption, horizontal=True)
        _pickable(bar, b.drill, label.replace("\n", ""))
    _category_axis(ax, "y", labels)
    _value_axis(ax, "x", max(values), text.investment_axis.format(unit=unit))
    # Room for the "12,345.67（12项）" labels right of the longest bar.
    ax.set_xlim(0, ax.get_xlim()[1] * 1.12)


def _participation(fig: Figure, data: ParticipationBreakdown, text: ChartText) -> None:
    if not data.units:
        return _empty(fig, text.participation_title, text.no_data)
    ax = fig.add_subplot()
    _style(ax, "x")
    _title(ax, text.participation_title)
    positions = range(len(data.units))
    left = [0] * len(data.units)
    series = [
        (OwnerRole.LEAD, text.lead, LEAD_COLOR, [u.lead for u in data.units]),
        (
            OwnerRole.COOPERATING,
            text.cooperating,
            COOPERATING_COLOR,
            [u.cooperating for u in data.units],
        ),
        (
            OwnerRole.CONSTRUCTING,
            text.constructing,
            CONSTRUCTING_COLOR,
            [u.constructing for u in data.units],
        ),
    ]
    for role, label, color, counts in series:
        if not any(counts):
            continue
        bars = ax.barh(positions, counts, left=left, height=0.62, color=color, label=label)
        for bar, unit, count in zip(bars, data.units, counts, strict=True):
            if count:
                _pickable(bar, unit.drill(role), f"{unit.name} · {label}")
        left = [a + b for a, b in zip(left, counts, strict=True)]
    for y, unit in enumerate(data.units):
        _bar_label(ax, unit.total, y, f"{unit.total:,}", horizontal=True)
    _category_axis(ax, "y", [wrap_label(u.name, 12) for u in data.units])
    _value_axis(ax, "x", max(u.total for u in data.units), text.projects_axis, integer=True)
    # In the title line, right-aligned: never on top of a bar.
    _top_legend(fig, *ax.get_legend_handles_labels())
    _note(fig, [text.more_units.format(n=data.omitted_units) if data.omitted_units else ""])


def _areas(fig: Figure, data: AreaBreakdown, text: ChartText) -> None:
    if not data.areas:
        return _empty(fig, text.areas_title, text.no_data)
    _grow_for_rows(fig, len(data.areas))
    ax = fig.add_subplot()
    _style(ax, "x")
    _title(ax, text.areas_title)
    divisor, unit = _money_scale([a.planned_investment_wan for a in data.areas], text)
    values = [float(a.planned_investment_wan / divisor) for a in data.areas]
    bars = ax.barh(range(len(data.areas)), values, height=0.62, color=AREA_COLOR)
    for bar, a, value in zip(bars, data.areas, values, strict=True):
        caption = f"{format_amount(a.planned_investment_wan, divisor)} · " + (
            text.projects_count.format(n=f"{a.projects:,}")
        )
        _bar_label(ax, value, bar.get_y() + bar.get_height() / 2, caption, horizontal=True)
        _pickable(bar, a.drill, a.name)
    _category_axis(ax, "y", [wrap_label(a.name, 12) for a in data.areas])
    _value_axis(ax, "x", max(values), text.amount_axis.format(unit=unit))
    ax.set_xlim(0, ax.get_xlim()[1] * 1.12)
    _note(fig, [text.area_note.format(n=f"{data.group_projects:,}")])


def _years(fig: Figure, data: YearBreakdown, text: ChartText) -> None:
    if not data.years:
        return _empty(fig, text.years_title, text.no_data)
    ax = fig.add_subplot()
    _style(ax, "y")
    _title(ax, text.years_title)
    divisor, unit = _money_scale([y.planned_investment_wan for y in data.years], text)
    values = [float(y.planned_investment_wan / divisor) for y in data.years]
    bars = ax.bar(range(len(data.years)), values, width=0.6, color=YEAR_COLOR)
    for bar, y, value in zip(bars, data.years, values, strict=True):
        label = (
            f"{format_amount(y.planned_investment_wan, divisor)}\n"
            + text.projects_count.format(n=f"{y.projects:,}")
        )
        _bar_label(ax, bar.get_x() + bar.get_width() / 2, value, label, horizontal=False)
        _pickable(bar, y.drill, text.year_label.format(year=y.year))
    _category_axis(ax, "x", [text.year_label.format(year=y.year) for y in data.years])
    _value_axis(ax, "y", max(values), text.investment_axis.format(unit=unit))
    notes = [text.spread_note if data.mode == "spread" else text.start_note]
    if data.no_period_projects:
        notes.append(text.no_period.format(n=f"{data.no_period_projects:,}"))
    _note(fig, notes)


def _status(fig: Figure, data: list[StatusFigure], text: ChartText) -> None:
    total = sum(s.projects for s in data)
    if not total:
        return _empty(fig, text.status_title, text.no_data)
    ax = fig.add_subplot()
    _title(ax, text.status_title)
    ax.set_aspect("equal")
    wedges, _ = ax.pie(
        [s.projects for s in data],
        colors=[STATUS_COLORS[s.status.value] for s in data],
        startangle=90,
        counterclock=False,
        wedgeprops={"width": 0.38, "edgecolor": "white", "linewidth": 1.5},
    )
    labels = []
    for wedge, s in zip(wedges, data, strict=True):
        name = text.status_labels.get(s.status.value, s.status.value)
        share = Decimal(s.projects * 100) / total
        labels.append(
            f"{name}  {text.projects_count.format(n=f'{s.projects:,}')}  {share:.1f}%\n"
            f"{format_amount(s.planned_investment_wan)} {text.unit_names['万元']}"
        )
        _pickable(wedge, s.drill, name)
    ax.text(
        0,
        0,
        text.projects_total.format(n=f"{total:,}"),
        ha="center",
        va="center",
        fontsize=LABEL_SIZE + 2,
        color=TEXT_COLOR,
    )
    ax.legend(
        wedges,
        labels,
        loc="center left",
        bbox_to_anchor=(1.0, 0.5),
        frameon=False,
        fontsize=LABEL_SIZE,
        labelspacing=1.0,
    )


def _planned_vs_completed(fig: Figure, data: ProgressBreakdown, text: ChartText) -> None:
    if data.latest_period_end is None or not data.sections:  # = not data.has_data
        return _empty(fig, text.progress_title, text.no_progress)
    sections = [s for s in data.sections if s.planned_investment_wan or s.completed_investment_wan]
    if not sections:
        return _empty(fig, text.progress_title, text.no_progress)
    horizontal = _horizontal([s.name for s in sections])
    if horizontal:
        _grow_for_rows(fig, int(len(sections) * 1.5))
    ax = fig.add_subplot()
    _style(ax, "x" if horizontal else "y")
    _title(ax, text.progress_title)
    divisor, unit = _money_scale(
        [s.planned_investment_wan for s in sections]
        + [s.completed_investment_wan for s in sections],
        text,
    )
    width = 0.38
    largest = 0.0
    # Horizontal rows run top-down (the category axis is inverted), so planned sits above.
    offset = -width / 2
    draw = ax.barh if horizontal else ax.bar
    for i, s in enumerate(sections):
        color = section_color(s.position)
        planned = float(s.planned_investment_wan / divisor)
        completed = float(s.completed_investment_wan / divisor)
        largest = max(largest, planned, completed)
        (p_bar,) = draw(i + offset, planned, width, color=lighten(color), edgecolor=color)
        (c_bar,) = draw(i - offset, completed, width, color=color)
        _pickable(p_bar, s.drill, s.name)
        _pickable(c_bar, s.drill, s.name)
        pct = s.completion_pct
        planned_text = format_amount(s.planned_investment_wan, divisor)
        completed_text = format_amount(s.completed_investment_wan, divisor)
        if horizontal:
            if pct is not None:
                completed_text += f" · {pct:.1f}%"
            _bar_label(ax, planned, i + offset, planned_text, horizontal=True)
            _bar_label(ax, completed, i - offset, completed_text, horizontal=True)
        else:
            if pct is not None:
                completed_text += f"\n{pct:.1f}%"
            _bar_label(ax, i + offset, planned, planned_text, horizontal=False)
            _bar_label(ax, i - offset, completed, completed_text, horizontal=False)
    if horizontal:
        _category_axis(ax, "y", [_shorten(s.name, 18) for s in sections])
        _value_axis(ax, "x", largest, text.amount_axis.format(unit=unit))
        ax.set_xlim(0, ax.get_xlim()[1] * 1.15)
    else:
        _category_axis(ax, "x", [wrap_label(s.name, 7) for s in sections])
        _value_axis(ax, "y", largest, text.amount_axis.format(unit=unit))
    _top_legend(
        fig,
        [
            Patch(facecolor=lighten("#777777"), edgecolor="#777777"),
            Patch(facecolor="#777777"),
        ],
        [text.planned, text.completed],
    )
    _note(fig, [text.progress_note.format(date=data.latest_period_end.isoformat())])


def _timeline(fig: Figure, data: Timeline, text: ChartText) -> None:
    if not data.bars:
        return _empty(fig, text.timeline_title, text.no_data)
    ax = fig.add_subplot()
    _style(ax, "x")
    _title(ax, text.timeline_title)
    _grow_for_rows(fig, len(data.bars))
    first = min(b.start_year for b in data.bars)
    last = max(b.end_year for b in data.bars)
    labels = []
    for row, b in enumerate(data.bars):
        color = section_color(b.section_position)
        span = b.end_year - b.start_year + 1
        (bar,) = ax.barh(row, span, left=b.start_year, height=0.6, color=color, edgecolor="white")
        period = f"{b.start_year}" if span == 1 else f"{b.start_year}–{b.end_year}"
        caption = f"{period} · "
        if data.mode == "section":
            caption += text.projects_count.format(n=f"{b.projects:,}") + " · "
        caption += f"{format_amount(b.planned_investment_wan)} {text.unit_names['万元']}"
        _bar_label(ax, b.end_year + 1, row, caption, horizontal=True)
        if data.mode == "section":
            # A section with several periods is named on its first row only.
            same = row > 0 and data.bars[row - 1].section_id == b.section_id
            label = "" if same else b.label
        else:
            label = _shorten(b.label, 16)
        labels.append(label)
        _pickable(bar, b.drill, f"{b.label} {period}")
    # Years as columns: a tick at each boundary for the grid, the year name centred below.
    ax.set_xlim(first - 0.1, last + 1 + max(1.6, 0.5 * (last - first + 1)))
    # Every year when they fit, else every 2nd, 5th… ("2020222023" when they ran together).
    years = list(range(first, last + 1))
    step = _year_step(len(years), fig.get_figwidth())
    ax.set_xticks([y + 0.5 for y in years[::step]], [str(y) for y in years[::step]])
    ax.set_xticks(range(first, last + 2), minor=True)
    ax.grid(axis="x", which="major", visible=False)
    ax.grid(axis="x", which="minor", color=GRID_COLOR, linewidth=0.8)
    ax.tick_params(axis="x", which="both", length=0)
    ax.set_xlabel(text.year_axis, fontsize=LABEL_SIZE, color=TEXT_COLOR)
    _category_axis(ax, "y", labels)
    notes = []
    if data.omitted_projects:
        notes.append(
            text.more_projects.format(n=f"{data.omitted_projects:,}", shown=len(data.bars))
        )
    if data.no_period_projects:
        notes.append(text.no_period.format(n=f"{data.no_period_projects:,}"))
    _note(fig, notes)


YEAR_LABEL_INCHES = 0.55  # a "2023" tick label with its gap, at LABEL_SIZE


def _year_step(count: int, figure_width: float) -> int:
    # The year axis gets about half the figure (names on the left, captions on the right).
    room = max(1, int(figure_width * 0.5 / YEAR_LABEL_INCHES))
    for step in (1, 2, 5, 10, 20, 50):
        if -(-count // step) <= room:
            return step
    return 100


# Any: each builder takes its own figure type (the Dashboard field of the same name).
_BUILDERS: dict[str, Callable[[Figure, Any, ChartText], None]] = {
    "sections": _sections,
    "lead_units": _lead_units,
    "participation": _participation,
    "areas": _areas,
    "years": _years,
    "status": _status,
    "planned_vs_completed": _planned_vs_completed,
    "timeline": _timeline,
}
