"""The page as an attacker on the network finds it (raw HTTP against a running `coach serve`):
same-origin only, bounded bodies, no uploads, logins that cannot be turned against the team,
sessions tied to their user, and the headers that keep it out of other sites' frames."""

from __future__ import annotations

import contextlib
import socket
import statistics
import time
from pathlib import Path

import httpx
import pytest

from coach.accounts import Accounts
from coach.db import open_database
from coach.throttle import FREE_FAILURES
from tests.web.conftest import PASSWORD, Server
from tests.web.raw import api_call, fn_index, logged_in, queue_call

HOST = "coach.corp.test"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("site") / "coach.sqlite3")
    for name, role in (("root", "admin"), ("tess", "trainer"), ("alice", "trainee"), ("bob", "trainee")):
        s.add_user(name, role)
    s.start()
    yield s
    s.stop()


def as_host(site: Server) -> dict[str, str]:
    """The page reached by a host name, as a team deploys it (the case Gradio's CORS got wrong)."""
    return {"host": f"{HOST}:{site.port}"}


def from_origin(site: Server, origin: str) -> dict[str, str]:
    return {**as_host(site), "origin": origin}


def client_from(site: Server, address: str) -> httpx.Client:
    """A client whose connections come from another loopback address (another machine, to the server)."""
    return httpx.Client(base_url=site.url, timeout=60, transport=httpx.HTTPTransport(local_address=address))


def login_form(name: str, password: str) -> dict:
    return {"username": name, "password": password}


# -- same origin ---------------------------------------------------------------------------------

def test_a_sibling_hosts_origin_gets_no_data_and_no_cors_headers(site):
    alice = logged_in(site.url, "alice", PASSWORD)
    evil = f"http://evil.corp.test:{site.port}"
    for method, path in (("GET", "/config"), ("GET", "/gradio_api/info"), ("POST", "/gradio_api/queue/join"),
                         ("OPTIONS", "/gradio_api/queue/join")):
        headers = from_origin(site, evil)
        if method == "OPTIONS":
            headers["access-control-request-method"] = "POST"
        answer = alice.request(method, path, headers=headers, json={} if method == "POST" else None)
        assert answer.status_code in (400, 403), (method, path, answer.status_code)
        assert not any(h.startswith("access-control-") for h in answer.headers), (method, path, answer.headers)
        assert "dependencies" not in answer.text
    for origin in ("null", "file://", f"https://evil.corp.test:{site.port}"):
        assert alice.get("/config", headers=from_origin(site, origin)).status_code == 403
    own = alice.get("/config", headers=from_origin(site, f"http://{HOST}:{site.port}"))
    assert own.status_code == 200 and "dependencies" in own.text


def test_a_cross_origin_post_changes_nothing(site):
    root = logged_in(site.url, "root", PASSWORD)
    index = fn_index(root, "coach-user-add")
    evil = from_origin(site, f"http://evil.corp.test:{site.port}")
    body = {"data": ["mallory", "admin", "mallorys-password", "en"], "fn_index": index, "session_hash": "evil00001",
            "event_data": None, "trigger_id": None}
    assert root.post("/gradio_api/queue/join", json=body, headers=evil).status_code == 403
    # a form post that names no Origin but comes from another page (Referer) is refused too
    referred = {**as_host(site), "referer": f"http://evil.corp.test:{site.port}/attack.html"}
    assert root.post("/gradio_api/queue/join", json=body, headers=referred).status_code == 403
    assert "mallory" not in [u.name for u in Accounts(open_database(site.db)).list()]


def test_login_from_another_sites_form_is_refused(site):
    with httpx.Client(base_url=site.url, timeout=30) as victim:
        answer = victim.post("/login", data=login_form("bob", PASSWORD),
                             headers=from_origin(site, f"http://evil.corp.test:{site.port}"))
        assert answer.status_code == 403 and "set-cookie" not in answer.headers
        ours = victim.post("/login", data=login_form("bob", PASSWORD), headers=from_origin(site, f"http://{HOST}:{site.port}"))
        assert ours.status_code == 200 and "access-token-coach=" in ours.headers["set-cookie"]


