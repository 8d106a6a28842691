"""The headless core never imports Qt: the rule guards itself (see README, Layout)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADLESS = ["models", "db", "services", "importers", "exports", "cli"]
QT_MODULES = ("PySide6", "shiboken6", "matplotlib.backends.backend_qtagg", "pytestqt")


def _imports(path: Path):
    tree = ast.parse(path.read_text("utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def test_core_packages_do_not_import_qt():
    offenders = []
    for package in HEADLESS:
        for path in (ROOT / package).rglob("*.py"):
            for name in _imports(path):
                if name.startswith(QT_MODULES) or name.split(".")[0] in ("app", "views", "widgets"):
                    offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    # cli/main.py starts the GUI lazily inside main(); that one import is the entry point.
    offenders = [o for o in offenders if o != "cli/main.py imports app.application"]
    assert offenders == []


def test_every_headless_package_has_modules():
    for package in HEADLESS:
        assert any((ROOT / package).glob("*.py")), package
