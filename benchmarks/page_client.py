"""A logged-in caller of a Gradio page's API endpoints over plain HTTP (httpx), the way the browser
calls them: `POST /gradio_api/queue/join` and then the session's event stream, under one session
for the client's life. Load tests use it rather than gradio_client, whose per-call threads and job
machinery cost the client more CPU than the server it measures, on the same cores. (Gradio's REST
route `/gradio_api/call/<name>` is no substitute: it opens a new session, and so builds the whole
page's state, on every call.)"""

from __future__ import annotations

import json
import uuid
from typing import Any

import httpx


class CallFailed(RuntimeError):
    """The endpoint answered with an error, or the stream ended without an answer."""


_ENDPOINTS: dict[str, dict[str, tuple[int, list[Any]]]] = {}  # per page: api name -> (fn_index, defaults)


def _endpoints(http: httpx.Client) -> dict[str, tuple[int, list[Any]]]:
    """Each named endpoint's handler index and parameter defaults, read once per page."""
    key = str(http.base_url)
    if key not in _ENDPOINTS:
        config = http.get("/config").json()
        info = http.get("/gradio_api/info").json()["named_endpoints"]
        index = {dep["api_name"]: dep.get("id", i) for i, dep in enumerate(config["dependencies"])
                 if dep.get("api_name")}
        _ENDPOINTS[key] = {name: (index[name.lstrip("/")], [p.get("parameter_default") for p in spec["parameters"]])
                           for name, spec in info.items() if name.lstrip("/") in index}
    return _ENDPOINTS[key]


class PageClient:
    def __init__(self, url: str, auth: tuple[str, str], timeout: float = 120):
        self.http = httpx.Client(base_url=url, timeout=timeout)
        response = self.http.post("/login", data={"username": auth[0], "password": auth[1]})
        if response.status_code != 200:
            raise CallFailed(f"login as {auth[0]} refused: {response.status_code}")
        self.session = uuid.uuid4().hex[:11]
        self.endpoints = _endpoints(self.http)

    def predict(self, *data: Any, api_name: str) -> Any:
        """Call endpoint `api_name` ("/send_reply") with `data` (the rest at their defaults); its single
        output, as gradio_client gives it."""
        index, defaults = self.endpoints[api_name]
        joined = self.http.post("/gradio_api/queue/join", json={
            "data": [*data, *defaults[len(data):]], "fn_index": index, "session_hash": self.session,
            "event_data": None, "trigger_id": None})
        if joined.status_code != 200:
            raise CallFailed(f"{api_name}: {joined.status_code} {joined.text[:200]}")
        event = joined.json()["event_id"]
        with self.http.stream("GET", "/gradio_api/queue/data", params={"session_hash": self.session}) as stream:
            for line in stream.iter_lines():
                if not line.startswith("data:"):
                    continue
                message = json.loads(line[5:])
                if message.get("event_id") != event or message.get("msg") != "process_completed":
                    continue
                if not message.get("success"):
                    raise CallFailed(f"{api_name}: {str(message.get('output'))[:200]}")
                return message["output"]["data"][0]
        raise CallFailed(f"{api_name}: the stream ended without an answer")

    def close(self) -> None:
        self.http.close()
