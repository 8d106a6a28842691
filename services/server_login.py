"""Signing in to the office server: who, where, and why a connection fails.

`ServerLogin` is what the sign-in dialog asks for (host, port, database, user, sslmode and
the password, which is never part of its public URL or its repr). `check_login` connects once
and tells in a `LoginProblem` what a clerk or the IT person can act on — the server cannot be
reached, the password is wrong, the database does not exist, it was never prepared with
`server init`, or its schema is older or newer than this GreenLedger — instead of a driver
traceback. Without a password libpq reads PGPASSWORD or ~/.pgpass itself. No Qt here.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlsplit

from db.engine import CONNECT_TIMEOUT  # an unreachable host is a message after this, not a hang
from db.engine import is_server_url as is_server_url  # the shell asks it here

DEFAULT_PORT = 5432
SSL_MODES = ("disable", "prefer", "require", "verify-full")

# LoginProblem.kind: what went wrong, and the dialog field it points at.
UNREACHABLE, NO_SSL, PASSWORD, NO_PASSWORD, NO_DATABASE = (
    "unreachable",
    "no_ssl",
    "password",
    "no_password",
    "no_database",
)
NOT_INITIALISED, SCHEMA_OLD, SCHEMA_NEW, NO_ROLE, OTHER = (
    "not_initialised",
    "schema_old",
    "schema_new",
    "no_role",
    "other",
)
FIELD_OF_KIND = {
    UNREACHABLE: "host",
    NO_SSL: "sslmode",
    PASSWORD: "password",
    NO_PASSWORD: "password",
    NO_DATABASE: "database",
    NOT_INITIALISED: "database",
    SCHEMA_OLD: "database",
    SCHEMA_NEW: "database",
    NO_ROLE: "user",
    OTHER: "host",
}


@dataclass(frozen=True)
class ServerLogin:
    host: str
    database: str
    user: str
    port: int = DEFAULT_PORT
    sslmode: str = "prefer"
    password: str = field(default="", repr=False, compare=False)

    @classmethod
    def from_url(cls, url: str) -> ServerLogin:
        """`postgresql://user[:password]@host[:port]/db[?sslmode=…]` (also postgresql+psycopg)."""
        parts = urlsplit(url)
        if not parts.scheme.startswith(("postgresql", "postgres")):
            raise ValueError(f"not a PostgreSQL URL: {parts.scheme}://")
        query = parse_qs(parts.query)
        sslmode = query.get("sslmode", ["prefer"])[0]
        return cls(
            host=parts.hostname or "localhost",
            port=parts.port or DEFAULT_PORT,
            database=unquote(parts.path.lstrip("/")) or "greenledger",
            user=unquote(parts.username or ""),
            sslmode=sslmode if sslmode in SSL_MODES else "prefer",
            password=unquote(parts.password or ""),
        )

    def with_password(self, password: str) -> ServerLogin:
        return replace(self, password=password)

    @property
    def label(self) -> str:
        """`user@host:port/db` — what the title bar, the status bar and recent lists show."""
        port = "" if self.port == DEFAULT_PORT else f":{self.port}"
        return f"{self.user}@{self.host}{port}/{self.database}"

    def public_url(self) -> str:
        """The URL without the password: safe to remember, log and show."""
        return self._url(with_password=False)

    def connect_url(self) -> str:
        """The URL the engine connects with (the password in it when one was typed)."""
        return self._url(with_password=True)

    def _url(self, *, with_password: bool) -> str:
        secret = f":{quote(self.password, safe='')}" if with_password and self.password else ""
        host = f"[{self.host}]" if ":" in self.host else self.host
        query = f"?sslmode={self.sslmode}&connect_timeout={CONNECT_TIMEOUT}"
        return (
            f"postgresql://{quote(self.user, safe='')}{secret}@{host}:{self.port}"
            f"/{quote(self.database, safe='')}{query}"
        )


class LoginProblem(Exception):
    """Why signing in failed: `kind` (above), the dialog `field` to fix, the server's words."""

    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind = kind
        self.field = FIELD_OF_KIND[kind]
        self.detail = detail


