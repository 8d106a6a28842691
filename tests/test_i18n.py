"""Translations: every catalogue complete, every .qm compiled from its current .ts, Chinese UI.

The .qm check loads each compiled catalogue with QTranslator and asks it for every message of
the .ts, so a .qm that is stale (a string added or changed without re-running lrelease) fails,
whatever the file times say after a git checkout.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

I18N = Path(__file__).resolve().parent.parent / "resources" / "i18n"
TS_FILES = sorted(I18N.glob("*.ts"))
PLACEHOLDER = re.compile(r"%(?:\d+|n)")


def messages(ts: Path):
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.findall("message"):
            yield name, message


def test_there_are_catalogues():
    assert [p.name for p in TS_FILES] == ["greenledger_qtgaps_zh_CN.ts", "greenledger_zh_CN.ts"]


def test_every_marked_string_is_in_the_catalogue():
    """A tr() string missing from the catalogue would show in English in the Chinese UI."""
    import importlib.util

    path = I18N.parent.parent / "tools" / "update_translations.py"
    spec = importlib.util.spec_from_file_location("update_translations", path)
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    assert tool.is_current(I18N / "greenledger_zh_CN.ts"), "run python tools/update_translations.py"


@pytest.mark.parametrize("ts", TS_FILES, ids=lambda p: p.name)
def test_catalogue_is_complete(ts):
    problems = []
    for context, message in messages(ts):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        kind = translation.get("type")
        if kind in ("vanished", "obsolete"):
            continue
        if kind == "unfinished":
            problems.append(f"{context}: unfinished: {source!r}")
            continue
        forms = [f.text or "" for f in translation.findall("numerusform")] or [
            translation.text or ""
        ]
        if not all(form.strip() for form in forms):
            problems.append(f"{context}: empty translation: {source!r}")
            continue
        # A lost %1 or %n would silently drop a number from the Chinese UI.
        for form in forms:
            if sorted(set(PLACEHOLDER.findall(source))) != sorted(set(PLACEHOLDER.findall(form))):
                problems.append(f"{context}: placeholders differ: {source!r} -> {form!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("ts", TS_FILES, ids=lambda p: p.name)
def test_qm_is_compiled_from_the_current_ts(qapp, ts):
    from PySide6.QtCore import QTranslator

    qm = ts.with_suffix(".qm")
    assert qm.exists(), f"{qm.name} missing: run pyside6-lrelease {ts.name} -qm {qm.name}"
    translator = QTranslator()
    assert translator.load(str(qm))
    stale = []
    for context, message in messages(ts):
        translation = message.find("translation")
        if translation.get("type") in ("vanished", "obsolete", "unfinished"):
            continue
        source = message.findtext("source")
        comment = message.findtext("comment")
        if message.get("numerus") == "yes":
            expected = translation.find("numerusform").text
            got = translator.translate(context, source, comment, 3)
        else:
            expected = translation.text
            got = translator.translate(context, source, comment)
        if got != expected:
            stale.append(f"{context}: {source!r}: .qm has {got!r}, .ts has {expected!r}")
    assert not stale, f"{qm.name} is older than {ts.name}:\n" + "\n".join(stale[:10])


@pytest.fixture
def chinese(qapp):
    from app.i18n import install_translators, remove_translators

    loaded = install_translators("zh_CN")
    yield loaded
    remove_translators()
    from PySide6.QtCore import QLocale

    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))


def test_zh_cn_loads_qt_and_greenledger_catalogues(chinese):
    from PySide6.QtCore import QCoreApplication

    assert "qtbase_zh_CN" in chinese
    assert "greenledger_zh_CN" in chinese
    # Qt's own strings (message-box buttons) are Chinese too.
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"


def test_english_installs_nothing(qapp):
    from app.i18n import install_translators

    assert install_translators("en") == []


def test_main_window_menus_are_chinese(qtbot, chinese, engine, sample_plan, tmp_path):
    from PySide6.QtGui import QUndoStack

    from app import settings
    from app.context import AppContext
    from db import session_factory
    from views.main_window import MainWindow

    settings.use_settings_file(str(tmp_path / "settings.ini"))
    window = MainWindow(AppContext(engine, session_factory(engine), QUndoStack()))
    qtbot.addWidget(window)
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles[:5] == ["文件(&F)", "编辑(&E)", "视图(&V)", "方案(&P)", "帮助(&H)"]
    assert window.tabs.tabText(0) == "项目表"
    qtbot.waitUntil(lambda: "67,619.88 万元" in window.summary.rows_label.text(), timeout=3000)
    qtbot.waitUntil(lambda: not window.plan_tree.totals_pending(), timeout=5000)
    settings.use_settings_file(str(tmp_path / "after.ini"))
