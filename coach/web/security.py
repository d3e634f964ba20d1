"""What stands between the network and the page: same-origin only, bounded bodies and uploads,
each browser session's events and uploads for its own user, and the headers that keep the page
out of frames.

Each is a small ASGI middleware on the app coach serves (`coach.web.server`), in front of
Gradio's. Gradio's own CORS middleware answers any `Origin` with `Access-Control-Allow-Credentials:
true` once the page is reached by a host name (anything but localhost), so a page on a sibling
host (`evil.corp.test` beside `coach.corp.test`) could read and act as whoever opened it. coach
therefore mounts Gradio under an app with Starlette's `CORSMiddleware` (which makes Gradio leave
CORS alone, see `gradio.mount_gradio_app`) allowing only the origins a setting lists, and
`SameOrigin` refuses every other cross-origin request before it reaches a route.
"""

from __future__ import annotations

import json
import re
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from urllib.parse import parse_qs, unquote, urlsplit

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
DEFAULT_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443}
# Where a link from another site may land: the page itself (its routes are all under these).
NAVIGABLE = re.compile(r"^/(?:\?.*)?$")

# Gradio's page runs inline scripts and compiles its `js=` handlers, so scripts need 'unsafe-inline'
# and 'unsafe-eval'; everything else is this origin only, and no other origin may frame the page.
CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data: blob:; media-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
       "worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'")
HEADERS = {
    "content-security-policy": CSP,
    "x-frame-options": "SAMEORIGIN",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "permissions-policy": "camera=(), geolocation=(), payment=(), usb=(), microphone=(self)",
}
HSTS = "max-age=31536000"


