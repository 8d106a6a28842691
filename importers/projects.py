"""Project tables (附件1 工程项目表, 重点项目表) and rectification lists (附件2) → typed rows.

Schemas here feed importers.table; `parse_projects(block)` and `parse_rectifications(block)`
turn its raw records into `ParsedProject` / `ParsedRectification` values with every refused
value reported as a located `ImportIssue`. Values go through services.parsing (one rule for the
grid, paste and import). Owners: where the table has separate 牵头单位/配合单位 columns those set
the roles (units only in 责任单位 become 建设主体); roles written in a cell ("区住建局（牵头）",
"牵头：…；配合：…") come next; otherwise the first unit listed leads and the rest cooperate — the
office's convention. Never touch the database here.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from decimal import Decimal

from importers.issues import WARNING, ImportIssue
from importers.owner_cells import lead_first, owner_names, role_pairs
from importers.table import ColumnSpec, TableBlock, TableSchema
from importers.written_values import refused_money, written_period, written_year
from models import OwnerRole
from models.base import CENT
from services.fields import FIELDS, IMPORT_HEADERS, ProjectValues
from services.parsing import (
    TEXT_LIMITS,
    UNIT_SCALES,
    check_length,
    normalize_text,
    parse_money,
    parse_period,
    parse_quantity,
    parse_year,
    split_money_unit,
)

PROJECT_SCHEMA = TableSchema(
    kind="projects",
    columns=(
        ColumnSpec("section", ("分区", "所属分区", "专项行动", "攻坚战")),
        *(
            ColumnSpec(c.key, c.synonyms, c.required, c.money, c.fill_merged)
            for f in FIELDS.values()
            for c in f.imports
        ),
    ),
    record_key="name",
    group_key="name",
    group_carry=("seq_label", "project_type"),
)

RECTIFICATION_SCHEMA = TableSchema(
    kind="rectifications",
    columns=(
        ColumnSpec("seq_label", ("序号", "编号")),
        ColumnSpec("category", ("问题类别", "问题类型", "类别")),
        ColumnSpec(
            "description",
            ("内容描述", "问题描述", "具体问题", "问题内容", "存在问题"),
            required=True,
        ),
        ColumnSpec(
            "towns",
            ("所属镇(街道)", "所属镇（街道）", "所属镇街", "所属板块", "镇(街道)", "所属街道"),
        ),
    ),
    record_key="description",
    group_key="category",
    group_carry=("seq_label",),
)

FIELD_LABELS = {  # the official header of each key, for messages and the mapping editor
    "section": "分区",
    **IMPORT_HEADERS,
    "category": "问题类别",
    "description": "内容描述",
    "towns": "所属镇(街道)",
}


@dataclass(slots=True)
class ParsedProject(ProjectValues):
    """One project row of an imported table, typed (status and kind None = not in the file)."""

    sheet: str
    row: int
    section: str
    owners: list[tuple[str, OwnerRole]] = field(default_factory=list)


@dataclass(slots=True)
class ParsedRectification:
    sheet: str
    row: int
    seq_label: str | None
    category: str | None
    description: str
    towns: list[str]


# Real tables repeat the same owner lists, periods and amounts thousands of times.
_plain_money = functools.lru_cache(maxsize=65536)(parse_money)
_PLAIN_AMOUNT = re.compile(r"\d{1,12}(?:\.\d{1,2})?")


def _money(value: str, scale: Decimal = Decimal(1)) -> Decimal | None:
    """parse_money, with a fast path for the common plain amount ("5698.85") in 万元."""
    if scale == 1 and _PLAIN_AMOUNT.fullmatch(value):
        return Decimal(value).quantize(CENT)
    return _plain_money(value, scale=scale)


_period = functools.lru_cache(maxsize=4096)(parse_period)
_year = functools.lru_cache(maxsize=4096)(parse_year)
_quantity = functools.lru_cache(maxsize=16384)(parse_quantity)


def _text(value: str) -> str | None:
    text = value.replace("\r\n", "\n").strip() if value else ""
    return text or None


class _RowErrors:
    """Collects located issues for one block."""

    def __init__(self, block: TableBlock, issues: list[ImportIssue]) -> None:
        self.block, self.issues = block, issues

    def add(self, row: int, key: str, value: str, reason: str, severity: str = "error") -> None:
        letter, header = self.block.locate(key)
        self.issues.append(
            ImportIssue(
                self.block.sheet,
                row,
                letter,
                header or FIELD_LABELS.get(key),
                value,
                reason,
                severity,
            )
        )


def _own_unit(
    value: str, number: str, unit: str, scale: Decimal, row: int, errors: _RowErrors
) -> Decimal | None:
    """ "500万元", "3亿元", "500元": a cell that states its own unit is read in that unit, with a
    warning when it is not the table's."""
    amount = _scaled_money(number, UNIT_SCALES[unit], row, errors)
    if UNIT_SCALES[unit] != scale and amount is not None:
        errors.add(
            row,
            "planned_investment_wan",
            value,
            f"按单元格所写单位“{unit}”换算为 {amount} 万元 (the cell's own unit)",
            WARNING,
        )
    return amount


