"""`python main.py` with no command opens the app; the headless CLI never imports the GUI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import main as entry
from cli.main import EXIT_USAGE, main

ROOT = Path(__file__).resolve().parent.parent


def test_no_command_opens_the_gui_it_is_given(tmp_path):
    calls = []
    code = main(
        ["--db", str(tmp_path / "x.sqlite"), "--open", "t.xlsx"],
        gui=lambda *a: calls.append(a) or 7,
    )
    assert code == 7 and calls == [(str(tmp_path / "x.sqlite"), "t.xlsx")]


def test_without_a_gui_no_command_is_a_usage_error(capsys):
    assert main([]) == EXIT_USAGE
    assert "COMMAND" in capsys.readouterr().err


def test_main_py_hands_the_app_to_the_cli(monkeypatch):
    import gc

    import views.start

    monkeypatch.setattr(views.start, "run_gui", lambda db, open_file: 3)
    assert entry.run([]) == 3
    assert gc.isenabled()  # paused for the start only, even when no window opened


def test_the_collector_resumes_after_the_first_paint_with_start_up_frozen():
    import gc

    from views.start import resume_collector

    gc.disable()
    try:
        resume_collector()
        assert gc.isenabled() and gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.enable()


def test_a_command_does_not_load_qt(tmp_path):
    code = (
        "import sys, main; main.run(['--db', sys.argv[1], 'summary', '--json']);"
        "print('PySide6' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "db.sqlite")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.strip().splitlines()[-1] == "False", result.stderr