def _origin(value: str) -> tuple[str, str] | None:
    """(scheme, host[:port] without a default port) of an origin or URL; None for `null` or junk."""
    try:
        parts = urlsplit(value.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower()
    if ":" in host:
        host = f"[{host}]"
    if port is not None and port != DEFAULT_PORTS[parts.scheme]:
        host = f"{host}:{port}"
    return parts.scheme, host


def _host(value: str | None, scheme: str) -> str:
    """The Host header as `_origin` writes a host (lower case, default port dropped)."""
    found = _origin(f"{scheme}://{value or ''}")
    return found[1] if found else ""


class SameOrigin:
    """Refuse what a page of another origin makes a browser send.

    A browser names the page that sent a request in `Origin` (every POST, every cross-origin
    fetch), in `Sec-Fetch-Site` (over HTTPS) and in `Referer`. A request is the page's own when
    that origin's host and port are the ones it was sent to (the `Host` header: a browser cannot
    forge it), or when a setting lists the origin. Anything else is refused with 403, except a
    plain link from another site to the page itself. Scripts (gradio_client, curl) send none of
    these headers and are let through: they carry no victim's cookie.
    """

    def __init__(self, app: ASGIApp, extra_origins: list[str] | tuple[str, ...] = ()):
        self.app = app
        self.extra = {o for o in (_origin(x) for x in extra_origins) if o}

    def allowed(self, value: str, scheme: str, host: str) -> bool:
        origin = _origin(value)
        if origin is None:
            return False
        # the scheme is not compared: behind a TLS proxy the page is https and the server sees http
        return origin[1] == host or origin in self.extra

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            return await self.app(scope, receive, send)
        headers = Headers(scope=scope)
        scheme = str(scope.get("scheme", "http")).replace("ws", "http")
        host = _host(headers.get("host"), scheme)
        method = scope.get("method", "GET")
        origin, referer = headers.get("origin"), headers.get("referer")
        site, mode = headers.get("sec-fetch-site"), headers.get("sec-fetch-mode")
        if origin is not None:
            ok = self.allowed(origin, scheme, host)
        elif site in ("cross-site", "same-site"):
            ok = method in ("GET", "HEAD") and mode == "navigate" and bool(NAVIGABLE.match(_target(scope)))
        elif method not in SAFE_METHODS or scope["type"] == "websocket":
            ok = referer is None or self.allowed(referer, scheme, host)
        else:
            ok = True
        if ok:
            return await self.app(scope, receive, send)
        if scope["type"] == "websocket":
            return await send({"type": "websocket.close", "code": 1008})
        await refuse(403, "refused: this page answers only its own origin")(scope, receive, send)


def _target(scope: Scope) -> str:
    query = scope.get("query_string", b"").decode("latin-1")
    return scope.get("path", "/") + (f"?{query}" if query else "")


def refuse(status: int, line: str) -> PlainTextResponse:
    return PlainTextResponse(line + "\n", status_code=status, headers={"cache-control": "no-store"})


class SecurityHeaders:
    """The usual security headers on every response (HSTS only over HTTPS, where it means something)."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers[name] = value
                if scope.get("scheme") == "https":
                    headers["strict-transport-security"] = HSTS
            await send(message)

        await self.app(scope, receive, with_headers)


class BodyLimit:
    """Refuse a request body over `limit` bytes before anything parses it: at once when its
    Content-Length says so; a body sent without one (chunked) is read up to the limit first and
    handed on only if it fits. Uploads (`/gradio_api/upload`) are refused outright unless
    `upload_limit` allows some (the page has no file input)."""

    UPLOAD = "/gradio_api/upload"

    def __init__(self, app: ASGIApp, limit: int, upload_limit: int = 0):
        self.app = app
        self.limit = limit
        self.upload_limit = upload_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        upload = scope.get("path", "").rstrip("/") == self.UPLOAD
        if upload and not self.upload_limit:
            return await refuse(403, "refused: this page takes no uploads")(scope, receive, send)
        limit = self.upload_limit if upload else self.limit
        too_large = refuse(413, f"refused: a request body may be at most {limit:,} bytes")
        length = Headers(scope=scope).get("content-length")
        if length is not None:  # the server reads no more than it declares
            if not length.isdigit() or int(length) > limit:
                return await too_large(scope, receive, send)
            return await self.app(scope, receive, send)
        if scope.get("method") in SAFE_METHODS:
            return await self.app(scope, receive, send)
        messages: list[Message] = []
        seen = 0
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                break
            seen += len(message.get("body", b""))
            if seen > limit:
                return await too_large(scope, receive, send)
            if not message.get("more_body"):
                break

        async def replay() -> Message:
            return messages.pop(0) if messages else await receive()

        await self.app(scope, replay, send)


Who = Callable[[Scope], Awaitable[str | None]]


class SessionOwners:
    """Tie each Gradio session hash and event id to the user who first used it.

    Gradio streams a session's events (and builds deep links from its state) for whoever names
    its `session_hash`; with accounts, a user who learned another's hash would read their turns.
    The first logged-in user to use a hash or receive an event id owns it; anyone else naming
    it is refused (403). Deep links are not offered by the page, so their route is closed.
    A file uploaded (a call's recording) belongs to its uploader in the same way: nobody else
    may fetch it (`/gradio_api/file=...`) or hand its path to a handler.
    """

    CLOSED = ("/gradio_api/deep_link", "/gradio_api/token")
    _HASH_IN_PATH = re.compile(r"^/gradio_api/(?:heartbeat|stream)/([^/]+)")
    _EVENT_IN_PATH = re.compile(r"^/gradio_api/call/(?:v2/)?[^/]+/([^/]+)$")
    _GIVES_EVENT = re.compile(r"^/gradio_api/(?:queue/join|call/(?:v2/)?[^/]+)/?$")
    UPLOAD = "/gradio_api/upload"
    FILE = "/gradio_api/file="
    MAX_REMEMBERED = 200_000  # sessions and files: as many as a process serves in weeks
    MAX_EVENTS = 20_000  # an event is read within seconds of its start; one per call, so keep the latest only

    def __init__(self, app: ASGIApp, who: Who):
        self.app = app
        self.who = who
        self.owners: OrderedDict[str, str] = OrderedDict()
        self.events: OrderedDict[str, str] = OrderedDict()

    def _claim(self, key: str, user: str) -> bool:
        """True when `user` may use `key` (it was theirs, or nobody's and now is)."""
        owners, limit = (self.events, self.MAX_EVENTS) if key.startswith("e:") else (self.owners, self.MAX_REMEMBERED)
        owner = owners.get(key)
        if owner is None:
            owners[key] = user
            while len(owners) > limit:
                owners.popitem(last=False)
            return True
        owners.move_to_end(key)
        return owner == user

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        path = scope.get("path", "")
        if path.rstrip("/") in self.CLOSED:
            return await refuse(404, "not found")(scope, receive, send)
        if not path.startswith("/gradio_api/"):
            return await self.app(scope, receive, send)
        user = await self.who(scope)
        if user is None:  # not logged in: Gradio refuses it on its own
            return await self.app(scope, receive, send)
        keys = [f"s:{h}" for h in parse_qs(scope.get("query_string", b"").decode("latin-1")).get("session_hash", [])]
        if match := self._HASH_IN_PATH.match(path):
            keys.append(f"s:{match.group(1)}")
        if scope.get("method") == "GET" and (match := self._EVENT_IN_PATH.match(path)):
            keys.append(f"e:{match.group(1)}")
        if path.startswith(self.FILE) and not self._may_use_file(unquote(path[len(self.FILE):]), user):
            return await refuse(403, "refused: that file belongs to another user")(scope, receive, send)
        body_messages: list[Message] = []
        if scope.get("method") == "POST" and "json" in Headers(scope=scope).get("content-type", ""):
            body = b""
            while True:
                message = await receive()
                body_messages.append(message)
                if message["type"] != "http.request":
                    break
                body += message.get("body", b"")
                if not message.get("more_body"):
                    break
            try:
                data = json.loads(body)
            except ValueError:
                data = None
            if isinstance(data, dict) and isinstance(data.get("session_hash"), str):
                keys.append(f"s:{data['session_hash']}")
            if not all(self._may_use_file(p, user) for p in _paths(data)):
                return await refuse(403, "refused: that file belongs to another user")(scope, receive, send)
        if not all(self._claim(k, user) for k in keys):
            return await refuse(403, "refused: that session belongs to another user")(scope, receive, send)

        async def replay() -> Message:
            return body_messages.pop(0) if body_messages else await receive()

        if scope.get("method") == "POST" and path.rstrip("/") == self.UPLOAD:

            def claim_paths(answer: object) -> None:
                for p in answer if isinstance(answer, list) else []:
                    if isinstance(p, str):
                        self._claim(f"f:{p}", user)

            return await self.app(scope, receive, _reading_json_answer(send, 65536, claim_paths))
        if not (scope.get("method") == "POST" and self._GIVES_EVENT.match(path)):
            return await self.app(scope, replay if body_messages else receive, send)

        def claim_event(answer: object) -> None:
            event = answer.get("event_id") if isinstance(answer, dict) else None
            if isinstance(event, str):
                self._claim(f"e:{event}", user)

        learn = _reading_json_answer(send, 4096, claim_event)
        await self.app(scope, replay if body_messages else receive, learn)

    def _may_use_file(self, path: str, user: str) -> bool:
        """Whether `user` may fetch or pass on `path`: theirs, or no upload at all (files the server wrote)."""
        owner = self.owners.get(f"f:{path}")
        return owner is None or owner == user

def _reading_json_answer(send: Send, limit: int, on_json: Callable[[object], None]) -> Send:
    """Pass a response on unchanged, handing its JSON body (when it fits in `limit` bytes) to `on_json`:
    how the guard learns which event ids and upload paths a user's own requests were given."""
    answer = b""

    async def learn(message: Message) -> None:
        nonlocal answer
        if message["type"] == "http.response.body" and len(answer) < limit:
            answer += message.get("body", b"")
            if not message.get("more_body"):
                try:
                    data = json.loads(answer)
                except ValueError:
                    data = None
                on_json(data)
        await send(message)

    return learn


def _paths(data: object, depth: int = 0) -> list[str]:
    """Every file path a handler's JSON arguments name (`{"path": ...}` objects, as Gradio sends files)."""
    if depth > 8:
        return []
    if isinstance(data, dict):
        found = [data["path"]] if isinstance(data.get("path"), str) else []
        return found + [p for v in data.values() for p in _paths(v, depth + 1)]
    if isinstance(data, list):
        return [p for v in data[:64] for p in _paths(v, depth + 1)]
    return []
