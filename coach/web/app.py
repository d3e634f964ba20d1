"""The page: Practise, My sessions, Trainer view (trainers and admins), Users (admins).

With accounts in the database, the page asks for a login (Gradio's own authentication) and
every handler checks who is asking. With none, it serves one local user, on loopback only,
and says so in a banner; `coach users add NAME --role admin --password-stdin` adds the first
admin. Gradio's phoning home is off: the page works with no internet.
"""

from __future__ import annotations

import os

# Gradio looks up remote services at import and launch unless told not to: coach works offline.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
os.environ.setdefault("GRADIO_SSR_MODE", "False")
# Gradio's queue keeps the last 10,000 events and rebuilds a pandas summary of them after every
# request (for a monitoring page coach does not use): CPU per request grew with uptime. Keep one
# event and never rebuild.
os.environ.setdefault("GRADIO_ANALYTICS_MAX_EVENTS", "1")
os.environ.setdefault("GRADIO_ANALYTICS_CACHE_FREQUENCY", str(2**62))

import ipaddress  # noqa: E402
import logging  # noqa: E402
import socket  # noqa: E402

import gradio as gr  # noqa: E402

from coach.accounts import Accounts  # noqa: E402
from coach.db import is_url, open_database  # noqa: E402
from coach.errors import CoachError  # noqa: E402
from coach.i18n import t  # noqa: E402
from coach.languages import LANGUAGES  # noqa: E402
from coach.personas import load_personas  # noqa: E402
from coach.practice import Conversation  # noqa: E402
from coach.rubric import load_rubric  # noqa: E402
from coach.settings import Settings, load_settings  # noqa: E402
from coach.web import views  # noqa: E402
from coach.web.admin import UsersTab, address_choices  # noqa: E402
from coach.web.api import Api  # noqa: E402
from coach.web.auth import Identity  # noqa: E402
from coach.web.base import Context, shown, ui_language  # noqa: E402
from coach.web.history import SessionsTab, TrainerTab  # noqa: E402
from coach.web.practise import PractiseTab  # noqa: E402
from coach.web.relabel import Relabeller, merged  # noqa: E402
from coach.web.server import bound_socket, create_app, run  # noqa: E402
from coach.web.service import Coach  # noqa: E402

log = logging.getLogger("coach.web")
# The page reads right to left in Arabic: the document's direction follows the chosen language.
DIRECTION_JS = ("(lang) => { document.documentElement.dir = lang === 'ar' ? 'rtl' : 'ltr'; "
                "document.documentElement.lang = lang || 'en'; }")
# A language picked on the page is kept in this browser (plain localStorage: nothing secret, and
# nothing the server trusts beyond choosing words).
SAVED_LANGUAGE_JS = "() => [localStorage.getItem('coach-language')]"
SAVE_LANGUAGE_JS = "(lang, conversation) => { localStorage.setItem('coach-language', lang); return [lang, conversation]; }"
# Logging out is a POST from the page itself (a link from another site cannot log anyone out).
LOGOUT_JS = ("() => { fetch('logout', {method: 'POST', credentials: 'same-origin'})"
             ".finally(() => window.location.reload()); }")
NO_ACCOUNTS_OFF_LOOPBACK = (
    "there are no accounts yet, so the page only serves this computer (127.0.0.1); add the first admin with "
    "`coach users add NAME --role admin --password-stdin`, then serve on {host}")

NO_ACCOUNTS_ON_A_SERVER = (
    "a PostgreSQL database is a team's store, served to many: add the first admin with "
    "`coach users add NAME --role admin --password-stdin` before serving it")


