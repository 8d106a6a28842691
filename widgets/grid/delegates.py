"""Cell editors per column kind, validating as the user types and refusing bad values visibly.

Money (non-negative, two decimals), whole-number quantity, construction period ("2023",
"2022-2024", "2022—2024", "2022年-2024年"), status choice, multi-line content and owner names
with completion. The rules are the RecordSource's own `parse` (services.parsing underneath), so
the editor, paste and import agree. A refused value keeps the editor open with a red frame and
the reason in a tooltip and `refused` signal; it is never silently dropped.
Never write to the database here: committing goes through the model to an undo command.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QStringListModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QComboBox,
    QCompleter,
    QLineEdit,
    QPlainTextEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QWidget,
)

from services.records import Column, ColumnKind
from widgets.grid.table_model import LazyTableModel

_INVALID_STYLE = "border: 2px solid #d93025; background: #fdecea;"
_OWNER_SEPARATORS = re.compile(r"[、，,;；]")


class OwnersEdit(QLineEdit):
    """Owner names separated by "、"; completes the name being typed from the organizations."""

    def __init__(self, complete: Callable[[str], list[str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._complete = complete
        self._names = QStringListModel(self)
        self.completer_popup = QCompleter(self._names, self)
        self.completer_popup.setWidget(self)
        self.completer_popup.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer_popup.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer_popup.activated.connect(self._insert)
        self.textEdited.connect(self._update)

    def current_fragment(self) -> str:
        parts = _OWNER_SEPARATORS.split(self.text()[: self.cursorPosition()])
        return parts[-1].strip() if parts else ""

    def _update(self, _text: str) -> None:
        fragment = self.current_fragment()
        names = self._complete(fragment) if fragment else []
        self._names.setStringList(names)
        if names:
            self.completer_popup.setCompletionPrefix(fragment)
            self.completer_popup.complete()
        else:
            self.completer_popup.popup().hide()

    def _insert(self, name: str) -> None:
        head = self.text()[: self.cursorPosition()]
        tail = self.text()[self.cursorPosition() :]
        match = list(_OWNER_SEPARATORS.finditer(head))
        keep = head[: match[-1].end()] if match else ""
        self.setText(keep + name + tail)
        self.setCursorPosition(len(keep + name))


class ContentEdit(QPlainTextEdit):
    """Multi-line text: Enter commits (like a spreadsheet), Alt/Shift/Ctrl+Enter adds a line."""

    committed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & (
                Qt.KeyboardModifier.AltModifier
                | Qt.KeyboardModifier.ShiftModifier
                | Qt.KeyboardModifier.ControlModifier
            ):
                self.insertPlainText("\n")
                return
            self.committed.emit()
            return
        super().keyPressEvent(event)


class GridDelegate(QStyledItemDelegate):
    """One delegate for every column: the editor follows the column's kind."""

    refused = Signal(str)  # a value was refused; the message says which and why
    enterCommitted = Signal()  # Enter committed an edit (the view moves down, like Excel)

    def __init__(
        self,
        model: LazyTableModel,
        complete: Callable[[str, str], list[str]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model
        self._complete = complete  # (column key, fragment) -> names

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        super().paint(painter, option, index)
        # In table order, a rule marks where a new group (section) starts.
        if index.row() > 0 and self.model.sort_state() is None:
            here, above = self.model.record(index.row()), self.model.record(index.row() - 1)
            source = self.model.source
            if (
                here is not None
                and above is not None
                and source.group_id(here) != source.group_id(above)
            ):
                painter.save()
                painter.setPen(QPen(QColor("#3d6a99"), 2))
                rect = option.rect
                painter.drawLine(rect.left(), rect.top() + 1, rect.right(), rect.top() + 1)
                painter.restore()

    # -- editors

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        column = self.model.column(index.column())
        editor: QWidget
        if column.kind is ColumnKind.CHOICE:
            combo = QComboBox(parent)
            labels = self.model.choice_labels(column.key)
            for value in column.choices:
                combo.addItem(labels.get(value, value), value)
            combo.activated.connect(lambda _i, c=combo: self._commit_and_close(c, enter=False))
            editor = combo
        elif column.kind is ColumnKind.MULTILINE:
            text_edit = ContentEdit(parent)
            text_edit.setTabChangesFocus(True)
            text_edit.committed.connect(lambda e=text_edit: self._try_commit(e, column, enter=True))
            text_edit.textChanged.connect(lambda e=text_edit: self._live_check(e, column))
            editor = text_edit
        else:
            if column.kind is ColumnKind.OWNERS:
                line = OwnersEdit(lambda text, key=column.key: self._complete(key, text), parent)
            else:
                line = QLineEdit(parent)
            if column.kind in (ColumnKind.MONEY, ColumnKind.INTEGER):
                line.setAlignment(Qt.AlignmentFlag.AlignRight)
            if column.kind is ColumnKind.PERIOD:
                line.setPlaceholderText(self.tr("2023 or 2022-2024"))
            elif column.kind is ColumnKind.MONEY:
                line.setPlaceholderText(self.tr("/ = not set"))
            line.textChanged.connect(lambda _t, e=line: self._live_check(e, column))
            editor = line
        editor.setProperty("column_key", column.key)
        editor.installEventFilter(self)
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        text = index.data(Qt.ItemDataRole.EditRole) or ""
        column = self.model.column(index.column())
        if column.kind is ColumnKind.MONEY and text == "/":
            text = ""
        if isinstance(editor, QComboBox):
            record = self.model.record(index.row())
            value = self.model.source.value(record, column.key) if record is not None else None
            found = editor.findData(getattr(value, "value", value))
            editor.setCurrentIndex(max(found, 0))
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText(text)
            editor.selectAll()
        elif isinstance(editor, QLineEdit):
            editor.setText(text)
            editor.selectAll()

    def updateEditorGeometry(
        self,
        editor: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        rect = option.rect
        if isinstance(editor, QPlainTextEdit):
            # Long content needs room: open a taller, wider box over the cell.
            rect = rect.adjusted(0, 0, max(0, 420 - rect.width()), rect.height() * 5)
        editor.setGeometry(rect)

    def setModelData(
        self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        column = self.model.column(index.column())
        text = editor_text(editor)
        error = self.check(column, text)
        if error:
            # Focus left the editor with a bad value: say so, keep the cell's old value.
            message = self.tr("Not saved — {column}: {reason}")
            self.refused.emit(
                message.format(column=self.model.header_title(index.column()), reason=error)
            )
            return
        model.setData(index, text, Qt.ItemDataRole.EditRole)

    # -- validation

    def check(self, column: Column, text: str) -> str | None:
        """The reason `text` is refused for `column`, or None if it is acceptable."""
        try:
            self.model.source.parse(column.key, text)
        except ValueError as exc:
            return str(exc)
        return None

    def _live_check(self, editor: QWidget, column: Column) -> None:
        error = self.check(column, editor_text(editor))
        editor.setStyleSheet(_INVALID_STYLE if error else "")
        editor.setToolTip(error or "")
        editor.setProperty("invalid_reason", error or "")

    def _try_commit(self, editor: QWidget, column: Column, *, enter: bool) -> bool:
        error = self.check(column, editor_text(editor))
        if error:
            editor.setStyleSheet(_INVALID_STYLE)
            editor.setProperty("invalid_reason", error)
            QToolTip.showText(editor.mapToGlobal(QPoint(0, editor.height())), error, editor)
            self.refused.emit(error)
            return False
        self._commit_and_close(editor, enter=enter)
        return True

    def _commit_and_close(self, editor: QWidget, *, enter: bool) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        if enter:
            self.enterCommitted.emit()

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and isinstance(editor, QWidget)
        ):
            key = event.key()
            column_key = editor.property("column_key")
            column = next((c for c in self.model.columns() if c.key == column_key), None)
            popup_open = (
                isinstance(editor, OwnersEdit) and editor.completer_popup.popup().isVisible()
            )
            if column is not None and not popup_open and not isinstance(editor, QComboBox):
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not isinstance(
                    editor, QPlainTextEdit
                ):
                    self._try_commit(editor, column, enter=True)
                    return True
                if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and self.check(
                    column, editor_text(editor)
                ):
                    self._try_commit(editor, column, enter=False)
                    return True  # stay in the cell until the value is fixed or Esc
        return super().eventFilter(editor, event)


def editor_text(editor: QWidget) -> str:
    if isinstance(editor, QComboBox):
        return str(editor.currentData())
    if isinstance(editor, QPlainTextEdit):
        return editor.toPlainText()
    if isinstance(editor, QLineEdit):
        return editor.text()
    return ""
