"""`brief OUT.pdf [--plan NAME]`: the PDF briefing (简报) of a plan or of a filtered part of it.

Same builder as the GUI dialog (exports.briefing); options mirror the dialog's: chapters,
orientation, watermark, the filter (sections, keyword, unit, year, status), dates and office.
"""

from __future__ import annotations

import argparse
from datetime import date


def register(subparsers) -> None:
    from cli.main import db_option, plan_option
    from exports.briefing_options import CHAPTERS, WATERMARK

    chapters = ", ".join(f"{key} ({title})" for key, title in CHAPTERS.items())
    parser = subparsers.add_parser(
        "brief",
        help="write the briefing (简报) of a plan as PDF or Word",
        description="Write the briefing of a plan: a PDF in the 公文 (GB/T 9704) or modern "
        "layout, or an editable Word copy (.docx, 公文 layout). Chapters (modern PDF): " + chapters,
    )
    parser.add_argument("out", metavar="OUT.pdf|OUT.docx")
    db_option(parser)
    plan_option(parser)
    parser.add_argument(
        "--landscape", action="store_true", help="A4 landscape for every page (default portrait)"
    )
    parser.add_argument(
        "--only", metavar="CHAPTER,...", help="print only these chapters (comma separated)"
    )
    parser.add_argument(
        "--exclude", metavar="CHAPTER,...", help="leave these chapters out (comma separated)"
    )
    parser.add_argument(
        "--watermark",
        nargs="?",
        const=WATERMARK,
        metavar="TEXT",
        help=f'watermark text on every page (no TEXT: "{WATERMARK}")',
    )
    scope = parser.add_argument_group("scope (default: the whole plan)")
    scope.add_argument(
        "--section", action="append", metavar="NAME", help="a section, or a unique part of its name"
    )
    scope.add_argument(
        "--text", metavar="WORDS", help="projects whose name/content/type/unit match"
    )
    scope.add_argument("--unit", metavar="NAME", help="projects of this responsible unit")
    scope.add_argument("--lead", action="store_true", help="with --unit: only as lead unit")
    scope.add_argument("--year", type=int, metavar="YYYY", help="projects running in this year")
    scope.add_argument(
        "--status", choices=("planned", "in_progress", "done", "suspended"), help="project status"
    )
    parser.add_argument("--as-of", type=_day, metavar="YYYY-MM-DD", help="progress as of this day")
    parser.add_argument("--date", type=_day, metavar="YYYY-MM-DD", help="briefing date (cover)")
    parser.add_argument("--office", metavar="NAME", help="issuing office on the cover")
    gongwen = parser.add_argument_group("公文 layout")
    gongwen.add_argument(
        "--style",
        choices=("gongwen", "modern"),
        default="modern",
        help="PDF layout: 公文 (GB/T 9704) or modern (default); a .docx is always 公文",
    )
    gongwen.add_argument(
        "--masthead",
        metavar="NAME",
        nargs="?",
        const="生态文明建设工作简报",
        help="print the red 报头 with this briefing name (no NAME: 生态文明建设工作简报)",
    )
    gongwen.add_argument(
        "--issue", metavar="TEXT", default="", help='期号 in the 报头, e.g. "第3期"'
    )
    gongwen.add_argument("--send-to", metavar="UNITS", default="", help="版记 报送")
    gongwen.add_argument("--copy-to", metavar="UNITS", default="", help="版记 抄送")
    parser.add_argument(
        "--sources",
        metavar="OUT.json",
        help="also write every figure with its source, filter, as-of day and project ids",
    )
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.set_defaults(handler=run)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text}") from None


def _chapters(args) -> frozenset[str]:
    from cli.main import UserError
    from exports.briefing_options import CHAPTERS

    def parse(text: str) -> set[str]:
        keys = {k.strip() for k in text.split(",") if k.strip()}
        unknown = keys - set(CHAPTERS)
        if unknown:
            raise UserError(
                f"未知章节 (unknown chapter): {', '.join(sorted(unknown))}; "
                f"choose from {', '.join(CHAPTERS)}"
            )
        return keys

    chosen = parse(args.only) if args.only else set(CHAPTERS)
    if args.exclude:
        chosen -= parse(args.exclude)
    if not chosen:
        raise UserError("没有可打印的章节 (no chapter left to print)")
    return frozenset(chosen)


