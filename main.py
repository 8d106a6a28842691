"""GreenLedger entry point: `python main.py` opens the app; `python main.py --help` lists commands.

The top of the import graph: the headless CLI (cli.main) runs every command, and the desktop
app (views.start) is loaded only when no command is given, so `summary` never pays for Qt.
"""

import sys

from cli.main import main


def open_app(db_target: str | None, open_file: str | None) -> int:
    from views.start import run_gui

    return run_gui(db_target, open_file)


def run(argv: list[str] | None = None) -> int:
    """The `greenledger` command: a CLI command, or the app when there is none."""
    return main(argv, gui=open_app)


if __name__ == "__main__":
    import multiprocessing

    multiprocessing.freeze_support()  # the table reader's worker process, in a frozen build
    sys.exit(run())
