"""What the About dialog and `--version` tell: version, where the data lives, licences.

The version is declared here once; pyproject reads it (setuptools dynamic version) and the
frozen build names its packages after it. Headless: the CLI prints the same facts.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # `--version` must not pay for SQLAlchemy, importlib.metadata or db.backups
    from importlib import metadata

    from sqlalchemy.engine import URL

VERSION = "0.2.0"
APP_ID = "greenledger"

FONTS_DIR = Path(__file__).resolve().parent.parent / "resources" / "fonts"
# Libraries shipped inside the frozen build (and needed by a pip install): shown with licences.
BUNDLED_LIBRARIES = (
    "PySide6-Essentials",
    "shiboken6",
    "SQLAlchemy",
    "alembic",
    "platformdirs",
    "openpyxl",
    "python-calamine",
    "defusedxml",
    "matplotlib",
    "numpy",
    "pillow",
    "reportlab",
    "rl-accel",
    "xlsxwriter",
    "python-docx",
    "psycopg",
)


@dataclass(frozen=True)
class Licence:
    name: str
    version: str
    licence: str


def is_frozen() -> bool:
    """True inside the PyInstaller build (there, `sys.executable` is GreenLedger itself)."""
    return bool(getattr(sys, "frozen", False))


def version_text() -> str:
    return f"GreenLedger {VERSION}"


def _licence_of(dist: metadata.Distribution) -> str:
    meta = dist.metadata

    def field(name: str) -> str:
        return (meta.get_all(name) or [""])[0]

    expression = field("License-Expression")
    if expression:
        return expression
    classifiers = [c.split("::")[-1].strip() for c in meta.get_all("Classifier") or []]
    licences = [c for c in classifiers if "License" in c or "GPL" in c]
    if licences:
        return ", ".join(dict.fromkeys(licences))
    text = field("License").strip()
    # Some packages put the whole licence text in the field: keep its first line.
    return text.splitlines()[0][:80] if text else "see its licence file"


def library_licences() -> list[Licence]:
    """Licences of the bundled libraries that are installed (python-docx, psycopg are optional)."""
    from importlib import metadata

    found: list[Licence] = []
    for name in BUNDLED_LIBRARIES:
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        found.append(Licence(name, dist.version, _licence_of(dist)))
    return found


def font_manifest() -> list[dict[str, str]]:
    """resources/fonts/fonts.json: each bundled font file with its family and licence file."""
    return json.loads((FONTS_DIR / "fonts.json").read_text("utf-8"))


def font_licences() -> list[Licence]:
    return [Licence(entry["family"], "", entry["licence"]) for entry in font_manifest()]


@dataclass(frozen=True)
class AboutInfo:
    version: str
    database: str
    backup_folder: str
    fonts: list[Licence]
    libraries: list[Licence]


def about_info(url: URL) -> AboutInfo:
    """The facts for the ledger at `url`: a file and its backup folder (db.backups), or the
    server address without its password."""
    from db.backups import backup_folder

    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        database = str(Path(url.database).resolve())
        backups = str(backup_folder(Path(database)))
    else:
        database = url.render_as_string(hide_password=True)
        backups = ""
    return AboutInfo(VERSION, database, backups, font_licences(), library_licences())
