"""Installing the user interface language: Qt's own catalogue plus every GreenLedger catalogue.

Chinese (zh_CN) is the default; English is the source language, so choosing it installs nothing.
Qt's `qtbase_zh_CN` is loaded beside ours (as Picard does) so standard dialogs — file pickers,
message-box buttons, the undo view's "<empty>" — speak the same language as the rest of the app.
GreenLedger's strings are in one catalogue per language, `resources/i18n/greenledger_zh_CN.qm`
(made by tools/update_translations.py), beside `greenledger_qtgaps_zh_CN.qm`, Qt's own strings
that qtbase_zh_CN lacks; every `*_zh_CN.qm` there is loaded. This module never translates data (plan titles, unit names).
"""

from __future__ import annotations

import os
import sys
from collections.abc import MutableMapping
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app.settings import Option

I18N_DIR = Path(__file__).resolve().parent.parent / "resources" / "i18n"
DEFAULT_LANGUAGE = "zh_CN"
# Language code -> its own name (shown in the language menu untranslated, as is customary).
LANGUAGES = {"zh_CN": "简体中文", "en": "English"}

LANGUAGE = Option("ui/language", str, DEFAULT_LANGUAGE, "user interface language (zh_CN or en)")

_installed: list[QTranslator] = []


def current_language() -> str:
    language = LANGUAGE.value
    return language if language in LANGUAGES else DEFAULT_LANGUAGE


def catalogue_files(language: str) -> list[Path]:
    """GreenLedger's compiled catalogues for a language, in a stable order."""
    return sorted(I18N_DIR.glob(f"*_{language}.qm"))


def qt_translations_dir() -> str:
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def align_system_dates(language: str, environ: MutableMapping[str, str] = os.environ) -> bool:
    """On Linux, make Qt's *system* locale format dates in the UI language; True if changed.

    Qt's file dialog prints modification dates with QLocale::system(), which on Linux comes from
    the LC_* variables, not from QLocale.setDefault(): under LANG=C a Chinese UI showed
    "3 12 2026". Setting LC_TIME (before the QApplication exists) fixes the dates only; an
    explicit LC_ALL or an LC_TIME that already matches the language is left alone. Windows and
    macOS read the locale from the system settings and use native dialogs.
    """
    if sys.platform in ("win32", "darwin") or language.startswith("en"):
        return False
    if environ.get("LC_ALL"):
        return False
    current = environ.get("LC_TIME") or environ.get("LANG") or ""
    if current.split(".")[0] == language:
        return False
    environ["LC_TIME"] = f"{language}.UTF-8"
    return True


def install_translators(language: str | None = None) -> list[str]:
    """Replace the installed translators with those for `language`; returns what was loaded."""
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("install_translators needs a QApplication")
    remove_translators()
    language = language or current_language()
    QLocale.setDefault(QLocale(language))
    loaded: list[str] = []
    if language.startswith("en"):
        return loaded
    candidates: list[tuple[str, str]] = [(f"qtbase_{language}", qt_translations_dir())]
    candidates += [(path.stem, str(path.parent)) for path in catalogue_files(language)]
    for name, directory in candidates:
        translator = QTranslator(app)
        if translator.load(name, directory):
            app.installTranslator(translator)
            _installed.append(translator)
            loaded.append(name)
    return loaded


def remove_translators() -> None:
    app = QCoreApplication.instance()
    while _installed:
        translator = _installed.pop()
        if app is not None:
            app.removeTranslator(translator)
        translator.deleteLater()
