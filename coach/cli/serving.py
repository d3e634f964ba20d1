"""`coach serve`: the practice page."""

from __future__ import annotations

import argparse

from coach.cli.common import settings_from


def _serve(args: argparse.Namespace) -> int:
    from coach.web.app import serve  # imports gradio, which takes a few seconds

    print(f"coach: starting the practice page on http://{args.host}:{args.port}/", flush=True)
    serve(args.host, args.port, settings_from(args))
    return 0


def register(sub: argparse._SubParsersAction, sources: argparse.ArgumentParser) -> None:
    serve = sub.add_parser("serve", parents=[sources], help="start the practice page")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=7860)
    serve.set_defaults(func=_serve)
