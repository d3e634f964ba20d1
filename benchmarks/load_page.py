"""Load test: concurrent trainees, each logged in with their own account, talking through the
page's API (benchmarks/page_client.py: plain HTTP, light on the cores it shares), with the model
engine against the fake OpenAI-compatible server (200 ms a call) in its own process.

Reports errors (target 0), turns lost (acknowledged but not saved; target 0), the p95 turn
latency over the model latency, the server's CPU milliseconds per turn and its memory per
conversation; then a second phase in which one client keeps sending 5 MB replies: they must be
refused, and the others' p95 must not move. With `--processes 1,2,3` it runs behind nginx with each number of `coach serve` processes in turn
(the deployment in deploy/), reporting CPU per turn summed over every coach process and turns per
second; `--database postgresql` puts them on a throwaway PostgreSQL server, and
`--database sqlite,postgresql --reps 5` compares the two, interleaved, by the median. Not part of
the test suite; run it with:
    PYTHONPATH=. .venv/bin/python benchmarks/load_page.py [--trainees 50] [--turns 5] \
        [--database postgresql] [--processes 1,2,3] [--reps 5]
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
from contextlib import ExitStack, contextmanager
from pathlib import Path

from benchmarks.page_client import PageClient
from coach.accounts import Accounts
from coach.db import open_database
from coach.rubric import load_rubric
from coach.store import Store
from coach.testing.fake_openai import fake_server
from coach.testing.postgres import TempPostgres
from tests.deploy.cluster import Cluster
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
    with ThreadPoolExecutor(2) as pool:  # two at a time: a login's Argon2 check must not time out on a busy machine
        return dict(zip(names, pool.map(lambda n: PageClient(url, auth=(n, PASSWORD)), names), strict=True))


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
    client = PageClient(url, auth=("flooder", PASSWORD))
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


@contextmanager
def deployment(args: argparse.Namespace, processes: int | None, tmp: Path, names: list[str], env: dict[str, str]):
    """The page to load: one process on SQLite (the default), or `processes` behind nginx on the chosen
    database. Yields (url, coach process ids, database)."""
    with ExitStack() as stack:
        if args.database == "postgresql":
            pg = stack.enter_context(TempPostgres())
            where = pg.new_database()
        else:
            where = str(tmp / "coach.sqlite3")
        accounts = Accounts(open_database(where))
        for name in [*names, "flooder"]:
            accounts.add(name, "trainee", PASSWORD)
        home = tmp / "home"
        home.mkdir(exist_ok=True)
        if processes is None:
            server = Server(where, env, home=home).start()
            stack.callback(server.stop)
            assert server.proc is not None
            yield server.url, [server.proc.pid], where
        else:
            cluster = stack.enter_context(Cluster(where, home, processes, env))
            yield cluster.url, cluster.pids(), where


def measure(args: argparse.Namespace, processes: int | None, model_url: str, rubric) -> dict:
    env = {"OPENAI_BASE_URL": model_url, "OPENAI_API_KEY": "load-test"}
    names = [f"trainee{i:02d}" for i in range(args.trainees)]
    with tempfile.TemporaryDirectory() as tmp, deployment(args, processes, Path(tmp), names, env) as (url, pids, where):
        clients = connect(url, names)
        warm, _, _ = run_phase(clients, names[:2], 1)  # imports and connections, not measured
        cpu0, rss0 = sum(cpu_seconds(p) for p in pids), sum(rss_mb(p) for p in pids)
        results, errors, elapsed = run_phase(clients, names, args.turns)
        cpu1, rss1 = sum(cpu_seconds(p) for p in pids), sum(rss_mb(p) for p in pids)
        out = {"results": results, "errors": errors, "elapsed": elapsed, "cpu": cpu1 - cpu0, "rss": rss1 - rss0,
               "pids": pids, "calm": [], "during": [], "refusals": [], "flood_times": [], "few": []}
        if processes is None and not args.no_flood:
            few = names[: max(10, args.trainees // 5)]
            calm, errors_calm, _ = run_phase(clients, few, 3)
            stop, refusals, flood_times = threading.Event(), [], []
            flooder = threading.Thread(target=flood, args=(url, stop, refusals, flood_times))
            flooder.start()
            time.sleep(1.0)
            during, errors2, _ = run_phase(clients, few, 3)
            stop.set()
            flooder.join(timeout=120)
            out.update(calm=calm, during=during, refusals=refusals, flood_times=flood_times, few=few)
            out["errors"] = errors + errors_calm + errors2
        kept = Store(open_database(where), rubric)
        out["lost"] = sum(1 for cid, turn, text, _, _ in results + out["during"] + out["calm"] + warm
                          if (c := kept.get(cid)) is None or len(c.turns) <= turn or c.turns[turn].reply != text)
    return out


def report(args: argparse.Namespace, processes: int | None, m: dict) -> None:
    results = m["results"]
    latencies = [t for *_, t, _ in results]
    inside = [r["seconds"]["turn"] for *_, r in results]
    fallbacks = sum(1 for *_, r in results if r["engine"].startswith("offline"))
    conversations = len({cid for cid, *_ in results})
    where = f"{processes} process(es) behind nginx" if processes else "1 process, direct"
    print(f"== {args.database}, {where}: {args.trainees} concurrent trainees (own accounts), {len(results)} turns in "
          f"{m['elapsed']:.1f} s = {len(results) / m['elapsed']:.1f} turns/s (fake model latency "
          f"{args.latency * 1000:.0f} ms per call; {os.cpu_count()} cores)")
    print(f"errors: {len(m['errors'])} (target 0)")
    for e in m["errors"][:5]:
        print(f"  {e}")
    print(f"turns lost: {m['lost']} (target 0); turns graded offline as a fallback: {fallbacks}")
    print(f"turn latency: median {statistics.median(latencies) * 1000:.0f} ms, p95 {p95(latencies) * 1000:.0f} ms "
          f"= {p95(latencies) / args.latency:.2f}x the model's latency")
    print(f"  inside coach's turn loop: median {statistics.median(inside) * 1000:.0f} ms, p95 {p95(inside) * 1000:.0f} ms")
    print(f"server CPU per turn: {m['cpu'] * 1000 / max(1, len(results)):.1f} ms "
          f"(summed over {len(m['pids'])} coach process(es): Gradio's queue, HTTP, grading, saving)")
    print(f"server memory: {m['rss']:+.1f} MB for {conversations} conversations = "
          f"{m['rss'] / max(1, conversations):.3f} MB per conversation")
    if m["refusals"]:
        accepted = sum(1 for r in m["refusals"] if r == "ACCEPTED")
        print(f"5 MB replies: {len(m['refusals'])} sent, {accepted} accepted (target 0), refused in median "
              f"{statistics.median(m['flood_times']) if m['flood_times'] else 0:.2f} s; {len(m['few'])} others' p95 "
              f"{p95([t for *_, t, _ in m['during']]) / args.latency:.2f}x the model's latency during the flood, "
              f"{p95([t for *_, t, _ in m['calm']]) / args.latency:.2f}x without it")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--trainees", type=int, default=50)
    parser.add_argument("--turns", type=int, default=5)
    parser.add_argument("--latency", type=float, default=0.2)
    parser.add_argument("--database", type=lambda v: v.split(","), default=["sqlite"],
                        help="sqlite, postgresql (a throwaway server on loopback, Debian's binaries) or both, "
                             "sqlite,postgresql: each in turn, then PostgreSQL's CPU per turn over SQLite's")
    parser.add_argument("--processes", type=lambda v: [int(n) for n in v.split(",")], default=None,
                        help="run behind nginx with each number of coach processes in turn, e.g. 1,2,3")
    parser.add_argument("--no-flood", action="store_true", help="skip the 5 MB replies phase")
    parser.add_argument("--reps", type=int, default=1, help="repetitions, alternating the databases' order")
    args = parser.parse_args()
    rubric = load_rubric()
    failed = False
    cpu: dict[tuple[str, int | None], list[float]] = {}
    print(f"{os.cpu_count()} cores; load average before: {os.getloadavg()[0]:.2f}")
    with fake_server(args.latency, judge_json(rubric), "I see. And what happens now?") as model_url:
        for rep in range(args.reps):  # interleaved: each repetition takes the databases in the other order
            for database in args.database if rep % 2 == 0 else args.database[::-1]:
                for processes in args.processes or [None]:
                    run = argparse.Namespace(**{**vars(args), "database": database})
                    m = measure(run, processes, model_url, rubric)
                    report(run, processes, m)
                    cpu.setdefault((database, processes), []).append(m["cpu"] / max(1, len(m["results"])))
                    failed |= bool(m["errors"] or m["lost"] or any(r == "ACCEPTED" for r in m["refusals"]))
    for processes in args.processes or [None]:
        if ("sqlite", processes) in cpu and ("postgresql", processes) in cpu:
            pg, lite = (statistics.median(cpu[(d, processes)]) for d in ("postgresql", "sqlite"))
            print(f"{processes or 1} process(es): PostgreSQL's CPU per turn is {pg / lite:.2f}x SQLite's "
                  f"(median of {args.reps}: {pg * 1000:.1f} vs {lite * 1000:.1f} ms; target <= 1.3)")
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    main()
