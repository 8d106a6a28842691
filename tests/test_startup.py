"""Start-up loads only what the first screen needs: the rule guards itself.

The app's main window and `summary --json` must not pay for the chart, PDF and spreadsheet
libraries (each 0.1–0.5 s to import) or alembic when the schema is current. Each check runs in
a fresh process, since this test process has long imported them all.
"""

from __future__ import annotations

import json
import os

import pytest

from tests.cli_runner import run_python

HEAVY = ("matplotlib", "reportlab", "openpyxl", "xlsxwriter", "alembic", "python_calamine")

_REPORT = (
    "import json, sys; "
    f"print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))))"
)


def _loaded_after(code: str) -> list[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = run_python(f"{code}\n{_REPORT}", env)
    return json.loads(out.strip().splitlines()[-1])


def test_summary_json_loads_no_heavy_library(engine, sample_plan, db_path):
    code = (
        "import contextlib, io; from cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        f"    main(['summary', '--json', '--db', {str(db_path)!r}])\n"
        "assert json.loads(out.getvalue())['projects'] == 56"
    )
    assert _loaded_after(f"import json\n{code}") == []


@pytest.mark.gui
def test_main_window_painted_loads_no_heavy_library(engine, sample_plan, db_path, tmp_path):
    code = (
        "from app import settings\n"
        f"settings.use_settings_file({str(tmp_path / 'settings.ini')!r})\n"
        "from app.application import create_application, open_context\n"
        "app = create_application()\n"
        f"ctx = open_context({str(db_path)!r})\n"
        "from views.main_window import MainWindow\n"
        "window = MainWindow(ctx)\n"
        "window.show()\n"
        "app.processEvents()\n"
        "assert not window.grab().isNull() and window.grid.model.rowCount() == 56\n"
    )
    assert _loaded_after(code) == []


@pytest.mark.gui
def test_the_data_layer_the_first_window_reads_loads_before_qt(
    engine, sample_plan, db_path, tmp_path
):
    """PySide6 hooks every import run after it: a services/models/db/SQLAlchemy module the
    first window needs but main.load_data_layer() leaves out is imported behind the hook."""
    code = (
        "import sys, main\n"
        "main.load_data_layer()\n"
        "assert 'PySide6' not in sys.modules and 'sqlalchemy.orm' in sys.modules\n"
        "before = set(sys.modules)\n"
        "from app import settings\n"
        f"settings.use_settings_file({str(tmp_path / 'settings.ini')!r})\n"
        "from app.application import create_application, open_context\n"
        "app = create_application()\n"
        f"ctx = open_context({str(db_path)!r})\n"
        "from views.main_window import MainWindow\n"
        "window = MainWindow(ctx)\n"
        "window.show()\n"
        "app.processEvents()\n"
        "data = ('services', 'models', 'db', 'sqlalchemy')\n"
        "late = sorted(m for m in set(sys.modules) - before if m.split('.')[0] in data)\n"
        "print('late', late)\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    late = run_python(code, env).strip().splitlines()[-1]
    assert late == "late []"


def test_cli_start_loads_no_database_library():
    """`--help`, `--version` and a command's `--help` build every command's parser: none of
    that may import SQLAlchemy (0.3-0.5 s) or a heavy library."""
    code = (
        "import contextlib, io, sys; from cli.main import main\n"
        "for argv in (['--help'], ['--version'], ['brief', '--help'], ['returns', 'make', '--help']):\n"
        "    with contextlib.redirect_stdout(io.StringIO()) as out, contextlib.suppress(SystemExit):\n"
        "        main(argv)\n"
        "    assert out.getvalue(), argv\n"
        "assert 'sqlalchemy' not in sys.modules, 'SQLAlchemy loaded at start'"
    )
    assert _loaded_after(code) == []
