"""`server init` and `user add|list|disable`: set up the office's PostgreSQL ledger.

    python main.py server init --db postgresql://postgres@server/greenledger
    python main.py user add wangli --role editor --unit 区住建局 --db URL   # password: prompt
    python main.py user list --db URL
    python main.py user disable wangli --db URL
The password comes from GREENLEDGER_PASSWORD or a prompt (never the command line, which other
users of the machine can see); the server keeps only its SCRAM-SHA-256 secret.
"""

from __future__ import annotations

import os

PASSWORD_VARIABLE = "GREENLEDGER_PASSWORD"


def register(subparsers) -> None:
    from cli.main import db_option

    server = subparsers.add_parser("server", help="set up a PostgreSQL server ledger")
    server_commands = server.add_subparsers(dest="server_command", metavar="ACTION", required=True)
    init = server_commands.add_parser(
        "init", help="schema, roles and permissions (idempotent; run again after an upgrade)"
    )
    db_option(init)
    init.set_defaults(handler=run_init)

    user = subparsers.add_parser("user", help="server accounts: add, list, disable")
    user_commands = user.add_subparsers(dest="user_command", metavar="ACTION", required=True)
    add = user_commands.add_parser("add", help="add a login (or change its role, units, password)")
    add.add_argument("login")
    add.add_argument("--role", required=True, choices=("admin", "editor", "viewer"))
    add.add_argument(
        "--unit",
        action="append",
        default=[],
        metavar="UNIT",
        help="an editor's unit, full name, short name or alias (repeat for several)",
    )
    db_option(add)
    add.set_defaults(handler=run_add)
    listing = user_commands.add_parser("list", help="logins, roles and units")
    db_option(listing)
    listing.set_defaults(handler=run_list)
    disable = user_commands.add_parser("disable", help="stop a login from signing in")
    disable.add_argument("login")
    db_option(disable)
    disable.set_defaults(handler=run_disable)


def _server_engine(args):
    from cli.main import UserError
    from db import open_database
    from db.engine import is_server_url

    target = getattr(args, "db", None)
    if not is_server_url(target):
        raise UserError(
            "请用 --db 指定 PostgreSQL 服务器 (give --db postgresql://user:password@host:port/db)"
        )
    return open_database(target, migrate=False)


def _run(args, action):
    from cli.main import UserError
    from services.server import ServerError

    engine = _server_engine(args)
    try:
        return action(engine)
    except ServerError as exc:
        raise UserError(str(exc)) from exc
    finally:
        engine.dispose()


def run_init(args) -> int:
    from services.server import init_server

    _run(args, init_server)
    print("服务器已就绪 (server ready): schema, roles greenledger_admin/editor/viewer, policies")
    return 0


def _password(login: str) -> str:
    password = os.environ.get(PASSWORD_VARIABLE)
    if password:
        return password
    import getpass

    first = getpass.getpass(f"{login} 的密码 (password): ")
    if getpass.getpass("再输一次 (again): ") != first:
        from cli.main import UserError

        raise UserError("两次输入的密码不同 (the passwords differ)")
    return first


def run_add(args) -> int:
    from services.server import add_user

    password = _password(args.login)
    _run(args, lambda engine: add_user(engine, args.login, args.role, password, args.unit))
    units = f"，单位 (units): {'、'.join(args.unit)}" if args.unit else ""
    print(f"用户 {args.login} 为 {args.role}{units}")
    return 0


def run_list(args) -> int:
    from services.server import list_users

    for user in _run(args, list_users):
        state = "" if user.can_login else "  (已停用 disabled)"
        units = "、".join(user.units) or "-"
        print(f"{user.login}\t{user.role}\t{units}{state}")
    return 0


def run_disable(args) -> int:
    from services.server import disable_user

    _run(args, lambda engine: disable_user(engine, args.login))
    print(f"用户 {args.login} 已停用 (disabled)")
    return 0
