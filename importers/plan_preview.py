"""A file read and checked for import, nothing written: `analyze(state, path)` → `ImportPreview`.

Every sheet is read, its project tables and rectification lists found (importers.table) and
every value parsed and validated (importers.projects). The preview holds the typed rows, every
located issue and the sheets skipped with their reason; importers.plan_import writes it. Never
import Qt here, never write.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from importers.issues import WARNING, HasIssues, ImportIssue, IssuesRefused
from importers.projects import (
    PROJECT_SCHEMA,
    RECTIFICATION_SCHEMA,
    ParsedProject,
    ParsedRectification,
    check_totals,
    parse_projects,
    parse_rectifications,
)
from importers.reader import ReadError, SheetGrid, read_file
from importers.safety import DEFAULT_LIMITS, ImportLimits
from importers.table import TableBlock, find_tables
from models.base import utcnow
from services.tasks import TaskState, gc_paused

ZERO = Decimal("0.00")


class ImportFailed(IssuesRefused):
    """The file has errors; nothing was written. `issues` lists every one of them."""

    @staticmethod
    def describe(errors: list[ImportIssue]) -> str:
        head = "; ".join(str(i) for i in errors[:3])
        more = f" (+{len(errors) - 3} more)" if len(errors) > 3 else ""
        return f"导入失败，{len(errors)} 处错误 (import failed): {head}{more}"


@dataclass
class SectionSummary:
    name: str
    projects: int
    planned_investment_wan: Decimal


@dataclass
class ImportPreview(HasIssues):
    """Everything found in a file, typed and checked; nothing has been written."""

    path: Path
    sheets: list[str] = field(default_factory=list)
    blocks: list[TableBlock] = field(default_factory=list)
    projects: list[ParsedProject] = field(default_factory=list)
    rectifications: list[ParsedRectification] = field(default_factory=list)
    issues: list[ImportIssue] = field(default_factory=list)
    skipped_sheets: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def total_wan(self) -> Decimal:
        return sum((p.planned_investment_wan or ZERO for p in self.projects), ZERO)

    def sections(self) -> list[SectionSummary]:
        found: dict[str, SectionSummary] = {}
        for p in self.projects:
            s = found.setdefault(p.section, SectionSummary(p.section, 0, ZERO))
            s.projects += 1
            s.planned_investment_wan += p.planned_investment_wan or ZERO
        return list(found.values())

    @property
    def title(self) -> str:
        for block in self.blocks:
            if block.schema is PROJECT_SCHEMA and block.title:
                return block.title
        return self.path.stem

    @property
    def year(self) -> int:
        match = re.search(r"(19|20)\d\d", self.title)
        if match:
            return int(match.group(0))
        years = [p.start_year for p in self.projects if p.start_year]
        return min(years) if years else utcnow().year

    def summary(self) -> dict:
        """The CLI's `--json` shape (money as decimal strings)."""
        return {
            "file": str(self.path),
            "title": self.title,
            "projects": len(self.projects),
            "planned_investment_wan": str(self.total_wan),
            "sections": [
                {
                    "name": s.name,
                    "projects": s.projects,
                    "planned_investment_wan": str(s.planned_investment_wan),
                }
                for s in self.sections()
            ],
            "rectifications": len(self.rectifications),
            "skipped_sheets": [{"sheet": n, "reason": r} for n, r in self.skipped_sheets],
            "warnings": [i.to_dict() for i in self.warnings],
            "errors": [i.to_dict() for i in self.errors],
        }


def analyze(
    state: TaskState,
    path: Path | str,
    *,
    limits: ImportLimits = DEFAULT_LIMITS,
    overrides: dict[str, dict[int, str | None]] | None = None,
) -> ImportPreview:
    """Read and check a file completely. Unreadable files come back as located errors."""
    with gc_paused():
        return _analyze(state, Path(path), limits, overrides)


def _analyze(state: TaskState, path: Path, limits: ImportLimits, overrides) -> ImportPreview:
    preview = ImportPreview(path)
    state.progress(0, 3, "读取文件 (reading)")
    try:
        grids = read_file(path, limits, should_stop=lambda: state.cancelled)
    except ReadError as exc:
        preview.issues.extend(exc.issues)
        return preview
    state.progress(1, 3, "识别表格 (detecting tables)")
    while grids:
        state.check()
        grid = grids.pop(0)  # each sheet's cells are freed once its rows are parsed
        preview.sheets.append(grid.name)
        _analyze_sheet(grid, preview, overrides)
    if not preview.projects and not preview.rectifications and not preview.errors:
        preview.issues.append(
            ImportIssue.file(
                path.name,
                "没有找到表头（应含 序号、项目名称、计划投资 等列）(no table header found)",
            )
        )
    state.progress(3, 3, "")
    return preview


def _analyze_sheet(grid: SheetGrid, preview: ImportPreview, overrides) -> None:
    if not any(any(row) for row in grid.rows):
        preview.skipped_sheets.append((grid.name, "空白工作表 (empty sheet)"))
        return
    blocks = find_tables(grid, [PROJECT_SCHEMA, RECTIFICATION_SCHEMA], overrides)
    if not blocks:
        reason = "未找到项目表或问题表的表头 (no project or rectification header)"
        preview.skipped_sheets.append((grid.name, reason))
        preview.issues.append(ImportIssue(grid.name, None, None, None, None, reason, WARNING))
        return
    for block in blocks:
        preview.blocks.append(block)
        preview.issues.extend(block.issues)
        if block.schema is PROJECT_SCHEMA:
            before = len(preview.errors)
            found = parse_projects(block, preview.issues)
            if len(preview.errors) == before:
                # With refused rows left out the sums would differ anyway: say nothing misleading.
                check_totals(block, found, preview.issues)
            _say_if_no_amounts(block, found, preview.issues)
            preview.projects.extend(found)
        else:
            preview.rectifications.extend(parse_rectifications(block, preview.issues))
        block.records = []  # parsed: the raw text is no longer needed (peak memory)


MIN_ROWS_FOR_BLANK_WARNING = 3


def _say_if_no_amounts(block: TableBlock, found: list[ParsedProject], issues) -> None:
    """A table whose investment column was not recognised (投资估算 over 静态投资 | 动态投资),
    or read blank for every row, imports with blank amounts: say so, naming the headers."""
    if not found or any(p.planned_investment_wan is not None for p in found):
        return
    headers = "、".join(h for h in ("".join(t.split()) for t in block.raw_headers) if h)
    if "planned_investment_wan" in block.columns:
        letter, header = block.locate("planned_investment_wan")
        said = any(i.sheet == block.sheet and i.column == letter for i in issues)
        if len(found) < MIN_ROWS_FOR_BLANK_WARNING or said:
            return  # one blank or 待定 row, or amounts already remarked on: nothing to add
        reason = (
            f"“{header}”列每一行都是空的，所有项目的计划投资将为空 "
            "(the investment column is blank in every row)"
        )
        issues.append(
            ImportIssue(block.sheet, block.header_row, letter, header, None, reason, WARNING)
        )
        return
    reason = (
        f"未识别出计划投资列，所有项目的计划投资将为空；找到的表头：{headers} "
        f"(no investment column recognised; headers found: {headers})"
    )
    issues.append(ImportIssue(block.sheet, block.header_row, None, None, None, reason, WARNING))


def require_ok(preview: ImportPreview) -> None:
    if preview.errors:
        raise ImportFailed(preview.issues)
