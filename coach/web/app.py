"""The trainee's page: pick a customer, talk, see every grade and why, keep the transcript.

Tabs: Practise (chat, grade panel, mood meter, scorecard and downloads at the end),
My sessions (this browser's conversations) and Trainer view (every conversation, filtered).
The browser keeps a random id in localStorage; conversations are saved in SQLite after every
turn, so a reload or a server restart resumes where the trainee was.
"""

from __future__ import annotations

import os

# Gradio looks up remote services at import and launch unless told not to: coach works offline.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
os.environ.setdefault("GRADIO_SSR_MODE", "False")

import logging  # noqa: E402
import secrets  # noqa: E402
import uuid  # noqa: E402
from pathlib import Path  # noqa: E402

import gradio as gr  # noqa: E402
import pandas as pd  # noqa: E402

from coach.errors import CoachError  # noqa: E402
from coach.languages import LANGUAGES, RTL  # noqa: E402
from coach.personas import load_personas  # noqa: E402
from coach.practice import Conversation, Practice  # noqa: E402
from coach.rubric import Rubric, load_rubric  # noqa: E402
from coach.scorecard import scorecard  # noqa: E402
from coach.settings import Settings, load_settings  # noqa: E402
from coach.store import Store  # noqa: E402
from coach.transcript import transcript_json, transcript_markdown  # noqa: E402
from coach.web import views  # noqa: E402
from coach.web.sessions import Sessions  # noqa: E402

log = logging.getLogger("coach.web")
SESSION_COLUMNS = ["started", "customer", "language", "outcome", "turns", "score", "id"]


