"""帮助 ▸ 关于: version, where this ledger and its backups live, and the licences shipped.

A clerk asked "which version do I have, and where is my data?" finds both here, and can open
the folder; the font and library licences the build carries are listed with their terms.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from services.about import AboutInfo, Licence
from widgets.form_parts import vbox
from widgets.read_only_table import read_only_table


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None, info: AboutInfo, plan_count: int) -> None:
        super().__init__(parent)
        self.info = info
        self.setWindowTitle(self.tr("About GreenLedger"))
        self.resize(640, 520)
        title = QLabel(f"<h2>GreenLedger 绿色台账 {info.version}</h2>", self)  # the name is a brand
        purpose = QLabel(
            self.tr(
                "The project ledger of district eco-civilization work plans: projects, "
                "responsible units, investment, progress and briefings."
            ),
            self,
            wordWrap=True,
        )
        form = QFormLayout()
        form.addRow(self.tr("Version:"), QLabel(info.version, self))
        form.addRow(self.tr("Database:"), self._path_label(info.database))
        form.addRow(self.tr("Backups:"), self._path_label(info.backup_folder))
        form.addRow(self.tr("Plans:"), QLabel(str(plan_count), self))
        licences_title = QLabel(self.tr("Bundled fonts and libraries, with their licences:"), self)
        self.licences = self._licence_table([*info.fonts, *info.libraries])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        if info.backup_folder:  # a server ledger has no local folder
            open_folder = buttons.addButton(
                self.tr("Open data folder"), QDialogButtonBox.ButtonRole.ActionRole
            )
            open_folder.clicked.connect(self.open_data_folder)
        buttons.rejected.connect(self.reject)
        vbox(self, title, purpose, form, licences_title, (self.licences, 1), buttons)

    def _path_label(self, path: str) -> QLabel:
        label = QLabel(path, self)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setWordWrap(True)
        return label

    def _licence_table(self, licences: list[Licence]) -> QTableWidget:
        table = read_only_table(
            [self.tr("Component"), self.tr("Version"), self.tr("Licence")], self
        )
        table.setRowCount(len(licences))
        for row, entry in enumerate(licences):
            for column, text in enumerate((entry.name, entry.version, entry.licence)):
                table.setItem(row, column, QTableWidgetItem(text))
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        return table

    def open_data_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(self.info.database).parent)))
