"""Frozen columns: 序号 and 项目名称 stay on screen while the grid scrolls right.

The classic overlay of Qt's "Frozen Column" example: a second QTableView, child of the grid, over
the left edge of its viewport, sharing the grid's model, selection model and delegates and
showing only the frozen columns (its own editing delegate: a shared one would have each view
close the other's editors). Vertical scrolling is kept in step both ways. The overlay shows
only once the grid is scrolled right, so the frozen columns need not be the leading ones (the
project table keeps its official order 序号 | 项目类型 | 项目名称). It has no focus of its own: the
keyboard stays with the grid, which hands edits of a frozen cell to the overlay (the grid's own
copy of that cell is hidden underneath). Nothing here reads the database.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView, QFrame, QHeaderView, QTableView

EDGE_STYLE = "QTableView { border: none; border-right: 2px solid palette(mid); }"


class FrozenColumnsView(QTableView):
    """The overlay. Build it with the grid (a QTableView) and the logical columns to freeze."""

    def __init__(self, grid: QTableView, columns: list[int]) -> None:
        super().__init__(grid)
        self.grid = grid
        self.columns: list[int] = []
        self.setObjectName("frozenColumns")
        self.setModel(grid.model())
        self.setSelectionModel(grid.selectionModel())
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setStyleSheet(EDGE_STYLE)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(grid.verticalScrollMode())
        self.setSelectionBehavior(grid.selectionBehavior())
        self.setSelectionMode(grid.selectionMode())
        self.setEditTriggers(grid.editTriggers())
        self.setWordWrap(grid.wordWrap())
        self.setTextElideMode(grid.textElideMode())
        self.setAlternatingRowColors(grid.alternatingRowColors())
        self.verticalHeader().hide()
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(grid.verticalHeader().defaultSectionSize())
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setDefaultAlignment(grid.horizontalHeader().defaultAlignment())
        header.setHighlightSections(False)
        # As on the grid: the header must never ask the shared selection about whole columns.
        header.setSelectionModel(QItemSelectionModel(grid.model(), self))
        header.setFixedHeight(grid.horizontalHeader().height())

        grid.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        self.verticalScrollBar().valueChanged.connect(grid.verticalScrollBar().setValue)
        grid.horizontalScrollBar().valueChanged.connect(self.update_geometry)
        grid.horizontalHeader().sectionResized.connect(self._section_resized)
        grid.model().modelReset.connect(self.sync_columns)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._forward_context_menu)
        self.set_columns(columns)

    # ---------------------------------------------------------------- columns and geometry

    def set_columns(self, columns: list[int]) -> None:
        self.columns = sorted(columns)
        self.sync_columns()

    def sync_columns(self) -> None:
        """Show exactly the frozen columns the grid shows, at the grid's widths."""
        model, grid = self.model(), self.grid
        for column in range(model.columnCount()):
            frozen = column in self.columns and not grid.isColumnHidden(column)
            self.setColumnHidden(column, not frozen)
            if frozen:
                self.setColumnWidth(column, grid.columnWidth(column))
                delegate = grid.itemDelegateForColumn(column)
                if delegate is not None:
                    self.setItemDelegateForColumn(column, delegate)
        self.update_geometry()

    def _section_resized(self, column: int, _old: int, new: int) -> None:
        if column in self.columns:
            self.setColumnWidth(column, new)
        self.update_geometry()

    def frozen_width(self) -> int:
        """Width the overlay covers (0 when nothing is frozen or shown)."""
        return sum(
            self.grid.columnWidth(c) for c in self.columns if not self.grid.isColumnHidden(c)
        )

    def active(self) -> bool:
        """Shown: something is frozen and the grid is scrolled right."""
        return self.frozen_width() > 0 and self.grid.horizontalScrollBar().value() > 0

    def update_geometry(self) -> None:
        grid = self.grid
        if not self.active():
            self.hide()
            return
        header_height = grid.horizontalHeader().height()
        self.horizontalHeader().setFixedHeight(header_height)
        self.setGeometry(
            grid.verticalHeader().width() + grid.frameWidth(),
            grid.frameWidth(),
            self.frozen_width() + 2,  # the edge line
            grid.viewport().height() + header_height,
        )
        self.verticalScrollBar().setValue(grid.verticalScrollBar().value())
        self.show()
        self.raise_()

    def covers(self, column: int) -> bool:
        return self.active() and column in self.columns and not self.grid.isColumnHidden(column)

    def _forward_context_menu(self, pos: QPoint) -> None:
        # The grid's own context menu, as if the click had been on the grid.
        target = self.grid.viewport().mapFromGlobal(self.viewport().mapToGlobal(pos))
        self.grid.customContextMenuRequested.emit(target)

    def edit_here(self, index: QModelIndex, trigger: QAbstractItemView.EditTrigger, event) -> bool:
        """Open the editor of a frozen cell here, where it is seen (the grid's copy is covered)."""
        return self.edit(index, trigger, event)
