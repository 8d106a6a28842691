"""`export OUT.xlsx|OUT.csv [--plan NAME]`: the official layout (xlsx), or flat table / CSV.

.xlsx → the official 附件1 layout (+ 附件2 rectifications); `--flat` → one row per project;
.csv → the flat table, UTF-8 with BOM (or `--encoding gb18030`).
"""

from __future__ import annotations


def register(subparsers) -> None:
    from cli.main import db_option, plan_option

    parser = subparsers.add_parser(
        "export", help="export a plan: official .xlsx layout, flat .xlsx or .csv"
    )
    parser.add_argument("out", metavar="OUT.xlsx|OUT.csv")
    db_option(parser)
    plan_option(parser)
    parser.add_argument("--flat", action="store_true", help="flat table (one row per project)")
    parser.add_argument("--subtotals", action="store_true", help="小计 row after each section")
    parser.add_argument("--no-total", action="store_true", help="no 合计 row")
    parser.add_argument(
        "--encoding",
        choices=["utf-8-sig", "gb18030"],
        default="utf-8-sig",
        help="CSV encoding (default UTF-8 with BOM)",
    )
    parser.set_defaults(handler=run)


def run(args) -> int:
    from pathlib import Path

    from cli.main import UserError, open_session, resolve_plan
    from exports.flat import export_csv, export_flat_xlsx
    from exports.official_xlsx import OfficialOptions, export_official
    from services.query import ProjectFilter
    from services.tasks import TaskState

    out = Path(args.out)
    suffix = out.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise UserError(f"输出文件应为 .xlsx 或 .csv (output must be .xlsx or .csv): {out}")
    if not out.parent.exists():
        raise UserError(f"目录不存在 (no such directory): {out.parent}")
    state = TaskState()
    with open_session(args) as session:
        plan = resolve_plan(session, args.plan)
        flt = ProjectFilter(plan_id=plan.id)
        if suffix == ".csv":
            count = export_csv(state, session, flt, out, encoding=args.encoding)
        elif args.flat:
            count = export_flat_xlsx(state, session, flt, out)
        else:
            options = OfficialOptions(subtotals=args.subtotals, grand_total=not args.no_total)
            count = export_official(state, session, plan.id, out, options=options)
    print(f"已导出 {plan.title}: {count} 个项目 → {out}")
    return 0
