"""Reading the ledger for the grid: ordered id lists and windows of rows, all in SQL.

The grid holds only `project_ids(...)` (an `array('q')`: 8 bytes a row, 8 MB for 1,000,000)
and asks `rows_for_ids` for the rows it is about to paint. Sorting and filtering never happen
in Python. Headless: never import Qt here.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from itertools import chain
from typing import Any, cast

from sqlalchemy import Boolean, Select, and_, bindparam, func, or_, select
from sqlalchemy import column as sql_column
from sqlalchemy import table as sql_table
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import ColumnElement
from sqlalchemy.sql.functions import FunctionElement

from db import text_index
from db.raw import driver_cursor, driver_statement
from models import Organization, OwnerRole, Plan, Project, ProjectOwner, ProjectStatus, Section
from models.base import to_money
from services.fields import FIELDS, ProjectValues
from services.organizations import normalize_name

ZERO = to_money(0)

# The columns a grid sort orders by: each field's stored columns (period: start, then end).
SORT_COLUMNS = {
    key: tuple(getattr(Project, column) for column in field.stored) for key, field in FIELDS.items()
}


@dataclass(frozen=True)
class ProjectFilter:
    """What the grid shows. Empty fields do not filter."""

    plan_id: int | None = None
    section_ids: tuple[int, ...] = ()
    text: str = ""  # quick filter: name, content, type or owners
    project_type: str | None = None
    owner_id: int | None = None
    owner_role: OwnerRole | None = None
    year: int | None = None  # projects whose period covers this year
    status: ProjectStatus | None = None
    ids: tuple[int, ...] | None = None  # an explicit selection (PDF of a selection)
    # Internal: the ids of a costly filter, materialized once in this TEMP table by a service
    # that runs many passes over it (services.aggregates.dashboard). Never user input.
    scope: str | None = None

    def describe(self) -> dict[str, object]:
        return {k: v for k, v in self.__dict__.items() if v not in (None, "", ())}


@dataclass(frozen=True)
class Sort:
    column: str | None = None  # None = table order (section, position)
    descending: bool = False


@dataclass
class ProjectRow(ProjectValues):
    """One grid row, display-ready but still typed."""

    id: int
    plan_id: int
    section_id: int
    position: int
    owners_text: str
    owners: list[tuple[str, OwnerRole]] = field(default_factory=list)
    row_version: int = 0  # what an edit based on this row expects (services.writer)


_ROW_COLUMNS = [c for c in Project.__table__.columns if c.name in ProjectRow.__dataclass_fields__]


TEXT_COLUMNS = (Project.name, Project.content, Project.project_type, Project.owners_text)


class contains_word(FunctionElement):
    """`column` contains `word` as typed."""

    type = Boolean()
    name = "contains_word"
    inherit_cache = True


class contains_word_any_case(contains_word):
    """`column` contains `word`, Latin letters in any case ("vocs" finds "VOCs")."""

    name = "contains_word_any_case"
    inherit_cache = True


@compiles(contains_word)
def _contains_sqlite(element, compiler, **kw):
    # instr() is a plain substring test, a third faster than LIKE over a million rows.
    column, word, _pattern = element.clauses
    return f"instr({compiler.process(column, **kw)}, {compiler.process(word, **kw)}) > 0"


@compiles(contains_word_any_case)
def _contains_any_case_sqlite(element, compiler, **kw):
    column, _word, pattern = element.clauses
    # SQLite's LIKE ignores ASCII case
    return f"{compiler.process(column, **kw)} LIKE {compiler.process(pattern, **kw)} ESCAPE '\\'"


def _like_pattern(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


@compiles(contains_word, "postgresql")
@compiles(contains_word_any_case, "postgresql")
def _contains_postgresql(element, compiler, **kw):
    # LIKE / ILIKE on the escaped pattern: pg_trgm's GIN indexes (0008_postgresql) answer both.
    column, _word, pattern = element.clauses
    operator = "ILIKE" if isinstance(element, contains_word_any_case) else "LIKE"
    return f"{compiler.process(column, **kw)} {operator} {compiler.process(pattern, **kw)}"


def _contains(column, word: str):
    kind = contains_word_any_case if re.search(r"[A-Za-z]", word) else contains_word
    return kind(column, word, _like_pattern(word))


class _TextContains(ColumnElement):
    """A quick-filter word: some text column contains it.

    Where the database has the trigram index (SQLite, migration 0005) a word of three or more
    characters is looked up there first and the exact test only runs on the rows it returns
    (a million-row scan becomes an index probe); elsewhere, and for shorter words, the exact
    test scans. The answer is the same either way: the exact test also decides for words with
    letters (the index folds case beyond ASCII, LIKE does not).
    """

    inherit_cache = False  # the choice is made per dialect at compile time

    def __init__(self, word: str):
        self.word = word
        self.exact = or_(*(_contains(column, word) for column in TEXT_COLUMNS))


@compiles(_TextContains)
def _compile_text_contains(element: _TextContains, compiler, **kw) -> str:
    exact = compiler.process(element.exact, **kw)
    if len(element.word) < text_index.MIN_CHARS or not text_index.available(compiler.dialect):
        return f"({exact})"
    found: Select[Any] = (
        select(sql_column("rowid"))
        .select_from(sql_table(text_index.TABLE))
        .where(
            sql_column(text_index.TABLE).op("MATCH")(
                bindparam(None, text_index.match_query(element.word), unique=True)
            )
        )
    )
    candidates = compiler.process(Project.id.in_(found), **kw)
    if element.word.lower() == element.word.upper():
        # Nothing to fold (Chinese, digits): a trigram phrase matches exactly the substrings.
        return f"({candidates})"
    return f"({candidates} AND ({exact}))"


def filter_clauses(flt: ProjectFilter) -> list:
    clauses = []
    if flt.plan_id is not None:
        clauses.append(Project.plan_id == flt.plan_id)
    if flt.section_ids:
        clauses.append(Project.section_id.in_(flt.section_ids))
    for word in flt.text.split():
        clauses.append(_TextContains(word))
    if flt.project_type is not None:
        clauses.append(Project.project_type == flt.project_type)
    if flt.owner_id is not None:
        # IN (subquery) lets SQLite walk the (organization, project) index once; a correlated
        # EXISTS probes it per project (2 s instead of 0.4 s at 1M rows).
        owned = select(ProjectOwner.project_id).where(ProjectOwner.organization_id == flt.owner_id)
        if flt.owner_role is not None:
            owned = owned.where(ProjectOwner.role == flt.owner_role)
        clauses.append(Project.id.in_(owned))
    if flt.year is not None:
        clauses.append(
            and_(
                Project.start_year <= flt.year,
                func.coalesce(Project.end_year, Project.start_year) >= flt.year,
            )
        )
    if flt.status is not None:
        clauses.append(Project.status == flt.status)
    if flt.ids is not None:
        clauses.append(Project.id.in_(flt.ids))
    if flt.scope is not None:
        clauses.append(Project.id.in_(select(scope_ids(flt.scope))))
    return clauses


_SCOPE_COLUMNS = ("id", "section_id", "status", "start_year", "end_year", "cents")


def scope_ids(name: str):
    """The id column of a TEMP table of project ids (see ProjectFilter.scope); its table also
    names the cube columns services.aggregates keeps there."""
    # Unqualified: SQLite and PostgreSQL both look in the connection's temporary schema first.
    return sql_table(name, *map(sql_column, _SCOPE_COLUMNS)).c.id


def _fetch_ids(session: Session, statement) -> array:
    """Run an id query on the bare DB-API cursor: 1M ids in ~0.1 s instead of ~1 s of Row objects."""
    sql, params = driver_statement(session, statement)
    cursor = driver_cursor(session)
    try:
        cursor.execute(sql, params)
        ids = array("q")
        while chunk := cursor.fetchmany(262144):
            ids.extend(chain.from_iterable(chunk))
    finally:
        cursor.close()
    return ids


def _table_order_ids(
    session: Session, flt: ProjectFilter, clauses: list, limit: int | None = None
) -> array:
    """Ids in printed order: by section position, then project position."""
    narrowing = filter_clauses(
        ProjectFilter(**{**flt.__dict__, "plan_id": None, "section_ids": ()})
    )
    if narrowing:
        # A real filter leaves few rows: one join sorted in SQL beats a loop of section scans
        # that would re-run the filter's subqueries once per section.
        statement = (
            select(Project.id)
            .join(Section, Section.id == Project.section_id)
            .where(*clauses)
            .order_by(Section.plan_id, Section.position, Project.position, Project.id)
            .limit(limit)
        )
        return _fetch_ids(session, statement)
    # Unfiltered: walk each section along its covering (section_id, position) index, no sort.
    ids = array("q")
    sections = select(Section.id).order_by(Section.plan_id, Section.position)
    if flt.plan_id is not None:
        sections = sections.where(Section.plan_id == flt.plan_id)
    if flt.section_ids:
        sections = sections.where(Section.id.in_(flt.section_ids))
    for section_id in session.scalars(sections).all():
        if limit is not None and len(ids) >= limit:
            break
        statement = (
            select(Project.id)
            .where(Project.section_id == section_id)
            .order_by(Project.position, Project.id)
            .limit(None if limit is None else limit - len(ids))
        )
        ids.extend(_fetch_ids(session, statement))
    return ids


def project_ids(
    session: Session, flt: ProjectFilter, sort: Sort | None = None, *, limit: int | None = None
) -> array:
    """The ordered ids of the projects the filter admits (the first `limit` of them if given).

    A limited call is the grid's first paint: it answers in milliseconds at any table size.
    """
    sort = sort or Sort()
    clauses = filter_clauses(flt)
    if sort.column is None:
        if sort.descending and limit is not None:
            # Reversed table order has no index walk from the end; read all, then cut.
            return _table_order_ids(session, flt, clauses)[::-1][:limit]
        ids = _table_order_ids(session, flt, clauses, limit)
        if sort.descending:
            ids.reverse()
        return ids
    # Blanks ("/" not set) sort last either way, as in spreadsheets. Two index walks (values,
    # then blanks) instead of an "IS NULL" sort key, which would defeat the (plan, column) index.
    columns = SORT_COLUMNS[sort.column]
    direction = (lambda c: c.desc()) if sort.descending else (lambda c: c.asc())
    order = [direction(c) for c in columns] + [direction(Project.id)]
    present = select(Project.id).where(*clauses, columns[0].is_not(None)).order_by(*order)
    ids = _fetch_ids(session, present.limit(limit))
    if limit is None or len(ids) < limit:
        blanks = (
            select(Project.id)
            .where(*clauses, columns[0].is_(None))
            .order_by(direction(Project.id))
            .limit(None if limit is None else limit - len(ids))
        )
        ids.extend(_fetch_ids(session, blanks))
    return ids


def rows_for_ids(session: Session, ids: Sequence[int]) -> list[ProjectRow]:
    """The rows for a window of ids, in the order given (missing ids are skipped)."""
    ids = list(ids)
    by_id: dict[int, ProjectRow] = {}
    columns = _ROW_COLUMNS
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for row in session.execute(select(*columns).where(Project.id.in_(chunk))):
            by_id[row.id] = ProjectRow(**row._mapping)
        owners = session.execute(
            select(ProjectOwner.project_id, Organization.name, ProjectOwner.role)
            .join(Organization, Organization.id == ProjectOwner.organization_id)
            .where(ProjectOwner.project_id.in_(chunk))
            .order_by(ProjectOwner.project_id, ProjectOwner.position)
        )
        for project_id, name, role in owners:
            if project_id in by_id:
                by_id[project_id].owners.append((name, role))
    return [by_id[i] for i in ids if i in by_id]


def plan_rows(session: Session, plan_id: int) -> list[ProjectRow]:
    """Every row of a plan in table order, owners included: two queries for the whole plan
    (importers.plan_import compares a returned copy with it)."""
    columns = _ROW_COLUMNS
    query = (
        select(*columns)
        .join(Section, Section.id == Project.section_id)
        .where(Project.plan_id == plan_id)
        .order_by(Section.position, Project.position)
    )
    rows = [ProjectRow(**row._mapping) for row in session.execute(query)]
    by_id = {row.id: row for row in rows}
    owners = session.execute(
        select(ProjectOwner.project_id, Organization.name, ProjectOwner.role)
        .join(Organization, Organization.id == ProjectOwner.organization_id)
        .where(ProjectOwner.plan_id == plan_id)  # the owner rows' copy: no join to project
        .order_by(ProjectOwner.project_id, ProjectOwner.position)
    )
    for project_id, name, role in owners:
        by_id[project_id].owners.append((name, role))
    return rows


@dataclass(frozen=True)
class Totals:
    projects: int
    planned_investment_wan: Decimal


def totals(session: Session, flt: ProjectFilter) -> Totals:
    count, amount = session.execute(
        select(func.count(Project.id), func.sum(Project.planned_investment_wan)).where(
            *filter_clauses(flt)
        )
    ).one()
    return Totals(count, amount or ZERO)


def totals_for_ids(session: Session, ids: Sequence[int]) -> Totals:
    """Sum of a selection; chunked so a selection of 100k rows is still one pass of SQL."""
    count, amount = 0, ZERO
    ids = list(ids)
    for start in range(0, len(ids), 900):
        chunk = ids[start : start + 900]
        n, chunk_sum = session.execute(
            select(func.count(Project.id), func.sum(Project.planned_investment_wan)).where(
                Project.id.in_(chunk)
            )
        ).one()
        count += n
        amount += chunk_sum or ZERO
    return Totals(count, amount)


def plans(session: Session) -> list[Plan]:
    return list(session.scalars(select(Plan).order_by(Plan.year_start.desc(), Plan.title)))


def find_plan(session: Session, name: str | None) -> Plan | None:
    """`--plan NAME`: exact title, else a unique title containing NAME; None = the newest plan."""
    if not name:
        return session.scalar(
            select(Plan).order_by(Plan.year_start.desc(), Plan.id.desc()).limit(1)
        )
    exact = session.scalar(select(Plan).where(Plan.title == name))
    if exact:
        return exact
    matches = list(session.scalars(select(Plan).where(Plan.title.like(f"%{name}%"))))
    return matches[0] if len(matches) == 1 else None


def organization_by_name(session: Session, name: str) -> Organization | None:
    from services.organizations import OrganizationResolver

    return OrganizationResolver(session).find(normalize_name(name))


def project_types(session: Session, plan_id: int) -> list[str]:
    """The distinct project types of a plan, for the type filter (an index walk)."""
    rows = session.scalars(
        select(Project.project_type)
        .where(Project.plan_id == plan_id, Project.project_type.is_not(None))
        .distinct()
        .order_by(Project.project_type)
    )
    return cast(list[str], list(rows))  # NULL types are filtered out by the query


@dataclass(frozen=True)
class PlanInfo:
    """A plan's metadata and its sections, read once for a dialog or a filter (no ORM object
    outlives the session)."""

    id: int
    title: str
    region: str | None
    year_start: int
    year_end: int | None
    doc_number: str | None
    issuer: str | None
    issue_date: date | None
    notes: str | None
    previous_plan_id: int | None
    sections: tuple[tuple[int, str], ...] = ()  # (id, name) in table order

    @property
    def last_year(self) -> int:
        return self.year_end or self.year_start


def plan_info(session: Session, plan_id: int | None) -> PlanInfo | None:
    """The plan's metadata and sections; None if there is no such plan."""
    plan = session.get(Plan, plan_id) if plan_id is not None else None
    if plan is None:
        return None
    sections = session.execute(
        select(Section.id, Section.name)
        .where(Section.plan_id == plan_id)
        .order_by(Section.position)
    )
    return PlanInfo(
        plan.id,
        plan.title,
        plan.region,
        plan.year_start,
        plan.year_end,
        plan.doc_number,
        plan.issuer,
        plan.issue_date,
        plan.notes,
        plan.previous_plan_id,
        tuple((sid, name) for sid, name in sections),
    )


def organization_name(session: Session, organization_id: int | None) -> str:
    """A unit's own name by id ("" if unknown)."""
    if organization_id is None:
        return ""
    return session.scalar(select(Organization.name).where(Organization.id == organization_id)) or ""