class Page:
    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.practise = PractiseTab(ctx)
        self.sessions = SessionsTab(ctx, self.practise)
        self.trainer = TrainerTab(ctx, self.practise)
        self.users = UsersTab(ctx)
        self.api = Api(ctx)
        self.c: dict = {}

    def build(self) -> gr.Blocks:
        ctx, c = self.ctx, self.c
        with gr.Blocks(title="coach", delete_cache=(3600, 6 * 3600)) as demo:
            c["ui"] = gr.State("en")
            with gr.Row(equal_height=True, elem_id="coach-header"):
                c["title"] = gr.HTML(views.title("en"), elem_id="coach-title", min_width=240)
                c["who"] = gr.HTML(elem_id="coach-user")
                c["language"] = gr.Dropdown([(name, code) for code, name in LANGUAGES.items()], value="en",
                                            label=ctx.label("page.language"), elem_id="coach-language", scale=0,
                                            min_width=140)
                c["address"] = gr.Dropdown(address_choices(ctx), value="neutral", label=ctx.label("page.address"),
                                           elem_id="coach-address", scale=0, min_width=170, visible=False)
                c["logout"] = gr.Button(ctx.label("page.logout"), size="sm", visible=False,
                                        elem_id="coach-logout", scale=0)
            c["banner"] = gr.HTML(views.banner(ctx.engine, ctx.local))
            with gr.Tabs(selected="practise") as c["tabs"]:
                with gr.Tab(ctx.label("tab.practise"), id="practise"):
                    self.practise.build()
                with gr.Tab(ctx.label("tab.sessions"), id="mine") as c["tab_mine"]:
                    self.sessions.build()
                with gr.Tab(ctx.label("tab.trainer"), id="trainer", visible=False) as c["tab_trainer"]:
                    self.trainer.build()
                with gr.Tab(ctx.label("tab.users"), id="users", visible=False) as c["tab_users"]:
                    self.users.build()
            ui = c["ui"]
            self.relabeller = Relabeller(demo)
            shared = [ui, c["language"], c["title"], c["who"], c["address"], c["logout"], c["banner"], c["tab_trainer"], c["tab_users"],
                      *self.practise.view_outputs]
            outputs = shared + [x for x in self.relabeller.components if x not in shared]
            loaded = demo.load(self.on_load, [c["language"]], outputs, js=SAVED_LANGUAGE_JS, api_visibility="private")
            relabelled = c["language"].input(self.on_language, [c["language"], self.practise.c["conv"]], outputs,
                                             js=SAVE_LANGUAGE_JS, api_visibility="private")
            for redrawn in (loaded, relabelled):
                self.practise.restore_draft(redrawn)
            c["language"].change(None, [c["language"]], None, js=DIRECTION_JS)
            c["logout"].click(None, None, None, js=LOGOUT_JS)
            c["address"].select(self.on_address, [c["address"], ui], [c["address"]], api_visibility="private")
            self.practise.wire(ui)
            self.sessions.wire(ui, c["tabs"], c["tab_mine"])
            self.trainer.wire(ui, c["tab_trainer"], c["tabs"])
            self.users.wire(ui, c["tab_users"])
            self.api.register()
        return demo

    @shown
    async def on_load(self, saved: str | None, request: gr.Request):
        ui = ui_language(request, saved)
        return await self._render(ui, None, request)

    @shown
    async def on_language(self, chosen: str, conversation_id: str | None, request: gr.Request):
        """The reader picked a language: every word on the page follows (the browser keeps the choice)."""
        ui = ui_language(request, chosen)
        return await self._render(ui, conversation_id, request)

    @shown
    async def on_address(self, address: str, ui: str, request: gr.Request):
        """The signed-in person chose how customers address them (kept in their account)."""
        user = self.ctx.who(request)
        saved = await self.ctx.service.set_address(user, user.name, address)
        gr.Info(t("address.saved", ui))
        return saved.address.value

    async def _render(self, ui: str, conversation_id: str | None, request: gr.Request) -> dict:
        user = self.ctx.who(request)
        who = "" if self.ctx.local else (
            f"<div class='coach-user' id='coach-signed-in' data-role='{user.role.value}' dir='{views.direction(ui)}'>"
            + views.t_html("page.signed_in", ui, name=views.text(user.name),
                           role=views.escape(t(f"role.{user.role.value}", ui))) + "</div>")
        out = {self.c["ui"]: ui, self.c["language"]: gr.update(value=ui), self.c["title"]: views.title(ui),
               self.c["who"]: who, self.c["logout"]: gr.update(visible=not self.ctx.local),
               self.c["address"]: gr.update(visible=not self.ctx.local, value=user.address.value),
               self.c["banner"]: views.banner(self.ctx.engine, self.ctx.local, ui),
               self.c["tab_trainer"]: gr.update(visible=user.role.reviews),
               self.c["tab_users"]: gr.update(visible=user.role.value == "admin" and not self.ctx.local)}
        if conversation_id:
            shown_now: Conversation | None = await self.ctx.service.conversation(user, conversation_id)
        else:
            shown_now = await self.ctx.service.latest(user)
        if shown_now is None:
            out.update(self.practise.empty(ui))
        else:
            out.update(self.practise.view(shown_now, ui))
            if shown_now.finished:
                out.update(await self.practise.downloads(user, shown_now, ui))
        out.update(await self.practise.assigned(user, ui))
        choices = {self.practise.c["persona"]: gr.update(choices=self.practise.persona_choices(ui))}
        return merged(self.relabeller.updates(ui), out, choices)


def engine_line(settings: Settings) -> views.Engine:
    """What grades and answers on this page, for the banner (said in each reader's language)."""
    if settings.use_llm:
        return views.Engine("banner.model", {"judge": settings.judge_model, "customer": settings.customer_model,
                                             "endpoint": settings.endpoint()})
    return views.Engine("banner.offline", {})


def is_loopback(host: str) -> bool:
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(socket.gethostbyname(host)).is_loopback
    except (OSError, ValueError):
        return False


def build_page(settings: Settings) -> tuple[Page, gr.Blocks, Accounts]:
    rubric = load_rubric(settings.rubric)
    personas, errors = load_personas(rubric=rubric, where=settings.persona_folders())
    for error in errors:
        log.warning("persona skipped: %s", error)
    db = open_database(settings.database_where())
    service = Coach(settings, rubric, personas, db)
    local = not service.accounts.any()
    ctx = Context(service, Identity(service.accounts, local), engine_line(settings))
    page = Page(ctx)
    return page, page.build(), service.accounts


def serve(host: str = "127.0.0.1", port: int = 7860, settings: Settings | None = None) -> None:
    settings = settings or load_settings()
    page, demo, accounts = build_page(settings)
    local = page.ctx.local
    if local and not is_loopback(host):
        raise CoachError(NO_ACCOUNTS_OFF_LOOPBACK.format(host=host))
    if local and is_url(settings.database_where()):
        raise CoachError(NO_ACCOUNTS_ON_A_SERVER)
    page.ctx.service.warm()
    demo.queue(default_concurrency_limit=None)
    sock = bound_socket(host, port)
    app, pool = create_app(demo, settings, accounts, local=local, css=views.CSS, i18n=page.ctx.i18n,
                           auth_message=None if local else t("page.login_message", "en"))
    mode = "local mode: one user on this computer, no login" if local else "sign in with a coach account"
    print(f"coach: the practice page is at http://{host}:{port}/ ({mode})", flush=True)
    try:
        run(app, settings, sock)
    finally:
        pool.close()
        page.ctx.service.close()
