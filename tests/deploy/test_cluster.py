"""The deployment as shipped: three `coach serve` processes on one PostgreSQL behind nginx. Sixty
trainees talk at once; one process is killed (-9) mid-load. Only the requests in flight on it fail,
no acknowledged turn is lost, and its trainees carry on through the others. A persona published
by one coach process is offered by every serving process within a second."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx

from coach.accounts import Accounts
from coach.db import open_database
from coach.rubric import load_rubric
from coach.store import Store
from coach.testing.fake_openai import fake_server
from tests.deploy.cluster import Cluster
from tests.gradio_wait import settled
from tests.llm.conftest import judge_json
from tests.personas.conftest import REPLIES
from tests.test_persona_versions import NEW
from tests.web.conftest import PASSWORD

TRAINEES = 60
TURNS = 6
PERSONAS = ["lawsuit-19-dollars", "repeat-refund", "indecisive-shopper", "diner-kept-waiting", "late-order-ahmad"]
LANG = {"late-order-ahmad": "ar", "diner-kept-waiting": "es"}


def client(url: str, name: str):
    from gradio_client import Client

    return Client(url, auth=(name, PASSWORD), verbose=False, headers={"X-Trainee": name},
                  httpx_kwargs={"timeout": 60})


class Trainee:
    """Talks to one customer for TURNS turns; a failed send is sent again with the same key (what a
    person pressing Send again on the page does: the page keeps one key per reply)."""

    def __init__(self, name: str, persona: str, connection):
        self.name, self.persona, self.client = name, persona, connection
        self.acknowledged: list[tuple[str, int, str]] = []  # (conversation, turn index, reply)
        self.errors: list[tuple[float, str]] = []
        self.conversation = ""
        self.ended = False

    def run(self) -> None:
        kinds = ["mild", "good"]
        while not self.conversation:
            settled(self.client)
            try:
                self.conversation = self.client.predict(self.persona, api_name="/start_conversation")["conversation_id"]
            except Exception as exc:  # counted, then tried again
                self.errors.append((time.time(), f"start: {type(exc).__name__}: {exc}"))
        sent = 0
        while sent < TURNS and len(self.errors) < 5:
            text = REPLIES[LANG.get(self.persona, "en")][kinds[sent % 2]].format(name="there") + f" ({sent + 1})"
            settled(self.client)
            try:
                record = self.client.predict(self.conversation, text, f"{self.name}-{sent + 1}", api_name="/send_reply")
            except Exception as exc:
                self.errors.append((time.time(), f"turn {sent + 1}: {type(exc).__name__}: {exc}"))
                continue
            self.acknowledged.append((self.conversation, record["turn"], text))
            sent += 1
            if record["end"]:
                self.ended = True
                break


def logs_in_through_nginx_from_its_own_origin_only(url: str) -> None:
    """A browser's login through nginx on its port: nginx passes the Host with the port, so the page's
    own origin matches and another's does not."""
    form = {"username": "tess", "password": PASSWORD}
    with httpx.Client(base_url=url, timeout=30) as browser:
        ours = browser.post("/login", data=form, headers={"origin": url})
        assert ours.status_code == 200 and "access-token-coach=" in ours.headers.get("set-cookie", ""), ours.text
        other = browser.post("/login", data=form, headers={"origin": url.replace("127.0.0.1", "localhost")})
        assert other.status_code == 403


