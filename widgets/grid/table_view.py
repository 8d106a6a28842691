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
    QItemSelection,
    QItemSelectionModel,
    QMimeData,
    QModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMenu,
    QMessageBox,
    QTableView,
    QWidget,
)

from app.context import AppContext
from app.operations import perform
from app.undo import (
    CompositeCommand,
    DeleteRowsCommand,
    InsertRowsCommand,
    MoveRowsCommand,
    RecordCommand,
    SetFieldsCommand,
)
from services.errors import LedgerError, ValidationError
from services.query import Sort
from services.records import InsertPoint, MoveRun, MoveTarget
from services.tsv import format_html, format_tsv, parse_tsv, rectangular
from widgets.grid import grid_printer
from widgets.grid.cell_errors import CellError, CellErrorDialog
from widgets.grid.column_layout import ColumnLayout
from widgets.grid.delegates import GridDelegate
from widgets.grid.table_model import LazyTableModel, contiguous_blocks

RESTORE_SELECTION_LIMIT = 20_000  # larger selections are not re-found row by row after a reload


class SpreadsheetView(QTableView):
    """The grid. Build it over a LazyTableModel; writes go to `ctx.undo_stack`."""

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

    # ---------------------------------------------------------------- actions and keys

    def _make_actions(self) -> None:
        specs = [
            ("copy", self.tr("Copy"), QKeySequence.StandardKey.Copy, self.copy_selection),
            ("paste", self.tr("Paste"), QKeySequence.StandardKey.Paste, self.paste),
            ("fill_down", self.tr("Fill down"), QKeySequence("Ctrl+D"), self.fill_down),
            ("clear", self.tr("Clear cells"), QKeySequence(Qt.Key.Key_Delete), self.clear_cells),
            (
                "insert_above",
                self.tr("Insert row above"),
                QKeySequence("Ctrl+Shift+="),
                lambda: self.insert_rows(below=False),
            ),
            (
                "insert_below",
                self.tr("Insert row below"),
                QKeySequence("Ctrl+="),
                lambda: self.insert_rows(below=True),
            ),
            ("delete_rows", self.tr("Delete rows"), QKeySequence("Ctrl+-"), self.delete_rows),
            (
                "move_up",
                self.tr("Move rows up"),
                QKeySequence("Alt+Shift+Up"),
                lambda: self.move_rows(-1),
            ),
            (
                "move_down",
                self.tr("Move rows down"),
                QKeySequence("Alt+Shift+Down"),
                lambda: self.move_rows(1),
            ),
        ]
        # Printing: in the context menu and the File menu, not the Edit menu.
        self.print_title = ""  # the heading printed above the table (set by the grid's owner)
        self.print_actions_by_name: dict[str, QAction] = {}
        for name, text, slot in (
            ("print_preview", self.tr("Print Preview…"), self.print_preview),
            ("print", self.tr("Print…"), self.print_table),
        ):
            action = QAction(text, self)
            action.setObjectName(f"action_{name}")
            action.triggered.connect(lambda _checked=False, s=slot: s())
            self.print_actions_by_name[name] = action
        for name, text, shortcut, slot in specs:
            action = QAction(text, self)
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(lambda _checked=False, s=slot: s())
            self.addAction(action)
            self.actions_by_name[name] = action

    def print_preview(self):
        """Preview the selection (several cells selected) or the whole table, A4 landscape."""
        dialog = grid_printer.print_preview(self, self, self.print_title)
        dialog.open()
        return dialog

    def print_table(self) -> bool:
        return grid_printer.print_grid(self, self, self.print_title)

    def grid_actions(self) -> dict[str, QAction]:
        """The view's actions by name, for the main window's Edit menu and toolbar."""
        return dict(self.actions_by_name)

    def _context_menu(self, pos: QPoint) -> None:
        menu = self.build_context_menu()
        menu.exec(self.viewport().mapToGlobal(pos))

    def build_context_menu(self) -> QMenu:
        menu = QMenu(self)
        for name in ("copy", "paste", "fill_down", "clear"):
            menu.addAction(self.actions_by_name[name])
        menu.addSeparator()
        for name in ("insert_above", "insert_below", "delete_rows", "move_up", "move_down"):
            menu.addAction(self.actions_by_name[name])
        menu.addSeparator()
        menu.addActions(list(self.print_actions_by_name.values()))
        menu.addSeparator()
        groups_menu = menu.addMenu(self.tr("Move to section"))
        with self.ctx.session() as session:
            groups = self.source.groups(session, self.grid_model.filter())
        for group_id, label in groups:
            action = groups_menu.addAction(label)
            action.triggered.connect(lambda _c=False, g=group_id: self.move_to_group(g))
        groups_menu.setEnabled(bool(groups))
        return menu

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.state() != QAbstractItemView.State.EditingState:
            handled = self._handle_key(event)
            if handled:
                event.accept()
                return
        super().keyPressEvent(event)

    def _handle_key(self, event: QKeyEvent) -> bool:
        key, mods = event.key(), event.modifiers()
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        if (
            key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not mods & ~Qt.KeyboardModifier.ShiftModifier & ~Qt.KeyboardModifier.KeypadModifier
        ):
            self._step(-1 if shift else 1, 0)
            return True
        if key == Qt.Key.Key_Space and mods == Qt.KeyboardModifier.ControlModifier:
            self.selectColumn(self.currentIndex().column())
            return True
        if key == Qt.Key.Key_Space and mods == Qt.KeyboardModifier.ShiftModifier:
            self.selectRow(self.currentIndex().row())
            return True
        for action in self.actions_by_name.values():
            if (
                action.shortcut().matches(QKeySequence(event.keyCombination()))
                == QKeySequence.SequenceMatch.ExactMatch
            ):
                action.trigger()
                return True
        return False

    def _step(self, rows: int, columns: int) -> None:
        current = self.currentIndex()
        if not current.isValid():
            return
        row = min(max(current.row() + rows, 0), self.grid_model.rowCount() - 1)
        column = min(max(current.column() + columns, 0), self.grid_model.columnCount() - 1)
        self.setCurrentIndex(self.grid_model.index(row, column))

    def _completions(self, key: str, text: str) -> list[str]:
        with self.ctx.session() as session:
            return self.source.completions(session, key, text)

    # ---------------------------------------------------------------- selection by id

    def selection_rect(self) -> tuple[int, int, int, int] | None:
        """(top, left, bottom, right) of a rectangular selection, the current cell if none,
        or None when the selection is not one rectangle."""
        ranges = list(self.selectionModel().selection())
        if not ranges:
            current = self.currentIndex()
            if not current.isValid():
                return None
            return current.row(), current.column(), current.row(), current.column()
        top = min(r.top() for r in ranges)
        bottom = max(r.bottom() for r in ranges)
        left = min(r.left() for r in ranges)
        right = max(r.right() for r in ranges)
        cells = sum(r.width() * r.height() for r in ranges)
        if cells != (bottom - top + 1) * (right - left + 1):
            return None
        return top, left, bottom, right

    def selected_row_blocks(self) -> list[tuple[int, int]]:
        """Selected rows as merged (first, last) blocks; the current row if nothing is selected."""
        spans = sorted((r.top(), r.bottom()) for r in self.selectionModel().selection())
        if not spans:
            current = self.currentIndex()
            return [(current.row(), current.row())] if current.isValid() else []
        merged: list[tuple[int, int]] = []
        for top, bottom in spans:
            if merged and top <= merged[-1][1] + 1:
                merged[-1] = (merged[-1][0], max(merged[-1][1], bottom))
            else:
                merged.append((top, bottom))
        return merged

    def selected_ids(self) -> list[int]:
        ids = self.grid_model.ids()
        out: list[int] = []
        for top, bottom in self.selected_row_blocks():
            out.extend(ids[top : bottom + 1])
        return out

    def selected_count(self) -> int:
        return sum(b - t + 1 for t, b in self.selected_row_blocks())

    def current_id(self) -> int | None:
        current = self.currentIndex()
        if not current.isValid() or current.row() >= self.grid_model.rowCount():
            return None
        return self.grid_model.id_at(current.row())

    def select_ids(
        self, ids: list[int], column: int | None = None, *, last_column: int | None = None
    ) -> None:
        """Select the rows of `ids` (columns `column..last_column`, or whole rows).

        While the id list is being re-read in the background (a big table after an insert or
        a paste), the rows are selected when it arrives.
        """
        if self.grid_model.is_loading():
            self._pending_selection = (list(ids), column, last_column)
            return
        rows = sorted(self.grid_model.rows_of(ids).values())
        self._select_rows(rows, column, last_column)

    def _select_pending(self) -> None:
        if self._pending_selection is not None and not self.grid_model.is_loading():
            ids, column, last_column = self._pending_selection
            self._pending_selection = None
            self.select_ids(ids, column, last_column=last_column)

    def _select_rows(self, rows: list[int], column: int | None, last_column: int | None) -> None:
        model = self.grid_model
        selection = QItemSelection()
        left = 0 if column is None else column
        right = (
            model.columnCount() - 1
            if column is None
            else (last_column if last_column is not None else column)
        )
        for first, last in contiguous_blocks(rows):
            selection.select(model.index(first, left), model.index(last, right))
        if rows:
            self.selectionModel().setCurrentIndex(
                model.index(rows[0], left), QItemSelectionModel.SelectionFlag.NoUpdate
            )
        self.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def _save_state(self) -> None:
        current = self.currentIndex()
        rect_cols = None
        ranges = list(self.selectionModel().selection())
        if ranges:
            rect_cols = (min(r.left() for r in ranges), max(r.right() for r in ranges))
        ids = self.selected_ids() if self.selected_count() <= RESTORE_SELECTION_LIMIT else []
        current_id = self.current_id()
        self._saved = (
            current_id,
            current.column() if current.isValid() else 0,
            ids,
            rect_cols,
            current.row(),
        )

    def _restore_state(self) -> None:
        if self._saved is None:
            return
        current_id, column, ids, rect_cols, old_row = self._saved
        self._saved = None
        model = self.grid_model
        if model.rowCount() == 0:
            self.currentIdChanged.emit(None)
            return
        found = model.rows_of([*ids, *([current_id] if current_id is not None else [])])
        if ids and rect_cols:
            self._select_rows(
                sorted(found[i] for i in ids if i in found), rect_cols[0], rect_cols[1]
            )
        if current_id in found:
            row = found[current_id]
        else:  # the current row went away (deleted): stay at the same height
            row = min(max(old_row, 0), model.rowCount() - 1)
        self.selectionModel().setCurrentIndex(
            model.index(row, column), QItemSelectionModel.SelectionFlag.NoUpdate
        )
        if not ids:
            self.selectionModel().select(
                model.index(row, column), QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
        self.scrollTo(model.index(row, column))
        self.currentIdChanged.emit(self.current_id())

    def _undo_index_changed(self, index: int) -> None:
        """After undo/redo of a row command, select the rows it brought back or moved."""
        previous, self._stack_index = self._stack_index, index
        stack = self.ctx.undo_stack
        if not shiboken6.isValid(stack) or not shiboken6.isValid(self):
            return  # the stack is being destroyed (application exit)
        if index < previous:
            command, wanted = stack.command(index), (DeleteRowsCommand, MoveRowsCommand)
        elif index > previous and index > 0:
            command, wanted = stack.command(index - 1), (InsertRowsCommand, MoveRowsCommand)
        else:
            return
        if isinstance(command, wanted) and command.source is self.source:
            ids = list(command.ids)
            found = self.grid_model.rows_of(ids[:RESTORE_SELECTION_LIMIT])
            if found:
                self._select_rows(sorted(found.values()), None, None)
                first = min(found.values())
                column = max(self.currentIndex().column(), 0)
                self.selectionModel().setCurrentIndex(
                    self.grid_model.index(first, column), QItemSelectionModel.SelectionFlag.NoUpdate
                )
                self.scrollTo(self.grid_model.index(first, column))

    def _current_row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if current.row() != previous.row():
            self.currentIdChanged.emit(self.current_id())

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

    def _run(self, command: RecordCommand, title: str) -> bool:
        """Run and push a command; show a refused write located by row and column."""
        try:
            return perform(self.ctx, command)
        except ValidationError as exc:
            self.show_errors(title, self.tr("Nothing was changed."), self._locate(exc))
        except LedgerError as exc:
            self.show_errors(
                title, self.tr("Nothing was changed."), [CellError("", "", "", str(exc))]
            )
        return False

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
        title = self.grid_model.header_title(index.column())
        command = SetFieldsCommand(
            self.ctx,
            self.source,
            {pid: {column.key: text}},
            self.tr("Edit {column} in row {row}").format(column=title, row=index.row() + 1),
        )
        return self._run(command, self.tr("Edit refused"))

    def copy_selection(self) -> bool:
        rect = self.selection_rect()
        if rect is None:
            self.statusMessage.emit(self.tr("Copy needs one rectangular selection."))
            return False
        top, left, bottom, right = rect
        model = self.grid_model
        columns = [model.column(c) for c in range(left, right + 1)]
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            records = model.records(range(top, bottom + 1))
            rows = [
                [model.copy_text(record, c) if record is not None else "" for c in columns]
                for record in records
            ]
        finally:
            QGuiApplication.restoreOverrideCursor()
        mime = QMimeData()
        mime.setText(format_tsv(rows))
        mime.setHtml(format_html(rows))
        QGuiApplication.clipboard().setMimeData(mime)
        self.statusMessage.emit(
            self.tr("Copied {rows} × {columns} cells.").format(rows=len(rows), columns=len(columns))
        )
        return True

    def paste(self, text: str | None = None) -> bool:
        """Paste a TSV block at the current cell: all cells are checked first, then one write."""
        if text is None:
            text = QGuiApplication.clipboard().text()
        block = rectangular(parse_tsv(text))
        if not block or not block[0]:
            self.statusMessage.emit(self.tr("The clipboard is empty."))
            return False
        rect = self.selection_rect()
        if rect is None:
            self.statusMessage.emit(self.tr("Paste needs one rectangular selection."))
            return False
        top, left, bottom, right = rect
        if len(block) == 1 and len(block[0]) == 1 and (bottom > top or right > left):
            # One value into a selected range fills the range, as in Excel.
            block = [[block[0][0]] * (right - left + 1) for _ in range(bottom - top + 1)]
        model = self.grid_model
        height, width = len(block), len(block[0])
        title = self.tr("Paste refused")
        if left + width > model.columnCount():
            self.show_errors(
                title,
                self.tr(
                    "The pasted block is {width} columns wide but only {room} columns remain to the right. Nothing was changed."
                ).format(width=width, room=model.columnCount() - left),
                [],
            )
            return False
        existing = max(0, min(height, model.rowCount() - top))
        extra = height - existing
        if extra and not self.confirm(
            self.tr("Add rows?"),
            self.tr(
                "The pasted block has {extra} more rows than the table below the current cell. Add {extra} new rows at the end and paste into them?"
            ).format(extra=extra),
        ):
            self.statusMessage.emit(self.tr("Paste cancelled; nothing was changed."))
            return False

        errors: list[CellError] = []
        changes: dict[int, dict[str, object]] = {}
        records = model.records(range(top, top + existing))
        for i in range(existing):
            record = records[i]
            pid = model.id_at(top + i)
            for j in range(width):
                cell = self._check_cell(record, top + i, left + j, block[i][j], errors)
                if cell is not None and record is not None:
                    changes.setdefault(pid, {})[cell[0]] = cell[1]
            if record is None:
                errors.append(
                    CellError(str(top + i + 1), "", "", self.tr("This row was deleted meanwhile."))
                )
        new_rows: list[dict[str, object]] = []
        for i in range(existing, height):
            values = dict(self.new_row_values())
            for j in range(width):
                cell = self._check_cell(None, top + i, left + j, block[i][j], errors)
                if cell is not None:
                    values[cell[0]] = cell[1]
            new_rows.append(values)
        if errors:
            self.show_errors(
                title,
                self.tr("{count} value(s) cannot be pasted. Nothing was changed.").format(
                    count=len(errors)
                ),
                errors,
            )
            return False

        description = self.tr("Paste {rows} × {columns} cells").format(rows=height, columns=width)
        parts: list[RecordCommand] = []
        if changes:
            parts.append(SetFieldsCommand(self.ctx, self.source, changes, description))
        if new_rows:
            where = self._append_point()
            if where is None:
                self.inform(self.tr("There is no section to add rows to."))
                return False
            parts.append(InsertRowsCommand(self.ctx, self.source, where, new_rows, description))
        if not parts:
            return False
        command = (
            parts[0]
            if len(parts) == 1
            else CompositeCommand(self.ctx, self.source, parts, description)
        )
        pasted_ids = list(model.ids()[top : top + existing])
        if not self._run(command, title):
            return False
        inserted = new_rows and isinstance(parts[-1], InsertRowsCommand)
        if inserted:
            pasted_ids += parts[-1].ids
        self.select_ids(pasted_ids, left, last_column=left + width - 1)
        self.statusMessage.emit(
            self.tr("Pasted {rows} × {columns} cells.").format(rows=height, columns=width)
        )
        return True

    def _check_cell(
        self, record: Any, row: int, column_no: int, text: str, errors: list[CellError]
    ) -> tuple[str, str] | None:
        """Validate one pasted cell; returns (key, text) to write, or None (error or no-op)."""
        column = self.grid_model.column(column_no)
        where = (str(row + 1), self.grid_model.header_title(column_no))
        if not column.editable:
            current = "" if record is None else self.grid_model.copy_text(record, column)
            if text != current and text != "":
                errors.append(CellError(*where, text, self.tr("This column is read-only.")))
            return None
        try:
            self.source.parse(column.key, text)
        except ValueError as exc:
            errors.append(CellError(*where, text, str(exc)))
            return None
        return column.key, text

    def _append_point(self) -> InsertPoint | None:
        model = self.grid_model
        if model.rowCount():
            return InsertPoint(anchor_id=model.id_at(model.rowCount() - 1), after=True)
        with self.ctx.session() as session:
            groups = self.source.groups(session, model.filter())
        return InsertPoint(group_id=groups[0][0]) if groups else None

    def fill_down(self) -> bool:
        """Copy the top cell of each selected column into the selected cells below it."""
        rect = self.selection_rect()
        if rect is None or rect[2] == rect[0]:
            self.statusMessage.emit(self.tr("Select a range of at least two rows to fill down."))
            return False
        top, left, bottom, right = rect
        model = self.grid_model
        record = model.record(top)
        keys = [model.column(c).key for c in range(left, right + 1) if model.column(c).editable]
        if record is None or not keys:
            self.statusMessage.emit(self.tr("Nothing to fill: the selected columns are read-only."))
            return False
        values = {key: self.source.value(record, key) for key in keys}
        ids = model.ids()[top + 1 : bottom + 1]
        changes = {pid: dict(values) for pid in ids}
        command = SetFieldsCommand(
            self.ctx, self.source, changes, self.tr("Fill down {rows} rows").format(rows=len(ids))
        )
        if self._run(command, self.tr("Fill down refused")):
            self.statusMessage.emit(self.tr("Filled {rows} rows.").format(rows=len(ids)))
            return True
        return False

    def clear_cells(self) -> bool:
        """Del: empty every selected editable cell, or nothing if one column may not be empty."""
        model = self.grid_model
        cells: dict[int, list[tuple[int, int]]] = {}  # column → row blocks
        ranges = list(self.selectionModel().selection())
        if not ranges and self.currentIndex().isValid():
            c = self.currentIndex()
            cells[c.column()] = [(c.row(), c.row())]
        for r in ranges:
            for column in range(r.left(), r.right() + 1):
                cells.setdefault(column, []).append((r.top(), r.bottom()))
        errors: list[CellError] = []
        changes: dict[int, dict[str, object]] = {}
        for column_no, blocks in sorted(cells.items()):
            column = model.column(column_no)
            if not column.editable:
                continue
            try:
                self.source.parse(column.key, "")
            except ValueError as exc:
                first = min(t for t, _ in blocks) + 1
                last = max(b for _, b in blocks) + 1
                rows = str(first) if first == last else f"{first}–{last}"
                errors.append(CellError(rows, model.header_title(column_no), "", str(exc)))
                continue
            for top, bottom in blocks:
                for pid in model.ids()[top : bottom + 1]:
                    changes.setdefault(pid, {})[column.key] = ""
        title = self.tr("Clear refused")
        if errors:
            self.show_errors(
                title,
                self.tr(
                    "These columns cannot be empty; nothing was cleared. To remove whole rows use Delete rows."
                ),
                errors,
            )
            return False
        if not changes:
            return False
        command = SetFieldsCommand(self.ctx, self.source, changes, self.tr("Clear cells"))
        return self._run(command, title)

    # ---------------------------------------------------------------- rows

    def insert_rows(self, *, below: bool = False, count: int | None = None) -> list[int]:
        """Insert as many new rows as are selected (or `count`) above or below the selection."""
        blocks = self.selected_row_blocks()
        model = self.grid_model
        if blocks and model.rowCount():
            row = blocks[-1][1] if below else blocks[0][0]
            where = InsertPoint(anchor_id=model.id_at(row), after=below)
            count = count or sum(b - t + 1 for t, b in blocks)
        else:
            where = self._append_point()
            count = count or 1
            if where is None:
                self.inform(self.tr("There is no section to add rows to."))
                return []
        values = [dict(self.new_row_values()) for _ in range(count)]
        command = InsertRowsCommand(
            self.ctx,
            self.source,
            where,
            values,
            self.tr("Insert {count} row(s)").format(count=count),
        )
        if not self._run(command, self.tr("Insert refused")):
            return []
        name_column = next((i for i, c in enumerate(model.columns()) if not c.nullable), 0)
        self.select_ids(command.ids)
        found = model.rows_of(command.ids[:1])
        if found:
            self.setCurrentIndex(model.index(found[command.ids[0]], name_column))
        return command.ids

    def delete_rows(self) -> bool:
        ids = self.selected_ids()
        if not ids:
            return False
        command = DeleteRowsCommand(
            self.ctx, self.source, ids, self.tr("Delete {count} row(s)").format(count=len(ids))
        )
        if self._run(command, self.tr("Delete refused")):
            self.statusMessage.emit(
                self.tr("Deleted {count} row(s); Ctrl+Z brings them back.").format(count=len(ids))
            )
            return True
        return False

    def move_rows(self, step: int) -> bool:
        """Move the selected block of rows one row up (-1) or down (+1), across sections too."""
        model = self.grid_model
        if model.sort_state() is not None:
            self.inform(
                self.tr(
                    "Rows can only be moved in the table's own order. Click the sorted "
                    "column's header until the arrow disappears."
                )
            )
            return False
        blocks = self.selected_row_blocks()
        if len(blocks) != 1:
            self.statusMessage.emit(self.tr("Select one block of adjacent rows to move."))
            return False
        first, last = blocks[0]
        neighbour = first - 1 if step < 0 else last + 1
        if not 0 <= neighbour < model.rowCount():
            self.statusMessage.emit(self.tr("The rows are already at the edge."))
            return False
        ids = list(model.ids()[first : last + 1])
        edge = model.record(first if step < 0 else last)
        other = model.record(neighbour)
        if edge is None or other is None:
            return False
        other_id, other_group = self.source.row_id(other), self.source.group_id(other)
        same = other_group == self.source.group_id(edge)
        # Up: before the row above (or at the end of its section when that is another one).
        # Down: after the row below (or at the start of the next section).
        if step < 0:
            target = (
                MoveTarget(other_group, before_id=other_id) if same else MoveTarget(other_group)
            )
        else:
            target = (
                MoveTarget(other_group, after_id=other_id)
                if same
                else MoveTarget(other_group, before_id=other_id)
            )
        text = self.tr("Move rows up") if step < 0 else self.tr("Move rows down")
        return self._run(
            MoveRowsCommand(self.ctx, self.source, [MoveRun(tuple(ids), target)], text),
            self.tr("Move refused"),
        )

    def move_to_group(self, group_id: int) -> bool:
        """Move the selected rows to the end of another group (section)."""
        ids = self.selected_ids()
        if not ids:
            return False
        command = MoveRowsCommand(
            self.ctx,
            self.source,
            [MoveRun(tuple(ids), MoveTarget(group_id))],
            self.tr("Move rows to section"),
        )
        return self._run(command, self.tr("Move refused"))
