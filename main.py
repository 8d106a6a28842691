"""GreenLedger entry point: `python main.py` opens the app; `python main.py --help` lists commands.

The top of the import graph: the headless CLI (cli.main) runs every command, and the desktop
app (views.start) is loaded only when no command is given, so `summary` never pays for Qt.
"""

import sys

from cli.main import main


def load_data_layer() -> None:
    """Import what the first window reads through (SQLAlchemy, the models, the services),
    before Qt. PySide6 hooks every import statement run after it is loaded (its __feature__
    support), which made importing the data layer behind it about 13% more work.

    The cyclic collector pauses until the first window is painted (views.start resumes it
    with every start-up object frozen): its full collections would walk every module loaded
    so far, over and over, for no garbage (about 3% of the start)."""
    import gc

    gc.disable()
    from importlib import import_module

    for module in (
        "services.operations",  # SQLAlchemy, the ORM, every model
        "services.records",  # the grid's and the details panel's rows
        "services.summary",  # the plan tree's totals
        "services.server_login",  # the title's and status bar's server line
        "services.conflicts",  # the grid's save guard (with edit_rights, server)
        "services.edit_rights",
        "services.tsv",  # the grid's clipboard
        "services.progress_grid",  # the tracking tabs
        "services.key_tasks",
        "services.plans",
        "services.backups",
        "services.fonts",  # the embedded CJK fonts registered with Qt
        "db.engine",  # opening the ledger (platformdirs), checking its schema
        "db.migrate",
        "db.locking",
    ):
        import_module(module)


def open_app(db_target: str | None, open_file: str | None) -> int:
    import gc

    load_data_layer()
    from views.start import run_gui

    try:
        return run_gui(db_target, open_file)
    finally:
        gc.enable()  # when the window never opened (a failed start) nothing resumed it


def run(argv: list[str] | None = None) -> int:
    """The `greenledger` command: a CLI command, or the app when there is none."""
    return main(argv, gui=open_app)


if __name__ == "__main__":
    import multiprocessing

    multiprocessing.freeze_support()  # the table reader's worker process, in a frozen build
    sys.exit(run())