def test_scripts_without_a_browsers_headers_still_work(site):
    client = logged_in(site.url, "alice", PASSWORD)  # no Origin, no Referer: gradio_client, curl
    assert api_call(client, "my_sessions", [])["event"] == "complete"


def test_every_answer_carries_the_security_headers(site):
    alice = logged_in(site.url, "alice", PASSWORD)
    for path in ("/", "/config", "/gradio_api/info", "/login_check"):
        headers = alice.get(path).headers
        assert "frame-ancestors 'self'" in headers["content-security-policy"], path
        assert headers["x-frame-options"] == "SAMEORIGIN" and headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin" and headers["cross-origin-opener-policy"] == "same-origin"
        assert "strict-transport-security" not in headers  # plain HTTP: HSTS would mean nothing
    refused = alice.get("/config", headers=from_origin(site, "null"))
    assert "frame-ancestors 'self'" in refused.headers["content-security-policy"]


def test_listed_origins_and_only_they_may_call_with_credentials(tmp_path):
    s = Server(tmp_path / "coach.sqlite3", env_extra={"COACH_ALLOWED_ORIGINS": "https://portal.corp.test"})
    s.add_user("alice", "trainee")
    s.start()
    try:
        alice = logged_in(s.url, "alice", PASSWORD)
        listed = alice.get("/config", headers={"origin": "https://portal.corp.test", "host": f"{HOST}:{s.port}"})
        assert listed.status_code == 200
        assert listed.headers["access-control-allow-origin"] == "https://portal.corp.test"
        assert listed.headers["access-control-allow-credentials"] == "true"
        other = alice.get("/config", headers={"origin": "https://other.corp.test", "host": f"{HOST}:{s.port}"})
        assert other.status_code == 403 and "access-control-allow-origin" not in other.headers
    finally:
        s.stop()


# -- bounded requests ------------------------------------------------------------------------------

