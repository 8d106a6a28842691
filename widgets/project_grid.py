"""ProjectGrid: the project ledger (附件1 工程项目表) as a spreadsheet-grade grid.

Wraps a LazyTableModel over services.records.ProjectSource and a SpreadsheetView, with the
official column headers (translated), status labels, selection/filter totals computed in SQL
and refresh on the change bus. The main window embeds it and follows its signals.
Never query the database directly here: everything goes through the RecordSource.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import shiboken6
from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.context import AppContext
from app.operations import listen
from services.conflicts import connection_lost
from services.fields import FIELDS
from services.ledger import ChangeSet
from services.query import ZERO, ProjectFilter, Sort
from services.records import ProjectSource
from widgets.field_labels import choice_titles, field_title
from widgets.grid.table_model import LazyTableModel
from widgets.grid.table_view import SpreadsheetView


@dataclass(frozen=True)
class SelectionStats:
    """Status-bar figures: the selection and the filtered rows, counts and 万元 sums."""

    projects: int  # selected rows
    planned_investment_wan: Decimal | None  # their planned investment (None: being computed)
    filtered_projects: int  # rows the filter admits
    filtered_investment_wan: Decimal | None


class ProjectGrid(QWidget):
    """The project grid of one plan (or any ProjectFilter)."""

    currentProjectChanged = Signal(object)  # project id or None
    selectionStatsChanged = Signal(object)  # SelectionStats

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.source = ProjectSource()
        self.model = LazyTableModel(ctx.session, self.source, None, self)
        self.view = SpreadsheetView(ctx, self.model, self)
        self.view.new_row_values = lambda: {"name": self.tr("New project")}
        self._retranslate()
        self.view.remember_layout("projects", ["seq_label", "name"])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

        self._filtered = (0, ZERO)
        self._totals_for: ProjectFilter | None = None  # the filter self._filtered belongs to
        self._totals_generation = 0
        self._totals_task = None
        self._stats: SelectionStats | None = None
        # Selection sums run in SQL; a short delay keeps drag-selecting smooth.
        self._stats_timer = QTimer(self, singleShot=True, interval=60)
        self._stats_timer.timeout.connect(self._emit_stats)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._stats_timer.start())
        self.model.modelReset.connect(self._after_reset)
        self.view.currentIdChanged.connect(self.currentProjectChanged)
        listen(ctx, self, structure=self.refresh, projects=self._on_projects_changed)

    def _after_reset(self) -> None:
        # A new filter needs new totals; a reset for the same filter (the full id list arriving
        # after the first screen, a re-sort) does not. Row inserts/deletes come via the bus.
        if self.model.filter() != self._totals_for:
            self._update_filtered_totals()
        self._stats_timer.start()

    def _retranslate(self) -> None:
        headers = {key: field_title(key) for key in FIELDS}
        # The per-role owner columns are the grid's own view of the owners field.
        headers["lead_units"] = self.tr("Lead units")
        headers["cooperating_units"] = self.tr("Cooperating units")
        self.model.set_headers(headers)
        for key, field in FIELDS.items():
            if field.choices:
                self.model.set_choice_labels(key, choice_titles(key))

    # ---------------------------------------------------------------- public API

    def set_filter(self, flt: ProjectFilter) -> None:
        """Show the projects `flt` admits (ids re-read in SQL; sort kept)."""
        self.model.set_filter(flt)

    def filter(self) -> ProjectFilter:
        return self.model.filter() or ProjectFilter()

    def set_sort(self, sort: Sort | None) -> None:
        self.model.set_sort(sort)

    def refresh(self) -> None:
        """Re-read ids and rows (after changes made outside the change bus)."""
        if self.model.filter() is not None:
            self.model.reload()

    def refresh_columns(self) -> None:
        """Show project columns registered (register_project_column) after this grid was made."""
        self.source.refresh_extras()
        self.model.reset_columns()
        self.view.apply_default_widths()

    def selected_ids(self) -> list[int]:
        return self.view.selected_ids()

    def current_project_id(self) -> int | None:
        return self.view.current_id()

    def select_project(self, project_id: int) -> bool:
        """Make a project current (e.g. from search or the dashboard); False if not shown."""
        found = self.model.rows_of([project_id])
        if project_id not in found:
            return False
        self.view.select_ids([project_id])
        self.view.setCurrentIndex(
            self.model.index(found[project_id], self.model.column_index("name"))
        )
        return True

    def stats(self) -> SelectionStats:
        """The current figures, computed now (the signal carries the same).

        Sums are None while the filter's SQL total is still being computed in the background.
        """
        selection = self.view.selectionModel()
        selected_rows = self.view.selected_count() if selection.hasSelection() else 0
        pending = self._totals_task is not None
        count = self.model.rowCount() if pending else self._filtered[0]
        amount = None if pending else self._filtered[1]
        if selected_rows and selected_rows == self.model.rowCount() and not self.model.is_loading():
            selected = (selected_rows, amount)  # select-all: the filter's own SQL sum
        elif selected_rows:
            selected = (selected_rows, self._selected_sum())
        else:
            selected = (0, ZERO)
        return SelectionStats(selected[0], selected[1], count, amount)

    def _selected_sum(self) -> Decimal | None:
        """The selection's planned investment; None while the server is out of reach (the
        status bar is a courtesy: clicking around on a lost connection must not raise)."""
        try:
            with self.ctx.session() as session:
                return self.source.totals_for_ids(
                    session, self.view.selected_ids()
                ).planned_investment_wan
        except Exception as exc:
            if not connection_lost(exc):
                raise
            return None

    def edit_actions(self) -> list[QAction]:
        """Copy, paste, fill down, clear, insert/delete/move rows (for the Edit menu)."""
        return list(self.view.grid_actions().values())

    # ---------------------------------------------------------------- internals

    def _update_filtered_totals(self) -> None:
        flt = self.model.filter()
        self._totals_for = flt
        self._totals_generation += 1
        if flt is None:
            self._filtered = (0, ZERO)
            return
        if self.model.rowCount() < self.model.ASYNC_ROWS and not self.model.is_loading():
            with self.ctx.session() as session:
                totals = self.source.totals(session, flt)
            self._filtered = (totals.projects, totals.planned_investment_wan)
            return
        # A SUM over a million rows takes a moment: compute it off the GUI thread, newest wins.
        from app.tasks import run_task

        generation = self._totals_generation

        def compute(_state: object):
            with self.ctx.session() as session:
                return self.source.totals(session, flt)

        self._totals_task = run_task(
            None, "", compute, on_done=lambda t: self._got_totals(generation, t), show_dialog=False
        )

    def _got_totals(self, generation: int, totals) -> None:
        if not shiboken6.isValid(self) or generation != self._totals_generation:
            return
        self._filtered = (totals.projects, totals.planned_investment_wan)
        self._totals_task = None
        self._emit_stats()

    def _emit_stats(self) -> None:
        stats = self.stats()
        self._stats = stats
        self.selectionStatsChanged.emit(stats)

    def _on_projects_changed(self, change: ChangeSet | None) -> None:
        if self.model.filter() is None:
            return
        self.model.apply_change(change)
        if change is None or change.totals_touched:
            self._update_filtered_totals()
            self._stats_timer.start()
