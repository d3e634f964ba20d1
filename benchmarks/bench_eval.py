"""Eval throughput: 1,000 gradings (250 cases x 4 repeats) with the combined engine at
concurrency 32 against the fake server (its own process, 200 ms a call), as a ratio of the
ideal time (1000 / 32 x 0.2 s = 6.25 s; target within 1.15x), then the same run again from
the cache (target: zero model calls).
Run:  PYTHONPATH=. .venv/bin/python benchmarks/bench_eval.py
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
from pathlib import Path

from benchmarks.bench_llm import fake_server
from coach.evals.runner import EvalRun
from coach.rubric import load_rubric
from coach.settings import Settings
from tests.llm.conftest import judge_json

DEV = Path(__file__).resolve().parent.parent / "evals" / "dev.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=250)
    parser.add_argument("--repeats", type=int, default=4)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--latency", type=float, default=0.2)
    args = parser.parse_args()
    rubric = load_rubric()
    with tempfile.TemporaryDirectory() as tmp, fake_server(args.latency, judge_json(rubric)) as base_url:
        tmp = Path(tmp)
        dataset = tmp / "cases.jsonl"
        dataset.write_text("\n".join(DEV.read_text(encoding="utf-8").splitlines()[:args.cases]) + "\n", encoding="utf-8")
        settings = Settings(base_url=base_url, api_key="bench", judge_model="gpt-4o-mini", timeout=30)

        def once(out: str) -> dict:
            run = EvalRun(dataset, tmp / out, engine="combined", repeats=args.repeats, rubric=rubric, settings=settings,
                          concurrency=args.concurrency, cache_path=tmp / "cache.sqlite3", progress=False)
            return asyncio.run(run.run())

        # load what a running grader has loaded once already: the six lexicons and tiktoken's encoding
        from coach.llm.tokens import count_text
        from coach.offline.lexicon import available, lexicon

        for lang in available():
            lexicon(lang)
        count_text("warm up")
        first = once("first")
        again = once("again")
    gradings = args.cases * args.repeats
    ideal = gradings / args.concurrency * args.latency
    print(f"{gradings} gradings at concurrency {args.concurrency}, fake server {args.latency * 1000:.0f} ms a call")
    print(f"first run: {first['seconds']:.2f} s for {first['model_calls']} model calls; ideal {ideal:.2f} s; "
          f"ratio {first['seconds'] / ideal:.2f}x (target <= 1.15x)")
    print(f"cached re-run: {again['seconds']:.2f} s, model calls {again['model_calls']} (target 0), "
          f"cache hits {again['cache_hits']}")


if __name__ == "__main__":
    main()
