"""`returns make | collect | status`: the department return round (填报) from the command line.

    returns make OUTDIR [--plan] [--round NAME] [--deadline YYYY-MM-DD] [--units U...] [--fields F...]
    returns collect FILE|DIR... [--round NAME] [--apply] [--accept-locked] [--json]
    returns status [--plan] [--round NAME] [--as-of YYYY-MM-DD] [--chase OUT.xlsx|OUT.pdf] [--json]

collect without --apply writes nothing (it prints each unit's diff). A refused file — older
round, another unit's sheet, a duplicate, a CSV or .xls save — is listed with its reason and
makes the exit code 1; the usable files are still applied with --apply.
"""

from __future__ import annotations

import json
import sys
from datetime import date


def register(subparsers) -> None:
    from cli.main import db_option, plan_option

    parser = subparsers.add_parser(
        "returns", help="send each unit its locked sheet, collect the returns, see who is late"
    )
    commands = parser.add_subparsers(dest="returns_command", metavar="make|collect|status")
    commands.required = True

    make = commands.add_parser("make", help="one locked xlsx per unit, a ZIP and the notice")
    make.add_argument("outdir", metavar="OUTDIR")
    db_option(make)
    plan_option(make)
    make.add_argument("--round", metavar="NAME", help="e.g. 2023年第一季度 (default: this quarter)")
    make.add_argument("--period", metavar="PERIOD", help="2023Q1 when the name does not say it")
    make.add_argument("--deadline", type=date.fromisoformat, metavar="YYYY-MM-DD")
    make.add_argument("--units", nargs="+", metavar="UNIT", help="only these units")
    make.add_argument("--fields", nargs="+", metavar="F", help="fields asked (default: the five)")
    make.add_argument("--json", action="store_true")
    make.set_defaults(handler=run_make)

    collect = commands.add_parser("collect", help="read returned sheets; --apply writes them")
    collect.add_argument("files", nargs="+", metavar="FILE|DIR")
    db_option(collect)
    collect.add_argument("--round", metavar="NAME", help="the round collected (default: newest)")
    collect.add_argument("--apply", action="store_true", help="write the changes (one operation)")
    collect.add_argument(
        "--accept-locked",
        action="store_true",
        help="also write changes typed into locked cells (the office approves them)",
    )
    collect.add_argument("--json", action="store_true")
    collect.set_defaults(handler=run_collect)

    status = commands.add_parser("status", help="units × 未发/已发/已回/逾期/有问题")
    db_option(status)
    plan_option(status)
    status.add_argument("--round", metavar="NAME", help="default: the newest round")
    status.add_argument("--as-of", type=date.fromisoformat, metavar="YYYY-MM-DD")
    status.add_argument("--chase", metavar="OUT.xlsx|OUT.pdf", help="write the 催报 list")
    status.add_argument("--json", action="store_true")
    status.set_defaults(handler=run_status)


def run_make(args) -> int:
    from cli.main import open_session, resolve_plan
    from exports.return_sheets import make_round
    from services import returns

    with open_session(args) as session:
        plan = resolve_plan(session, args.plan)
        name = args.round or returns.default_round_name(date.today())
        round_ = returns.open_round(
            session,
            plan.id,
            name,
            period=args.period,
            deadline=args.deadline,
            fields=args.fields,
        )
        made = make_round(session, round_, args.outdir, args.units)
        report = {
            "plan": plan.title,
            "round": round_.name,
            "period": round_.period,
            "deadline": round_.deadline.isoformat() if round_.deadline else None,
            "fields": list(returns.round_fields(round_)),
            "units": [
                {"unit": s.unit, "file": str(s.path), "projects": s.projects, "lead": s.lead}
                for s in made.sheets
            ],
            "zip": str(made.zip_path),
            "notice": str(made.notice_path),
        }
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0
    print(
        f"{report['round']}（{report['period']}）：{len(made.sheets)} 个单位的填报表已写入 "
        f"{args.outdir}，截止 {report['deadline'] or '未定'}"
    )
    for unit in report["units"]:
        print(f"  {unit['unit']}: {unit['projects']} 个项目（牵头 {unit['lead']}）")
    if made.zip_path is None or made.notice_path is None:  # make_round always writes both
        raise RuntimeError("the round was made without its zip or notice")
    print(f"  压缩包 {made.zip_path.name}，通知 {made.notice_path.name}")
    return 0


