"""The project fields (附件1 columns): one registry that every layer derives its view of a field from.

Each `Field` says how the value is parsed from text and shown as text (grid, TSV copy/paste,
fill-down, details form), which columns of the `project` table hold it and sort it, its official
header (exports, located import messages, the mapping editor), the header texts an imported table
may use for it, how the grid and the form edit it, and which database constraints guard it.
`ProjectValues` is the typed row of the values stored in the project's own columns; the import,
export and query rows extend it. Adding a field is one `Field` entry, its typed attribute in
`ProjectValues` (checked against the registry when this module loads) and a migration.

Titles are English source text; the UI shows them through `QCoreApplication.translate("Fields",
title)` (catalogue resources/i18n/greenledger_zh_CN.ts). Headless: never import Qt here.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

from models import ConstructionKind, OwnerRole, ProjectStatus
from services.parsing import (
    Period,
    check_length,
    format_money,
    normalize_text,
    parse_money,
    parse_period,
    parse_quantity,
    split_owner_names,
)

# The field vocabularies, for callers above services (views and widgets never import models).
__all__ = ["ConstructionKind", "OwnerRole", "ProjectStatus"]

STATUS_LABELS = {
    ProjectStatus.PLANNED: "未开工",
    ProjectStatus.IN_PROGRESS: "在建",
    ProjectStatus.DONE: "已建成",
    ProjectStatus.SUSPENDED: "暂停",
}
KIND_LABELS = {ConstructionKind.NEW: "新建", ConstructionKind.CONTINUED: "续建"}


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks a title for pyside6-lupdate without importing Qt; the UI translates it."""
    return text


class ColumnKind(enum.StrEnum):
    """How a column is aligned, shown and edited."""

    TEXT = "text"
    SEQUENCE = "sequence"  # a short printed label such as 序号, centred
    MULTILINE = "multiline"  # long text with line breaks (主要建设内容)
    MONEY = "money"  # 万元, Decimal, 2 places, right-aligned
    INTEGER = "integer"  # non-negative whole number, right-aligned
    PERIOD = "period"  # 建设期限 "2022-2024"
    CHOICE = "choice"  # one of `choices` (status)
    OWNERS = "owners"  # "、"-joined organization names, with completion


def _parse_text(value: object) -> str | None:
    text = "" if value is None else str(value).replace("\r\n", "\n").strip()
    return text or None


def _parse_name(value: object) -> str:
    text = _parse_text(value)
    if not text:
        raise ValueError("名称不能为空 (name must not be blank)")
    check_length(text, "name")  # raises when too long
    return text


def _limited_text(field: str) -> Callable[[object], str | None]:
    return lambda value: check_length(_parse_text(value), field)


def _parse_choice(labels: dict, titles: tuple[str, ...]) -> Callable[[object], object]:
    """The Chinese label, the stored value or the English title (what an English grid copies)."""
    by_text = {}
    for (member, label), title in zip(labels.items(), titles, strict=True):
        by_text[label] = member
        by_text[title.lower()] = member
        by_text[member.value] = member
        by_text[member.value.replace("_", " ")] = member
    member_types = tuple({type(m) for m in labels})

    def parse(value: object):
        if isinstance(value, member_types):
            return value
        key = normalize_text(value).lower()
        if key in by_text:
            return by_text[key]
        choices = "、".join(labels.values())
        raise ValueError(
            f"应为 {choices} 之一 (one of {', '.join(m.value for m in labels)}): {value!r}"
        )

    return parse


def _parse_owners(value: object) -> list:
    if isinstance(value, list):
        return value
    return split_owner_names(value)


def _period_text(value: object) -> str:
    return cast(Period, value).label if value else ""


def _parse_period(value: object) -> Period:
    return value if isinstance(value, Period) else parse_period(value)


def _text(value: object) -> str:
    return "" if value is None else str(value)


@dataclass(frozen=True)
class ImportColumn:
    """A column of an imported table that sets a field, or one part of it (启动时间 of 建设期限)."""

    key: str
    header: str  # the official header: exports, located messages, the mapping editor
    synonyms: tuple[str, ...]  # header texts that name the column, best first
    required: bool = False
    money: bool = False  # a 万元 amount: the table's unit applies, merged cells are not copied
    fill_merged: bool = True  # vertically merged cells copy their value to every row they span
    export_width: int = 12  # characters, when a flat export writes this part as its own column


