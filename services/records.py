"""Record sources: what a spreadsheet-style grid needs from a table, without any Qt.

A `RecordSource` describes one table (projects today; indicators, rectifications and key tasks
can plug their own later): its columns, the ordered ids for a filter and sort (computed in SQL),
windows of rows, display/edit text per cell, parsing of typed text, and bulk writes that return
their own inverse so undo is data. `ProjectSource` implements it over services.query and
services.ledger. Other modules may add read-only project columns with `register_project_column`.
Headless: never import Qt here; never sort or filter all rows in Python.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import OwnerRole, Project, Section
from services import ledger, query, writer
from services.errors import LedgerError
from services.fields import FIELDS, GRID_COLUMNS, ColumnKind
from services.ledger import ChangeSet
from services.operations import writing
from services.organizations import normalize_name, search_organizations
from services.parsing import Period, format_money, split_owner_names
from services.query import ProjectFilter, ProjectRow, Sort
from services.writer import RowSnapshot


@dataclass(frozen=True)
class Column:
    key: str
    title: str  # English source text; the UI translates it
    kind: ColumnKind = ColumnKind.TEXT
    editable: bool = True
    nullable: bool = True  # False: clearing the cell is refused
    sortable: bool = True
    width: int = 100  # default width in pixels (never measured from content)
    choices: tuple[str, ...] = ()  # stored values of a CHOICE column, in menu order


@dataclass(frozen=True)
class InsertPoint:
    """Where new records go: next to `anchor_id`, or at the end of group `group_id`."""

    anchor_id: int | None = None
    after: bool = False
    group_id: int | None = None


@dataclass(frozen=True)
class MoveTarget:
    """A place in a group (section): before or after a record, or at the group's end."""

    group_id: int
    before_id: int | None = None
    after_id: int | None = None


@dataclass(frozen=True)
class MoveRun:
    """Records moved together, in this order, to one target."""

    ids: tuple[int, ...]
    target: MoveTarget


@runtime_checkable
class RecordSource(Protocol):
    """What LazyTableModel and SpreadsheetView need from a table. Sessions are short-lived:
    every method gets the session it must use and never keeps it."""

    topic: str  # which change-bus topic a write concerns ("projects", "indicators", …)

    def columns(self) -> list[Column]: ...
    def ids(self, session: Session, flt: Any, sort: Sort | None) -> array: ...
    def rows(self, session: Session, ids: Sequence[int]) -> list[Any]: ...
    def row_id(self, row: Any) -> int: ...
    def group_id(self, row: Any) -> int | None: ...
    def value(self, row: Any, key: str) -> object: ...
    def display(self, row: Any, key: str) -> str: ...
    def edit_text(self, row: Any, key: str) -> str: ...
    def parse(self, key: str, text: object) -> object: ...
    def set_fields(self, session: Session, changes: dict[int, dict[str, object]]) -> ChangeSet: ...
    def insert(
        self, session: Session, where: InsertPoint, values_list: list[dict[str, object]]
    ) -> list[int]: ...
    def delete(self, session: Session, ids: Sequence[int]) -> object: ...
    def restore(self, session: Session, snapshot: object) -> list[int]: ...
    def move(self, session: Session, runs: list[MoveRun]) -> list[MoveRun]: ...
    def groups(self, session: Session, flt: Any) -> list[tuple[int, str]]: ...
    def completions(self, session: Session, key: str, text: str) -> list[str]: ...
    def totals(self, session: Session, flt: Any) -> query.Totals: ...
    def totals_for_ids(self, session: Session, ids: Sequence[int]) -> query.Totals: ...


# ---------------------------------------------------------------- extra project columns


@dataclass(frozen=True)
class ExtraColumn:
    column: Column
    fetch: Callable[[Session, Sequence[int]], dict[int, object]]
    to_text: Callable[[object], str]
    order_by: Callable[[], Any] | None  # SQL expression correlated to Project.id, for sorting


