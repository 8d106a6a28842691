"""Opening the SQLite store: engine, pragmas, migrations, backups. No Qt here."""

from db.engine import default_db_path, open_database, session_factory

__all__ = ["default_db_path", "open_database", "session_factory"]
