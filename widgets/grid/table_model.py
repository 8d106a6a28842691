"""LazyTableModel: a Qt table model that is an ordered id array plus a small page cache.

The model holds only the ids the RecordSource returned for the current filter and sort (an
`array('q')`: 8 MB for 1,000,000 rows) and fetches rows a page at a time, on demand, for the
rows the view paints; pages are kept in a bounded LRU. Sorting re-queries the ids in SQL.
A ChangeSet refreshes only the changed rows that are cached, one dataChanged per contiguous
block. Never load every row, never sort or filter in Python, never measure all rows.
"""

from __future__ import annotations

from array import array
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from app.context import Session
from services.fields import ColumnKind
from services.ledger import ChangeSet
from services.query import Sort
from services.records import Column, RecordSource
from widgets.column_table_model import ColumnTableModel

# What a view calls for a short-lived session to hand to the source's methods.
SessionProvider = Callable[[], AbstractContextManager[Session]]

ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the record id of a row
COPY_ROLE = Qt.ItemDataRole.UserRole + 2  # the cell as clipboard text (parses back unchanged)

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_CENTER = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter
_ALIGN = {
    ColumnKind.SEQUENCE: _CENTER,
    ColumnKind.MONEY: _RIGHT,
    ColumnKind.INTEGER: _RIGHT,
    ColumnKind.PERIOD: _CENTER,
    ColumnKind.CHOICE: _CENTER,
}
_MUTED = QBrush(QColor("#8a8a8a"))
_READ_ONLY_BG = QBrush(QColor("#f4f5f7"))
_PENDING_BG = QBrush(QColor("#ffe7b3"))  # typed but not saved (conflict, connection lost)
_MISSING = object()  # a row deleted since the ids were read


