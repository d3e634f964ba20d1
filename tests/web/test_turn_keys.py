"""The page sends a key with each reply: the very request sent again (its answer lost) stores nothing new."""

from __future__ import annotations

import json
import re

import httpx

from coach.db import open_database
from tests.web.conftest import new_page
from tests.web.ui import open_page, pick_customer, send, start

KEY = re.compile(r"^[0-9a-f]{32}$")


def sent_keys(bodies: list[dict]) -> list[str]:
    return [v for b in bodies for v in b.get("data", []) if isinstance(v, str) and KEY.match(v)]


def replay(url: str, body: dict) -> None:
    """The page's send, as a browser that lost the answer sends it again (a new page session)."""
    body = {**body, "session_hash": "replayed01"}
    with httpx.Client(base_url=url, timeout=60) as client:
        assert client.post("/gradio_api/queue/join", json=body).status_code == 200
        with client.stream("GET", "/gradio_api/queue/data", params={"session_hash": "replayed01"}) as stream:
            for line in stream.iter_lines():
                if line.startswith("data:") and json.loads(line[5:]).get("msg") == "process_completed":
                    return
    raise AssertionError("the replayed send never completed")


def test_a_send_the_page_repeats_stores_one_turn(server, browser):
    page = new_page(browser)
    joins: list[dict] = []
    page.on("request", lambda r: joins.append(json.loads(r.post_data)) if "/queue/join" in r.url else None)
    try:
        open_page(page, server.url)
        pick_customer(page, "The repeat refund requester")
        start(page, "")
        send(page, "Dana, I am sorry. I will check it today.")
        first = [b for b in joins if sent_keys([b])]
        assert len(first) == 1, joins
        replay(server.url, first[0])
        send(page, "Dana, I am sorry. I will check it today.")  # the same words, sent anew: a new key
    finally:
        page.context.close()
    keys = sent_keys(joins)
    assert len(keys) == 2 and keys[0] != keys[1]
    db = open_database(server.db)
    try:
        rows = db.query("SELECT idx, turn_key FROM turns WHERE status = 'done' ORDER BY idx")
    finally:
        db.close()
    assert rows == [(0, keys[0]), (1, keys[1])]
