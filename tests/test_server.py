"""Office server mode on a real PostgreSQL: `server init`, `user add|list|disable`, and the
permissions the database itself enforces on every table for each role (psycopg as that user).
"""

from __future__ import annotations

import itertools
import os
import urllib.parse

import psycopg
import pytest
from psycopg import errors

from cli.main import main
from models import Base
from tests import pg_databases

PASSWORD = "Secret-123"
_logins = itertools.count()


def _as(url: str, login: str) -> str:
    parts = urllib.parse.urlsplit(url)
    netloc = f"{login}:{PASSWORD}@{parts.hostname}:{parts.port}"
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc))


@pytest.fixture
def office(request, monkeypatch):
    """The sample ledger on a server after `server init`, with one login of each role."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    n = next(_logins)
    logins = {role: f"t_{role}_{worker}_{n}" for role in ("admin", "editor", "viewer")}
    monkeypatch.setenv("GREENLEDGER_PASSWORD", PASSWORD)
    with pg_databases.fresh_database(request.node.name, "sample") as url:
        assert main(["server", "init", "--db", url]) == 0
        assert main(["user", "add", logins["admin"], "--role", "admin", "--db", url]) == 0
        # The editor's unit named by its alias, as the grid would accept it.
        editor = ["user", "add", logins["editor"], "--role", "editor", "--unit", "住建局"]
        assert main([*editor, "--db", url]) == 0
        assert main(["user", "add", logins["viewer"], "--role", "viewer", "--db", url]) == 0
        try:
            yield url, logins
        finally:
            pg_databases.drop_database(urllib.parse.urlsplit(url).path.lstrip("/"))
            with pg_databases.admin_connection() as admin:
                for login in logins.values():
                    admin.execute(f'DROP ROLE IF EXISTS "{login}"')


def _connect(url, login):
    return psycopg.connect(_as(url, login), autocommit=True)


def _projects(url) -> tuple[int, int]:
    """A project the editor's unit (区住建局) leads or cooperates on, and one it has no part in."""
    with psycopg.connect(url) as c:
        own = c.execute(
            "SELECT o.project_id FROM project_owner o JOIN organization g ON g.id = o.organization_id"
            " WHERE g.name = '区住建局' AND o.role IN ('lead', 'cooperating') ORDER BY 1 LIMIT 1"
        ).fetchone()[0]
        other = c.execute(
            "SELECT id FROM project p WHERE NOT EXISTS (SELECT 1 FROM project_owner o"
            " JOIN organization g ON g.id = o.organization_id"
            " WHERE o.project_id = p.id AND g.name = '区住建局') ORDER BY 1 LIMIT 1"
        ).fetchone()[0]
    return own, other


def _first_column(table) -> str:
    key = {c.name for c in table.primary_key}
    return next((c.name for c in table.columns if c.name not in key), table.columns[0].name)


def _writes(table) -> list[str]:
    column = _first_column(table)
    return [
        f'INSERT INTO "{table.name}" SELECT * FROM "{table.name}" WHERE false',
        f'UPDATE "{table.name}" SET "{column}" = "{column}"',
        f'DELETE FROM "{table.name}"',
    ]


def _refused(connection, statement) -> bool:
    try:
        connection.execute(statement)
    except errors.InsufficientPrivilege:
        return True
    return False


def test_server_init_is_idempotent_and_lists_users(office, capsys):
    url, logins = office
    assert main(["server", "init", "--db", url]) == 0  # again, as after an upgrade
    capsys.readouterr()
    assert main(["user", "list", "--db", url]) == 0
    listing = capsys.readouterr().out
    assert f"{logins['editor']}\teditor\t区住建局" in listing
    assert f"{logins['viewer']}\tviewer\t-" in listing
    with psycopg.connect(url) as c:
        verifier = c.execute(
            "SELECT rolpassword FROM pg_authid WHERE rolname = %s", (logins["editor"],)
        ).fetchone()[0]
    assert verifier.startswith("SCRAM-SHA-256$") and PASSWORD not in verifier
    with _connect(url, logins["viewer"]) as viewer:  # the password works
        assert viewer.execute("SELECT count(*) FROM project").fetchone()[0] == 56


def test_unknown_unit_and_missing_unit_are_refused(office, capsys):
    url, _logins = office
    assert (
        main(["user", "add", "t_nobody", "--role", "editor", "--unit", "不存在局", "--db", url])
        == 1
    )
    assert "不存在局" in capsys.readouterr().err
    assert main(["user", "add", "t_nobody", "--role", "editor", "--db", url]) == 1
    assert "--unit" in capsys.readouterr().err


def test_a_disabled_user_cannot_sign_in(office):
    url, logins = office
    assert main(["user", "disable", logins["viewer"], "--db", url]) == 0
    with pytest.raises(psycopg.OperationalError, match="not permitted to log in"):
        _connect(url, logins["viewer"])


def test_viewer_reads_everything_and_writes_nothing(office):
    url, logins = office
    with _connect(url, logins["viewer"]) as viewer:
        for table in Base.metadata.sorted_tables:
            viewer.execute(f'SELECT count(*) FROM "{table.name}"')
            for statement in _writes(table):
                assert _refused(viewer, statement), statement


