"""`coach users`: manage the page's accounts from the command line (scriptable).

Passwords are read from standard input (`--password-stdin`), never from the command line,
where other users of the machine could see them in the process list.
"""

from __future__ import annotations

import argparse
import sys

from coach.accounts import Accounts, Role
from coach.cli.common import UsageError, decode_input
from coach.db import open_database
from coach.languages import Address
from coach.settings import load_settings
from coach.throttle import LoginThrottle


def _accounts() -> Accounts:
    return Accounts(open_database(load_settings().database_where()))


def _password(args: argparse.Namespace) -> str:
    if not args.password_stdin:
        raise UsageError("give the password on standard input with --password-stdin "
                         "(e.g. `printf '%s' \"$PW\" | coach users add ...`)")
    text = decode_input(sys.stdin.buffer.read(), "standard input")
    return text[:-1] if text.endswith("\n") else text


def _add(args: argparse.Namespace) -> int:
    user = _accounts().add(args.name, args.role, _password(args))
    print(f"added {user.name} ({user.role.value})")
    return 0


def _list(args: argparse.Namespace) -> int:
    users = _accounts().list()
    if not users:
        print("no accounts: the page runs in local mode (one user, this computer only)")
    for u in users:
        print(f"{u.name:<24} {u.role.value:<8} {u.address.value:<9} created {u.created_at[:16].replace('T', ' ')}")
    return 0


def _set_role(args: argparse.Namespace) -> int:
    user = _accounts().set_role(args.name, args.role)
    print(f"{user.name} is now {user.role.value}")
    return 0


def _set_address(args: argparse.Namespace) -> int:
    user = _accounts().set_address(args.name, args.address)
    print(f"customers now address {user.name} in the {user.address.value} form")
    return 0


def _passwd(args: argparse.Namespace) -> int:
    _accounts().set_password(args.name, _password(args))
    print(f"new password set for {args.name}; their open logins have ended")
    return 0


def _remove(args: argparse.Namespace) -> int:
    _accounts().remove(args.name)
    print(f"removed {args.name} (their conversations stay in the record)")
    return 0


def _unlock(args: argparse.Namespace) -> int:
    accounts = _accounts()
    ended = LoginThrottle(accounts.db).unlock(args.name)
    print(f"{args.name} can log in again: {ended} address(es) held back by wrong passwords were cleared")
    return 0


def _logout(args: argparse.Namespace) -> int:
    ended = _accounts().end_sessions(args.name)
    print(f"ended {ended} open login(s) of {args.name}")
    return 0


def register(sub: argparse._SubParsersAction, sources: argparse.ArgumentParser) -> None:
    users = sub.add_parser("users", help="manage the page's accounts (in the database of the `database` setting)")
    users_sub = users.add_subparsers(dest="users_command", metavar="ACTION", required=True)
    roles = [r.value for r in Role]
    add = users_sub.add_parser("add", help="add an account")
    add.add_argument("name")
    add.add_argument("--role", choices=roles, required=True)
    add.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    add.set_defaults(func=_add)
    users_sub.add_parser("list", help="list the accounts").set_defaults(func=_list)
    set_role = users_sub.add_parser("set-role", help="change an account's role")
    set_role.add_argument("name")
    set_role.add_argument("role", choices=roles)
    set_role.set_defaults(func=_set_role)
    set_address = users_sub.add_parser("set-address", help="how customers address the person where a language "
                                                           "marks gender (default neutral)")
    set_address.add_argument("name")
    set_address.add_argument("address", choices=[a.value for a in Address])
    set_address.set_defaults(func=_set_address)
    passwd = users_sub.add_parser("passwd", help="set a new password (ends the account's open logins)")
    passwd.add_argument("name")
    passwd.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    passwd.set_defaults(func=_passwd)
    remove = users_sub.add_parser("remove", help="remove an account (its conversations stay)")
    remove.add_argument("name")
    remove.set_defaults(func=_remove)
    unlock = users_sub.add_parser("unlock", help="let a name log in again from addresses that failed it too often")
    unlock.add_argument("name")
    unlock.set_defaults(func=_unlock)
    logout = users_sub.add_parser("logout", help="end every open login of an account (a lost laptop)")
    logout.add_argument("name")
    logout.set_defaults(func=_logout)
