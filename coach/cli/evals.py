"""`coach eval`: measure how right and how consistent the grader is."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path

from coach.cli.common import existing_file, rubric_from, settings_from
from coach.locations import eval_runs_dir


def _run(args: argparse.Namespace) -> int:
    from coach.evals.report import write
    from coach.evals.runner import EvalRun

    dataset = existing_file(args.dataset, "a file of cases (JSON lines)")
    settings = settings_from(args)
    rubric = rubric_from(settings)
    out = Path(args.out) if args.out else eval_runs_dir() / f"{dataset.stem}-{args.engine}"
    run = EvalRun(dataset, out, engine=args.engine, repeats=args.repeats, rubric=rubric,
                  settings=settings if args.engine != "offline" else None, concurrency=args.concurrency,
                  use_cache=not args.no_cache)
    summary = asyncio.run(run.run())
    paths = write(out)
    print(f"graded {summary['graded']} (skipped {summary['skipped']} already done) in {summary['seconds']:.1f} s; "
          f"model calls {summary['model_calls']}, cache hits {summary['cache_hits']}")
    print(f"report: {paths['markdown']}  {paths['html']}  {paths['json']}")
    if not summary["graded"] and not summary["skipped"]:
        print(f"coach: {dataset} holds no cases", file=sys.stderr)
        return 1
    if summary["errors"]:
        print(f"coach: {summary['errors']} gradings errored (first: {summary['first_error']}); "
              "their verdicts are not the grader's", file=sys.stderr)
        return 1
    return 0


def _report(args: argparse.Namespace) -> int:
    from coach.evals.report import write

    paths = write(Path(args.run), Path(args.out) if args.out else None)
    print(paths["markdown"].read_text(encoding="utf-8"))
    print(f"written: {paths['markdown']}  {paths['html']}  {paths['json']}")
    return 0


def _compare(args: argparse.Namespace) -> int:
    from coach.evals.report import compare, compare_text

    result = compare(Path(args.a), Path(args.b))
    print(json.dumps(result, ensure_ascii=False, indent=2) if args.json else compare_text(result))
    return 0


def _check(args: argparse.Namespace) -> int:
    from coach.evals.floors import check_floors

    problems = check_floors(Path(args.run), Path(args.floors) if args.floors else None)
    for p in problems:
        print(f"coach: {p}", file=sys.stderr)
    print("all criteria at or above their floors" if not problems else f"the run fails its gate ({len(problems)} problems)")
    return 1 if problems else 0


def _score(args: argparse.Namespace) -> int:
    from coach.evals.score import score, score_text

    paths = [existing_file(name, "a file of cases (JSON lines)") for name in args.files]
    result = score(paths, rubric_from(settings_from(args)), by_lang=args.by_lang)
    print(json.dumps(result, ensure_ascii=False, indent=2) if args.json else score_text(result))
    for where in result["bad_lines"]:
        print(f"coach: {where}: not a valid case; not scored", file=sys.stderr)
    return 1 if result["bad_lines"] else 0


def _export_labels(args: argparse.Namespace) -> int:
    """Trainers' reviews as labelled cases: `coach eval run` on them measures the grader against trainers."""
    from coach.db import open_database
    from coach.reviews import case_line, labelled_cases
    from coach.store import Store

    settings = settings_from(args)
    store = Store(open_database(settings.database_where()), rubric_from(settings))
    reviews = [review for review, _ in store.reviews.all()]
    conversations = {cid: c for cid in {r.conversation_id for r in reviews} if (c := store.get(cid)) is not None}
    cases = labelled_cases(conversations, reviews)
    lines = "".join(json.dumps(case_line(case), ensure_ascii=False) + "\n" for case in cases)
    if args.out:
        Path(args.out).write_text(lines, encoding="utf-8")
        print(f"wrote {len(cases)} labelled cases ({len(reviews)} reviewed grades) to {args.out}")
    else:
        sys.stdout.write(lines)
    return 0


def register(sub: argparse._SubParsersAction, sources: argparse.ArgumentParser) -> None:
    ev = sub.add_parser("eval", help="measure how right and how consistent the grader is")
    ev_sub = ev.add_subparsers(dest="eval_command", metavar="ACTION", required=True)
    run = ev_sub.add_parser("run", parents=[sources], help="grade a labelled dataset, repeatedly, and write the reports")
    run.add_argument("dataset", help="cases in JSON lines (see evals/README.md)")
    run.add_argument("--engine", choices=["offline", "llm", "combined"], default="offline")
    run.add_argument("--repeats", type=int, default=1)
    run.add_argument("--concurrency", type=int, default=8)
    run.add_argument("--no-cache", action="store_true", help="call the model even for requests seen before")
    run.add_argument("--out", help="run folder (default: evals/<dataset>-<engine> in the data directory); "
                                   "an unfinished run resumes")
    run.set_defaults(func=_run)
    rep = ev_sub.add_parser("report", help="write the Markdown, HTML and JSON reports of a run")
    rep.add_argument("run", help="run folder")
    rep.add_argument("--out", help="folder for the reports (default: the run folder)")
    rep.set_defaults(func=_report)
    cmp_ = ev_sub.add_parser("compare", help="what changed between two runs, with the cases that flipped")
    cmp_.add_argument("a")
    cmp_.add_argument("b")
    cmp_.add_argument("--json", action="store_true")
    cmp_.set_defaults(func=_compare)
    score = ev_sub.add_parser("score", parents=[sources],
                              help="per criterion: coverage, accuracy when judged, fail precision (offline engine; "
                                   "numbers only, no case text)")
    score.add_argument("files", nargs="+", metavar="FILE", help="labelled cases (JSON lines); all are scored together")
    score.add_argument("--by-lang", action="store_true", help="also score each language apart")
    score.add_argument("--json", action="store_true", help="print the figures as JSON")
    score.set_defaults(func=_score)
    exp = ev_sub.add_parser("export-labels", parents=[sources],
                            help="write trainers' reviewed grades as labelled cases (JSON lines)")
    exp.add_argument("--out", help="file to write (default: standard output)")
    exp.set_defaults(func=_export_labels)
    chk = ev_sub.add_parser("check", help="fail when a criterion's accuracy is below its recorded floor")
    chk.add_argument("run", help="run folder")
    chk.add_argument("--floors", help="floors file (default: floors.yaml beside the run's dataset)")
    chk.set_defaults(func=_check)