_EXTRA_COLUMNS: dict[str, ExtraColumn] = {}


def register_project_column(
    key: str,
    fetch: Callable[[Session, Sequence[int]], dict[int, object]],
    *,
    title: str | None = None,
    to_text: Callable[[object], str] = lambda v: "" if v is None else str(v),
    width: int = 90,
    order_by: Callable[[], Any] | None = None,
) -> None:
    """Add a read-only column to every project grid created afterwards.

    `fetch(session, ids) -> {id: value}` is called once per page of visible rows (≤ 200 ids),
    so it must be one SQL query, not one per id. `order_by()` (optional) returns a SQL
    expression correlated to Project.id that makes the column sortable in SQL.
    """
    if key in FIELDS or key in query.SORT_COLUMNS:
        raise ValueError(f"column key already used by the project table: {key}")
    column = Column(
        key,
        title or key,
        ColumnKind.TEXT,
        editable=False,
        sortable=order_by is not None,
        width=width,
    )
    _EXTRA_COLUMNS[key] = ExtraColumn(column, fetch, to_text, order_by)


def unregister_project_column(key: str) -> None:
    _EXTRA_COLUMNS.pop(key, None)


# ---------------------------------------------------------------- projects

_PROJECT_COLUMNS: dict[str, Column] = {
    key: Column(key, f.title, f.kind, nullable=f.nullable, width=f.width, choices=f.choices)
    for key, f in FIELDS.items()
}

# The owners of one role as a column of their own (牵头单位, 配合单位): read from the project's
# owner rows (already on every page), written through the same owners path of ledger.set_fields.
ROLE_COLUMNS: dict[str, OwnerRole] = {
    "lead_units": OwnerRole.LEAD,
    "cooperating_units": OwnerRole.COOPERATING,
}
_ROLE_COLUMN_DEFS = {
    "lead_units": Column("lead_units", "Lead units", ColumnKind.OWNERS, sortable=False, width=150),
    "cooperating_units": Column(
        "cooperating_units", "Cooperating units", ColumnKind.OWNERS, sortable=False, width=190
    ),
}
# Where the role columns sit: right after the official 责任部门/建设主体 column.
_ROLE_COLUMNS_AFTER = "owners"


def role_names(owners: Sequence[tuple[str, OwnerRole]], role: OwnerRole) -> list[str]:
    return [name for name, owner_role in owners if owner_role == role]


def _parse_role_names(text: object) -> list[str]:
    return text if isinstance(text, list) else split_owner_names(text)


def with_role_names(
    owners: Sequence[tuple[str, OwnerRole]], role: OwnerRole, names: Sequence[str]
) -> list[tuple[str, OwnerRole]]:
    """The owners with `role`'s units replaced by `names` (a unit has one role per project).

    The result lists leads first, then cooperating units, then construction entities, each
    keeping its order — the order the official table writes them in.
    """
    wanted = [normalize_name(n) for n in names]
    kept = [(n, r) for n, r in owners if r != role and normalize_name(n) not in wanted]
    merged = kept + [(name, role) for name in names]
    order = [OwnerRole.LEAD, OwnerRole.COOPERATING, OwnerRole.CONSTRUCTING]
    return sorted(merged, key=lambda spec: order.index(spec[1]))


@dataclass
class ProjectRecord:
    """A grid row of the project table: the typed row plus registered extra values."""

    row: ProjectRow
    extra: dict[str, object] = field(default_factory=dict)


