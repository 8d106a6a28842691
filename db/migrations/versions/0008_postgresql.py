"""PostgreSQL counterparts of the SQLite-only pieces

Revision ID: 0008_postgresql
Revises: 0007_sort_indexes
Create Date: 2026-12-03 12:00:00

Nothing changes on SQLite. On PostgreSQL (the office server):
- the owner-copy triggers of 0001/0003 as plpgsql functions, with the same rules: an owner row
  inserted without its copies (plan_id NULL) gets its project's plan and investment and the
  first-lead mark; re-roled, re-placed or moved rows recompute the first lead; deleting the
  first lead promotes the next; a project's plan or investment change reaches its owner rows.
- audit lines carry the database user who wrote them and the server's time, whatever the
  client claims (a ledger copied in keeps its history: services.ledger_copy says so with
  the transaction-local setting greenledger.keep_audit_authors).
- pg_trgm GIN indexes on the four texts the quick filter searches, so a substring search
  (LIKE '%…%') of three or more characters is an index lookup instead of a scan of every row.
"""

from alembic import op


revision = '0008_postgresql'
down_revision = '0007_sort_indexes'
branch_labels = None
depends_on = None


_FUNCTIONS = (
    # The project's first-listed lead gets is_first_lead, every other owner row loses it.
    """CREATE OR REPLACE FUNCTION gl_recompute_first_lead(pid integer) RETURNS void
LANGUAGE sql AS $$
    UPDATE project_owner o SET is_first_lead = x.first
    FROM (SELECT e.position, (e.role = 'lead' AND e.position = (
              SELECT min(l.position) FROM project_owner l
              WHERE l.project_id = pid AND l.role = 'lead')) AS first
          FROM project_owner e WHERE e.project_id = pid) x
    WHERE o.project_id = pid AND o.position = x.position
        AND o.is_first_lead IS DISTINCT FROM x.first
$$""",
    """CREATE OR REPLACE FUNCTION gl_project_owner_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    SELECT p.plan_id, p.planned_investment_wan INTO NEW.plan_id, NEW.planned_investment_wan
    FROM project p WHERE p.id = NEW.project_id;
    NEW.is_first_lead := (NEW.role = 'lead' AND NOT EXISTS (
        SELECT 1 FROM project_owner e WHERE e.project_id = NEW.project_id
        AND e.role = 'lead' AND e.position < NEW.position));
    IF NEW.role = 'lead' THEN
        UPDATE project_owner SET is_first_lead = false
        WHERE project_id = NEW.project_id AND position > NEW.position AND is_first_lead;
    END IF;
    RETURN NEW;
END $$""",
    """CREATE OR REPLACE FUNCTION gl_project_owner_update() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.project_id IS DISTINCT FROM OLD.project_id THEN
        UPDATE project_owner o SET plan_id = p.plan_id,
            planned_investment_wan = p.planned_investment_wan
        FROM project p
        WHERE p.id = NEW.project_id AND o.project_id = NEW.project_id
            AND o.position = NEW.position;
    END IF;
    PERFORM gl_recompute_first_lead(OLD.project_id);
    IF NEW.project_id IS DISTINCT FROM OLD.project_id THEN
        PERFORM gl_recompute_first_lead(NEW.project_id);
    END IF;
    RETURN NULL;
END $$""",
    """CREATE OR REPLACE FUNCTION gl_project_owner_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM gl_recompute_first_lead(OLD.project_id);
    RETURN NULL;
END $$""",
    """CREATE OR REPLACE FUNCTION gl_audit_author() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('greenledger.keep_audit_authors', true) IS DISTINCT FROM 'on' THEN
        NEW."user" := session_user;
        NEW.at := (now() AT TIME ZONE 'UTC')::timestamp;
    END IF;
    RETURN NEW;
END $$""",
    """CREATE OR REPLACE FUNCTION gl_project_owner_follow_project() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE project_owner SET
        plan_id = NEW.plan_id, planned_investment_wan = NEW.planned_investment_wan
    WHERE project_id = NEW.id;
    RETURN NULL;
END $$""",
)

_TRIGGERS = (
    """CREATE TRIGGER trg_project_owner_insert BEFORE INSERT ON project_owner
FOR EACH ROW WHEN (NEW.plan_id IS NULL) EXECUTE FUNCTION gl_project_owner_insert()""",
    """CREATE TRIGGER trg_project_owner_update
AFTER UPDATE OF project_id, position, role ON project_owner
FOR EACH ROW EXECUTE FUNCTION gl_project_owner_update()""",
    """CREATE TRIGGER trg_project_owner_delete AFTER DELETE ON project_owner
FOR EACH ROW WHEN (OLD.is_first_lead) EXECUTE FUNCTION gl_project_owner_delete()""",
    """CREATE TRIGGER trg_project_owner_follow_project
AFTER UPDATE OF plan_id, planned_investment_wan ON project FOR EACH ROW
WHEN (NEW.plan_id IS DISTINCT FROM OLD.plan_id
    OR NEW.planned_investment_wan IS DISTINCT FROM OLD.planned_investment_wan)
EXECUTE FUNCTION gl_project_owner_follow_project()""",
    """CREATE TRIGGER trg_audit_author BEFORE INSERT ON audit_entry
FOR EACH ROW EXECUTE FUNCTION gl_audit_author()""",
)

TRGM_COLUMNS = ("name", "content", "project_type", "owners_text")


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for statement in _FUNCTIONS + _TRIGGERS:
        op.execute(statement)
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in TRGM_COLUMNS:
        op.execute(
            f"CREATE INDEX ix_project_{column}_trgm ON project USING gin ({column} gin_trgm_ops)"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for column in TRGM_COLUMNS:
        op.execute(f"DROP INDEX IF EXISTS ix_project_{column}_trgm")
    for name, table in (
        ("trg_project_owner_insert", "project_owner"),
        ("trg_project_owner_update", "project_owner"),
        ("trg_project_owner_delete", "project_owner"),
        ("trg_project_owner_follow_project", "project"),
        ("trg_audit_author", "audit_entry"),
    ):
        op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
    for function in (
        "gl_project_owner_insert()",
        "gl_project_owner_update()",
        "gl_project_owner_delete()",
        "gl_project_owner_follow_project()",
        "gl_audit_author()",
        "gl_recompute_first_lead(integer)",
    ):
        op.execute(f"DROP FUNCTION IF EXISTS {function}")
