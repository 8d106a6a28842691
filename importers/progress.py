"""Progress returns (进度填报表) sent back by departments → one period's progress reports.

A return is usually the department's copy of the project table with progress columns added:
序号 | 项目名称 | (主要建设内容) | 进展情况 | 完成投资 | 完成比例 | (存在问题 | 下步计划 …). The generic
tolerant reader (importers.table) finds the header, sections and merged cells; this module
matches each row to a project of the plan and parses the values with the same parsers as the
grid (services.progress). Every refused value, unknown or ambiguous project comes back as a
located ImportIssue (sheet, row, column, value, reason) and then *nothing* is written; a clean
file is written in one transaction through services.progress.set_reports (audited, undoable).

Matching, in order: the project's name and content; the name alone when unique in the plan;
name with the section and 序号 the office printed. Never guess between two projects.
Never write to the database before the whole file has been checked.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from importers.issues import ERROR, WARNING, HasIssues, ImportIssue, IssuesRefused
from importers.reader import ReadError, read_file
from importers.table import ColumnSpec, TableBlock, TableSchema, find_tables
from models import Project, Section
from services import progress
from services.errors import ValidationError
from services.ledger import ChangeSet
from services.parsing import normalize_text, parse_money
from services.progress import ReportPeriod, parse_report_period
from services.tasks import TaskState

PROGRESS_SCHEMA = TableSchema(
    kind="progress",
    columns=(
        ColumnSpec("seq_label", ("序号", "编号")),
        ColumnSpec("name", ("项目名称", "工程项目名称", "工程名称", "名称"), required=True),
        ColumnSpec("content", ("主要建设内容", "建设内容")),
        ColumnSpec(
            "narrative",
            ("进展情况", "项目进展情况", "工作进展", "进展", "进度情况", "完成情况", "推进情况"),
        ),
        ColumnSpec(
            "completed_investment_wan",
            ("累计完成投资", "完成投资", "已完成投资", "完成投资额", "实际完成投资"),
            money=True,
            fill_merged=False,
        ),
        ColumnSpec(
            "progress_pct",
            ("完成比例", "完成进度", "完成率", "形象进度", "工程进度", "进度比例"),
            fill_merged=False,
        ),
        ColumnSpec("status", ("项目状态", "建设状态", "状态")),
        ColumnSpec("problems", ("存在问题", "存在的问题", "问题及困难", "困难问题")),
        ColumnSpec("next_steps", ("下步计划", "下一步计划", "下步打算", "下一步工作计划")),
        ColumnSpec("reporter", ("填报人", "联系人")),
        ColumnSpec("reported_on", ("填报日期", "填报时间")),
        ColumnSpec("over_plan_confirmed", ("超计划确认", "确认超计划")),
    ),
    record_key="name",
    group_key=None,
    min_matches=3,
)
VALUE_KEYS = (
    "narrative",
    "completed_investment_wan",
    "progress_pct",
    "status",
    "problems",
    "next_steps",
    "reporter",
    "reported_on",
    "over_plan_confirmed",
)
LABELS = {
    "name": "项目名称",
    "narrative": "进展情况",
    "completed_investment_wan": "完成投资",
    "progress_pct": "完成比例",
    "status": "项目状态",
    "problems": "存在问题",
    "next_steps": "下步计划",
    "reporter": "填报人",
    "reported_on": "填报日期",
}
_PERIOD_IN_TITLE = re.compile(
    r"(\d{4})\s*年\s*(?:第?\s*([一二三四1-4])\s*季度|(\d{1,2})\s*月|1\s*[-—–~至]\s*(\d{1,2})\s*月)"
)


@dataclass
class ProgressImport(HasIssues):
    path: Path
    period: ReportPeriod | None
    changes: dict[int, dict[str, object]] = field(default_factory=dict)
    rows: dict[int, tuple[str, int]] = field(default_factory=dict)  # project → (sheet, row)
    issues: list[ImportIssue] = field(default_factory=list)
    blocks: list[TableBlock] = field(default_factory=list)


class ProgressImportFailed(IssuesRefused):
    """The return was refused; `issues` are located; the database is unchanged."""


def guess_period(title: str | None) -> ReportPeriod | None:
    """ "2023年第二季度…进展情况表" → 2023Q2; "2023年1-5月…" / "2023年5月…" → 2023-05."""
    if not title:
        return None
    match = _PERIOD_IN_TITLE.search(normalize_text(title))
    if not match:
        return None
    year = int(match.group(1))
    if match.group(2):
        return parse_report_period(f"{year}年第{match.group(2)}季度")
    month = int(match.group(3) or match.group(4))
    return progress.month(year, month) if 1 <= month <= 12 else None


def _key(text: str | None) -> str:
    return re.sub(r"\s+", "", normalize_text(text or ""))


class _Projects:
    """The plan's projects by name, loaded only for the names the file mentions."""

    def __init__(self, session: Session, plan_id: int, names: set[str]) -> None:
        self.by_name: dict[str, list[tuple[int, str, str, str]]] = defaultdict(list)
        wanted = sorted(names)
        sections = dict(
            session.execute(
                select(Section.id, Section.name).where(Section.plan_id == plan_id)
            ).all()
        )
        # Names are compared without spaces; SQL narrows by the exact names first, then all
        # projects of the plan whose folded name is wanted (rare: only when spacing differs).
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            rows = session.execute(
                select(
                    Project.id, Project.name, Project.content, Project.seq_label, Project.section_id
                ).where(Project.plan_id == plan_id, Project.name.in_(chunk))
            )
            for pid, name, content, seq, section_id in rows:
                self.by_name[_key(name)].append(
                    (pid, _key(content), _key(seq), _key(sections.get(section_id)))
                )

    def match(self, values: dict[str, str], section: str | None) -> tuple[int | None, str | None]:
        candidates = self.by_name.get(_key(values.get("name")), [])
        if not candidates:
            return None, "计划中没有这个项目 (no project of this name in the plan)"
        if len(candidates) == 1:
            return candidates[0][0], None
        content = _key(values.get("content"))
        if content:
            same = [c for c in candidates if c[1] == content]
            if len(same) == 1:
                return same[0][0], None
        seq, sec = _key(values.get("seq_label")), _key(section)
        narrowed = [c for c in candidates if (not seq or c[2] == seq) and (not sec or c[3] == sec)]
        if len(narrowed) == 1:
            return narrowed[0][0], None
        return None, (
            f"计划中有 {len(candidates)} 个同名项目，请加上“主要建设内容”列或分区与序号 "
            "(ambiguous name: add the content column, or section and No.)"
        )


