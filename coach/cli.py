"""The `coach` command line: grade replies, check rubric files, start the page."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from coach import __version__
import asyncio

from coach.cases import Case, Turn, read_cases_lines
from coach.engines import Grader, grade_cases, make_grader
from coach.errors import CoachError
from coach.grades import Grade
from coach.languages import LANGUAGES
from coach.llm.settings import describe, load_settings
from coach.render import grade_record, grade_text
from coach.rubric import load_rubric


class _Notices:
    """Say each distinct notice (an unreachable endpoint, say) once on stderr, in one line."""

    def __init__(self):
        self.seen: set[str] = set()

    def __call__(self, grade: Grade) -> Grade:
        for notice in grade.notices:
            if "offline engine instead" in notice and notice not in self.seen:
                self.seen.add(notice)
                print(f"coach: {notice}", file=sys.stderr)
        return grade


def _grade(args: argparse.Namespace) -> int:
    rubric = load_rubric(args.rubric)
    grader = make_grader(load_settings(), engine=args.engine, rubric=rubric)
    notices = _Notices()
    if args.cases:
        return _grade_cases(grader, args.cases, notices, args.concurrency)
    if args.reply is None:
        raise CoachError("give a reply to grade, or --cases FILE.jsonl")
    reply = sys.stdin.read() if args.reply == "-" else args.reply
    context = [Turn(role="customer", content=text) for text in args.context or []]
    grade = notices(grader.grade(reply, lang=args.lang, customer_name=args.customer_name, context=context))
    if args.json:
        print(json.dumps(grade_record(None, grade), ensure_ascii=False, indent=2))
    else:
        print(grade_text(grade, rubric))
    return 0


def _grade_cases(grader: Grader, path: str, notices: _Notices, concurrency: int) -> int:
    """One JSON line per case, in input order; a bad line gets an error line, not a stop."""
    bad = 0
    batch: list[tuple[int, Case]] = []

    def flush() -> None:
        if not batch:
            return
        if grader.name == "offline":
            grades = [grader.grade_case(case) for _, case in batch]
        else:
            grades = asyncio.run(grade_cases(grader, [case for _, case in batch], concurrency))
        for (_, case), grade in zip(batch, grades):
            print(json.dumps(grade_record(case.id, notices(grade)), ensure_ascii=False))
        batch.clear()
        sys.stdout.flush()

    for line, case in read_cases_lines(path):
        if isinstance(case, CoachError):
            flush()
            bad += 1
            print(json.dumps({"id": None, "line": line, "error": str(case)}, ensure_ascii=False))
            print(f"coach: {case}", file=sys.stderr)
            continue
        batch.append((line, case))
        if len(batch) >= 64:
            flush()
    flush()
    return 1 if bad else 0


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
    paths = args.paths or [None]
    for path in paths:
        rubric = load_rubric(path)
        print(f"ok: {path or 'rubrics/default.yaml'}: {len(rubric.criteria)} criteria")
    return 0


def _load_personas_reporting(paths: list[Path] | None):
    """Every persona that loads; each broken file reported on stderr (one never hides another)."""
    from coach.personas import load_personas

    personas, errors = load_personas(paths)
    for error in errors:
        print(f"coach: {error}", file=sys.stderr)
    return personas, errors


def _persona_validate(args: argparse.Namespace) -> int:
    personas, errors = _load_personas_reporting([Path(p) for p in args.paths] if args.paths else None)
    for persona in personas:
        print(f"ok: {persona.id} ({persona.language}, {persona.difficulty.value})")
    return 1 if errors else 0


def _persona_list(args: argparse.Namespace) -> int:
    personas, errors = _load_personas_reporting(None)
    for p in personas:
        print(f"{p.id:<22} {p.language}  {p.difficulty.value:<6}  {p.customer_name:<18}  {p.display_name}")
    return 1 if errors else 0


def _persona_schema(args: argparse.Namespace) -> int:
    from coach.personas import persona_schema

    print(json.dumps(persona_schema(), ensure_ascii=False, indent=2))
    return 0


def _practice(args: argparse.Namespace) -> int:
    from coach.personas import find_persona
    from coach.terminal import practice_in_terminal

    persona = find_persona(args.persona)
    return practice_in_terminal(persona, engine=args.engine, seed=args.seed, save_dir=args.save)


def _eval_run(args: argparse.Namespace) -> int:
    from coach.evals.report import write
    from coach.evals.runner import EvalRun

    rubric = load_rubric(args.rubric)
    settings = load_settings() if args.engine != "offline" else None
    out = Path(args.out) if args.out else Path("var") / "evals" / f"{Path(args.dataset).stem}-{args.engine}"
    run = EvalRun(Path(args.dataset), out, engine=args.engine, repeats=args.repeats, rubric=rubric,
                  settings=settings, concurrency=args.concurrency, use_cache=not args.no_cache)
    summary = asyncio.run(run.run())
    paths = write(out)
    print(f"graded {summary['graded']} (skipped {summary['skipped']} already done) in {summary['seconds']:.1f} s; "
          f"model calls {summary['model_calls']}, cache hits {summary['cache_hits']}")
    print(f"report: {paths['markdown']}  {paths['html']}  {paths['json']}")
    return 0


def _eval_report(args: argparse.Namespace) -> int:
    from coach.evals.report import write

    paths = write(Path(args.run), Path(args.out) if args.out else None)
    print(paths["markdown"].read_text(encoding="utf-8"))
    print(f"written: {paths['markdown']}  {paths['html']}  {paths['json']}")
    return 0


def _eval_compare(args: argparse.Namespace) -> int:
    from coach.evals.report import compare, compare_text

    result = compare(Path(args.a), Path(args.b))
    print(json.dumps(result, ensure_ascii=False, indent=2) if args.json else compare_text(result))
    return 0


def _eval_check(args: argparse.Namespace) -> int:
    from coach.evals.floors import check_floors

    problems = check_floors(Path(args.run), Path(args.floors))
    for p in problems:
        print(f"coach: below floor: {p}", file=sys.stderr)
    print("all criteria at or above their floors" if not problems else f"{len(problems)} criteria below their floors")
    return 1 if problems else 0


def _serve(args: argparse.Namespace) -> int:
    from coach.web.app import serve  # imports gradio, which takes a few seconds

    print(f"coach: starting the practice page on http://{args.host}:{args.port}/", flush=True)
    serve(args.host, args.port)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="coach", description="Practise difficult customer conversations.")
    parser.add_argument("--version", action="version", version=f"coach {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    grade = sub.add_parser("grade", help="grade one reply, or a file of cases (JSON lines)")
    grade.add_argument("reply", nargs="?", help="the trainee's reply ('-' reads it from standard input)")
    grade.add_argument("--customer-name", help="the customer's name, to check it was used")
    grade.add_argument("--lang", choices=sorted(LANGUAGES), help="language of the reply (guessed when left out)")
    grade.add_argument("--context", action="append", metavar="TEXT", help="what the customer said before (repeatable)")
    grade.add_argument("--cases", metavar="FILE", help="grade every case in a JSON-lines file; print one JSON line each")
    grade.add_argument("--rubric", metavar="PATH", help="rubric file (default: rubrics/default.yaml)")
    grade.add_argument("--json", action="store_true", help="print the grade as JSON")
    grade.add_argument("--engine", choices=["auto", "offline", "llm"], default=None,
                       help="offline detectors, or the model judge combined with them (default: llm when configured)")
    grade.add_argument("--concurrency", type=int, default=8, help="model calls in flight with --cases (default 8)")
    grade.set_defaults(func=_grade)

    config = sub.add_parser("config", help="show the model settings (the key masked)")
    config.add_argument("--check", action="store_true", help="also call the endpoint once to see it answers")
    config.set_defaults(func=_config)

    rubric = sub.add_parser("rubric", help="check rubric files")
    rubric_sub = rubric.add_subparsers(dest="rubric_command", metavar="ACTION", required=True)
    validate = rubric_sub.add_parser("validate", help="validate rubric files and report every problem")
    validate.add_argument("paths", nargs="*", help="rubric files (default: the built-in rubric)")
    validate.set_defaults(func=_rubric_validate)

    persona = sub.add_parser("persona", help="check and list customer personas")
    persona_sub = persona.add_subparsers(dest="persona_command", metavar="ACTION", required=True)
    pv = persona_sub.add_parser("validate", help="validate persona files; every problem is reported")
    pv.add_argument("paths", nargs="*", help="persona files (default: all in personas/)")
    pv.set_defaults(func=_persona_validate)
    persona_sub.add_parser("list", help="list the personas").set_defaults(func=_persona_list)
    persona_sub.add_parser("schema", help="print the persona JSON Schema").set_defaults(func=_persona_schema)

    practice = sub.add_parser("practice", help="talk to a persona in the terminal, graded on every reply")
    practice.add_argument("persona", help="persona id (see `coach persona list`) or a persona file")
    practice.add_argument("--engine", choices=["auto", "offline", "llm"], default=None)
    practice.add_argument("--seed", type=int, default=0, help="the scripted customer's seed (same seed, same lines)")
    practice.add_argument("--save", metavar="DIR", default=None,
                          help="folder for the transcript, saved after every turn (default: var/transcripts)")
    practice.set_defaults(func=_practice)

    ev = sub.add_parser("eval", help="measure how right and how consistent the grader is")
    ev_sub = ev.add_subparsers(dest="eval_command", metavar="ACTION", required=True)
    run = ev_sub.add_parser("run", help="grade a labelled dataset, repeatedly, and write the reports")
    run.add_argument("dataset", help="cases in JSON lines (see evals/README.md)")
    run.add_argument("--engine", choices=["offline", "llm", "combined"], default="offline")
    run.add_argument("--repeats", type=int, default=1)
    run.add_argument("--concurrency", type=int, default=8)
    run.add_argument("--no-cache", action="store_true", help="call the model even for requests seen before")
    run.add_argument("--out", help="run folder (default var/evals/<dataset>-<engine>); an unfinished run resumes")
    run.add_argument("--rubric", metavar="PATH")
    run.set_defaults(func=_eval_run)
    rep = ev_sub.add_parser("report", help="write the Markdown, HTML and JSON reports of a run")
    rep.add_argument("run", help="run folder")
    rep.add_argument("--out", help="folder for the reports (default: the run folder)")
    rep.set_defaults(func=_eval_report)
    cmp_ = ev_sub.add_parser("compare", help="what changed between two runs, with the cases that flipped")
    cmp_.add_argument("a")
    cmp_.add_argument("b")
    cmp_.add_argument("--json", action="store_true")
    cmp_.set_defaults(func=_eval_compare)
    chk = ev_sub.add_parser("check", help="fail when a criterion's accuracy is below its recorded floor")
    chk.add_argument("run", help="run folder")
    chk.add_argument("--floors", default="evals/floors.yaml")
    chk.set_defaults(func=_eval_check)

    serve = sub.add_parser("serve", help="start the practice page")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=7860)
    serve.set_defaults(func=_serve)
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
