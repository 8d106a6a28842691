"""The dashboard view, driven offscreen: tiles, a real mouse click on a bar → drill filter,
the breadcrumb, debounced refresh after an edit, exports."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget
from sqlalchemy import select

from app.context import AppContext
from app.operations import announce
from db import session_factory
from exports.charts import pick_target
from models import Project, Section
from services.ledger import set_fields
from services.operations import run_op
from services.query import ProjectFilter, project_ids


@pytest.fixture
def ctx(engine, sample_plan, tmp_path):
    from app.settings import use_settings_file

    use_settings_file(str(tmp_path / "settings.ini"))
    yield AppContext(engine, session_factory(engine), QUndoStack(), plan_id=sample_plan.id)
    use_settings_file(None)


@pytest.fixture
def view(qtbot, ctx, sample_plan):
    from views.dashboard_view import DashboardView

    view = DashboardView(ctx)
    qtbot.addWidget(view)
    view.resize(1400, 900)
    with qtbot.waitSignal(view.updated, timeout=30_000):
        view.show()
        view.set_filter(ProjectFilter(plan_id=sample_plan.id))
    return view


def _bar_position(chart, label: str) -> QPoint:
    """Where a bar with this label is on screen, in Qt widget coordinates (as the view drew
    it: no draw here, so a chart drawn at another size than it shows misses the click)."""
    canvas = chart.canvas
    for artist in chart.figure.axes[0].patches:
        target = pick_target(artist)
        if target and target[1] == label:
            box = artist.get_window_extent()
            ratio = canvas.device_pixel_ratio
            x = (box.x0 + box.x1) / 2 / ratio
            y = canvas.height() - (box.y0 + box.y1) / 2 / ratio
            return QPoint(int(x), int(y))
    raise AssertionError(f"no bar labelled {label}")


def test_tiles_show_key_figures(view):
    tiles = view.tiles
    assert tiles["projects"].value.text() == "56"
    assert tiles["investment"].value.text() == "67,619.88"
    assert "6.76" in tiles["investment"].detail.text()
    assert tiles["sections"].value.text() == "6"
    assert tiles["multi_year"].value.text() == "3"
    assert tiles["completed"].value.text() == "—"  # no progress data yet


def test_clicking_a_bar_filters_to_its_projects(qtbot, view, session, sample_plan):
    water = session.scalar(select(Section).where(Section.name.like("(三)%")))
    chart = view.canvases["sections"]
    pos = _bar_position(chart, water.name)
    with qtbot.waitSignal(view.drillDown, timeout=10_000) as blocker:
        qtbot.mouseClick(chart.canvas, Qt.MouseButton.LeftButton, pos=pos)
    flt = blocker.args[0]
    expected = session.scalars(
        select(Project.id).where(Project.section_id == water.id).order_by(Project.position)
    ).all()
    assert list(project_ids(session, flt)) == expected and len(expected) == 12
    assert water.name in view.crumb_label.text()
    assert view.clear_button.isEnabled()

    # The main window hands the drilled filter back: the trail stays; the view follows it.
    with qtbot.waitSignal(view.updated, timeout=30_000):
        view.set_filter(flt)
    assert water.name in view.crumb_label.text()
    assert view.tiles["projects"].value.text() == "12"
    assert view.tiles["investment"].value.text() == "40,363.88"

    # A second click inside the drill (a lead unit) narrows further.
    chart = view.canvases["lead_units"]
    with qtbot.waitSignal(view.drillDown, timeout=10_000) as blocker:
        qtbot.mouseClick(
            chart.canvas, Qt.MouseButton.LeftButton, pos=_bar_position(chart, "钟楼生态环境局")
        )
    both = blocker.args[0]
    led = [
        pid
        for pid in expected
        if session.get(Project, pid).owners[0].organization.name == "钟楼生态环境局"
    ]
    assert sorted(project_ids(session, both)) == sorted(led)

    # Clearing goes back to the filter the grid had before the drill.
    with qtbot.waitSignal(view.drillDown, timeout=5_000) as blocker:
        qtbot.mouseClick(view.clear_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0] == ProjectFilter(plan_id=sample_plan.id)
    assert not view.clear_button.isEnabled()
    # The whole plan was computed before: it comes back from the cache, without a worker.
    with qtbot.waitSignal(view.updated, timeout=30_000):
        pass
    assert view.tiles["projects"].value.text() == "56"


def test_area_click_selects_projects_naming_it_or_all_areas(qtbot, view, session):
    chart = view.canvases["areas"]
    with qtbot.waitSignal(view.drillDown, timeout=10_000) as blocker:
        qtbot.mouseClick(
            chart.canvas, Qt.MouseButton.LeftButton, pos=_bar_position(chart, "荷花池街道")
        )
    ids = set(project_ids(session, blocker.args[0]))
    names = {
        pid: {o.organization.name for o in session.get(Project, pid).owners}
        for pid in project_ids(session, ProjectFilter(plan_id=view.current_filter().plan_id))
    }
    assert ids == {pid for pid, n in names.items() if n & {"荷花池街道", "各板块"}}


def test_edits_refresh_once_after_the_pause(qtbot, view, ctx, session):
    first = session.scalars(select(Project.id).order_by(Project.id)).first()
    old = session.get(Project, first).planned_investment_wan
    assert old is not None
    updates = []
    view.updated.connect(lambda: updates.append(1))
    changes = run_op(
        ctx,
        lambda op: set_fields(op.session, {first: {"planned_investment_wan": "1000.00"}}),
        label="edit",
    )
    with qtbot.waitSignal(view.updated, timeout=30_000):
        for _ in range(5):  # a burst of change notifications → one refresh
            announce(ctx, changes)
    qtbot.wait(600)
    assert len(updates) == 1
    expected = Decimal("67619.88") - old + Decimal("1000.00")
    assert view.tiles["investment"].value.text() == f"{expected:,.2f}"


def test_latest_request_wins(qtbot, view, sample_plan, session):
    water = session.scalar(select(Section).where(Section.name.like("(三)%")))
    with qtbot.waitSignal(view.updated, timeout=30_000):
        view.set_filter(ProjectFilter(plan_id=sample_plan.id, text="VOCs"))
        view.refresh()
        view.set_filter(ProjectFilter(plan_id=sample_plan.id, section_ids=(water.id,)))
        view.refresh()
    qtbot.wait(300)
    assert view.board.filter.section_ids == (water.id,)
    assert view.tiles["projects"].value.text() == "12"


def test_year_mode_toggle_and_exports(qtbot, view, tmp_path):
    with qtbot.waitSignal(view.updated, timeout=30_000):
        view.year_mode.setCurrentIndex(view.year_mode.findData("start"))
    assert view.board.years.mode == "start"
    chart = view.canvases["years"]
    png = chart.save(tmp_path / "years.png")
    svg = chart.save(tmp_path / "years.svg")
    assert png.read_bytes()[:4] == b"\x89PNG" and png.stat().st_size > 20_000
    assert "<svg" in svg.read_text("utf-8") and svg.stat().st_size > 10_000
    image = chart.image()
    assert not image.isNull() and image.width() > 1000
    chart.copy_to_clipboard()
    from PySide6.QtGui import QGuiApplication

    assert not QGuiApplication.clipboard().image().isNull()


def test_screenshot_has_no_empty_chart(view, tmp_path):
    shot = view.grab()
    assert shot.width() == 1400
    for kind, chart in view.canvases.items():
        assert chart.figure is not None, kind


def test_the_mouse_wheel_over_a_chart_scrolls_the_page(qtbot, view):
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    view.resize(900, 600)  # the charts do not fit: the page scrolls
    qtbot.waitUntil(lambda: view.scroll.verticalScrollBar().maximum() > 0, timeout=5000)
    bar = view.scroll.verticalScrollBar()
    bar.setValue(0)
    canvas = view.canvases["sections"].canvas
    centre = QPointF(canvas.width() / 2, canvas.height() / 2)
    event = QWheelEvent(
        centre,
        canvas.mapToGlobal(centre),
        QPoint(0, 0),
        QPoint(0, -240),  # two notches down
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(canvas, event)
    assert bar.value() > 0


def test_charts_appear_one_by_one_and_the_status_tells_the_wait(qtbot, ctx, sample_plan):
    from views.dashboard_view import DashboardView

    view = DashboardView(ctx)
    qtbot.addWidget(view)
    view.resize(1200, 800)
    seen: list[tuple[int, str]] = []
    original = view._draw_next_chart

    def spy() -> None:
        original()
        drawn = sum(c.figure is not None for c in view.canvases.values())
        seen.append((drawn, view.status_label.text()))

    view._draw_next_chart = spy
    with qtbot.waitSignal(view.updated, timeout=30_000):
        view.show()
        view.set_filter(ProjectFilter(plan_id=sample_plan.id))
    counts = [drawn for drawn, _ in seen]
    assert counts[0] == 1 and counts == sorted(counts) and counts[-1] == len(view.canvases)
    assert "1 of 8" in seen[0][1] or "1 / 8" in seen[0][1]
    final = seen[-1][1]
    assert "drawing" in final or "绘图" in final  # the time shown includes drawing the charts


def test_chart_cards_are_never_shorter_than_their_charts(view):
    area = view.scroll.widget()
    for kind, card in view.canvases.items():
        assert card.height() >= card.canvas.minimumHeight(), kind
    assert area.height() >= 4 * min(c.canvas.minimumHeight() for c in view.canvases.values())


@pytest.fixture
def drawing_log(monkeypatch):
    """Every Agg draw of a dashboard chart (by chart) and every dashboard computation."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from services import aggregates

    log: dict[str, list] = {"draws": [], "computed": []}
    draw, compute = FigureCanvasAgg.draw, aggregates.dashboard

    def counted_draw(canvas):
        if isinstance(canvas, QWidget):  # on screen; exports draw on canvases of their own
            log["draws"].append(getattr(canvas.parentWidget(), "name", "?"))
        return draw(canvas)

    def counted_compute(*args, **kwargs):
        log["computed"].append(1)
        return compute(*args, **kwargs)

    monkeypatch.setattr(FigureCanvasAgg, "draw", counted_draw)
    monkeypatch.setattr(aggregates, "dashboard", counted_compute)
    return log


