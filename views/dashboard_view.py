"""The budget dashboard (看板): key-figure tiles and charts for the grid's current filter.

Aggregation (services.aggregates) and figure building (exports.charts) run on a worker thread;
a newer request cancels the older one and only the latest result is shown. A data change on the
bus, a new filter or option marks the view stale; one zero-delay timer folds a burst of them
into one refresh, and a hidden view computes nothing until it is shown again. Only the charts
whose data changed are built and drawn again, each once, at its laid-out size. Clicking
a bar or slice emits `drillDown(ProjectFilter)` (the main window filters the grid with it) and
adds a step to the breadcrumb, which can go back a step or clear the drill entirely.
This view never builds SQL: it calls services only.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from decimal import Decimal

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from app.context import AppContext
from app.settings import Option
from app.tasks import TaskHandle, run_task
from exports.charts import KINDS, ChartText, figure_for
from services import aggregates, drilldown, schedule
from services.aggregates import Dashboard, DashboardOptions
from services.drilldown import Drill, DrillTooLarge
from services.query import ProjectFilter
from widgets.chart_canvas import ChartCanvas
from widgets.form_parts import choice_box, date_edit, hbox, tool_button

YEAR_MODE = Option("dashboard/year_mode", str, "spread", "years chart: spread or start")
TIMELINE_MODE = Option("dashboard/timeline_mode", str, "section", "timeline: section or project")
LEAD_TOP_N = Option("dashboard/lead_top_n", int, 10, "lead units shown before 其他")

TYPING_DELAY_MS = 250  # the as-of day: one refresh once the clerk stops typing the date
TILE_MIN_WIDTH = 120  # px; the tiles wrap to more rows below 8 of these
CACHE_SIZE = 4


@dataclass(frozen=True)
class Crumb:
    label: str
    filter: ProjectFilter


def _build(
    state, ctx: AppContext, flt: ProjectFilter, options: DashboardOptions, text, shown: dict
):
    """Worker: aggregates, then a figure (a pure matplotlib object, safe off the GUI thread)
    with what it was built from, for each chart whose data differs from `shown` (kind →
    what the chart on screen was built from)."""
    started = time.perf_counter()
    with ctx.session() as session:
        if options.as_of is None and flt.plan_id is not None:
            # Judge progress at the plan's as-of day (today, or the end of its latest return
            # once its years are over), as the briefing and the 序时进度 column do.
            options = replace(options, as_of=schedule.default_as_of(session, flt.plan_id))
        board = aggregates.dashboard(state, session, flt, options)
    figures = {}
    for kind in KINDS:
        state.check()
        source = (board.chart_data(kind), text)
        if source != shown.get(kind):
            figure = figure_for(kind, source[0], text=text, size=(7.0, 4.2))
            # Constrained layout settles over two passes when labels stand in data coordinates
            # (the timeline's, the status legend): the first runs here, off the GUI thread,
            # and the card's single draw at its laid-out size is the second.
            figure.draw_without_rendering()
            figures[kind] = (figure, source)
    return board, figures, time.perf_counter() - started


def _drill(state, ctx: AppContext, flt: ProjectFilter, drill: Drill) -> ProjectFilter:
    with ctx.session() as session:
        return drilldown.drill_filter(session, flt, drill)


class Tile(QFrame):
    """One key figure: a big number and what it counts."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardTile")
        self.value = QLabel("—", self)
        self.value.setObjectName("tileValue")
        self.caption = QLabel(caption, self)
        self.caption.setObjectName("tileCaption")
        self.detail = QLabel("", self)
        self.detail.setObjectName("tileDetail")
        for label in (self.value, self.caption, self.detail):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Long English captions wrap instead of widening the dashboard past the window.
        self.caption.setWordWrap(True)
        self.detail.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)
        layout.addWidget(self.detail)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(TILE_MIN_WIDTH)

    def show_value(self, value: str, detail: str = "") -> None:
        self.value.setText(value)
        self.detail.setText(detail)