class ProjectSource:
    """The project ledger (附件1 工程项目表) as a RecordSource."""

    topic = "projects"

    def __init__(self) -> None:
        # Extra columns are fixed per source so a grid's column count never changes under it.
        self._extras = dict(_EXTRA_COLUMNS)

    def refresh_extras(self) -> None:
        """Pick up columns registered since this source was made."""
        self._extras = dict(_EXTRA_COLUMNS)

    def columns(self) -> list[Column]:
        columns: list[Column] = []
        for key in GRID_COLUMNS:
            columns.append(_PROJECT_COLUMNS[key])
            if key == _ROLE_COLUMNS_AFTER:
                columns += _ROLE_COLUMN_DEFS.values()
        return columns + [e.column for e in self._extras.values()]

    # -- reading

    # The grid may ask for the first `limit` ids first (see LazyTableModel.HEAD_ROWS).
    supports_head = True

    def ids(
        self,
        session: Session,
        flt: ProjectFilter,
        sort: Sort | None = None,
        *,
        limit: int | None = None,
    ) -> array:
        sort = sort or Sort()
        if sort.column == "seq_label":
            # 序号 restarts in every section; ascending 序号 is the table's own order.
            sort = Sort(None, sort.descending)
        extra = self._extras.get(sort.column or "")
        if extra is None:
            return query.project_ids(session, flt, sort, limit=limit)
        if extra.order_by is None:
            raise LedgerError(f"column cannot be sorted: {sort.column}")
        expression = extra.order_by()
        order = expression.desc() if sort.descending else expression.asc()
        statement = (
            select(Project.id)
            .where(*query.filter_clauses(flt))
            .order_by(expression.is_(None), order, Project.id)
            .limit(limit)
        )
        return _fetch_ids(session, statement)

    def plain_rows(self, session: Session, ids: Sequence[int]) -> list[ProjectRecord]:
        """The projects' own fields and owners, without the registered extra columns (the
        details form shows no 序时进度, so it does not pay for judging the schedule)."""
        return [ProjectRecord(r) for r in query.rows_for_ids(session, ids)]

    def rows(self, session: Session, ids: Sequence[int]) -> list[ProjectRecord]:
        records = self.plain_rows(session, ids)
        if self._extras and records:
            found = [r.row.id for r in records]
            for key, extra in self._extras.items():
                values = extra.fetch(session, found)
                for record in records:
                    record.extra[key] = values.get(record.row.id)
        return records

    def row_id(self, row: ProjectRecord) -> int:
        return row.row.id

    def group_id(self, row: ProjectRecord) -> int | None:
        return row.row.section_id

    def value(self, row: ProjectRecord, key: str) -> object:
        if key in self._extras:
            return row.extra.get(key)
        data = row.row
        if key == "period":
            return Period(data.start_year, data.end_year)
        if key in ROLE_COLUMNS:
            return role_names(data.owners, ROLE_COLUMNS[key])
        return getattr(data, key)

    def display(self, row: ProjectRecord, key: str) -> str:
        if key in self._extras:
            return self._extras[key].to_text(row.extra.get(key))
        if key == "planned_investment_wan":
            return format_money(row.row.planned_investment_wan, blank="/")
        if key == "owners":
            return row.row.owners_text
        return self.edit_text(row, key)

    def edit_text(self, row: ProjectRecord, key: str) -> str:
        """The cell as text that `parse` reads back unchanged (copy, editors, fill)."""
        if key in self._extras:
            return self.display(row, key)
        if key == "owners":
            return row.row.owners_text
        if key in ROLE_COLUMNS:
            return "、".join(role_names(row.row.owners, ROLE_COLUMNS[key]))
        return FIELDS[key].to_text(self.value(row, key))

    def parse(self, key: str, text: object) -> object:
        """Validate one cell's text; raises ValueError with a user-facing reason."""
        if key in self._extras:
            raise ValueError("只读列 (read-only column)")
        if key in ROLE_COLUMNS:
            return _parse_role_names(text)
        return ledger.coerce(key, text)

    # -- writing (each call one transaction)

    # Edits carry the version they were based on (services.writer refuses stale ones).
    supports_versions = True

    def version(self, row: ProjectRecord) -> int:
        return row.row.row_version

    def versions(self, session: Session, ids: Sequence[int]) -> dict[int, int]:
        return writer.row_versions(session, ledger.PROJECTS.table, ids)

    def version_scope(self) -> writer.VersionScope:
        return writer.table_scope(ledger.PROJECTS.table)

    def set_fields(
        self,
        session: Session,
        changes: dict[int, dict[str, object]],
        expected: dict[int, int] | None = None,
    ) -> ChangeSet:
        changes = self._role_columns_as_owners(session, changes)
        return ledger.set_fields(
            session, self._drop_unchanged_owners(session, changes), expected_versions=expected
        )

    def _role_columns_as_owners(self, session: Session, changes: dict) -> dict:
        """牵头单位 / 配合单位 edits become one owners list per project (one read for all)."""
        ids = [pid for pid, values in changes.items() if ROLE_COLUMNS.keys() & values.keys()]
        if not ids:
            return changes
        current = {r.id: r.owners for r in query.rows_for_ids(session, ids)}
        result = {}
        for pid, values in changes.items():
            roles = {k: v for k, v in values.items() if k in ROLE_COLUMNS}
            if roles and pid in current:
                owners = list(current[pid])
                for key, names in roles.items():
                    owners = with_role_names(owners, ROLE_COLUMNS[key], _parse_role_names(names))
                values = {k: v for k, v in values.items() if k not in ROLE_COLUMNS}
                values["owners"] = owners
            result[pid] = values
        return result

    def _drop_unchanged_owners(self, session: Session, changes: dict) -> dict:
        """Re-typing the same names must not reset roles (lead/cooperating/constructing)."""
        texts = {pid: v["owners"] for pid, v in changes.items() if isinstance(v.get("owners"), str)}
        if not texts:
            return changes
        current = {
            r.id: [normalize_name(n) for n, _ in r.owners]
            for r in query.rows_for_ids(session, list(texts))
        }
        result = {}
        for pid, values in changes.items():
            if pid in texts and current.get(pid) == [
                normalize_name(n) for n in split_owner_names(texts[pid])
            ]:
                values = {k: v for k, v in values.items() if k != "owners"}
            if values:
                result[pid] = values
        return result

    def insert(
        self, session: Session, where: InsertPoint, values_list: list[dict[str, object]]
    ) -> list[int]:
        if where.anchor_id is not None:
            places = ledger.project_places(session, [where.anchor_id])
            if where.anchor_id not in places:
                raise LedgerError(f"项目不存在 (no such project): {where.anchor_id}")
            section_id, position = places[where.anchor_id]
            position += 1 if where.after else 0
        elif where.group_id is not None:
            section_id, position = where.group_id, None
        else:
            raise LedgerError("插入位置不明 (no section to insert into)")
        return ledger.insert_projects(session, section_id, position, values_list)

    def delete(
        self, session: Session, ids: Sequence[int], expected: dict[int, int] | None = None
    ) -> RowSnapshot:
        return ledger.delete_projects(session, ids, expected_versions=expected)

    def restore(self, session: Session, snapshot: RowSnapshot) -> list[int]:
        return ledger.restore_projects(session, snapshot)

    def move(self, session: Session, runs: list[MoveRun]) -> list[MoveRun]:
        return move_project_runs(session, runs)

    # -- helpers for the grid

    def groups(self, session: Session, flt: ProjectFilter) -> list[tuple[int, str]]:
        statement = select(Section.id, Section.name).order_by(Section.plan_id, Section.position)
        if flt.plan_id is not None:
            statement = statement.where(Section.plan_id == flt.plan_id)
        return [(sid, name) for sid, name in session.execute(statement)]

    def completions(self, session: Session, key: str, text: str) -> list[str]:
        if (key != "owners" and key not in ROLE_COLUMNS) or not text.strip():
            return []
        names = []
        for org in search_organizations(session, text, limit=15):
            names.append(org.name)
        return names

    def totals(self, session: Session, flt: ProjectFilter) -> query.Totals:
        return query.totals(session, flt)

    def totals_for_ids(self, session: Session, ids: Sequence[int]) -> query.Totals:
        return query.totals_for_ids(session, ids)


