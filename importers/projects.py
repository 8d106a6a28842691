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
from importers.table import UNIT_SCALES, ColumnSpec, TableBlock, TableSchema
from models import ConstructionKind, OwnerRole, ProjectStatus
from models.base import CENT
from services.fields import FIELDS
from services.parsing import (
    normalize_text,
    parse_money,
    parse_period,
    parse_quantity,
    parse_year,
    split_owner_names,
)

PROJECT_SCHEMA = TableSchema(
    kind="projects",
    columns=(
        ColumnSpec("section", ("分区", "所属分区", "专项行动", "攻坚战")),
        ColumnSpec("seq_label", ("序号", "编号", "序")),
        ColumnSpec("project_type", ("项目类型", "类型", "项目类别", "类别")),
        ColumnSpec("name", ("工程项目名称", "项目名称", "工程名称", "名称", "项目"), required=True),
        ColumnSpec(
            "content",
            (
                "主要建设内容",
                "建设内容",
                "建设规模及内容",
                "建设内容及规模",
                "主要内容",
                "建设规模",
            ),
        ),
        ColumnSpec("quantity", ("项目数量", "数量"), fill_merged=False),
        ColumnSpec(
            "planned_investment_wan",
            ("计划投资", "计划总投资", "年度计划投资", "总投资", "投资额", "投资金额", "投资"),
            money=True,
            fill_merged=False,
        ),
        ColumnSpec(
            "period", ("建设期限", "建设年限", "实施年限", "实施期限", "起止年限", "建设周期")
        ),
        ColumnSpec("start_year", ("启动时间", "开工时间", "开始时间", "起始时间", "开工年份")),
        ColumnSpec("end_year", ("完成时间", "竣工时间", "结束时间", "完工时间", "完成年份")),
        ColumnSpec(
            "owners",
            (
                "责任部门/建设主体",
                # Both roles in one column: the cell says who leads (or the first one does).
                "牵头单位/配合单位",
                "牵头/配合单位",
                "牵头单位、配合单位",
                "牵头单位及配合单位",
                "牵头和配合单位",
                "责任部门",
                "建设主体",
                "责任单位",
                "实施单位",
                "实施主体",
                "责任主体",
                "建设单位",
            ),
        ),
        ColumnSpec("lead", ("牵头单位", "牵头部门", "牵头")),
        ColumnSpec("cooperating", ("配合单位", "配合部门", "配合")),
        ColumnSpec("status", ("项目状态", "进展状态", "状态")),
        ColumnSpec("construction_kind", ("建设性质", "新建/续建", "新建续建", "性质")),
        ColumnSpec("remarks", ("备注",)),
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
    "seq_label": "序号",
    "project_type": "项目类型",
    "name": "工程项目名称",
    "content": "主要建设内容",
    "quantity": "项目数量",
    "planned_investment_wan": "计划投资(万元)",
    "period": "建设期限",
    "start_year": "启动时间",
    "end_year": "完成时间",
    "owners": "责任部门/建设主体",
    "lead": "牵头单位",
    "cooperating": "配合单位",
    "status": "项目状态",
    "construction_kind": "建设性质",
    "remarks": "备注",
    "category": "问题类别",
    "description": "内容描述",
    "towns": "所属镇(街道)",
}


@dataclass(slots=True)
class ParsedProject:
    sheet: str
    row: int
    section: str
    seq_label: str | None
    project_type: str | None
    name: str
    content: str | None
    quantity: int | None
    planned_investment_wan: Decimal | None
    start_year: int | None
    end_year: int | None
    owners: list[tuple[str, OwnerRole]] = field(default_factory=list)
    status: ProjectStatus | None = None
    construction_kind: ConstructionKind | None = None
    remarks: str | None = None


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


@functools.lru_cache(maxsize=16384)
def _owners(text: str) -> tuple[str, ...]:
    names = split_owner_names(text)
    if " " in text or "\u3000" in text:  # "区住建局 区发改局": spaces separate units too
        names = _split_spaced(names)
    return tuple(names)


_SPACE_IN_BRACKET = re.compile(r"\s*(\()\s*|\s*(\))")  # spaces before "(" and inside "( … )"


def _kept_bracket(match: re.Match) -> str:
    return match.group(1) or match.group(2)


def _split_spaced(names: list[str]) -> list[str]:
    """Split names at inner spaces, but keep "高新园 (邹区镇)" one unit (no space before "(")."""
    result: list[str] = []
    for name in names:
        for part in _SPACE_IN_BRACKET.sub(_kept_bracket, name).split():
            if part not in result:
                result.append(part)
    return result


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


# "500万元", "3亿元", "500元": a cell that states its own unit is read in that unit.
_OWN_UNIT = re.compile(r"^(.*?)\s*(万元|亿元|千元|元|万|亿)$")
_OWN_SCALES = UNIT_SCALES | {"万": UNIT_SCALES["万元"], "亿": UNIT_SCALES["亿元"]}


def _own_unit(
    value: str, match: re.Match, scale: Decimal, row: int, errors: _RowErrors
) -> Decimal | None:
    """The amount of a cell with its own unit, with a warning when that unit is not the table's."""
    unit = match.group(2)
    amount = _scaled_money(match.group(1), _OWN_SCALES[unit], row, errors)
    if _OWN_SCALES[unit] != scale and amount is not None:
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
    if value and value[-1] in "元万亿" and (own := _OWN_UNIT.match(normalize_text(value))):
        return _own_unit(value, own, scale, row, errors)
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


# ---------------------------------------------------------------- values as people write them
# parse_period / parse_year / parse_money hold the strict rule shared with the grid and paste.
# What they refuse comes here (rare: never on the hot path) and is read the way the office
# writes it, or refused with a located error.

_UNDETERMINED = re.compile(r"^(?:待定|待确定|待核定|待明确|未定|另定|暂定|暂未确定)$")
# 长期 / 持续推进 / 常态化 / 2023年起: work with no end year.
_OPEN_ENDED = re.compile(
    r"长期|持续|常态|长效|滚动|逐年|每年|至今|今后|\d{4}年?(?:\d{1,2}月)?(?:起|开始)"
)
_FOUR_DIGITS = re.compile(r"(?<!\d)\d{4}(?!\d)")
_RANGE_SEP = re.compile(r"(?:-|—|–|~|〜|至|到|―)+")
# "2023年3月", "2023.03", "2023/3", "2023年底", "2023年6月底前", "2023年度", "2023年12月31日"
_WHEN = r"(?:年?(?:底|末|初|中|前|内|度|上半年|下半年))*"
_YEAR_AND_MONTH = re.compile(
    rf"(\d{{4}})年?(?:[./](\d{{1,2}})|(\d{{1,2}})月份?(?:\d{{1,2}}[日号])?)?{_WHEN}"
)
_MONTH_ONLY = re.compile(rf"(\d{{1,2}})月份?(?:\d{{1,2}}[日号])?{_WHEN}")  # "2023年3-12月"


def _folded(value: str) -> str:
    return "".join(normalize_text(value).split())


def _year_of(part: str, start: int | None = None) -> int | None:
    """The year of one side of a period; a bare month ("12月") after a start year is that year."""
    match = _YEAR_AND_MONTH.fullmatch(part)
    if match:
        month, year = match.group(2) or match.group(3), int(match.group(1))
    else:
        match = _MONTH_ONLY.fullmatch(part) if start is not None else None
        if match is None:
            return None
        month, year = match.group(1), start
    return year if month is None or 1 <= int(month) <= 12 else None


def _written_period(
    value: str, refused: ValueError, row: int, errors: _RowErrors
) -> tuple[int | None, int | None]:
    """(start, end) of a period parse_period refused: months dropped ("2023年3月-2024年12月",
    "2023.3-2024.12"); open-ended work (长期, 2023年起) without an end year, with a warning;
    anything else an error."""
    text = _folded(value)
    parts = _RANGE_SEP.split(text)
    start = _year_of(parts[0]) if len(parts) <= 2 else None
    end = start if len(parts) == 1 else _year_of(parts[-1], start)
    if (start is None or end is None) and not _is_open_ended(text):
        errors.add(row, "period", value, str(refused))
        return None, None
    try:
        if start is not None and end is not None:
            period = parse_period(f"{start}-{end}")  # the shared range and order checks
            return period.start_year, period.end_year
        start = _open_start(text)
    except ValueError as exc:
        errors.add(row, "period", value, str(exc))
        return None, None
    if start is None:
        reason = "未填年份，建设期限留空 (no year: period left blank)"
    else:
        reason = f"只导入开始年份 {start}，结束年份留空 (open-ended: start year only)"
    errors.add(row, "period", value, reason, WARNING)
    return start, None


def _is_open_ended(text: str) -> bool:
    """长期 / 持续推进 / 待定 / "2023年起持续推进": no end year (and at most one year written)."""
    if not (_UNDETERMINED.match(text) or _OPEN_ENDED.search(text)):
        return False
    return len(_FOUR_DIGITS.findall(text)) <= 1


def _open_start(text: str) -> int | None:
    years = _FOUR_DIGITS.findall(text)
    return parse_year(years[0]) if years else None


def _written_year(
    value: str, key: str, refused: ValueError, row: int, errors: _RowErrors
) -> int | None:
    """A 启动/完成时间 cell parse_year refused: "2023.3", "2024年底" → the year; 长期 / 待定 →
    blank with a warning; anything else an error."""
    text = _folded(value)
    year = _year_of(text)
    if year is None and not _is_open_ended(text):
        errors.add(row, key, value, str(refused))
        return None
    try:
        if year is not None:
            return parse_year(str(year))
        year = _open_start(text)
    except ValueError as exc:
        errors.add(row, key, value, str(exc))
        return None
    if year is None:
        reason = "未填年份，留空 (no year: left blank)"
    else:
        reason = f"按 {year} 年导入 (read as {year})"
    errors.add(row, key, value, reason, WARNING)
    return year


_HAS_NUMBER = re.compile(r"\d")
_NOT_NUMERIC = re.compile(r"[^\d.,+\-]")


def _refused_money(value: str, refused: ValueError, row: int, errors: _RowErrors) -> None:
    """待定 is a blank amount (warning); "约500", "500（其中中央资金200）" say what to fix."""
    key = "planned_investment_wan"
    text = _folded(value)
    if _UNDETERMINED.match(text):
        errors.add(row, key, value, "金额待定，留空 (to be determined: left blank)", WARNING)
    elif _HAS_NUMBER.search(text) and _NOT_NUMERIC.search(text):
        errors.add(
            row,
            key,
            value,
            "金额栏只能填一个数，说明文字请写入备注 (one number only; notes go to 备注)",
        )
    else:
        errors.add(row, key, value, str(refused))


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
                _refused_money(values["planned_investment_wan"], exc, row, errors)
        if values.get("period"):
            try:
                period = _period(values["period"])
                start, end = period.start_year, period.end_year
            except ValueError as exc:
                start, end = _written_period(values["period"], exc, row, errors)
        for key in ("start_year", "end_year"):
            if values.get(key):
                try:
                    year = _year(values[key])
                except ValueError as exc:
                    year = _written_year(values[key], key, exc, row, errors)
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


_LEAD, _COOPERATING, _CONSTRUCTING = OwnerRole.LEAD, OwnerRole.COOPERATING, OwnerRole.CONSTRUCTING


@functools.lru_cache(maxsize=16384)
def _lead_first(text: str) -> tuple[tuple[str, OwnerRole], ...]:
    """Roles the cell states ("区住建局（牵头）", "牵头：…；配合：…"); otherwise the office's
    rule: the first unit leads, the rest cooperate."""
    if not _ROLE_HINT.search(text):  # the common cell: no role written in it
        return tuple((n, _LEAD if i == 0 else _COOPERATING) for i, n in enumerate(_owners(text)))
    pairs = _role_pairs(text)
    has_lead = any(role is _LEAD for _, role in pairs)
    return tuple(
        (name, role or (_LEAD if i == 0 and not has_lead else _COOPERATING))
        for i, (name, role) in enumerate(pairs)
    )


def _parse_owner_columns(values: dict[str, str], split_roles: bool) -> list[tuple[str, OwnerRole]]:
    if not split_roles:
        return list(_lead_first(values.get("owners", "")))
    specs: list[tuple[str, OwnerRole]] = []
    seen: set[str] = set()
    for key, role in (("lead", _LEAD), ("cooperating", _COOPERATING), ("owners", _CONSTRUCTING)):
        for name, stated in _role_pairs(values.get(key, "")):
            if name not in seen:
                seen.add(name)
                specs.append((name, stated or role))
    return specs


# Role words people write into an owner cell, and what they mean.
_ROLE_WORDS = {
    "牵头": _LEAD,
    "主办": _LEAD,
    "主责": _LEAD,
    "配合": _COOPERATING,
    "协办": _COOPERATING,
    "协助": _COOPERATING,
    "参与": _COOPERATING,
}
_ROLE = "|".join(_ROLE_WORDS)
_ROLE_HINT = re.compile(rf"{_ROLE}|[:：]")  # the rare cell that needs the slow reading below
_ROLE_LABEL = re.compile(rf"^(?:({_ROLE})|责任|实施|建设)?(?:单位|部门|主体)?:")  # "牵头：…"
_ROLE_BRACKET = re.compile(rf"\(({_ROLE})(?:单位|部门)?\)$")  # "区住建局(牵头)": this unit
_ROLE_SUFFIX = re.compile(rf"({_ROLE})(?:单位|部门)?$")  # "区发改局、住建局配合": the group
_ROLE_SEGMENTS = re.compile(r"[;,\n\r]+")
_ROLE_NAMES = re.compile(r"[、/\s]+")
_SPACE_AT_ROLE = re.compile(r"\s*([(:])\s*|\s*(\))")  # "区住建局 （牵头）", "牵头： 区发改局"


@functools.lru_cache(maxsize=16384)
def _role_pairs(text: str) -> tuple[tuple[str, OwnerRole | None], ...]:
    """(unit, role the cell states or None) for each unit of an owner cell, annotations removed."""
    if not text or not _ROLE_HINT.search(text):
        return tuple((name, None) for name in _owners(text))
    found: dict[str, OwnerRole | None] = {}
    labelled = None  # "牵头：" / "配合：" holds until the next label
    for segment in _ROLE_SEGMENTS.split(_SPACE_AT_ROLE.sub(_kept_bracket, normalize_text(text))):
        label = _ROLE_LABEL.match(segment)
        if label:
            labelled = _ROLE_WORDS.get(label.group(1) or "")
            segment = segment[label.end() :]
        bare: list[str] = []  # names without a role since the last annotated one
        for part in _ROLE_NAMES.split(segment):
            name, role, whole_group = _strip_role(part)
            if whole_group:
                for other in bare:
                    found[other] = role
            if name and name not in found:
                found[name] = role or labelled
                if found[name] is None:
                    bare.append(name)
            if role is not None:
                bare = []
    return tuple(found.items())


def _strip_role(part: str) -> tuple[str, OwnerRole | None, bool]:
    """ "区住建局(牵头)" → (区住建局, lead, False); "住建局配合" → (住建局, cooperating, True):
    a bare suffix also covers the names listed before it ("区发改局、住建局配合")."""
    bracket = _ROLE_BRACKET.search(part)
    if bracket:
        return part[: bracket.start()], _ROLE_WORDS[bracket.group(1)], False
    suffix = _ROLE_SUFFIX.search(part)
    if suffix:
        return part[: suffix.start()], _ROLE_WORDS[suffix.group(1)], True
    return part, None, False


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
                towns=list(_owners(record.values.get("towns", ""))),
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