def test_three_processes_behind_nginx_lose_nothing_when_one_is_killed(postgres, tmp_path):
    rubric = load_rubric()
    url = postgres.new_database()
    accounts = Accounts(open_database(url))
    names = [f"trainee{i:02d}" for i in range(TRAINEES)]
    for name in names:
        accounts.add(name, "trainee", PASSWORD)
    accounts.add("tess", "trainer", PASSWORD)
    with fake_server(0.3, judge_json(rubric), "I see. And what happens now?") as model_url, \
            Cluster(url, tmp_path, 3, {"OPENAI_BASE_URL": model_url, "OPENAI_API_KEY": "cluster-test"}) as cluster:
        logs_in_through_nginx_from_its_own_origin_only(cluster.url)
        with ThreadPoolExecutor(8) as pool:
            connections = list(pool.map(lambda n: client(cluster.url, n), names))
        trainees = [Trainee(n, PERSONAS[i % len(PERSONAS)], c) for i, (n, c) in enumerate(zip(names, connections,
                                                                                              strict=True))]
        threads = [threading.Thread(target=t.run) for t in trainees]
        for thread in threads:
            thread.start()
            time.sleep(0.05)  # people do not all press the button in the same millisecond
        deadline = time.monotonic() + 120
        while sum(len(t.acknowledged) for t in trainees) < TRAINEES * 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        victim = cluster.servers[1]
        killed_at = time.time()
        victim.kill()
        for thread in threads:
            thread.join(timeout=300)
        assert not any(thread.is_alive() for thread in threads)

        # who was on the killed process, and who carried on elsewhere (nginx's log)
        victim_address = f"127.0.0.1:{victim.port}"
        served = cluster.nginx.served()
        before = {who for at, who, upstream, _, uri in served if at < killed_at and upstream == victim_address
                  and "queue/join" in uri}
        assert before, "nobody was on the killed process"
        # every send nginx answered after the kill was served by a live process (0.5 s: nginx writes its
        # log line after the answer), and those on the killed process who still had turns to send went
        # on there. Who that is comes from nginx's log, not from when a trainee saw its last answer: on a
        # loaded machine a send answered before the kill can reach its trainee well after it
        later = [(who, up) for at, who, up, status, uri in served
                 if at > killed_at + 0.5 and "queue/join" in uri and status == 200]
        assert all(victim_address not in up.split(", ")[-1] for _, up in later), later
        carried_on = before & {who for who, _ in later}
        assert carried_on, "nobody on the killed process sent anything after it was killed"

        # only requests in flight on the killed process failed: at most one per trainee who was there
        errors = {t.name: t.errors for t in trainees if t.errors}
        if not set(errors) <= before:  # what nginx saw of those trainees
            import json
            (tmp_path / "nginx-seen.json").write_text(json.dumps({"killed_at": killed_at, "victim": victim_address,
                "errors": errors, "served": [r for r in served if r[1] in set(errors) - before]}, indent=1))
        assert set(errors) <= before, (errors, f"nginx's view in {tmp_path / 'nginx-seen.json'}")
        assert all(len(e) == 1 and e[0][0] >= killed_at for e in errors.values()), errors
        print(f"{len(before)} trainees on the killed process, {sum(map(len, errors.values()))} requests failed "
              f"(in flight on it), {sum(len(t.acknowledged) for t in trainees)} turns acknowledged")
        # every conversation went on to its last turn
        assert all(t.ended or len(t.acknowledged) == TURNS for t in trainees)

        # a persona published by one coach process is offered by every serving process within a second
        live = [s for s in cluster.servers if s is not victim]
        direct = [client(s.url, "tess") for s in live]
        folder = tmp_path / "new-persona"
        folder.mkdir()
        (folder / "fifty-dollar-lawsuit.yaml").write_text(NEW, encoding="utf-8")
        published = subprocess.run([sys.executable, "-m", "coach", "persona", "import", str(folder), "--publish"],
                                   capture_output=True, text=True, env=live[0].env, cwd=tmp_path, timeout=60)
        assert published.returncode == 0, published.stderr
        done_at = time.monotonic()
        for connection in direct:
            while True:
                try:
                    started = connection.predict("fifty-dollar-lawsuit", api_name="/start_conversation")
                    break
                except Exception:
                    assert time.monotonic() - done_at < 1.0, "the persona did not reach every process within a second"
                    time.sleep(0.05)
            assert started["persona_id"] == "fifty-dollar-lawsuit"
        assert time.monotonic() - done_at < 1.0

    # no acknowledged turn lost: each is in the database, as sent, where the server said it was
    store = Store(open_database(url), rubric)
    for t in trainees:
        kept = store.get(t.conversation)
        for cid, index, text in t.acknowledged:
            assert cid == kept.id and kept.turns[index].reply == text, (t.name, index)
        # and none twice: a send re-sent after the kill got the turn its first try stored
        assert len(kept.turns) == len(t.acknowledged), (t.name, [turn.reply for turn in kept.turns])
