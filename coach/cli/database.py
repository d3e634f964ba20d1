"""`coach db`: the database itself. `coach db copy SOURCE TARGET` moves a team's data from its
SQLite file to a PostgreSQL server (or back), then proves it arrived: counts and a checksum of
every row, every turn included."""

from __future__ import annotations

import argparse
import sys

from coach.db import open_database, redacted
from coach.dbcopy import copy_database, open_existing


def _copy(args: argparse.Namespace) -> int:
    source = open_existing(args.source)
    try:
        target = open_database(args.target)
        try:
            report = copy_database(source, target)
        finally:
            target.close()
    finally:
        source.close()
    for line in report.lines():
        print(line)
    if not report.ok:
        print(f"coach: error: the copy in {redacted(args.target)} differs from {redacted(args.source)}", file=sys.stderr)
        return 1
    print(f"copied {redacted(args.source)} to {redacted(args.target)}: every table's count and every row's "
          "checksum match")
    return 0


def register(sub: argparse._SubParsersAction, sources: argparse.ArgumentParser) -> None:
    db = sub.add_parser("db", help="the database: copy a team's data between SQLite and PostgreSQL")
    db_sub = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    copy = db_sub.add_parser("copy", help="copy every row into an empty database and verify it "
                                          "(counts and a checksum of every row)")
    copy.add_argument("source", help="an SQLite file or a postgresql:// URL")
    copy.add_argument("target", help="a postgresql:// URL or an SQLite file; must hold no data yet")
    copy.set_defaults(func=_copy)
