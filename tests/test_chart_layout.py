"""Charts read well on the dashboard card: no crowded labels, no empty bars after a drill-down,
titles that say what is shown, year ticks that do not run together, notes that are not cut."""

from __future__ import annotations

import itertools

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.patches import Rectangle
from sqlalchemy import select

from exports.charts import ChartText, figure_for, note_width
from models.base import to_money
from services import aggregates as agg
from services.aggregates import Timeline, TimelineBar
from services.query import ProjectFilter


@pytest.fixture
def plan_filter(sample_plan):
    return ProjectFilter(plan_id=sample_plan.id)


def _bars(fig):
    ax = fig.axes[0]
    return [p for p in ax.patches if isinstance(p, Rectangle) and p.get_picker()]


def _ticks(ax, axis):
    FigureCanvasAgg(ax.figure).draw()
    labels = ax.get_yticklabels() if axis == "y" else ax.get_xticklabels()
    return [t.get_text() for t in labels if t.get_text()]


def test_long_section_names_are_horizontal_bars_with_full_names(session, plan_filter):
    board = agg.dashboard(None, session, plan_filter)
    fig = figure_for("sections", board.chart_data("sections"), size=(7.0, 4.2))
    bars = _bars(fig)
    assert len(bars) == 6 and all(b.get_width() > b.get_height() for b in bars[:3])
    assert "(三)深入打好碧水保卫战" in _ticks(fig.axes[0], "y")
    assert fig.axes[0].get_title(loc="left") == "各分类计划投资"  # 重点任务 is the key-task tab


def test_after_a_drill_down_no_empty_bars_and_no_top_one_title(session, sample_plan):
    from models import Organization

    board = agg.dashboard(None, session, ProjectFilter(plan_id=sample_plan.id))
    water = next(s for s in board.chart_data("sections") if "碧水" in s.name)
    drilled = ProjectFilter(plan_id=sample_plan.id, section_ids=(water.drill.section_id,))
    board = agg.dashboard(None, session, drilled)
    fig = figure_for("sections", board.chart_data("sections"), size=(7.0, 4.2))
    assert len(_bars(fig)) == 1  # the five sections with nothing in the drill are not drawn
    unit = session.scalar(select(Organization.id).where(Organization.name == "区工信局"))
    board = agg.dashboard(None, session, ProjectFilter(plan_id=sample_plan.id, owner_id=unit))
    lead = board.chart_data("lead_units")
    assert lead.other is None
    title = figure_for("lead_units", lead).axes[0].get_title(loc="left")
    assert title == "牵头单位计划投资" and "前" not in title


def test_timeline_year_ticks_do_not_run_together():
    bars = [
        TimelineBar(f"分类{i}", i, i, 2000 + i, 2000 + i + 2, 1, to_money(10)) for i in range(1, 24)
    ]
    fig = figure_for("timeline", Timeline("section", bars, 0, 0), size=(7.0, 4.2))
    ax = fig.axes[0]
    labels = _ticks(ax, "x")
    assert 3 <= len(labels) <= 7 and labels[0] == "2001"
    renderer = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in ax.get_xticklabels() if t.get_text()]
    assert all(a.x1 < b.x0 for a, b in itertools.pairwise(boxes)), "labels overlap"


def test_the_town_note_is_broken_to_the_card_width(session, plan_filter):
    from exports.charts import fit_text

    board = agg.dashboard(None, session, plan_filter)
    fig = figure_for("areas", board.chart_data("areas"), size=(7.0, 4.2))
    fig.set_size_inches(4.0, 4.2)  # what a dashboard card does to it
    fit_text(fig)
    FigureCanvasAgg(fig).draw()
    note = fig._supxlabel
    lines = note.get_text().splitlines()
    assert len(lines) >= 2 and all(len(line) <= note_width(4.0) for line in lines)
    box = note.get_window_extent(fig.canvas.get_renderer())
    assert box.x0 >= 0 and box.x1 <= fig.bbox.width + 1  # inside the figure
    english = ChartText(area_note="Each project counts in full for every town it names " * 3)
    fig = figure_for("areas", board.chart_data("areas"), text=english, size=(7.0, 4.2))
    assert all(not line.endswith("-") for line in fig._supxlabel.get_text().splitlines())
    assert max(len(line) for line in fig._supxlabel.get_text().splitlines()) <= note_width(7.0) * 2


def test_english_charts_write_english_units_and_keep_titles_inside(session, plan_filter):
    from exports.charts import KINDS, fit_text

    board = agg.dashboard(None, session, plan_filter)
    english = ChartText(
        sections_title="Planned investment by section",
        investment_axis="Planned investment ({unit})",
        unit_names={"万元": "10k yuan", "亿元": "100M yuan"},
    )
    fig = figure_for("sections", board.chart_data("sections"), text=english, size=(7.0, 4.2))
    assert fig.axes[0].get_xlabel() == "Planned investment (10k yuan)"
    fig.set_size_inches(3.2, 4.2)
    canvas = FigureCanvasAgg(fig)
    for _ in range(2):  # as on screen: each resize is laid out, then broken to the new width
        canvas.draw()
        fit_text(fig)
    canvas.draw()
    title = fig.axes[0].title if fig.axes[0].get_title() else fig.axes[0]._left_title
    box = title.get_window_extent(fig.canvas.get_renderer())
    assert box.x1 <= fig.bbox.width + 1, "the title runs off the card"
    for kind in KINDS:
        texts = [
            t.get_text()
            for t in figure_for(kind, board.chart_data(kind), text=english).findobj(
                lambda a: hasattr(a, "get_text")
            )
        ]
        assert not [t for t in texts if "万元" in t], kind


def test_value_ticks_of_the_section_chart_do_not_run_together(session, plan_filter):
    board = agg.dashboard(None, session, plan_filter)
    fig = figure_for("sections", board.chart_data("sections"), size=(3.5, 4.2))  # a card
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    ax = fig.axes[0]
    boxes = [t.get_window_extent(renderer) for t in ax.get_xticklabels() if t.get_text()]
    assert len(boxes) >= 2
    assert all(a.x1 < b.x0 for a, b in itertools.pairwise(boxes)), "tick labels overlap"
    title = ax._left_title.get_text()
    assert "前" not in title and "\n" not in title  # short titles stay on one line
