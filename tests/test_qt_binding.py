"""The Qt binding itself: a PySide6 release that corrupts reference counts must never ship.

PySide6-Essentials 6.12.0 on Python 3.11 loses a reference to None on every void call made from
Python and to True on every `emit()`, and a Python `data()` returning None loses one too. None and
True are not immortal before Python 3.12, so after a few hundred signals the process aborts
("bool_dealloc"). pyproject.toml therefore asks for PySide6 < 6.12; this test fails (or aborts)
on any binding with that bug, so a loosened pin cannot slip through.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QAbstractListModel, QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QListView

ROUNDS = 3000  # several times what a bare Qt script had of references to True under 6.12.0


class _Emitter(QObject):
    changed = Signal(int)


class _EmptyModel(QAbstractListModel):
    def rowCount(self, parent=None):
        return 50

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return None  # "no data" for every role, as models answer most roles


def test_signals_void_calls_and_model_data_keep_none_and_true_alive(qtbot):
    emitter, label = _Emitter(), QLabel()
    emitter.changed.connect(lambda value: None)
    view = QListView()
    view.setModel(_EmptyModel())
    qtbot.addWidget(view)
    view.show()
    before = sys.getrefcount(None), sys.getrefcount(True)
    for i in range(ROUNDS):
        emitter.changed.emit(i)
        label.setText(str(i))
    for _ in range(20):
        view.viewport().repaint()  # 50 rows × every role asked per paint
    after = sys.getrefcount(None), sys.getrefcount(True)
    assert after[0] >= before[0] - 100 and after[1] >= before[1] - 100, (before, after)
