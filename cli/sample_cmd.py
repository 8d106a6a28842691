"""`sample`: load the built-in 2023 钟楼 plan."""

from __future__ import annotations


def register(subparsers) -> None:
    from cli.main import db_option

    parser = subparsers.add_parser("sample", help="load the built-in 2023 钟楼 sample plan")
    db_option(parser)
    parser.set_defaults(handler=run)


def run(args) -> int:
    from cli.main import run_operation
    from services.sample import load_sample
    from services.summary import plan_summary

    def load(op):
        plan = load_sample(op.session)
        return plan, plan_summary(op.session, plan)

    plan, summary = run_operation(args, load, label="sample")
    print(
        f"已载入示例方案 (sample loaded): {plan.title} — {summary['projects']} 个项目, "
        f"{summary['planned_investment_wan']} 万元"
    )
    return 0
