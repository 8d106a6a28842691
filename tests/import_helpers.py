"""What the importer tests share: a small workbook builder, row counts, a database digest."""

from __future__ import annotations

import hashlib
from pathlib import Path

import openpyxl
from sqlalchemy import func, select

from exports.official_xlsx import HEADERS
from models import Organization, Plan, Project, ProjectOwner, Section

# The official layout's header row, as exports/official_xlsx.py writes it.
HEADER = list(HEADERS)
# The key-task table's header row, as the office sends it.
KEY_TASK_HEADER = ["序号", "工作内容", "工作任务", "牵头单位", "配合单位"]


def build_workbook(
    path: Path, sheets: dict[str, list[list]], merges: dict[str, list[str]] | None = None
) -> Path:
    """A workbook with the given rows per sheet and merged ranges ("A5:A6")."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        for ref in (merges or {}).get(name, []):
            sheet.merge_cells(ref)
    book.save(path)
    return path


def counts(session) -> tuple[int, int, int, int]:
    session.expire_all()
    return tuple(
        session.scalar(select(func.count()).select_from(model))
        for model in (Plan, Project, ProjectOwner, Organization)
    )


def digest(target) -> str:
    """The database's bytes (an SQLite file) or every row of every table (PostgreSQL)."""
    if isinstance(target, Path):
        return hashlib.sha256(target.read_bytes()).hexdigest()
    from sqlalchemy import create_engine

    from db.engine import database_url
    from models import Base

    engine = create_engine(database_url(target))
    try:
        with engine.connect() as connection:
            rows = [
                str(connection.execute(select(table).order_by(*table.primary_key)).all())
                for table in Base.metadata.sorted_tables
            ]
    finally:
        engine.dispose()
    return hashlib.sha256("\n".join(rows).encode()).hexdigest()


def projects_of(session, plan_id: int) -> list[Project]:
    return list(
        session.scalars(
            select(Project)
            .join(Section)
            .where(Project.plan_id == plan_id)
            .order_by(Section.position, Project.position)
        )
    )


def errors_of(preview) -> list[tuple]:
    return [(i.sheet, i.row, i.column, i.value) for i in preview.errors]
