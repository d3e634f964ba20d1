"""The app `coach serve` runs: Gradio's page mounted under coach's own Starlette app.

Gradio's `launch()` builds its app and starts serving in one step, with a CORS middleware that
answers any origin with credentials once the page is reached by a host name (see
`coach.web.security`). `gradio.mount_gradio_app` builds the same app under a parent coach
controls, and steps its CORS handling aside when the parent has Starlette's `CORSMiddleware`:
so the parent carries the request checks (`SameOrigin`, `BodyLimit`, `SessionOwners`), the
security headers, an explicit CORS allow-list (empty unless a setting names origins), and the
`/login` and `/logout` routes (matched before Gradio's own). Uvicorn serves it; behind a proxy
only the addresses in `trusted_proxies` may say who the client is (X-Forwarded-For/-Proto).
"""

from __future__ import annotations

import socket

import gradio as gr
import uvicorn
from fastapi import FastAPI
from gradio.routes import App as GradioApp
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.routing import Mount
from starlette.types import Scope

from coach.accounts import Accounts
from coach.errors import CoachError
from coach.settings import Settings
from coach.throttle import LoginThrottle
from coach.web.auth import COOKIE, COOKIE_ID, HashPool, Login, LoginTokens
from coach.web.security import BodyLimit, SameOrigin, SecurityHeaders, SessionOwners

UPLOAD_LIMIT = 10 * 1024 * 1024  # per upload, when the page has an input that takes a file
FILE_INPUTS = (gr.File, gr.UploadButton, gr.Audio, gr.Image, gr.Video, gr.MultimodalTextbox, gr.ImageEditor)


def takes_files(demo: gr.Blocks) -> bool:
    """Whether any handler of the page takes a file (an upload) as input."""
    return any(isinstance(block, FILE_INPUTS) for fn in demo.fns.values() for block in fn.inputs)


def gradio_app(app: FastAPI) -> GradioApp:
    for route in app.routes:
        if isinstance(route, Mount) and isinstance(route.app, GradioApp):
            return route.app
    raise RuntimeError("Gradio's app is not mounted")


def create_app(demo: gr.Blocks, settings: Settings, accounts: Accounts, *, local: bool, css: str,
               i18n: gr.I18n, auth_message: str | None) -> tuple[FastAPI, HashPool]:
    """The app to serve, and the login hash pool (to close when serving ends)."""
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    tokens = LoginTokens(accounts, settings.session_hours)
    pool = HashPool()
    login = Login(accounts, tokens, LoginThrottle(accounts.db), settings.secure_cookies, pool)
    if not local:
        app.add_api_route("/login", login.login, methods=["POST"], include_in_schema=False)
        app.add_api_route("/login/", login.login, methods=["POST"], include_in_schema=False)
        app.add_api_route("/logout", login.logout, methods=["POST"], include_in_schema=False)
        app.add_api_route("/logout", login.logout_by_link, methods=["GET"], include_in_schema=False)

    async def who(scope: Scope) -> str | None:
        return None if local else await login.user_of(Request(scope).cookies.get(COOKIE))

    upload_limit = UPLOAD_LIMIT if takes_files(demo) else 0
    # add_middleware puts each in front of the ones before: a request meets them bottom to top
    app.add_middleware(SessionOwners, who=who)
    app.add_middleware(CORSMiddleware, allow_origins=list(settings.allowed_origins), allow_credentials=True,
                       allow_methods=["GET", "POST"], allow_headers=["content-type"])
    app.add_middleware(SameOrigin, extra_origins=list(settings.allowed_origins))
    app.add_middleware(BodyLimit, limit=settings.max_request_kb * 1024, upload_limit=upload_limit)
    app.add_middleware(SecurityHeaders)
    gr.mount_gradio_app(app, demo, "/", footer_links=[], show_error=False, ssr_mode=False, css=css, i18n=i18n,
                        auth=None if local else _no_password, auth_message=auth_message,
                        max_file_size=upload_limit or 1, mcp_server=False)
    mounted = gradio_app(app)
    if not local:
        mounted.cookie_id = COOKIE_ID
        # gradio types App.tokens as the dict it starts with, but only uses it as a mapping
        mounted.tokens = tokens  # type: ignore[assignment]
    return app, pool


def _no_password(name: str, password: str) -> bool:
    """Gradio's own /login is never reached (coach's route answers first); were it reached, it refuses."""
    return False


def bound_socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise CoachError(f"cannot serve on {host}:{port}: {exc.strerror or exc}. Pick another with --port.") from None
    sock.set_inheritable(True)
    return sock


def run(app: FastAPI, settings: Settings, sock: socket.socket) -> None:
    trusted = list(settings.trusted_proxies)
    config = uvicorn.Config(app, log_level="warning", server_header=False, lifespan="on",
                            proxy_headers=bool(trusted), forwarded_allow_ips=trusted or None,
                            timeout_graceful_shutdown=5)
    uvicorn.Server(config).run(sockets=[sock])

