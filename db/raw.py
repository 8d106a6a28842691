"""Statements run on the bare DB-API cursor, for reads too big for Row objects.

SQLite's driver takes positional `?` values, psycopg named `%(name)s` ones: the statement is
compiled for the session's dialect and its values handed over in the form that driver wants.
"""

from __future__ import annotations

from sqlalchemy.orm import Session


def driver_statement(session: Session, statement) -> tuple[str, tuple | dict]:
    compiled = statement.compile(
        dialect=session.get_bind().dialect, compile_kwargs={"render_postcompile": True}
    )
    params = compiled.construct_params()
    if compiled.positiontup is not None:
        return str(compiled), tuple(params[name] for name in compiled.positiontup)
    return str(compiled), params


def driver_cursor(session: Session):
    # driver_connection is the DB-API driver's own object, typed Optional by SQLAlchemy
    return session.connection().connection.driver_connection.cursor()  # type: ignore[union-attr]