class Page:
    """The page's state and handlers; `build()` lays it out."""

    def __init__(self, settings: Settings, rubric: Rubric | None = None, personas=None):
        self.settings = settings
        self.rubric = rubric or load_rubric(settings.rubric)
        if personas is None:
            personas, errors = load_personas(rubric=self.rubric, where=settings.persona_folders())
            for error in errors:
                log.warning("persona skipped: %s", error)
        self.store = Store(settings.database_path(), self.rubric)
        order = {"easy": 0, "medium": 1, "hard": 2}
        personas = sorted(personas, key=lambda p: (order[p.difficulty.value], p.display_name))
        self.sessions = Sessions(settings, self.store, self.rubric, personas)
        self.exports = settings.database_path().resolve().parent / "exports"
        self.exports.mkdir(parents=True, exist_ok=True)
        self.browser_secret = browser_secret(settings.database_path().resolve().parent / "browser-state.secret")
        first = personas[0] if personas else None
        self.default_persona = first.id if first else None
        self.engine = (f"Model engine: judge {settings.judge_model}, customer {settings.customer_model} at "
                       f"{settings.endpoint()}, with the offline detectors" if settings.use_llm else
                       "Offline engine: built-in multilingual detectors grade, the persona's scripted lines "
                       "answer (no model configured)")

    # -- helpers ------------------------------------------------------------------------
    def _files(self, conversation: Conversation) -> tuple[str, str]:
        folder = self.exports / conversation.id
        folder.mkdir(parents=True, exist_ok=True)
        stem = f"coach-{conversation.persona_id}-{conversation.started_at:%Y%m%d-%H%M}"
        json_path, md_path = folder / f"{stem}.json", folder / f"{stem}.md"
        json_path.write_text(transcript_json(conversation, self.rubric), encoding="utf-8")
        md_path.write_text(transcript_markdown(conversation, self.rubric), encoding="utf-8")
        return str(json_path), str(md_path)

    def view(self, practice: Practice | None, *, pending: str | None = None, customer_text: str | None = None,
             grade=None, reply: str = "", change=None) -> dict:
        """Every practise-tab component, for a conversation (or none)."""
        c = self.components
        if practice is None:
            return {c["conv"]: None, c["chat"]: gr.update(value=[], rtl=False),
                    c["mood"]: views.mood_meter(0), c["grade"]: views.grade_panel(None, "", self.rubric),
                    c["reply"]: gr.update(value="", rtl=False, interactive=False),
                    c["send"]: gr.update(interactive=False), c["end"]: gr.update(interactive=False),
                    c["score_box"]: gr.update(visible=False)}
        conversation = practice.conversation
        rtl = conversation.language in RTL
        last = conversation.turns[-1] if conversation.turns else None
        if grade is None and last is not None and pending is None:
            grade, reply = last.grade, last.reply
        if change is not None:
            mood = views.mood_meter(change.after, before=change.before, band=change.band, reasons=change.reasons,
                                    rubric=self.rubric, end=change.end)
        elif last is not None:
            mood = views.mood_meter(last.mood_after, before=last.mood_before, band=last.band,
                                    reasons=last.mood_reasons, rubric=self.rubric, end=conversation.end)
        else:
            mood = views.mood_meter(conversation.mood, band=practice.tracker.band)
        out = {
            c["conv"]: conversation.id,
            c["chat"]: gr.update(value=views.chat_messages(conversation, pending, customer_text), rtl=rtl),
            c["mood"]: mood,
            c["grade"]: views.grade_panel(grade, reply, self.rubric, last.notices if last and pending is None else []),
            c["reply"]: gr.update(rtl=rtl, interactive=not conversation.finished),
            c["send"]: gr.update(interactive=not conversation.finished),
            c["end"]: gr.update(interactive=not conversation.finished),
            c["persona_card"]: views.persona_card(practice.persona),
        }
        if conversation.finished and pending is None:
            card = scorecard(conversation, self.rubric)
            json_path, md_path = self._files(conversation)
            labels = ["start"] + [f"turn {i}" for i in range(1, len(card.mood))]
            out.update({
                c["score_box"]: gr.update(visible=True),
                c["score"]: views.scorecard_html(card, conversation),
                c["plot"]: gr.update(value=pd.DataFrame({"turn": labels, "mood": card.mood}), sort=labels),
                c["dl_json"]: gr.update(value=json_path, visible=True),
                c["dl_md"]: gr.update(value=md_path, visible=True),
            })
        else:
            out[c["score_box"]] = gr.update(visible=False)
        return out

    def _practice(self, owner: str, conversation_id: str | None, missing: str) -> Practice:
        """The owner's conversation, or a message on the page saying why not."""
        if not conversation_id:
            raise gr.Error(missing)
        try:
            return self.sessions.get(owner, conversation_id)
        except CoachError as exc:
            raise gr.Error(str(exc)) from None

    # -- handlers -----------------------------------------------------------------------
    def on_load(self, owner: str | None):
        owner = owner or uuid.uuid4().hex
        try:
            practice = self.sessions.active(owner)
        except CoachError as exc:
            gr.Warning(str(exc))
            practice = None
        out = self.view(practice)
        out[self.components["owner"]] = owner
        if practice is not None:
            out[self.components["persona"]] = practice.persona.id
        return out

    def on_pick(self, persona_id: str | None):
        return views.persona_card(self.sessions.personas.get(persona_id) if persona_id else None)

    def on_start(self, persona_id: str | None, owner: str):
        if not persona_id:
            raise gr.Error("Pick a customer first.")
        try:
            practice = self.sessions.start(owner, persona_id)
        except CoachError as exc:
            raise gr.Error(str(exc)) from None
        return self.view(practice)

    async def on_send(self, message: str, conversation_id: str | None, owner: str):
        if conversation_id and not (message or "").strip():
            gr.Warning("Type a reply first.")
            return
        practice = self._practice(owner, conversation_id, "Start a conversation first.")
        if practice.conversation.finished:
            raise gr.Error("This conversation has ended. Start a new one.")
        c = self.components
        async with self.sessions.lock(conversation_id):
            async for kind, value in practice.turn_stream(message):
                if kind == "grade":
                    yield {**self.view(practice, pending=message, grade=value, reply=message),
                           c["reply"]: gr.update(value="", interactive=False)}
                elif kind == "mood":
                    yield {c["mood"]: self.view(practice, pending=message, change=value)[c["mood"]]}
                elif kind == "customer":
                    yield {c["chat"]: gr.update(value=views.chat_messages(practice.conversation, message, value))}
                elif kind == "turn":
                    yield self.view(practice)

    def on_end(self, conversation_id: str | None, owner: str):
        practice = self._practice(owner, conversation_id, "There is no conversation to end.")
        practice.end()
        return self.view(practice)

    def _table(self, summaries) -> pd.DataFrame:
        rows = [[s.started_at[:16].replace("T", " "), f"{s.persona_name} ({s.customer_name})",
                 LANGUAGES.get(s.language, s.language), (s.outcome or "in progress").replace("_", " "), s.turns,
                 f"{s.score:.0%}" if s.score is not None else "–", s.id] for s in summaries]
        return pd.DataFrame(rows, columns=SESSION_COLUMNS)

    def on_mine(self, owner: str):
        summaries = self.store.list(owner=owner)
        return self._table(summaries), gr.update(choices=[(f"{s.started_at[:16].replace('T', ' ')} · "
                                                           f"{s.persona_name}", s.id) for s in summaries], value=None)

    def on_open_mine(self, conversation_id: str | None, owner: str):
        if not conversation_id:
            return ""
        conversation = self.store.get(conversation_id)
        if conversation is None or conversation.owner != owner:
            raise gr.Error("That conversation belongs to another session.")
        return transcript_markdown(conversation, self.rubric)

    def on_resume(self, conversation_id: str | None, owner: str):
        practice = self._practice(owner, conversation_id, "Pick one of your sessions first.")
        return {**self.view(practice), self.components["tabs"]: gr.Tabs(selected="practise")}

    def on_trainer(self, persona_id: str | None, since: str, until: str, min_score: float | None):
        summaries = self.store.list(persona_id=persona_id or None, since=(since or "").strip() or None,
                                    until=(until or "").strip() or None,
                                    min_score=(min_score / 100) if min_score else None)
        return self._table(summaries), gr.update(
            choices=[(f"{s.started_at[:16].replace('T', ' ')} · {s.persona_name} · {s.id}", s.id) for s in summaries],
            value=None)

    def on_open_trainer(self, conversation_id: str | None):
        if not conversation_id:
            return ""
        conversation = self.sessions.conversation_for_viewer(conversation_id)
        return transcript_markdown(conversation, self.rubric) if conversation else "Not found."

    # -- API for scripts and load tests (gradio_client) ---------------------------------
    def api_start(self, persona_id: str, owner: str) -> dict:
        practice = self.sessions.start(owner, persona_id)
        return {"conversation_id": practice.conversation.id, "opening": practice.conversation.opening,
                "mood": practice.conversation.mood}

    async def api_reply(self, conversation_id: str, owner: str, reply: str) -> dict:
        practice = self.sessions.get(owner, conversation_id)
        async with self.sessions.lock(conversation_id):
            record = await practice.turn(reply)
        return {"turn": record.index, "verdicts": record.grade.verdicts(), "engine": record.grade.engine,
                "mood": record.mood_after, "customer": record.customer,
                "end": record.end.value if record.end else None, "seconds": record.seconds,
                "notices": [n.text() for n in record.notices]}

    # -- layout -------------------------------------------------------------------------
    def build(self) -> gr.Blocks:
        personas = list(self.sessions.personas.values())
        choices = [(f"{p.display_name} · {p.customer_name} · {LANGUAGES[p.language]} · {p.difficulty.value}", p.id)
                   for p in personas]
        c: dict = {}
        with gr.Blocks(title="coach · practise difficult customers") as demo:
            c["owner"] = gr.BrowserState(None, storage_key="coach-browser-id", secret=self.browser_secret)
            c["conv"] = gr.State(None)
            gr.Markdown("## coach · practise difficult customers")
            gr.HTML(views.banner(self.engine))
            with gr.Tabs(selected="practise") as c["tabs"]:
                with gr.Tab("Practise", id="practise"):
                    with gr.Row(equal_height=True):
                        c["persona"] = gr.Dropdown(choices, value=self.default_persona, label="Customer",
                                                   elem_id="coach-persona", scale=4)
                        c["start"] = gr.Button("Start conversation", variant="primary", elem_id="coach-start", scale=1)
                    c["persona_card"] = gr.HTML(views.persona_card(self.sessions.personas.get(self.default_persona)),
                                                elem_id="coach-persona-card")
                    with gr.Row():
                        with gr.Column(scale=3):
                            c["chat"] = gr.Chatbot(label="Conversation", height=460, elem_id="coach-chat",
                                                   feedback_options=None, buttons=["copy_all"])
                            c["reply"] = gr.Textbox(label="Your reply", placeholder="Type your reply and press Enter",
                                                    lines=2, elem_id="coach-reply", interactive=False)
                            with gr.Row():
                                c["send"] = gr.Button("Send", variant="primary", elem_id="coach-send", interactive=False)
                                c["end"] = gr.Button("End conversation", elem_id="coach-end", interactive=False)
                        with gr.Column(scale=2):
                            c["mood"] = gr.HTML(views.mood_meter(0), elem_id="coach-mood")
                            c["grade"] = gr.HTML(views.grade_panel(None, "", self.rubric), elem_id="coach-grade")
                    with gr.Column(visible=False, elem_id="coach-score-box") as c["score_box"]:
                        c["score"] = gr.HTML(elem_id="coach-score")
                        c["plot"] = gr.LinePlot(x="turn", y="mood", y_lim=[0, 100], title="Mood over time", sort=None,
                                                height=220, elem_id="coach-mood-plot")
                        with gr.Row():
                            c["dl_json"] = gr.DownloadButton("Download transcript (JSON)", elem_id="coach-dl-json")
                            c["dl_md"] = gr.DownloadButton("Download transcript (Markdown)", elem_id="coach-dl-md")
                with gr.Tab("My sessions", id="mine"):
                    c["mine_refresh"] = gr.Button("Refresh", elem_id="coach-mine-refresh")
                    c["mine_table"] = gr.Dataframe(headers=SESSION_COLUMNS, interactive=False, elem_id="coach-mine")
                    with gr.Row():
                        c["mine_pick"] = gr.Dropdown([], label="Open one of your sessions", elem_id="coach-mine-pick")
                        c["resume"] = gr.Button("Continue it", elem_id="coach-resume")
                    c["mine_view"] = gr.Markdown(elem_id="coach-mine-view")
                with gr.Tab("Trainer view", id="trainer"):
                    with gr.Row():
                        c["t_persona"] = gr.Dropdown([("all customers", "")] + choices, value="", label="Customer")
                        c["t_since"] = gr.Textbox(label="From (YYYY-MM-DD)")
                        c["t_until"] = gr.Textbox(label="To (YYYY-MM-DD)")
                        c["t_score"] = gr.Number(label="Minimum score (%)", value=None)
                        c["t_go"] = gr.Button("Show", elem_id="coach-trainer-go")
                    c["t_table"] = gr.Dataframe(headers=SESSION_COLUMNS, interactive=False, elem_id="coach-trainer")
                    c["t_pick"] = gr.Dropdown([], label="Open a transcript", elem_id="coach-trainer-pick")
                    c["t_view"] = gr.Markdown(elem_id="coach-trainer-view")
            self.components = c
            practise = [c[k] for k in ("conv", "chat", "mood", "grade", "reply", "send", "end", "persona_card",
                                       "score_box", "score", "plot", "dl_json", "dl_md")]
            demo.load(self.on_load, [c["owner"]], [c["owner"], c["persona"], *practise], api_visibility="private")
            c["persona"].change(self.on_pick, [c["persona"]], [c["persona_card"]], api_visibility="private")
            c["start"].click(self.on_start, [c["persona"], c["owner"]], practise, api_visibility="private")
            for trigger in (c["send"].click, c["reply"].submit):
                trigger(self.on_send, [c["reply"], c["conv"], c["owner"]], practise, concurrency_limit=None,
                        api_visibility="private")
            c["end"].click(self.on_end, [c["conv"], c["owner"]], practise, api_visibility="private")
            c["mine_refresh"].click(self.on_mine, [c["owner"]], [c["mine_table"], c["mine_pick"]], api_visibility="private")
            c["tabs"].select(self.on_mine, [c["owner"]], [c["mine_table"], c["mine_pick"]], api_visibility="private")
            c["mine_pick"].change(self.on_open_mine, [c["mine_pick"], c["owner"]], [c["mine_view"]], api_visibility="private")
            c["resume"].click(self.on_resume, [c["mine_pick"], c["owner"]], [*practise, c["tabs"]], api_visibility="private")
            c["t_go"].click(self.on_trainer, [c["t_persona"], c["t_since"], c["t_until"], c["t_score"]],
                            [c["t_table"], c["t_pick"]], api_visibility="private")
            c["t_pick"].change(self.on_open_trainer, [c["t_pick"]], [c["t_view"]], api_visibility="private")
            gr.api(self.api_start, api_name="start_conversation", concurrency_limit=None)
            gr.api(self.api_reply, api_name="send_reply", concurrency_limit=None)
        return demo


def browser_secret(path: Path) -> str:
    """The key the browser's id is sealed with; kept on disk so a restart still recognises browsers."""
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    secret = secrets.token_hex(32)
    path.write_text(secret, encoding="utf-8")
    path.chmod(0o600)
    return secret


def serve(host: str = "127.0.0.1", port: int = 7860, settings: Settings | None = None) -> None:
    settings = settings or load_settings()
    page = Page(settings)
    demo = page.build()
    demo.queue(default_concurrency_limit=None)
    try:
        demo.launch(server_name=host, server_port=port, css=views.CSS, allowed_paths=[str(page.exports)],
                    show_error=False, quiet=False, ssr_mode=False, footer_links=[])
    except OSError as exc:
        raise CoachError(f"cannot serve on {host}:{port}: {exc}. Pick another with --port.") from None
