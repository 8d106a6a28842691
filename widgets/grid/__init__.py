"""The spreadsheet-grade grid: a lazy id-list model, per-kind editors and an Excel-like view.

Reusable for any table that offers a services.records.RecordSource.
"""

from widgets.grid.cell_errors import CellError, CellErrorDialog
from widgets.grid.table_model import COPY_ROLE, ID_ROLE, LazyTableModel
from widgets.grid.table_view import SpreadsheetView

__all__ = [
    "COPY_ROLE",
    "ID_ROLE",
    "CellError",
    "CellErrorDialog",
    "LazyTableModel",
    "SpreadsheetView",
]
