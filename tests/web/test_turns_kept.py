"""No acknowledged turn is ever lost, and nothing typed is lost: two servers on one database, a burst
of conversations past the in-memory cache while a turn is in flight, kill -9 mid-turn, text a browser
can send but UTF-8 cannot hold, and replies over the length limit."""

from __future__ import annotations

import sqlite3
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from gradio_client import Client
from playwright.sync_api import expect

from coach.db import open_database
from coach.rubric import load_rubric
from coach.store import Store
from coach.testing.fake_openai import FakeOpenAI, Scripted
from tests.gradio_wait import settled
from tests.llm.conftest import judge_json
from tests.web.conftest import PASSWORD, Server, new_page
from tests.web.raw import api_call, logged_in
from tests.web.ui import open_page, pick_customer, send, start

SLOW = "[take your time]"  # a reply carrying this keeps the fake model busy for a while


def saved(db_path, conversation_id):
    return Store(open_database(db_path), load_rubric()).get(conversation_id)


@pytest.fixture()
def slow_model():
    """A model endpoint that answers at once, except to a reply carrying SLOW (then after 4 s)."""
    rubric = load_rubric()

    def answer(body):
        slow = any(SLOW in str(m.get("content", "")) for m in body.get("messages", []))
        content = "So what now?" if body.get("stream") else judge_json(rubric)
        return Scripted(content=content, delay=4.0 if slow else 0.0)

    with FakeOpenAI(responder=answer) as server:
        yield {"OPENAI_BASE_URL": server.base_url, "OPENAI_API_KEY": "sk-test", "COACH_TIMEOUT": "30"}


def test_two_servers_on_one_database_never_lose_an_acknowledged_turn(tmp_path):
    db = tmp_path / "coach.sqlite3"
    first = Server(db)
    first.add_user("alice", "trainee")
    first.start()
    second = Server(db).start()
    try:
        a, b = (Client(s.url, auth=("alice", PASSWORD), verbose=False) for s in (first, second))
        conversation = a.predict("repeat-refund", api_name="/start_conversation")["conversation_id"]
        acknowledged, refused = [], []

        def send_via(client, text):
            try:
                result = client.predict(conversation, text, api_name="/send_reply")
                acknowledged.append((result["turn"], text))
            except Exception as exc:  # a refusal is fine; a lost turn is not
                refused.append(str(exc))

        for round_ in range(8):
            threads = [threading.Thread(target=send_via, args=(client, f"Dana, round {round_} via {name}."))
                       for client, name in ((a, "first"), (b, "second"))]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
    finally:
        first.stop()
        second.stop()
    kept = saved(db, conversation)
    assert len({turn for turn, _ in acknowledged}) == len(acknowledged), "two sends acknowledged as one turn"
    for turn, text in acknowledged:
        assert kept.turns[turn].reply == text, f"acknowledged turn {turn} was overwritten"
    assert len(kept.turns) == len(acknowledged) >= 3
    assert all("changed in another window" in r or "has ended" in r for r in refused), refused


def test_a_burst_of_conversations_past_the_cache_loses_no_turn_in_flight(tmp_path, slow_model):
    server = Server(tmp_path / "coach.sqlite3", env_extra=slow_model)
    server.add_user("alice", "trainee")
    server.start()
    try:
        client = Client(server.url, auth=("alice", PASSWORD), verbose=False)
        conversation = client.predict("repeat-refund", api_name="/start_conversation")["conversation_id"]
        in_flight = client.submit(conversation, f"Dana, let me check this. {SLOW}", api_name="/send_reply")
        time.sleep(0.5)
        clients = [Client(server.url, auth=("alice", PASSWORD), verbose=False) for _ in range(8)]

        def start_many(connection, count: int) -> list:
            """One session's starts, one after another, as one browser tab makes them."""
            results = []
            for _ in range(count):
                settled(connection)
                results.append(connection.predict("indecisive-shopper", api_name="/start_conversation"))
            return results

        with ThreadPoolExecutor(8) as pool:  # more conversations than the server keeps in memory, 8 at a time
            started = [r for batch in pool.map(start_many, clients, [38] * 4 + [37] * 4) for r in batch]
        second = client.predict(conversation, "Dana, I will call you back today.", api_name="/send_reply")
        first = in_flight.result(timeout=60)
    finally:
        server.stop()
    assert len(started) == 300
    assert sorted([first["turn"], second["turn"]]) == [0, 1]
    kept = saved(server.db, conversation)
    assert [t.reply for t in kept.turns] == [f"Dana, let me check this. {SLOW}", "Dana, I will call you back today."]