def _scaled_money(value: str, scale: Decimal, row: int, errors: _RowErrors) -> Decimal | None:
    """万元 from a cell in the table's unit (元/千元/亿元 converted), warning when rounding."""
    if scale == 1 and _PLAIN_AMOUNT.fullmatch(value):
        return Decimal(value).quantize(CENT)  # the common cell, first
    if value and value[-1] in "元万亿":
        number, unit = split_money_unit(normalize_text(value))
        if unit:
            return _own_unit(value, number, unit, scale, row, errors)
    if scale == 1:
        return _money(value)
    amount = _money(value, scale=scale)
    if amount is None:
        return None
    try:
        # Two more places: if they are not zero, the conversion rounded the user's value.
        finer = _money(value, scale=scale * 100)
    except ValueError:
        finer = None
    if finer is not None and finer != amount * 100:
        errors.add(
            row,
            "planned_investment_wan",
            value,
            f"换算为万元后四舍五入为 {amount} (rounded to 0.01 万元)",
            WARNING,
        )
    return amount


def parse_projects(block: TableBlock, issues: list[ImportIssue]) -> list[ParsedProject]:
    """Typed projects of a block; refused values are appended to `issues` (row kept out)."""
    errors = _RowErrors(block, issues)
    cols = block.columns
    has_split_roles = "lead" in cols or "cooperating" in cols
    default_section = block.title or block.sheet
    projects = []
    scale = block.unit_scale
    for record in block.records:
        values = record.values
        row = record.row
        before = len(issues)
        name = _text(values.get("name", ""))
        if not name:
            errors.add(row, "name", "", "项目名称不能为空 (project name is blank)")
        quantity = amount = None
        start = end = None
        if "quantity" in values:
            try:
                quantity = _quantity(values["quantity"])
            except ValueError as exc:
                errors.add(row, "quantity", values["quantity"], str(exc))
        if "planned_investment_wan" in values:
            try:
                amount = _scaled_money(values["planned_investment_wan"], scale, row, errors)
            except ValueError as exc:
                refused_money(values["planned_investment_wan"], exc, row, errors)
        if values.get("period"):
            try:
                period = _period(values["period"])
                start, end = period.start_year, period.end_year
            except ValueError as exc:
                start, end = written_period(values["period"], exc, row, errors)
        for key in ("start_year", "end_year"):
            if values.get(key):
                try:
                    year = _year(values[key])
                except ValueError as exc:
                    year = written_year(values[key], key, exc, row, errors)
                if key == "start_year":
                    start = year
                else:
                    end = year
        if start is not None and end is not None and end < start:
            key = "end_year" if "end_year" in values else "period"
            errors.add(
                row, key, values.get(key, ""), "结束年份早于开始年份 (end year before start)"
            )
        owners = _parse_owner_columns(values, has_split_roles)
        status = kind = None
        if values.get("status"):
            try:
                status = FIELDS["status"].parse(values["status"])
            except ValueError as exc:
                errors.add(row, "status", values["status"], str(exc))
        if values.get("construction_kind"):
            try:
                kind = FIELDS["construction_kind"].parse(values["construction_kind"])
            except ValueError as exc:
                errors.add(row, "construction_kind", values["construction_kind"], str(exc))
        _check_lengths(values, record.section, owners, row, errors)
        if len(issues) > before and any(i.is_error for i in issues[before:]):
            continue
        projects.append(
            ParsedProject(
                sheet=block.sheet,
                row=row,
                section=_text(values.get("section", "")) or record.section or default_section,
                seq_label=_text(values.get("seq_label", "")),
                project_type=_text(values.get("project_type", "")),
                name=name or "",
                content=_text(values.get("content", "")),
                quantity=quantity,
                planned_investment_wan=amount,
                start_year=start,
                end_year=end,
                owners=owners,
                status=status,
                construction_kind=kind,
                remarks=_text(values.get("remarks", "")),
            )
        )
    return projects


