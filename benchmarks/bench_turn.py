"""Turn latency in a practice conversation, as a ratio of the slower model call.

The customer's answer and the judge's grade are requested concurrently, so a turn should
take about as long as the slower of the two calls, not their sum. With the fake server
(in its own process) answering every call after a fixed latency, this prints the median
turn time over that latency (target at most 1.1x; 2.0x would mean the calls ran one
after the other).
Run:  PYTHONPATH=. .venv/bin/python benchmarks/bench_turn.py [--latency 0.2] [--turns 20]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time

from benchmarks.bench_llm import fake_server
from coach.personas import find_persona
from coach.practice import start_practice
from coach.rubric import load_rubric
from coach.settings import Settings
from tests.llm.conftest import judge_json
from tests.personas.conftest import reply


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--latency", type=float, default=0.2)
    parser.add_argument("--turns", type=int, default=20)
    args = parser.parse_args()
    rubric = load_rubric()
    persona = find_persona("repeat-refund")
    with fake_server(args.latency, judge_json(rubric), "So when do I get my money back?") as base_url:
        settings = Settings(base_url=base_url, api_key="bench", judge_model="gpt-4o-mini",
                            customer_model="fake-customer", timeout=10)

        async def run() -> list[float]:
            times = []
            while len(times) < args.turns:
                practice = start_practice(persona, settings=settings, rubric=rubric)
                for kind in ("mild", "good", "mild", "good"):
                    if practice.conversation.finished:
                        break
                    t0 = time.perf_counter()
                    await practice.turn(reply(persona, kind))
                    times.append(time.perf_counter() - t0)
            return times

        times = asyncio.run(run())[1:]  # the first turn also opens connections
    median = statistics.median(times)
    print(f"fake server latency {args.latency * 1000:.0f} ms per call; {len(times)} turns")
    print(f"median turn {median * 1000:.1f} ms = {median / args.latency:.2f}x the slower call "
          f"(target <= 1.1x; sequential calls would be about 2x)")


if __name__ == "__main__":
    main()
