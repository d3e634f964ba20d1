"""What coach adds on top of the model: overhead per graded reply, and throughput.

Runs the combined engine (offline grader + LLM judge) against the loopback fake server
answering every call after a fixed latency (200 ms by default), and prints:
  - overhead per graded reply = wall time - server latency (median; target under 10 ms)
  - throughput at concurrency 16 as a ratio of the ideal 16 / latency (target at least 0.9)
Run:  .venv/bin/python benchmarks/bench_llm.py [--latency 0.2] [--replies 160]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from pathlib import Path

from coach.cases import read_cases
from coach.engines import CombinedGrader
from coach.rubric import load_rubric
from coach.settings import Settings
from coach.testing.fake_openai import fake_server
from tests.llm.conftest import judge_json

DEV = Path(__file__).resolve().parent.parent / "evals" / "dev.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--latency", type=float, default=0.2)
    parser.add_argument("--replies", type=int, default=160)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    rubric = load_rubric()
    cases = list(read_cases(DEV))
    answer = judge_json(rubric, {"restate_problem": "fail"})
    with fake_server(args.latency, answer) as base_url:
        settings = Settings(base_url=base_url, api_key="bench", judge_model="gpt-4o-mini", timeout=10)
        grader = CombinedGrader(settings, rubric)
        grader.grade(cases[0].reply, lang=cases[0].lang)  # connect and warm up

        overheads = []
        for case in cases[:30]:
            t0 = time.perf_counter()
            grader.grade(case.reply, lang=case.lang, customer_name=case.customer_name, context=case.context)
            overheads.append(time.perf_counter() - t0 - args.latency)
        median_ms = statistics.median(overheads) * 1000

        async def run_all() -> list[tuple[float, float]]:
            gate = asyncio.Semaphore(args.concurrency)

            async def one(i: int) -> None:
                case = cases[i % len(cases)]
                async with gate:
                    await grader.agrade(case.reply, lang=case.lang, customer_name=case.customer_name, context=case.context)

            # open the pool's connections first, as a running server's pool would have them
            await asyncio.gather(*(one(i) for i in range(args.concurrency)))
            rounds = []
            for _ in range(args.rounds):
                c0, t0 = time.process_time(), time.perf_counter()
                await asyncio.gather(*(one(i) for i in range(args.replies)))
                rounds.append((time.perf_counter() - t0, time.process_time() - c0))
            return rounds

        rounds = asyncio.run(run_all())
    elapsed = statistics.median(r[0] for r in rounds)
    cpu_ms = statistics.median(r[1] for r in rounds) / args.replies * 1000
    ideal = args.replies / args.concurrency * args.latency
    ratio = ideal / elapsed
    print(f"fake server latency {args.latency * 1000:.0f} ms per call")
    print(f"overhead per graded reply: median {median_ms:.2f} ms (target < 10 ms; ratio to target {median_ms / 10:.2f})")
    print(f"throughput at concurrency {args.concurrency} (median of {args.rounds} rounds): "
          f"{args.replies / elapsed:.1f} replies/s, ideal {args.replies / ideal:.1f}/s, ratio {ratio:.2f} (target >= 0.9)")
    print(f"coach's own CPU per graded reply under load: {cpu_ms:.2f} ms "
          f"(the fake server runs in another process; on this 2-core machine it shares the CPUs)")


if __name__ == "__main__":
    main()
