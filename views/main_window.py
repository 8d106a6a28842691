"""The main window: plans tree (left), project grid and other tabs (centre), details (right).

It only wires parts together: the tree and the filter bar produce one ProjectFilter which the grid,
the dashboard and the status bar take; the grid's current row feeds the details panel; menus call
services or open the dialogs of views/. Further tabs and actions plug in through two hooks —

    window.add_tab(key, title, factory)            # a centre tab built on first show
    window.add_action(menu_key, action)            # "file" | "edit" | "view" | "plan" | "help"

— and opens its dialogs and heavier tabs (dashboard, tracking) through imports made on first
use, so start-up does not pay for matplotlib or the tracking views. The window never builds SQL
and never runs long work on the GUI thread itself.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QUndoView,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.i18n import LANGUAGE, LANGUAGES, current_language
from app.operations import announce, listen, run_and_announce
from app.settings import Option
from services.about import about_info
from services.errors import LedgerError
from services.operations import OpChanges
from services.query import ProjectFilter
from services.query import plans as list_plans
from views import ledger_menu
from widgets.empty_state import empty_state_page
from widgets.filter_bar import FilterBar
from widgets.lazy_tabs import LazyTabWidget
from widgets.plan_tree import PlanTree
from widgets.project_grid import ProjectGrid
from widgets.status_summary import StatusSummary

log = logging.getLogger(__name__)

GEOMETRY = Option("main/geometry", QByteArray, QByteArray(), "main window geometry")
WINDOW_STATE = Option("main/state", QByteArray, QByteArray(), "docks and toolbars")
LAST_PLAN = Option("main/last_plan_id", int, 0, "plan shown at start")
LAST_TAB = Option("main/last_tab", str, "projects", "centre tab shown at start")


def _dashboard(ctx: AppContext) -> QWidget:
    from views.dashboard_view import DashboardView

    return DashboardView(ctx)


def _tracking_view(ctx: AppContext, name: str) -> QWidget:
    from views import tracking_views

    return getattr(tracking_views, name)(ctx)


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("mainWindow")
        self.resize(1400, 850)
        self.menus: dict[str, QMenu] = {}
        self.actions_by_key: dict[str, QAction] = {}
        self._plan_actions: list[QAction] = []  # enabled while a plan is shown
        self._plan_id: int | None = None
        self._filter = ProjectFilter()

        self._build_centre()
        self._build_docks()
        self.summary = StatusSummary(self)
        self.statusBar().addPermanentWidget(self.summary)
        self._build_menus()  # also the File menu's ledger entries and the server indicator
        self._build_builtin_tabs()
        self._connect()
        self._restore_settings()
        self._show_initial_plan()

    # ------------------------------------------------------------------ construction

    def _build_centre(self) -> None:
        from views.tracking_views import decorate_project_grid, register_schedule_column

        # The 序时进度 flag column must be registered before the grid copies its columns.
        register_schedule_column()
        self.grid = ProjectGrid(self.ctx)
        decorate_project_grid(self.grid)
        self.filter_bar = FilterBar(self.ctx, self)
        grid_page = QWidget(self)
        layout = QVBoxLayout(grid_page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.grid, 1)
        self.tabs = LazyTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.add_page("projects", self.tr("Projects"), grid_page)
        self.empty_state = self._build_empty_state()
        self.centre = QStackedWidget(self)
        self.centre.addWidget(self.tabs)
        self.centre.addWidget(self.empty_state)
        self.setCentralWidget(self.centre)

    def _build_empty_state(self) -> QWidget:
        self.sample_button = QPushButton(self.tr("Load the 2023 钟楼 sample plan"), self)
        self.sample_button.clicked.connect(self.load_sample)
        self.import_button = QPushButton(self.tr("Import a table…"), self)
        self.import_button.clicked.connect(lambda _checked=False: self.import_table())
        new_button = QPushButton(self.tr("New empty plan…"), self)
        new_button.clicked.connect(self.new_plan)
        buttons = [self.sample_button, self.import_button, new_button]
        for button in buttons:
            button.setMinimumHeight(34)
        return empty_state_page(
            QWidget(self),
            self.tr("No plan yet"),
            self.tr(
                "GreenLedger keeps the project tables of your district's eco-civilization "
                "work plans. Start with the 2023 钟楼 sample plan to look around, import the "
                "project table you already keep in Excel or WPS, or start an empty plan."
            ),
            buttons,
            title_scale=1.6,
            button_gap=18,
            centred_text=True,
        )

    def _dock(self, name: str, title: str, widget: QWidget, area) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)  # saveState() needs stable names
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _build_docks(self) -> None:
        from views.project_details import ProjectDetails

        left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        self.plan_tree = PlanTree(self.ctx, self)
        self.tree_dock = self._dock("plansDock", self.tr("Plans"), self.plan_tree, left)
        self.details = ProjectDetails(self.ctx, self)
        self.details_dock = self._dock(
            "detailsDock", self.tr("Project details"), self.details, right
        )
        self.undo_view = QUndoView(self.ctx.undo_stack, self)
        self.undo_view.setEmptyLabel(self.tr("<original>"))
        self.undo_dock = self._dock("undoDock", self.tr("Undo history"), self.undo_view, right)
        self.tabifyDockWidget(self.details_dock, self.undo_dock)
        self.details_dock.raise_()
        self.undo_dock.hide()
        self.resizeDocks([self.tree_dock, self.details_dock], [310, 350], Qt.Orientation.Horizontal)

    def _action(
        self, key: str, text: str, slot: Callable, shortcut=None, *, needs_plan: bool = False
    ) -> QAction:
        """A menu action; `needs_plan` marks one that works on the plan shown."""
        action = QAction(text, self)
        action.setObjectName(f"action_{key}")
        action.triggered.connect(lambda _checked=False: slot())
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if needs_plan:
            self._plan_actions.append(action)
        self.actions_by_key[key] = action
        return action

    def _menu(self, key: str, title: str, entries: list) -> QMenu:
        menu = self.menus[key] = self.menuBar().addMenu(title)
        for entry in entries:
            if entry is None:
                menu.addSeparator()
            else:
                menu.addAction(entry)
        menu.aboutToShow.connect(self._update_actions)
        return menu

    def _build_menus(self) -> None:
        self._build_file_menu()
        self._build_edit_menu()
        self._build_view_menu()
        self._build_plan_menu()
        from views.returns_menu import add_menu_actions  # 分发填报表 / 收回填报表 / 填报情况

        add_menu_actions(self)
        from views.backup_dialog import add_menu_action as add_backup_action  # 备份与恢复

        add_backup_action(self)
        about = self._action("about", self.tr("&About GreenLedger"), self.about)
        self._menu("help", self.tr("&Help"), [about])
        ledger_menu.install(self)  # 打开台账文件 / 连接服务器 / recent ledgers; sets self.live
        self._update_actions()

    def _build_file_menu(self) -> None:
        a = self._action
        self._menu(
            "file",
            self.tr("&File"),
            [
                a("new_plan", self.tr("&New Plan…"), self.new_plan, "Ctrl+N"),
                None,
                a("import", self.tr("&Import…"), self.import_table, "Ctrl+I"),
                a("export", self.tr("&Export…"), self.export_table, "Ctrl+E", needs_plan=True),
                a("briefing", self.tr("&Briefing PDF…"), self.briefing, "Ctrl+P", needs_plan=True),
                *self.grid.view.print_actions_by_name.values(),
                None,
                a("load_sample", self.tr("Load &Sample Plan"), self.load_sample),
                None,
                a("quit", self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit),
            ],
        )

    def _build_edit_menu(self) -> None:
        a = self._action
        undo = self.ctx.undo_stack.createUndoAction(self, self.tr("&Undo"))
        undo.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Undo))
        redo = self.ctx.undo_stack.createRedoAction(self, self.tr("&Redo"))
        redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.actions_by_key.update(undo=undo, redo=redo)
        self._menu(
            "edit",
            self.tr("&Edit"),
            [
                undo,
                redo,
                a("undo_history", self.tr("Undo &History"), self.show_undo_history, "Ctrl+Shift+H"),
                None,
                *self.grid.edit_actions(),
                None,
                a("filter", self.tr("&Filter…"), self.filter_bar.focus_quick_filter, "Ctrl+F"),
                a("clear_filter", self.tr("&Clear Filters"), self.filter_bar.clear, "Ctrl+Shift+F"),
            ],
        )

    def _build_view_menu(self) -> None:
        view = self._menu("view", self.tr("&View"), [])
        self._tabs_anchor = view.addSeparator()
        for dock in (self.tree_dock, self.details_dock, self.undo_dock):
            view.addAction(dock.toggleViewAction())
        view.addSeparator()
        view.addAction(self._action("refresh", self.tr("&Refresh"), self.refresh, "F5"))
        languages = view.addMenu(self.tr("&Language"))
        group = QActionGroup(self)
        for code, name in LANGUAGES.items():
            action = QAction(name, self, checkable=True, checked=code == current_language())
            action.setObjectName(f"language_{code}")
            action.triggered.connect(lambda _c=False, code=code: self.set_language(code))
            group.addAction(action)
            languages.addAction(action)

    def _build_plan_menu(self) -> None:
        a = self._action
        tree = self.plan_tree
        plan = self._menu(
            "plan",
            self.tr("&Plan"),
            [
                a("plan_properties", self.tr("Plan &Properties…"), self.edit_plan),
                tree.add_section_action,
                tree.rename_section_action,
                tree.move_up_action,
                tree.move_down_action,
                tree.delete_section_action,
                None,
                a("rollover", self.tr("&Roll Over to Next Year…"), self.rollover, needs_plan=True),
                a("compare", self.tr("&Compare With…"), self.compare_plans, needs_plan=True),
            ],
        )
        plan.aboutToShow.connect(tree._update_actions)

    def _build_builtin_tabs(self) -> None:
        ctx = self.ctx
        self.add_tab("dashboard", self.tr("Dashboard"), lambda: _dashboard(ctx))
        for key, title, view in (
            ("indicators", self.tr("Indicators"), "IndicatorsView"),
            ("key_tasks", self.tr("Key tasks"), "KeyTasksView"),
            ("rectifications", self.tr("Rectification"), "RectificationsView"),
            ("progress", self.tr("Progress"), "ProgressView"),
        ):
            self.add_tab(key, title, lambda view=view: _tracking_view(ctx, view))
        self._sync_tab_actions()

    def _connect(self) -> None:
        self.plan_tree.scopeChanged.connect(self._on_scope_changed)
        self.plan_tree.newPlanRequested.connect(self.new_plan)
        self.plan_tree.editPlanRequested.connect(self.edit_plan)
        self.filter_bar.filterChanged.connect(self._apply_filter)
        self.filter_bar.leaveRequested.connect(self.grid.view.setFocus)
        self.grid.currentProjectChanged.connect(self.details.set_project)
        self.grid.selectionStatsChanged.connect(self._on_selection_stats)
        self.tabs.tabBuilt.connect(self._on_tab_built)
        self.tabs.currentKeyChanged.connect(LAST_TAB.set)
        listen(self.ctx, self, structure=self._on_structure_changed)

    # ------------------------------------------------------------------ public hooks

    def add_tab(
        self, key: str, title: str, factory: Callable[[], QWidget], *, index: int = -1
    ) -> None:
        """A centre tab whose widget `factory()` builds on first show.

        A widget with `set_plan(plan_id)` / `set_filter(ProjectFilter)` is kept in step with the
        tree and filter bar; its `drillDown(ProjectFilter)` signal filters the project grid.
        """
        self.tabs.add_lazy(key, title, factory, index)
        if "view" in self.menus:
            self._sync_tab_actions()

    def add_action(self, menu_key: str, action: QAction) -> None:
        """Add an action at the end of one of the menus ("file", "edit", "view", "plan", "help");
        in the File menu that is above Quit's section, so Quit stays the last entry."""
        menu = self.menus[menu_key]
        entries = menu.actions()
        quit_action = self.actions_by_key.get("quit")
        if menu_key != "file" or quit_action not in entries:
            menu.addAction(action)
            return
        at = entries.index(quit_action)
        before = entries[at - 1] if at and entries[at - 1].isSeparator() else quit_action
        menu.insertAction(before, action)

    def tab_widget(self, key: str) -> QWidget | None:
        """The widget of a tab, built now if needed (None for an unknown key)."""
        return self.tabs.page(key)

    def show_tab(self, key: str) -> bool:
        return self.tabs.show_key(key)

    def current_filter(self) -> ProjectFilter:
        return self._filter

    def current_plan_id(self) -> int | None:
        return self._plan_id

    # ------------------------------------------------------------------ tabs

    def _sync_tab_actions(self) -> None:
        """View menu: one entry per tab, Ctrl+1…Ctrl+9 in tab order."""
        view = self.menus["view"]
        for action in self.tabs.actions_in_order():
            view.removeAction(action)
            view.insertAction(self._tabs_anchor, action)

    def _on_tab_built(self, key: str, widget: QWidget) -> None:
        drill = getattr(widget, "drillDown", None)
        if drill is not None:
            drill.connect(self.drill_down)
        self._follow(key, widget, plan=True, flt=True)

    def _follow(self, key: str, widget: QWidget, *, plan: bool, flt: bool) -> None:
        # One tab's view failing must not break the window: log it and carry on.
        try:
            if plan and hasattr(widget, "set_plan"):
                widget.set_plan(self._plan_id)
            if flt and hasattr(widget, "set_filter"):
                widget.set_filter(self._filter)
        except Exception:
            log.exception("tab %s failed to follow the plan or filter", key)

    def drill_down(self, flt: ProjectFilter) -> None:
        """A dashboard figure was picked: the grid (and every view) follows that filter.

        The dashboard keeps the focus so its breadcrumb can drill further; Ctrl+1 shows the rows.
        """
        self.filter_bar.set_filter(flt)
        message = self.tr("The project table now shows the projects behind “%1” (Ctrl+1).")
        self.statusBar().showMessage(message.replace("%1", self._describe(flt)), 8000)

    def _describe(self, flt: ProjectFilter) -> str:
        if flt.ids is not None:
            return self.tr("%n picked project(s)", "", len(flt.ids))
        bar = self.filter_bar
        parts = [bar.section.currentText()] if flt.section_ids else []
        parts += [str(v) for v in (flt.project_type, flt.year, flt.text) if v]
        parts += [bar.owner.text()] if flt.owner_id is not None else []
        parts += [bar.status.currentText()] if flt.status is not None else []
        return " · ".join(parts) or self.tr("the whole plan")

    # ------------------------------------------------------------------ scope and filter

    def _show_initial_plan(self) -> None:
        plan_ids = self.plan_tree.plan_ids()
        self._update_empty_state()
        if plan_ids:
            last = LAST_PLAN.value
            self.plan_tree.select(last if last in plan_ids else plan_ids[0])

    def _on_scope_changed(self, plan_id: int | None, section_id: int | None) -> None:
        if plan_id != self._plan_id:
            self._plan_id = self.ctx.plan_id = plan_id
            if plan_id is not None:
                LAST_PLAN.set(plan_id)
            self.ctx.bus.planSelected.emit(plan_id)
            for key, widget in self.tabs.built_pages():
                if key != "projects":
                    self._follow(key, widget, plan=True, flt=False)
            self._update_title()
        self.filter_bar.set_scope(plan_id, section_id)

    def _apply_filter(self, flt: ProjectFilter) -> None:
        self._filter = flt
        self.grid.set_filter(flt)
        for key, widget in self.tabs.built_pages():
            if key != "projects":
                self._follow(key, widget, plan=False, flt=True)
        # Keep the tree on the section the bar shows (the bar may have changed it).
        section_id = self.filter_bar.section_id()
        if self.plan_tree.current_scope() != (flt.plan_id, section_id):
            self.plan_tree.select(flt.plan_id, section_id, emit=False)

    def _on_selection_stats(self, stats) -> None:
        """ProjectGrid's SelectionStats: the selection and the filtered rows, summed in SQL."""
        self.summary.set_selection(stats.projects, stats.planned_investment_wan)
        self.summary.set_rows(stats.filtered_projects, stats.filtered_investment_wan)
        filtered = self.filter_bar.is_filtered()
        count = stats.filtered_projects
        self.filter_bar.set_count_text(self.tr("%n project(s)", "", count) if filtered else "")

    def _on_structure_changed(self) -> None:
        self.filter_bar.reload()
        self._update_empty_state()
        self._update_title()
        plan_ids = self.plan_tree.plan_ids()
        if self._plan_id is None and plan_ids:
            self.plan_tree.select(plan_ids[0])
        elif self._plan_id is not None and self._plan_id not in plan_ids:
            self._on_scope_changed(None, None)

    def _update_empty_state(self) -> None:
        empty = not self.plan_tree.plan_ids()
        self.centre.setCurrentWidget(self.empty_state if empty else self.tabs)
        self.details_dock.setEnabled(not empty)

    def _update_title(self) -> None:
        # Qt appends the application display name itself (" — GreenLedger 绿色台账").
        index = self.plan_tree.index_of(self._plan_id)
        plan_title = str(index.data()) if index.isValid() else ""
        self.grid.view.print_title = plan_title
        where = ledger_menu.title_suffix(self)  # " — user@server/db" on the office server
        self.setWindowTitle(plan_title + where if plan_title else where.removeprefix(" — "))

    def _update_actions(self) -> None:
        has_plan = self._plan_id is not None
        for action in self._plan_actions:
            action.setEnabled(has_plan)
        self.actions_by_key["plan_properties"].setEnabled(has_plan)

    # ------------------------------------------------------------------ commands

    def refresh(self) -> None:
        """Re-read everything (after another program wrote to the database)."""
        self.plan_tree.refresh()
        self.filter_bar.reload()
        # Everything may have changed: the grid and every view refetch their rows.
        announce(self.ctx, OpChanges(tables={"project"}, rows_changed=True, totals_touched=True))
        self._apply_filter(self.filter_bar.filter())

    def load_sample(self) -> None:
        from services.sample import load_sample

        try:
            changes = run_and_announce(
                self.ctx, lambda op: load_sample(op.session).id, label="load sample"
            )
        except LedgerError as exc:
            QMessageBox.information(self, self.tr("Load Sample Plan"), str(exc))
            return
        self.plan_tree.select(changes.value)
        self.statusBar().showMessage(self.tr("Sample plan loaded."), 5000)

    def new_plan(self) -> None:
        from views.plan_dialog import run_new_plan_dialog

        plan_id = run_new_plan_dialog(self, self.ctx)
        if plan_id is not None:
            self.plan_tree.select(plan_id)

    def edit_plan(self, plan_id: int | None = None) -> None:
        from views.plan_dialog import run_edit_plan_dialog

        plan_id = plan_id or self._plan_id
        if plan_id is not None:
            run_edit_plan_dialog(self, self.ctx, plan_id)

    def _run_dialog(self, run: Callable[..., object], *args) -> object:
        """Run a dialog's `run_…(window, ctx, *args)`; a refused action is a message, not a crash."""
        try:
            return run(self, self.ctx, *args)
        except LedgerError as exc:
            QMessageBox.warning(self, self.tr("GreenLedger"), str(exc))
        return None

    def _after_new_plan(self, plan_id: object) -> None:
        # Import and rollover may create plans; show the new one.
        self.plan_tree.refresh()
        self._update_empty_state()
        if isinstance(plan_id, int):
            self.plan_tree.select(plan_id)
        elif self._plan_id is None and self.plan_tree.plan_ids():
            self.plan_tree.select(self.plan_tree.plan_ids()[0])

    def import_table(self, path: str | None = None) -> None:
        """文件 ▸ 导入; with `path` (a file opened from the desktop) the dialog starts on it."""
        from views.import_dialog import run_import_dialog

        self._after_new_plan(self._run_dialog(run_import_dialog, path))

    def export_table(self) -> None:
        from views.export_dialog import run_export_dialog

        self._run_dialog(run_export_dialog, self._filter)

    def briefing(self) -> None:
        from views.briefing_dialog import run_briefing_dialog

        selected = list(self.grid.selected_ids())
        self._run_dialog(run_briefing_dialog, self._filter, selected)

    def rollover(self) -> None:
        from views.rollover_dialog import run_rollover_dialog

        if self._plan_id is not None:
            self._after_new_plan(self._run_dialog(run_rollover_dialog, self._plan_id))

    def compare_plans(self) -> None:
        from views.plan_diff_dialog import run_plan_diff_dialog

        if self._plan_id is not None:
            self._run_dialog(run_plan_diff_dialog, self._plan_id)

    def show_undo_history(self) -> None:
        self.undo_dock.show()
        self.undo_dock.raise_()
        self.undo_view.setFocus()

    def set_language(self, code: str) -> None:
        if code == current_language():
            return
        LANGUAGE.set(code)
        QMessageBox.information(
            self,
            self.tr("Language"),
            self.tr("The new language is used the next time GreenLedger starts."),
        )

    def about(self) -> None:
        from views.about_dialog import AboutDialog

        with self.ctx.session() as session:
            plan_count = len(list_plans(session))
        AboutDialog(self, about_info(self.ctx.engine.url), plan_count).exec()

    # ------------------------------------------------------------------ settings

    def _restore_settings(self) -> None:
        if not GEOMETRY.value.isEmpty():
            self.restoreGeometry(GEOMETRY.value)
        if not WINDOW_STATE.value.isEmpty():
            self.restoreState(WINDOW_STATE.value)
        self.tabs.show_key(LAST_TAB.value)

    def save_settings(self) -> None:
        GEOMETRY.set(self.saveGeometry())
        WINDOW_STATE.set(self.saveState())
        self.grid.view.column_layout.save()  # widths by column key (grid/projects/columns)
        if self._plan_id is not None:
            LAST_PLAN.set(self._plan_id)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.details.is_dirty() and not self.details.save():
            answer = QMessageBox.question(
                self,
                self.tr("Unsaved details"),
                self.tr("The project details have errors and were not saved. Quit anyway?"),
            )
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        self.save_settings()
        super().closeEvent(event)