def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def raw_post(port: int, path: str, headers: dict[str, str], chunks, cookie: str = "") -> tuple[int, int]:
    """POST with a raw socket, sending body chunks until the server answers; (status, bytes sent)."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    head = f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n" + (f"Cookie: {cookie}\r\n" if cookie else "")
    head += "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
    sock.sendall(head.encode())
    sent = 0
    sock.setblocking(False)
    answer = b""
    try:
        for chunk in chunks:
            with contextlib.suppress(BlockingIOError):
                answer += sock.recv(4096)
            if answer:
                break
            try:
                sock.sendall(chunk)
            except (BlockingIOError, BrokenPipeError, ConnectionResetError):
                break
            sent += len(chunk)
        sock.setblocking(True)
        while b"\r\n" not in answer:
            more = sock.recv(4096)
            if not more:
                break
            answer += more
    finally:
        sock.close()
    return int(answer.split(b" ", 2)[1]), sent


def test_a_200_mb_body_and_upload_are_refused_before_parsing(site):
    alice = logged_in(site.url, "alice", PASSWORD)
    cookie = "; ".join(f"{k}={v}" for k, v in alice.cookies.items())
    before = rss_mb(site.proc.pid)
    mb = b"x" * (1024 * 1024)
    declared = {"content-type": "application/json", "content-length": str(200 * 1024 * 1024)}
    status, sent = raw_post(site.port, "/gradio_api/queue/join", declared, (mb for _ in range(200)), cookie)
    assert status == 413 and sent < 20 * 1024 * 1024  # answered at the headers, not after 200 MB
    chunked = {"content-type": "application/json", "transfer-encoding": "chunked"}
    frames = (b"%x\r\n" % len(mb) + mb + b"\r\n" for _ in range(200))
    status, sent = raw_post(site.port, "/gradio_api/queue/join", chunked, frames, cookie)
    assert status == 413 and sent < 20 * 1024 * 1024  # cut off at the limit while streaming
    upload = {"content-type": "multipart/form-data; boundary=x", "content-length": str(200 * 1024 * 1024)}
    status, sent = raw_post(site.port, "/gradio_api/upload", upload, (mb for _ in range(200)), cookie)
    assert status == 413 and sent < 20 * 1024 * 1024
    # a call's recording (a few MB of WAV) is the one upload the page takes
    recording = alice.post("/gradio_api/upload", files={"files": ("reply.wav", b"RIFF" + b"\0" * (5 * 1024 * 1024))})
    assert recording.status_code == 200, recording.text
    assert rss_mb(site.proc.pid) - before < 60
    assert api_call(alice, "my_sessions", [])["event"] == "complete"  # the server is fine


# -- logins --------------------------------------------------------------------------------------

def test_an_attacker_cannot_lock_the_admin_out(site):
    with client_from(site, "127.0.0.2") as attacker:
        for _ in range(FREE_FAILURES + 5):
            assert attacker.post("/login", data=login_form("root", "guess-guess")).status_code == 400
        assert attacker.post("/login", data=login_form("root", PASSWORD)).status_code == 400  # locked: for them
    with client_from(site, "127.0.0.1") as admin:
        answer = admin.post("/login", data=login_form("root", PASSWORD))
        assert answer.status_code == 200 and answer.cookies.get("access-token-coach")


def test_locked_wrong_and_unknown_get_the_same_answer_in_the_same_time(site):
    same_answer_in_the_same_time(site, "127.0.0.3")


def same_answer_in_the_same_time(site: Server, address: str) -> None:
    with client_from(site, address) as attacker:
        for _ in range(FREE_FAILURES):
            attacker.post("/login", data=login_form("tess", "not-her-password"))
        answers: dict[str, list[httpx.Response]] = {"locked": [], "wrong": [], "unknown": []}
        for _ in range(6):
            for kind, name in (("locked", "tess"), ("wrong", "bob"), ("unknown", "nobody-at-all")):
                answers[kind].append(attacker.post("/login", data=login_form(name, "not-the-password")))
    bodies = {(a.status_code, a.text, a.headers.get("set-cookie")) for kind in answers for a in answers[kind]}
    assert bodies == {(400, '{"detail":"Incorrect credentials."}', None)}
    medians = {kind: statistics.median(a.elapsed.total_seconds() for a in got) for kind, got in answers.items()}
    fastest, slowest = min(medians.values()), max(medians.values())
    # no lock (nor an unknown name) shows by timing; the margin is this shared machine's noise (the lock
    # that showed after a flood was 0.33 s slower)
    assert slowest - fastest < max(0.1, 0.5 * fastest), medians


def test_a_login_survives_a_restart_under_the_same_cookie_and_logout_ends_it(tmp_path):
    s = Server(tmp_path / "coach.sqlite3")
    s.add_user("alice", "trainee")
    s.start()
    try:
        alice = logged_in(s.url, "alice", PASSWORD)
        assert set(alice.cookies.keys()) == {"access-token-coach"}
        s.stop()
        s.start()
        assert alice.get("/config").status_code == 200  # the same cookie, after a restart
        assert alice.get("/logout").status_code == 405  # a link (or another site's <img>) logs nobody out
        assert alice.get("/config").status_code == 200
        token = alice.cookies["access-token-coach"]
        assert alice.post("/logout").status_code == 200
        with httpx.Client(base_url=s.url, cookies={"access-token-coach": token}) as replay:
            assert replay.get("/config").status_code == 401  # the old token is over, not just the cookie
    finally:
        s.stop()


# -- sessions belong to their user -------------------------------------------------------------------

def test_an_upload_is_its_uploaders_alone(site):
    alice, bob = logged_in(site.url, "alice", PASSWORD), logged_in(site.url, "bob", PASSWORD)
    uploaded = alice.post("/gradio_api/upload", files={"files": ("reply.wav", b"RIFF alice's voice")})
    assert uploaded.status_code == 200, uploaded.text
    path = uploaded.json()[0]
    assert alice.get(f"/gradio_api/file={path}").content == b"RIFF alice's voice"
    stolen = bob.get(f"/gradio_api/file={path}")
    assert stolen.status_code == 403 and b"alice" not in stolen.content
    index = fn_index(bob, "coach-start")
    passed_on = bob.post("/gradio_api/queue/join", json={"data": [{"path": path, "meta": {"_type": "gradio.FileData"}}],
                                                         "fn_index": index, "session_hash": "bobsess001"})
    assert passed_on.status_code == 403


def test_another_users_session_hash_and_event_id_give_nothing(site):
    alice, bob = logged_in(site.url, "alice", PASSWORD), logged_in(site.url, "bob", PASSWORD)
    index = fn_index(alice, "coach-start")
    joined = alice.post("/gradio_api/queue/join", json={"data": ["lawsuit-19-dollars", "practice", None, "en"],
                                                         "fn_index": index, "session_hash": "alicesess1",
                                                         "event_data": None, "trigger_id": None})
    assert joined.status_code == 200
    stolen = bob.get("/gradio_api/queue/data", params={"session_hash": "alicesess1"})
    assert stolen.status_code == 403
    assert bob.post("/gradio_api/queue/join", json={"data": ["lawsuit-19-dollars", "practice", None, "en"],
                                                    "fn_index": index, "session_hash": "alicesess1"}).status_code == 403
    assert bob.get("/gradio_api/heartbeat/alicesess1").status_code == 403
    assert bob.get("/gradio_api/deep_link", params={"session_hash": "alicesess1"}).status_code == 404
    with alice.stream("GET", "/gradio_api/queue/data", params={"session_hash": "alicesess1"}) as own:
        assert own.status_code == 200
    started = alice.post("/gradio_api/call/my_sessions", json={"data": []})
    event = started.json()["event_id"]
    assert bob.get(f"/gradio_api/call/my_sessions/{event}").status_code == 403
    assert api_call(bob, "my_sessions", [])["event"] == "complete"
    assert queue_call(alice, index, ["lawsuit-19-dollars", "practice", None, "en"])["success"] is True


def test_a_typing_event_off_the_queue_is_its_sessions_owners_alone(site):
    """Hints run outside Gradio's queue (POST /gradio_api/run/predict): the session guard covers that route too."""
    alice, bob = logged_in(site.url, "alice", PASSWORD), logged_in(site.url, "bob", PASSWORD)
    index = fn_index(alice, "coach-reply", trigger="input")
    body = {"data": ["I understand, but that's our policy.", None, None, "en"], "fn_index": index,
            "session_hash": "alicetyping", "event_data": None, "trigger_id": None}
    assert alice.post("/gradio_api/run/predict", json=body).status_code == 200
    assert bob.post("/gradio_api/run/predict", json=body).status_code == 403
    anonymous = httpx.Client(base_url=site.url, timeout=30)
    assert anonymous.post("/gradio_api/run/predict", json={**body, "session_hash": "nobody0001"}).status_code in (401, 403)


