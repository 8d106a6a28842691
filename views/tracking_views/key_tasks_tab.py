"""The 重点任务 tab: the responsibility decomposition table, imported and exported, and the
projects that carry out each task."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.operations import OpCommand
from app.tasks import run_task
from services import key_tasks
from services.operations import Operation
from services.query import ProjectFilter
from views.tracking_views.tab import TrackingTab
from widgets.empty_state import empty_state_page
from widgets.form_parts import save_path


class LinkCommand(OpCommand):
    """Link/unlink projects to a key task; undo swaps the two lists."""

    def __init__(self, ctx: AppContext, task_id: int, add: list[int], remove: list[int], text: str):
        super().__init__(ctx, text)
        self.task_id, self.add, self.remove = task_id, add, remove

    def forward(self, op: Operation) -> None:
        # Only the links that really changed are kept: undo must not drop older ones.
        self.add, self.remove = key_tasks.set_links(op.session, self.task_id, self.add, self.remove)

    def backward(self, op: Operation) -> None:
        key_tasks.set_links(op.session, self.task_id, self.remove, self.add)


class KeyTasksView(TrackingTab):
    """重点任务 / 责任分解表 with lead and cooperating units, and the projects implementing each."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, key_tasks.KeyTaskSource(), parent)
        self.view.new_row_values = lambda: {"task": self.tr("New task")}
        self.model.set_headers(
            {
                "seq_label": self.tr("No."),
                "campaign": self.tr("Work area"),
                "task": self.tr("Task"),
                "lead": self.tr("Lead unit"),
                "cooperating": self.tr("Cooperating units"),
                "projects": self.tr("Linked projects"),
            }
        )
        self.add_button(self.tr("Import table…"), self.import_table)
        self.add_button(self.tr("Export table…"), self.export_table)
        # The linked projects of the current task, beside the grid.
        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        self.links_title = QLabel(self.tr("Projects implementing the task"), side)
        self.links = QListWidget(side)
        self.links.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.link_search = QLineEdit(side)
        self.link_search.setPlaceholderText(self.tr("Find a project to link…"))
        self.link_search.returnPressed.connect(self._find_projects)
        self.candidates = QListWidget(side)
        self.candidates.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        buttons = QHBoxLayout()
        self.link_button = QPushButton(self.tr("Link"), side)
        self.link_button.clicked.connect(self.link_selected)
        self.unlink_button = QPushButton(self.tr("Unlink"), side)
        self.unlink_button.clicked.connect(self.unlink_selected)
        buttons.addWidget(self.link_button)
        buttons.addWidget(self.unlink_button)
        for widget in (self.links_title, self.links, self.link_search, self.candidates):
            side_layout.addWidget(widget)
        side_layout.addLayout(buttons)
        layout = self.layout()
        layout.removeWidget(self.view)
        splitter = QSplitter(self)
        splitter.addWidget(self.view)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        # Empty, the tab says where key tasks come from instead of showing a blank grid.
        self.pages = QStackedWidget(self)
        self.pages.addWidget(splitter)
        self.empty_page = self._build_empty_page()
        self.pages.addWidget(self.empty_page)
        layout.insertWidget(1, self.pages, 1)
        self.view.currentIdChanged.connect(self._show_links)
        self.model.modelReset.connect(self._update_empty_state)
        self.model.rowsInserted.connect(self._update_empty_state)
        self.model.rowsRemoved.connect(self._update_empty_state)

    def _build_empty_page(self) -> QWidget:
        self.empty_import_button = QPushButton(self.tr("Import the decomposition table…"), self)
        self.empty_import_button.clicked.connect(lambda _checked=False: self.import_table())
        self.empty_add_button = QPushButton(self.tr("Type them in"), self)
        self.empty_add_button.clicked.connect(lambda _checked=False: self.view.insert_rows())
        return empty_state_page(
            QWidget(self),
            self.tr("No key tasks yet"),
            self.tr(
                "The plan's key tasks (重点任务) come from its responsibility decomposition "
                "table (工作任务责任分解表: 序号 | 工作内容 | 工作任务 | 牵头单位 | 配合单位). "
                "Import that table from Excel or WPS; each task can then be linked to the "
                "projects that carry it out."
            ),
            [self.empty_import_button, self.empty_add_button],
            title_scale=1.4,
            button_gap=14,
        )

    def is_empty_state(self) -> bool:
        return self.pages.currentWidget() is self.empty_page

    def _update_empty_state(self, *_args: object) -> None:
        # A search that finds nothing keeps the grid (and the search box) in view.
        empty = self.model.rowCount() == 0 and not self.search.text().strip()
        self.pages.setCurrentWidget(self.empty_page if empty else self.pages.widget(0))

    def _show_links(self, task_id=None) -> None:
        task_id = task_id if task_id is not None else self.view.current_id()
        self.links.clear()
        if task_id is None:
            return
        with self.ctx.session() as session:
            for pid, name, seq in key_tasks.linked_projects(session, task_id):
                item = QListWidgetItem(f"{seq or ''} {name}".strip(), self.links)
                item.setData(Qt.ItemDataRole.UserRole, pid)

    def _on_tracking_changed(self, topic: str) -> None:
        super()._on_tracking_changed(topic)
        if topic == "tasks":
            self._show_links()

    def _find_projects(self) -> None:
        from services.query import project_ids, rows_for_ids

        self.candidates.clear()
        if self.plan_id is None:
            return
        with self.ctx.session() as session:
            ids = project_ids(
                session, ProjectFilter(plan_id=self.plan_id, text=self.link_search.text())
            )
            for row in rows_for_ids(session, ids[:200]):  # a pick list, never the whole table
                item = QListWidgetItem(f"{row.seq_label or ''} {row.name}".strip(), self.candidates)
                item.setData(Qt.ItemDataRole.UserRole, row.id)
                item.setToolTip(row.content or "")

    def link_selected(self) -> bool:
        task_id = self.view.current_id()
        ids = [i.data(Qt.ItemDataRole.UserRole) for i in self.candidates.selectedItems()]
        if task_id is None or not ids:
            return False
        command = LinkCommand(self.ctx, task_id, ids, [], self.tr("Link projects to task"))
        return self.run_command(command, self.tr("Link projects to task"))

    def unlink_selected(self) -> bool:
        task_id = self.view.current_id()
        ids = [i.data(Qt.ItemDataRole.UserRole) for i in self.links.selectedItems()]
        if task_id is None or not ids:
            return False
        command = LinkCommand(self.ctx, task_id, [], ids, self.tr("Unlink projects from task"))
        return self.run_command(command, self.tr("Unlink projects from task"))

    def import_table(self, path: str | None = None) -> None:
        from importers.key_tasks import import_key_tasks

        def command(plan_id: int, path: str) -> ImportedRowsCommand:
            def load(op: Operation) -> list[int]:
                _checked, ids = import_key_tasks(op.state, op.session, plan_id, path)
                return ids

            return ImportedRowsCommand(self.ctx, self.source, load, self.tr("Import key tasks"))

        def done(command: ImportedRowsCommand, _path: str) -> None:
            count = len(command.ids)
            self.status.setText(self.tr("{count} task(s) imported.").format(count=count))

        self._import_file(self.tr("Import decomposition table"), path, command, done)

    def export_table(self, path: str | None = None) -> None:
        from exports.key_tasks import export_key_tasks

        if self.plan_id is None:
            return
        path = save_path(
            self,
            path,
            self.tr("Export decomposition table"),
            self.tr("decomposition.xlsx"),
            self.tr("Excel workbook (*.xlsx);;CSV (*.csv)"),
        )
        if not path:
            return
        plan_id = self.plan_id
        title = self.tr("Responsibility decomposition table")

        def work(state):
            with self.ctx.session() as session:
                return export_key_tasks(state, session, plan_id, path, title)

        run_task(
            self,
            self.tr("Exporting…"),
            work,
            on_done=lambda p: self.status.setText(self.tr("Saved {path}").format(path=p)),
            on_error=lambda exc, _tb: QMessageBox.warning(self, title, str(exc)),
        )


class ImportedRowsCommand(OpCommand):
    """An import that inserts rows: `load(op)` imports and returns the new ids; undo deletes
    them, redo restores them with the same ids."""

    def __init__(self, ctx: AppContext, source, load, text: str) -> None:
        super().__init__(ctx, text)
        self.source, self.load = source, load
        self.ids: list[int] = []
        self._snapshot = None

    def forward(self, op: Operation) -> None:
        if self._snapshot is None:
            self.ids = self.load(op)
        else:
            self.source.restore(op.session, self._snapshot)

    def backward(self, op: Operation) -> None:
        self._snapshot = self.source.delete(op.session, self.ids)