class LazyTableModel(ColumnTableModel):
    """Rows of any RecordSource, fetched lazily in pages of PAGE_SIZE."""

    PAGE_SIZE = 200
    MAX_PAGES = 50  # 10,000 rows cached at most, whatever the table size

    ASYNC_ROWS = 100_000  # from this many rows on, re-reading ids runs off the GUI thread
    # A first load reads this many ids at once (milliseconds at any size); when there are more,
    # they are shown straight away and the full list follows in the background.
    HEAD_ROWS = 5_000

    aboutToReload = Signal()  # ids are about to be replaced (views save selection by id)
    reloaded = Signal()  # ids replaced (views restore selection by id)
    loadingChanged = Signal(bool)  # a background id query started (True) or ended (False)
    loadFailed = Signal(str)  # a background id query failed; the old rows stay

    def __init__(
        self,
        session: SessionProvider,
        source: RecordSource,
        flt: Any = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._session, self.source = session, source
        self._columns: list[Column] = source.columns()
        self._headers = {c.key: c.title for c in self._columns}
        self._labels: dict[str, dict[str, str]] = {}
        self._filter = flt
        self._sort: Sort | None = None
        self._ids = array("q")
        self._largest = 0  # rows of the biggest id list loaded so far
        self._pages: OrderedDict[int, list[Any]] = OrderedDict()
        self.commit_handler: Callable[[QModelIndex, object], bool] | None = None
        # Why a cell of a row may not be edited by this user (None: it may), see
        # services.edit_rights; asked only of rows already read, never to fetch a page.
        self.cell_lock: Callable[[Any, str], str | None] | None = None
        # Cells typed but not saved: (record id, key) → (the clerk's text, why it is waiting).
        self.pending: dict[tuple[int, str], tuple[str, str]] = {}
        self.page_fetches = 0  # pages read from the database (for tests and benchmarks)
        self._generation = 0  # the newest id request; older background answers are dropped
        self._task = None
        self._rest_pending: int | None = None  # a first screen is shown, the rest is due

    # ---------------------------------------------------------------- configuration

    def columns(self) -> list[Column]:
        return list(self._columns)

    def column(self, index: int) -> Column:
        return self._columns[index]

    def column_index(self, key: str) -> int:
        for i, column in enumerate(self._columns):
            if column.key == key:
                return i
        raise KeyError(key)

    def reset_columns(self) -> None:
        """Take the source's columns again (a column was registered after the model was made)."""
        self.beginResetModel()
        self._columns = self.source.columns()
        for column in self._columns:
            self._headers.setdefault(column.key, column.title)
        self._pages.clear()
        self.endResetModel()

    def set_headers(self, titles: dict[str, str]) -> None:
        """Translated header titles by column key (the UI owns the words)."""
        self._headers.update(titles)
        if self._columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._columns) - 1)

    def header_title(self, column: int) -> str:
        return self._headers[self._columns[column].key]

    def set_choice_labels(self, key: str, labels: dict[str, str]) -> None:
        """Translated labels of a CHOICE column: {stored value: label}."""
        self._labels[key] = labels

    def choice_labels(self, key: str) -> dict[str, str]:
        return self._labels.get(key, {})

    # ---------------------------------------------------------------- ids, filter, sort

    def filter(self) -> Any:
        return self._filter

    def sort_state(self) -> Sort | None:
        return self._sort

    def ids(self) -> array:
        return self._ids

    def set_filter(self, flt: Any) -> None:
        if getattr(flt, "plan_id", None) != getattr(self._filter, "plan_id", None):
            self._largest = 0  # another plan: its own size decides background reads
        self._filter = flt
        self.reload()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in SQL by a column; column < 0 returns to the table's own order."""
        if column < 0:
            self.set_sort(None)
            return
        self.set_sort(Sort(self._columns[column].key, order == Qt.SortOrder.DescendingOrder))

    def set_sort(self, sort: Sort | None) -> None:
        self._sort = sort
        self.reload()

    def reload(self, *, background: bool | None = None) -> None:
        """Re-read the id list (filter/sort/rows added or removed); selection is kept by id.

        Big tables (≥ ASYNC_ROWS rows, now or before) re-read in the background while the old
        rows stay on screen; the newest request wins, so fast typing in a filter never queues
        queries.
        """
        self._generation += 1
        if background is None:
            # The biggest list this model has held, not the one on screen: clearing a narrow
            # filter on a 1,000,000-row plan must not read a million ids on the GUI thread.
            background = max(len(self._ids), self._largest) >= self.ASYNC_ROWS
        if self._filter is None:
            self._swap(self._generation, array("q"))
            return
        if not background:
            head = not self._ids and getattr(self.source, "supports_head", False)
            with self._session() as session:
                if head:
                    ids = self.source.ids(session, self._filter, self._sort, limit=self.HEAD_ROWS)
                else:
                    ids = self.source.ids(session, self._filter, self._sort)
            self._swap(self._generation, ids)
            if head and len(ids) >= self.HEAD_ROWS:
                # Let the first screen paint before the full id read competes for the CPU.
                generation = self._rest_pending = self._generation
                QTimer.singleShot(50, lambda: self._load_rest(generation))
            return
        from app.tasks import run_task

        generation, flt, sort = self._generation, self._filter, self._sort

        def read_ids(_state: object) -> array:
            with self._session() as session:
                return self.source.ids(session, flt, sort)

        self.loadingChanged.emit(True)
        self._task = run_task(
            None,
            "",
            read_ids,
            on_done=lambda ids: self._swap(generation, ids),
            on_error=lambda exc, _tb: self._failed(generation, exc),
            show_dialog=False,
        )

    def _load_rest(self, generation: int) -> None:
        if shiboken6.isValid(self) and generation == self._generation:
            self.reload(background=True)
        if shiboken6.isValid(self):
            self._rest_pending = None

    def is_loading(self) -> bool:
        """True while ids are being read in the background (or are about to be)."""
        if self._rest_pending is not None and self._rest_pending == self._generation:
            return True
        return self._task is not None and not self._task.done

    def _swap(self, generation: int, ids: array) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return  # the grid was closed, or a newer request was made meanwhile
        self.aboutToReload.emit()
        self.beginResetModel()
        self._ids = ids
        self._largest = max(self._largest, len(ids))
        self._pages.clear()
        self.endResetModel()
        self.reloaded.emit()
        if self._task is not None:
            self._task = None
            self.loadingChanged.emit(False)

    def _failed(self, generation: int, exc: Exception) -> None:
        if shiboken6.isValid(self) and generation == self._generation:
            self._task = None
            self.loadingChanged.emit(False)
            self.loadFailed.emit(str(exc))

    def id_at(self, row: int) -> int:
        return self._ids[row]

    def ids_for_rows(self, rows: Iterable[int]) -> list[int]:
        return [self._ids[r] for r in rows]

    def rows_of(self, ids: Iterable[int]) -> dict[int, int]:
        """{id: row} for the given ids, in one pass over the id array (no full index kept)."""
        wanted = set(ids)
        found: dict[int, int] = {}
        if not wanted:
            return found
        for row, pid in enumerate(self._ids):
            if pid in wanted:
                found[pid] = row
                if len(found) == len(wanted):
                    break
        return found

    # ---------------------------------------------------------------- rows

    def record(self, row: int) -> Any:
        """The source row at `row` (None if it was deleted since the ids were read)."""
        page_no = row // self.PAGE_SIZE
        page = self._pages.get(page_no)
        if page is None:
            page = self._fetch_page(page_no)
        else:
            self._pages.move_to_end(page_no)
        record = page[row - page_no * self.PAGE_SIZE]
        return None if record is _MISSING else record

    def records(self, rows: Sequence[int]) -> list[Any]:
        """Rows for an arbitrary set of row numbers (copy, fill), bypassing the page cache."""
        ids = [self._ids[r] for r in rows]
        out: list[Any] = []
        with self._session() as session:
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                by_id = {self.source.row_id(r): r for r in self.source.rows(session, chunk)}
                out += [by_id.get(pid) for pid in chunk]
        return out

    def _fetch_page(self, page_no: int) -> list[Any]:
        start = page_no * self.PAGE_SIZE
        ids = self._ids[start : start + self.PAGE_SIZE]
        with self._session() as session:
            by_id = {self.source.row_id(r): r for r in self.source.rows(session, ids)}
        page = [by_id.get(pid, _MISSING) for pid in ids]
        self._pages[page_no] = page
        self.page_fetches += 1
        while len(self._pages) > self.MAX_PAGES:
            self._pages.popitem(last=False)
        return page

    def cached_record(self, row: int) -> Any:
        """The row's record if its page is in the cache (no query), else None."""
        page = self._pages.get(row // self.PAGE_SIZE)
        if page is None:
            return None
        record = page[row - (row // self.PAGE_SIZE) * self.PAGE_SIZE]
        return None if record is _MISSING else record

    def lock_reason(self, row: int, column: int) -> str | None:
        """Why this user may not edit the cell (read-only for them), or None."""
        if self.cell_lock is None or not self._columns[column].editable:
            return None
        record = self.cached_record(row)
        return None if record is None else self.cell_lock(record, self._columns[column].key)

    def seen_versions(self, rows: Sequence[int]) -> dict[int, int]:
        """{id: row_version} of rows as the grid shows them (cached rows as read then; the
        others, never shown, as they are now: one light query per 500 ids): what an edit of
        those rows is based on."""
        version = getattr(self.source, "version", None)
        if version is None:
            return {}
        found: dict[int, int] = {}
        missing: list[int] = []
        for row in rows:
            record = self.cached_record(row)
            if record is None:
                missing.append(self._ids[row])
            else:
                found[self._ids[row]] = version(record)
        if missing:
            with self._session() as session:
                found.update(self.source.versions(session, missing))
        return found

    def set_pending(self, cells: dict[int, dict[str, object]], reason: str) -> None:
        """Mark typed cells as not saved (kept, shown and offered again when edited)."""
        for record_id, values in cells.items():
            for key, text in values.items():
                self.pending[(record_id, key)] = ("" if text is None else str(text), reason)
        self._repaint_ids(set(cells))

    def clear_pending(self, cells: Iterable[tuple[int, str]]) -> None:
        cells = [cell for cell in cells if cell in self.pending]
        for cell in cells:
            del self.pending[cell]
        self._repaint_ids({record_id for record_id, _key in cells})

    def _repaint_ids(self, ids: set[int]) -> None:
        if not ids or not self._ids:
            return
        rows = sorted(self.rows_of(ids).values())
        last = len(self._columns) - 1
        for first, end in contiguous_blocks(rows):
            self.dataChanged.emit(self.index(first, 0), self.index(end, last))

    def cached_rows(self) -> int:
        return sum(len(p) for p in self._pages.values())

    def apply_change(self, change: ChangeSet | None) -> None:
        """Refresh after a write: None = rows added/removed/moved (reload ids), else only the
        changed rows that are cached; uncached rows are read fresh when painted anyway."""
        if change is None:
            self.reload()
            return
        if not change.changed_ids or not self._pages:
            return
        touched: list[tuple[int, int]] = []  # (row, page_no)
        for page_no, page in self._pages.items():
            start = page_no * self.PAGE_SIZE
            for offset in range(len(page)):
                if self._ids[start + offset] in change.changed_ids:
                    touched.append((start + offset, page_no))
        if not touched:
            return
        with self._session() as session:
            fresh = {
                self.source.row_id(r): r
                for r in self.source.rows(session, [self._ids[row] for row, _ in touched])
            }
        for row, page_no in touched:
            page = self._pages[page_no]
            page[row - page_no * self.PAGE_SIZE] = fresh.get(self._ids[row], _MISSING)
        last = len(self._columns) - 1
        for first, end in contiguous_blocks(sorted(row for row, _ in touched)):
            self.dataChanged.emit(self.index(first, 0), self.index(end, last))

    # ---------------------------------------------------------------- Qt model API

    def row_total(self) -> int:
        return len(self._ids)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return self._headers[self._columns[section].key]
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if (
            index.isValid()
            and self._columns[index.column()].editable
            and self.lock_reason(index.row(), index.column()) is None
        ):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGN.get(column.kind, _LEFT)
        if role == ID_ROLE:
            return self._ids[index.row()]
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.EditRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.BackgroundRole,
            COPY_ROLE,
        ):
            return None
        if self.pending and role != COPY_ROLE:
            waiting = self.pending.get((self._ids[index.row()], column.key))
            if waiting is not None:
                return self._pending_data(waiting, role)
        if role == Qt.ItemDataRole.BackgroundRole:
            editable = column.editable and self.lock_reason(index.row(), index.column()) is None
            return None if editable else _READ_ONLY_BG
        if self.cell_lock is not None and role in (
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.ForegroundRole,
        ):
            reason = self.lock_reason(index.row(), index.column())
            if reason is not None:  # greyed, and the tooltip says why
                return reason if role == Qt.ItemDataRole.ToolTipRole else _MUTED
        record = self.record(index.row())
        if record is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            # One line per row: line breaks of long content show as spaces (full text in tooltip).
            return " ".join(self.display_text(record, column).split("\n"))
        if role == Qt.ItemDataRole.EditRole:
            return self.source.edit_text(record, column.key)
        if role == COPY_ROLE:
            return self.copy_text(record, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            # Muted: a blank amount, or a figure the source computed rather than one typed.
            computed = getattr(self.source, "is_computed", None)
            if computed is not None and computed(record, column.key):
                return _MUTED
            return (
                _MUTED
                if column.kind is ColumnKind.MONEY and self.source.value(record, column.key) is None
                else None
            )
        # Tooltip: the full text where a cell is usually too narrow for it.
        if column.kind in (ColumnKind.MULTILINE, ColumnKind.OWNERS, ColumnKind.TEXT):
            text = self.source.display(record, column.key)
            return text if len(text) > 12 else None
        return None

    @staticmethod
    def _pending_data(waiting: tuple[str, str], role: int) -> Any:
        """A cell typed but not saved shows the clerk's text, marked, with why it waits."""
        text, reason = waiting
        if role == Qt.ItemDataRole.BackgroundRole:
            return _PENDING_BG
        if role == Qt.ItemDataRole.ToolTipRole:
            return reason
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return text if role == Qt.ItemDataRole.EditRole else " ".join(text.split("\n"))
        return None

    def display_text(self, record: Any, column: Column) -> str:
        if column.kind is ColumnKind.CHOICE:
            value = self.source.value(record, column.key)
            label = self._labels.get(column.key, {}).get(getattr(value, "value", value))
            if label is not None:
                return label
        return self.source.display(record, column.key)

    def copy_text(self, record: Any, column: Column) -> str:
        """What Ctrl+C puts on the clipboard: what the user sees, in a form paste reads back."""
        if column.kind is ColumnKind.CHOICE:
            return self.display_text(record, column)
        return self.source.edit_text(record, column.key)

    def setData(
        self,
        index: QModelIndex | QPersistentModelIndex,
        value: Any,
        role: int = Qt.ItemDataRole.EditRole,
    ) -> bool:
        # Writes go through the view's undo command, never straight into the cache.
        if role != Qt.ItemDataRole.EditRole or self.commit_handler is None or not index.isValid():
            return False
        return self.commit_handler(QModelIndex(index), value)


def contiguous_blocks(rows: Sequence[int]) -> list[tuple[int, int]]:
    """Sorted row numbers → [(first, last)] runs of consecutive rows."""
    blocks: list[tuple[int, int]] = []
    for row in rows:
        if blocks and row == blocks[-1][1] + 1:
            blocks[-1] = (blocks[-1][0], row)
        elif not blocks or row != blocks[-1][1]:
            blocks.append((row, row))
    return blocks