def test_a_login_flood_leaves_a_trainees_calls_fast(site):
    """240 logins, 48 at once, from 48 addresses (so the per-address rule alone cannot hold them):
    Argon2 runs in its own small pool at a lower priority, and what the pool cannot take is refused."""
    from concurrent.futures import ThreadPoolExecutor

    trainee = logged_in(site.url, "alice", PASSWORD)

    def call() -> float:
        started = time.perf_counter()
        assert api_call(trainee, "my_sessions", [])["event"] == "complete"
        return time.perf_counter() - started

    for _ in range(3):
        call()
    idle = statistics.median(call() for _ in range(15))
    before = rss_mb(site.proc.pid)
    clients = [client_from(site, f"127.0.1.{i}") for i in range(1, 49)]
    outcomes: list[int] = []

    def flood(i: int) -> None:
        client = clients[i % 48]
        outcomes.append(client.post("/login", data=login_form(f"user{i % 7}", f"guess-{i}")).status_code)

    during: list[float] = []
    with ThreadPoolExecutor(48) as pool:
        futures = [pool.submit(flood, i) for i in range(240)]
        while not all(f.done() for f in futures):
            during.append(call())
        for f in futures:
            f.result()
    for client in clients:
        client.close()
    peak = rss_mb(site.proc.pid)
    assert len(outcomes) == 240 and set(outcomes) == {400}
    assert len(during) >= 5
    ratio = statistics.median(during) / idle
    print(f"trainee call: idle {idle * 1000:.0f} ms, during the flood {statistics.median(during) * 1000:.0f} ms "
          f"({ratio:.2f}x, {len(during)} calls); server {before:.0f} -> {peak:.0f} MB")
    assert ratio < 3, (idle, during)
    assert peak - before < 150
    same_answer_in_the_same_time(site, "127.0.0.4")  # a lock does not show once the flood is over either


