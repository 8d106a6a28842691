"""`backup [--to FILE]`, `backup list`, `restore FILE`: the ledger's backups from the shell.

Backups are taken with SQLite's online backup API (db.backups), so they are consistent while
the app has the ledger open. `restore` keeps the file it replaces as a backup too. SQLite
files only: a PostgreSQL server has its own tools (pg_dump).
"""

from __future__ import annotations

import json
from pathlib import Path


def register(subparsers) -> None:
    from cli.main import db_option

    backup = subparsers.add_parser(
        "backup", help="back the ledger up now; `backup list` lists its backups"
    )
    db_option(backup)
    backup.add_argument("action", nargs="?", choices=("list",), help="list the backups")
    backup.add_argument("--to", type=Path, metavar="FILE", help="write the backup to FILE")
    backup.add_argument("--json", action="store_true", help="machine-readable list")
    backup.set_defaults(handler=run_backup)
    restore = subparsers.add_parser(
        "restore", help="replace the ledger with a backup (the replaced file is kept)"
    )
    restore.add_argument("file", type=Path, metavar="FILE")
    db_option(restore)
    restore.set_defaults(handler=run_restore)


def _ledger_path(args) -> Path:
    from cli.main import UserError
    from db.backups import sqlite_file
    from db.engine import database_url

    path = sqlite_file(database_url(getattr(args, "db", None)))
    if path is None:
        raise UserError(
            "备份只适用于 SQLite 文件，服务器请用 pg_dump (backups are for SQLite files)"
        )
    return path.absolute()


def run_backup(args) -> int:
    from db.backups import list_backups, take_backup

    path = _ledger_path(args)
    if args.action == "list":
        found = list_backups(path)
        if args.json:
            print(json.dumps([_as_dict(b) for b in found], ensure_ascii=False, indent=2))
            return 0
        if not found:
            print(f"还没有备份 (no backups yet) — {path}")
        for info in found:
            plans = "；".join(f"{t} ({n} 个项目)" for t, n in info.plans) or (
                "无法读取 (unreadable)" if not info.readable else "无方案 (no plan)"
            )
            print(
                f"{info.taken:%Y-%m-%d %H:%M:%S}  {info.reason:<9} "
                f"{info.size / 1024 / 1024:8.1f} MB  {info.path}  {plans}"
            )
        return 0
    if args.to is not None and args.to.exists() and args.to.is_dir():
        args.to = args.to / f"{path.stem}-backup.sqlite"
    made = take_backup(path, "manual", args.to.absolute() if args.to else None)
    print(f"已备份 (backed up): {path} → {made}")
    return 0


def _as_dict(info) -> dict:
    return {
        "file": str(info.path),
        "taken": info.taken.isoformat(),
        "reason": info.reason,
        "bytes": info.size,
        "plans": [{"title": t, "projects": n} for t, n in info.plans],
        "readable": info.readable,
    }


def run_restore(args) -> int:
    from db.backups import restore

    path = _ledger_path(args)
    kept = restore(args.file.absolute(), path)
    print(f"已恢复 (restored): {args.file.absolute()} → {path}")
    if kept:
        print(f"  原文件已保留 (the replaced file is kept): {kept}")
    return 0