def _pct_as_fraction(block: TableBlock) -> bool:
    """Excel percentage cells arrive as 0.45: when every value is ≤ 1 and one has a fraction,
    and the header does not say (%), the column holds fractions."""
    if "progress_pct" not in block.columns:
        return False
    if "%" in normalize_text(block.headers.get("progress_pct", "")):
        return False
    values = []
    for record in block.records:
        text = normalize_text(record.values.get("progress_pct", ""))
        if not text or "%" in text:
            continue
        try:
            values.append(Decimal(text))
        except ArithmeticError:
            return False
    return bool(values) and all(v <= 1 for v in values) and any(v != int(v) for v in values)


def analyze_progress(
    state: TaskState | None,
    session: Session,
    plan_id: int,
    path: Path | str,
    period: ReportPeriod | str | None = None,
) -> ProgressImport:
    """Read and check a progress return completely; writes nothing."""
    state = state or TaskState()
    path = Path(path)
    result = ProgressImport(path, parse_report_period(period) if period else None)
    state.progress(0, 3, "读取文件 (reading)")
    try:
        grids = read_file(path)
    except ReadError as exc:
        result.issues.extend(exc.issues)
        return result
    for grid in grids:
        state.check()
        result.blocks.extend(find_tables(grid, [PROGRESS_SCHEMA]))
    blocks = [b for b in result.blocks if set(b.columns) & set(VALUE_KEYS)]
    if not blocks:
        result.issues.append(
            ImportIssue.file(
                path.name,
                "没有找到进度表表头（应含 项目名称 和 进展情况/完成投资/完成比例）"
                "(no progress header found)",
            )
        )
        return result
    if result.period is None:
        result.period = next((guess_period(b.title) for b in blocks if guess_period(b.title)), None)
    if result.period is None:
        result.issues.append(
            ImportIssue.file(path.name, "请指定填报期 (choose the period, e.g. 2023Q2)")
        )
    state.progress(1, 3, "对应项目 (matching projects)")
    names = {r.values.get("name", "") for b in blocks for r in b.records}
    projects = _Projects(session, plan_id, {n.strip() for n in names if n.strip()})
    for block in blocks:
        result.issues.extend(block.issues)
        _parse_block(block, projects, result)
    state.progress(2, 3, "")
    return result