@dataclass(frozen=True)
class Field:
    key: str
    title: str  # English label of the grid column and the form row (translated in the UI)
    parse: Callable[[Any], Any]  # text or a typed value → typed value; ValueError says why
    to_text: Callable[[Any], str]  # typed value → the text `parse` reads back unchanged
    header: str
    synonyms: tuple[str, ...]
    columns: tuple[str, ...] = ()  # project table columns holding the value; () = (key,)
    many: bool = False  # held in a link table (owners); `columns` is its text copy
    kind: ColumnKind = ColumnKind.TEXT
    width: int = 100  # grid pixels (never measured from content)
    export_width: int = 12  # flat export characters
    nullable: bool = True  # False: clearing the cell is refused
    choices: tuple[str, ...] = ()  # stored values of a CHOICE field, in menu order
    choice_titles: tuple[str, ...] = ()  # their English labels (translated in the UI)
    long_text: bool = False  # may hold line breaks: the details form gives it a text box
    required: bool = False  # an imported table must have this column
    money: bool = False
    fill_merged: bool = True
    parts: tuple[ImportColumn, ...] = ()  # more import columns that set this field
    merged: bool = True  # compared when a returned copy is merged (False: part of the match key)
    compared: bool = True  # compared between two editions (False: renumbered, not a change)
    constraints: tuple[str, ...] = ()  # CHECK constraints of the project table guarding it

    @property
    def stored(self) -> tuple[str, ...]:
        return self.columns or (self.key,)

    @property
    def imports(self) -> tuple[ImportColumn, ...]:
        """Every import column that sets the field: its own, then its parts."""
        own = ImportColumn(
            self.key,
            self.header,
            self.synonyms,
            self.required,
            self.money,
            self.fill_merged,
            self.export_width,
        )
        return (own, *self.parts)


def _choice_field(
    key: str, title: str, labels: dict, titles: tuple[str, ...], header: str, synonyms, **kw
) -> Field:
    return Field(
        key,
        title,
        _parse_choice(labels, titles),
        lambda v: labels.get(v, ""),
        header,
        synonyms,
        kind=ColumnKind.CHOICE,
        nullable=False,
        choices=tuple(m.value for m in labels),
        choice_titles=titles,
        **kw,
    )


_REGISTRY = [
    Field(
        "seq_label",
        QT_TRANSLATE_NOOP("Fields", "No."),
        _limited_text("seq_label"),
        _text,
        "序号",
        ("序号", "编号", "序"),
        kind=ColumnKind.SEQUENCE,
        width=48,
        export_width=6,
        compared=False,
    ),
    Field(
        "project_type",
        QT_TRANSLATE_NOOP("Fields", "Project type"),
        _limited_text("project_type"),
        _text,
        "项目类型",
        ("项目类型", "类型", "项目类别", "类别"),
        width=130,
        export_width=18,
    ),
    Field(
        "name",
        QT_TRANSLATE_NOOP("Fields", "Project name"),
        _parse_name,
        _text,
        "工程项目名称",
        ("工程项目名称", "项目名称", "工程名称", "名称", "项目"),
        width=230,
        export_width=24,
        nullable=False,
        required=True,
        merged=False,
        constraints=("name_not_blank",),
    ),
    Field(
        "content",
        QT_TRANSLATE_NOOP("Fields", "Main construction content"),
        _limited_text("content"),
        _text,
        "主要建设内容",
        ("主要建设内容", "建设内容", "建设规模及内容", "建设内容及规模", "主要内容", "建设规模"),
        kind=ColumnKind.MULTILINE,
        long_text=True,
        width=280,
        export_width=40,
        merged=False,
    ),
    Field(
        "quantity",
        QT_TRANSLATE_NOOP("Fields", "Quantity"),
        parse_quantity,
        _text,
        "项目数量",
        ("项目数量", "数量"),
        kind=ColumnKind.INTEGER,
        width=70,
        export_width=8,
        fill_merged=False,
        constraints=("quantity_non_negative",),
    ),
    Field(
        "planned_investment_wan",
        QT_TRANSLATE_NOOP("Fields", "Planned investment (10k yuan)"),
        # A Decimal goes through the text rule too: more than 2 places is refused, not rounded.
        lambda v: parse_money(str(v) if isinstance(v, Decimal) else v),
        lambda v: format_money(cast(Decimal | None, v), blank="/").replace(",", ""),
        "计划投资(万元)",
        ("计划投资", "计划总投资", "年度计划投资", "总投资", "投资额", "投资金额", "投资"),
        kind=ColumnKind.MONEY,
        width=120,
        money=True,
        fill_merged=False,
        constraints=("investment_non_negative",),
    ),
    Field(
        "period",
        QT_TRANSLATE_NOOP("Fields", "Construction period"),
        _parse_period,
        _period_text,
        "建设期限",
        ("建设期限", "建设年限", "实施年限", "实施期限", "起止年限", "建设周期"),
        columns=("start_year", "end_year"),
        kind=ColumnKind.PERIOD,
        export_width=10,
        parts=(
            ImportColumn(
                "start_year",
                "启动时间",
                ("启动时间", "开工时间", "开始时间", "起始时间", "开工年份"),
            ),
            ImportColumn(
                "end_year", "完成时间", ("完成时间", "竣工时间", "结束时间", "完工时间", "完成年份")
            ),
        ),
        constraints=("period_order", "start_year_range", "end_year_range"),
    ),
    Field(
        "owners",
        QT_TRANSLATE_NOOP("Fields", "Responsible units / construction entities"),
        _parse_owners,
        lambda v: "、".join(cast(list[str], v or [])),
        "责任部门/建设主体",
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
        columns=("owners_text",),
        many=True,
        kind=ColumnKind.OWNERS,
        width=240,
        parts=(
            ImportColumn("lead", "牵头单位", ("牵头单位", "牵头部门", "牵头"), export_width=18),
            ImportColumn(
                "cooperating", "配合单位", ("配合单位", "配合部门", "配合"), export_width=30
            ),
        ),
    ),
    _choice_field(
        "status",
        QT_TRANSLATE_NOOP("Fields", "Status"),
        STATUS_LABELS,
        (
            QT_TRANSLATE_NOOP("Fields", "Not started"),
            QT_TRANSLATE_NOOP("Fields", "In progress"),
            QT_TRANSLATE_NOOP("Fields", "Completed"),
            QT_TRANSLATE_NOOP("Fields", "Suspended"),
        ),
        "项目状态",
        ("项目状态", "进展状态", "状态"),
        width=76,
        export_width=8,
    ),
    _choice_field(
        "construction_kind",
        QT_TRANSLATE_NOOP("Fields", "New/continued"),
        KIND_LABELS,
        (QT_TRANSLATE_NOOP("Fields", "New"), QT_TRANSLATE_NOOP("Fields", "Continued")),
        "建设性质",
        ("建设性质", "新建/续建", "新建续建", "性质"),
        width=86,
        export_width=8,
    ),
    Field(
        "remarks",
        QT_TRANSLATE_NOOP("Fields", "Remarks"),
        _limited_text("remarks"),
        _text,
        "备注",
        ("备注",),
        long_text=True,
        width=140,
        export_width=20,
    ),
]

