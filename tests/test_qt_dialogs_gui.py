"""Qt's own dialogs (file picker, print setup) speak Chinese, dates included, in a Chinese UI."""

from __future__ import annotations

import os
import re
import sys

import pytest

pytestmark = pytest.mark.gui

pytest.importorskip("pytestqt")

from PySide6.QtWidgets import QFileDialog, QLabel, QWidget  # noqa: E402

from tests.cli_runner import run_python  # noqa: E402


@pytest.fixture
def chinese(qapp):
    from PySide6.QtCore import QLocale

    from app.i18n import install_translators, remove_translators

    install_translators("zh_CN")
    yield
    remove_translators()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))


def english_labels(widget: QWidget) -> list[str]:
    return [
        label.text()
        for label in widget.findChildren(QLabel)
        if re.search("[A-Za-z]{3}", label.text())
        and not re.search("[\u4e00-\u9fff]", label.text())
        and "/" not in label.text()
    ]


@pytest.mark.parametrize(
    "mode", [QFileDialog.AcceptMode.AcceptOpen, QFileDialog.AcceptMode.AcceptSave]
)
def test_file_dialog_labels_are_chinese(qtbot, chinese, tmp_path, mode):
    dialog = QFileDialog(None, "", str(tmp_path))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setAcceptMode(mode)
    qtbot.addWidget(dialog)
    dialog.show()
    assert english_labels(dialog) == []
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert "查找范围(&L)：" in texts and "文件类型(&T)：" in texts


def test_print_dialog_labels_are_chinese(qtbot, chinese):
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter()
    dialog = QPrintDialog(printer)
    qtbot.addWidget(dialog)
    dialog.show()
    assert english_labels(dialog) == []


def test_system_dates_follow_the_ui_language_on_linux(monkeypatch):
    from app.i18n import align_system_dates

    monkeypatch.setattr(sys, "platform", "linux")
    env = {"LANG": "C.UTF-8"}
    assert align_system_dates("zh_CN", env) and env["LC_TIME"] == "zh_CN.UTF-8"
    assert not align_system_dates("zh_CN", {"LANG": "zh_CN.UTF-8"})
    assert not align_system_dates("zh_CN", {"LC_ALL": "en_US.UTF-8"})  # the user's explicit choice
    assert not align_system_dates("en", {"LANG": "C"})
    monkeypatch.setattr(sys, "platform", "win32")
    assert not align_system_dates("zh_CN", {"LANG": "C"})


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="LC_* variables are Linux's")
def test_file_dialog_dates_are_chinese_under_a_c_locale(tmp_path):
    # A fresh process: Qt reads the system locale once, when the application starts.
    script = (
        "from app import settings\n"
        f"settings.use_settings_file({str(tmp_path / 's.ini')!r})\n"
        "from app.application import create_application\n"
        "from PySide6.QtCore import QDate, QLocale\n"
        "create_application()\n"
        "print(QLocale.system().toString(QDate(2026, 12, 3), QLocale.FormatType.ShortFormat))\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_")}
    env.update(LANG="C", QT_QPA_PLATFORM="offscreen")
    assert run_python(script, env, timeout=60).strip() == "2026/12/3"