def test_editor_writes_only_tracking_of_its_units_projects(office):
    url, logins = office
    own, other = _projects(url)
    allowed = {"progress_report", "project_milestone"}
    with _connect(url, logins["editor"]) as editor:
        for table in Base.metadata.sorted_tables:
            if table.name in allowed:
                continue
            for statement in _writes(table):
                if table.name == "audit_entry" and statement.startswith("INSERT"):
                    continue  # its own audit lines: checked below
                if table.name == "project" and statement.startswith("UPDATE"):
                    continue  # remarks and status of its projects: checked below
                assert _refused(editor, statement), statement
        # Its own project: a progress report, a milestone, remarks and status.
        editor.execute(
            "INSERT INTO progress_report (project_id, period, period_end, progress_pct,"
            " over_plan_confirmed) VALUES (%s, '2023Q2', '2023-06-30', 5000, false)",
            (own,),
        )
        editor.execute(
            "UPDATE progress_report SET progress_pct = 6000 WHERE project_id = %s", (own,)
        )
        editor.execute(
            "INSERT INTO project_milestone (project_id, due, pct) VALUES (%s, '2023-09-30', 8000)",
            (own,),
        )
        cursor = editor.execute("UPDATE project SET remarks = '进展顺利' WHERE id = %s", (own,))
        assert cursor.rowcount == 1
        editor.execute(
            'INSERT INTO audit_entry (at, "user", action, entity, entity_id)'
            " VALUES (now(), current_user, 'update', 'project', %s)",
            (own,),
        )
        # Money, owners' projects it has no part in, another's name on an audit line: refused.
        assert _refused(editor, f"UPDATE project SET planned_investment_wan = 1 WHERE id = {own}")
        assert _refused(editor, f"UPDATE project SET name = 'x' WHERE id = {own}")
        cursor = editor.execute("UPDATE project SET remarks = 'x' WHERE id = %s", (other,))
        assert cursor.rowcount == 0  # not its project: invisible to its writes
        with pytest.raises(errors.InsufficientPrivilege):  # row-level security
            editor.execute(
                "INSERT INTO progress_report (project_id, period, period_end,"
                " over_plan_confirmed) VALUES (%s, '2023Q2', '2023-06-30', false)",
                (other,),
            )
        # An audit line claiming another author is stored under the editor's own name…
        line = editor.execute(
            'INSERT INTO audit_entry (at, "user", action, entity, entity_id)'
            " VALUES ('2000-01-01', 'office', 'update', 'project', %s) RETURNING \"user\", at",
            (own,),
        ).fetchone()
        assert line[0] == logins["editor"] and line[1].year > 2000
        # …and one that asks to keep the claimed author is refused (row-level security).
        with editor.transaction(), pytest.raises(errors.InsufficientPrivilege):
            editor.execute("SET LOCAL greenledger.keep_audit_authors = 'on'")
            editor.execute(
                'INSERT INTO audit_entry (at, "user", action, entity, entity_id)'
                " VALUES (now(), 'office', 'update', 'project', %s)",
                (own,),
            )
        for table in allowed:
            cursor = editor.execute(f"DELETE FROM {table} WHERE project_id = %s", (other,))
            assert cursor.rowcount == 0
    with psycopg.connect(url) as c:  # what it wrote is there; the other project untouched
        assert c.execute(
            "SELECT progress_pct FROM progress_report WHERE project_id = %s", (own,)
        ).fetchone() == (6000,)
        assert c.execute("SELECT remarks FROM project WHERE id = %s", (other,)).fetchone()[0] != "x"


def test_admin_writes_everything(office):
    url, logins = office
    with _connect(url, logins["admin"]) as admin:
        assert admin.execute("UPDATE plan SET notes = '办公室修改'").rowcount == 1
        assert admin.execute("UPDATE project SET planned_investment_wan = 100").rowcount == 56
        assert admin.execute("DELETE FROM audit_entry").rowcount >= 0
        admin.execute(
            "INSERT INTO section (plan_id, position, name) SELECT id, 99, '新分类' FROM plan"
        )
        assert (
            admin.execute("DELETE FROM project WHERE id = (SELECT min(id) FROM project)").rowcount
            == 1
        )


def test_the_app_writes_as_an_editor_exactly_what_the_database_allows(office):
    """Through the services, as the app writes: the editor's remark is saved under its login;
    a money edit is refused as a PermissionRefused and writes nothing."""
    from sqlalchemy import select as sql_select

    from db import open_database, session_factory
    from models import AuditEntry, Project
    from services import ledger
    from services.errors import PermissionRefused

    url, logins = office
    own, _other = _projects(url)
    engine = open_database(_as(url, logins["editor"]))
    try:
        with session_factory(engine)() as session:
            ledger.set_fields(session, {own: {"remarks": "本季度已完工"}})
            before = session.get(Project, own).planned_investment_wan
            with pytest.raises(PermissionRefused):
                ledger.set_fields(session, {own: {"planned_investment_wan": "1.00"}})
            session.expire_all()
            assert session.get(Project, own).planned_investment_wan == before
            author = session.scalars(
                sql_select(AuditEntry.user).where(
                    AuditEntry.entity_id == own, AuditEntry.field == "remarks"
                )
            ).all()
            assert author == [logins["editor"]]
    finally:
        engine.dispose()
