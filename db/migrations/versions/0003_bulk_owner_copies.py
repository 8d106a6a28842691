"""bulk writers may fill project_owner's copies themselves

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 23:00:00

The insert trigger that fills project_owner.plan_id / planned_investment_wan / is_first_lead
now fires only when the writer left plan_id NULL (ORM and ledger writes of new owner rows;
restores of deleted rows carry their saved copies, which are right already). A bulk writer
that inserts whole new projects — the Excel import, 250,000 owner rows for 100,000 projects —
supplies the three copies itself and skips two correlated UPDATEs per row (measured: 2.2 s of
a 100k-row import). Such a writer must give every owner row of a project at once, in position
order, with is_first_lead set on the first lead only (importers.plan_import does).
"""

from alembic import op


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


_BODY = """
BEGIN
    UPDATE project_owner SET
        plan_id = (SELECT p.plan_id FROM project p WHERE p.id = NEW.project_id),
        planned_investment_wan =
            (SELECT p.planned_investment_wan FROM project p WHERE p.id = NEW.project_id),
        is_first_lead = (NEW.role = 'lead' AND NOT EXISTS (
            SELECT 1 FROM project_owner e WHERE e.project_id = NEW.project_id
            AND e.role = 'lead' AND e.position < NEW.position))
    WHERE project_id = NEW.project_id AND position = NEW.position;
    UPDATE project_owner SET is_first_lead = 0
    WHERE NEW.role = 'lead' AND project_id = NEW.project_id AND position > NEW.position
        AND is_first_lead = 1;
END"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return  # PostgreSQL's insert trigger has this condition from the start (0008_postgresql)
    op.execute("DROP TRIGGER IF EXISTS trg_project_owner_insert")
    op.execute(
        "CREATE TRIGGER trg_project_owner_insert AFTER INSERT ON project_owner\n"
        "WHEN NEW.plan_id IS NULL" + _BODY
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("DROP TRIGGER IF EXISTS trg_project_owner_insert")
    op.execute("CREATE TRIGGER trg_project_owner_insert AFTER INSERT ON project_owner" + _BODY)
