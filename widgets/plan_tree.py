"""The plans → sections tree on the left of the main window, with counts and totals (万元).

Selecting a plan or a section sets the grid's scope (`scopeChanged(plan_id, section_id|None)`).
Its context menu adds, renames, moves and deletes sections through services.plans; each of those
is one undo step on the shared stack (widgets.section_commands). Totals come from services.summary.section_totals (one SQL group-by per plan), so the tree
never counts rows itself and stays cheap at 1,000,000 projects.
"""

from __future__ import annotations

import html
import logging
from decimal import Decimal

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QBrush,
    QFont,
    QKeySequence,
    QPalette,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.operations import OpCommand, listen, perform
from app.tasks import TaskHandle, run_task
from services.errors import LedgerError
from services.parsing import format_money
from services.query import ZERO
from services.query import plans as list_plans
from services.summary import SectionTotal, section_totals
from widgets.section_commands import (
    add_section_command,
    current_section_id,
    delete_section_command,
    move_section_command,
    rename_section_command,
)
from widgets.status_summary import money_text

log = logging.getLogger(__name__)

KIND_ROLE = Qt.ItemDataRole.UserRole + 1  # "plan" | "section"
PLAN_ROLE = Qt.ItemDataRole.UserRole + 2
SECTION_ROLE = Qt.ItemDataRole.UserRole + 3
POSITION_ROLE = Qt.ItemDataRole.UserRole + 4
COUNT_ROLE = Qt.ItemDataRole.UserRole + 5

NAME_COLUMN, COUNT_COLUMN, AMOUNT_COLUMN = 0, 1, 2


def _load_totals(state, factory, plan_ids: list[int]) -> dict[int, list[SectionTotal]]:
    """Worker thread: one SQL group-by per plan, in a session of its own."""
    result = {}
    with factory() as session:
        for plan_id in plan_ids:
            state.check()
            result[plan_id] = section_totals(session, plan_id)
    return result