# -- the API: typed arguments, exams kept closed, sends that can be repeated ---------------------------

RUDE = "Calm down. If you had read the listing you would know, but that's our policy."


def answer_of(result: dict) -> dict:
    assert result["event"] == "complete", result
    return result["data"][0]


def test_an_exams_verdicts_stay_out_of_the_api_until_it_ends(site):
    alice = logged_in(site.url, "alice", PASSWORD)
    cid = answer_of(api_call(alice, "start_conversation", ["lawsuit-19-dollars", "exam"]))["conversation_id"]
    answers = []
    for i in range(10):
        answers.append(answer_of(api_call(alice, "send_reply", [cid, RUDE, f"exam-turn-{i:04d}"])))
        if len(answers) == 1:
            mine = [s for s in answer_of(api_call(alice, "my_sessions", [])) if s["conversation_id"] == cid]
            assert mine[0]["score"] is None  # nor a score that would give them away
        if answers[-1]["end"]:
            break
    assert len(answers) > 1 and answers[-1]["end"] == "walked_out"
    assert all(a["verdicts"] is None and a["verdicts_withheld"] for a in answers[:-1])
    assert answers[-1]["verdicts"] and not answers[-1]["verdicts_withheld"]
    assert "fail" in answers[-1]["verdicts"].values()
    mine = [s for s in answer_of(api_call(alice, "my_sessions", [])) if s["conversation_id"] == cid]
    assert mine[0]["score"] is not None


def test_a_send_repeated_with_its_key_stores_one_turn(site):
    alice = logged_in(site.url, "alice", PASSWORD)
    cid = answer_of(api_call(alice, "start_conversation", ["repeat-refund", "practice"]))["conversation_id"]
    first = answer_of(api_call(alice, "send_reply", [cid, "Dana, I will check it today.", "send-key-000001"]))
    again = answer_of(api_call(alice, "send_reply", [cid, "Dana, I will check it today.", "send-key-000001"]))
    assert (again["turn"], again["attempt"], again["customer"]) == (first["turn"], first["attempt"], first["customer"])
    db = open_database(site.db)
    try:
        assert db.query("SELECT count(*) FROM turns WHERE conversation_id = ?", (cid,))[0][0] == 1
    finally:
        db.close()
    second = answer_of(api_call(alice, "send_reply", [cid, "Dana, I will check it today.", "send-key-000002"]))
    assert second["turn"] == first["turn"] + 1  # the same words under a new key are a new reply


def test_api_arguments_of_the_wrong_type_are_refused_in_one_plain_line(site):
    alice = logged_in(site.url, "alice", PASSWORD)
    cid = answer_of(api_call(alice, "start_conversation", ["repeat-refund", "practice"]))["conversation_id"]
    for data in ([cid, ["Dana,", "a list"], ""], [[cid], "Dana, hello.", ""], [cid, 42, ""], [cid, "Dana.", "bad key!"]):
        refused = api_call(alice, "send_reply", data)
        assert refused["event"] == "error", refused
        line = str(refused["data"])
        assert ("is not valid" in line or "turn key" in line) and "\n" not in line and "Traceback" not in line, line
    db = open_database(site.db)
    try:
        assert db.query("SELECT count(*) FROM turns WHERE conversation_id = ?", (cid,))[0][0] == 0
    finally:
        db.close()
    unknown = api_call(alice, "start_conversation", ["<b>no-such</b>", "practice"])
    assert unknown["event"] == "error" and "<b>no-such</b>" in str(unknown["data"])  # plain text, not HTML-escaped
    assert "&lt;" not in str(unknown["data"])
