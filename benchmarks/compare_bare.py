"""coach against a bare Gradio app with the same two endpoints (benchmarks/bare_page.py), driven by
the same client, interleaved: for each number of users and each repetition, one phase on coach and
one on the bare app, in alternating order, while both servers stay up. Both run with the model
engine's two calls per turn against the fake model server (its own process).

Prints, per number of users, the median server CPU per turn and p95 turn latency of each, and
coach's ratios (targets: CPU per turn at most 2x bare, p95 at most 1.5x bare).

With `--soak 10000` it then keeps coach busy until that many turns were taken and measures the
same phase again: CPU per turn and memory per live conversation, after against fresh (target:
within 1.1x).
    PYTHONPATH=. .venv/bin/python benchmarks/compare_bare.py [--users 20,50] [--reps 5] [--soak 10000]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from benchmarks.load_page import connect, cpu_seconds, p95, rss_mb, run_phase
from coach.accounts import Accounts
from coach.db import open_database
from coach.rubric import load_rubric
from coach.testing.fake_openai import fake_server
from coach.testing.processes import stop_process
from tests.llm.conftest import judge_json
from tests.web.conftest import PASSWORD, Server, free_port

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")


class Bare:
    def __init__(self, model_url: str, names: list[str], home: Path):
        self.port = free_port()
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1]),
               # the same Gradio queue settings as coach: no analytics rebuild after every request
               "GRADIO_ANALYTICS_MAX_EVENTS": "1", "GRADIO_ANALYTICS_CACHE_FREQUENCY": str(2**62)}
        self.log = open(home / "bare.log", "w")  # noqa: SIM115 (closed in stop())
        self.proc = subprocess.Popen([sys.executable, "-m", "benchmarks.bare_page", "--port", str(self.port),
                                      "--model-url", model_url, "--users", ",".join(names)],
                                     env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url, timeout=2):
                    return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("the bare app did not start")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def stop(self) -> None:
        stop_process(self.proc)
        self.log.close()


def phase(clients: dict, names: list[str], turns: int, pid: int) -> dict:
    cpu0, rss0 = cpu_seconds(pid), rss_mb(pid)
    results, errors, elapsed = run_phase(clients, names, turns)
    cpu1, rss1 = cpu_seconds(pid), rss_mb(pid)
    return {"cpu_ms": (cpu1 - cpu0) * 1000 / max(1, len(results)), "p95": p95([r[3] for r in results]),
            "turns": len(results), "errors": len(errors), "rss": rss1, "rss_before": rss0, "elapsed": elapsed}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=lambda v: [int(n) for n in v.split(",")], default=[20, 50])
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--turns", type=int, default=5)
    parser.add_argument("--latency", type=float, default=0.2)
    parser.add_argument("--soak", type=int, default=0, help="turns to run before measuring again")
    args = parser.parse_args()
    rubric = load_rubric()
    names = [f"trainee{i:02d}" for i in range(max(args.users))]
    print(f"{os.cpu_count()} cores; load average before: {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as tmp, \
            fake_server(args.latency, judge_json(rubric), "I see. And what happens now?") as model_url:
        home = Path(tmp)
        db = home / "coach.sqlite3"
        accounts = Accounts(open_database(db))
        for name in names:
            accounts.add(name, "trainee", PASSWORD)
        coach = Server(db, {"OPENAI_BASE_URL": model_url, "OPENAI_API_KEY": "bench"}).start()
        bare = Bare(model_url, names, home)
        try:
            assert coach.proc is not None
            apps = {"coach": (connect(coach.url, names), coach.proc.pid),
                    "bare": (connect(bare.url, names), bare.proc.pid)}
            for clients, _pid in apps.values():
                run_phase(clients, names[:4], 2)  # imports, connections, first turns
            figures: dict[tuple[str, int], list[dict]] = {}
            for users in args.users:
                for rep in range(args.reps):
                    order = ["coach", "bare"] if rep % 2 == 0 else ["bare", "coach"]
                    for app in order:
                        clients, pid = apps[app]
                        figures.setdefault((app, users), []).append(phase(clients, names[:users], args.turns, pid))
            for users in args.users:
                row = {}
                for app in ("coach", "bare"):
                    runs = figures[(app, users)]
                    row[app] = (statistics.median(r["cpu_ms"] for r in runs), statistics.median(r["p95"] for r in runs),
                                sum(r["errors"] for r in runs))
                    each = ", ".join(f"{r['cpu_ms']:.1f}" for r in runs)
                    print(f"{users} users, {app}: CPU per turn {row[app][0]:.2f} ms (runs: {each}), "
                          f"p95 {row[app][1] * 1000:.0f} ms, "
                          f"errors {row[app][2]}")
                print(f"{users} users: coach/bare CPU per turn {row['coach'][0] / row['bare'][0]:.2f}x (target <= 2), "
                      f"p95 {row['coach'][1] / row['bare'][1]:.2f}x (target <= 1.5)")
            if args.soak:
                soak(args, apps["coach"], names, coach.proc.pid)
        finally:
            coach.stop()
            bare.stop()
    print(f"load average after: {os.getloadavg()[0]:.2f}")


def soak(args: argparse.Namespace, app: tuple[dict, int], names: list[str], pid: int) -> None:
    """Fresh against after `--soak` turns: the same phase, CPU per turn and memory per live conversation."""
    clients, _ = app
    users = max(args.users)

    def measured() -> tuple[float, float]:
        runs = [phase(clients, names[:users], args.turns, pid) for _ in range(3)]
        cpu = statistics.median(r["cpu_ms"] for r in runs)
        per_live = statistics.median(r["rss"] for r in runs) / users  # the process's memory over the live conversations
        return cpu, per_live

    fresh_cpu, fresh_mem = measured()
    taken = 0
    started = time.monotonic()
    told = 0
    while taken < args.soak:
        results, errors, _ = run_phase(clients, names[:users], args.turns)
        taken += len(results)
        if taken - told >= 2000:  # the curve: growing all along (a leak) or levelling off (warm-up)
            told = taken
            print(f"  after {taken} turns: RSS {rss_mb(pid):.0f} MB", flush=True)
    after_cpu, after_mem = measured()
    print(f"soak: {taken} turns in {time.monotonic() - started:.0f} s; RSS {rss_mb(pid):.0f} MB")
    print(f"CPU per turn after the soak {after_cpu:.2f} ms vs fresh {fresh_cpu:.2f} ms = {after_cpu / fresh_cpu:.2f}x "
          f"(target <= 1.1); memory per live conversation {after_mem:.2f} MB vs {fresh_mem:.2f} MB = "
          f"{after_mem / fresh_mem:.2f}x (target <= 1.1)")


if __name__ == "__main__":
    main()
