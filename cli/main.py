"""`python main.py [COMMAND] [--db PATH|URL]`: the app with no command, else a headless command.

Each command lives in its own module with `register(subparsers)`; heavy imports happen inside
the handlers so `summary` does not pay for Qt or matplotlib. User mistakes print one clear
message on stderr and exit non-zero, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from services.about import version_text
from services.errors import LedgerError

COMMAND_MODULES = [
    "cli.sample_cmd",
    "cli.summary_cmd",
    "cli.import_cmd",
    "cli.export_cmd",
    "cli.brief_cmd",
    "cli.chart_cmd",
    "cli.returns_cmd",
]

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


class UserError(Exception):
    """A mistake the user can fix (missing file, unknown plan…): one line on stderr, exit 1."""


def db_option(parser: argparse.ArgumentParser, *, top_level: bool = False) -> None:
    # On a command, an absent --db must not hide one given before the command (SUPPRESS).
    parser.add_argument(
        "--db",
        metavar="PATH|URL",
        default=None if top_level else argparse.SUPPRESS,
        help="SQLite file or SQLAlchemy URL (default: user data dir)",
    )


def plan_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--plan", metavar="NAME", help="plan title, or a unique part of it (default: newest)"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="greenledger",
        description="GreenLedger 绿色台账 — eco-civilization project ledger. No command opens the app.",
    )
    parser.add_argument("--version", action="version", version=version_text())
    db_option(parser, top_level=True)
    parser.add_argument(
        "--open", metavar="FILE", help="open the app with the import dialog on FILE (.xlsx …)"
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


@contextmanager
def open_session(args) -> Iterator:
    """A Session on the database named by --db (opened and migrated), closed on exit.

    The engine is disposed too: closing SQLite's last connection folds the WAL into the
    database file, so once a command returns the file alone holds everything it wrote.
    """
    from db import open_database, session_factory

    engine = open_database(getattr(args, "db", None))
    try:
        with session_factory(engine)() as session:
            yield session
    finally:
        engine.dispose()


def run_operation(args, work, *, label: str):
    """Run `work(op)` as one operation (services.operations.run_op) on the database named by
    --db, authored by the OS user; returns what `work` returned. Any error writes nothing."""
    from db import open_database, session_factory
    from services.operations import LocalContext, run_op

    engine = open_database(getattr(args, "db", None))
    try:
        return run_op(LocalContext(session_factory(engine)), work, label=label).value
    finally:
        engine.dispose()


def resolve_plan(session, name: str | None):
    from services.query import find_plan

    plan = find_plan(session, name)
    if plan is None:
        raise UserError(
            f"找不到方案 (no such plan): {name}"
            if name
            else "数据库中还没有方案 (no plan yet; try `sample`)"
        )
    return plan


def main(
    argv: list[str] | None = None, *, gui: Callable[[str | None, str | None], int] | None = None
) -> int:
    """Run the command in `argv`; with no command, `gui(db, open_file)` opens the app (main.py
    passes it, so this headless package never imports the GUI)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        if gui is None:
            parser.print_help(sys.stderr)
            return EXIT_USAGE
        return gui(args.db, args.open)
    try:
        return args.handler(args) or EXIT_OK
    except (UserError, LedgerError, FileNotFoundError, PermissionError) as exc:
        print(f"greenledger: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
