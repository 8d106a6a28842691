"""The briefing's tables: key figures, campaigns, the project table, units, indicators,
rectifications and projects behind schedule.

The project table streams its rows from the database a window at a time (services.query
.rows_for_ids) while the pages are laid out, so a 10,000-project briefing never holds all rows.
Money is Decimal formatted by services.parsing. Headless: never import Qt.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle
from sqlalchemy.orm import Session

from exports.briefing_celltext import CellText
from exports.briefing_data import BriefingData, IndicatorRow, period_label
from exports.briefing_fonts import (
    ACCENT,
    BODY,
    GRID,
    HEADER_FILL,
    HEADING,
    Styles,
    markup,
    para,
)
from exports.briefing_stream import Num, RowSpec, StreamTable
from exports.briefing_text import share
from models import IndicatorDirection, OwnerRole, RectificationStatus
from services.parsing import format_money, format_yi
from services.query import ProjectRow, rows_for_ids
from services.tasks import TaskState

WINDOW = 300  # rows fetched per query while laying out the project table
RED_FILL = HexColor("#fbe9e7")
YELLOW_FILL = HexColor("#fff8e1")


def _p(text: object, style, *, bold: bool = False) -> Paragraph:
    """A header or narrative cell (reportlab paragraph: markup, full typography)."""
    return para(text, style, bold=bold)


def _t(text: object, style, *, bold: bool = False) -> CellText | None:
    """A body cell of a long table: fast CJK wrapping (exports/briefing_celltext)."""
    if text is None or text == "":
        return None
    return CellText(str(text), style, bold=bold)


def _widths(total: float, fixed: Sequence[float | None]) -> list[float]:
    """Column widths: fixed points, None columns share the rest equally."""
    flexible = [w for w in fixed if w is None]
    rest = total - sum(w for w in fixed if w is not None)
    each = rest / len(flexible) if flexible else 0
    return [each if w is None else w for w in fixed]


# ---------------------------------------------------------------- key figures


def key_figures_table(data: BriefingData, st: Styles, width: float) -> Table:
    """The headline numbers as a band of labelled cells (two rows of four)."""
    key = data.key
    total = key.planned_investment_wan
    cells = [
        ("工程项目", f"{key.projects:,}", "项"),
        ("计划总投资", format_money(total), "万元"),
        ("折合", format_yi(total), "亿元"),
        ("重点任务", f"{sum(1 for s in data.sections if s.projects)}", "个方面"),
        ("责任单位", f"{key.units:,}", "个"),
        ("跨年度项目", f"{key.multi_year:,}", "项"),
        ("续建项目", f"{data.continued:,}", "项"),
        ("未列投资", f"{key.no_investment:,}", "项"),
    ]
    if data.tracking is not None:
        c = data.tracking.counts
        done = (
            ("完成投资", format_money(c.completed_investment_wan), "万元")
            if c.completed_investment_wan  # returns may carry percentages only
            else ("已完成", f"{getattr(c, 'done', 0):,}", "项")
        )
        cells[5:] = [
            ("已报进展", f"{c.reported:,}", "项"),
            done,
            ("慢于序时/逾期", f"{c.behind:,} / {c.overdue:,}", "项"),
        ]
    label = st.cell_center
    value_style = ParagraphStyle("gl-key-value", parent=st.cell_center, leading=22)
    rows: list[list[Paragraph]] = []
    for start in range(0, len(cells), 4):
        chunk = cells[start : start + 4]
        rows.append([_p(c[0], label) for c in chunk])
        rows.append(
            [
                Paragraph(
                    f'<font face="{HEADING}" size="15" color="#1f5f3f">{markup(c[1], latin=False)}</font>'
                    f'<font size="8"> {markup(c[2])}</font>',
                    value_style,
                )
                for c in chunk
            ]
        )
    table = Table(rows, colWidths=[width / 4] * 4)
    commands = [
        # Table's own default cell font is Helvetica, which would be named but not embedded.
        ("FONTNAME", (0, 0), (-1, -1), BODY),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BOX", (0, 0), (-1, -1), 0.9, ACCENT),
        ("INNERGRID", (0, 0), (-1, -1), 0.4, GRID),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]
    for r in range(0, len(rows), 2):
        commands.append(("BACKGROUND", (0, r), (-1, r), HEADER_FILL))
    table.setStyle(TableStyle(commands))
    return table


# ---------------------------------------------------------------- campaigns


def sections_table(data: BriefingData, st: Styles, width: float) -> StreamTable:
    total = data.key.planned_investment_wan
    widths = _widths(width, [34, None, 52, 90, 56])
    header = [_p(h, st.head) for h in ("序号", "重点任务", "项目数", "计划投资(万元)", "占比")]
    rows = [
        RowSpec(
            [
                Num(str(i), align="center"),
                _t(s.name, st.cell),
                Num(f"{s.projects:,}", align="center"),
                Num(format_money(s.planned_investment_wan)),
                Num(share(s.planned_investment_wan, total)),
            ]
        )
        for i, s in enumerate(data.sections, 1)
    ]
    rows.append(
        RowSpec(
            [
                _t("合计", st.cell_center, bold=True),
                None,
                Num(f"{data.key.projects:,}", bold=True, align="center"),
                Num(format_money(total), bold=True),
                Num("100.0%" if total else "—", bold=True),
            ],
            kind="total",
            spans=((0, 1),),
        )
    )
    return StreamTable(header, widths, rows, font_size=st.cell.fontSize, max_line_height=1e6)


# ---------------------------------------------------------------- the project table

PROJECT_HEADER = (
    "序号",
    "项目类型",
    "工程项目名称",
    "主要建设内容",
    "数量",
    "计划投资(万元)",
    "建设期限",
    "责任单位",
)


def project_widths(width: float) -> list[float]:
    # Content takes what the fixed columns leave; on A4 landscape that is about 290 pt.
    return _widths(width, [26, 74, 118, None, 30, 60, 50, 122])


def owner_segments(owners: list[tuple[str, OwnerRole]]) -> list[tuple[str, bool]]:
    """The lead unit first and bold (黑体), then the others, "、"-joined as printed."""
    if not owners:
        return []
    lead = next((i for i, (_, role) in enumerate(owners) if role == OwnerRole.LEAD), None)
    order = list(range(len(owners)))
    if lead is not None:
        order.remove(lead)
        order.insert(0, lead)
    # The separator stays with the name before it, so no line ever starts with "、".
    last = len(order) - 1
    return [(owners[i][0] + ("" if k == last else "、"), i == lead) for k, i in enumerate(order)]


def project_row(row: ProjectRow, st: Styles) -> RowSpec:
    return RowSpec(
        [
            Num(row.seq_label or "", align="center"),
            _t(row.project_type, st.cell_center),
            _t(row.name, st.cell),
            _t(row.content, st.cell),
            Num("" if row.quantity is None else f"{row.quantity:,}", align="center"),
            Num(format_money(row.planned_investment_wan)),
            Num(period_label(row.start_year, row.end_year), align="center"),
            CellText(owner_segments(row.owners), st.cell) if row.owners else None,
        ],
        merge_key=row.project_type or None,
    )


def project_rows(
    session: Session,
    ids: Sequence[int],
    st: Styles,
    closing: Sequence[RowSpec],
    state: TaskState,
    on_window: Callable[[int], None],
) -> Iterator[RowSpec]:
    """Rows of one section, fetched WINDOW ids at a time as the layout asks for them, then the
    closing subtotal (and total) rows."""
    for start in range(0, len(ids), WINDOW):
        state.check()
        window = rows_for_ids(session, ids[start : start + WINDOW])
        for row in window:
            yield project_row(row, st)
        on_window(len(window))
    yield from closing


def total_row(label: str, projects: int, amount: Decimal, st: Styles, kind: str) -> RowSpec:
    return RowSpec(
        [
            _t(f"{label}（{projects:,}项）", st.cell_center, bold=True),
            None,
            None,
            None,
            None,
            Num(format_money(amount), bold=True),
            None,
            None,
        ],
        kind=kind,
        spans=((0, 4), (6, 7)),
    )


def project_table(
    rows: Iterator[RowSpec],
    st: Styles,
    width: float,
    max_height: float,
    caption: Sequence[Flowable] = (),
) -> StreamTable:
    header = [_p(h, st.head) for h in PROJECT_HEADER]
    return StreamTable(
        header,
        project_widths(width),
        rows,
        font_size=st.cell.fontSize,
        max_line_height=max_height,
        merge_col=1,
        caption=caption,
    )


# ---------------------------------------------------------------- units


def units_table(data: BriefingData, st: Styles, width: float, max_height: float) -> StreamTable:
    widths = _widths(width, [30, None, 50, 84, 56, 84])
    header = [
        _p(h, st.head)
        for h in (
            "序号",
            "责任单位",
            "牵头项目数",
            "牵头项目计划投资(万元)",
            "配合/建设项目数",
            "配合/建设项目计划投资(万元)",
        )
    ]
    rows = (
        RowSpec(
            [
                Num(str(i), align="center"),
                _t(u.name, st.cell),
                Num(f"{u.lead_projects:,}" if u.lead_projects else "—", align="center"),
                Num(format_money(u.lead_wan) if u.lead_projects else "—"),
                Num(f"{u.other_projects:,}" if u.other_projects else "—", align="center"),
                Num(format_money(u.other_wan) if u.other_projects else "—"),
            ]
        )
        for i, u in enumerate(data.units, 1)
    )
    return StreamTable(header, widths, rows, font_size=st.cell.fontSize, max_line_height=max_height)


# ---------------------------------------------------------------- indicators

DIRECTION_WORDS = {
    IndicatorDirection.AT_MOST: "≤",
    IndicatorDirection.AT_LEAST: "≥",
    IndicatorDirection.EQUAL: "=",
}


def _plain_decimal(value: Decimal) -> str:
    text = format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")
    return text


def indicator_verdict(row: IndicatorRow) -> str:
    return {None: "待评估", True: "达标", False: "未达标"}[row.met]


def indicators_table(data: BriefingData, st: Styles, width: float) -> StreamTable:
    widths = _widths(width, [30, None, 70, 70, 70, 56])
    header = [_p(h, st.head) for h in ("序号", "指标", "目标值", "实际值", "单位", "评估")]
    rows = []
    for i, item in enumerate(data.indicators, 1):
        actual = "—" if item.actual is None else _plain_decimal(item.actual)
        if item.period and item.actual is not None:
            actual += f"（{item.period}）"
        verdict = indicator_verdict(item)
        rows.append(
            RowSpec(
                [
                    Num(str(i), align="center"),
                    _t(item.name, st.cell),
                    Num(
                        f"{DIRECTION_WORDS[item.direction]} {_plain_decimal(item.target)}",
                        align="center",
                    ),
                    _t(actual, st.cell_center),
                    _t(item.unit or "", st.cell_center),
                    Num(verdict, bold=item.met is False, align="center"),
                ],
                fill=RED_FILL if item.met is False else None,
            )
        )
    return StreamTable(header, widths, rows, font_size=st.cell.fontSize, max_line_height=1e6)


# ---------------------------------------------------------------- rectifications

RECT_STATUS = {
    RectificationStatus.OPEN: "未整改",
    RectificationStatus.IN_PROGRESS: "整改中",
    RectificationStatus.CLOSED: "已销号",
}


def rectifications_table(
    data: BriefingData, st: Styles, width: float, max_height: float
) -> StreamTable:
    widths = _widths(width, [30, 118, None, 92, 64, 56])
    header = [
        _p(h, st.head) for h in ("序号", "问题类别", "内容描述", "所属镇(街道)", "整改时限", "状态")
    ]
    rows = []
    for i, r in enumerate(data.rectifications, 1):
        status = RECT_STATUS.get(r.status, str(r.status))
        if r.status == RectificationStatus.CLOSED and r.closed_on:
            status += f"\n{r.closed_on:%Y-%m-%d}"
        rows.append(
            RowSpec(
                [
                    Num(r.seq_label or str(i), align="center"),
                    _t(r.category or "", st.cell),
                    _t(r.description, st.cell),
                    _t(r.towns or "", st.cell),
                    Num(f"{r.deadline:%Y-%m-%d}" if r.deadline else "—", align="center"),
                    _t(status, st.cell_center, bold=r.status != RectificationStatus.CLOSED),
                ],
                merge_key=r.category or None,
            )
        )
    return StreamTable(
        header, widths, rows, font_size=st.cell.fontSize, max_line_height=max_height, merge_col=1
    )


# ---------------------------------------------------------------- behind schedule

FLAG_WORDS = {"behind": "慢于序时", "overdue": "逾期未完成"}


def _pct(value: Decimal | None) -> str:
    return "—" if value is None else f"{value:.1f}%"


def behind_table(data: BriefingData, st: Styles, width: float, max_height: float) -> StreamTable:
    widths = _widths(width, [30, 96, None, 100, 62, 46, 50, 50, 50, 56])
    header = [
        _p(h, st.head)
        for h in (
            "序号",
            "重点任务",
            "工程项目名称",
            "牵头单位",
            "计划投资(万元)",
            "建设期限",
            "序时进度",
            "实际进度",
            "差距(百分点)",
            "状态",
        )
    ]
    rows = []
    for i, b in enumerate(data.tracking.behind if data.tracking else [], 1):
        gap = None
        if b.expected_pct is not None and b.actual_pct is not None:
            gap = b.expected_pct - b.actual_pct
        red = b.flag == "overdue" or b.light == "red"
        rows.append(
            RowSpec(
                [
                    Num(str(i), align="center"),
                    _t(b.section, st.cell),
                    _t(b.name, st.cell),
                    _t(b.lead, st.cell),
                    Num(format_money(b.planned_wan)),
                    Num(b.period, align="center"),
                    Num(_pct(b.expected_pct)),
                    Num(_pct(b.actual_pct)),
                    Num("—" if gap is None else f"{gap:.1f}", bold=red),
                    Num(FLAG_WORDS.get(b.flag, b.flag), bold=red, align="center"),
                ],
                fill=RED_FILL if red else YELLOW_FILL,
            )
        )
    return StreamTable(header, widths, rows, font_size=st.cell.fontSize, max_line_height=max_height)
