"""`sample`: load the built-in 2023 钟楼 plan (again: says it is there, exit 0)."""

from __future__ import annotations


def register(subparsers) -> None:
    from cli.main import db_option

    parser = subparsers.add_parser("sample", help="load the built-in 2023 钟楼 sample plan")
    db_option(parser)
    parser.set_defaults(handler=run)


def run(args) -> int:
    from sqlalchemy import select

    from cli.main import run_operation
    from models import Plan
    from services.sample import SAMPLE_TITLE, load_sample
    from services.summary import plan_summary

    def load(op):
        plan = op.session.scalar(select(Plan).where(Plan.title == SAMPLE_TITLE))
        loaded = plan is None
        if loaded:
            plan = load_sample(op.session)
        return plan, plan_summary(op.session, plan), loaded

    plan, summary, loaded = run_operation(args, load, label="sample")
    said = (
        "已载入示例方案 (sample loaded)" if loaded else "示例方案已在库中 (sample already loaded)"
    )
    print(
        f"{said}: {plan.title} — {summary['projects']} 个项目, "
        f"{summary['planned_investment_wan']} 万元"
    )
    return 0
