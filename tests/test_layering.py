"""The layers guard themselves (see docs/architecture.md): the headless core never imports Qt,
and views and widgets reach the database only through services."""

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


SHELL = ["views", "widgets"]
DATABASE_MODULES = ("models", "db", "sqlalchemy")
# What a view may do with a session: hand it to a service. Anything else is a query of its own.
SESSION_METHODS = {
    "add",
    "add_all",
    "commit",
    "delete",
    "execute",
    "expire_all",
    "flush",
    "get",
    "merge",
    "query",
    "refresh",
    "rollback",
    "scalar",
    "scalars",
}


def _name_of(node: ast.expr) -> str:
    """`session` or `op.session` as written; "" for anything else (a call, a subscript)."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def shell_offenders(path: Path, source: str) -> list[str]:
    offenders = []
    tree = ast.parse(source)
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        for name in names:
            if name.split(".")[0] in DATABASE_MODULES:
                offenders.append(f"{path}:{node.lineno} imports {name}")
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in SESSION_METHODS
            and "session" in _name_of(node.func.value).lower()
        ):
            offenders.append(
                f"{path}:{node.lineno} calls {_name_of(node.func.value)}.{node.func.attr}()"
            )
    return offenders


def test_views_and_widgets_reach_the_database_only_through_services():
    offenders = []
    for package in SHELL:
        for path in sorted((ROOT / package).rglob("*.py")):
            offenders += shell_offenders(path.relative_to(ROOT), path.read_text("utf-8"))
    assert offenders == []


def test_the_shell_rule_catches_models_db_and_session_queries():
    source = (
        "from models import Plan\n"
        "import db.engine\n"
        "from sqlalchemy import select\n"
        "def f(ctx):\n"
        "    with ctx.session() as session:\n"
        "        session.get(Plan, 1)\n"
        "        op.session.execute(q)\n"
        "        services.plans.rename(session, 1, 'x')\n"
    )
    found = shell_offenders(Path("views/x.py"), source)
    assert found == [
        "views/x.py:1 imports models",
        "views/x.py:2 imports db.engine",
        "views/x.py:3 imports sqlalchemy",
        "views/x.py:6 calls session.get()",
        "views/x.py:7 calls session.execute()",
    ]