def _fetch_ids(session: Session, statement: Any) -> array:
    cursor = session.execute(statement)
    result = array("q")
    while chunk := cursor.fetchmany(65536):
        result.extend(row[0] for row in chunk)
    return result


# ---------------------------------------------------------------- moving projects


def move_project_runs(session: Session, runs: list[MoveRun]) -> list[MoveRun]:
    """Move runs of projects in one transaction; returns the runs that put them back.

    The inverse names each run's old *neighbour* (the next project that stayed put) instead
    of its old position number: positions shift when rows move, neighbours do not, so undo
    restores the exact order even for moves within one section.
    """
    inverse: list[MoveRun] = []
    with writing(session) as op:
        for run in runs:
            ids = list(dict.fromkeys(run.ids))
            target = run.target
            for anchor in (target.before_id, target.after_id):
                if anchor is not None and anchor in ids:
                    raise LedgerError("不能移动到被移动的行旁 (cannot move next to itself)")
            inverse = _runs_back(session, ids) + inverse
            section_plan = session.scalar(
                select(Section.plan_id).where(Section.id == target.group_id)
            )
            if section_plan is None:
                raise LedgerError(f"分区不存在 (no such section): {target.group_id}")
            position = _target_position(session, target)
            writer.shift(session, ledger.PROJECTS, target.group_id, position, len(ids))
            writer.update_rows(
                session,
                ledger.PROJECTS.table,
                {
                    pid: {"section_id": target.group_id, "plan_id": section_plan, "position": p}
                    for p, pid in enumerate(ids, start=position)
                },
            )
            op.note("project", ids=ids, plan_ids=[section_plan], rows=True, totals=True)
    session.expire_all()
    return inverse


