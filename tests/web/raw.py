"""Calling the page's handlers the way an attacker would: raw HTTP against Gradio's queue,
with or without a login cookie, by the handler's index, hidden or not."""

from __future__ import annotations

import json
import uuid
from typing import Any

import httpx


def logged_in(url: str, name: str, password: str) -> httpx.Client:
    client = httpx.Client(base_url=url, timeout=30)
    response = client.post("/login", data={"username": name, "password": password})
    assert response.status_code == 200, response.text
    return client


def fn_index(client: httpx.Client, elem_id: str, trigger: str = "click") -> int:
    """The index of the server handler a component's event runs (read from the page's config)."""
    config = client.get("/config").json()
    ids = {c["id"]: c.get("props", {}).get("elem_id") for c in config["components"]}
    for i, dep in enumerate(config["dependencies"]):
        if dep.get("backend_fn") is False:  # runs in the browser only
            continue
        for target, event in dep.get("targets", []):
            if ids.get(target) == elem_id and event == trigger:
                return dep.get("id", i)
    raise LookupError(f"no {trigger} handler on #{elem_id}")


def queue_call(client: httpx.Client, index: int, data: list[Any]) -> dict[str, Any]:
    """POST /gradio_api/queue/join, then read the result from the event stream."""
    session = uuid.uuid4().hex[:10]
    joined = client.post("/gradio_api/queue/join", json={"data": data, "fn_index": index, "session_hash": session,
                                                         "event_data": None, "trigger_id": None})
    if joined.status_code != 200:
        return {"status": joined.status_code, "body": joined.text}
    with client.stream("GET", f"/gradio_api/queue/data?session_hash={session}") as stream:
        for line in stream.iter_lines():
            if not line.startswith("data:"):
                continue
            message = json.loads(line[5:])
            if message.get("msg") == "process_completed":
                return {"status": 200, **message}
    raise AssertionError("the queue never completed the call")


def api_call(client: httpx.Client, api_name: str, data: list[Any]) -> dict[str, Any]:
    """Gradio's REST route for an API endpoint, with the body JSON-escaped the way a browser may
    send it (so text Python's UTF-8 encoder refuses, like a lone surrogate, goes through)."""
    body = json.dumps({"data": data}, ensure_ascii=True)
    started = client.post(f"/gradio_api/call/{api_name}", content=body, headers={"content-type": "application/json"})
    assert started.status_code == 200, started.text
    event = started.json()["event_id"]
    kind = None
    with client.stream("GET", f"/gradio_api/call/{api_name}/{event}") as stream:
        for line in stream.iter_lines():
            if line.startswith("event:"):
                kind = line[6:].strip()
            elif line.startswith("data:") and kind in ("complete", "error"):
                return {"event": kind, "data": json.loads(line[5:]) if line[5:].strip() not in ("", "null") else None}
    raise AssertionError("the call never completed")