def test_kill_9_mid_turn_keeps_the_typed_reply(tmp_path, browser, slow_model):
    db = tmp_path / "coach.sqlite3"
    server = Server(db, env_extra=slow_model).start()
    page = new_page(browser)
    typed = f"Dana, I am so sorry. Let me look into it. {SLOW}"
    try:
        open_page(page, server.url)
        pick_customer(page, "The repeat refund requester")
        start(page, "")
        page.fill("#coach-reply textarea", typed)
        page.click("#coach-send")
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:  # the reply is saved before grading starts
            with sqlite3.connect(db) as con:
                if con.execute("SELECT count(*) FROM turns WHERE status = 'pending'").fetchone()[0]:
                    break
            time.sleep(0.1)
        else:
            pytest.fail("the reply was not saved before grading")
        server.kill()
        server = Server(db, env_extra=slow_model, port=server.port).start()
        page.reload()
        expect(page.locator("#coach-reply textarea")).to_have_value(typed)
        page.fill("#coach-reply textarea", "Dana, I will call you back before five.")
        page.click("#coach-send")
        expect(page.locator("#coach-chat [data-testid=user]")).to_have_count(1)
        expect(page.locator("#coach-reply textarea")).to_have_value("")
    finally:
        server.stop()
        page.context.close()


@pytest.fixture()
def alice(tmp_path):
    server = Server(tmp_path / "coach.sqlite3")
    server.add_user("alice", "trainee")
    server.start()
    yield server, Client(server.url, auth=("alice", PASSWORD), verbose=False)
    server.stop()


def test_a_lone_surrogate_does_not_break_the_conversation(alice):
    server, client = alice
    conversation = client.predict("repeat-refund", api_name="/start_conversation")["conversation_id"]
    raw = logged_in(server.url, "alice", PASSWORD)
    first = api_call(raw, "send_reply", [conversation, "Dana, hello \ud800 there\x00.", ""])
    assert first["event"] == "complete", first
    second = client.predict(conversation, "Dana, I will check it today.", api_name="/send_reply")
    assert (first["data"][0]["turn"], second["turn"]) == (0, 1)
    assert [t.reply for t in saved(server.db, conversation).turns] == ["Dana, hello \ufffd there.",
                                                                      "Dana, I will check it today."]


def test_a_five_megabyte_reply_is_refused_plainly_and_changes_nothing(alice):
    server, client = alice
    conversation = client.predict("repeat-refund", api_name="/start_conversation")["conversation_id"]
    with pytest.raises(Exception, match="413"):  # over the body limit: refused before it is parsed
        client.predict(conversation, "x" * 5_000_000, api_name="/send_reply")
    with pytest.raises(Exception, match="10,000 characters long; the limit is 4,000"):
        client.predict(conversation, "x" * 10_000, api_name="/send_reply")
    with pytest.raises(Exception, match="type a reply first"):
        client.predict(conversation, "   ", api_name="/send_reply")
    assert saved(server.db, conversation).turns == []
    assert client.predict(conversation, "Dana, let me check.", api_name="/send_reply")["turn"] == 0


def test_an_overlong_reply_stays_in_the_box_with_a_message(server, page):
    open_page(page, server.url)
    pick_customer(page, "The repeat refund requester")
    start(page, "")
    long_reply = "Dana, " + "I will check. " * 320
    page.fill("#coach-reply textarea", long_reply)
    page.click("#coach-send")
    expect(page.get_by_text("the limit is 4,000")).to_be_visible()
    expect(page.locator("#coach-reply textarea")).to_have_value(long_reply)
    expect(page.locator("#coach-chat [data-testid=user]")).to_have_count(0)
    send(page, "Dana, I will check it myself today.")


def test_a_lone_surrogate_typed_in_the_browser_is_kept_as_a_replacement_character(server, page):
    open_page(page, server.url)
    pick_customer(page, "The repeat refund requester")
    start(page, "")
    page.locator("#coach-reply textarea").evaluate(
        "box => { box.value = 'Dana, broken \\uD800 text.'; box.dispatchEvent(new Event('input', {bubbles: true})); }")
    page.click("#coach-send")
    expect(page.locator("#coach-chat [data-testid=user]")).to_have_count(1)
    expect(page.locator("#coach-chat")).to_contain_text("Dana, broken \ufffd text.")
    send(page, "Dana, I will check it myself today.")
    expect(page.locator("#coach-chat [data-testid=user]")).to_have_count(2)