def _taken(log) -> tuple[list, int]:
    """The draws and computations since the last call."""
    draws, computed = sorted(log["draws"]), len(log["computed"])
    log["draws"].clear()
    log["computed"].clear()
    return draws, computed


def test_a_typical_session_computes_and_draws_once_per_change(
    qtbot, engine, sample_plan, session, drawing_log
):
    """Open the dashboard, change the filter and edit a cell in the grid, switch tabs: each
    change the dashboard shows is computed once and each chart it changes drawn once; a hidden
    dashboard does nothing until it is seen again, and seeing it again unchanged redraws
    nothing. A bar click still filters the grid."""
    from app.settings import use_settings_file
    from tests.test_main_window_gui import make_window, wait_rows

    use_settings_file(str(engine.url.database) + ".ini")
    window = make_window(qtbot, engine)
    wait_rows(qtbot, window, 56)
    updates: list[int] = []
    window.tabs.tabBuilt.connect(
        lambda key, page: key == "dashboard" and page.updated.connect(lambda: updates.append(1))
    )

    window.show_tab("dashboard")
    qtbot.waitUntil(lambda: updates == [1], timeout=30_000)
    dashboard = window.tab_widget("dashboard")
    kinds = sorted(dashboard.canvases)
    assert _taken(drawing_log) == (kinds, 1)

    # The grid tab: a new filter and an edit while the dashboard is hidden cost nothing there.
    window.show_tab("projects")
    water = session.scalar(select(Section).where(Section.name.like("(三)%")))
    bar = window.filter_bar
    bar.section.setCurrentIndex(bar.section.findData(water.id))
    wait_rows(qtbot, window, 12)
    grid = window.grid.model
    edited = session.get(Project, grid.id_at(0))
    assert edited.section_id == water.id and edited.planned_investment_wan is not None
    expected = Decimal("40363.88") - edited.planned_investment_wan + Decimal("1700.00")
    assert grid.setData(grid.index(0, grid.column_index("planned_investment_wan")), "1700")
    qtbot.wait(50)  # any refresh the hidden view had queued has run by now
    assert _taken(drawing_log) == ([], 0)

    # Seen again: one computation of the new filter and data; each chart it changes is drawn
    # once, and "no progress data yet" (the same before and after) is not drawn again.
    figures = {kind: card.figure for kind, card in dashboard.canvases.items()}
    with qtbot.waitSignal(dashboard.updated, timeout=30_000):
        window.show_tab("dashboard")
    changed = [k for k in kinds if dashboard.canvases[k].figure is not figures[k]]
    assert "sections" in changed and "planned_vs_completed" not in changed
    assert _taken(drawing_log) == (changed, 1)
    assert dashboard.tiles["projects"].value.text() == "12"
    assert dashboard.tiles["investment"].value.text() == f"{expected:,.2f}"

    # Back and forth with nothing changed: nothing computed, nothing drawn.
    window.show_tab("projects")
    window.show_tab("dashboard")
    qtbot.wait(50)
    assert _taken(drawing_log) == ([], 0)

    # A burst of change notices while shown: one computation; a change no chart shows
    # (remarks) draws nothing.
    changes = run_op(
        window.ctx,
        lambda op: set_fields(op.session, {edited.id: {"remarks": "已开工"}}),
        label="edit",
    )
    with qtbot.waitSignal(dashboard.updated, timeout=30_000):
        for _ in range(5):
            announce(window.ctx, changes)
    qtbot.wait(50)
    assert _taken(drawing_log) == ([], 1)

    # Clicking a bar filters the grid to its projects.
    chart = dashboard.canvases["lead_units"]
    with qtbot.waitSignal(dashboard.drillDown, timeout=10_000):
        qtbot.mouseClick(
            chart.canvas, Qt.MouseButton.LeftButton, pos=_bar_position(chart, "钟楼生态环境局")
        )
    led = [
        pid
        for pid in session.scalars(select(Project.id).where(Project.section_id == water.id))
        if session.get(Project, pid).owners[0].organization.name == "钟楼生态环境局"
    ]
    assert 0 < len(led) < 12
    wait_rows(qtbot, window, len(led))
