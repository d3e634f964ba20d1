"""A logged-in caller of a Gradio page's API endpoints over plain HTTP (httpx): the REST route Gradio
gives every named endpoint, `POST /gradio_api/call/<name>` and then its event stream. Load tests use
it rather than gradio_client, whose per-call threads and job machinery cost the client more CPU than
the server it measures, on the same cores."""

from __future__ import annotations

import json
from typing import Any

import httpx


class CallFailed(RuntimeError):
    """The endpoint answered with an error event, or the stream ended without an answer."""


class PageClient:
    def __init__(self, url: str, auth: tuple[str, str], timeout: float = 120):
        self.http = httpx.Client(base_url=url, timeout=timeout)
        response = self.http.post("/login", data={"username": auth[0], "password": auth[1]})
        if response.status_code != 200:
            raise CallFailed(f"login as {auth[0]} refused: {response.status_code}")
        self.defaults: dict[str, list[Any]] = {}

    def _padded(self, name: str, data: tuple[Any, ...]) -> list[Any]:
        """`data` with the endpoint's remaining parameters at their defaults (the REST route fills none)."""
        if not self.defaults:
            info = self.http.get("/gradio_api/info").json()["named_endpoints"]
            self.defaults = {endpoint.lstrip("/"): [p.get("parameter_default") for p in spec["parameters"]]
                             for endpoint, spec in info.items()}
        return [*data, *self.defaults.get(name, [])[len(data):]]

    def predict(self, *data: Any, api_name: str) -> Any:
        """Call endpoint `api_name` ("/send_reply") with `data`; its single output, as gradio_client gives it."""
        name = api_name.lstrip("/")
        started = self.http.post(f"/gradio_api/call/{name}", json={"data": self._padded(name, data)})
        if started.status_code != 200:
            raise CallFailed(f"{api_name}: {started.status_code} {started.text[:200]}")
        event = started.json()["event_id"]
        kind = None
        with self.http.stream("GET", f"/gradio_api/call/{name}/{event}") as stream:
            for line in stream.iter_lines():
                if line.startswith("event:"):
                    kind = line[6:].strip()
                elif line.startswith("data:") and kind == "complete":
                    return json.loads(line[5:])[0]
                elif line.startswith("data:") and kind == "error":
                    raise CallFailed(f"{api_name}: {line[5:].strip()[:200]}")
        raise CallFailed(f"{api_name}: the stream ended without an answer")

    def close(self) -> None:
        self.http.close()
