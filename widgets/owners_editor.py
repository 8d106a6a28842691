"""Editing a project's responsible units (责任部门/建设主体): an ordered list with a role per unit.

`OrganizationPicker` is a line edit that completes over unit names, short names and aliases
("资规" finds 钟楼自然资源和规划分局 through its alias 资规分局) by asking
services.organizations.search_organizations as the user types; the filter bar reuses it.
`OwnersEditor` holds the list (lead 牵头 / cooperating 配合 / constructing 建设主体) with add,
remove and reorder; it only edits a value — saving is the caller's job, through services.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from services.fields import OwnerRole
from services.organizations import search_organizations

OwnerSpec = tuple[str, OwnerRole]


def role_label(role: OwnerRole) -> str:
    labels = {
        OwnerRole.LEAD: QCoreApplication.translate("OwnersEditor", "Lead"),
        OwnerRole.COOPERATING: QCoreApplication.translate("OwnersEditor", "Cooperating"),
        OwnerRole.CONSTRUCTING: QCoreApplication.translate("OwnersEditor", "Constructing"),
    }
    return labels[role]


class OrganizationPicker(QLineEdit):
    """Type part of any name or alias; the popup lists matching units by their full names."""

    chosen = Signal(str)  # full name of the picked unit (or the typed text on Enter)

    SEARCH_DELAY_MS = 120

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setPlaceholderText(self.tr("Unit name, short name or alias…"))
        self.setClearButtonEnabled(True)
        self._model = QStringListModel(self)
        self._completer = QCompleter(self._model, self)
        # Matching happens in SQL (aliases included), so the completer must not filter again.
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setMaxVisibleItems(12)
        self._completer.activated.connect(self._on_activated)
        self.setCompleter(self._completer)
        self._timer = QTimer(self, singleShot=True, interval=self.SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.refresh_completions)
        self.textEdited.connect(lambda _text: self._timer.start())
        self.returnPressed.connect(self._on_return)

    def refresh_completions(self) -> list[str]:
        text = self.text().strip()
        names: list[str] = []
        if text:
            with self.ctx.session() as session:
                names = [org.name for org in search_organizations(session, text, limit=30)]
        self._model.setStringList(names)
        if names and self.hasFocus():
            self._completer.complete()
        return names

    def _on_activated(self, name: str) -> None:
        self.setText(name)
        self.chosen.emit(name)

    def _on_return(self) -> None:
        popup = self._completer.popup()
        if popup is not None and popup.isVisible():
            return  # the completer handles Enter on its own list
        if self.text().strip():
            self.chosen.emit(self.text().strip())


class OwnersEditor(QWidget):
    """The ordered unit list of one project. `value()` / `set_value()`; `changed` on every edit."""

    changed = Signal()

    NAME_COLUMN, ROLE_COLUMN = 0, 1

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("Unit"), self.tr("Role")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(self.NAME_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(self.ROLE_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMinimumHeight(110)
        self.table.setMaximumHeight(236)

        self.picker = OrganizationPicker(ctx, self)
        self.picker.chosen.connect(self._add_from_picker)
        self.add_button = self._button("+", self.tr("Add the unit typed on the left (Enter)"))
        self.add_button.clicked.connect(lambda: self._add_from_picker(self.picker.text()))
        self.remove_button = self._button("−", self.tr("Remove the selected unit (Del)"))
        self.remove_button.clicked.connect(self.remove_current)
        self.up_button = self._button("↑", self.tr("Move up (Alt+Up)"))
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button = self._button("↓", self.tr("Move down (Alt+Down)"))
        self.down_button.clicked.connect(lambda: self.move_current(1))

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.picker, 1)
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            row.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)

        for keys, slot in (
            (QKeySequence.StandardKey.Delete, self.remove_current),
            ("Alt+Up", lambda: self.move_current(-1)),
            ("Alt+Down", lambda: self.move_current(1)),
        ):
            shortcut = QShortcut(QKeySequence(keys), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def _button(self, text: str, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(False)
        button.setFixedWidth(28)
        return button

    # ------------------------------------------------------------------ value

    def value(self) -> list[OwnerSpec]:
        specs = []
        for row in range(self.table.rowCount()):
            name = self.table.item(row, self.NAME_COLUMN).text()
            combo: QComboBox = self.table.cellWidget(row, self.ROLE_COLUMN)
            specs.append((name, OwnerRole(combo.currentData())))
        return specs

    def set_value(self, specs: list[OwnerSpec]) -> None:
        self.blockSignals(True)
        try:
            self.table.setRowCount(0)
            for name, role in specs:
                self._append(name, role)
        finally:
            self.blockSignals(False)
        self._update_buttons()

    def _append(self, name: str, role: OwnerRole) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, self.NAME_COLUMN, QTableWidgetItem(name))
        combo = QComboBox(self.table)
        for member in OwnerRole:
            combo.addItem(role_label(member), member.value)
        combo.setCurrentIndex(combo.findData(OwnerRole(role).value))
        combo.currentIndexChanged.connect(lambda _index: self.changed.emit())
        self.table.setCellWidget(row, self.ROLE_COLUMN, combo)

    # ------------------------------------------------------------------ edits

    def add_owner(self, name: str, role: OwnerRole | None = None) -> bool:
        """Append a unit; the first one leads by default (the office's rule). False if a duplicate."""
        name = name.strip()
        if not name or name in [n for n, _ in self.value()]:
            return False
        if role is None:
            role = OwnerRole.LEAD if self.table.rowCount() == 0 else OwnerRole.COOPERATING
        self._append(name, role)
        self.table.selectRow(self.table.rowCount() - 1)
        self.changed.emit()
        return True

    def _add_from_picker(self, name: str) -> None:
        if self.add_owner(name):
            self.picker.clear()

    def remove_current(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        self.table.removeRow(row)
        if self.table.rowCount():
            self.table.selectRow(min(row, self.table.rowCount() - 1))
        self.changed.emit()
        self._update_buttons()

    def move_current(self, step: int) -> None:
        row = self.table.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.table.rowCount():
            return
        specs = self.value()
        specs.insert(target, specs.pop(row))
        self.set_value(specs)
        self.table.selectRow(target)
        self.changed.emit()

    def _update_buttons(self) -> None:
        row = self.table.currentRow()
        has = row >= 0 and self.table.rowCount() > 0
        self.remove_button.setEnabled(has)
        self.up_button.setEnabled(has and row > 0)
        self.down_button.setEnabled(has and row < self.table.rowCount() - 1)
