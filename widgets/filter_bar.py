"""The filter bar above the project grid: a quick-filter box and filters by field.

It turns what the user typed and picked into one services.query.ProjectFilter and emits it
(`filterChanged`); the grid, the dashboard and the status bar all take that same value, so the
filtering itself always happens in SQL. Typing is debounced so a fast typist triggers one query,
not one per key. This widget never queries projects itself.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QDate, QPoint, QRect, QSignalBlocker, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from app.context import AppContext
from services import query
from services.fields import OwnerRole, ProjectStatus
from services.query import ProjectFilter, plan_info
from widgets.field_labels import choice_title
from widgets.form_parts import hbox, tool_button
from widgets.owners_editor import OrganizationPicker, role_label

NO_YEAR = 1989  # the spin box's "any year" value, just below the first valid year


def status_label(status: ProjectStatus) -> str:
    return choice_title("status", status)


def project_types(ctx: AppContext, plan_id: int | None) -> list[str]:
    """The plan's project types for the type filter."""
    if plan_id is None:
        return []
    with ctx.session() as session:
        return query.project_types(session, plan_id)


class FlowLayout(QLayout):
    """Lays widgets left to right and wraps to a new line when the bar is narrow."""

    def __init__(self, parent: QWidget | None = None, h_spacing: int = 8, v_spacing: int = 4):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._h, self._v = h_spacing, v_spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        x, y, line_height = rect.x(), rect.y(), 0
        for item in self._items:
            hint = item.sizeHint()
            if x + hint.width() > rect.right() + 1 and line_height > 0:
                x, y = rect.x(), y + line_height + self._v
                line_height = 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._h
            line_height = max(line_height, hint.height())
        return y + line_height - rect.y()


