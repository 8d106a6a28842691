"""The office server: PostgreSQL roles, row-level security and user accounts.

Permissions are the database's, not only the GUI's, so `psql` as an editor is refused exactly
as the app refuses:
- greenledger_admin (the office): reads and writes everything.
- greenledger_editor, bound to units (greenledger_user_unit): reads everything; writes the
  progress reports and milestones of projects where one of its units is lead or cooperating,
  and of those projects only the remarks and status; adds audit lines in its own name.
  Nothing else: no plans, sections, owners, money, other units' projects, audit edits.
- greenledger_viewer: reads everything.
`init_server` is idempotent: it migrates the schema, then (re)applies roles, grants and
policies to every table, so it is also the step to run after an upgrade. No Qt here.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, text

ROLES = {
    "admin": "greenledger_admin",
    "editor": "greenledger_editor",
    "viewer": "greenledger_viewer",
}
UNIT_TABLE = "greenledger_user_unit"

# What an editor may change, and of which columns (the rest of the row stays the office's).
EDITOR_TABLES = ("progress_report", "project_milestone")
EDITOR_PROJECT_COLUMNS = ("remarks", "status", "updated_at", "row_version")

_LOGIN = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


class ServerError(Exception):
    """A server set-up request that cannot be done (message for the user)."""


@dataclass(frozen=True)
class ServerUser:
    login: str
    role: str
    units: tuple[str, ...]
    can_login: bool


def scram_verifier(password: str, *, iterations: int = 4096, salt: bytes | None = None) -> str:
    """The SCRAM-SHA-256 secret PostgreSQL stores, computed here: the password itself never
    travels to the server or into its log (as psql's \\password does)."""
    salt = salt or os.urandom(16)
    normalized = unicodedata.normalize("NFKC", password).encode()
    salted = hashlib.pbkdf2_hmac("sha256", normalized, salt, iterations)
    client_key = hmac.new(salted, b"Client Key", hashlib.sha256).digest()
    stored_key = hashlib.sha256(client_key).digest()
    server_key = hmac.new(salted, b"Server Key", hashlib.sha256).digest()

    def b64(raw: bytes) -> str:
        return base64.b64encode(raw).decode()

    return f"SCRAM-SHA-256${iterations}:{b64(salt)}${b64(stored_key)}:{b64(server_key)}"


def _require_postgresql(engine: Engine) -> None:
    if engine.dialect.name != "postgresql":
        raise ServerError(
            "此命令需要 PostgreSQL 服务器 (needs a postgresql://user:password@host:port/db URL)"
        )


def _tables(connection: Connection) -> list[str]:
    return list(
        connection.execute(
            text(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
                " AND tablename <> 'alembic_version' ORDER BY tablename"
            )
        ).scalars()
    )


_CREATE_ROLE = """DO $$ BEGIN
    CREATE ROLE {role} NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$"""

_UNIT_TABLE_SQL = f"""CREATE TABLE IF NOT EXISTS {UNIT_TABLE} (
    login name NOT NULL,
    organization_id integer NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
    PRIMARY KEY (login, organization_id)
)"""

# SECURITY DEFINER: the check reads owner rows and bindings whatever the caller may read,
# and runs once per row an editor touches.
_MAY_EDIT = f"""CREATE OR REPLACE FUNCTION gl_may_edit_project(pid integer) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {{schema}} AS $$
    SELECT EXISTS (
        SELECT 1 FROM project_owner o JOIN {UNIT_TABLE} u ON u.organization_id = o.organization_id
        WHERE o.project_id = pid AND u.login = session_user
            AND o.role IN ('lead', 'cooperating'))
$$"""


def _policy(connection: Connection, table: str, name: str, body: str) -> None:
    connection.execute(text(f'DROP POLICY IF EXISTS {name} ON "{table}"'))
    connection.execute(text(f'CREATE POLICY {name} ON "{table}" {body}'))


def apply_permissions(connection: Connection) -> None:
    """Roles, grants and row-level security policies on every table (idempotent)."""
    admin, editor, viewer = ROLES["admin"], ROLES["editor"], ROLES["viewer"]
    for role in ROLES.values():
        connection.execute(text(_CREATE_ROLE.format(role=role)))
    schema = connection.execute(text("SELECT current_schema()")).scalar_one()
    database = connection.execute(text("SELECT current_database()")).scalar_one()
    connection.execute(text(_UNIT_TABLE_SQL))
    connection.execute(text(_MAY_EDIT.format(schema=schema)))
    connection.execute(
        text(f'GRANT CONNECT, TEMPORARY ON DATABASE "{database}" TO {admin}, {editor}, {viewer}')
    )
    connection.execute(text(f"GRANT USAGE ON SCHEMA {schema} TO {admin}, {editor}, {viewer}"))
    connection.execute(text(f"REVOKE CREATE ON SCHEMA {schema} FROM PUBLIC"))
    connection.execute(text(f"GRANT SELECT ON alembic_version TO {admin}, {editor}, {viewer}"))
    connection.execute(
        text(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {admin}, {editor}")
    )
    connection.execute(text(f"GRANT EXECUTE ON FUNCTION gl_may_edit_project(integer) TO {editor}"))
    for table in _tables(connection):
        quoted = f'"{table}"'
        connection.execute(text(f"REVOKE ALL ON {quoted} FROM PUBLIC, {editor}, {viewer}"))
        connection.execute(text(f"GRANT ALL ON {quoted} TO {admin}"))
        connection.execute(text(f"GRANT SELECT ON {quoted} TO {editor}, {viewer}"))
        connection.execute(text(f"ALTER TABLE {quoted} ENABLE ROW LEVEL SECURITY"))
        _policy(connection, table, "gl_admin_all", f"TO {admin} USING (true) WITH CHECK (true)")
        _policy(connection, table, "gl_read", f"FOR SELECT TO {editor}, {viewer} USING (true)")
    # The editor's writes: its units' projects only.
    for table in EDITOR_TABLES:
        connection.execute(text(f"GRANT INSERT, UPDATE, DELETE ON {table} TO {editor}"))
        owned = "gl_may_edit_project(project_id)"
        _policy(
            connection, table, "gl_editor_insert", f"FOR INSERT TO {editor} WITH CHECK ({owned})"
        )
        _policy(
            connection,
            table,
            "gl_editor_update",
            f"FOR UPDATE TO {editor} USING ({owned}) WITH CHECK ({owned})",
        )
        _policy(connection, table, "gl_editor_delete", f"FOR DELETE TO {editor} USING ({owned})")
    columns = ", ".join(EDITOR_PROJECT_COLUMNS)
    connection.execute(text(f"GRANT UPDATE ({columns}) ON project TO {editor}"))
    owned = "gl_may_edit_project(id)"
    _policy(
        connection,
        "project",
        "gl_editor_update",
        f"FOR UPDATE TO {editor} USING ({owned}) WITH CHECK ({owned})",
    )
    # Audit lines: added in the editor's own name, never changed or removed.
    connection.execute(text(f"GRANT INSERT ON audit_entry TO {editor}"))
    _policy(
        connection,
        "audit_entry",
        "gl_editor_audit",
        f'FOR INSERT TO {editor} WITH CHECK ("user" = session_user)',
    )


def init_server(engine: Engine) -> None:
    """Schema (the alembic migrations), then roles and policies. Safe to run again."""
    _require_postgresql(engine)
    from db.migrate import upgrade_to_head

    upgrade_to_head(engine)
    with engine.begin() as connection:
        # One set-up at a time: the roles are shared by every database of the server.
        connection.execute(text("SELECT pg_advisory_xact_lock(4736)"))
        apply_permissions(connection)


def _check_login(login: str) -> str:
    if not _LOGIN.match(login):
        raise ServerError(
            f"用户名只能用小写字母、数字和下划线 (login must be lowercase letters, digits, _): {login}"
        )
    return login


def resolve_units(connection: Connection, names: list[str]) -> list[int]:
    """Unit names as the grid names them (full, short or alias) → organization ids."""
    from sqlalchemy.orm import Session

    from services.organizations import OrganizationResolver

    with Session(bind=connection) as session:
        resolver = OrganizationResolver(session)
        ids = []
        for name in names:
            org = resolver.find(name)
            if org is None:
                raise ServerError(f"找不到单位 (no such unit): {name}")
            ids.append(org.id)
    return ids


def add_user(engine: Engine, login: str, role: str, password: str, units: list[str]) -> None:
    """A login role in one of the three groups; an editor needs at least one unit."""
    _require_postgresql(engine)
    login = _check_login(login)
    if role not in ROLES:
        raise ServerError(f"角色只能是 admin、editor 或 viewer (unknown role): {role}")
    if role == "editor" and not units:
        raise ServerError("编辑者至少要绑定一个单位 (an editor needs --unit)")
    if not password:
        raise ServerError("密码不能为空 (empty password)")
    with engine.begin() as connection:
        unit_ids = resolve_units(connection, units)
        exists = connection.execute(
            text("SELECT 1 FROM pg_roles WHERE rolname = :login"), {"login": login}
        ).first()
        verifier = scram_verifier(password).replace("'", "''")
        verb = "ALTER" if exists else "CREATE"
        connection.exec_driver_sql(f"{verb} ROLE \"{login}\" LOGIN PASSWORD '{verifier}'")
        for group in ROLES.values():
            if group != ROLES[role]:
                connection.execute(text(f'REVOKE {group} FROM "{login}"'))
        connection.execute(text(f'GRANT {ROLES[role]} TO "{login}"'))
        connection.execute(text(f"DELETE FROM {UNIT_TABLE} WHERE login = :login"), {"login": login})
        for unit_id in unit_ids:
            connection.execute(
                text(f"INSERT INTO {UNIT_TABLE} (login, organization_id) VALUES (:login, :unit)"),
                {"login": login, "unit": unit_id},
            )


def list_users(engine: Engine) -> list[ServerUser]:
    _require_postgresql(engine)
    groups = ", ".join(f"'{g}'" for g in ROLES.values())
    query = text(
        f"""SELECT r.rolname, g.rolname, r.rolcanlogin,
            ARRAY(SELECT o.name FROM {UNIT_TABLE} u JOIN organization o ON o.id = u.organization_id
                  WHERE u.login = r.rolname ORDER BY o.name)
        FROM pg_roles r JOIN pg_auth_members m ON m.member = r.oid
        JOIN pg_roles g ON g.oid = m.roleid
        WHERE g.rolname IN ({groups}) ORDER BY r.rolname"""
    )
    names = {v: k for k, v in ROLES.items()}
    with engine.connect() as connection:
        rows = connection.execute(query).all()
    return [ServerUser(login, names[group], tuple(units), can) for login, group, can, units in rows]


def disable_user(engine: Engine, login: str) -> None:
    """No more sign-ins; what the user wrote stays, with their name on the audit lines."""
    _require_postgresql(engine)
    login = _check_login(login)
    with engine.begin() as connection:
        if not connection.execute(
            text("SELECT 1 FROM pg_roles WHERE rolname = :login"), {"login": login}
        ).first():
            raise ServerError(f"没有这个用户 (no such user): {login}")
        connection.execute(text(f'ALTER ROLE "{login}" NOLOGIN'))
        connection.execute(
            text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = :login"),
            {"login": login},
        )