def run_collect(args) -> int:
    from cli.main import UserError, open_session
    from importers.return_apply import apply_returns
    from importers.return_sheets import collect

    with open_session(args) as session:
        diffs = collect(session, args.files, args.round)
        if not diffs:
            raise UserError("没有找到填报表文件 (no return files found)")
        applied = None
        if args.apply and any(d.usable for d in diffs):
            accept = (
                {d.unit_id for d in diffs if d.usable and d.unit_id is not None}
                if args.accept_locked
                else set()
            )
            applied = apply_returns(session, diffs, accept_locked=accept)
        report = {
            "applied": applied is not None,
            "files": [d.summary() for d in diffs],
            "rows_changed": applied.rows_changed if applied else sum(d.rows_changed for d in diffs),
            "cells_refused": sum(len(d.refused) for d in diffs),
        }
    refused = [d for d in diffs if not d.usable]
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        _print_diffs(diffs, applied)
    for diff in refused:
        for issue in diff.fatal:
            print(f"greenledger: 未收取 {diff.file.file_name}: {issue}", file=sys.stderr)
    return 1 if refused else 0


def _print_diffs(diffs, applied) -> None:
    for diff in diffs:
        if not diff.usable:
            continue
        print(
            f"{diff.unit}（{diff.file.file_name}）：{diff.rows_changed} 个项目 "
            f"{len(diff.changes)} 处修改，锁定单元格改动 {len(diff.locked)}，"
            f"新增行 {len(diff.added)}，拒收 {len(diff.refused)}"
        )
        for change in diff.changes:
            print(
                f"  第{change.row}行 {change.project} {change.header}: “{change.old}” → “{change.new}”"
            )
        for change in diff.locked:
            print(
                f"  需审核 第{change.row}行 {change.column}列({change.header}): "
                f"“{change.old}” → “{change.new}”"
            )
        for issue in diff.added + diff.refused + diff.warnings:
            print(f"  {issue}")
    if applied is None:
        print("（未写入；加 --apply 写入 / nothing written, add --apply）")
    else:
        print(
            f"已写入 {applied.files} 个文件：{applied.rows_changed} 个项目 {applied.cells_changed} 处，"
            f"拒收 {applied.cells_refused} 处，待审核 {applied.pending} 处"
        )


def run_status(args) -> int:
    from cli.main import UserError, open_session, resolve_plan
    from services import returns

    with open_session(args) as session:
        plan = resolve_plan(session, args.plan)
        round_ = returns.find_round(session, plan.id, args.round)
        if round_ is None:
            raise UserError(
                f"没有这个填报轮次 (no such round): {args.round}"
                if args.round
                else "这个方案还没有填报轮次；先运行 returns make (no round yet)"
            )
        status = returns.round_status(session, round_, args.as_of)
        history = returns.compare_rounds(session, plan.id, args.as_of)
        if args.chase:
            from exports.return_chase import write_chase

            try:
                write_chase(status, args.chase)
            except ValueError as exc:
                raise UserError(str(exc)) from None
    report = {"plan": plan.title, **status.to_dict(), "rounds": history}
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0
    counts = "，".join(f"{k} {v}" for k, v in status.counts().items())
    print(f"{status.name}（{status.period}，截止 {report['deadline'] or '未定'}）：{counts}")
    for unit in status.units:
        line = f"  {unit.state}  {unit.unit}"
        if unit.receipts:
            last = unit.receipts[-1]
            line += f"  收到 {last['file']} {last['at']}，改 {unit.rows_changed} 行，拒收 {unit.cells_refused}"
        elif unit.sent_file:
            line += f"  已发 {unit.sent_file}"
        if unit.late_days:
            line += f"  逾期 {unit.late_days} 天"
        print(line)
    if status.late:
        print("催报：" + "、".join(u.unit for u in status.late))
    if len(history) > 1:
        print("各轮比较：")
        for past in history:
            c = past["counts"]
            print(
                f"  {past['round']}: 已回 {c['已回']}，有问题 {c['有问题']}，逾期 {c['逾期']}，"
                f"改 {past['rows_changed']} 行，拒收 {past['cells_refused']}"
            )
    if args.chase:
        print(f"催报名单已写入 {args.chase}")
    return 0
