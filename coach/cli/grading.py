"""`coach grade`, `coach config` and `coach rubric`: grading replies and checking the rubric."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path

from coach.cases import Case, Turn, read_cases_lines
from coach.cli.common import UsageError, decode_input, existing_file, rubric_from, settings_from
from coach.engines import Grader, grade_cases, make_grader
from coach.errors import CoachError
from coach.grades import Grade
from coach.languages import LANGUAGES
from coach.practice import explain_in
from coach.render import grade_record, grade_text
from coach.rubric import load_rubric
from coach.settings import describe, load_settings


class _Said(argparse.Action):
    """--context and --said build one conversation, in the order they are given on the line."""

    def __init__(self, option_strings: list[str], dest: str, role: str, **kwargs) -> None:
        super().__init__(option_strings, dest, **kwargs)
        self.role = role

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        turns = list(getattr(namespace, self.dest, None) or [])
        turns.append(Turn.model_validate({"role": self.role, "content": values}))
        setattr(namespace, self.dest, turns)


class _Notices:
    """Say each distinct fallback (an unreachable endpoint, say) once on stderr, in one line."""

    def __init__(self) -> None:
        self.seen: set[tuple[str, str]] = set()

    def __call__(self, grade: Grade) -> Grade:
        for n in grade.notices:
            key = (n.kind.value, str(n.params.get("reason", "")))
            if n.is_fallback and key not in self.seen:
                self.seen.add(key)
                print(f"coach: {n.text()}", file=sys.stderr)
        return grade


def _grade(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    rubric = rubric_from(settings)
    grader = make_grader(settings, engine=args.engine, rubric=rubric)
    notices = _Notices()
    if args.cases:
        return _grade_cases(grader, str(existing_file(args.cases, "a file of cases")), notices, args.concurrency)
    if args.reply is None:
        raise UsageError("give a reply to grade (or '-' to read it from standard input), or --cases FILE.jsonl")
    reply = decode_input(sys.stdin.buffer.read(), "standard input") if args.reply == "-" else args.reply
    if not reply.strip():
        raise UsageError("the reply is empty: there is nothing to grade")
    words = args.explain_in or ("reply" if settings.explain_in == "reply" else "en")
    grade = notices(grader.grade(reply, lang=args.lang, customer_name=args.customer_name, context=args.turns or [],
                                 agent_name=args.agent_name, explain=explain_in(args.lang if words == "reply" else words)))
    if args.json:
        print(json.dumps(grade_record(None, grade), ensure_ascii=False, indent=2))
    else:
        print(grade_text(grade, rubric, lang=grade.lang if words == "reply" else words))
    return 0


def _grade_cases(grader: Grader, path: str, notices: _Notices, concurrency: int) -> int:
    """One JSON line per case, in input order; a bad line gets an error line, not a stop. One event
    loop for the whole file, so the model client's connections are reused."""

    async def run() -> int:
        bad = 0
        batch: list[Case] = []

        async def flush() -> None:
            if not batch:
                return
            for case, grade in zip(batch, await grade_cases(grader, batch, concurrency), strict=True):
                print(json.dumps(grade_record(case.id, notices(grade)), ensure_ascii=False))
            batch.clear()
            sys.stdout.flush()

        for line, case in read_cases_lines(path):
            if isinstance(case, CoachError):
                await flush()
                bad += 1
                print(json.dumps({"id": None, "line": line, "error": str(case)}, ensure_ascii=False))
                print(f"coach: {case}", file=sys.stderr)
                continue
            batch.append(case)
            if len(batch) >= 64:
                await flush()
        await flush()
        return 1 if bad else 0

    return asyncio.run(run())


def _config(args: argparse.Namespace) -> int:
    settings = load_settings()
    width = max(len(k) for k, _ in describe(settings))
    for key, value in describe(settings):
        print(f"{key:<{width}}  {value}")
    if args.check:
        if not settings.use_llm:
            print("no model endpoint configured: coach uses the offline engine")
            return 0
        from coach.llm.client import ModelClient

        ModelClient(settings).check()
        print(f"ok: {settings.endpoint()} answered")
    return 0


def _rubric_validate(args: argparse.Namespace) -> int:
    """Each named file (a folder stands for every .yaml in it), or the shipped rubric."""
    paths: list[Path | None] = []
    for name in args.paths:
        given = Path(name)
        paths += sorted(given.glob("*.y*ml")) if given.is_dir() else [given]
    if args.paths and not paths:
        raise UsageError(f"no rubric files (.yaml) in {', '.join(args.paths)}")
    failed = 0
    for path in paths or [None]:
        try:
            rubric = load_rubric(path)
        except CoachError as exc:
            failed += 1
            print(f"coach: {exc}", file=sys.stderr)
            continue
        print(f"ok: {path or 'the shipped rubric'}: {len(rubric.criteria)} criteria")
    return 1 if failed else 0


def register(sub: argparse._SubParsersAction, sources: argparse.ArgumentParser) -> None:
    grade = sub.add_parser("grade", parents=[sources], help="grade one reply, or a file of cases (JSON lines)")
    grade.add_argument("reply", nargs="?", help="the trainee's reply ('-' reads it from standard input, as UTF-8)")
    grade.add_argument("--customer-name", help="the customer's name, to check it was used")
    grade.add_argument("--lang", choices=sorted(LANGUAGES), help="language of the reply (guessed when left out)")
    grade.add_argument("--context", action=_Said, dest="turns", role="customer", metavar="TEXT",
                       help="what the customer said before the reply (repeatable)")
    grade.add_argument("--said", action=_Said, dest="turns", role="trainee", metavar="TEXT",
                       help="what the trainee replied earlier (repeatable); with --context, in the order given")
    grade.add_argument("--agent-name", metavar="NAME", help="the trainee's own name, when known")
    grade.add_argument("--cases", metavar="FILE", help="grade every case in a JSON-lines file; print one JSON line each")
    grade.add_argument("--json", action="store_true", help="print the grade as JSON")
    grade.add_argument("--explain-in", choices=[*sorted(LANGUAGES), "reply"], metavar="LANG",
                       help="language of the verdicts and explanations shown: en, es, sv, pl, lv, ar, or reply "
                            "(the reply's language); default en, or reply when COACH_EXPLAIN_IN=reply")
    grade.add_argument("--engine", choices=["auto", "offline", "llm"], default=None,
                       help="offline detectors, or the model judge combined with them (default: llm when configured)")
    grade.add_argument("--concurrency", type=int, default=8, help="model calls in flight with --cases (default 8)")
    grade.set_defaults(func=_grade)

    config = sub.add_parser("config", help="show the settings (the key masked)")
    config.add_argument("--check", action="store_true", help="also call the endpoint once to see it answers")
    config.set_defaults(func=_config)

    rubric = sub.add_parser("rubric", help="check rubric files")
    rubric_sub = rubric.add_subparsers(dest="rubric_command", metavar="ACTION", required=True)
    validate = rubric_sub.add_parser("validate", help="validate rubric files and report every problem")
    validate.add_argument("paths", nargs="*", help="rubric files or folders of them (default: the shipped rubric)")
    validate.set_defaults(func=_rubric_validate)
