"""The part of Qt's table-model API every flat GreenLedger table answers the same way: rows
counted by the model (`row_total()`), columns from its column list, no children.

The grid's lazy model (widgets.grid.table_model) and the in-memory list model
(widgets.list_table_model) build on it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex


class ColumnTableModel(QAbstractTableModel):
    _columns: Sequence[object]

    def row_total(self) -> int:
        raise NotImplementedError

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.row_total()

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)
