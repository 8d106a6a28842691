"""The desktop app's foundations: the QApplication (names, style, bundled fonts, translators)
and the shared context over the opened database.

views.start builds the window on top of it; this module never imports views or widgets (the
app layer sits below them).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QIcon, QUndoStack
from PySide6.QtWidgets import QApplication

from app import settings
from app.context import AppContext
from app.i18n import align_system_dates, current_language, install_translators

ICON_PATH = Path(__file__).resolve().parent.parent / "resources" / "icons" / "greenledger.svg"


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with names, style, fonts and translators; reuses an existing one."""
    app = QApplication.instance()
    if app is None:
        align_system_dates(current_language())
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
        app = QApplication(argv if argv is not None else sys.argv[:1])
    QCoreApplication.setOrganizationName(settings.ORGANIZATION)
    QCoreApplication.setApplicationName(settings.APPLICATION)
    QGuiApplication.setApplicationDisplayName("GreenLedger 绿色台账")
    app.setStyle("Fusion")
    if ICON_PATH.exists():
        app.setWindowIcon(QIcon(str(ICON_PATH)))
    _ensure_cjk_font(app)
    install_translators()
    return app


SYMBOLS_FONT = Path(__file__).resolve().parent.parent / "resources" / "fonts" / "gl-symbols.ttf"


def bundled_font_families() -> list[str]:
    """Register the bundled fonts with Qt; their families in fallback order.

    WenQuanYi Micro Hei maps a few characters offices type (Ⅴ in 劣Ⅴ类, ℃, ǎ) to empty glyphs,
    and Qt only falls back when a font lacks a character, so those drew as blanks. The small
    GreenLedger Symbols face (resources/fonts/build_symbols_font.py) comes before it.
    """
    from services.fonts import cjk_font

    families: list[str] = []
    for path in (SYMBOLS_FONT, cjk_font().path):
        try:
            font_id = QFontDatabase.addApplicationFont(str(path))
        except Exception:  # a missing font file must not stop the app; the system font remains
            continue
        if font_id >= 0:
            families += QFontDatabase.applicationFontFamilies(font_id)
    return families


def _ensure_cjk_font(app: QApplication) -> None:
    """Register the bundled CJK font so Chinese never renders as boxes on a bare machine."""
    families = bundled_font_families()
    if families:
        # Keep the platform font first; the bundled ones fill in the glyphs it lacks.
        font = QFont(app.font())
        font.setFamilies([app.font().family(), *families])
        app.setFont(font)


def open_context(db_target: str | None) -> AppContext:
    """Open and migrate the database and build the shared context (raises on failure)."""
    from db import open_database, session_factory

    engine = open_database(db_target)
    return AppContext(engine, session_factory(engine), QUndoStack())


def default_path() -> str:
    from db import default_db_path

    return str(default_db_path())


def open_server_context(login) -> AppContext:
    """The context on the office server for a services.server_login.ServerLogin that passed
    check_login (its schema is current: the server's upgrades are `server init`'s)."""
    from db import open_database, session_factory

    engine = open_database(login.connect_url(), migrate=False)
    context = AppContext(engine, session_factory(engine), QUndoStack())
    context.author = login.user
    return context
