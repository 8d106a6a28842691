"""The 催报 list of a round — units sent a sheet that have not answered by the deadline — as
xlsx or PDF (the briefing's embedded fonts, so Chinese never prints as boxes).

Takes a services.returns.RoundStatus; never reads the database.
"""

from __future__ import annotations

from pathlib import Path

from exports.safety import atomic_output
from services.returns import RoundStatus

HEADERS = ("序号", "单位", "项目数", "发出文件", "发出时间", "逾期天数")


def chase_rows(status: RoundStatus) -> list[tuple]:
    return [
        (
            number,
            unit.unit,
            unit.sent_projects,
            unit.sent_file or "",
            unit.sent_at.strftime("%Y-%m-%d %H:%M") if unit.sent_at else "",
            unit.late_days,
        )
        for number, unit in enumerate(status.late, 1)
    ]


def chase_title(status: RoundStatus) -> str:
    return f"{status.name}填报催报名单"


def chase_subtitle(status: RoundStatus) -> str:
    deadline = status.deadline.isoformat() if status.deadline else "未定"
    return f"{status.plan_title}　填报期 {status.period}　报送截止 {deadline}　未报 {len(status.late)} 个单位"


def write_chase(status: RoundStatus, out: Path | str) -> Path:
    """The list as .xlsx or .pdf, by the suffix of `out`."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix == ".xlsx":
        _write_xlsx(status, out)
    elif suffix == ".pdf":
        _write_pdf(status, out)
    else:
        raise ValueError(f"催报名单只能导出为 .xlsx 或 .pdf (xlsx or pdf only): {out.name}")
    return out


def _write_xlsx(status: RoundStatus, out: Path) -> None:
    import xlsxwriter

    with atomic_output(out) as temp:
        book = xlsxwriter.Workbook(str(temp), {"strings_to_formulas": False})
        ws = book.add_worksheet("催报名单")
        title = book.add_format({"bold": True, "font_size": 14, "font_name": "黑体"})
        head = book.add_format({"bold": True, "border": 1, "bg_color": "#D9E7DE"})
        cell = book.add_format({"border": 1})
        ws.write_string(0, 0, chase_title(status), title)
        ws.write_string(1, 0, chase_subtitle(status))
        for c, text in enumerate(HEADERS):
            ws.write_string(3, c, text, head)
        for r, row in enumerate(chase_rows(status), 4):
            for c, value in enumerate(row):
                if isinstance(value, int):
                    ws.write_number(r, c, value, cell)
                else:
                    ws.write_string(r, c, value, cell)
        for c, width in enumerate((6, 24, 8, 36, 18, 10)):
            ws.set_column(c, c, width)
        ws.set_landscape()
        ws.set_paper(9)
        ws.repeat_rows(3)
        book.close()


def _write_pdf(status: RoundStatus, out: Path) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate, Spacer, Table, TableStyle

    from exports.briefing_fonts import GRID, HEADER_FILL, para, styles

    style = styles()
    data = [[para(h, style.head) for h in HEADERS]]
    for row in chase_rows(status):
        data.append(
            [para(v, style.cell_center if i != 1 else style.cell) for i, v in enumerate(row)]
        )
    if len(data) == 1:
        data.append(
            [para("—", style.cell_center), para("全部单位已按时报送", style.cell), "", "", "", ""]
        )
    table = Table(
        data, colWidths=[14 * mm, 70 * mm, 20 * mm, 100 * mm, 35 * mm, 22 * mm], repeatRows=1
    )
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, GRID),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TEXTCOLOR", (0, 0), (-1, -1), colors.black),
            ]
        )
    )
    story = [
        para(chase_title(status), style.h1),
        para(chase_subtitle(status), style.caption),
        Spacer(1, 4 * mm),
        table,
    ]
    with atomic_output(out) as temp:
        doc = SimpleDocTemplate(
            str(temp),
            pagesize=landscape(A4),
            leftMargin=15 * mm,
            rightMargin=15 * mm,
            topMargin=15 * mm,
            bottomMargin=15 * mm,
            title=chase_title(status),
        )
        doc.build(story)
