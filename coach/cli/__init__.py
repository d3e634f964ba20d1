"""The `coach` command line: grade replies, check rubric and persona files, run evals, serve the page.

Every failure a user can cause is one line on stderr (`coach: error: ...`) and exit status 2;
`--debug` shows the traceback behind an unexpected one.
"""

from __future__ import annotations

import argparse
import sys
import traceback

from coach import __version__
from coach.cli import database, evals, grading, personas, serving, users
from coach.cli.common import Parser, sources_parent
from coach.errors import CoachError


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="coach", description="Practise difficult customer conversations.")
    parser.add_argument("--version", action="version", version=f"coach {__version__}")
    parser.add_argument("--debug", action="store_true", help="show the traceback of an unexpected error")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    sources = sources_parent()
    for group in (grading, personas, evals, serving, users, database):
        group.register(sub, sources)
    return parser


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        return args.func(args)
    except CoachError as exc:
        print(f"coach: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:
        print(f"coach: error: {exc.strerror or exc}" + (f": {exc.filename}" if exc.filename else ""), file=sys.stderr)
        return 2
    except Exception as exc:  # a bug: say it in one line, and how to see more
        if args.debug:
            traceback.print_exc()
        else:
            print(f"coach: error: unexpected {type(exc).__name__}: {exc} (run `coach --debug ...` for the "
                  "traceback)", file=sys.stderr)
        return 3
