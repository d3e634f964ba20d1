"""Load test: concurrent trainees, each logged in with their own account, talking through the
page's API (gradio_client), with the model engine against the fake OpenAI-compatible server
(200 ms a call) in its own process.

Reports errors (target 0), turns lost (acknowledged but not saved; target 0), the p95 turn
latency over the model latency, the server's CPU milliseconds per turn and its memory per
conversation; then a second phase in which one client keeps sending 5 MB replies: they must be
refused, and the others' p95 must not move. Not part of the test suite; run it with:
    PYTHONPATH=. .venv/bin/python benchmarks/load_page.py [--trainees 50] [--turns 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from benchmarks.bench_llm import fake_server
from coach.accounts import Accounts
from coach.db import open_database
from coach.rubric import load_rubric
from coach.store import Store
from tests.llm.conftest import judge_json
from tests.personas.conftest import REPLIES
from tests.web.conftest import PASSWORD, Server

PERSONAS = ["lawsuit-19-dollars", "repeat-refund", "indecisive-shopper", "diner-kept-waiting", "late-order-ahmad"]
LANG = {"late-order-ahmad": "ar", "diner-kept-waiting": "es"}


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def connect(url: str, names: list[str]) -> dict:
    """Log every trainee in first (Argon2 is slow on purpose; logins are not turns)."""
    from gradio_client import Client

    with ThreadPoolExecutor(8) as pool:
        return dict(zip(names, pool.map(lambda n: Client(url, auth=(n, PASSWORD), verbose=False), names), strict=True))


def converse(client, name: str, persona_id: str, turns: int, results: list, errors: list) -> None:
    try:
        started = client.predict(persona_id, api_name="/start_conversation")
        kinds = ["mild", "good", "mild", "good", "mild", "good", "mild"]
        for i in range(turns):
            text = REPLIES[LANG.get(persona_id, "en")][kinds[i % len(kinds)]].format(name="there")
            t0 = time.perf_counter()
            record = client.predict(started["conversation_id"], text, api_name="/send_reply")
            results.append((started["conversation_id"], record["turn"], text, time.perf_counter() - t0, record))
            if record["end"]:
                break
    except Exception as exc:  # a load test counts failures rather than stopping at the first
        errors.append(f"{name}/{persona_id}: {type(exc).__name__}: {exc}")


def flood(url: str, stop: threading.Event, refusals: list, times: list) -> None:
    """Keep sending 5 MB replies; each must be refused."""
    from gradio_client import Client

    client = Client(url, auth=("flooder", PASSWORD), verbose=False)
    conversation = client.predict("repeat-refund", api_name="/start_conversation")["conversation_id"]
    huge = "x" * 5_000_000
    while not stop.is_set():
        t0 = time.perf_counter()
        try:
            client.predict(conversation, huge, api_name="/send_reply")
            refusals.append("ACCEPTED")
        except Exception as exc:
            refusals.append(str(exc)[:80])
        times.append(time.perf_counter() - t0)


def run_phase(clients: dict, names: list[str], turns: int) -> tuple[list, list, float]:
    results: list = []
    errors: list = []
    started = time.perf_counter()
    with ThreadPoolExecutor(len(names)) as pool:
        for i, name in enumerate(names):
            pool.submit(converse, clients[name], name, PERSONAS[i % len(PERSONAS)], turns, results, errors)
    return results, errors, time.perf_counter() - started


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 20 else max(values, default=0.0)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--trainees", type=int, default=50)
    parser.add_argument("--turns", type=int, default=5)
    parser.add_argument("--latency", type=float, default=0.2)
    args = parser.parse_args()
    rubric = load_rubric()
    with tempfile.TemporaryDirectory() as tmp, \
            fake_server(args.latency, judge_json(rubric), "I see. And what happens now?") as model_url:
        db = Path(tmp) / "coach.sqlite3"
        accounts = Accounts(open_database(db))
        names = [f"trainee{i:02d}" for i in range(args.trainees)]
        for name in [*names, "flooder"]:
            accounts.add(name, "trainee", PASSWORD)
        server = Server(db, {"OPENAI_BASE_URL": model_url, "OPENAI_API_KEY": "load-test"}).start()
        assert server.proc is not None
        pid = server.proc.pid
        try:
            clients = connect(server.url, names)
            warm, _, _ = run_phase(clients, names[:2], 1)  # imports and connections, not measured
            cpu0, rss0 = cpu_seconds(pid), rss_mb(pid)
            results, errors, elapsed = run_phase(clients, names, args.turns)
            cpu1, rss1 = cpu_seconds(pid), rss_mb(pid)
            few = names[: max(10, args.trainees // 5)]
            calm, errors_calm, _ = run_phase(clients, few, 3)
            stop, refusals, flood_times = threading.Event(), [], []
            flooder = threading.Thread(target=flood, args=(server.url, stop, refusals, flood_times))
            flooder.start()
            time.sleep(1.0)
            during, errors2, _ = run_phase(clients, few, 3)
            stop.set()
            flooder.join(timeout=120)
        finally:
            server.stop()
        kept = Store(open_database(db), rubric)
        errors2 += errors_calm
        lost = sum(1 for cid, turn, text, _, _ in results + during + calm + warm
                   if (c := kept.get(cid)) is None or len(c.turns) <= turn or c.turns[turn].reply != text)
    latencies = [t for *_, t, _ in results]
    inside = [r["seconds"]["turn"] for *_, r in results]
    fallbacks = sum(1 for *_, r in results if r["engine"].startswith("offline"))
    conversations = len({cid for cid, *_ in results})
    print(f"{args.trainees} concurrent trainees (own accounts), {len(results)} turns in {elapsed:.1f} s "
          f"(fake model latency {args.latency * 1000:.0f} ms per call)")
    print(f"errors: {len(errors) + len(errors2)} (target 0)")
    for e in (errors + errors2)[:5]:
        print(f"  {e}")
    print(f"turns lost: {lost} (target 0); turns graded offline as a fallback: {fallbacks}")
    print(f"turn latency: median {statistics.median(latencies) * 1000:.0f} ms, p95 {p95(latencies) * 1000:.0f} ms "
          f"= {p95(latencies) / args.latency:.2f}x the model's latency")
    print(f"  inside coach's turn loop: median {statistics.median(inside) * 1000:.0f} ms, p95 {p95(inside) * 1000:.0f} ms")
    print(f"server CPU per turn: {(cpu1 - cpu0) * 1000 / max(1, len(results)):.1f} ms "
          f"(whole server process: Gradio's queue, HTTP, grading, saving)")
    print(f"server memory: {rss1 - rss0:+.1f} MB for {conversations} conversations = "
          f"{(rss1 - rss0) / max(1, conversations):.3f} MB per conversation")
    accepted = sum(1 for r in refusals if r == "ACCEPTED")
    print(f"5 MB replies: {len(refusals)} sent, {accepted} accepted (target 0), refused in median "
          f"{statistics.median(flood_times) if flood_times else 0:.2f} s; {len(few)} others' p95 "
          f"{p95([t for *_, t, _ in during]) / args.latency:.2f}x the model's latency during the flood, "
          f"{p95([t for *_, t, _ in calm]) / args.latency:.2f}x without it")
    sys.exit(1 if errors or errors2 or lost or accepted else 0)


if __name__ == "__main__":
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    main()