_LENGTH_CHECKED = ("seq_label", "project_type", "name", "content", "remarks", "section")


def _check_lengths(values: dict[str, str], section, owners, row: int, errors: _RowErrors) -> None:
    """Over-long text is refused while the file is checked (never at insert)."""
    for key in _LENGTH_CHECKED:
        text = values.get(key) or (section if key == "section" else None)
        if text and len(text) > TEXT_LIMITS[key]:
            try:
                check_length(text.strip(), key)
            except ValueError as exc:
                errors.add(row, key, text[:50] + "…", str(exc))
    for name, _role in owners:
        if len(name) > TEXT_LIMITS["owner"]:
            errors.add(
                row,
                "owners",
                name[:50] + "…",
                f"单位名称过长 (unit name over {TEXT_LIMITS['owner']})",
            )


_LEAD, _COOPERATING, _CONSTRUCTING = OwnerRole.LEAD, OwnerRole.COOPERATING, OwnerRole.CONSTRUCTING


def _parse_owner_columns(values: dict[str, str], split_roles: bool) -> list[tuple[str, OwnerRole]]:
    if not split_roles:
        return list(lead_first(values.get("owners", "")))
    specs: list[tuple[str, OwnerRole]] = []
    seen: set[str] = set()
    for key, role in (("lead", _LEAD), ("cooperating", _COOPERATING), ("owners", _CONSTRUCTING)):
        for name, stated in role_pairs(values.get(key, "")):
            if name not in seen:
                seen.add(name)
                specs.append((name, stated or role))
    return specs


def parse_rectifications(block: TableBlock, issues: list[ImportIssue]) -> list[ParsedRectification]:
    errors = _RowErrors(block, issues)
    items = []
    for record in block.records:
        description = _text(record.values.get("description", ""))
        if not description:
            errors.add(record.row, "description", "", "内容描述不能为空 (description is blank)")
            continue
        items.append(
            ParsedRectification(
                sheet=block.sheet,
                row=record.row,
                seq_label=_text(record.values.get("seq_label", "")),
                category=_text(record.values.get("category", "")),
                description=description,
                towns=list(owner_names(record.values.get("towns", ""))),
            )
        )
    return items


def check_totals(
    block: TableBlock, projects: list[ParsedProject], issues: list[ImportIssue]
) -> None:
    """小计/合计/总计 rows against the imported sums: a mismatch is a warning, not an error."""
    if "planned_investment_wan" not in block.columns:
        return
    errors = _RowErrors(block, issues)
    by_section: dict[str, Decimal] = {}
    for project in projects:
        if project.sheet == block.sheet and project.planned_investment_wan is not None:
            by_section[project.section] = (
                by_section.get(project.section, Decimal("0.00")) + project.planned_investment_wan
            )
    grand = sum(by_section.values(), Decimal("0.00"))
    for line in block.totals:
        text = line.values.get("planned_investment_wan", "")
        try:
            stated = _scaled_money(text, block.unit_scale, line.row, errors) if text else None
        except ValueError:
            stated = None
        if stated is None:
            continue
        if line.kind == "小计" and line.section is not None:
            actual = by_section.get(line.section, Decimal("0.00"))
        else:
            actual = grand
        if stated != actual:
            errors.add(
                line.row,
                "planned_investment_wan",
                text,
                f"{line.kind}为 {stated}，但导入项目合计 {actual} 万元 (stated total differs)",
                WARNING,
            )


def normalized_key(*parts: str | None) -> tuple[str, ...]:
    """The match key of a project: NFKC, no spaces, so a retyped bracket still matches."""
    return tuple("".join(normalize_text(p).split()) for p in parts)
