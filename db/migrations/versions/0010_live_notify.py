"""live refresh: PostgreSQL tells every client which tables a commit changed

Revision ID: 0010_live_notify
Revises: 0009_row_versions
Create Date: 2026-12-03 13:15:00

A statement-level trigger on each ledger table sends NOTIFY greenledger_changes with the
table's name and the writing client's application_name (db.engine gives each app instance its
own). PostgreSQL delivers it at commit only, once per table and transaction, so a 100,000-row
import is one notice per table. Clients LISTEN (services.live) and refresh what changed.
Nothing changes on SQLite.
"""

from alembic import op


revision = '0010_live_notify'
down_revision = '0009_row_versions'
branch_labels = None
depends_on = None

CHANNEL = 'greenledger_changes'
TABLES = (
    'plan', 'section', 'project', 'project_owner', 'organization', 'organization_alias',
    'progress_report', 'project_milestone', 'indicator', 'indicator_value', 'key_task',
    'key_task_owner', 'key_task_project', 'rectification', 'rectification_town',
    'return_round', 'return_send', 'return_receipt',
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"""CREATE OR REPLACE FUNCTION gl_notify_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('{CHANNEL}',
        TG_TABLE_NAME || ' ' || coalesce(current_setting('application_name', true), ''));
    RETURN NULL;
END $$""")
    for table in TABLES:
        op.execute(
            f'CREATE TRIGGER trg_{table}_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE'
            f' ON "{table}" FOR EACH STATEMENT EXECUTE FUNCTION gl_notify_change()'
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in TABLES:
        op.execute(f'DROP TRIGGER IF EXISTS trg_{table}_notify ON "{table}"')
    op.execute("DROP FUNCTION IF EXISTS gl_notify_change()")
