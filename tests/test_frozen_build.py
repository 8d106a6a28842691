"""The frozen build, run as a clerk would: `python installer/build.py`, then the frozen program
and the installed .deb doing real work. Takes minutes, so it runs only when asked:
GREENLEDGER_BUILD_TESTS=1 with -n 0 (`.ci/run` does, after the main suite)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from services.about import VERSION

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "dist" / "greenledger"
PROGRAM = BUNDLE / ("greenledger-cli.exe" if sys.platform == "win32" else "greenledger")
DEB = ROOT / "dist" / f"greenledger_{VERSION}_amd64.deb"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not os.environ.get("GREENLEDGER_BUILD_TESTS"), reason="set GREENLEDGER_BUILD_TESTS=1"
    ),
]


@pytest.fixture(scope="module")
def built():
    if os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1") != "1":
        pytest.fail("run these tests in one process (-n 0): they share one dist/ folder")
    result = subprocess.run(
        [sys.executable, "installer/build.py"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert PROGRAM.is_file()
    return result.stdout


def _run(program: Path | str, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    # A clean environment: the frozen program must not lean on the developer's Python.
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(cwd),
        "QT_QPA_PLATFORM": "offscreen",
        "LANG": "C.UTF-8",
    }
    return subprocess.run(
        [str(program), *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=300
    )


def _commands_work(program: Path | str, folder: Path) -> None:
    db = str(folder / "ledger.sqlite")
    assert _run(program, "sample", "--db", db, cwd=folder).returncode == 0
    summary = _run(program, "summary", "--db", db, "--json", cwd=folder)
    assert summary.returncode == 0, summary.stderr
    figures = json.loads(summary.stdout)
    assert figures["projects"] == 56
    assert figures["planned_investment_wan"] == "67619.88"
    export = _run(program, "export", str(folder / "out.xlsx"), "--db", db, cwd=folder)
    assert export.returncode == 0, export.stderr
    assert (folder / "out.xlsx").stat().st_size > 5000
    brief = _run(program, "brief", str(folder / "out.pdf"), "--db", db, cwd=folder)
    assert brief.returncode == 0, brief.stderr
    assert (folder / "out.pdf").read_bytes().startswith(b"%PDF")


def test_frozen_program_runs_the_commands(built, tmp_path):
    version = _run(PROGRAM, "--version", cwd=tmp_path)
    assert version.stdout.strip() == f"GreenLedger {VERSION}"
    _commands_work(PROGRAM, tmp_path)


def test_frozen_build_carries_data_and_licences(built):
    internal = BUNDLE / "_internal"
    assert (internal / "resources" / "fonts" / "wqy-microhei.ttc").is_file()
    assert list((internal / "resources" / "i18n").glob("*_zh_CN.qm"))
    assert (internal / "db" / "migrations" / "env.py").is_file()
    assert (internal / "PySide6" / "Qt" / "translations" / "qtbase_zh_CN.qm").is_file()
    assert not (internal / "PySide6" / "Qt" / "translations" / "qtbase_de.qm").exists()
    third_party = (BUNDLE / "licenses" / "THIRD-PARTY.txt").read_text("utf-8")
    assert "PySide6-Essentials" in third_party and "reportlab" in third_party


def test_frozen_app_window_opens_offscreen(built, tmp_path):
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    process = subprocess.Popen(
        [str(PROGRAM), "--db", str(tmp_path / "gui.sqlite")],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        with pytest.raises(subprocess.TimeoutExpired):
            process.wait(timeout=10)  # still running after 10 s: the window is up, no crash
    finally:
        process.kill()
        _, stderr = process.communicate()
    assert "Traceback" not in stderr
    assert (tmp_path / "gui.sqlite").exists()


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or shutil.which("dpkg") is None or os.geteuid() != 0,
    reason="installs the .deb with dpkg as root (CI)",
)
def test_deb_installs_and_the_installed_command_works(built, tmp_path):
    assert DEB.is_file()
    install = subprocess.run(["dpkg", "-i", str(DEB)], capture_output=True, text=True)
    try:
        assert install.returncode == 0, install.stdout + install.stderr
        assert Path("/usr/share/applications/greenledger.desktop").is_file()
        _commands_work("/usr/bin/greenledger", tmp_path)
    finally:
        subprocess.run(["dpkg", "-r", "greenledger"], capture_output=True)
    assert not Path("/opt/greenledger/greenledger").exists()
    assert (tmp_path / "ledger.sqlite").exists(), "removing the program keeps the ledger"


@pytest.mark.skipif(not os.environ.get("GREENLEDGER_TEST_PG_URL"), reason="no PostgreSQL server")
def test_frozen_program_works_on_the_office_server(built, tmp_path):
    """The driver (psycopg and its binary part) is in the build: sample and summary on a server."""
    import psycopg
    from sqlalchemy.engine import make_url

    admin = make_url(os.environ["GREENLEDGER_TEST_PG_URL"])
    name = f"frozen_{os.getpid()}"
    dsn = admin.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    target = admin.set(database=name).render_as_string(hide_password=False)
    try:
        assert _run(PROGRAM, "sample", "--db", target, cwd=tmp_path).returncode == 0
        summary = _run(PROGRAM, "summary", "--db", target, "--json", cwd=tmp_path)
        assert summary.returncode == 0, summary.stderr
        assert json.loads(summary.stdout)["planned_investment_wan"] == "67619.88"
    finally:
        with psycopg.connect(dsn, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
