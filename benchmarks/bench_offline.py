"""Offline grader speed on the development set, on one core.

Prints replies per second and the median latency per reply, each as a ratio of its target
(throughput >= 2,000 replies/s; the ratio is measured / target, higher is better).
Run:  .venv/bin/python benchmarks/bench_offline.py [--rounds N]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from coach.cases import read_cases
from coach.offline import OfflineGrader

TARGET_PER_SECOND = 2000
DEV = Path(__file__).resolve().parent.parent / "evals" / "dev.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    cases = list(read_cases(DEV))
    grader = OfflineGrader()
    for case in cases:  # warm caches (lexicons, name patterns) as a running server would have them
        grader.grade_case(case)
    latencies = []
    start = time.perf_counter()
    for _ in range(args.rounds):
        for case in cases:
            t0 = time.perf_counter()
            grader.grade_case(case)
            latencies.append(time.perf_counter() - t0)
    elapsed = time.perf_counter() - start
    rate = len(latencies) / elapsed
    median_ms = statistics.median(latencies) * 1000
    print(f"offline grader: {len(latencies)} replies in {elapsed:.2f} s on one core")
    print(f"throughput: {rate:,.0f} replies/s  (target {TARGET_PER_SECOND:,}/s, ratio {rate / TARGET_PER_SECOND:.2f})")
    print(f"median latency: {median_ms:.3f} ms  (p95 {statistics.quantiles(latencies, n=20)[-1] * 1000:.3f} ms)")


if __name__ == "__main__":
    main()
