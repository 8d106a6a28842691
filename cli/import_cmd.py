"""`import FILE [--plan NAME | --new-plan TITLE] [--json]`: read a project table, all or nothing.

Without either option the table's title row (or the file name) names the plan: a new plan
when no plan has that title, else the file is merged into it. `--plan NAME` merges into an
existing plan (a name matching none or several is an error listing the plans); `--new-plan
TITLE` always makes a new plan. Merging matches projects by (section, name, content), updates
changed fields, adds new rows and only reports missing ones. The plan is looked up inside the
write lock, so two imports of one file at once end as one import and one merge. Another
writer holding the lock is waited for (said on stderr). Any error → every located problem on
stderr (or in the JSON), exit 1, database unchanged.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress
from pathlib import Path

LOCK_ATTEMPT_MS = 1000


def register(subparsers) -> None:
    from cli.main import db_option

    parser = subparsers.add_parser(
        "import",
        help="import a project table (.xlsx/.xlsm/.xls/.ods/.csv), all or nothing",
        description="Without --plan/--new-plan: a new plan titled from the table, or a merge "
        "into the plan that already has that title.",
    )
    parser.add_argument("file", metavar="FILE")
    db_option(parser)
    target = parser.add_mutually_exclusive_group()
    target.add_argument(
        "--plan", metavar="NAME", help="merge into this existing plan (title or a unique part)"
    )
    target.add_argument("--new-plan", metavar="TITLE", help="import as a new plan with this title")
    parser.add_argument("--json", action="store_true", help="machine-readable report on stdout")
    parser.add_argument(
        "--max-size-mb", type=int, default=200, help="refuse larger files (default 200)"
    )
    parser.set_defaults(handler=run)


def run(args) -> int:
    from services.tasks import gc_paused

    # A short-lived process building millions of objects that are no cyclic garbage: the
    # collector's passes over them (0.5 s of a 100,000-row import) wait until it ends.
    with gc_paused():
        return _run(args)


def _run(args) -> int:
    from importers.reader import read_ahead
    from importers.safety import ImportLimits

    limits = ImportLimits(max_file_bytes=args.max_size_mb * 1024 * 1024)
    path = Path(args.file).absolute()
    reading = read_ahead(path, limits)  # the reader process reads while the importer is imported

    from importers.plan_import import analyze
    from services.tasks import TaskState

    with _ledger_opened_meanwhile(args, reading) as ledger:
        preview = analyze(TaskState(), path, limits=limits)
        report = preview.summary()
        if preview.errors:
            return _fail(args, report, preview)
        ledger.writing = True
        report.update(_write_waiting(args, preview, ledger.engine))
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        _print_summary(report, preview)
    return 0


class _Ledger:
    def __init__(self) -> None:
        self.engine = None  # opened while the file was read; None: the write opens it
        self.writing = False  # the analysis passed: what happens now is the write's


@contextmanager
def _ledger_opened_meanwhile(args, reading: bool) -> Iterator[_Ledger]:
    """While the reader process reads the workbook, this process opens the ledger (a new one
    is created and migrated: 0.4 s of a 100,000-row import that came after the analysis).
    Without a read under way (a CSV, a file refused at once) the write opens it later, as
    it does when this open meets a problem (said then, after the file's own errors). A
    ledger file this open created is removed when the file is refused: none was there before."""
    from cli.main import opened_database
    from db.backups import sqlite_file
    from db.engine import database_url
    from db.errors import DatabaseProblem

    ledger = _Ledger()
    if not reading:
        yield ledger
        return
    path = sqlite_file(database_url(getattr(args, "db", None)))
    new_file = path is not None and not path.exists()
    with ExitStack() as stack:
        with suppress(DatabaseProblem):
            ledger.engine = stack.enter_context(opened_database(args, True))
        try:
            yield ledger
        finally:
            stack.close()  # disposed: SQLite folds its WAL into the file
            if new_file and not ledger.writing and path is not None:
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{path}{suffix}").unlink(missing_ok=True)


def _write_waiting(args, preview, engine=None) -> dict:
    """Write the preview, waiting (and saying so) while another writer holds the lock."""
    from db.locking import retry_when_locked

    def waiting(attempt: int) -> None:
        if attempt == 1:
            print(
                "greenledger: 等待另一个程序写完数据库… (waiting for another writer to finish)",
                file=sys.stderr,
            )

    return retry_when_locked(
        lambda: _write(args, preview, engine), on_wait=waiting, where=str(args.db or "")
    )


def _write(args, preview, engine) -> dict:
    from cli.main import run_operation

    work = lambda op: _write_in(op, args, preview)  # noqa: E731
    return run_operation(args, work, label="import", engine=engine)


def _write_in(op, args, preview) -> dict:
    from sqlalchemy import select

    from cli.main import UserError, resolve_plan
    from db.backups import automatic_backup
    from db.bulk import begin_write
    from importers.plan_import import apply_diff, diff_plan, write_new_plan
    from models import Plan
    from services.tasks import TaskState

    session = op.session
    existing = resolve_plan(session, args.plan) if args.plan else None  # before any wait
    title = (args.new_plan or preview.title).strip()
    kind = (
        "merge"
        if existing or session.scalar(select(Plan.id).where(Plan.title == title))
        else "import"
    )
    session.rollback()  # end the read: the backup and the lock come next
    automatic_backup(session.get_bind(), kind)  # before the lock: nobody waits for it
    # Short waits per attempt, so "waiting for…" shows within a second (retried above).
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql(f"PRAGMA busy_timeout={LOCK_ATTEMPT_MS}")
    else:
        connection.exec_driver_sql(f"SET LOCAL lock_timeout = '{LOCK_ATTEMPT_MS}ms'")
    begin_write(session.connection())  # the plan is looked up under the write lock
    if existing is not None:
        existing = session.get(Plan, existing.id)
    else:
        existing = session.scalar(select(Plan).where(Plan.title == title))
        if existing is not None and args.new_plan:
            raise UserError(f"已有同名方案 (a plan with this title exists): {title}")
    if existing is None:
        result = write_new_plan(TaskState(), session, preview, title, backup=False)
        return {
            "mode": "new_plan",
            "plan": result.title,
            "plan_id": result.plan_id,
            "organizations_created": result.organizations_created,
        }
    diff = diff_plan(session, preview, existing.id)
    apply_diff(session, diff, backup=False)
    return {
        "mode": "merge",
        "plan": existing.title,
        "plan_id": existing.id,
        "new": len(diff.new),
        "changed": len(diff.changed),
        "unchanged": diff.unchanged,
        "missing": [{"id": i, "section": s, "name": n} for i, s, n in diff.missing],
        "rectifications_skipped": diff.rectifications_skipped,
    }


def _fail(args, report: dict, preview) -> int:
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    errors = preview.errors
    print(
        f"greenledger: 导入失败，{len(errors)} 处错误，未写入任何数据 (import failed, nothing written)",
        file=sys.stderr,
    )
    for issue in errors:
        print(f"  error: {issue}", file=sys.stderr)
    for issue in preview.warnings:
        print(f"  warning: {issue}", file=sys.stderr)
    return 1


def _print_summary(report: dict, preview) -> None:
    if report["mode"] == "new_plan":
        print(
            f"已导入 {report['plan']}: {report['projects']} 个项目, "
            f"{report['planned_investment_wan']} 万元, {len(report['sections'])} 个分区, "
            f"{report['rectifications']} 个整改问题"
        )
        for section in report["sections"]:
            print(
                f"  {section['name']}: {section['projects']} 个, {section['planned_investment_wan']} 万元"
            )
    else:
        print(
            f"已合并到 {report['plan']}: 新增 {report['new']}, 修改 {report['changed']}, "
            f"未变 {report['unchanged']}, 文件中缺少 {len(report['missing'])}"
        )
    if report.get("rectifications_skipped"):
        print(
            f"  附件2 的 {report['rectifications_skipped']} 个整改问题未合并（只在导入为新方案时导入）"
            " (rectifications are imported into new plans only)"
        )
    for name, reason in preview.skipped_sheets:
        print(f"  跳过工作表 {name}: {reason}")
    for issue in preview.warnings:
        print(f"  warning: {issue}", file=sys.stderr)
