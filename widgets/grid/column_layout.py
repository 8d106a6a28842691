"""Column layout of one grid, remembered per table: widths, hidden columns, frozen columns.

A right click on the column header opens the column chooser: a tick per column, "Freeze 序号 and
项目名称" and "Reset columns". The layout is kept by column key (not Qt's header blob), so a
column added in a later version appears at its default width instead of scrambling the rest.
Each table has its own options in the settings registry: grid/<table>/columns and
grid/<table>/frozen.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, Qt, QTimer
from PySide6.QtWidgets import QMenu, QTableView

from app.settings import Option
from widgets.grid.frozen_columns import FrozenColumnsView

SAVE_DELAY_MS = 400  # dragging a column edge saves once, when it stops
HEADER_PADDING = 24  # px around a header title (margins and the sort arrow)
HEADER_WIDTH_LIMIT = 300  # a longer title is elided rather than making a huge column


def layout_options(table: str) -> tuple[Option, Option]:
    return (
        Option(f"grid/{table}/columns", list, [], f"{table} grid: width and visibility by column"),
        Option(f"grid/{table}/frozen", bool, True, f"{table} grid: keep the key columns in view"),
    )


def encode(key: str, width: int, hidden: bool) -> str:
    return f"{key}={width}{':hidden' if hidden else ''}"


def decode(item: str) -> tuple[str, int, bool] | None:
    key, _, rest = item.partition("=")
    width_text, _, flag = rest.partition(":")
    if not key or not width_text.isdigit():
        return None  # a hand-edited or damaged entry is ignored, not fatal
    return key, int(width_text), flag == "hidden"


class ColumnLayout(QObject):
    """Owns the chooser, the frozen overlay and the saved layout of one SpreadsheetView."""

    def __init__(self, view: QTableView, table: str, frozen_keys: list[str]) -> None:
        super().__init__(view)
        self.view = view
        self.table = table
        self.frozen_keys = frozen_keys
        self.columns_option, self.frozen_option = layout_options(table)
        self.frozen = FrozenColumnsView(view, [])
        self._save_timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save)
        self._restoring = False
        header = view.horizontalHeader()
        header.sectionResized.connect(self._changed)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        frozen_header = self.frozen.horizontalHeader()
        frozen_header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        frozen_header.customContextMenuRequested.connect(self._header_menu)
        self.restore()
        # Titles set (translated) after the layout was made widen their columns' defaults.
        view.model().headerDataChanged.connect(lambda *_args: self.restore())

    # ---------------------------------------------------------------- state

    def _keys(self) -> list[str]:
        model = self.view.model()
        return [model.column(c).key for c in range(model.columnCount())]

    def _index(self, key: str) -> int:
        return self._keys().index(key)

    def is_frozen(self) -> bool:
        return self.frozen_option.value

    def set_frozen(self, frozen: bool) -> None:
        self.frozen_option.set(frozen)
        keys = self._keys()
        self.frozen.set_columns(
            [keys.index(k) for k in self.frozen_keys if k in keys] if frozen else []
        )

    def set_hidden(self, key: str, hidden: bool) -> None:
        column = self._index(key)
        if hidden and self._visible_count() <= 1 and not self.view.isColumnHidden(column):
            return  # the last visible column stays: a grid with no columns cannot be undone
        self.view.setColumnHidden(column, hidden)
        self.frozen.sync_columns()
        self.save()

    def _visible_count(self) -> int:
        return sum(not self.view.isColumnHidden(c) for c in range(len(self._keys())))

    def hidden_keys(self) -> list[str]:
        return [k for i, k in enumerate(self._keys()) if self.view.isColumnHidden(i)]

    def _changed(self, *_args: object) -> None:
        if not self._restoring:
            self._save_timer.start()

    def save(self) -> None:
        self._save_timer.stop()
        view = self.view
        self.columns_option.set(
            [
                encode(
                    key,
                    view.columnWidth(i) or view.horizontalHeader().sectionSize(i),
                    view.isColumnHidden(i),
                )
                for i, key in enumerate(self._keys())
            ]
        )

    def restore(self) -> None:
        """Apply the saved layout (defaults for columns it does not know)."""
        saved = {}
        for item in self.columns_option.value:
            entry = decode(item)
            if entry is not None:
                saved[entry[0]] = entry[1:]
        self._restoring = True
        try:
            model = self.view.model()
            for i in range(model.columnCount()):
                column = model.column(i)
                width, hidden = saved.get(column.key, (self.default_width(i), False))
                self.view.setColumnHidden(i, hidden)
                if not hidden:
                    self.view.setColumnWidth(i, max(width, 20))
        finally:
            self._restoring = False
        self.set_frozen(self.frozen_option.value)

    def default_width(self, column: int) -> int:
        """The column's own width, widened so its header reads in full (English titles are
        longer than Chinese ones: "Construction period" was cut to "nstruction peri")."""
        header = self.view.horizontalHeader()
        title = self.view.model().header_title(column)
        needed = header.fontMetrics().horizontalAdvance(title) + HEADER_PADDING
        return max(self.view.model().column(column).width, min(needed, HEADER_WIDTH_LIMIT))

    def reset(self) -> None:
        self.columns_option.reset()
        self.frozen_option.reset()
        self.restore()

    # ---------------------------------------------------------------- the chooser

    def build_menu(self) -> QMenu:
        menu = QMenu(self.view)
        model = self.view.model()
        for i, key in enumerate(self._keys()):
            action = menu.addAction(model.header_title(i))
            action.setObjectName(f"column_{key}")
            action.setCheckable(True)
            action.setChecked(not self.view.isColumnHidden(i))
            action.toggled.connect(lambda on, k=key: self.set_hidden(k, not on))
        menu.addSeparator()
        titles = [model.header_title(self._index(k)) for k in self.frozen_keys if k in self._keys()]
        freeze = menu.addAction(self.tr("Keep %1 in view").replace("%1", " · ".join(titles)))
        freeze.setObjectName("freeze_columns")
        freeze.setCheckable(True)
        freeze.setChecked(self.is_frozen())
        freeze.toggled.connect(self.set_frozen)
        reset = menu.addAction(self.tr("Reset columns"))
        reset.setObjectName("reset_columns")
        reset.triggered.connect(lambda _checked=False: self.reset())
        return menu

    def _header_menu(self, pos: QPoint) -> None:
        sender = self.sender()
        self.build_menu().exec(sender.mapToGlobal(pos))