class DashboardView(QWidget):
    drillDown = Signal(object)  # services.query.ProjectFilter
    updated = Signal()  # a refresh has been shown (tests and the status bar wait on it)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._base = ProjectFilter(plan_id=ctx.plan_id)
        self._crumbs: list[Crumb] = []
        self._generation = 0
        self._task: TaskHandle | None = None
        self._shown_key: tuple | None = None
        self._dirty = True
        self.board: Dashboard | None = None
        # (generation, charts left to draw, how many to draw, seconds, started)
        self._drawing: tuple | None = None
        # The last few results by (filter, options): going back up the breadcrumb at 1,000,000
        # projects is instant. Any data change empties it.
        self._cache: dict[tuple, tuple] = {}

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.refresh)

        self._build_ui()
        ctx.bus.changed.connect(self._data_changed)
        self.schedule_refresh()

    # ------------------------------------------------------------------ layout

    def _build_ui(self) -> None:
        self.setStyleSheet(
            "#dashboardTile { background: white; border: 1px solid #DADADA; border-radius: 6px; }"
            "#tileValue { font-size: 20px; font-weight: 600; color: #1F3A5F; }"
            "#tileCaption { color: #555555; }"
            "#tileDetail { color: #888888; font-size: 11px; }"
            "#chartArea { background: #F4F5F7; }"
            "#chartCard { background: white; border: 1px solid #DADADA; border-radius: 6px; }"
        )
        self.status_label = QLabel(self)
        self.status_label.setObjectName("dashboardStatus")
        self.status_label.setStyleSheet("color: #777777;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addLayout(self._options_row())
        layout.addLayout(self._tiles())
        layout.addWidget(self._chart_area(), 1)
        layout.addWidget(self.status_label)
        self._update_breadcrumb()

    def _options_row(self) -> QHBoxLayout:
        """What is shown (the breadcrumb of drill-downs) and how: years, timeline, as-of day."""
        self.crumb_label = QLabel(self)
        self.crumb_label.setTextFormat(Qt.TextFormat.RichText)
        self.crumb_label.linkActivated.connect(self._crumb_clicked)
        self.clear_button = tool_button(
            self.tr("Clear drill-down"),
            self.tr("Show the projects of the filter again"),
            self.clear_drill,
            self,
        )
        self.year_mode = self._mode_choice(
            YEAR_MODE,
            [
                (self.tr("Years: spread over the period"), "spread"),
                (self.tr("Years: count in the start year"), "start"),
            ],
        )
        self.timeline_mode = self._mode_choice(
            TIMELINE_MODE,
            [
                (self.tr("Timeline: per section"), "section"),
                (self.tr("Timeline: per project"), "project"),
            ],
        )
        # As of: the plan's default day (today, or the end of its latest return once its years
        # are over) unless a day is chosen; the 序时进度 column follows the same choice.
        self.as_of_check = QCheckBox(self.tr("As of"), self)
        self.as_of_check.setToolTip(
            self.tr("Judge progress and 序时进度 at this day (unchecked: the plan's default day)")
        )
        self.as_of_date = date_edit(self, enabled=False)
        self.as_of_check.toggled.connect(self.as_of_date.setEnabled)
        self.as_of_check.toggled.connect(lambda _on: self._as_of_changed())
        self.as_of_date.dateChanged.connect(lambda _d: self._as_of_changed())
        top = hbox(QLabel(self.tr("Showing:"), self), (self.crumb_label, 1), self.clear_button)
        top.addSpacing(12)
        for widget in (self.year_mode, self.timeline_mode, self.as_of_check, self.as_of_date):
            top.addWidget(widget)
        return top

    def _mode_choice(self, option, choices: list[tuple[str, str]]) -> QComboBox:
        """A remembered chart option; never wider than a short choice needs, so the window
        keeps its side panels."""
        combo = choice_box(self, choices, option.value)
        combo.currentIndexChanged.connect(self._options_changed)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(12)
        combo.setToolTip(combo.currentText())
        combo.currentTextChanged.connect(combo.setToolTip)
        return combo

    def _tiles(self) -> QGridLayout:
        """The key figures, as many to a row as the width allows."""
        self.tiles = {
            "projects": Tile(self.tr("Projects"), self),
            "investment": Tile(self.tr("Planned investment (10k yuan)"), self),
            "sections": Tile(self.tr("Sections"), self),
            "units": Tile(self.tr("Units involved"), self),
            "no_investment": Tile(self.tr("Investment not set"), self),
            "multi_year": Tile(self.tr("Multi-year projects"), self),
            "completed": Tile(self.tr("Completed investment (10k yuan)"), self),
            "behind": Tile(self.tr("Behind schedule"), self),
        }
        self.tile_grid = QGridLayout()
        self.tile_grid.setSpacing(8)
        self._tile_columns = 0
        self._flow_tiles(len(self.tiles))
        return self.tile_grid

    def _chart_area(self) -> QScrollArea:
        """The charts, two to a row, scrolling."""
        self.canvases: dict[str, ChartCanvas] = {}
        grid_widget = QWidget()
        grid_widget.setObjectName("chartArea")
        grid = QGridLayout(grid_widget)
        grid.setSpacing(10)
        for i, kind in enumerate(KINDS):
            canvas = ChartCanvas(kind, grid_widget)
            canvas.setObjectName("chartCard")
            canvas.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
            canvas.picked.connect(self._picked)
            canvas.exported.connect(
                lambda path: self.status_label.setText(self.tr("Saved %1").replace("%1", path))
            )
            self.canvases[kind] = canvas
            grid.addWidget(canvas, i // 2, i % 2)
        for column in range(2):
            grid.setColumnStretch(column, 1)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(grid_widget)
        return self.scroll

    def _flow_tiles(self, columns: int) -> None:
        """Lay the key figures out `columns` to a row (8, 4 or 2: whatever the width allows)."""
        if columns == self._tile_columns:
            return
        self._tile_columns = columns
        for tile in self.tiles.values():
            self.tile_grid.removeWidget(tile)
        for i, tile in enumerate(self.tiles.values()):
            self.tile_grid.addWidget(tile, i // columns, i % columns)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        room = max(1, (self.width() - 16) // (TILE_MIN_WIDTH + 8))
        self._flow_tiles(next(n for n in (8, 4, 2) if n <= room or n == 2))

    # ------------------------------------------------------------------ what to show

    def current_filter(self) -> ProjectFilter:
        return self._crumbs[-1].filter if self._crumbs else self._base

    def set_plan(self, plan_id: int | None) -> None:
        if plan_id != self._base.plan_id:
            self.set_filter(ProjectFilter(plan_id=plan_id))

    def set_filter(self, flt: ProjectFilter) -> None:
        """Follow the grid's filter; our own drill coming back from the grid keeps the trail."""
        for depth, crumb in enumerate(self._crumbs):
            if crumb.filter == flt:
                del self._crumbs[depth + 1 :]
                break
        else:
            if flt == self._base:
                self._crumbs.clear()
            else:
                self._base, self._crumbs = flt, []
        self._update_breadcrumb()
        self.schedule_refresh()

    def clear_drill(self) -> None:
        if self._crumbs:
            self._crumbs.clear()
            self._update_breadcrumb()
            self.drillDown.emit(self._base)
            self.schedule_refresh()

    def _crumb_clicked(self, link: str) -> None:
        depth = int(link)
        if depth == 0:
            self.clear_drill()
            return
        del self._crumbs[depth:]
        self._update_breadcrumb()
        self.drillDown.emit(self.current_filter())
        self.schedule_refresh()

    def _update_breadcrumb(self) -> None:
        root = self.tr("All projects of the plan")
        extra = {k: v for k, v in self._base.describe().items() if k != "plan_id"}
        if extra:
            root = self.tr("Current grid filter")
        parts = [f'<a href="0">{_escape(root)}</a>']
        for depth, crumb in enumerate(self._crumbs, start=1):
            label = _escape(crumb.label)
            parts.append(label if depth == len(self._crumbs) else f'<a href="{depth}">{label}</a>')
        self.crumb_label.setText(" › ".join(parts))
        self.clear_button.setEnabled(bool(self._crumbs))

    # ------------------------------------------------------------------ refreshing

    def _data_changed(self, _changes: object = None) -> None:
        self._shown_key = None
        self._cache.clear()
        self.schedule_refresh()

    def _options_changed(self, delay_ms: int = 0) -> None:
        YEAR_MODE.set(self.year_mode.currentData())
        TIMELINE_MODE.set(self.timeline_mode.currentData())
        self.schedule_refresh(delay_ms)

    def schedule_refresh(self, delay_ms: int = 0) -> None:
        """Mark the view stale; a shown one refreshes once the current burst of changes is
        over, a hidden one when it is shown."""
        self._dirty = True
        if self.isVisible():
            self._timer.start(delay_ms)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._dirty:
            self._timer.start(0)

    def as_of(self):
        return self.as_of_date.date().toPython() if self.as_of_check.isChecked() else None

    def _as_of_changed(self) -> None:
        schedule.set_view_day(self.as_of())
        self._options_changed(TYPING_DELAY_MS)

    def options(self) -> DashboardOptions:
        return DashboardOptions(
            year_mode=self.year_mode.currentData(),
            timeline_mode=self.timeline_mode.currentData(),
            lead_top_n=max(1, LEAD_TOP_N.value),
            as_of=self.as_of(),
        )

    def refresh(self) -> None:
        """Recompute now (normally via the timer); a hidden view waits until it is shown."""
        if not self.isVisible():
            return
        flt, options = self.current_filter(), self.options()
        key = (flt, options)
        if key == self._shown_key:
            self._dirty = False
            return
        if flt.plan_id is None and not flt.ids:
            self._show_nothing()
            return
        if self._task is not None and not self._task.done:
            self._task.cancel()  # latest request wins
        self._generation += 1
        generation = self._generation
        if key in self._cache:
            self._dirty = False
            self._show(generation, key, *self._cache[key])
            return
        self.status_label.setText(self.tr("Calculating…"))
        self._task = run_task(
            self,
            self.tr("Dashboard"),
            _build,
            self.ctx,
            flt,
            options,
            self.chart_text(),
            {kind: canvas.source for kind, canvas in self.canvases.items()},
            on_done=lambda result: self._show(generation, key, *result),
            on_error=lambda exc, tb: self._failed(generation, exc),
            show_dialog=False,
        )
        self._dirty = False

    def _show_nothing(self) -> None:
        self.status_label.setText(self.tr("Choose a plan to see its dashboard."))
        for tile in self.tiles.values():
            tile.show_value("—")

    def _failed(self, generation: int, exc: Exception) -> None:
        if isValid(self) and generation == self._generation:
            self.status_label.setText(self.tr("Could not calculate: %1").replace("%1", str(exc)))

    def _show(self, generation: int, key: tuple, board: Dashboard, figures, seconds: float) -> None:
        """Show a result: `figures` maps kind → (figure, source) for the charts to replace; the
        others keep the figure they show (it was built from the same data)."""
        if not isValid(self) or generation != self._generation:
            # An older request finished after a newer one started, or the view is gone.
            return
        self.board = board
        self._shown_key = key
        shown = {kind: (canvas.figure, canvas.source) for kind, canvas in self.canvases.items()}
        self._cache[key] = (board, {**shown, **figures}, seconds)
        while len(self._cache) > CACHE_SIZE:
            del self._cache[next(iter(self._cache))]
        self._show_tiles(board)
        changed = [
            (kind, figure, source)
            for kind, (figure, source) in figures.items()
            if source != self.canvases[kind].source
        ]
        # One chart per turn of the event loop, each painted as soon as it is drawn: the first
        # appears at once instead of eight empty frames waiting for all (Agg drawing on the GUI
        # thread took 4 s on first open while the status said 0.46 s).
        self._drawing = (generation, changed, len(changed), seconds, time.perf_counter())
        self._draw_next_chart()

    def _draw_next_chart(self) -> None:
        if not isValid(self) or self._drawing is None:
            return
        generation, pending, total, seconds, started = self._drawing
        if generation != self._generation:
            return  # a newer result is on its way
        if pending:
            kind, figure, source = pending.pop(0)
            canvas = self.canvases[kind]
            canvas.set_figure(figure, source)
            # Final size first (a resize after drawing would draw the chart a second time).
            self._lay_out_page()
            canvas.draw()
        if pending:
            self.status_label.setText(
                self.tr("Drawing charts: %1 of %2…")
                .replace("%1", str(total - len(pending)))
                .replace("%2", str(total))
            )
            QTimer.singleShot(0, self._draw_next_chart)
            return
        self._drawing = None
        # Lay the grid out now (a per-project timeline changes row heights), not on a later pass.
        self._lay_out_page()
        drawing = time.perf_counter() - started
        self.status_label.setText(
            self.tr("Updated %1 · %2 s (figures %3 s, drawing %4 s)")
            .replace("%1", time.strftime("%H:%M:%S"))
            .replace("%2", f"{seconds + drawing:.2f}")
            .replace("%3", f"{seconds:.2f}")
            .replace("%4", f"{drawing:.2f}")
        )
        self.updated.emit()

    def _lay_out_page(self) -> None:
        """Give every card its final size now: the page grows to its new minimum at once (the
        scroll area would only follow on a later turn, squeezing the rows of a page made
        taller by a long per-project timeline)."""
        page = self.scroll.widget()
        page.layout().activate()
        page.resize(page.size().expandedTo(page.minimumSizeHint()))

    def _show_tiles(self, board: Dashboard) -> None:
        key = board.key
        t = self.tiles
        t["projects"].show_value(f"{key.projects:,}")
        t["investment"].show_value(
            f"{key.planned_investment_wan:,.2f}",
            self.tr("%1 hundred million yuan").replace("%1", f"{key.planned_investment_yi:,.2f}"),
        )
        t["sections"].show_value(f"{key.sections:,}")
        t["units"].show_value(f"{key.units:,}")
        t["no_investment"].show_value(f"{key.no_investment:,}")
        t["multi_year"].show_value(f"{key.multi_year:,}")
        schedule = key.schedule
        if schedule is None:
            for name in ("completed", "behind"):
                t[name].show_value("—", self.tr("No progress data yet"))
        else:
            share = ""
            if key.planned_investment_wan:
                pct = schedule.completed_investment_wan * 100 / key.planned_investment_wan
                share = self.tr("%1% of planned").replace("%1", f"{pct.quantize(Decimal('0.1'))}")
            t["completed"].show_value(f"{schedule.completed_investment_wan:,.2f}", share)
            t["behind"].show_value(
                f"{schedule.behind:,}",
                self.tr("%1 overdue · %2 reported · as of %3")
                .replace("%1", f"{schedule.overdue:,}")
                .replace("%2", f"{schedule.reported:,}")
                .replace("%3", schedule.as_of.isoformat()),
            )

    # ------------------------------------------------------------------ drill-down

    def _picked(self, drill: Drill, label: str) -> None:
        base = self.current_filter()

        def done(flt: ProjectFilter) -> None:
            if not isValid(self) or self.current_filter() != base:
                return  # the view moved on while the ids were selected
            self._crumbs.append(Crumb(label, flt))
            self._update_breadcrumb()
            self.drillDown.emit(flt)
            self.schedule_refresh()

        def failed(exc: Exception, _tb: str) -> None:
            if not isValid(self):
                return
            if isinstance(exc, DrillTooLarge):
                self.status_label.setText(
                    self.tr(
                        "Too many projects to list (more than %1); narrow the filter first."
                    ).replace("%1", f"{exc.count:,}")
                )
            else:
                self.status_label.setText(
                    self.tr("Could not drill down: %1").replace("%1", str(exc))
                )

        run_task(
            self,
            self.tr("Dashboard"),
            _drill,
            self.ctx,
            base,
            drill,
            on_done=done,
            on_error=failed,
            show_dialog=False,
        )

    # ------------------------------------------------------------------ chart words

    def chart_text(self) -> ChartText:
        """The charts' words through tr(): Chinese with the zh_CN catalogue, English without."""
        return ChartText(
            sections_title=self.tr("Planned investment by section"),
            lead_units_title=self.tr("Planned investment by lead unit (top {n})"),
            lead_units_all_title=self.tr("Planned investment by lead unit"),
            unit_names={"万元": self.tr("10k yuan"), "亿元": self.tr("100M yuan")},
            participation_title=self.tr("Projects per unit"),
            areas_title=self.tr("Investment involving each town/street"),
            years_title=self.tr("Planned investment by year"),
            status_title=self.tr("Project status"),
            progress_title=self.tr("Planned and completed investment by section"),
            timeline_title=self.tr("Construction periods"),
            investment_axis=self.tr("Planned investment ({unit})"),
            amount_axis=self.tr("Investment ({unit})"),
            projects_axis=self.tr("Projects"),
            year_axis=self.tr("Year"),
            projects_count=self.tr("{n} proj."),
            projects_total=self.tr("{n} projects"),
            other=self.tr("Other ({n} units)"),
            no_lead=self.tr("No lead unit"),
            lead=self.tr("Lead"),
            cooperating=self.tr("Cooperating"),
            constructing=self.tr("Constructing"),
            planned=self.tr("Planned investment"),
            completed=self.tr("Completed investment"),
            year_label=self.tr("{year}"),
            no_data=self.tr("No data"),
            no_progress=self.tr("No progress data yet"),
            more_units=self.tr("{n} more units not shown"),
            more_projects=self.tr("{n} more projects not shown (largest {shown} by investment)"),
            no_period=self.tr("{n} more projects have no construction period"),
            spread_note=self.tr("Multi-year investment is spread evenly over the period"),
            start_note=self.tr("Multi-year investment counts in the start year"),
            area_note=self.tr(
                "A project counts in full for every town/street it names; 各板块 projects ({n}) "
                "count for all, so the bars do not add up to the total"
            ),
            progress_note=self.tr("Completed = each project's latest progress report up to {date}"),
            status_labels={
                "planned": self.tr("Not started"),
                "in_progress": self.tr("In progress"),
                "done": self.tr("Built"),
                "suspended": self.tr("Suspended"),
            },
        )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
