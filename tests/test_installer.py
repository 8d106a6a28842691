"""The installers: what the frozen build carries, the Linux package and Windows script, and
code that must run on Windows too. The build itself runs in test_frozen_build.py (slow)."""

from __future__ import annotations

import ast
import importlib.util
import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from services.about import VERSION, font_manifest, library_licences

ROOT = Path(__file__).resolve().parent.parent
INSTALLER = ROOT / "installer"
PRODUCT = ["app", "views", "widgets", "services", "models", "db", "importers", "exports", "cli"]


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bundle():
    return _load("greenledger_bundle", INSTALLER / "greenledger_bundle.py")


@pytest.fixture(scope="module")
def build():
    return _load("greenledger_build", INSTALLER / "build.py")


def test_version_is_declared_once_and_printed():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    assert "version" in pyproject["project"]["dynamic"]
    assert pyproject["tool"]["setuptools"]["dynamic"]["version"]["attr"] == "services.about.VERSION"
    result = subprocess.run(
        [sys.executable, "main.py", "--version"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0
    assert result.stdout.strip() == f"GreenLedger {VERSION}"


def test_licence_file_and_pyproject_licence():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    assert pyproject["project"]["license"] == "MIT"
    assert "LICENSE" in pyproject["project"]["license-files"]
    assert "MIT License" in (ROOT / "LICENSE").read_text("utf-8")


def test_every_bundled_font_is_listed_with_its_licence():
    fonts = ROOT / "resources" / "fonts"
    listed = {entry["file"] for entry in font_manifest()}
    on_disk = {p.name for p in fonts.iterdir() if p.suffix.lower() in {".ttf", ".ttc", ".otf"}}
    assert on_disk == listed, "resources/fonts/fonts.json must list every font file"
    for entry in font_manifest():
        assert (fonts / entry["licence_file"]).is_file(), entry
        assert entry["licence"] and entry["family"]


def test_library_licences_name_the_core_libraries():
    names = {entry.name: entry for entry in library_licences()}
    for required in ("PySide6-Essentials", "SQLAlchemy", "reportlab", "openpyxl"):
        assert required in names
        assert names[required].version and names[required].licence


def test_build_carries_what_the_app_reads_at_run_time(bundle):
    datas = {(Path(src).relative_to(ROOT).as_posix(), dest) for src, dest in bundle.project_datas()}
    sources = {src for src, _ in datas}
    for font in font_manifest():
        assert f"resources/fonts/{font['file']}" in sources
    for qm in (ROOT / "resources" / "i18n").glob("*.qm"):
        assert f"resources/i18n/{qm.name}" in sources
    assert "resources/sample/zhonglou_2023.json" in sources
    assert "resources/icons/greenledger.svg" in sources
    # alembic loads env.py and every version script from files
    assert "db/migrations/env.py" in sources
    assert "db/migrations/script.py.mako" in sources
    for version in (ROOT / "db" / "migrations" / "versions").glob("*.py"):
        assert f"db/migrations/versions/{version.name}" in sources
    assert ("LICENSE", ".") in datas
    assert all(not src.endswith(".ts") for src in sources), "sources of catalogues stay out"


def test_trimming_drops_what_the_app_never_loads(bundle):
    keep = bundle.keep_in_bundle
    assert keep("PySide6/Qt/plugins/platforms/libqxcb.so")
    assert keep("PySide6/Qt/plugins/platforms/libqoffscreen.so")
    assert keep("PySide6/Qt/translations/qtbase_zh_CN.qm")
    assert not keep("PySide6/Qt/translations/qtbase_de.qm")
    assert not keep("PySide6/Qt/plugins/platformthemes/libqgtk3.so")
    assert not keep("PySide6\\Qt\\plugins\\tls\\qopensslbackend.dll")
    assert not keep("matplotlib/mpl-data/sample_data/goog.npz")
    assert keep("matplotlib/mpl-data/fonts/ttf/DejaVuSans.ttf")
    for module in ("tkinter", "pytest", "pandas"):
        assert module in bundle.EXCLUDED_MODULES


def test_spec_compiles_and_uses_the_shared_rules():
    spec = (INSTALLER / "greenledger.spec").read_text("utf-8")
    compile(spec, "greenledger.spec", "exec")
    assert "keep_in_bundle" in spec and "project_datas" in spec
    assert 'name="greenledger"' in spec or 'executable("greenledger"' in spec
    assert not (INSTALLER / "__init__.py").exists(), "installer/ must not shadow PyPA's installer"


def test_deb_layout_menu_entry_and_control(build, bundle):
    entry = build.desktop_entry()
    assert "Name[zh_CN]=绿色台账" in entry
    assert "Exec=/opt/greenledger/greenledger --open %f" in entry
    assert "Icon=greenledger" in entry
    assert "spreadsheetml.sheet" in entry
    control = build._control(1234)
    assert f"Version: {VERSION}" in control and "Architecture: amd64" in control
    assert "libxcb-cursor0" in control
    assert bundle.deb_name() == f"greenledger_{VERSION}_amd64.deb"


def test_windows_installer_is_per_user_and_keeps_the_ledger():
    iss = (INSTALLER / "windows" / "greenledger.iss").read_text("utf-8")
    assert "PrivilegesRequired=lowest" in iss
    assert "{autoprograms}" in iss  # Start-menu entry
    assert "greenledger.exe" in iss
    assert "[UninstallDelete]" not in iss.split("; No [UninstallDelete]")[0]
    assert "GreenLedger" not in "".join(
        line for line in iss.splitlines() if line.startswith("Type: filesandordirs")
    )
    assert "ChineseSimplified.isl" in iss
    workflow = (ROOT / ".github" / "workflows" / "windows.yml").read_text("utf-8")
    assert "windows-latest" in workflow and "python installer/build.py" in workflow
    assert "innosetup" in workflow


def test_database_lives_in_the_platform_user_data_folder():
    from platformdirs import user_data_dir

    from db.engine import default_db_path

    assert default_db_path().parent == Path(user_data_dir("GreenLedger", appauthor=False))


# --- code that must also run on Windows ------------------------------------------------------

POSIX_MODULES = {"fcntl", "pwd", "grp", "resource", "termios", "tty", "pty", "posix", "crypt"}
POSIX_CALLS = {
    ("os", "fork"),
    ("os", "getuid"),
    ("os", "geteuid"),
    ("os", "getgid"),
    ("os", "setsid"),
    ("os", "killpg"),
    ("os", "getpgid"),
    ("os", "chown"),
    ("os", "uname"),
    ("os", "mkfifo"),
    ("signal", "SIGKILL"),
    ("signal", "SIGALRM"),
    ("signal", "SIGHUP"),
    ("signal", "alarm"),
}
# (System font candidates such as /usr/share/fonts/… sit beside their Windows paths: allowed.)
POSIX_PATHS = ("/tmp/", "/dev/null", "/home/", "~/.local", "/proc/")


def _guarded(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    """Inside `if sys.platform …`/`os.name …`/`hasattr(…)`, or a try that catches ImportError."""
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.If | ast.IfExp):
            test = ast.unparse(node.test)
            if any(
                word in test for word in ("sys.platform", "os.name", "hasattr", "POSIX", "WINDOWS")
            ):
                return True
        if isinstance(node, ast.Try):
            caught = " ".join(ast.unparse(h.type) for h in node.handlers if h.type is not None)
            if any(name in caught for name in ("ImportError", "AttributeError", "OSError")):
                return True
    return False


def _posix_only_uses(path: Path) -> list[str]:
    tree = ast.parse(path.read_text("utf-8"))
    parents = {child: parent for parent in ast.walk(tree) for child in ast.iter_child_nodes(parent)}
    found = []
    for node in ast.walk(tree):
        what = None
        if isinstance(node, ast.Import):
            names = {alias.name.split(".")[0] for alias in node.names}
            what = ", ".join(sorted(names & POSIX_MODULES)) or None
        elif isinstance(node, ast.ImportFrom) and node.module:
            what = node.module if node.module.split(".")[0] in POSIX_MODULES else None
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            what = (
                f"{node.value.id}.{node.attr}"
                if (node.value.id, node.attr) in POSIX_CALLS
                else None
            )
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            what = node.value if node.value.startswith(POSIX_PATHS) else None
        if what and not _guarded(node, parents):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {what}")
    return found


def test_product_code_has_no_unguarded_posix_only_calls():
    files = [ROOT / "main.py", *(p for package in PRODUCT for p in (ROOT / package).rglob("*.py"))]
    files = [f for f in files if "migrations" not in f.parts]
    offenders = [line for path in files for line in _posix_only_uses(path)]
    assert offenders == []


def test_the_posix_scan_finds_what_it_looks_for(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import fcntl\nimport os\nos.getuid()\nP = '/tmp/x'\n"
        "if sys.platform != 'win32':\n    import resource\n"
        "try:\n    import pwd\nexcept ImportError:\n    pwd = None\n",
        "utf-8",
    )
    global ROOT
    saved, ROOT = ROOT, tmp_path
    try:
        found = _posix_only_uses(sample)
    finally:
        ROOT = saved
    assert sorted(line.split(": ", 1)[1] for line in found) == ["/tmp/x", "fcntl", "os.getuid"]


def test_font_manifest_is_valid_json():
    data = json.loads((ROOT / "resources" / "fonts" / "fonts.json").read_text("utf-8"))
    assert isinstance(data, list) and data
