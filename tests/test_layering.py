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


# ---------------------------------------------------------------- the import graph

PACKAGES = ["models", "db", "services", "importers", "exports", "cli", "app", "widgets", "views"]


def project_modules() -> dict[str, Path]:
    modules = {"main": ROOT / "main.py"}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue  # alembic loads these by file, never by import
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            modules[name] = path
    return modules


def imported_modules(path: Path, name: str, modules: dict[str, Path]) -> set[str]:
    """Every project module `path` imports, at module level or inside a function."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        targets = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # `from services import schedule` imports the module services.schedule.
            targets = [f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in modules]
            targets = targets or [base]
        for target in targets:
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def import_graph() -> dict[str, set[str]]:
    modules = project_modules()
    return {name: imported_modules(path, name, modules) for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycles_among_the_projects_modules():
    graph = import_graph()
    # Package __init__ files that re-export their submodules are not circles of their own.
    for name, targets in graph.items():
        graph[name] = {t for t in targets if not name.startswith(t + ".")}
    assert cycles(graph) == []


def test_the_cycle_check_sees_imports_inside_functions(tmp_path):
    (tmp_path / "a.py").write_text("import b\n")
    (tmp_path / "b.py").write_text("def f():\n    from a import x\n")
    modules = {"a": tmp_path / "a.py", "b": tmp_path / "b.py"}
    graph = {name: imported_modules(path, name, modules) for name, path in modules.items()}
    assert graph == {"a": {"b"}, "b": {"a"}}
    assert cycles(graph) == [["a", "b"]]


# Lower layers first; a module may import its own layer and the ones below, never above.
LAYERS = {
    "models": 0,
    "db": 1,
    "services": 2,
    "importers": 3,
    "exports": 3,
    "cli": 4,
    "app": 5,
    "widgets": 6,
    "views": 7,
    "main": 8,
}


def test_imports_only_run_down_the_layers():
    upward = []
    for name, targets in import_graph().items():
        here = LAYERS[name.split(".")[0]]
        for target in sorted(targets):
            if LAYERS[target.split(".")[0]] > here:
                upward.append(f"{name} imports {target}")
    assert upward == []
