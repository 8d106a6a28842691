"""Small pieces the dialogs' forms share: a row of widgets, a path field with its Browse…
button, a date field as the office writes dates, a checkable list entry, and asking for a file unless one is given.

Asking is skipped when a caller (a test, a script, a drop) already names the file; "" means
the user cancelled.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)


def hbox(*parts: QWidget | tuple[QWidget, int] | None) -> QHBoxLayout:
    """Widgets side by side, left to right; `(widget, n)` gives one a stretch factor and
    None is an empty stretch that pushes the rest apart."""
    row = QHBoxLayout()
    for part in parts:
        if part is None:
            row.addStretch(1)
        elif isinstance(part, tuple):
            row.addWidget(*part)
        else:
            row.addWidget(part)
    return row


def vbox(parent: QWidget, *parts: QWidget | QLayout | tuple[QWidget | QLayout, int]) -> QVBoxLayout:
    """`parent`'s layout: widgets and layouts top to bottom, `(part, n)` stretched."""
    column = QVBoxLayout(parent)
    for part in parts:
        item, stretch = part if isinstance(part, tuple) else (part, 0)
        if isinstance(item, QLayout):
            column.addLayout(item, stretch)
        else:
            column.addWidget(item, stretch)
    return column


def choice_box(
    parent: QWidget, choices: Iterable[tuple[str, object]], current: object = None
) -> QComboBox:
    """A list of (text, value) choices showing the one whose value is `current` (the first
    when none is)."""
    combo = QComboBox(parent)
    for text, value in choices:
        combo.addItem(text, value)
    if current is not None:
        combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


def tool_button(text: str, tip: str, on_click: Callable[[], None], parent: QWidget) -> QToolButton:
    button = QToolButton(parent)
    button.setText(text)
    button.setToolTip(tip)
    button.clicked.connect(lambda _checked=False: on_click())
    return button


def browse_row(edit: QLineEdit, on_browse: Callable[[], None], parent: QWidget) -> QHBoxLayout:
    """`edit` stretched, a Browse… button beside it."""
    button = QPushButton(QCoreApplication.translate("FormParts", "Browse…"), parent)
    button.clicked.connect(lambda _checked=False: on_browse())
    return hbox((edit, 1), button)


def date_edit(parent: QWidget, day: date | None = None, *, enabled: bool = True) -> QDateEdit:
    """A date field written 2023-06-30 with a calendar to pick from; today unless `day`."""
    day = day or date.today()
    edit = QDateEdit(QDate(day.year, day.month, day.day), parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setEnabled(enabled)
    return edit


def checkable_item(
    owner: QListWidget, text: str, data: object, *, checked: bool = True
) -> QListWidgetItem:
    item = QListWidgetItem(text, owner)
    item.setData(Qt.ItemDataRole.UserRole, data)
    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
    item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
    return item


def save_path(parent: QWidget, given: str | None, title: str, suggested: str, kinds: str) -> str:
    """`given`, or the file the user picks to write."""
    if given is not None:
        return given
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, kinds)
    return path


def open_path(parent: QWidget, given: str | None, title: str, folder: str, kinds: str) -> str:
    """`given`, or the file the user picks to read."""
    if given is not None:
        return given
    path, _ = QFileDialog.getOpenFileName(parent, title, folder, kinds)
    return path


def browse_save_as(edit: QLineEdit, title: str, kinds: str, suffix: str) -> None:
    """Let the user pick where to write, starting at `edit`'s path; the suffix is added when
    the name lacks it (file pickers on Linux do not)."""
    path, _ = QFileDialog.getSaveFileName(edit.window(), title, edit.text(), kinds)
    if path:
        if not path.lower().endswith(suffix):
            path += suffix
        edit.setText(path)