def _scope(session, plan, args):
    """The ProjectFilter the scope options describe, or None for the whole plan."""
    from sqlalchemy import select

    from cli.main import UserError
    from models import OwnerRole, ProjectStatus, Section
    from services.query import ProjectFilter, organization_by_name

    section_ids: list[int] = []
    for name in args.section or ():
        rows = session.execute(
            select(Section.id, Section.name).where(Section.plan_id == plan.id)
        ).all()
        exact = [sid for sid, sname in rows if sname == name]
        matches = exact or [sid for sid, sname in rows if name in sname]
        if len(matches) != 1:
            problem = "找不到" if not matches else "不唯一"
            raise UserError(f"重点任务{problem} (no unique section matches): {name}")
        section_ids.append(matches[0])
    owner_id = None
    if args.unit:
        org = organization_by_name(session, args.unit)
        if org is None:
            raise UserError(f"找不到责任单位 (no such unit): {args.unit}")
        owner_id = org.id
    elif args.lead:
        raise UserError("--lead 需要同时指定 --unit (--lead needs --unit)")
    flt = ProjectFilter(
        plan_id=plan.id,
        section_ids=tuple(section_ids),
        text=args.text or "",
        owner_id=owner_id,
        owner_role=OwnerRole.LEAD if args.lead else None,
        year=args.year,
        status=ProjectStatus(args.status) if args.status else None,
    )
    return None if flt == ProjectFilter(plan_id=plan.id) else flt


def run(args) -> int:
    import os

    from services.tasks import gc_paused

    # The charts do no linear algebra: numpy's OpenBLAS need not start a thread per core
    # (≈ 0.05 s of the import; must be set before numpy loads, an explicit setting wins).
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

    # A one-shot process: the collector would only walk the libraries' import-time objects
    # over and over (≈ 0.3 s of a 2 s briefing); the little cyclic garbage waits for exit.
    with gc_paused():
        return _run(args)


def _run(args) -> int:
    import json
    from pathlib import Path

    from cli.main import UserError, open_session, resolve_plan
    from exports.briefing import build_briefing
    from exports.briefing_options import BriefingOptions
    from services.tasks import TaskState

    out = Path(args.out)
    if out.suffix.lower() not in (".pdf", ".docx"):
        raise UserError(f"输出文件应以 .pdf 或 .docx 结尾 (OUT must end in .pdf or .docx): {out}")
    for path in (out, Path(args.sources) if args.sources else None):
        if path is not None and not path.parent.exists():
            raise UserError(f"目录不存在 (no such directory): {path.parent}")
    chapters = _chapters(args)
    with open_session(args) as session:
        plan = resolve_plan(session, args.plan)
        options = BriefingOptions(
            plan_id=plan.id,
            flt=_scope(session, plan, args),
            orientation="landscape" if args.landscape else "portrait",
            chapters=chapters,
            watermark=args.watermark,
            briefing_date=args.date,
            as_of=args.as_of,
            office=args.office,
            style=args.style,
            masthead=args.masthead is not None,
            masthead_name=args.masthead or "生态文明建设工作简报",
            issue=args.issue,
            send_to=args.send_to,
            copy_to=args.copy_to,
        )
        result = build_briefing(TaskState(), session, options, out)
    if args.sources:
        from datetime import datetime

        from exports.briefing_figures import OfficeFigures, sources_json

        if not isinstance(result.figures, OfficeFigures):  # build_briefing always fills it
            raise RuntimeError("the briefing came back without its figures")
        payload = sources_json(result.figures, plan_title=plan.title, made=datetime.now())
        Path(args.sources).write_text(
            json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8"
        )
    if args.json:
        print(
            json.dumps(
                {
                    "plan": plan.title,
                    "out": str(result.path),
                    "pages": result.pages,
                    "projects": result.projects,
                    "chapters": list(result.chapters),
                    "as_of": result.as_of.isoformat() if result.as_of else None,
                    "seconds": round(result.seconds, 3),
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        print(
            f"已生成简报 (briefing written): {result.path} — "
            + (f"{result.pages} 页, " if result.pages else "")
            + f"截至 {result.as_of}, "
            f"{result.projects} 个项目, {result.seconds:.1f} s"
        )
    return 0