class YearSpin(QSpinBox):
    """A year box whose first step from "any year" lands on the plan's year, not on 1990."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.anchor_year = QDate.currentDate().year()

    def stepBy(self, steps: int) -> None:
        if self.value() == NO_YEAR and steps > 0:
            self.setValue(self.anchor_year)
        else:
            super().stepBy(steps)


class FilterBar(QWidget):
    filterChanged = Signal(object)  # ProjectFilter
    leaveRequested = Signal()  # Enter or Esc in the quick filter: back to the table

    TYPING_DELAY_MS = 250

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._plan_id: int | None = None
        self._extra = ProjectFilter()  # fields the bar has no widget for (drill-down ids…)
        self._owner_id: int | None = None

        self._typing = QTimer(self, singleShot=True, interval=self.TYPING_DELAY_MS)
        self._typing.timeout.connect(self._emit)
        self._make_quick_filter()
        self._make_field_filters()
        self.clear_button = tool_button(
            self.tr("Clear filters"), self.tr("Show every project of the plan"), self.clear, self
        )
        self.count_label = QLabel(self)
        self.count_label.setObjectName("filterCount")
        grid = QGridLayout(self)
        grid.setContentsMargins(6, 6, 6, 4)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        grid.addLayout(hbox((self.quick, 1), self.count_label, self.clear_button), 0, 0)
        grid.addLayout(self._field_cells(), 1, 0)
        self._update_role_enabled()

    def _make_quick_filter(self) -> None:
        """Words looked up in name, content, type and units; Enter or Esc go back to the grid."""
        self.quick = QLineEdit(self)
        self.quick.setObjectName("quickFilter")
        self.quick.setClearButtonEnabled(True)
        self.quick.setPlaceholderText(
            self.tr("Quick filter: name, content, type or units (Ctrl+F)")
        )
        self.quick.textChanged.connect(lambda _t: self._typing.start())
        self.quick.returnPressed.connect(self._emit_now)
        self.quick.returnPressed.connect(self.leaveRequested)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.quick)
        escape.setContext(Qt.ShortcutContext.WidgetShortcut)
        escape.activated.connect(self._escape)

    def _make_field_filters(self) -> None:
        """Section, type, unit and its role, year, status."""
        self.section = QComboBox(self)
        self.section.currentIndexChanged.connect(self._emit_now)
        self.type = QComboBox(self)
        self.type.setEditable(True)
        self.type.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.type.lineEdit().setPlaceholderText(self.tr("Any type"))
        self.type.lineEdit().editingFinished.connect(self._emit_now)
        self.type.activated.connect(self._emit_now)
        self.owner = OrganizationPicker(self.ctx, self)
        self.owner.setPlaceholderText(self.tr("Any unit"))
        self.owner.chosen.connect(lambda _name: self._resolve_owner())
        self.owner.editingFinished.connect(self._resolve_owner)
        self.owner.textChanged.connect(self._on_owner_text)
        self.role = self._any_of(self.tr("Any role"), OwnerRole, role_label)
        self.year = YearSpin(self)
        self.year.setRange(NO_YEAR, 2100)
        self.year.setSpecialValueText(self.tr("Any year"))
        self.year.setValue(NO_YEAR)
        self.year.setToolTip(self.tr("Projects whose construction period covers this year"))
        self.year.valueChanged.connect(lambda _v: self._typing.start())
        self.status = self._any_of(self.tr("Any status"), ProjectStatus, status_label)

    def _any_of(self, any_text: str, members, label_of) -> QComboBox:
        """A choice of one member of an enum, or any."""
        combo = QComboBox(self)
        combo.addItem(any_text, None)
        for member in members:
            combo.addItem(label_of(member), member.value)
        combo.currentIndexChanged.connect(self._emit_now)
        return combo

    def _field_cells(self) -> FlowLayout:
        """The field filters flowing onto a second line when the window is narrow."""
        fields = FlowLayout(h_spacing=8, v_spacing=4)
        for label, widget in (
            (self.tr("Section"), self.section),
            (self.tr("Type"), self.type),
            (self.tr("Unit"), self.owner),
            (self.tr("Year"), self.year),
            (self.tr("Status"), self.status),
        ):
            cell = QWidget(self)
            row = QHBoxLayout(cell)
            row.setContentsMargins(0, 0, 0, 0)
            row.setSpacing(4)
            # Each list says what it filters ("全部分类"), so the caption is a tooltip.
            widget.setToolTip(widget.toolTip() or label)
            widget.setAccessibleName(label)
            row.addWidget(widget)
            if widget is self.owner:
                row.addWidget(self.role)
            for item in (widget, self.role) if widget is self.owner else (widget,):
                if isinstance(item, QComboBox):
                    # Narrow windows shrink the lists rather than the grid (popups stay wide).
                    item.setSizeAdjustPolicy(
                        QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
                    )
                    item.setMinimumContentsLength(max(item.minimumContentsLength(), 4))
            fields.addWidget(cell)
        self.section.setMinimumContentsLength(9)
        self.status.setMinimumContentsLength(6)
        self.role.setMinimumContentsLength(5)
        self.type.setMinimumContentsLength(6)
        self.owner.setMinimumWidth(96)
        self.owner.setMaximumWidth(160)
        return fields

    # ------------------------------------------------------------------ scope from the tree

    def set_scope(self, plan_id: int | None, section_id: int | None) -> None:
        """The tree picked a plan or a section: reload the plan's lists, emit the new filter."""
        if plan_id != self._plan_id:
            self._plan_id = plan_id
            self._reload_lists()
        with QSignalBlocker(self.section):
            index = self.section.findData(section_id)
            self.section.setCurrentIndex(max(index, 0))
        self._extra = ProjectFilter()
        self._emit_now()

    def reload(self) -> None:
        """Sections were added, renamed or removed: refresh the lists, keep the choices."""
        self._reload_lists()

    def _reload_lists(self) -> None:
        current_section = self.section.currentData()
        current_type = self.type.currentText()
        with QSignalBlocker(self.section), QSignalBlocker(self.type):
            self.section.clear()
            self.section.addItem(self.tr("All sections"), None)
            if self._plan_id is not None:
                with self.ctx.session() as session:
                    plan = plan_info(session, self._plan_id)
                    if plan is not None:
                        self.year.anchor_year = plan.year_start
                    for section_id, name in plan.sections if plan else ():
                        self.section.addItem(name, section_id)
                        self.section.setItemData(
                            self.section.count() - 1, name, Qt.ItemDataRole.ToolTipRole
                        )
            self.section.setCurrentIndex(max(self.section.findData(current_section), 0))
            self.type.clear()
            self.type.addItem("")
            self.type.addItems(project_types(self.ctx, self._plan_id))
            self.type.setEditText(current_type)

    # ------------------------------------------------------------------ the filter value

    def filter(self) -> ProjectFilter:
        status = self.status.currentData()
        role = self.role.currentData()
        project_type = self.type.currentText().strip() or None
        return replace(
            self._extra,
            plan_id=self._plan_id,
            section_ids=(self.section.currentData(),)
            if self.section.currentData() is not None
            else (),
            text=self.quick.text().strip(),
            project_type=project_type,
            owner_id=self._owner_id,
            owner_role=OwnerRole(role) if role and self._owner_id is not None else None,
            year=None if self.year.value() == NO_YEAR else self.year.value(),
            status=ProjectStatus(status) if status else None,
        )

    def section_id(self) -> int | None:
        return self.section.currentData()

    def set_filter(self, flt: ProjectFilter) -> None:
        """Show a filter made elsewhere (dashboard drill-down); fields without a widget are kept."""
        if flt.plan_id is not None and flt.plan_id != self._plan_id:
            self._plan_id = flt.plan_id
            self._reload_lists()
        blockers = [
            QSignalBlocker(w)
            for w in (self.quick, self.section, self.type, self.owner, self.role, self.year)
        ]
        blockers.append(QSignalBlocker(self.status))
        section = flt.section_ids[0] if len(flt.section_ids) == 1 else None
        self.section.setCurrentIndex(max(self.section.findData(section), 0))
        self.quick.setText(flt.text)
        self.type.setEditText(flt.project_type or "")
        self._owner_id = flt.owner_id
        self.owner.setText(self._owner_name(flt.owner_id))
        self.role.setCurrentIndex(
            max(self.role.findData(flt.owner_role.value if flt.owner_role else None), 0)
        )
        self.year.setValue(flt.year or NO_YEAR)
        self.status.setCurrentIndex(
            max(self.status.findData(flt.status.value if flt.status else None), 0)
        )
        del blockers
        # Keep what the widgets cannot show (several sections, explicit ids).
        self._extra = ProjectFilter(
            section_ids=flt.section_ids if len(flt.section_ids) > 1 else (), ids=flt.ids
        )
        self._update_role_enabled()
        self._emit_now()

    def clear(self) -> None:
        """Back to the whole plan (the plan itself stays chosen)."""
        self.set_filter(ProjectFilter(plan_id=self._plan_id))

    def focus_quick_filter(self) -> None:
        self.quick.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.quick.selectAll()

    def _escape(self) -> None:
        """Esc clears the quick filter; a second Esc goes back to the table."""
        if self.quick.text():
            self.quick.clear()
            self._emit_now()
        else:
            self.leaveRequested.emit()

    def set_count_text(self, text: str) -> None:
        self.count_label.setText(text)

    def is_filtered(self) -> bool:
        flt = self.filter()
        return bool(set(flt.describe()) - {"plan_id"})

    # ------------------------------------------------------------------ internals

    def _owner_name(self, owner_id: int | None) -> str:
        if owner_id is None:
            return ""
        with self.ctx.session() as session:
            return query.organization_name(session, owner_id)

    def _on_owner_text(self, text: str) -> None:
        if not text.strip() and self._owner_id is not None:
            self._owner_id = None
            self._set_owner_error(None)
            self._update_role_enabled()
            self._emit_now()

    def _resolve_owner(self) -> None:
        name = self.owner.text().strip()
        owner_id = None
        if name:
            with self.ctx.session() as session:
                org = query.organization_by_name(session, name)
                owner_id = org.id if org else None
            self._set_owner_error(
                None if owner_id else self.tr("No unit is called “%1”.").replace("%1", name)
            )
            if owner_id is None:
                return  # keep the last valid owner filter rather than silently showing all
        else:
            self._set_owner_error(None)
        if owner_id != self._owner_id:
            self._owner_id = owner_id
            self._update_role_enabled()
            self._emit_now()

    def _set_owner_error(self, message: str | None) -> None:
        self.owner.setStyleSheet("QLineEdit { border: 1px solid #c0392b; }" if message else "")
        self.owner.setToolTip(message or "")

    def _update_role_enabled(self) -> None:
        self.role.setEnabled(self._owner_id is not None)

    def _emit_now(self, *_args) -> None:
        self._typing.stop()
        self._emit()

    def _emit(self) -> None:
        self.filterChanged.emit(self.filter())
