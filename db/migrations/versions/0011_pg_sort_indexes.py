"""PostgreSQL: the grid's (plan, column) sort indexes end in the project id

Revision ID: 0011_pg_sort_indexes
Revises: 0010_live_notify
Create Date: 2026-12-03 15:05:00

The grid sorts by a column, then by id (services.query.project_ids). In SQLite every index
ends in the rowid, which is the id, so an (plan_id, name) index already yields that order and
the ids without touching the table. PostgreSQL's indexes do not: fetching all 1,000,000 ids
sorted by name (the grid's background load after its first page) read the whole table and
sorted it on disk, 2.7 s, and 0.37 s with the id in the index (an index-only scan; by
investment 1.6 s → 0.33 s; benchmarks/bench_server_1m.py). Nothing changes on SQLite.
"""

from alembic import op

revision = '0011_pg_sort_indexes'
down_revision = '0010_live_notify'
branch_labels = None
depends_on = None

# index name → its columns after plan_id (models.project's sort indexes)
SORT_INDEXES = {
    'ix_project_plan_investment': ['planned_investment_wan'],
    'ix_project_plan_name': ['name'],
    'ix_project_plan_type': ['project_type'],
    'ix_project_plan_owners': ['owners_text'],
    'ix_project_plan_quantity': ['quantity'],
    'ix_project_plan_period': ['start_year', 'end_year'],
    'ix_project_plan_status': ['status'],
    'ix_project_plan_seq': ['seq_label'],
    'ix_project_plan_kind': ['construction_kind'],
}


def _rebuild(with_id: bool) -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name, columns in SORT_INDEXES.items():
        op.drop_index(name, table_name='project')
        op.create_index(name, 'project', ['plan_id', *columns, *(['id'] if with_id else [])])
    op.execute("ANALYZE project")


def upgrade() -> None:
    _rebuild(with_id=True)


def downgrade() -> None:
    _rebuild(with_id=False)
