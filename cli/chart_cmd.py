"""`chart KIND OUT.png|OUT.svg [--plan NAME]`: one dashboard chart, rendered headless.

The same aggregates (services.aggregates) and renderer (exports.charts) as the dashboard and
the PDF briefing, so a chart saved here matches what the office sees on screen.
"""

from __future__ import annotations

from pathlib import Path

from exports.chart_kinds import KINDS


def register(subparsers) -> None:
    from cli.main import db_option, plan_option

    parser = subparsers.add_parser(
        "chart",
        help="save a dashboard chart as PNG (300 dpi) or SVG",
        description="Render one dashboard chart of a plan. KIND: " + ", ".join(KINDS),
    )
    parser.add_argument("kind", choices=KINDS, metavar="KIND", help=", ".join(KINDS))
    parser.add_argument("out", type=Path, metavar="OUT.png|OUT.svg")
    db_option(parser)
    plan_option(parser)
    parser.add_argument(
        "--year-mode",
        choices=("spread", "start"),
        default="spread",
        help="years: spread multi-year investment evenly (default) or count it in the start year",
    )
    parser.add_argument(
        "--timeline",
        choices=("section", "project"),
        default="section",
        help="timeline bars per section and period (default) or per project",
    )
    parser.add_argument("--top", type=int, default=10, metavar="N", help="lead units shown")
    parser.add_argument("--dpi", type=int, default=300, help="PNG resolution (default 300)")
    parser.set_defaults(handler=run)


def run(args) -> int:
    from cli.main import UserError, open_session, resolve_plan

    suffix = args.out.suffix.lower().lstrip(".")
    if suffix not in ("png", "svg", "pdf"):
        raise UserError(
            f"输出文件应以 .png 或 .svg 结尾 (OUT must end in .png or .svg): {args.out}"
        )
    if not args.out.parent.exists():
        raise UserError(f"目录不存在 (no such directory): {args.out.parent}")
    if args.top < 1 or not 1 <= args.dpi <= 1200:
        raise UserError("--top 至少为 1，--dpi 应在 1–1200 之间 (bad --top or --dpi)")

    from exports.charts import render_chart
    from services import aggregates
    from services.query import ProjectFilter

    with open_session(args) as session:
        plan = resolve_plan(session, args.plan)
        flt = ProjectFilter(plan_id=plan.id)
        data = _data(session, flt, args, aggregates)
    render_chart(args.kind, data, args.out, dpi=args.dpi)
    print(f"{args.out} ({plan.title}, {args.kind})")
    return 0


# Each kind's aggregate in services.aggregates, and its keyword arguments from the command's
# options: only the aggregate the chart needs, not the whole dashboard.
_AGGREGATES: dict[str, tuple[str, dict[str, str]]] = {
    "sections": ("by_section", {}),
    "lead_units": ("by_lead_unit", {"top_n": "top"}),
    "participation": ("unit_participation", {}),
    "areas": ("by_area", {}),
    "years": ("by_year", {"mode": "year_mode"}),
    "status": ("status_share", {}),
    "planned_vs_completed": ("planned_vs_completed", {}),
    "timeline": ("timeline", {"mode": "timeline"}),
}


def _data(session, flt, args, aggregates):
    name, options = _AGGREGATES[args.kind]
    keywords = {keyword: getattr(args, option) for keyword, option in options.items()}
    return getattr(aggregates, name)(session, flt, **keywords)
