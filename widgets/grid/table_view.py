"""SpreadsheetView: a QTableView that behaves like Excel/WPS but validates every write.

Ctrl+C copies the selected rectangle as Excel TSV (+ HTML); Ctrl+V pastes a TSV block at the
current cell, validated as a whole (all or nothing, refusals listed by row/column/value/reason),
written as one undo step and one transaction; Ctrl+D fills down; Del clears; rows can be
inserted, deleted and moved up/down or to another group (section). Enter/Tab move like Excel,
F2 or typing edits. Every write is an undo command (app.undo) run through the RecordSource.
Never build SQL here and never walk all rows: selections are handled as row ranges.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMessageBox,
    QTableView,
    QWidget,
)

from app.context import AppContext
from services.errors import ValidationError
from services.query import Sort
from widgets.grid.cell_errors import CellError, CellErrorDialog
from widgets.grid.clipboard import ClipboardMixin
from widgets.grid.column_layout import ColumnLayout
from widgets.grid.delegates import GridDelegate
from widgets.grid.fill_clear import FillClearMixin
from widgets.grid.grid_actions import GridActionsMixin
from widgets.grid.grid_selection import SelectionMixin
from widgets.grid.row_edits import RowEditsMixin
from widgets.grid.save_guard import SaveGuardMixin
from widgets.grid.table_model import LazyTableModel


class SpreadsheetView(
    GridActionsMixin,
    SelectionMixin,
    ClipboardMixin,
    FillClearMixin,
    RowEditsMixin,
    SaveGuardMixin,
    QTableView,
):
    """The grid. Build it over a LazyTableModel; writes go to `ctx.undo_stack`.

    Its parts live beside it: actions and keys (grid_actions), selection by id
    (grid_selection), copy and paste (clipboard), fill-down and clear (fill_clear), row
    inserts, deletes and moves (row_edits), edit rights, conflicts and retries (save_guard);
    this module keeps the layout, the cell edit and the messages.
    """

    statusMessage = Signal(str)  # short feedback for the status bar
    currentIdChanged = Signal(object)  # record id of the current row, or None

    def __init__(
        self, ctx: AppContext, model: LazyTableModel, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.grid_model = model
        self.source = model.source
        # Values every new row starts with (ProjectSource needs a name); set by the owner.
        self.new_row_values: Callable[[], dict[str, object]] = dict
        self.last_error_dialog: CellErrorDialog | None = None
        self.column_layout: ColumnLayout | None = None
        self._saved: tuple[Any, ...] | None = None

        self.setModel(model)
        model.commit_handler = self._commit_cell
        self.delegate = self._make_delegate()
        self.setItemDelegate(self.delegate)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setWordWrap(False)
        self.setAlternatingRowColors(True)
        self.setTabKeyNavigation(True)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)

        # Fixed sizes: nothing is ever measured over all rows.
        vertical = self.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 10)
        vertical.setMinimumWidth(self.fontMetrics().horizontalAdvance("0000000") + 8)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # The header asks "is this whole column selected?" on every paint, and Qt answers by
        # calling flags() for every row: with 1M rows a select-all froze for minutes. The
        # header gets its own (empty) selection model so it never asks the grid's.
        header.setHighlightSections(False)
        self._header_selection = QItemSelectionModel(model, self)
        header.setSelectionModel(self._header_selection)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        header.setStretchLastSection(True)
        header.setSectionsClickable(True)
        header.sectionPressed.disconnect()  # a header click sorts (Ctrl+Space selects a column)
        header.sectionClicked.connect(self._header_clicked)
        self.apply_default_widths()

        model.aboutToReload.connect(self._save_state)
        model.reloaded.connect(self._restore_state)
        self._pending_selection: tuple[list[int], int | None, int | None] | None = None
        model.reloaded.connect(self._select_pending)  # after the restore: it wins
        model.modelReset.connect(self._sort_indicator)
        model.loadFailed.connect(self.statusMessage)
        self.selectionModel().currentRowChanged.connect(self._current_row_changed)

        self._init_save_guard()
        self._stack_index = ctx.undo_stack.index()
        ctx.undo_stack.indexChanged.connect(self._undo_index_changed)

        self.actions_by_name: dict[str, QAction] = {}
        self._make_actions()
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._context_menu)

    # ---------------------------------------------------------------- layout helpers

    def apply_default_widths(self) -> None:
        if self.column_layout is not None:
            self.column_layout.restore()
            return
        for i, column in enumerate(self.grid_model.columns()):
            self.setColumnWidth(i, column.width)

    def _make_delegate(self) -> GridDelegate:
        # One per view: a delegate shared by two views has each close the other's editors.
        delegate = GridDelegate(self.grid_model, self._completions, self)
        delegate.refused.connect(self.statusMessage)
        delegate.enterCommitted.connect(lambda: self._step(1, 0))
        return delegate

    def remember_layout(self, table: str, frozen_keys: list[str]) -> ColumnLayout:
        """Column chooser, frozen `frozen_keys` and widths kept per `table` (see column_layout)."""
        self.column_layout = ColumnLayout(self, table, frozen_keys)
        self.column_layout.frozen.setItemDelegate(self._make_delegate())
        frozen_header = self.column_layout.frozen.horizontalHeader()
        frozen_header.setSectionsClickable(True)
        frozen_header.sectionClicked.connect(self._header_clicked)
        return self.column_layout

    def frozen_view(self):
        layout = self.column_layout
        if layout is None or not shiboken6.isValid(layout.frozen):
            return None  # none, or already gone while the grid is being destroyed
        return layout.frozen

    # A frozen cell is drawn by the overlay; the grid's own copy lies hidden underneath.

    def edit(self, index, trigger=None, event=None):
        if trigger is None:
            return super().edit(index)
        frozen = self.frozen_view()
        if frozen is not None and index.isValid() and frozen.covers(index.column()):
            return frozen.edit_here(index, trigger, event)
        return super().edit(index, trigger, event)

    def scrollTo(self, index, hint=QAbstractItemView.ScrollHint.EnsureVisible) -> None:
        frozen = self.frozen_view()
        bar = self.horizontalScrollBar()
        before = bar.value()
        super().scrollTo(index, hint)
        if frozen is None or not index.isValid() or not frozen.frozen_width() or not bar.value():
            return
        if index.column() in frozen.columns and before:
            bar.setValue(before)  # a frozen cell is always in view: keep the columns still
            return
        hidden_by = frozen.frozen_width() - self.visualRect(index).left()
        if hidden_by > 0:  # behind the frozen columns: scroll so it comes out from under them
            bar.setValue(max(0, bar.value() - hidden_by))

    def updateGeometries(self) -> None:
        super().updateGeometries()
        frozen = self.frozen_view()
        if frozen is not None:
            frozen.update_geometry()

    def _sort_indicator(self) -> None:
        header = self.horizontalHeader()
        sort = self.grid_model.sort_state()
        if sort is None or sort.column is None:
            header.setSortIndicatorShown(False)
            return
        header.setSortIndicatorShown(True)
        order = Qt.SortOrder.DescendingOrder if sort.descending else Qt.SortOrder.AscendingOrder
        header.setSortIndicator(self.grid_model.column_index(sort.column), order)
        frozen = self.frozen_view()
        if frozen is not None:
            frozen.horizontalHeader().setSortIndicatorShown(True)
            frozen.horizontalHeader().setSortIndicator(header.sortIndicatorSection(), order)

    def _header_clicked(self, section: int) -> None:
        column = self.grid_model.column(section)
        if not column.sortable:
            self.statusMessage.emit(self.tr("This column cannot be sorted."))
            return
        sort = self.grid_model.sort_state()
        # Ascending → descending → the table's own order, like most data tools.
        if sort is None or sort.column != column.key:
            new: Sort | None = Sort(column.key, False)
        elif not sort.descending:
            new = Sort(column.key, True)
        else:
            new = None
        self.grid_model.set_sort(new)

    # ---------------------------------------------------------------- messages

    def show_errors(self, title: str, summary: str, errors: list[CellError]) -> CellErrorDialog:
        dialog = CellErrorDialog(self, title, summary, errors)
        self.last_error_dialog = dialog
        self.statusMessage.emit(summary)
        dialog.open()  # window-modal, does not block the event loop (tests read it)
        return dialog

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def inform(self, text: str) -> None:
        self.statusMessage.emit(text)
        QMessageBox.information(self, self.tr("Grid"), text)

    def _locate(self, exc: ValidationError) -> list[CellError]:
        ids = [e.record_id for e in exc.errors if e.record_id is not None]
        rows = self.grid_model.rows_of(ids)
        titles = {
            c.key: self.grid_model.header_title(i) for i, c in enumerate(self.grid_model.columns())
        }
        return [
            CellError(
                str(rows[e.record_id] + 1) if e.record_id in rows else "",
                titles.get(e.field, e.field),
                "" if e.value is None else str(e.value),
                e.reason,
            )
            for e in exc.errors
        ]

    # ---------------------------------------------------------------- cell edits

    def _commit_cell(self, index: QModelIndex, text: object) -> bool:
        column = self.grid_model.column(index.column())
        pid = self.grid_model.id_at(index.row())
        record = self.grid_model.record(index.row())
        reason = None if record is None else self.lock_of(record, column.key)
        if reason is not None:  # refused before trying: the server would refuse it too
            self.statusMessage.emit(reason)
            return False
        title = self.grid_model.header_title(index.column())
        command = self.edit_command(
            {pid: {column.key: text}},
            self.tr("Edit {column} in row {row}").format(column=title, row=index.row() + 1),
        )
        return self._run(command, self.tr("Edit refused"))
