"""What goes into the frozen build and what stays out — shared by the spec, build.py and tests.

Kept apart from the PyInstaller spec so the rules can be read and tested without PyInstaller.
This folder is deliberately not a Python package: `installer` is also the name of a PyPA
library that a package named so would shadow.
"""

from __future__ import annotations

import sys
from pathlib import Path, PurePath

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from services.about import APP_ID, BUNDLED_LIBRARIES, VERSION  # noqa: E402

PROJECT_PACKAGES = [
    "app",
    "views",
    "widgets",
    "services",
    "models",
    "db",
    "importers",
    "exports",
    "cli",
]
METADATA_PACKAGES = list(BUNDLED_LIBRARIES)
# Data files the app reads at run time, relative to the repository root.
DATA_FOLDERS = ["resources", "db/migrations"]
DATA_SUFFIXES = {".ttf", ".ttc", ".otf", ".json", ".txt", ".qm", ".svg", ".png", ".xlsx", ".mako"}
ROOT_FILES = ["LICENSE"]

# Never loaded by GreenLedger; some arrive through optional imports of the libraries.
EXCLUDED_MODULES = [
    "tkinter",
    "_tkinter",
    "pytest",
    "pytestqt",
    "hypothesis",
    "pandas",
    "IPython",
    "PyInstaller",
    "mypy",
    "ruff",
    "setuptools",
    "pip",
    "PySide6.QtNetwork",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtConcurrent",
    "PySide6.QtXml",
    "PySide6.QtDesigner",
    "PySide6.QtUiTools",
    "matplotlib.backends.backend_tkagg",
    "matplotlib.backends.backend_tkcairo",
    "matplotlib.backends.backend_gtk3agg",
    "matplotlib.backends.backend_gtk4agg",
    "matplotlib.backends.backend_wxagg",
    "matplotlib.backends.backend_webagg",
    "matplotlib.backends.backend_nbagg",
    "yaml",
]

# Bundle paths (as PyInstaller names them, "/"-separated parts) that the app never loads.
_DROPPED_PARTS = (
    ("PySide6", "Qt", "plugins", "platformthemes"),  # the GTK theme drags in GTK, cairo, pango
    ("PySide6", "Qt", "plugins", "egldeviceintegrations"),  # embedded EGLFS boards
    ("PySide6", "Qt", "plugins", "networkinformation"),
    ("PySide6", "Qt", "plugins", "tls"),
    ("PySide6", "Qt", "plugins", "generic"),  # touch-screen input for EGLFS
    ("PySide6", "Qt", "qml"),
    ("matplotlib", "mpl-data", "sample_data"),
    ("matplotlib", "mpl-data", "fonts", "afm"),  # PostScript metrics: no PS output here
    ("matplotlib", "mpl-data", "fonts", "pdfcorefonts"),
)
_KEPT_TRANSLATIONS = ("qtbase_zh_CN.qm", "qt_zh_CN.qm", "qt_help_zh_CN.qm")
_DROPPED_LIBRARIES = ("libQt6EglFSDeviceIntegration", "libQt6EglFsKmsSupport", "libQt6Network")


def keep_in_bundle(dest: str) -> bool:
    """False for a binary or data file of the build that GreenLedger never uses."""
    parts = PurePath(dest.replace("\\", "/")).parts
    for dropped in _DROPPED_PARTS:
        if parts[: len(dropped)] == dropped:
            return False
    if parts[:3] == ("PySide6", "Qt", "translations"):
        return parts[-1] in _KEPT_TRANSLATIONS
    name = parts[-1] if parts else ""
    return not name.startswith(_DROPPED_LIBRARIES)


def project_datas(root: Path = ROOT) -> list[tuple[str, str]]:
    """(source file, destination folder) pairs: fonts, translations, sample, icons, migrations."""
    datas: list[tuple[str, str]] = []
    for folder in DATA_FOLDERS:
        for path in sorted((root / folder).rglob("*")):
            if not path.is_file() or "__pycache__" in path.parts:
                continue
            in_migrations = folder.startswith("db/")
            # Alembic loads env.py and the versions as source files, so they ship as data.
            if path.suffix in DATA_SUFFIXES or (in_migrations and path.suffix == ".py"):
                datas.append((str(path), str(path.parent.relative_to(root))))
    datas += [(str(root / name), ".") for name in ROOT_FILES]
    return datas


def deb_name(arch: str = "amd64") -> str:
    return f"{APP_ID}_{VERSION}_{arch}.deb"