class PlanTree(QWidget):
    """Plans and their sections. The current item is the grid's scope."""

    scopeChanged = Signal(object, object)  # plan_id | None, section_id | None
    totalsUpdated = Signal()  # counts and sums arrived from the background recount
    newPlanRequested = Signal()
    editPlanRequested = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = QStandardItemModel(0, 3, self)
        self.view = QTreeView(self)
        self.view.setModel(self.model)
        self.view.setObjectName("planTree")
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(False)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(NAME_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COUNT_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(AMOUNT_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        self.info = QLabel(self)
        self.info.setObjectName("planInfo")
        self.info.setWordWrap(True)
        self.info.setTextFormat(Qt.TextFormat.RichText)
        self.info.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.info.setMargin(8)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.info)
        self._plan_info: dict[int, dict] = {}

        self._build_actions()
        self._retranslate_header()
        self.view.selectionModel().currentChanged.connect(self._on_current_changed)
        self._figures: dict[int, tuple[int, Decimal]] = {}  # section id -> count, sum
        self._plan_figures: dict[int, tuple[int, Decimal]] = {}
        self._generation = 0
        self._task: TaskHandle | None = None
        # Edits arrive in bursts (typing, paste, undo); recount once they settle.
        self._totals_timer = QTimer(self, singleShot=True, interval=150)
        self._totals_timer.timeout.connect(self.refresh_totals)
        listen(ctx, self, structure=self.refresh, projects=self._on_projects_changed)
        self._scope: tuple[int | None, int | None] = (None, None)
        self.refresh()

    # ------------------------------------------------------------------ actions

    def _build_actions(self) -> None:
        def action(text: str, slot, shortcut: str | None = None) -> QAction:
            act = QAction(text, self)
            act.triggered.connect(slot)
            if shortcut:
                act.setShortcut(QKeySequence(shortcut))
                act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                self.view.addAction(act)
            return act

        self.new_plan_action = action(self.tr("New Plan…"), self.newPlanRequested.emit)
        self.edit_plan_action = action(self.tr("Plan Properties…"), self._edit_plan)
        self.add_section_action = action(self.tr("Add Section…"), self.add_section, "Ins")
        self.rename_section_action = action(self.tr("Rename Section…"), self.rename_section, "F2")
        self.move_up_action = action(
            self.tr("Move Section Up"), lambda: self.move_section(-1), "Alt+Up"
        )
        self.move_down_action = action(
            self.tr("Move Section Down"), lambda: self.move_section(1), "Alt+Down"
        )
        self.delete_section_action = action(self.tr("Delete Section"), self.delete_section, "Del")

    def _retranslate_header(self) -> None:
        self.model.setHorizontalHeaderLabels(
            [self.tr("Plan / section"), self.tr("Projects"), self.tr("×10k CNY")]
        )
        for column in (COUNT_COLUMN, AMOUNT_COLUMN):
            self.model.horizontalHeaderItem(column).setTextAlignment(
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            )

    def _context_menu(self, pos: QPoint) -> None:
        self._update_actions()
        menu = QMenu(self)
        menu.addAction(self.new_plan_action)
        menu.addAction(self.edit_plan_action)
        menu.addSeparator()
        for act in (
            self.add_section_action,
            self.rename_section_action,
            self.move_up_action,
            self.move_down_action,
            self.delete_section_action,
        ):
            menu.addAction(act)
        menu.exec(self.view.viewport().mapToGlobal(pos))

    def _update_actions(self) -> None:
        plan_id, section_id = self.current_scope()
        item = self._current_item()
        self.edit_plan_action.setEnabled(plan_id is not None)
        self.add_section_action.setEnabled(plan_id is not None)
        for act in (self.rename_section_action, self.delete_section_action):
            act.setEnabled(section_id is not None)
        if section_id is not None and item is not None:
            siblings = item.parent().rowCount()
            self.move_up_action.setEnabled(item.row() > 0)
            self.move_down_action.setEnabled(item.row() < siblings - 1)
        else:
            self.move_up_action.setEnabled(False)
            self.move_down_action.setEnabled(False)

    # ------------------------------------------------------------------ data

    def refresh(self) -> None:
        """Rebuild from the database, keeping the current item and the expanded plans.

        Names come first (a cheap read); counts and sums follow from a background group-by so
        a 1,000,000-project plan never holds the window. Until they arrive the last known
        figures stay on screen.
        """
        expanded = set()
        for row in range(self.model.rowCount()):
            index = self.model.index(row, 0)
            if self.view.isExpanded(index):
                expanded.add(index.data(PLAN_ROLE))
        first_build = self.model.rowCount() == 0
        plan_id, section_id = self.current_scope()
        bold = QFont(self.font())
        bold.setBold(True)
        self.view.selectionModel().blockSignals(True)
        try:
            self.model.removeRows(0, self.model.rowCount())
            with self.ctx.session() as session:
                for plan in list_plans(session):
                    plan_items = self._row(plan.title, "plan", plan.id, None, 0)
                    self._plan_info[plan.id] = {
                        "title": plan.title,
                        "years": plan.years_label,
                        "doc_number": plan.doc_number,
                        "issuer": plan.issuer,
                        "issue_date": plan.issue_date,
                    }
                    for cell in plan_items:
                        cell.setFont(bold)
                    plan_items[0].setToolTip(
                        "\n".join(
                            filter(None, [plan.title, plan.doc_number, plan.issuer, plan.region])
                        )
                    )
                    for section in plan.sections:
                        items = self._row(
                            section.name, "section", plan.id, section.id, section.position
                        )
                        items[0].setToolTip(section.name)
                        plan_items[0].appendRow(items)
                    self.model.appendRow(plan_items)
        finally:
            self.view.selectionModel().blockSignals(False)
        self._show_figures()
        for row in range(self.model.rowCount()):
            index = self.model.index(row, 0)
            if first_build or index.data(PLAN_ROLE) in expanded or index.data(PLAN_ROLE) == plan_id:
                self.view.expand(index)
        # Reselect quietly; emit only if the old scope vanished (deleted plan or section).
        if plan_id is not None and not self.select(plan_id, section_id, emit=False):
            if not self.select(plan_id, None, emit=False) and self.model.rowCount():
                self.view.selectionModel().blockSignals(True)
                self.view.setCurrentIndex(self.model.index(0, 0))
                self.view.selectionModel().blockSignals(False)
            self._emit_scope()
        self.refresh_totals()

    def refresh_totals(self) -> None:
        """Recount every plan in the background; only the newest request is applied."""
        self._totals_timer.stop()
        self._generation += 1
        generation = self._generation
        self._task = run_task(
            None,
            "",
            _load_totals,
            self.ctx.session_factory,
            self.plan_ids(),
            on_done=lambda result: self._apply_totals(generation, result),
            on_error=lambda exc, tb: log.error("plan totals failed: %s\n%s", exc, tb),
            show_dialog=False,
        )

    def totals_pending(self) -> bool:
        """True while a recount is queued or running (tests wait on it)."""
        running = self._task is not None and not self._task.done
        return running or self._totals_timer.isActive()

    def _apply_totals(self, generation: int, result: dict[int, list[SectionTotal]]) -> None:
        if generation != self._generation:
            return  # a newer recount is on its way
        try:
            for plan_id, totals in result.items():
                for total in totals:
                    self._figures[total.section_id] = (
                        total.projects,
                        total.planned_investment_wan,
                    )
                self._plan_figures[plan_id] = (
                    sum(t.projects for t in totals),
                    sum((t.planned_investment_wan for t in totals), ZERO),
                )
            self._show_figures()
            self._show_info(self.current_scope()[0])
        except RuntimeError:  # the tree was closed while counting
            return
        self.totalsUpdated.emit()

    def _show_figures(self) -> None:
        muted = QBrush(self.palette().color(QPalette.ColorRole.PlaceholderText))
        normal = QBrush(self.palette().color(QPalette.ColorRole.Text))
        for plan_row in range(self.model.rowCount()):
            plan_item = self.model.item(plan_row, 0)
            figures = self._plan_figures.get(plan_item.data(PLAN_ROLE))
            self._set_figures(plan_row, None, figures)
            for row in range(plan_item.rowCount()):
                figures = self._figures.get(plan_item.child(row, 0).data(SECTION_ROLE))
                self._set_figures(row, plan_item, figures)
                empty = figures is not None and figures[0] == 0
                for column in range(3):
                    plan_item.child(row, column).setForeground(muted if empty else normal)

    def _set_figures(self, row: int, parent: QStandardItem | None, figures) -> None:
        def cell(column: int) -> QStandardItem:
            return parent.child(row, column) if parent is not None else self.model.item(row, column)

        count, amount = figures if figures is not None else (None, None)
        cell(COUNT_COLUMN).setText("" if count is None else f"{count:,}")
        cell(AMOUNT_COLUMN).setText("" if amount is None else format_money(amount))
        for column in range(3):
            cell(column).setData(count, COUNT_ROLE)

    def _row(self, name, kind, plan_id, section_id, position) -> list[QStandardItem]:
        items = [QStandardItem(name), QStandardItem(), QStandardItem()]
        for item in items:
            item.setData(kind, KIND_ROLE)
            item.setData(plan_id, PLAN_ROLE)
            item.setData(section_id, SECTION_ROLE)
            item.setData(position, POSITION_ROLE)
            item.setEditable(False)
        for item in items[1:]:
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return items

    def _on_projects_changed(self, changeset) -> None:
        # Counts and sums move only when money, membership or rows change; plain text edits don't.
        if (
            changeset is None
            or getattr(changeset, "totals_touched", True)
            or not getattr(changeset, "fields", None)
        ):
            self._totals_timer.start()

    # ------------------------------------------------------------------ selection

    def _current_item(self) -> QStandardItem | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        return self.model.itemFromIndex(index.siblingAtColumn(0))

    def current_scope(self) -> tuple[int | None, int | None]:
        index = self.view.currentIndex()
        if not index.isValid():
            return (None, None)
        return (index.data(PLAN_ROLE), index.data(SECTION_ROLE))

    def plan_ids(self) -> list[int]:
        return [self.model.index(r, 0).data(PLAN_ROLE) for r in range(self.model.rowCount())]

    def section_rows(self, plan_id: int) -> list[tuple[int, str, int, str]]:
        """(section id, name, project count, amount text) of a plan, as shown."""
        rows = []
        for plan_row in range(self.model.rowCount()):
            plan_index = self.model.index(plan_row, 0)
            if plan_index.data(PLAN_ROLE) != plan_id:
                continue
            for row in range(self.model.rowCount(plan_index)):
                index = self.model.index(row, 0, plan_index)
                rows.append(
                    (
                        index.data(SECTION_ROLE),
                        index.data(),
                        index.data(COUNT_ROLE),
                        index.siblingAtColumn(AMOUNT_COLUMN).data(),
                    )
                )
        return rows

    def index_of(self, plan_id: int | None, section_id: int | None = None) -> QModelIndex:
        for plan_row in range(self.model.rowCount()):
            plan_index = self.model.index(plan_row, 0)
            if plan_index.data(PLAN_ROLE) != plan_id:
                continue
            if section_id is None:
                return plan_index
            for row in range(self.model.rowCount(plan_index)):
                index = self.model.index(row, 0, plan_index)
                if index.data(SECTION_ROLE) == section_id:
                    return index
        return QModelIndex()

    def select(self, plan_id: int | None, section_id: int | None = None, *, emit=True) -> bool:
        index = self.index_of(plan_id, section_id)
        if not index.isValid():
            return False
        if emit:
            self.view.setCurrentIndex(index)
        else:
            self.view.selectionModel().blockSignals(True)
            try:
                self.view.setCurrentIndex(index)
            finally:
                self.view.selectionModel().blockSignals(False)
            self.view.viewport().update()
            self._scope = (plan_id, section_id)
            self._show_info(plan_id)
        self.view.scrollTo(index)
        return True

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._emit_scope()

    def _emit_scope(self) -> None:
        scope = self.current_scope()
        self._scope = scope
        self._show_info(scope[0])
        self.scopeChanged.emit(*scope)

    def _show_info(self, plan_id: int | None) -> None:
        """The plan's document facts under the tree (文号, issuer, date, totals)."""
        info = self._plan_info.get(plan_id) if plan_id is not None else None
        if info is None:
            self.info.clear()
            return
        lines = [f"<b>{html.escape(info['title'])}</b>"]
        facts = [
            (self.tr("Years"), info["years"]),
            (self.tr("Document no."), info["doc_number"]),
            (self.tr("Issued by"), info["issuer"]),
            (self.tr("Issued on"), info["issue_date"].isoformat() if info["issue_date"] else None),
        ]
        for label, value in facts:
            if value:
                lines.append(
                    html.escape(self.tr("%1: %2").replace("%1", label).replace("%2", str(value)))
                )
        figures = self._plan_figures.get(plan_id)
        if figures is not None:
            lines.append(
                self.tr("%n project(s), %1", "", figures[0]).replace(
                    "%1", html.escape(money_text(figures[1]))
                )
            )
        self.info.setText("<br>".join(lines))

    # ------------------------------------------------------------------ section edits

    def _edit_plan(self) -> None:
        plan_id, _ = self.current_scope()
        if plan_id is not None:
            self.editPlanRequested.emit(plan_id)

    def _apply(self, command: OpCommand) -> bool:
        try:
            perform(self.ctx, command)
        except LedgerError as exc:
            QMessageBox.warning(self, command.text(), str(exc))
            return False
        return True

    def add_section(self, name: str | None = None) -> None:
        plan_id, section_id = self.current_scope()
        if plan_id is None:
            return
        if name is None:
            name, ok = QInputDialog.getText(
                self, self.tr("Add Section"), self.tr("Section name, e.g. (七)其他:")
            )
            if not ok or not name.strip():
                return
        item = self._current_item()
        # After the current section, else at the end of the plan.
        position = item.data(POSITION_ROLE) + 1 if section_id is not None and item else None
        command = add_section_command(self.ctx, plan_id, name.strip(), position)
        if self._apply(command):
            self.refresh()

    def rename_section(self, name: str | None = None) -> None:
        _plan_id, section_id = self.current_scope()
        item = self._current_item()
        if section_id is None or item is None:
            return
        if name is None:
            name, ok = QInputDialog.getText(
                self, self.tr("Rename Section"), self.tr("Section name:"), text=item.text()
            )
            if not ok or name.strip() == item.text():
                return
        self._apply(rename_section_command(self.ctx, section_id, name))

    def move_section(self, step: int) -> None:
        plan_id, section_id = self.current_scope()
        item = self._current_item()
        if section_id is None or item is None:
            return
        target = item.row() + step
        if not 0 <= target < item.parent().rowCount():
            return
        if self._apply(move_section_command(self.ctx, section_id, target)):
            self.select(plan_id, current_section_id(section_id))

    def delete_section(self) -> None:
        plan_id, section_id = self.current_scope()
        item = self._current_item()
        if section_id is None or item is None:
            return
        if item.data(COUNT_ROLE):
            QMessageBox.information(
                self,
                self.tr("Delete Section"),
                self.tr(
                    "“%1” still has %n project(s). Move or delete them first; "
                    "nothing is deleted with a section.",
                    "",
                    item.data(COUNT_ROLE),
                ).replace("%1", item.text()),
            )
            return
        command = delete_section_command(
            self.ctx, plan_id, section_id, item.text(), item.data(POSITION_ROLE)
        )
        self._apply(command)

    def changeEvent(self, event) -> None:
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate_header()
        super().changeEvent(event)
