"""The grid's actions, shortcuts, keys and context menu (one part of SpreadsheetView).

Every command is a QAction with a widget shortcut, so the main window's Edit menu, the
context menu and the keyboard trigger the same slot; Enter and Tab move like Excel.
Never write to the database here: the slots live in the view's other parts.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QPoint,
    Qt,
)
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QMenu,
)

from widgets.grid import grid_printer


class GridActionsMixin:
    """Actions, keys and the context menu of a SpreadsheetView."""

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
        if self.grid_model.pending:  # typed values waiting (conflict, connection lost)
            discard = menu.addAction(self.tr("Discard unsaved values"))
            discard.triggered.connect(lambda _checked=False: self.discard_pending())
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
