"""`import FILE [--plan NAME] [--json]`: read a project table into the ledger, all or nothing.

Without --plan a new plan is created, titled from the table's title row (or the file name).
With --plan naming an existing plan the file is merged into it: projects are matched by
(section, name, content), changed fields are updated, new rows added, missing rows only
reported. Any error → every located problem on stderr (or in the JSON), exit 1, DB unchanged.
"""

from __future__ import annotations

import json
import sys


def register(subparsers) -> None:
    from cli.main import db_option, plan_option

    parser = subparsers.add_parser(
        "import", help="import a project table (.xlsx/.xlsm/.xls/.ods/.csv), all or nothing"
    )
    parser.add_argument("file", metavar="FILE")
    db_option(parser)
    plan_option(parser)
    parser.add_argument("--json", action="store_true", help="machine-readable report on stdout")
    parser.add_argument(
        "--max-size-mb", type=int, default=200, help="refuse larger files (default 200)"
    )
    parser.set_defaults(handler=run)


def run(args) -> int:
    from sqlalchemy import select

    from cli.main import run_operation
    from importers.plan_import import analyze, apply_diff, diff_plan, write_new_plan
    from importers.safety import ImportLimits
    from models import Plan
    from services.tasks import TaskState

    limits = ImportLimits(max_file_bytes=args.max_size_mb * 1024 * 1024)
    state = TaskState()
    preview = analyze(state, args.file, limits=limits)
    report = preview.summary()
    if preview.errors:
        return _fail(args, report, preview)

    def write(op) -> None:
        session = op.session
        title = args.plan or preview.title
        existing = session.scalar(select(Plan).where(Plan.title == title))
        if existing is None and args.plan:
            from services.query import find_plan

            existing = find_plan(session, args.plan)
        if existing is None:
            result = write_new_plan(state, session, preview, title)
            report.update(
                mode="new_plan",
                plan=result.title,
                plan_id=result.plan_id,
                organizations_created=result.organizations_created,
            )
        else:
            diff = diff_plan(session, preview, existing.id)
            apply_diff(session, diff)
            report.update(
                mode="merge",
                plan=existing.title,
                plan_id=existing.id,
                new=len(diff.new),
                changed=len(diff.changed),
                unchanged=diff.unchanged,
                missing=[{"id": i, "section": s, "name": n} for i, s, n in diff.missing],
                rectifications_skipped=diff.rectifications_skipped,
            )

    run_operation(args, write, label="import")
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        _print_summary(report, preview)
    return 0


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
