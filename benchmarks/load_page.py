"""Load test: 20 concurrent conversations through the page's API, with the model engine
against the fake OpenAI-compatible server (200 ms a call), using gradio_client.

Reports errors (target 0), turns lost (turns sent but not saved; target 0) and the p95
turn latency over the fake server's latency. Not part of the test suite; run it with:
    PYTHONPATH=. .venv/bin/python benchmarks/load_page.py [--conversations 20] [--turns 5]
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from benchmarks.bench_llm import fake_server
from coach.rubric import load_rubric
from tests.llm.conftest import judge_json
from tests.personas.conftest import REPLIES
from tests.web.conftest import Server

PERSONAS = ["lawsuit-19-dollars", "repeat-refund", "indecisive-shopper", "diner-kept-waiting", "late-order-ahmad"]


def converse(url: str, persona_id: str, turns: int, results: list, errors: list) -> None:
    from gradio_client import Client

    owner = uuid.uuid4().hex
    try:
        client = Client(url, verbose=False)
        started = client.predict(persona_id, owner, api_name="/start_conversation")
        lang = {"late-order-ahmad": "ar", "diner-kept-waiting": "es"}.get(persona_id, "en")
        kinds = ["mild", "good", "mild", "good", "mild", "good", "mild"]
        for i in range(turns):
            text = REPLIES[lang][kinds[i % len(kinds)]].format(name="there")
            t0 = time.perf_counter()
            record = client.predict(started["conversation_id"], owner, text, api_name="/send_reply")
            results.append((started["conversation_id"], time.perf_counter() - t0, record))
            if record["end"]:
                break
    except Exception as exc:  # a load test counts failures rather than stopping at the first
        errors.append(f"{persona_id}: {type(exc).__name__}: {exc}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--conversations", type=int, default=20)
    parser.add_argument("--turns", type=int, default=5)
    parser.add_argument("--latency", type=float, default=0.2)
    args = parser.parse_args()
    rubric = load_rubric()
    with tempfile.TemporaryDirectory() as tmp, \
            fake_server(args.latency, judge_json(rubric), "I see. And what happens now?") as model_url:
        db = Path(tmp) / "coach.sqlite3"
        server = Server(db, {"OPENAI_BASE_URL": model_url, "OPENAI_API_KEY": "load-test"}).start()
        try:
            results, errors = [], []
            started = time.perf_counter()
            with ThreadPoolExecutor(args.conversations) as pool:
                for i in range(args.conversations):
                    pool.submit(converse, server.url, PERSONAS[i % len(PERSONAS)], args.turns, results, errors)
            elapsed = time.perf_counter() - started
        finally:
            server.stop()
        with sqlite3.connect(db) as con:
            saved = dict(con.execute("SELECT id, turns FROM conversations").fetchall())
    sent: dict[str, int] = {}
    for conversation_id, _, _ in results:
        sent[conversation_id] = sent.get(conversation_id, 0) + 1
    lost = sum(max(0, n - saved.get(cid, 0)) for cid, n in sent.items())
    latencies = sorted(t for _, t, _ in results)
    p95 = statistics.quantiles(latencies, n=20)[-1] if len(latencies) >= 20 else max(latencies, default=0)
    fallbacks = sum(1 for *_, r in results if r["engine"].startswith("offline"))
    inside = sorted(r["seconds"]["turn"] for *_, r in results)
    print(f"{args.conversations} concurrent conversations, {len(results)} turns in {elapsed:.1f} s "
          f"(fake model latency {args.latency * 1000:.0f} ms per call)")
    print(f"errors: {len(errors)} (target 0)")
    for e in errors[:5]:
        print(f"  {e}")
    print(f"turns lost: {lost} (target 0); turns graded offline as a fallback: {fallbacks}")
    print(f"turn latency: median {statistics.median(latencies) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms "
          f"= {p95 / args.latency:.2f}x the fake server's latency")
    print(f"  of which inside coach's turn loop: median {statistics.median(inside) * 1000:.0f} ms, "
          f"p95 {statistics.quantiles(inside, n=20)[-1] * 1000:.0f} ms; the rest is the page's queue and "
          f"gradio_client")
    sys.exit(1 if errors or lost else 0)


if __name__ == "__main__":
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    main()
