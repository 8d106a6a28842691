"""What the grid does when a save cannot go through as typed (one part of SpreadsheetView).

- Read-only cells: services.edit_rights says which cells this user may edit; the others are
  greyed, refused before any write is tried, and say why (tooltip, status bar, refusal list).
- Someone else saved first (StaleRowError): the conflict dialog (conflict_dialog) shows
  before / theirs / mine per field; keeping mine re-saves on the fresh version through the
  normal write path, one undo step. A conflict whose other change touched none of the
  clerk's fields is merged without asking. Cancel keeps the typed values marked, unsaved.
- The database went away (connection lost): the typed values stay marked as pending and
  are saved again every few seconds until the database answers. The retry expects the row
  version the first try was based on, so a first try that did go in is not written twice.
Never build SQL here: services.conflicts and services.edit_rights answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QTimer

from app.operations import perform
from app.undo import RecordCommand, SetFieldsCommand
from services.conflicts import Conflict, connection_lost, find_conflict
from services.edit_rights import LOCAL, EditRights, Refusal, cell_refusal, rights_for
from services.errors import LedgerError, PermissionRefused, StaleRowError, ValidationError
from services.ledger import ChangeSet
from widgets.grid.cell_errors import CellError
from widgets.grid.conflict_dialog import ConflictDialog

RETRY_MS = 3000  # how often unsaved edits are tried again while the database is away


@dataclass(frozen=True)
class TypedEdit:
    """What the clerk typed, over what, based on which row versions: kept apart from the
    undo command (a refused command is deleted by the undo stack) for a conflict or a retry."""

    changes: dict[int, dict[str, object]]
    before: dict[int, dict[str, str]]
    expected: dict[int, int]
    label: str

    @property
    def cells(self) -> set[tuple[int, str]]:
        return {(i, key) for i, values in self.changes.items() for key in values}

    def command(self, guard: SaveGuardMixin) -> SetFieldsCommand:
        command = SetFieldsCommand(
            guard.ctx, guard.source, self.changes, self.label, expected=self.expected
        )
        command.typed = self
        return command


class SaveGuardMixin:
    """Edit rights, conflicts and retries of a SpreadsheetView's saves."""

    def _init_save_guard(self) -> None:
        self.rights: EditRights = LOCAL
        self.last_conflict_dialog: ConflictDialog | None = None
        self._waiting: list[TypedEdit] = []  # saves to retry when the database is back
        self._retry_timer = QTimer(self)
        self._retry_timer.setInterval(RETRY_MS)
        self._retry_timer.timeout.connect(self.retry_pending)
        # Any change notice (this window's or, live, another client's) means the database
        # answers again: the waiting edits need not wait for the timer.
        self.ctx.bus.changed.connect(self._database_answered)
        with self.ctx.session() as session:
            self.set_rights(rights_for(session))
        self.selectionModel().currentChanged.connect(self._say_why_read_only)

    # ---------------------------------------------------------------- edit rights

    def set_rights(self, rights: EditRights) -> None:
        """Whose rights the grid shows (the signed-in user's; tests set others)."""
        self.rights = rights
        model = self.grid_model
        model.cell_lock = None if rights.everything else self._cell_lock
        if model.rowCount():
            model.dataChanged.emit(
                model.index(0, 0), model.index(model.rowCount() - 1, model.columnCount() - 1)
            )

    def _cell_lock(self, record: object, key: str) -> str | None:
        refusal = cell_refusal(self.rights, self.source, record, key)
        return None if refusal is None else self.refusal_text(refusal)

    def refusal_text(self, refusal: Refusal) -> str:
        if refusal is Refusal.VIEWER:
            return self.tr("Read-only: your account may only view this ledger.")
        if refusal is Refusal.NOT_OWNER:
            return self.tr(
                "Read-only: your unit is neither the lead nor a cooperating unit of this project."
            )
        if refusal is Refusal.FIELD:
            return self.tr(
                "Read-only: editors may change only the progress, status and notes of "
                "their units' projects."
            )
        return self.tr("Read-only: this table is kept by the office; editors may not change it.")

    def rows_refusal(self) -> str | None:
        """Why this user may not add, delete or move rows, or None."""
        if self.rights.everything:
            return None
        if self.rights.role == "viewer":
            return self.refusal_text(Refusal.VIEWER)
        return self.tr("Read-only: only the office may add, delete or move rows.")

    def lock_of(self, record: object, key: str) -> str | None:
        """Why this user may not edit cell `key` of `record` (fetched or cached), or None."""
        return None if self.grid_model.cell_lock is None else self._cell_lock(record, key)

    def refuse_locked(self, changes: dict[int, dict[str, object]], title: str) -> bool:
        """Refuse (and list) an edit of cells this user may not edit; False if none."""
        model = self.grid_model
        if model.cell_lock is None:
            return False
        rows = model.rows_of(changes)
        errors = []
        for record in model.records(sorted(rows.values())):
            if record is None:
                continue
            record_id = self.source.row_id(record)
            for key in changes.get(record_id, {}):
                reason = self._cell_lock(record, key)
                if reason is not None:
                    title_of = self._field_title(key)
                    errors.append(CellError(str(rows[record_id] + 1), title_of, "", reason))
        if errors:
            self.show_errors(title, self.tr("Nothing was changed."), errors)
        return bool(errors)

    def _say_why_read_only(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and self.grid_model.cell_lock is not None:
            reason = self.grid_model.lock_reason(current.row(), current.column())
            if reason is not None:
                self.statusMessage.emit(reason)

    # ---------------------------------------------------------------- building edits

    def edit_command(
        self,
        changes: dict[int, dict[str, object]],
        text: str,
        *,
        records: dict[int, object] | None = None,
    ) -> SetFieldsCommand:
        """A set-fields step of typed cells, based on the row versions the clerk saw (the
        grid's rows, or `records` read for this edit) and remembering the values typed over
        (for a conflict dialog)."""
        model = self.grid_model
        version = getattr(self.source, "version", None)
        if records is None:  # the rows on screen; a fill of rows never shown reads versions
            rows = model.rows_of(changes)
            records = {i: model.cached_record(r) for i, r in rows.items()}
            expected = model.seen_versions(list(rows.values()))
        else:
            expected = {i: version(r) for i, r in records.items() if r is not None and version}
        before: dict[int, dict[str, str]] = {}
        for record_id, values in changes.items():
            record = records.get(record_id)
            if record is not None:
                before[record_id] = {k: self.source.edit_text(record, k) for k in values}
        return TypedEdit(changes, before, expected, text).command(self)

    # ---------------------------------------------------------------- running a step

    def _run(self, command: RecordCommand, title: str) -> bool:
        """Run and push a command; show a refused write located by row and column."""
        typed: TypedEdit | None = getattr(command, "typed", None)
        try:
            saved = perform(self.ctx, command)
        except StaleRowError as exc:
            return self._stale(typed, exc, title)
        except PermissionRefused as exc:
            self.show_errors(
                title,
                self.tr("The server refused the write: your account may not make this change."),
                [CellError("", "", "", exc.detail)],
            )
        except ValidationError as exc:
            self.show_errors(title, self.tr("Nothing was changed."), self._locate(exc))
        except LedgerError as exc:
            self.show_errors(
                title, self.tr("Nothing was changed."), [CellError("", "", "", str(exc))]
            )
        except Exception as exc:
            if not connection_lost(exc):
                raise
            return self._connection_lost(typed, title)
        else:
            if typed is not None:
                self.grid_model.clear_pending(typed.cells)
            return saved
        return False

    def _stale(self, typed: TypedEdit | None, exc: StaleRowError, title: str) -> bool:
        self.grid_model.apply_change(ChangeSet(changed_ids=set(exc.current)))
        if typed is not None:
            return self._resolve_conflict(typed)
        self.show_errors(
            title,
            self.tr(
                "Another user changed these rows after you read them; nothing was changed. "
                "The grid now shows their values: look at them and try again."
            ),
            self._stale_rows(exc),
        )
        return False

    def _stale_rows(self, exc: StaleRowError) -> list[CellError]:
        rows = self.grid_model.rows_of(exc.current)
        gone = self.tr("deleted by another user")
        changed = self.tr("changed by another user")
        return [
            CellError(
                str(rows[i] + 1) if i in rows else f"#{i}",
                "",
                "",
                gone if version == 0 else changed,
            )
            for i, version in sorted(exc.current.items())
        ]

    # ---------------------------------------------------------------- conflicts

    def _resolve_conflict(self, typed: TypedEdit) -> bool:
        with self.ctx.session() as session:
            conflict = find_conflict(session, self.source, typed.changes, typed.before)
        if conflict.already_saved:  # e.g. a retried save whose first try went in
            self.grid_model.clear_pending(typed.cells)
            self.statusMessage.emit(self.tr("Your values were already saved."))
            return True
        if conflict.merges_by_itself:
            self.statusMessage.emit(
                self.tr("Another user had changed other fields of these rows; yours were added.")
            )
            return self._save_mine(conflict, conflict.mine_where(typed.cells), typed.label)
        self.grid_model.set_pending(
            typed.changes,
            self.tr(
                "Not saved: another user changed this cell first. Your value is kept here; "
                "edit the cell to save it again."
            ),
        )
        dialog = ConflictDialog(
            self, conflict, row_label=self._row_label, field_title=self._field_title
        )
        dialog.accepted.connect(lambda: self._conflict_chosen(dialog, typed))
        self.last_conflict_dialog = dialog
        self.statusMessage.emit(
            self.tr("Someone else saved these cells first: choose what to keep.")
        )
        dialog.open()
        return False

    def _conflict_chosen(self, dialog: ConflictDialog, typed: TypedEdit) -> None:
        self.grid_model.clear_pending(typed.cells)
        changes = dialog.conflict.mine_where(dialog.kept_mine())
        if changes:
            self._save_mine(dialog.conflict, changes, typed.label)
        else:
            self.statusMessage.emit(self.tr("Kept the other user's values."))

    def _save_mine(self, conflict: Conflict, changes: dict, label: str) -> bool:
        """The clerk's values on top of the database's current version: one undo step."""
        before: dict[int, dict[str, str]] = {}
        for f in conflict.fields:
            if f.record_id in changes:
                before.setdefault(f.record_id, {})[f.key] = f.theirs or ""
        expected = {i: conflict.versions[i] for i in changes if i in conflict.versions}
        again = TypedEdit(changes, before, expected, label)
        return self._run(again.command(self), self.tr("Edit refused"))

    def _row_label(self, record_id: int) -> str:
        model = self.grid_model
        row = model.rows_of([record_id]).get(record_id)
        if row is None:
            return f"#{record_id}"
        label = self.tr("Row {row}").format(row=row + 1)
        record = model.cached_record(row) or model.record(row)
        keys = {c.key for c in model.columns()}
        for key in ("name", "task", "indicator", "problem"):
            if key in keys and record is not None:
                return f"{label} · {self.source.display(record, key)}"
        return label

    def _field_title(self, key: str) -> str:
        try:
            return self.grid_model.header_title(self.grid_model.column_index(key))
        except KeyError:
            return key

    # ---------------------------------------------------------------- connection lost

    def _connection_lost(self, typed: TypedEdit | None, title: str) -> bool:
        if typed is not None:
            self.grid_model.set_pending(
                typed.changes,
                self.tr(
                    "Not saved yet: the connection to the database was lost. "
                    "It is saved as soon as the database is back."
                ),
            )
            self._waiting.append(typed)
            self._retry_timer.start()
            self.statusMessage.emit(
                self.tr("Connection lost: your edit is kept and saved when the database is back.")
            )
            return False
        self.show_errors(
            title,
            self.tr(
                "The connection to the database was lost; nothing was changed. "
                "Try again when it is back."
            ),
            [],
        )
        return False

    def _database_answered(self, _changes: object) -> None:
        if self._waiting:
            QTimer.singleShot(0, self.retry_pending)

    def pending_saves(self) -> int:
        """Edits waiting for the database to come back."""
        return len(self._waiting)

    def retry_pending(self) -> None:
        """Try the waiting saves again, each based on the version its first try expected."""
        waiting, self._waiting = self._waiting, []
        if not waiting:
            self._retry_timer.stop()
            return
        for typed in waiting:
            self._run(typed.command(self), self.tr("Edit refused"))
        if not self._waiting:
            self._retry_timer.stop()
            self.statusMessage.emit(self.tr("Connection back: the waiting edits were saved."))

    def discard_pending(self) -> None:
        """Forget the unsaved values of the selected cells (the database's stay)."""
        model = self.grid_model
        ids = set(self.selected_ids())
        cells = [cell for cell in model.pending if cell[0] in ids]
        model.clear_pending(cells)
        self._waiting = [typed for typed in self._waiting if not set(typed.changes) & ids]
