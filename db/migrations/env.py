"""Alembic environment: runs on the connection handed over by db.migrate."""

from alembic import context

from db.text_index import include_name
from models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        from sqlalchemy import create_engine

        connection = create_engine(config.get_main_option("sqlalchemy.url", "")).connect()
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        include_name=include_name,  # the FTS5 index tables are not models
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
