"""A grid source over an audited tracking table (indicators, key tasks, rectifications).

`TableSource` turns a services.tracking_table.AuditedTable into a services.records
RecordSource, so the tracking tables use the project grid unchanged (one plan as the only
group, the table's position as the order); every write goes to the table's writer.
Headless: never import Qt here.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, ClassVar

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import ColumnElement

from models import Plan
from services import writer
from services.errors import LedgerError
from services.ledger import ChangeSet
from services.organizations import OrganizationResolver, search_organizations
from services.query import Totals
from services.records import MoveRun, MoveTarget
from services.tracking_table import AuditedTable
from services.writer import RowSnapshot


@dataclass(frozen=True)
class TrackingFilter:
    """What a tracking grid shows: one plan, a quick text filter, optionally some ids."""

    plan_id: int | None = None
    text: str = ""
    ids: tuple[int, ...] | None = None


@dataclass
class Record:
    """A grid row of a tracking table: plain values read inside the session (no lazy loads)."""

    id: int
    plan_id: int
    position: int
    values: dict[str, object]
    version: int = 0  # the row_version read with the values (what an edit expects)


class TableSource:
    """services.records.RecordSource over an AuditedTable (indicators, tasks, rectifications).

    Subclasses give `table`, `grid_columns` (services.records.Column) and `search` (the model
    columns the quick filter looks in). Rows have no groups; the order is the table's position.
    """

    topic = "tracking"
    table: AuditedTable
    grid_columns: ClassVar[list] = []
    search: ClassVar[tuple] = ()
    sortable: ClassVar[dict[str, ColumnElement[Any]]] = {}  # column key -> SQL expression

    def __init__(self, plan_id: int | None = None) -> None:
        self.plan_id = plan_id

    def columns(self) -> list:
        return list(self.grid_columns)

    def _clauses(self, flt: TrackingFilter | None) -> list:
        model = self.table.model
        flt = flt or TrackingFilter(self.plan_id)
        clauses = []
        plan_id = flt.plan_id if flt.plan_id is not None else self.plan_id
        if plan_id is not None:
            clauses.append(model.plan_id == plan_id)
        for word in flt.text.split():
            clauses.append(or_(*(column.like(f"%{word}%") for column in self.search)))
        if flt.ids is not None:
            clauses.append(model.id.in_(flt.ids))
        return clauses

    def ids(self, session: Session, flt: TrackingFilter | None, sort=None):
        model = self.table.model
        order = [model.position, model.id]
        if sort is not None and sort.column in self.sortable:
            expression = self.sortable[sort.column]
            order = [
                expression.is_(None),
                expression.desc() if sort.descending else expression.asc(),
                model.position,
            ]
        elif sort is not None and sort.descending:
            order = [model.position.desc(), model.id.desc()]
        statement = select(model.id).where(*self._clauses(flt)).order_by(*order)
        return array("q", session.scalars(statement))

    def rows(self, session: Session, ids) -> list[Record]:
        objects = self.table.load(session, ids)
        extra = self.extra_values(session, list(objects))
        records = []
        for row_id in ids:
            obj = objects.get(row_id)
            if obj is None:
                continue
            values = {key: column.get(obj) for key, column in self.table.columns.items()}
            values.update(extra.get(row_id, {}))
            records.append(Record(obj.id, obj.plan_id, obj.position, values, obj.row_version))
        return records

    def extra_values(self, session: Session, ids: list[int]) -> dict[int, dict[str, object]]:
        """Read-only computed values per row (override: one query for the page)."""
        return {}

    def row_id(self, row: Record) -> int:
        return row.id

    def group_id(self, row: Record) -> int | None:
        return None

    def value(self, row: Record, key: str) -> object:
        return row.values.get(key)

    def display(self, row: Record, key: str) -> str:
        return self.edit_text(row, key)

    def edit_text(self, row: Record, key: str) -> str:
        column = self.table.columns.get(key)
        value = row.values.get(key)
        if column is None:
            return "" if value is None else str(value)
        return column.to_text(value)

    def parse(self, key: str, text: object) -> object:
        column = self.table.columns.get(key)
        if column is None:
            raise ValueError("只读列 (read-only column)")
        value = column.parse(text)
        if column.required and value is None:
            raise ValueError("不能为空 (must not be blank)")
        return value

    # Edits carry the version they were based on (services.writer refuses stale ones).
    supports_versions = True

    def version(self, row: Record) -> int:
        return row.version

    def versions(self, session: Session, ids) -> dict[int, int]:
        return writer.row_versions(session, self.table.kind.table, ids)

    def version_scope(self) -> writer.VersionScope:
        return writer.table_scope(self.table.kind.table)

    def set_fields(self, session: Session, changes, expected=None) -> ChangeSet:
        return self.table.set_fields(session, changes, expected=expected)

    def insert(self, session: Session, where, values_list) -> list[int]:
        model = self.table.model
        anchor = getattr(where, "anchor_id", None)
        plan_id, position = self.plan_id, None
        if anchor is not None:
            row = session.execute(
                select(model.plan_id, model.position).where(model.id == anchor)
            ).first()
            if row is None:
                raise LedgerError(f"记录不存在 (no such record): {anchor}")
            plan_id, position = row.plan_id, row.position + (1 if where.after else 0)
        if plan_id is None:
            raise LedgerError("没有选定方案 (no plan selected)")
        return self.table.insert_rows(session, plan_id, position, values_list)

    def delete(self, session: Session, ids, expected=None) -> RowSnapshot:
        return self.table.delete_rows(session, ids, expected=expected)

    def restore(self, session: Session, snapshot: RowSnapshot) -> list[int]:
        return self.table.restore_rows(session, snapshot)

    def move(self, session: Session, runs) -> list:
        """Move runs of rows before/after an anchor; returns runs that put them back."""
        model = self.table.model
        inverse: list[MoveRun] = []
        for run in runs:
            ids = list(run.ids)
            positions: dict[int, int] = dict(
                session.execute(select(model.id, model.position).where(model.id.in_(ids))).all()
            )
            # The inverse anchors each row to the row that followed it and is not moving.
            order = list(
                session.execute(
                    select(model.id).where(*self._clauses(None)).order_by(model.position)
                ).scalars()
            )
            back = []
            for pid in sorted(ids, key=lambda i: positions.get(i, 0)):
                index = order.index(pid)
                following = next((o for o in order[index + 1 :] if o not in ids), None)
                back.append(MoveRun((pid,), MoveTarget(0, before_id=following)))
            target = run.target
            anchor = target.before_id if target.before_id is not None else target.after_id
            if anchor is None:
                position = len(order)
            else:
                anchor_position = session.scalar(select(model.position).where(model.id == anchor))
                if anchor_position is None:
                    raise LedgerError(f"目标行已不存在 (the anchor row no longer exists): {anchor}")
                position = anchor_position + (0 if target.before_id is not None else 1)
            self.table.move_rows(session, ids, position)
            inverse = back + inverse
        return inverse

    def groups(self, session: Session, flt) -> list[tuple[int, str]]:
        """One group, the plan: new rows of an empty table go to its end."""
        plan_id = getattr(flt, "plan_id", None) or self.plan_id
        if not plan_id:
            return []
        title = session.scalar(select(Plan.title).where(Plan.id == plan_id))
        return [(plan_id, title)] if title else []

    def completions(self, session: Session, key: str, text: str) -> list[str]:
        if key not in self.unit_columns or not text.strip():
            return []
        return [org.name for org in search_organizations(session, text, limit=15)]

    unit_columns: tuple[str, ...] = ()

    def totals(self, session: Session, flt):
        count = session.scalar(
            select(func.count()).select_from(self.table.model).where(*self._clauses(flt))
        )
        return Totals(count or 0, Decimal("0.00"))

    def totals_for_ids(self, session: Session, ids):
        return Totals(len(ids), Decimal("0.00"))


def organization_resolver(session: Session):
    """One OrganizationResolver per transaction (it loads every unit name once)."""
    key = ("org_resolver", id(session.get_transaction()))
    cached = session.info.get("org_resolver")
    if cached is None or cached[0] != key:
        cached = (key, OrganizationResolver(session))
        session.info["org_resolver"] = cached
    return cached[1]
