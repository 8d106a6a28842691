"""Who may edit which cells of the ledger: the grid's answer before it tries a write.

An SQLite ledger is the clerk's own file: everything. On the office server the login's group
(services.server: admin, editor, viewer) decides, and for an editor its units
(greenledger_user_unit): of the projects where one of its units is lead (牵头) or cooperating
(配合) it may change the notes and status and enter the progress reports, actuals and
milestones — nothing else, no other table. The database stays the final judge (row-level
security); this lets the grid grey those cells out, refuse an edit before trying it and say
why. Headless: never import Qt here.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from models import OwnerRole
from services.server import EDITOR_PROJECT_COLUMNS, ROLES, UNIT_TABLE

# Project fields an editor may change in the project grid (the rest are the office's).
EDITOR_PROJECT_FIELDS = frozenset(EDITOR_PROJECT_COLUMNS) - {"updated_at", "row_version"}
_OWNING_ROLES = (OwnerRole.LEAD, OwnerRole.COOPERATING)


class Refusal(enum.Enum):
    """Why a cell is read-only for this user (the UI words each reason)."""

    VIEWER = "viewer"  # the account may only read
    NOT_OWNER = "not_owner"  # none of the user's units leads or cooperates on the project
    FIELD = "field"  # editors may not change this field (plans, money, owners …)
    TABLE = "table"  # editors may not change this table (indicators, key tasks …)


@dataclass(frozen=True)
class EditRights:
    """What the signed-in user may write: `role` is "local" (an SQLite file), "admin",
    "editor" or "viewer"; `units` the editor's units by full name."""

    role: str = "local"
    login: str = ""
    units: frozenset[str] = frozenset()

    @property
    def everything(self) -> bool:
        return self.role in ("local", "admin")

    def project_refusal(self, owners: Iterable[tuple[str, OwnerRole]]) -> Refusal | None:
        """May this user write a project's progress, actuals, milestones and notes?"""
        if self.everything:
            return None
        if self.role != "editor":
            return Refusal.VIEWER
        if any(name in self.units and role in _OWNING_ROLES for name, role in owners):
            return None
        return Refusal.NOT_OWNER

    def project_field_refusal(
        self, owners: Iterable[tuple[str, OwnerRole]], key: str
    ) -> Refusal | None:
        """May this user change field `key` of a project in the project grid?"""
        refusal = self.project_refusal(owners)
        if refusal is None and not self.everything and key not in EDITOR_PROJECT_FIELDS:
            return Refusal.FIELD
        return refusal

    def table_refusal(self) -> Refusal | None:
        """May this user write a table that belongs to no project (indicators, key tasks,
        rectifications)?"""
        if self.everything:
            return None
        return Refusal.VIEWER if self.role != "editor" else Refusal.TABLE


LOCAL = EditRights()


def rights_for(session: Session) -> EditRights:
    """The current login's rights: everything on SQLite, else from the server's roles."""
    if session.get_bind().dialect.name != "postgresql":
        return LOCAL
    login = session.execute(text("SELECT session_user")).scalar_one()
    # The office itself (or the database's owner, who ran `server init`) writes every table.
    if session.execute(text("SELECT has_table_privilege('project', 'UPDATE')")).scalar_one():
        return EditRights("admin", login)
    member = session.execute(
        text(
            "SELECT rolname FROM pg_roles WHERE rolname = :editor"
            " AND pg_has_role(session_user, oid, 'MEMBER')"
        ),
        {"editor": ROLES["editor"]},
    ).first()
    if member is None:
        return EditRights("viewer", login)
    return EditRights("editor", login, frozenset(_unit_names(session)))


def _unit_names(session: Session) -> list[str]:
    if session.execute(text(f"SELECT to_regclass('{UNIT_TABLE}')")).scalar_one() is None:
        return []
    return list(
        session.execute(
            text(
                f"SELECT o.name FROM {UNIT_TABLE} u JOIN organization o ON o.id = u.organization_id"
                " WHERE u.login = session_user"
            )
        ).scalars()
    )


def cell_refusal(rights: EditRights, source: object, record: object, key: str) -> Refusal | None:
    """Why `rights` may not edit cell `key` of `record` of a grid's record source, or None.

    The project grid (services.records.ProjectSource), the progress entry grid
    (services.progress_grid.ProgressSource) and the tracking tables (services.tracking_source)
    are told apart by their rows: a project row, a progress row holding one, or neither.
    """
    if rights.everything or record is None:
        return None
    project = getattr(record, "row", None)
    if project is not None and hasattr(project, "owners"):  # the project grid
        return rights.project_field_refusal(project.owners, key)
    project = getattr(record, "project", None)
    if project is not None and hasattr(project, "owners"):  # reports and milestones
        return rights.project_refusal(project.owners)
    return rights.table_refusal()
