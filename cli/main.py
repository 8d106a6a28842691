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
from contextlib import contextmanager, suppress

from db.errors import DatabaseProblem
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
    "cli.backup_cmd",
    "cli.server_cmd",
    "cli.copy_cmd",
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
    parser.add_argument(
        "--allow-foreign-db",
        action="store_true",
        help="add GreenLedger's tables to an SQLite file that holds another program's tables",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


@contextmanager
def open_session(args, *, create: bool = False) -> Iterator:
    """A Session on the database named by --db (opened and migrated), closed on exit.

    Only commands that write pass `create`: a read-only command never makes a database (or
    its folders) at a mistyped path. A writer's open also takes the day's first backup.
    The engine is disposed at the end: closing SQLite's last connection folds the WAL into the
    database file, so once a command returns the file alone holds everything it wrote.
    """
    from db import session_factory

    with opened_database(args, create) as engine, session_factory(engine)() as session:
        yield session


def run_operation(args, work, *, label: str, create: bool = True, engine=None):
    """Run `work(op)` as one operation (services.operations.run_op) on the database named by
    --db, authored by the OS user; returns what `work` returned. Any error writes nothing.
    Opened like a writer's `open_session` (created if missing, the day's backup taken), or
    on `engine`, which the caller opened with `opened_database` earlier."""
    from db import session_factory
    from services.operations import LocalContext, run_op

    if engine is not None:
        return run_op(LocalContext(session_factory(engine)), work, label=label).value
    with opened_database(args, create) as engine:
        return run_op(LocalContext(session_factory(engine)), work, label=label).value


@contextmanager
def opened_database(args, create: bool) -> Iterator:
    """The engine of --db, opened and migrated (a writer's open takes the day's first
    backup), disposed on exit."""
    from db import open_database

    engine = open_database(
        getattr(args, "db", None),
        create=create,
        allow_foreign=getattr(args, "allow_foreign_db", False),
    )
    try:
        if create:
            from db.backups import daily_backup

            daily_backup(engine)
        yield engine
    finally:
        engine.dispose()


def plan_candidates(session, name: str) -> list[str]:
    from sqlalchemy import select

    from models import Plan

    pattern = f"%{name}%"
    return list(
        session.scalars(select(Plan.title).where(Plan.title.like(pattern)).order_by(Plan.id))
    )


def resolve_plan(session, name: str | None):
    """The plan `--plan NAME` means; an unknown or ambiguous name lists what there is."""
    from services.query import find_plan

    plan = find_plan(session, name)
    if plan is not None:
        return plan
    if not name:
        raise UserError("数据库中还没有方案 (no plan yet; try `sample`)")
    matches = plan_candidates(session, name)
    if matches:
        listed = "；".join(matches)
        raise UserError(
            f"“{name}” 对应多个方案，请写得更完整 (ambiguous plan name, {len(matches)} match): {listed}"
        )
    from sqlalchemy import select

    from models import Plan

    titles = list(session.scalars(select(Plan.title).order_by(Plan.id).limit(20)))
    known = "；".join(titles) if titles else "（无 none）"
    raise UserError(f"找不到方案 (no such plan): {name}；现有方案 (plans): {known}")


def main(
    argv: list[str] | None = None, *, gui: Callable[[str | None, str | None], int] | None = None
) -> int:
    """Run the command in `argv`; with no command, `gui(db, open_file)` opens the app (main.py
    passes it, so this headless package never imports the GUI).

    Exit codes: 0 done, 1 refused or failed (a message on stderr), 2 wrong usage (argparse),
    130 interrupted. A closed stdout (`| head`) ends the output quietly."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        if gui is None:
            parser.print_help(sys.stderr)
            return EXIT_USAGE
        return gui(args.db, args.open)
    try:
        return args.handler(args) or EXIT_OK
    except BrokenPipeError:
        _quiet_stdout()
        return EXIT_OK
    except (UserError, LedgerError, DatabaseProblem) as exc:
        _error(str(exc))
        return EXIT_ERROR
    except OSError as exc:  # a file the user named: missing, unwritable, a folder…
        where = f": {exc.filename}" if exc.filename else ""
        _error(f"{exc.strerror or exc}{where}")
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        return _unexpected(exc, args)


def _error(text: str) -> None:
    with suppress(OSError):
        print(f"greenledger: {text}", file=sys.stderr)


def _quiet_stdout() -> None:
    """Python flushes stdout at exit; into a closed pipe that would be one more error."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _unexpected(exc: Exception, args) -> int:
    """A database failure SQLite names, else an internal error: one line, details in the log."""
    from db.backups import sqlite_file
    from db.engine import database_problem, database_url
    from services.crash_log import log_exception

    path = sqlite_file(database_url(getattr(args, "db", None)))
    problem = database_problem(exc, path)
    if problem is not None:
        _error(str(problem))
        return EXIT_ERROR
    log = log_exception(exc, f"command {args.command}")
    _error(
        f"内部错误，未完成 (internal error): {type(exc).__name__}: {str(exc)[:200]}；"
        f"详情见日志 (details in): {log}"
    )
    return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
