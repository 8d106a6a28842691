"""`copy --from SOURCE --to TARGET`: move a whole ledger between an SQLite file and a
PostgreSQL server (either way), checked by row counts and money totals to the cent."""

from __future__ import annotations


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "copy", help="copy a whole ledger: SQLite file ⇄ postgresql:// server (target empty)"
    )
    parser.add_argument("--from", dest="source", required=True, metavar="PATH|URL")
    parser.add_argument("--to", dest="target", required=True, metavar="PATH|URL")
    parser.set_defaults(handler=run)


def run(args) -> int:
    from db import open_database
    from models.base import cents_to_money
    from services.ledger_copy import copy_ledger
    from services.parsing import format_money

    source = open_database(args.source, create=False)
    target = open_database(args.target)
    try:
        report = copy_ledger(source, target)
    finally:
        source.dispose()
        target.dispose()
    cents = report.money_cents.get("project.planned_investment_wan", 0)
    print(
        f"已复制 (copied) {report.total_rows} 行 (rows): "
        f"{report.rows.get('project', 0)} 个项目, 计划投资 {format_money(cents_to_money(cents))} 万元，"
        "行数与金额合计已核对 (counts and money totals checked)"
    )
    return 0
