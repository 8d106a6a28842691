"""a trigram full-text index for the quick filter (SQLite FTS5)

Revision ID: 0005_text_search
Revises: 0004_returns
Create Date: 2026-12-03 12:10:00

project_search indexes the four columns the quick filter searches (name, content, type, the
owners text) in trigrams, so any substring of three or more characters — Chinese included,
where words are not separated by spaces — is found from the index instead of a scan of every
row's long content. It is an external-content table (the text stays in project only), kept in
step by triggers (bulk loads fill it after their rows, db.text_index.deferred). detail=none
keeps no positions: half the build time and a third less space; a lookup then finds the rows
holding every trigram of the word, and the exact test decides among them. SQLite only, and only where the library has FTS5 with the trigram tokenizer
(SQLite >= 3.34); without it the filter scans as before (db.text_index.available).
"""

import sqlalchemy as sa
from alembic import op

revision = '0005_text_search'
down_revision = '0004_returns'
branch_labels = None
depends_on = None

_COLUMNS = "name, content, project_type, owners_text"
_OLD = "old.name, old.content, old.project_type, old.owners_text"
_NEW = "new.name, new.content, new.project_type, new.owners_text"


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    try:
        op.execute(
            f"CREATE VIRTUAL TABLE project_search USING fts5({_COLUMNS},"
            " content='project', content_rowid='id', tokenize='trigram', detail='none')"
        )
    except sa.exc.OperationalError:  # no FTS5 or no trigram tokenizer: the filter scans
        return
    op.execute(
        "CREATE TRIGGER project_search_insert AFTER INSERT ON project BEGIN\n"
        f"  INSERT INTO project_search(rowid, {_COLUMNS}) VALUES (new.id, {_NEW});\nEND"
    )
    op.execute(
        "CREATE TRIGGER project_search_delete AFTER DELETE ON project BEGIN\n"
        f"  INSERT INTO project_search(project_search, rowid, {_COLUMNS})"
        f" VALUES ('delete', old.id, {_OLD});\nEND"
    )
    op.execute(
        f"CREATE TRIGGER project_search_update AFTER UPDATE OF {_COLUMNS} ON project BEGIN\n"
        f"  INSERT INTO project_search(project_search, rowid, {_COLUMNS})"
        f" VALUES ('delete', old.id, {_OLD});\n"
        f"  INSERT INTO project_search(rowid, {_COLUMNS}) VALUES (new.id, {_NEW});\nEND"
    )
    op.execute("INSERT INTO project_search(project_search) VALUES ('rebuild')")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for trigger in ("insert", "delete", "update"):
        op.execute(f"DROP TRIGGER IF EXISTS project_search_{trigger}")
    op.execute("DROP TABLE IF EXISTS project_search")
