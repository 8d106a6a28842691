"""The details panel of the selected project (right dock): every field, long text, owners, history.

What the grid shows in one line — the long 主要建设内容, the ordered owners with their roles —
is edited here in full. Saving validates with the same parsers as the grid
(services.records.ProjectSource.parse) and writes through ProjectSource.set_fields inside one
app.undo.SetFieldsCommand, so a details edit is one undo step like any cell edit. The panel never
writes to the database except through that command, and never keeps a session open.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.operations import listen
from services.errors import FieldError, LedgerError, ValidationError
from services.fields import FIELDS, ColumnKind, OwnerRole
from services.ledger import validate_changes
from services.records import ProjectSource
from widgets.field_labels import choice_titles, field_title
from widgets.form_parts import hbox
from widgets.owners_editor import OwnersEditor

# The form's rows follow the registry (services.fields): one editor per field, by its kind.
LONG_FIELDS = tuple(k for k, f in FIELDS.items() if f.long_text)
CHOICE_FIELDS = tuple(k for k, f in FIELDS.items() if f.kind is ColumnKind.CHOICE)
OWNER_FIELDS = tuple(k for k, f in FIELDS.items() if f.kind is ColumnKind.OWNERS)
TEXT_FIELDS = tuple(k for k in FIELDS if k not in LONG_FIELDS + CHOICE_FIELDS + OWNER_FIELDS)
WIDE_FIELDS = LONG_FIELDS + OWNER_FIELDS  # full width, label above


class ProjectDetails(QWidget):
    """`set_project(id)` shows a project; `save()` writes the edits as one undo step.

    The methods signals call are declared slots: a plain method connected to a signal becomes
    a slot PySide adds to the class's meta-object at run time, and a call through such a slot
    was seen failing now and then ("Slot 'ProjectDetails::' not found") in long test runs.
    """

    saved = Signal(int)  # project id

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.source = ProjectSource()
        self.project_id: int | None = None
        self._loaded: dict[str, object] = {}
        self._version: int | None = None  # row_version of the values shown
        self._loading = False

        details = self._details_page()
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(details, self.tr("Details"))
        self.history = None  # views.audit_view.AuditHistoryView, built when its tab first shows
        self._history_index = self.tabs.addTab(QWidget(self), self.tr("History"))
        self.tabs.currentChanged.connect(self._on_tab_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self._add_shortcuts()
        listen(ctx, self, projects=self._on_projects_changed)
        self._set_dirty(False)

    def _details_page(self) -> QStackedWidget:
        """ "Select a project" until one is chosen, then its form scrolling above the error
        line and the Save / Revert buttons, which stay in view."""
        self.heading = QLabel(self)
        self.heading.setObjectName("detailsHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.heading.setFont(font)
        self._make_editors()
        form_page = QWidget(self)
        page_layout = QVBoxLayout(form_page)
        page_layout.setContentsMargins(8, 8, 8, 4)
        page_layout.addWidget(self.heading)
        page_layout.addLayout(self._form())
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(form_page)
        self.error = QLabel(self)
        self.error.setObjectName("detailsError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c0392b;")
        self.error.hide()
        self.error.setContentsMargins(8, 0, 8, 0)
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setToolTip(self.tr("Save the changes as one undo step (Ctrl+Enter)"))
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(self.tr("Revert"), self)
        self.revert_button.clicked.connect(self.revert)
        buttons = hbox(None, self.revert_button, self.save_button)
        buttons.setContentsMargins(8, 0, 8, 0)
        project_page = QWidget(self)
        project_layout = QVBoxLayout(project_page)
        project_layout.setContentsMargins(0, 0, 0, 6)
        project_layout.addWidget(scroll, 1)
        project_layout.addWidget(self.error)
        project_layout.addLayout(buttons)
        self.empty = QLabel(self.tr("Select a project in the table to see its details."), self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setMargin(16)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(project_page)
        return self.stack

    def _make_editors(self) -> None:
        """One editor per field of the registry: a line, a text box, a choice or the owners."""
        self.editors: dict[str, QWidget] = {}
        for key in TEXT_FIELDS:
            edit = QLineEdit(self)
            edit.textEdited.connect(self._on_edited)
            self.editors[key] = edit
        self.editors["planned_investment_wan"].setAlignment(Qt.AlignmentFlag.AlignRight)
        self.editors["period"].setPlaceholderText(self.tr("2023 or 2022-2024"))
        self.editors["planned_investment_wan"].setPlaceholderText(self.tr("/ = not set"))
        for key in LONG_FIELDS:
            edit = QPlainTextEdit(self)
            edit.setTabChangesFocus(True)
            edit.textChanged.connect(self._on_edited)
            self.editors[key] = edit
        # Long text may scroll; the owners list below should show a typical 6–8 units whole.
        self.editors["content"].setMinimumHeight(100)
        self.editors["content"].setMaximumHeight(200)
        self.editors["remarks"].setFixedHeight(56)
        for key in CHOICE_FIELDS:
            combo = QComboBox(self)
            for value, title in choice_titles(key).items():
                combo.addItem(title, value)
            combo.activated.connect(self._on_edited)
            self.editors[key] = combo
        self.owners = OwnersEditor(self.ctx, self)
        self.owners.changed.connect(self._on_edited)
        self.editors["owners"] = self.owners

    def _form(self) -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self._labels: dict[str, QLabel] = {}
        for key in FIELDS:
            label = QLabel(field_title(key) + QCoreApplication.translate("ProjectDetails", ":"))
            label.setBuddy(self.editors[key])
            self._labels[key] = label
            if key in WIDE_FIELDS:
                # Long text and the owners list get the panel's full width, label above.
                form.addRow(label)
                form.addRow(self.editors[key])
            else:
                form.addRow(label, self.editors[key])
        return form

    def _add_shortcuts(self) -> None:
        """Ctrl+Enter (or Ctrl+S) saves, Escape reverts, anywhere in the panel."""
        for keys, slot in (
            ("Ctrl+Return", self.save),
            ("Ctrl+Enter", self.save),
            ("Ctrl+S", self.save),
            ("Escape", self.revert),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    # ------------------------------------------------------------------ showing a project

    @Slot(object)
    def set_project(self, project_id: int | None) -> None:
        if project_id == self.project_id:
            return
        if self.is_dirty() and self.project_id is not None:
            self._save_before_leaving()
        self.project_id = project_id
        self.reload()
        if self.history is not None:
            self.history.set_project(project_id)

    def reload(self) -> None:
        """Show the current project as stored, dropping unsaved edits."""
        record = None
        if self.project_id is not None:
            with self.ctx.session() as session:
                rows = self.source.plain_rows(session, [self.project_id])
                record = rows[0] if rows else None
        # The version the shown values were read at: a save based on it is refused when
        # another user saved the project since (the form then keeps what was typed).
        self._version = None if record is None else self.source.version(record)
        if record is None:
            self.project_id = None
            self._loaded = {}
            self.stack.setCurrentWidget(self.empty)
            self._set_dirty(False)
            return
        self._loading = True
        try:
            row = record.row
            values: dict[str, object] = {}
            for key in TEXT_FIELDS + LONG_FIELDS:
                values[key] = self.source.edit_text(record, key)
                if key == "planned_investment_wan" and values[key] == "":
                    values[key] = "/"
            for key in TEXT_FIELDS:
                self.editors[key].setText(values[key])
                self.editors[key].setCursorPosition(0)
            for key in LONG_FIELDS:
                self.editors[key].setPlainText(values[key])
            for key in CHOICE_FIELDS:
                values[key] = FIELDS[key].parse(getattr(row, key))
                combo: QComboBox = self.editors[key]
                combo.setCurrentIndex(combo.findData(getattr(values[key], "value", values[key])))
            values["owners"] = [(name, OwnerRole(role)) for name, role in row.owners]
            self.owners.set_value(values["owners"])
            self._loaded = values
            self.heading.setText(row.name)
            self.stack.setCurrentIndex(1)
        finally:
            self._loading = False
        self._show_errors([])
        self._set_dirty(False)

    # ------------------------------------------------------------------ edits

    def current_values(self) -> dict[str, object]:
        values: dict[str, object] = {}
        for key in TEXT_FIELDS:
            values[key] = self.editors[key].text()
        for key in LONG_FIELDS:
            values[key] = self.editors[key].toPlainText()
        for key in CHOICE_FIELDS:
            values[key] = FIELDS[key].parse(self.editors[key].currentData())
        values["owners"] = self.owners.value()
        return values

    def pending_changes(self) -> dict[str, object]:
        """The fields whose value differs from what was loaded."""
        if self.project_id is None:
            return {}
        current = self.current_values()
        return {key: value for key, value in current.items() if value != self._loaded.get(key)}

    def is_dirty(self) -> bool:
        return bool(self.pending_changes())

    @Slot()
    def _on_edited(self) -> None:
        if not self._loading:
            self._set_dirty(self.is_dirty())

    def _set_dirty(self, dirty: bool) -> None:
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)

    @Slot()
    def revert(self) -> None:
        self.reload()

    @Slot(result=bool)
    def save(self) -> bool:
        """Validate and write the edits as one undo step. False (and errors shown) if refused."""
        changes = self.pending_changes()
        if not changes or self.project_id is None:
            return True
        project_id = self.project_id
        _parsed, errors = validate_changes({project_id: changes})
        if errors:
            self._show_errors(errors)
            return False
        from app.operations import perform
        from app.undo import SetFieldsCommand

        text = self.tr("Edit %1").replace("%1", "、".join(field_title(key) for key in changes))
        expected = {project_id: self._version} if self._version is not None else None
        command = SetFieldsCommand(
            self.ctx, self.source, {project_id: changes}, text, expected=expected
        )
        try:
            perform(self.ctx, command)
        except LedgerError as exc:
            errors = exc.errors if isinstance(exc, ValidationError) else []
            self._show_errors(errors, str(exc))
            return False
        self.reload()
        self.saved.emit(project_id)
        return True

    def _save_before_leaving(self) -> None:
        name = self.heading.text()
        if not self.save():
            QMessageBox.warning(
                self,
                self.tr("Changes not saved"),
                self.tr("Your changes to “%1” were not saved:\n%2")
                .replace("%1", name)
                .replace("%2", self.error.text()),
            )

    def _show_errors(self, errors: list[FieldError], fallback: str = "") -> None:
        for key, label in self._labels.items():
            bad = any(e.field == key for e in errors)
            label.setStyleSheet("color: #c0392b;" if bad else "")
        if not errors and not fallback:
            self.error.hide()
            return
        lines = [f"{field_title(e.field)}: {e.reason}" for e in errors] or [fallback]
        self.error.setText("\n".join(lines))
        self.error.show()

    # ------------------------------------------------------------------ outside changes

    def _on_projects_changed(self, changeset) -> None:
        if self.project_id is None:
            return
        affected = changeset is None or self.project_id in getattr(changeset, "changed_ids", ())
        if affected and not self.is_dirty():
            self.reload()

    @Slot(int)
    def _on_tab_changed(self, index: int) -> None:
        if index != self._history_index or self.history is not None:
            return
        from views.audit_view import AuditHistoryView

        self.history = AuditHistoryView(self.ctx)
        self.tabs.blockSignals(True)
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, self.history, self.tr("History"))
        self.tabs.setCurrentIndex(index)
        self.tabs.blockSignals(False)
        self.history.set_project(self.project_id)
