"""One builder per chart kind: draws `Dashboard.chart_data(kind)` into an empty Figure
(`BUILDERS`, keyed by the kinds of `exports.chart_kinds`). Headless: never pyplot or Qt."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, Protocol

from matplotlib.figure import Figure
from matplotlib.patches import Patch

from exports.chart_parts import (
    add_note,
    bar_label,
    category_axis,
    crowded,
    empty_chart,
    grow_for_rows,
    money_scale,
    new_axes,
    pickable,
    set_title,
    shorten,
    top_legend,
    value_axis,
)
from exports.chart_style import (
    AREA_COLOR,
    CONSTRUCTING_COLOR,
    COOPERATING_COLOR,
    GRID_COLOR,
    LABEL_SIZE,
    LEAD_COLOR,
    MUTED_COLOR,
    STATUS_COLORS,
    TEXT_COLOR,
    UNIT_COLOR,
    YEAR_COLOR,
    format_amount,
    lighten,
    section_color,
    section_colors,
    wrap_label,
)
from exports.chart_text import ChartText
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


class _MoneyBar(Protocol):
    """What a bar of planned investment stands for (a section, unit, area or year)."""

    @property
    def planned_investment_wan(self) -> Decimal: ...
    @property
    def projects(self) -> int: ...
    @property
    def drill(self) -> Drill: ...


def _money_bars(
    ax,
    items: Sequence[_MoneyBar],
    names: Sequence[str],
    text: ChartText,
    *,
    horizontal: bool,
    color: object,
    width: float = 0.62,
    edgecolor: str | None = None,
) -> tuple[list[float], str]:
    """Bars of planned investment, each labelled with its amount and project count and
    clickable as `names`; returns the bar lengths and the money unit of the value axis."""
    divisor, unit = money_scale([i.planned_investment_wan for i in items], text)
    values = [float(i.planned_investment_wan / divisor) for i in items]
    style = {"color": color} if edgecolor is None else {"color": color, "edgecolor": edgecolor}
    if horizontal:
        bars = ax.barh(range(len(items)), values, height=width, **style)
    else:
        bars = ax.bar(range(len(items)), values, width=width, **style)
    separator = " · " if horizontal else "\n"
    for bar, item, value, name in zip(bars, items, values, names, strict=True):
        amount = format_amount(item.planned_investment_wan, divisor)
        caption = amount + separator + text.projects_count.format(n=f"{item.projects:,}")
        if horizontal:
            bar_label(ax, value, bar.get_y() + bar.get_height() / 2, caption, horizontal=True)
        else:
            bar_label(ax, bar.get_x() + bar.get_width() / 2, value, caption, horizontal=False)
        pickable(bar, item.drill, name)
    return values, unit


def _sections(fig: Figure, data: list[SectionFigure], text: ChartText) -> None:
    data = [s for s in data if s.projects]  # a drill-down leaves sections with nothing in them
    if not data:
        return empty_chart(fig, text.sections_title, text.no_data)
    horizontal = crowded([s.name for s in data])
    if horizontal:
        grow_for_rows(fig, len(data))
    ax = new_axes(fig, text.sections_title, "x" if horizontal else "y")
    colors = section_colors(s.position for s in data)
    values, unit = _money_bars(
        ax,
        data,
        [s.name for s in data],
        text,
        horizontal=horizontal,
        color=colors,
        edgecolor="white",
    )
    axis_label = text.investment_axis.format(unit=unit)
    if horizontal:
        category_axis(ax, "y", [shorten(s.name, 18) for s in data])
        value_axis(ax, "x", max(values), axis_label, nbins=2)  # long names: a narrow plot
        ax.set_xlim(0, ax.get_xlim()[1] * 1.15)
    else:
        category_axis(ax, "x", [wrap_label(s.name, 7) for s in data])
        value_axis(ax, "y", max(values), axis_label)


def _lead_units(fig: Figure, data: LeadUnitBreakdown, text: ChartText) -> None:
    bars_data = data.bars
    complete = data.other is None
    title = text.lead_units_all_title if complete else text.lead_units_title.format(n=len(data.top))
    if not bars_data:
        return empty_chart(fig, title, text.no_data)
    ax = new_axes(fig, title, "x")
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
    names = [label.replace("\n", "") for label in labels]
    values, unit = _money_bars(ax, bars_data, names, text, horizontal=True, color=colors)
    category_axis(ax, "y", labels)
    value_axis(ax, "x", max(values), text.investment_axis.format(unit=unit))
    # Room for the "12,345.67（12项）" labels right of the longest bar.
    ax.set_xlim(0, ax.get_xlim()[1] * 1.12)


def _participation(fig: Figure, data: ParticipationBreakdown, text: ChartText) -> None:
    if not data.units:
        return empty_chart(fig, text.participation_title, text.no_data)
    ax = new_axes(fig, text.participation_title, "x")
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
                pickable(bar, unit.drill(role), f"{unit.name} · {label}")
        left = [a + b for a, b in zip(left, counts, strict=True)]
    for y, unit in enumerate(data.units):
        bar_label(ax, unit.total, y, f"{unit.total:,}", horizontal=True)
    category_axis(ax, "y", [wrap_label(u.name, 12) for u in data.units])
    value_axis(ax, "x", max(u.total for u in data.units), text.projects_axis, integer=True)
    # In the title line, right-aligned: never on top of a bar.
    top_legend(fig, *ax.get_legend_handles_labels())
    add_note(fig, [text.more_units.format(n=data.omitted_units) if data.omitted_units else ""])


def _areas(fig: Figure, data: AreaBreakdown, text: ChartText) -> None:
    if not data.areas:
        return empty_chart(fig, text.areas_title, text.no_data)
    grow_for_rows(fig, len(data.areas))
    ax = new_axes(fig, text.areas_title, "x")
    names = [a.name for a in data.areas]
    values, unit = _money_bars(ax, data.areas, names, text, horizontal=True, color=AREA_COLOR)
    category_axis(ax, "y", [wrap_label(a.name, 12) for a in data.areas])
    value_axis(ax, "x", max(values), text.amount_axis.format(unit=unit))
    ax.set_xlim(0, ax.get_xlim()[1] * 1.12)
    add_note(fig, [text.area_note.format(n=f"{data.group_projects:,}")])


def _years(fig: Figure, data: YearBreakdown, text: ChartText) -> None:
    if not data.years:
        return empty_chart(fig, text.years_title, text.no_data)
    ax = new_axes(fig, text.years_title, "y")
    names = [text.year_label.format(year=y.year) for y in data.years]
    values, unit = _money_bars(
        ax, data.years, names, text, horizontal=False, color=YEAR_COLOR, width=0.6
    )
    category_axis(ax, "x", names)
    value_axis(ax, "y", max(values), text.investment_axis.format(unit=unit))
    notes = [text.spread_note if data.mode == "spread" else text.start_note]
    if data.no_period_projects:
        notes.append(text.no_period.format(n=f"{data.no_period_projects:,}"))
    add_note(fig, notes)


def _status(fig: Figure, data: list[StatusFigure], text: ChartText) -> None:
    total = sum(s.projects for s in data)
    if not total:
        return empty_chart(fig, text.status_title, text.no_data)
    ax = fig.add_subplot()
    set_title(ax, text.status_title)
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
        pickable(wedge, s.drill, name)
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
        return empty_chart(fig, text.progress_title, text.no_progress)
    sections = [s for s in data.sections if s.planned_investment_wan or s.completed_investment_wan]
    if not sections:
        return empty_chart(fig, text.progress_title, text.no_progress)
    horizontal = crowded([s.name for s in sections])
    if horizontal:
        grow_for_rows(fig, int(len(sections) * 1.5))
    ax = new_axes(fig, text.progress_title, "x" if horizontal else "y")
    divisor, unit = money_scale(
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
        pickable(p_bar, s.drill, s.name)
        pickable(c_bar, s.drill, s.name)
        pct = s.completion_pct
        planned_text = format_amount(s.planned_investment_wan, divisor)
        completed_text = format_amount(s.completed_investment_wan, divisor)
        if horizontal:
            if pct is not None:
                completed_text += f" · {pct:.1f}%"
            bar_label(ax, planned, i + offset, planned_text, horizontal=True)
            bar_label(ax, completed, i - offset, completed_text, horizontal=True)
        else:
            if pct is not None:
                completed_text += f"\n{pct:.1f}%"
            bar_label(ax, i + offset, planned, planned_text, horizontal=False)
            bar_label(ax, i - offset, completed, completed_text, horizontal=False)
    if horizontal:
        category_axis(ax, "y", [shorten(s.name, 18) for s in sections])
        value_axis(ax, "x", largest, text.amount_axis.format(unit=unit))
        ax.set_xlim(0, ax.get_xlim()[1] * 1.15)
    else:
        category_axis(ax, "x", [wrap_label(s.name, 7) for s in sections])
        value_axis(ax, "y", largest, text.amount_axis.format(unit=unit))
    top_legend(
        fig,
        [
            Patch(facecolor=lighten("#777777"), edgecolor="#777777"),
            Patch(facecolor="#777777"),
        ],
        [text.planned, text.completed],
    )
    add_note(fig, [text.progress_note.format(date=data.latest_period_end.isoformat())])


def _timeline(fig: Figure, data: Timeline, text: ChartText) -> None:
    if not data.bars:
        return empty_chart(fig, text.timeline_title, text.no_data)
    ax = new_axes(fig, text.timeline_title, "x")
    grow_for_rows(fig, len(data.bars))
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
        bar_label(ax, b.end_year + 1, row, caption, horizontal=True)
        if data.mode == "section":
            # A section with several periods is named on its first row only.
            same = row > 0 and data.bars[row - 1].section_id == b.section_id
            label = "" if same else b.label
        else:
            label = shorten(b.label, 16)
        labels.append(label)
        pickable(bar, b.drill, f"{b.label} {period}")
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
    category_axis(ax, "y", labels)
    notes = []
    if data.omitted_projects:
        notes.append(
            text.more_projects.format(n=f"{data.omitted_projects:,}", shown=len(data.bars))
        )
    if data.no_period_projects:
        notes.append(text.no_period.format(n=f"{data.no_period_projects:,}"))
    add_note(fig, notes)


YEAR_LABEL_INCHES = 0.55  # a "2023" tick label with its gap, at LABEL_SIZE


def _year_step(count: int, figure_width: float) -> int:
    # The year axis gets about half the figure (names on the left, captions on the right).
    room = max(1, int(figure_width * 0.5 / YEAR_LABEL_INCHES))
    for step in (1, 2, 5, 10, 20, 50):
        if -(-count // step) <= room:
            return step
    return 100


# Any: each builder takes its own figure type (the Dashboard field of the same name).
BUILDERS: dict[str, Callable[[Figure, Any, ChartText], None]] = {
    "sections": _sections,
    "lead_units": _lead_units,
    "participation": _participation,
    "areas": _areas,
    "years": _years,
    "status": _status,
    "planned_vs_completed": _planned_vs_completed,
    "timeline": _timeline,
}
