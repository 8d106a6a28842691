"""The merge side of File ▸ Import: the preview of what a returned sheet changes in a plan,
with a checkbox per new or changed row, and the one undo step that applies the checked rows.

The preview is a ListTableModel over the diff's rows (100,000 rows = one model reset). Never
build SQL here: importers.plan_import compares and writes.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.context import AppContext
from app.operations import OpCommand
from importers.plan_import import MergeResult, PlanDiff, apply_diff, undo_merge
from importers.projects import FIELD_LABELS
from services.operations import Operation
from services.parsing import format_money
from widgets.list_table_model import ListColumn, ListTableModel, list_table_view


class MergeImportCommand(OpCommand):
    """A returned sheet merged into a plan: one undo step for all its new rows and changed
    cells, one transaction each way."""

    def __init__(
        self,
        ctx: AppContext,
        diff: PlanDiff,
        accept_new: set[int],
        accept_changed: set[int],
        text: str,
    ):
        super().__init__(ctx, text)
        self.diff, self.accept_new, self.accept_changed = diff, accept_new, accept_changed
        self.result: MergeResult | None = None

    def forward(self, op: Operation) -> None:
        self.result = apply_diff(
            op.session,
            self.diff,
            accept_new=self.accept_new,
            accept_changed=self.accept_changed,
            state=op.state,
        )

    def backward(self, op: Operation) -> None:
        undo_merge(op.session, self.result)


_KIND_ORDER = {"new": 0, "changed": 1, "missing": 2}

# A merge preview row: ("new", index in diff.new, ParsedProject),
# ("changed", project id, ChangedProject) or ("missing", project id, (section, name)).
ChangeRow = tuple[str, int, object]


def change_rows(diff: PlanDiff) -> list[ChangeRow]:
    """New rows first, then changed, then missing: the list positions the check buttons use."""
    rows: list[ChangeRow] = [("new", i, parsed) for i, parsed in enumerate(diff.new)]
    rows += [("changed", c.project_id, c) for c in diff.changed]
    rows += [("missing", pid, (section, name)) for pid, section, name in diff.missing]
    return rows


def _change_section(row: ChangeRow) -> str:
    kind, _key, payload = row
    return payload[0] if kind == "missing" else payload.section


def _change_name(row: ChangeRow) -> str:
    kind, _key, payload = row
    return payload[1] if kind == "missing" else payload.name


def _change_details(row: ChangeRow) -> str:
    kind, _key, payload = row
    if kind == "new":
        return format_money(payload.planned_investment_wan)
    if kind == "changed":
        return "; ".join(
            f"{FIELD_LABELS.get(k, k)}: {_show(old)} → {_show(new)}"
            for k, (old, new) in payload.changes.items()
        )
    return ""


def _show(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, Decimal):
        return format_money(value)
    if isinstance(value, list):
        return "、".join(name for name, _role in value)
    return str(getattr(value, "label", value))


class MergePreview(QWidget):
    """The rows a merge would add or change, each with a checkbox, and buttons that check or
    uncheck every new or every changed row at once."""

    selectionChanged = Signal()  # a checkbox changed, or the rows were replaced

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.diff: PlanDiff | None = None
        kind_text = {
            "new": self.tr("New"),
            "changed": self.tr("Changed"),
            "missing": self.tr("Not in file (kept)"),
        }
        self.model = ListTableModel(
            [
                ListColumn(
                    self.tr("Change"), lambda r: kind_text[r[0]], lambda r: _KIND_ORDER[r[0]]
                ),
                ListColumn(self.tr("Section"), _change_section, _change_section),
                ListColumn(self.tr("Project"), _change_name, _change_name),
                ListColumn(
                    self.tr("Details"),
                    _change_details,
                    tooltip=lambda r: _change_details(r) if r[0] == "changed" else None,
                ),
            ],
            self,
            checkable=lambda r: r[0] != "missing",
        )
        self.model.dataChanged.connect(self._update_selection)
        self.model.modelReset.connect(self._update_selection)
        self.model.modelReset.connect(self._enable_check_buttons)
        self.view = list_table_view(self.model, self)
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)  # off until a header is clicked: diff order
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addLayout(self._check_row())
        self._update_selection()
        self._enable_check_buttons()

    def _check_row(self) -> QHBoxLayout:
        self.check_buttons: dict[tuple[str, bool], QPushButton] = {}
        row = QHBoxLayout()
        for kind, checked, text in (
            ("new", True, self.tr("Check all new")),
            ("new", False, self.tr("Uncheck all new")),
            ("changed", True, self.tr("Check all changed")),
            ("changed", False, self.tr("Uncheck all changed")),
        ):
            button = QPushButton(text, self)
            button.clicked.connect(lambda _c=False, k=kind, on=checked: self.check_all(k, on))
            row.addWidget(button)
            self.check_buttons[(kind, checked)] = button
        self.selection_label = QLabel(self)
        row.addStretch(1)
        row.addWidget(self.selection_label)
        return row

    def show_diff(self, diff: PlanDiff, rows: list[ChangeRow]) -> None:
        self.diff = diff
        self.model.set_rows(rows)
        for column, width in enumerate((150, 200, 260)):
            self.view.setColumnWidth(column, width)

    def clear(self) -> None:
        self.diff = None
        if self.model.rowCount():
            self.model.set_rows([])
        else:
            self._update_selection()

    def _bounds(self, kind: str) -> tuple[int, int]:
        """List positions of the new or changed rows in the merge preview."""
        if self.diff is None:
            return 0, 0
        new = len(self.diff.new)
        return (0, new) if kind == "new" else (new, new + len(self.diff.changed))

    def check_all(self, kind: str, checked: bool) -> None:
        """Check or uncheck every new (kind "new") or changed ("changed") row at once."""
        self.model.set_checked(checked, *self._bounds(kind))

    def count_checked(self) -> int:
        return self.model.count_checked()

    def _update_selection(self, *_args) -> None:
        new_start, new_stop = self._bounds("new")
        changed_start, changed_stop = self._bounds("changed")
        text = self.tr("Selected: %1 of %2 new, %3 of %4 changed.")
        for key, value in (
            ("%1", self.model.count_checked(new_start, new_stop)),
            ("%2", new_stop - new_start),
            ("%3", self.model.count_checked(changed_start, changed_stop)),
            ("%4", changed_stop - changed_start),
        ):
            text = text.replace(key, str(value))
        self.selection_label.setText(text if self.diff is not None else "")
        self.selectionChanged.emit()

    def _enable_check_buttons(self) -> None:
        for (kind, _checked), button in self.check_buttons.items():
            start, stop = self._bounds(kind)
            button.setEnabled(stop > start)

    def accepted_keys(self) -> tuple[set[int], set[int]]:
        """Indexes into diff.new and project ids of diff.changed whose rows are checked."""
        new, changed = set(), set()
        for kind, key, _payload in self.model.checked_rows():
            (new if kind == "new" else changed).add(key)
        return new, changed