# libpq's words (it reports connection failures without a SQLSTATE), most specific first.
_LIBPQ_WORDS = (
    ("no password supplied", NO_PASSWORD),
    ("password authentication failed", PASSWORD),
    ("does not exist", NO_DATABASE),  # 'database "x" does not exist' (a role's is a password)
    ("server does not support ssl", NO_SSL),
    ("ssl", NO_SSL),
    ("connection refused", UNREACHABLE),
    ("failed to resolve host", UNREACHABLE),
    ("could not translate host name", UNREACHABLE),
    ("timeout expired", UNREACHABLE),
    ("no route to host", UNREACHABLE),
    ("network is unreachable", UNREACHABLE),
)


def classify(error: Exception) -> LoginProblem:
    """The LoginProblem of a psycopg connection error."""
    text = str(error).strip()
    # libpq: 'connection failed: connection to server at "h", port p failed: FATAL:  why'
    detail = text.rsplit("failed: ", 1)[-1].removeprefix("FATAL:")
    detail = " ".join(detail.split())[:300]
    state = getattr(error, "sqlstate", None)
    if state == "28P01":
        return LoginProblem(PASSWORD, detail)
    if state == "3D000":
        return LoginProblem(NO_DATABASE, detail)
    lowered = text.lower()
    if "role" in lowered and "does not exist" in lowered:
        return LoginProblem(PASSWORD, detail)  # an unknown login: say so as a wrong password does
    for words, kind in _LIBPQ_WORDS:
        if words in lowered:
            return LoginProblem(kind, detail)
    return LoginProblem(OTHER, detail)


@dataclass(frozen=True)
class ServerInfo:
    """What a successful check found: the server's version and the ledger's schema."""

    server_version: str
    revision: str
    roles: tuple[str, ...]  # the GreenLedger roles this login holds


def _connect(login: ServerLogin):
    import psycopg

    arguments: dict[str, Any] = {
        "host": login.host,
        "port": login.port,
        "dbname": login.database,
        "user": login.user,
        "sslmode": login.sslmode,
        "connect_timeout": CONNECT_TIMEOUT,
        "application_name": "GreenLedger sign-in",
    }
    if login.password:  # else libpq looks in PGPASSWORD and ~/.pgpass
        arguments["password"] = login.password
    try:
        return psycopg.connect(**arguments, autocommit=True)
    except psycopg.Error as error:
        raise classify(error) from None


def check_login(login: ServerLogin) -> ServerInfo:
    """Connect and check the ledger can be used by this GreenLedger; raises LoginProblem."""
    from db.migrate import head_revision

    with _connect(login) as connection:
        version = connection.execute("SHOW server_version").fetchone()[0]
        # `server init` leaves the schema and row-level security on the ledger's tables.
        prepared = connection.execute(
            "SELECT to_regclass('alembic_version') IS NOT NULL AND coalesce((SELECT"
            " relrowsecurity FROM pg_class WHERE oid = to_regclass('project')), false)"
        ).fetchone()[0]
        if not prepared:
            raise LoginProblem(NOT_INITIALISED, login.database)
        # A login `user add` never gave a role may connect but not read the ledger.
        if not connection.execute(
            "SELECT has_table_privilege('alembic_version', 'SELECT')"
        ).fetchone()[0]:
            raise LoginProblem(NO_ROLE, login.user)
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        revision = revision[0] if revision else ""
        roles = connection.execute(
            "SELECT r.rolname FROM pg_roles r WHERE r.rolname LIKE 'greenledger\\_%'"
            " AND pg_has_role(session_user, r.oid, 'MEMBER') ORDER BY 1"
        ).fetchall()
    head = head_revision()
    if revision != head:
        kind = SCHEMA_OLD if revision in known_revisions() else SCHEMA_NEW
        raise LoginProblem(kind, f"{revision or '—'} ≠ {head}")
    return ServerInfo(version, revision, tuple(name for (name,) in roles))


def known_revisions() -> set[str]:
    """Every schema revision this GreenLedger's migrations know (older ones included)."""
    from db.migrate import MIGRATIONS_DIR

    names: set[str] = set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("revision"):
                names.add(line.split("=", 1)[1].strip().strip("'\""))
    return names