# In the official table's column order, which is also the grid's and the details form's.
FIELDS: dict[str, Field] = {f.key: f for f in _REGISTRY}
GRID_COLUMNS = list(FIELDS)
# Fields stored in exactly one project column of the same name (period and owners are not).
COLUMN_FIELDS = frozenset(k for k, f in FIELDS.items() if f.stored == (k,) and not f.many)
# The project columns behind the fields, in order (owners' text copy included).
STORED_COLUMNS = tuple(c for f in FIELDS.values() for c in f.stored)
# A CHECK constraint's name → the field a refused write is reported on.
CONSTRAINT_FIELDS = {c: f.key for f in FIELDS.values() for c in f.constraints}
# Every import column key → its official header (the field's, or its part's).
IMPORT_HEADERS = {c.key: c.header for f in FIELDS.values() for c in f.imports}


@dataclass(slots=True)
class ProjectValues:
    """A project's values held in its own columns (not the owner links), typed, in field order.

    The import row (importers.projects.ParsedProject), the export row (exports.rows.ExportRow)
    and the query row (services.query.ProjectRow) extend it.
    """

    seq_label: str | None
    project_type: str | None
    name: str
    content: str | None
    quantity: int | None
    planned_investment_wan: Decimal | None
    start_year: int | None
    end_year: int | None
    status: ProjectStatus | None
    construction_kind: ConstructionKind | None
    remarks: str | None


VALUE_COLUMNS = tuple(f.name for f in dataclasses.fields(ProjectValues))
_registered = tuple(c for f in FIELDS.values() if not f.many for c in f.stored)
if _registered != VALUE_COLUMNS:  # a field added to one and not the other
    raise RuntimeError(f"ProjectValues {VALUE_COLUMNS} differ from FIELDS {_registered}")


def field_value(row: ProjectValues, key: str) -> object:
    """A field's typed value from a row (owners: the text copy, for rows without owner links)."""
    if key == "period":
        return Period(row.start_year, row.end_year)
    field = FIELDS[key]
    return getattr(row, field.stored[0])


def field_text(row: ProjectValues, key: str) -> str:
    """A field as the grid and the exporter show it: the text `parse` reads back."""
    if FIELDS[key].many:
        return getattr(row, FIELDS[key].stored[0]) or ""
    return FIELDS[key].to_text(field_value(row, key))