def _parse_block(block: TableBlock, projects: _Projects, result: ProgressImport) -> None:
    fraction = _pct_as_fraction(block)
    if fraction:
        letter, header = block.locate("progress_pct")
        result.issues.append(
            ImportIssue(
                block.sheet,
                None,
                letter,
                header,
                None,
                "完成比例按小数读取（0.45 = 45%）(read as fractions)",
                WARNING,
            )
        )

    def issue(row: int, key: str, value: str | None, reason: str, severity: str = ERROR):
        letter, header = block.locate(key)
        result.issues.append(
            ImportIssue(
                block.sheet, row, letter, header or LABELS.get(key), value, reason, severity
            )
        )

    for record in block.records:
        values = record.values
        parsed: dict[str, object] = {}
        for key in VALUE_KEYS:
            if key not in block.columns:
                continue
            raw = values.get(key, "")
            if not raw.strip():
                continue  # a blank cell keeps what is there: returns are often partial
            try:
                if key == "completed_investment_wan":
                    parsed[key] = parse_money(raw, scale=block.unit_scale)
                elif key == "progress_pct" and fraction and "%" not in raw:
                    parsed[key] = progress.parse_pct(str(Decimal(normalize_text(raw)) * 100))
                else:
                    parsed[key] = progress.REPORT_PARSERS[key](raw)
            except (ValueError, ArithmeticError) as exc:
                issue(record.row, key, raw, str(exc))
        pid, problem = projects.match(values, record.section)
        if pid is None:
            issue(record.row, "name", values.get("name"), problem or "")
            continue
        if pid in result.rows:
            sheet, row = result.rows[pid]
            issue(
                record.row,
                "name",
                values.get("name"),
                f"与 {sheet} 第{row}行 是同一项目 (same project twice)",
            )
            continue
        result.rows[pid] = (block.sheet, record.row)
        if parsed:
            result.changes[pid] = parsed


def import_progress(
    state: TaskState | None,
    session: Session,
    plan_id: int,
    path: Path | str,
    period: ReportPeriod | str | None = None,
    *,
    user: str | None = None,
) -> tuple[ProgressImport, ChangeSet]:
    """Check, then write the whole return in one transaction. Raises ProgressImportFailed
    (located issues) and writes nothing when anything is refused."""
    checked = analyze_progress(state, session, plan_id, path, period)
    if checked.errors:
        raise ProgressImportFailed(checked.issues)
    if checked.period is None:  # analyze_progress reports a missing period as an error
        raise ProgressImportFailed(
            [ImportIssue.file(checked.path.name, "未能确定填报期 (no report period)")]
        )
    try:
        change = progress.set_reports(session, checked.period, checked.changes, user=user)
    except ValidationError as exc:
        # Refusals that need the database (over-plan amounts) located back to their rows.
        for error in exc.errors:
            found = checked.rows.get(error.record_id) if error.record_id is not None else None
            sheet, row = found if found is not None else (checked.path.name, None)
            block = next((b for b in checked.blocks if b.sheet == sheet), None)
            letter, header = block.locate(error.field) if block else (None, None)
            checked.issues.append(
                ImportIssue(sheet, row, letter, header, str(error.value), error.reason)
            )
        raise ProgressImportFailed(checked.issues) from None
    return checked, change