def _target_position(session: Session, target: MoveTarget) -> int:
    anchor = target.before_id if target.before_id is not None else target.after_id
    if anchor is not None:
        row = session.execute(
            select(Project.section_id, Project.position).where(Project.id == anchor)
        ).first()
        if row is not None and row.section_id == target.group_id:
            return row.position + (1 if target.before_id is None else 0)
    return ledger.next_position(session, target.group_id)


def _runs_back(session: Session, ids: list[int]) -> list[MoveRun]:
    """Where `ids` sit now, as runs each placed before the next project that is not moving."""
    places = ledger.project_places(session, ids)
    missing = [pid for pid in ids if pid not in places]
    if missing:
        raise LedgerError(f"项目不存在 (no such project): {missing[0]}")
    moving = set(ids)
    by_section: dict[int, list[tuple[int, int]]] = {}
    for pid, (section_id, position) in places.items():
        by_section.setdefault(section_id, []).append((position, pid))
    runs: list[MoveRun] = []
    for section_id, members in by_section.items():
        members.sort()
        current: list[int] = []
        for index, (position, pid) in enumerate(members):
            current.append(pid)
            following = members[index + 1][0] if index + 1 < len(members) else None
            if following is not None and following == position + 1:
                continue  # the next slot is moving too: same run, no query needed
            anchor = session.scalar(
                select(Project.id)
                .where(
                    Project.section_id == section_id,
                    Project.position > position,
                    Project.id.not_in(moving),
                )
                .order_by(Project.position)
                .limit(1)
            )
            if following is not None and anchor is not None:
                next_anchor_pos = session.scalar(
                    select(Project.position).where(Project.id == anchor)
                )
                if next_anchor_pos is not None and next_anchor_pos > following:
                    continue  # only gaps (deleted slots) in between: still one run
            runs.append(MoveRun(tuple(current), MoveTarget(section_id, before_id=anchor)))
            current = []
    return runs
