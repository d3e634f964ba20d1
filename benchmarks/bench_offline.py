"""Offline grader speed on one core: on the short development set, and on realistic replies.

Realistic replies are the probe sets' (evals/probes/*.jsonl): multi-sentence replies of about 190
characters, graded with their conversation so far as context (the customer's messages and, in the
conversation probes, the trainee's earlier turns), as the page grades them. Prints replies per
CPU-second of this one process (what one core does, however busy the machine's other cores are) and
by the wall clock, with the ratio to the target (2,000 replies/s; measured / target, higher is
better), and the median latency.

The grader keeps no reply or conversation between calls, so each round grades each case from its
text; what it does keep (compiled patterns, lexicons, the forms of a name and of a single word) a
running server has warm as well.
Run:  .venv/bin/python benchmarks/bench_offline.py [--rounds N]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from coach.cases import Case, read_cases
from coach.offline import OfflineGrader

TARGET_PER_SECOND = 2000
EVALS = Path(__file__).resolve().parent.parent / "evals"


def measure(name: str, cases: list[Case], rounds: int) -> None:
    grader = OfflineGrader()
    for case in cases:  # warm caches (lexicons, name patterns) as a running server would have them
        grader.grade_case(case)
    latencies = []
    start, cpu_start = time.perf_counter(), time.process_time()
    for _ in range(rounds):
        for case in cases:
            t0 = time.perf_counter()
            grader.grade_case(case)
            latencies.append(time.perf_counter() - t0)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    rate, cpu_rate = len(latencies) / elapsed, len(latencies) / cpu
    chars = sum(len(c.reply) for c in cases) / len(cases)
    print(f"{name}: {len(cases)} replies (mean {chars:.0f} characters, "
          f"{sum(1 for c in cases if c.context)} with context) x {rounds} rounds on one core")
    print(f"  throughput: {cpu_rate:,.0f} replies per CPU-second  (target {TARGET_PER_SECOND:,}/s, "
          f"ratio {cpu_rate / TARGET_PER_SECOND:.2f}); {rate:,.0f} replies/s by the wall clock")
    print(f"  median latency: {statistics.median(latencies) * 1000:.3f} ms  "
          f"(p95 {statistics.quantiles(latencies, n=20)[-1] * 1000:.3f} ms)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    measure("development set", list(read_cases(EVALS / "dev.jsonl")), args.rounds)
    realistic = [c for path in sorted((EVALS / "probes").glob("*.jsonl")) for c in read_cases(path)]
    measure("realistic replies", realistic, args.rounds)


if __name__ == "__main__":
    main()
