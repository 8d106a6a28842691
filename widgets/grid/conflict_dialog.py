"""The conflict dialog: someone else saved these rows first; keep theirs or mine, field by field.

Shows every cell of a refused save (services.conflicts.Conflict): the value before (as the
clerk's grid showed it), theirs (in the database now, with who and when from the audit trail)
and mine (what the clerk typed), with a Theirs/Mine choice per field and "All theirs" /
"All mine". It only collects the choice; the grid writes the kept values through its normal
write path. Window-modal and opened with open(), so the event loop (and tests) keep running.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from services.conflicts import Conflict, FieldConflict

_BEFORE, _THEIRS, _WHO, _MINE = 2, 3, 4, 5  # table columns of the values compared


def local_time(at: datetime | None) -> str:
    """An audit time (stored as naive UTC) in the clerk's own time zone."""
    if at is None:
        return ""
    return at.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")


class ConflictDialog(QDialog):
    """Theirs or mine per field; `kept_mine()` after Accept says which cells keep mine."""

    def __init__(
        self,
        parent: QWidget | None,
        conflict: Conflict,
        *,
        row_label: Callable[[int], str],
        field_title: Callable[[str], str],
    ) -> None:
        super().__init__(parent)
        self.conflict = conflict
        self.setWindowTitle(self.tr("Someone else saved first"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.resize(1140, 300)
        layout = QVBoxLayout(self)
        self.summary = QLabel(self._summary_text())
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = self._make_table(row_label, field_title)
        layout.addWidget(self.table)
        layout.addLayout(self._all_buttons())
        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton(
            self.tr("Keep my choices"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.later_button = buttons.addButton(
            self.tr("Decide later"), QDialogButtonBox.ButtonRole.RejectRole
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _summary_text(self) -> str:
        authors = sorted({f.who for f in self.conflict.fields if f.who and f.changed})
        if self.conflict.deleted_ids:
            lead = self.tr("Another user deleted some of these rows after you read them.")
        elif authors:
            lead = self.tr("{who} changed these cells after you read them.").format(
                who="、".join(authors)
            )
        else:
            lead = self.tr("Another user changed these rows after you read them.")
        return (
            lead
            + " "
            + self.tr(
                "Choose for each field which value to keep. Nothing you typed is lost: "
                "“Decide later” keeps your values marked in the grid, unsaved."
            )
        )

    def _make_table(
        self, row_label: Callable[[int], str], field_title: Callable[[str], str]
    ) -> QTableWidget:
        headers = [
            self.tr("Row"),
            self.tr("Field"),
            self.tr("Before"),
            self.tr("Theirs (now in the database)"),
            self.tr("Changed by"),
            self.tr("Mine (what you typed)"),
            self.tr("Keep"),
        ]
        table = QTableWidget(len(self.conflict.fields), len(headers), self)
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(_THEIRS, QHeaderView.ResizeMode.Stretch)  # the one to read
        self.choices: list[QButtonGroup] = []
        for row, cell in enumerate(self.conflict.fields):
            texts = [row_label(cell.record_id), field_title(cell.key), cell.before]
            texts += [self._theirs_text(cell), self._who_text(cell), cell.mine]
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if column in (_THEIRS, _MINE) and cell.changed and not cell.same_as_mine:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                table.setItem(row, column, item)
            table.setCellWidget(row, len(headers) - 1, self._choice(cell))
        for column, width in enumerate((160, 90, 140, 200, 210, 170, 130)):
            table.setColumnWidth(column, width)
        return table

    def _theirs_text(self, cell: FieldConflict) -> str:
        return self.tr("(row deleted)") if cell.theirs is None else cell.theirs

    def _who_text(self, cell: FieldConflict) -> str:
        if not cell.who:
            return ""
        return self.tr("{who}, {when}").format(who=cell.who, when=local_time(cell.when))

    def _choice(self, cell: FieldConflict) -> QWidget:
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(4, 0, 4, 0)
        theirs, mine = QRadioButton(self.tr("Theirs"), box), QRadioButton(self.tr("Mine"), box)
        group = QButtonGroup(box)
        group.addButton(theirs, 0)
        group.addButton(mine, 1)
        row.addWidget(theirs)
        row.addWidget(mine)
        # A field only I changed keeps mine; one we both changed starts at theirs (look first).
        (mine if not cell.changed else theirs).setChecked(True)
        mine.setEnabled(cell.theirs is not None)
        self.choices.append(group)
        return box

    def _all_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.all_theirs = QPushButton(self.tr("All theirs"), self)
        self.all_mine = QPushButton(self.tr("All mine"), self)
        self.all_theirs.clicked.connect(lambda: self.choose_all(mine=False))
        self.all_mine.clicked.connect(lambda: self.choose_all(mine=True))
        row.addWidget(self.all_theirs)
        row.addWidget(self.all_mine)
        row.addStretch(1)
        return row

    def choose_all(self, *, mine: bool) -> None:
        for group in self.choices:
            button = group.button(1 if mine else 0)
            if button.isEnabled():
                button.setChecked(True)

    def choose(self, index: int, *, mine: bool) -> None:
        """Pick theirs or mine for the `index`-th field (as a click on its radio button)."""
        self.choices[index].button(1 if mine else 0).setChecked(True)

    def kept_mine(self) -> set[tuple[int, str]]:
        """The cells (record id, key) whose typed value the clerk keeps."""
        return {
            (cell.record_id, cell.key)
            for cell, group in zip(self.conflict.fields, self.choices, strict=True)
            if group.checkedId() == 1
        }
