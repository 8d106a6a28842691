"""ListTableModel: a Qt table over a Python list, answered cell by cell when the view paints.

For lists already in memory (import problems, a merge preview): nothing is copied into Qt
items, so 100,000 rows cost one model reset, not 700,000 QStandardItems. Each column says how
to show a row and, if it can be sorted, its sort key; sorting reorders a permutation of row
numbers in Python (stable, so equal keys keep the list's order). Rows may carry a checkbox in
the first column; check states live in a bytearray, set in bulk with `set_checked`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from widgets.column_table_model import ColumnTableModel

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_CHECKED, _UNCHECKED = Qt.CheckState.Checked, Qt.CheckState.Unchecked


@dataclass(frozen=True)
class ListColumn:
    header: str
    text: Callable[[Any], str]  # the row as the cell shows it (one line)
    sort_key: Callable[[Any], Any] | None = None  # None: clicking the header leaves the order
    align: Qt.AlignmentFlag = LEFT
    tooltip: Callable[[Any], str | None] | None = None  # e.g. the full text of a long cell
    foreground: Callable[[Any], Any] | None = None  # a QBrush/QColor, or None for the default


def natural_key(text: str | None) -> tuple:
    """Numbers before text and in numeric order ("-5" < "2" < "10" < "abc"); None/"" first."""
    if text is None or text == "":
        return (0, 0.0, "")
    try:
        return (1, float(str(text).replace(",", "")), "")
    except ValueError:
        return (2, 0.0, str(text))


class ListTableModel(ColumnTableModel):
    """Rows of a list; `checkable(row)` says which rows get a checkbox (checked by default)."""

    def __init__(
        self,
        columns: Sequence[ListColumn],
        parent: QObject | None = None,
        *,
        checkable: Callable[[Any], bool] | None = None,
    ) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._checkable = checkable
        self._rows: list[Any] = []
        self._order: list[int] | None = None  # view row → list index; None: the list's order
        self._checks = bytearray()  # by list index: 1 checked, 0 unchecked or not checkable
        self._sort: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)

    # ---------------------------------------------------------------- contents

    def set_rows(self, rows: Iterable[Any]) -> None:
        """Show `rows` (kept, not copied, when a list), in the current sort order."""
        self.beginResetModel()
        self._rows = rows if isinstance(rows, list) else list(rows)
        checkable = self._checkable
        self._checks = (
            bytearray(1 if checkable(row) else 0 for row in self._rows)
            if checkable is not None
            else bytearray()
        )
        self._order = self._sorted_order(*self._sort)
        self.endResetModel()

    def rows(self) -> list[Any]:
        """Every row in the order the view shows them."""
        if self._order is None:
            return list(self._rows)
        return [self._rows[i] for i in self._order]

    def row(self, view_row: int) -> Any:
        return self._rows[view_row if self._order is None else self._order[view_row]]

    # ---------------------------------------------------------------- checkboxes

    def is_checked(self, view_row: int) -> bool:
        index = view_row if self._order is None else self._order[view_row]
        return bool(self._checks and self._checks[index])

    def checked_rows(self) -> list[Any]:
        """The checked rows, in the list's order."""
        return [row for row, on in zip(self._rows, self._checks, strict=False) if on]

    def count_checked(self, start: int = 0, stop: int | None = None) -> int:
        """Checked rows among list positions start..stop (the order given to `set_rows`)."""
        return self._checks.count(1, start, len(self._checks) if stop is None else stop)

    def set_checked(self, checked: bool, start: int = 0, stop: int | None = None) -> None:
        """Check (or uncheck) the checkable rows at list positions start..stop; one repaint."""
        if self._checkable is None or not self._rows:
            return
        stop = len(self._rows) if stop is None else min(stop, len(self._rows))
        if start >= stop:
            return
        checkable, value = self._checkable, 1 if checked else 0
        self._checks[start:stop] = bytearray(
            value if checkable(row) else 0 for row in self._rows[start:stop]
        )
        last = len(self._rows) - 1
        roles = [Qt.ItemDataRole.CheckStateRole]
        self.dataChanged.emit(self.index(0, 0), self.index(last, 0), roles)

    # ---------------------------------------------------------------- sorting

    def _sorted_order(self, column: int, order: Qt.SortOrder) -> list[int] | None:
        if not 0 <= column < len(self._columns) or self._columns[column].sort_key is None:
            return None
        key = self._columns[column].sort_key
        rows = self._rows
        keys = [key(row) for row in rows]
        return sorted(
            range(len(rows)),
            key=keys.__getitem__,
            reverse=order == Qt.SortOrder.DescendingOrder,
        )

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column >= 0 and (column >= len(self._columns) or self._columns[column].sort_key is None):
            return  # not a sortable column: keep the current order
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        old_rows = [self._list_index(p.row()) for p in persistent]
        self._order = self._sorted_order(column, order)
        if persistent:
            position = list(range(len(self._rows)))
            if self._order is not None:
                for view_row, i in enumerate(self._order):
                    position[i] = view_row
            self.changePersistentIndexList(
                persistent,
                [
                    self.index(position[i], p.column())
                    for p, i in zip(persistent, old_rows, strict=True)
                ],
            )
        self.layoutChanged.emit()

    def _list_index(self, view_row: int) -> int:
        return view_row if self._order is None else self._order[view_row]

    # ---------------------------------------------------------------- Qt model API

    def row_total(self) -> int:
        return len(self._rows)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._columns)
        ):
            return self._columns[section].header
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if (
            index.column() == 0
            and self._checkable is not None
            and self._checkable(self._rows[self._list_index(index.row())])
        ):
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        column = self._columns[index.column()]
        i = self._list_index(index.row())
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(self._rows[i])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return column.align
        if role == Qt.ItemDataRole.CheckStateRole:
            if index.column() != 0 or self._checkable is None or not self._checkable(self._rows[i]):
                return None
            return _CHECKED if self._checks[i] else _UNCHECKED
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(self._rows[i])
        if role == Qt.ItemDataRole.ForegroundRole and column.foreground is not None:
            return column.foreground(self._rows[i])
        return None

    def setData(
        self,
        index: QModelIndex | QPersistentModelIndex,
        value: Any,
        role: int = Qt.ItemDataRole.EditRole,
    ) -> bool:
        if (
            role != Qt.ItemDataRole.CheckStateRole
            or not index.isValid()
            or index.column() != 0
            or self._checkable is None
        ):
            return False
        i = self._list_index(index.row())
        if not self._checkable(self._rows[i]):
            return False
        state = value if isinstance(value, Qt.CheckState) else Qt.CheckState(int(value))
        self._checks[i] = 1 if state == _CHECKED else 0
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True


def list_table_view(model: ListTableModel, parent: QWidget) -> QTableView:
    """A read-only view of one-line rows (problems, a merge preview): whole rows selected, the
    last column stretched, no row numbers. Sorting is the caller's choice."""
    view = QTableView(parent)
    view.setModel(model)
    view.horizontalHeader().setStretchLastSection(True)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(parent.fontMetrics().height() + 10)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setWordWrap(False)
    return view
