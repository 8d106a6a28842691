"""row versions: every editable row counts its writes

Revision ID: 0009_row_versions
Revises: 0008_postgresql
Create Date: 2026-12-03 13:00:00

row_version starts at 1 and the row writer (services.writer.update_rows) adds one on every
update. A write that says which version it was based on is refused when the row has moved on
since (another clerk saved first), so no update is ever lost silently. A plain ADD COLUMN on
both backends: SQLite keeps the table (and its triggers) instead of copying it.
"""

from alembic import op
import sqlalchemy as sa


revision = '0009_row_versions'
down_revision = '0008_postgresql'
branch_labels = None
depends_on = None

VERSIONED = (
    'plan', 'section', 'project', 'organization', 'progress_report', 'project_milestone',
    'indicator', 'indicator_value', 'key_task', 'rectification',
)


def upgrade() -> None:
    for table in VERSIONED:
        op.add_column(
            table,
            sa.Column('row_version', sa.Integer(), nullable=False, server_default=sa.text('1')),
        )


def downgrade() -> None:
    for table in VERSIONED:
        with op.batch_alter_table(table) as batch:
            batch.drop_column('row_version')
