"""方案 ▸ 收回填报表: drop returned files or a folder, see one diff per unit, approve, apply.

Each usable file is a checkable unit line (approve its input cells) with, when the unit typed
into locked cells, a second checkbox for those changes (unchecked: they need the office's
explicit approval). Refused files are listed in red with their reasons. Apply is one
operation and one undo step. Never build SQL here.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.operations import OpCommand, perform
from app.tasks import run_blocking
from importers import return_apply
from importers.return_sheets import collect
from services import returns
from services.errors import LedgerError
from services.operations import Operation
from services.tasks import Cancelled

REFUSED = QColor("#b3261e")
PENDING = QColor("#8a5a00")


class ApplyReturnsCommand(OpCommand):
    """Approved returns as one undo step: undo takes back the reports and approved locked
    cells and marks the receipts undone; redo writes them again."""

    def __init__(self, ctx: AppContext, diffs, accept_locked: set[int], text: str) -> None:
        super().__init__(ctx, text)
        self.diffs, self.accept_locked = diffs, accept_locked
        self.result: return_apply.AppliedReturns | None = None

    def forward(self, op: Operation) -> None:
        if self.result is None:
            self.result = return_apply.apply_returns(
                op.session, self.diffs, accept_locked=self.accept_locked
            )
        else:
            return_apply.redo_returns(op.session, self.result)

    def backward(self, op: Operation) -> None:
        return_apply.undo_returns(op.session, self.result)


class CollectDialog(QDialog):
    def __init__(self, parent: QWidget | None, ctx: AppContext, plan_id: int) -> None:
        super().__init__(parent)
        self.ctx, self.plan_id = ctx, plan_id
        self.paths: list[Path] = []
        self.diffs: list = []
        self.applied = None
        self.setWindowTitle(self.tr("Collect returned sheets"))
        self.setAcceptDrops(True)
        self.resize(1000, 640)
        self.round_combo = QComboBox(self)
        with ctx.session() as session:
            for round_ in returns.rounds(session, plan_id):
                self.round_combo.addItem(f"{round_.name} ({round_.period})", round_.name)
        if not self.round_combo.count():
            raise LedgerError(
                self.tr("This plan has no return round yet: distribute sheets first.")
            )
        self.round_combo.currentIndexChanged.connect(self.reload)
        add_files = QPushButton(self.tr("Add files…"), self)
        add_folder = QPushButton(self.tr("Add folder…"), self)
        clear = QPushButton(self.tr("Clear"), self)
        add_files.clicked.connect(self._add_files)
        add_folder.clicked.connect(self._add_folder)
        clear.clicked.connect(self.clear)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Round"), self))
        top.addWidget(self.round_combo, 1)
        top.addWidget(add_files)
        top.addWidget(add_folder)
        top.addWidget(clear)
        self.hint = QLabel(self.tr("Drop returned files or a folder here."), self)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(
            [
                self.tr("Unit / project"),
                self.tr("Row"),
                self.tr("Column"),
                self.tr("Old"),
                self.tr("New"),
            ]
        )
        self.tree.setColumnWidth(0, 380)
        self.tree.setColumnWidth(1, 50)
        self.tree.setColumnWidth(2, 150)
        self.tree.setColumnWidth(3, 160)
        self.summary = QLabel(self)
        self.apply_button = QPushButton(self.tr("Apply approved"), self)
        self.apply_button.clicked.connect(self.apply)
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.apply_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.hint)
        layout.addWidget(self.tree, 1)
        layout.addLayout(bottom)
        self._fill()

    # ------------------------------------------------------------------ files in

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        self.add_paths([Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()])
        event.acceptProposedAction()

    def _add_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Returned sheets"),
            "",
            self.tr("Spreadsheets (*.xlsx *.xlsm *.xls *.ods *.csv)"),
        )
        self.add_paths([Path(f) for f in files])

    def _add_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder of returned sheets"))
        if folder:
            self.add_paths([Path(folder)])

    def add_paths(self, paths: list[Path]) -> None:
        self.paths += [p for p in paths if p not in self.paths]
        self.reload()

    def clear(self) -> None:
        self.paths, self.diffs = [], []
        self._fill()

    def reload(self) -> None:
        """Read and diff every file on a worker (30 units × 3,000 rows take seconds)."""
        round_name = self.round_combo.currentData()

        def read(_state):
            with self.ctx.session() as session:
                return collect(session, self.paths, round_name)

        try:
            self.diffs = run_blocking(self, self.tr("Reading returned sheets"), read)
        except Cancelled:
            return
        self._fill()

    # ------------------------------------------------------------------ the diff

    def _fill(self) -> None:
        self.tree.clear()
        self.unit_items: list[tuple[QTreeWidgetItem, QTreeWidgetItem | None, object]] = []
        for diff in self.diffs:
            if diff.usable:
                self._unit_item(diff)
            else:
                item = QTreeWidgetItem(
                    self.tree, [self.tr("Refused: %1").replace("%1", diff.file.file_name)]
                )
                item.setForeground(0, QBrush(REFUSED))
                for issue in diff.fatal:
                    QTreeWidgetItem(item, [issue.reason]).setForeground(0, QBrush(REFUSED))
                item.setExpanded(True)
        usable = sum(1 for d in self.diffs if d.usable)
        self.summary.setText(
            self.tr("%1 files: %2 usable, %3 refused.")
            .replace("%1", str(len(self.diffs)))
            .replace("%2", str(usable))
            .replace("%3", str(len(self.diffs) - usable))
        )
        self.apply_button.setEnabled(usable > 0)

    def _unit_item(self, diff) -> None:
        title = self.tr("%1 — %2: %3 projects, %4 cells").replace("%1", diff.unit)
        title = title.replace("%2", diff.file.file_name).replace("%3", str(diff.rows_changed))
        item = QTreeWidgetItem(self.tree, [title.replace("%4", str(len(diff.changes)))])
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(0, Qt.CheckState.Checked)
        for change in diff.changes:
            QTreeWidgetItem(
                item, [change.project, str(change.row), change.header, change.old, change.new]
            )
        locked_item = None
        if diff.locked:
            locked_item = QTreeWidgetItem(
                item,
                [
                    self.tr("Changes typed into locked cells (approve to write): %1").replace(
                        "%1", str(len(diff.locked))
                    )
                ],
            )
            locked_item.setFlags(locked_item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            locked_item.setCheckState(0, Qt.CheckState.Unchecked)
            locked_item.setForeground(0, QBrush(PENDING))
            for change in diff.locked:
                QTreeWidgetItem(
                    locked_item,
                    [change.project, str(change.row), change.header, change.old, change.new],
                )
            locked_item.setExpanded(True)
        for issue, color, label in (
            *((i, REFUSED, self.tr("Refused")) for i in diff.refused),
            *((i, PENDING, self.tr("Added row")) for i in diff.added),
            *((i, PENDING, self.tr("Note")) for i in diff.warnings),
        ):
            line = QTreeWidgetItem(
                item,
                [
                    f"{label}: {issue.reason}",
                    str(issue.row or ""),
                    issue.header or "",
                    "",
                    issue.value or "",
                ],
            )
            line.setForeground(0, QBrush(color))
        item.setExpanded(True)
        self.unit_items.append((item, locked_item, diff))

    def approved(self) -> tuple[list, set[int]]:
        diffs, accept = [], set()
        for item, locked_item, diff in self.unit_items:
            if item.checkState(0) != Qt.CheckState.Checked:
                continue
            diffs.append(diff)
            if locked_item is not None and locked_item.checkState(0) == Qt.CheckState.Checked:
                accept.add(diff.unit_id)
        return diffs, accept

    def apply(self) -> None:
        diffs, accept = self.approved()
        if not diffs:
            return
        command = ApplyReturnsCommand(
            self.ctx,
            diffs,
            accept,
            self.tr("Collect %1 returned sheets").replace("%1", str(len(diffs))),
        )
        try:
            perform(self.ctx, command)
        except LedgerError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return
        self.applied = command.result
        result = command.result
        QMessageBox.information(
            self,
            self.windowTitle(),
            self.tr("Written: %1 projects, %2 cells; %3 cells refused, %4 waiting for approval.")
            .replace("%1", str(result.rows_changed))
            .replace("%2", str(result.cells_changed))
            .replace("%3", str(result.cells_refused))
            .replace("%4", str(result.pending)),
        )
        self.clear()


def run_collect_dialog(parent: QWidget | None, ctx: AppContext, plan_id: int):
    dialog = CollectDialog(parent, ctx, plan_id)
    dialog.exec()
    return dialog.applied
