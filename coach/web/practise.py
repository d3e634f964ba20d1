"""The Practise tab: pick a customer, talk, see every grade and why, keep the transcript.

The conversation on screen is the one in `conv` (a conversation id; the server checks on every
call that it is the caller's). Enter sends, Shift+Enter breaks the line. In exam mode grades
stay hidden until the scorecard.
"""

from __future__ import annotations

from typing import Any

import gradio as gr
import pandas as pd

from coach.accounts import User
from coach.errors import Refusal
from coach.i18n import t
from coach.languages import LANGUAGES, RTL
from coach.mood import MoodChange, band
from coach.personas import Persona
from coach.practice import Conversation, TurnRecord
from coach.scorecard import scorecard
from coach.textclean import clean_reply
from coach.web import views
from coach.web.base import TYPING_EVENT, Context, shown
from coach.web.call import CallMode, clip, status_html

# A click on an assignment's button tells the server which one (the server checks it is the caller's).
PICK_ASSIGNMENT_JS = """
element.addEventListener('click', (event) => {
  const button = event.target.closest('button[data-assignment]');
  if (button) trigger('click', {assignment: button.dataset.assignment});
});
"""


# A reply typed but not sent is kept in this browser (localStorage, per conversation) and comes back
# after a reload or a change of language; sending it forgets it. Nothing the server trusts.
# (The conversation on screen is read from the customer card: the conversation id lives on the server.)
_SHOWN = "document.querySelector('#coach-persona-card [data-conversation]')?.dataset.conversation"
KEEP_DRAFT_JS = f"""(text) => {{
  window.coachTurnKey = null;
  const conv = {_SHOWN};
  if (conv) localStorage.setItem('coach-draft', JSON.stringify({{conv: conv, text: text}}));
}}"""
# Each reply sent carries a key made in this browser (the last input): a send repeated because its
# answer was lost (a dropped connection, a server restart) carries the same key, and the server
# returns the turn it stored rather than adding another. A new key once the send succeeded, the
# reply is edited or a turn is picked to try again.
SEND_JS = """(...inputs) => {
  localStorage.removeItem('coach-draft');
  if (!window.coachTurnKey) {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    window.coachTurnKey = Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
  }
  inputs[inputs.length - 1] = window.coachTurnKey;
  return inputs;
}"""
NEW_TURN_KEY_JS = "() => { window.coachTurnKey = null; }"
RESTORE_DRAFT_JS = f"""async (current) => {{
  await new Promise(done => setTimeout(done, 150));  // the redrawn card first
  // what is in the box now, not when the redraw began: a reply typed during the wait stays
  const box = document.querySelector('#coach-reply textarea');
  const typed = box ? box.value : current;
  try {{
    const conv = {_SHOWN};
    const saved = JSON.parse(localStorage.getItem('coach-draft') || 'null');
    if (saved && conv && saved.conv === conv && saved.text && !typed) return saved.text;
  }} catch (e) {{ localStorage.removeItem('coach-draft'); }}
  return typed;
}}"""


class PractiseTab:
    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.c: dict[str, Any] = {}
        self.call = CallMode(self)

    # -- layout ---------------------------------------------------------------------------------
    def persona_choices(self, ui: str) -> list[tuple[str, str]]:
        return [(f"{p.display_name} · {p.customer_name} · {LANGUAGES[p.language]} · "
                 f"{t(f'difficulty.{p.difficulty.value}', ui)}", p.id) for p in self.ctx.service.personas.values()]

    def default_persona(self, ui: str) -> Persona | None:
        """The customer a first visit starts with: the easiest one in the reader's language, else in
        English, else the first."""
        personas = list(self.ctx.service.personas.values())
        return next((p for p in personas if p.language == ui), None) or next(
            (p for p in personas if p.language == "en"), None) or (personas[0] if personas else None)

    def build(self) -> None:
        ctx, c = self.ctx, self.c
        default = self.default_persona("en")
        first = default.id if default else None
        c["conv"] = gr.State(None)
        c["retry"] = gr.State(None)  # the index of the turn the next reply tries again
        c["turn_key"] = gr.Textbox(visible=False)  # the browser's key for a send (SEND_JS fills it in)
        c["assignment"] = gr.State(None)  # the assignment picked (its id), which fixes customer and mode
        # the trainee's assignments as a list to read at a glance; a button on each picks it
        c["assigned"] = gr.HTML("", elem_id="coach-assigned", js_on_load=PICK_ASSIGNMENT_JS)
        with gr.Row(equal_height=True):
            c["persona"] = gr.Dropdown(self.persona_choices("en"), value=first, label=ctx.label("practise.customer"),
                                       elem_id="coach-persona", scale=4)
            c["mode"] = gr.Radio([(ctx.label("practise.mode_practice"), "practice"),
                                  (ctx.label("practise.mode_exam"), "exam")],
                                 value="practice", label=ctx.label("practise.mode"), elem_id="coach-mode", scale=2)
            c["start"] = gr.Button(ctx.label("practise.start"), variant="primary", elem_id="coach-start", scale=1)
        with gr.Group(visible=False, elem_id="coach-confirm") as c["confirm"]:
            c["confirm_text"] = gr.HTML()
            with gr.Row():
                c["confirm_yes"] = gr.Button(ctx.label("practise.confirm_yes"), variant="primary",
                                             elem_id="coach-confirm-yes")
                c["confirm_no"] = gr.Button(ctx.label("practise.confirm_no"), elem_id="coach-confirm-no")
        c["picked_note"] = gr.HTML(elem_id="coach-assignment-note")
        c["persona_card"] = gr.HTML(views.persona_card(default), elem_id="coach-persona-card")
        c["ended"] = gr.HTML(elem_id="coach-ended-box")
        with gr.Row():
            with gr.Column(scale=3):
                c["chat"] = gr.Chatbot(label=ctx.label("practise.conversation"), height=460, elem_id="coach-chat",
                                       render_markdown=False, sanitize_html=True, allow_tags=False,
                                       feedback_options=None, buttons=[])
                c["reply"] = gr.Textbox(label=ctx.label("practise.reply"), placeholder=ctx.label("practise.placeholder"),
                                        lines=1, max_lines=8, elem_id="coach-reply", interactive=False)
                c["hint"] = gr.HTML(elem_id="coach-hint")
                self.call.build()
                c["retry_note"] = gr.HTML(elem_id="coach-retry-note")
                with gr.Row():
                    c["send"] = gr.Button(ctx.label("practise.send"), variant="primary", elem_id="coach-send",
                                          interactive=False)
                    c["end"] = gr.Button(ctx.label("practise.end"), elem_id="coach-end", interactive=False)
                with gr.Row(visible=False, elem_id="coach-retry-row") as c["retry_row"]:
                    c["retry_pick"] = gr.Dropdown([], label=ctx.label("practise.retry_pick"), elem_id="coach-retry-pick",
                                                  scale=3)
                    c["retry_go"] = gr.Button(ctx.label("practise.retry"), elem_id="coach-retry", scale=1)
                    c["retry_cancel"] = gr.Button(ctx.label("practise.retry_cancel"), elem_id="coach-retry-cancel",
                                                  scale=1, visible=False)
            with gr.Column(scale=2):
                c["mood"] = gr.HTML(self.starting_mood(default, "en"), elem_id="coach-mood")
                c["grade"] = gr.HTML(views.grade_panel(None, "", ctx.rubric), elem_id="coach-grade")
                c["attempts"] = gr.HTML(elem_id="coach-attempts")
        with gr.Column(visible=False, elem_id="coach-score-box") as c["score_box"]:
            c["score"] = gr.HTML(elem_id="coach-score")
            c["plot"] = gr.LinePlot(x="turn", y="mood", y_lim=[0, 100], title=ctx.label("practise.mood_plot"),
                                    x_title=ctx.label("practise.mood_axis_turn"),
                                    y_title=ctx.label("practise.mood_axis_mood"),
                                    sort=None, height=220, elem_id="coach-mood-plot")
            with gr.Row():
                c["dl_json"] = gr.DownloadButton(ctx.label("practise.download_json"), elem_id="coach-dl-json")
                c["dl_md"] = gr.DownloadButton(ctx.label("practise.download_md"), elem_id="coach-dl-md")
                c["dl_audio"] = gr.DownloadButton(ctx.label("call.download_audio"), elem_id="coach-dl-audio",
                                                  visible=False)

    @property
    def view_outputs(self) -> list:
        return [self.c[k] for k in ("conv", "persona", "persona_card", "ended", "chat", "reply", "send", "end", "mood",
                                    "grade", "score_box", "score", "plot", "dl_json", "dl_md", "dl_audio", "confirm", "retry",
                                    "retry_row", "retry_pick", "retry_note", "retry_cancel", "hint", "attempts",
                                    "assigned", "assignment", "mode", "picked_note")]

    def wire(self, ui: gr.State) -> None:
        c = self.c
        # the trainee picking another customer leaves any assignment: the mode is theirs to choose again
        c["persona"].input(self.on_pick, [c["persona"], c["conv"], ui],
                           [c["persona_card"], c["mood"], c["assignment"], c["mode"], c["picked_note"], c["assigned"]],
                           api_visibility="private")
        c["assigned"].click(self.on_assigned, [c["conv"], ui],
                            [c["persona"], c["mode"], c["persona_card"], c["assignment"], c["picked_note"], c["assigned"],
                             c["mood"]], api_visibility="private")
        c["start"].click(self.on_start, [c["persona"], c["mode"], c["conv"], ui], [*self.view_outputs, c["confirm_text"]],
                         api_visibility="private")
        c["confirm_yes"].click(self.on_confirm, [c["persona"], c["mode"], ui], self.view_outputs,
                               api_visibility="private")
        c["confirm_no"].click(lambda: gr.update(visible=False), None, [c["confirm"]], api_visibility="private")
        for trigger in (c["send"].click, c["reply"].submit):
            sent = trigger(self.on_send, [c["reply"], c["conv"], c["retry"], ui, c["call"], c["turn_key"]],
                           [*self.view_outputs, *self.call.outputs], concurrency_limit=None, api_visibility="private",
                           js=SEND_JS)
            sent.success(None, None, None, js=NEW_TURN_KEY_JS)
        c["reply"].input(None, [c["reply"]], None, js=KEEP_DRAFT_JS, show_progress="hidden")
        self.call.wire(ui)
        # hints: only the latest keystroke's draft is graded, off the typing path
        c["reply"].input(self.on_hint, [c["reply"], c["conv"], c["retry"], ui], [c["hint"]], **TYPING_EVENT)
        c["retry_go"].click(self.on_retry, [c["retry_pick"], c["conv"], ui], self.view_outputs,
                            api_visibility="private")
        c["retry_go"].click(None, None, None, js=NEW_TURN_KEY_JS)
        c["retry_cancel"].click(self.on_retry_cancel, [c["conv"], ui], self.view_outputs, api_visibility="private")
        c["end"].click(self.on_end, [c["conv"], ui], self.view_outputs, api_visibility="private")

    def restore_draft(self, event: Any) -> None:
        """After `event` redraws the page, put back a reply typed but not sent in this browser."""
        event.then(None, [self.c["reply"]], [self.c["reply"]], js=RESTORE_DRAFT_JS, show_progress="hidden")

    # -- rendering --------------------------------------------------------------------------------
    def starting_mood(self, persona: Persona | None, ui: str) -> str:
        """Before a conversation: how the picked customer starts (no conversation is at 0/100)."""
        if persona is None:
            return ""
        return views.mood_meter(persona.mood.start, band=band(persona, persona.mood.start), ui=ui)

    def empty(self, ui: str) -> dict:
        """No conversation yet: the customer a first visit starts with, in the reader's language."""
        c = self.c
        default = self.default_persona(ui)
        return {c["conv"]: None, c["retry"]: None, c["retry_row"]: gr.update(visible=False), c["retry_note"]: "",
                c["persona"]: gr.update(value=default.id if default else None),
                c["persona_card"]: views.persona_card(default, ui),
                c["hint"]: "", c["attempts"]: "", c["ended"]: "", c["chat"]: gr.update(value=[], rtl=False),
                c["mood"]: self.starting_mood(default, ui),
                c["grade"]: views.grade_panel(None, "", self.ctx.rubric, ui=ui),
                c["reply"]: gr.update(value="", rtl=False, interactive=False), c["send"]: gr.update(interactive=False),
                c["end"]: gr.update(interactive=False), c["score_box"]: gr.update(visible=False),
                c["confirm"]: gr.update(visible=False)}

    def view(self, conversation: Conversation, ui: str, *, pending: str | None = None, customer_text: str | None = None,
             grade=None, change: MoodChange | None = None, keep_reply: bool = False) -> dict:
        """Every practise component for a conversation (`pending`: a reply being graded)."""
        c, ctx = self.c, self.ctx
        conversation_lang = conversation.language
        rtl = conversation_lang in RTL
        exam = conversation.mode == "exam"
        last: TurnRecord | None = conversation.turns[-1] if conversation.turns else None
        reply_text = pending if pending is not None else (last.reply if last else "")
        if grade is None and last is not None and pending is None:
            grade = last.grade
        try:
            persona: Persona | None = ctx.service.played_with(conversation)
        except Refusal:
            persona = None
        if change is not None:
            mood = views.mood_meter(change.after, band=change.band, reasons=[] if exam else change.reasons,
                                    rubric=ctx.rubric, end=change.end, ui=ui, grade=grade)
        elif last is not None:
            mood = views.mood_meter(last.mood_after, band=last.band, reasons=[] if exam else last.mood_reasons,
                                    rubric=ctx.rubric, end=conversation.end, ui=ui, grade=last.grade)
        else:
            mood = views.mood_meter(conversation.mood, band=band(persona, conversation.mood) if persona else "", ui=ui)
        if exam:
            grade_html = f"<div class='coach-grade' dir='{views.direction(ui)}'>{views.escape(t('grade.exam_hidden', ui))}</div>"
        else:
            grade_html = views.grade_panel(grade, reply_text, ctx.rubric,
                                           last.notices if last is not None and pending is None else [], ui=ui)
        live = not conversation.finished and pending is None
        reply_update: dict[str, Any] = {"rtl": rtl, "interactive": live}
        if not keep_reply:
            reply_update["value"] = conversation.pending.reply if conversation.pending and pending is None else ""
        out = {
            c["conv"]: conversation.id,
            # a trainer's preview of an unpublished draft is not among the choices (nor is its published namesake)
            c["persona"]: gr.update(value=conversation.persona_id)
            if conversation.persona_id in ctx.service.personas and not conversation.preview else gr.update(),
            c["persona_card"]: views.persona_card(persona, ui, conversation=conversation.id,
                                                  preview=conversation.persona_version if conversation.preview else None),
            c["ended"]: views.ended_banner(conversation, ui) if pending is None else "",
            c["chat"]: gr.update(value=views.chat_messages(conversation, pending, customer_text), rtl=rtl),
            c["mood"]: mood,
            c["grade"]: grade_html,
            c["reply"]: gr.update(**reply_update),
            c["send"]: gr.update(interactive=live),
            c["end"]: gr.update(interactive=live),
            c["confirm"]: gr.update(visible=False),
            c["attempts"]: "" if exam else views.attempts_html(conversation, ctx.rubric, ui),
        }
        if pending is None:  # a turn is complete: any retry is done, any hint was about the sent reply
            retryable = not exam and bool(conversation.turns)
            out.update({
                c["retry"]: None, c["retry_note"]: "", c["hint"]: "", c["retry_cancel"]: gr.update(visible=False),
                c["retry_row"]: gr.update(visible=retryable),
                c["retry_pick"]: gr.update(choices=[(t("score.turn", ui, turn=i + 1), i)
                                                    for i in range(len(conversation.turns))], value=None)})
        if conversation.finished and pending is None:
            out.update(self._scorecard(conversation, ui))
        else:
            out[c["score_box"]] = gr.update(visible=False)
        return out

    def _scorecard(self, conversation: Conversation, ui: str) -> dict:
        """The end: scorecard, mood chart, and the transcript files written for this person now."""
        c, ctx = self.c, self.ctx
        card = scorecard(conversation, ctx.rubric, ui)
        labels = [t("practise.start_point", ui)] + [t("score.turn", ui, turn=i) for i in range(1, len(card.mood))]
        return {c["score_box"]: gr.update(visible=True), c["score"]: views.scorecard_html(card, conversation, ui),
                c["plot"]: gr.update(value=pd.DataFrame({"turn": labels, "mood": card.mood}), sort=labels)}

    async def downloads(self, user: User, conversation: Conversation, ui: str) -> dict:
        """The transcript files, written now for the person asking, each in a folder of its own."""
        c, service = self.c, self.ctx.service
        json_path = await service.export(user, conversation.id, "json")
        md_path = await service.export(user, conversation.id, "md", lang=ui)
        audio_path = await service.export_audio(user, conversation.id, lang=ui)  # only when audio was kept
        return {c["dl_json"]: gr.update(value=str(json_path), visible=True),
                c["dl_md"]: gr.update(value=str(md_path), visible=True),
                c["dl_audio"]: gr.update(value=str(audio_path) if audio_path else None, visible=audio_path is not None)}

    async def assigned(self, user: User, ui: str, picked: str | None = None) -> dict:
        """The trainee's assignments as a list: what, in which mode, by when, and whether done."""
        items = await self.ctx.service.my_assignments(user)
        return {self.c["assigned"]: views.assignments_html(items, self.ctx.service.personas, ui, picked)}

    # -- handlers -----------------------------------------------------------------------------------
    @shown
    async def on_assigned(self, conversation_id: str | None, ui: str, request: gr.Request, evt: gr.EventData):
        """Picking an assignment picks its customer and fixes its mode (an exam stays an exam)."""
        user = self.ctx.who(request)
        data = evt._data if isinstance(getattr(evt, "_data", None), dict) else {}
        items = await self.ctx.service.my_assignments(user)
        a = next((i.assignment for i in items if i.assignment.id == str(data.get("assignment") or "")), None)
        c = self.c
        if a is None:  # not one of theirs (or gone): nothing is picked
            return {c["assignment"]: None, c["mode"]: gr.update(interactive=True), c["picked_note"]: ""}
        persona = self.ctx.service.personas.get(a.persona_id)
        note = views.t_html("assign.picked", ui, customer=views.text(persona.display_name if persona else a.persona_id),
                            mode=views.escape(t(f"mode.{a.mode}", ui)))
        out = {c["persona"]: gr.update(value=a.persona_id), c["mode"]: gr.update(value=a.mode, interactive=False),
               c["persona_card"]: views.persona_card(persona, ui), c["assignment"]: a.id,
               c["picked_note"]: f"<div class='coach-notice' id='coach-assignment-picked' dir='{views.direction(ui)}'>{note}</div>",
               c["assigned"]: views.assignments_html(items, self.ctx.service.personas, ui, a.id)}
        if not conversation_id:
            out[c["mood"]] = self.starting_mood(persona, ui)
        return out

    @shown
    async def on_pick(self, persona_id: str | None, conversation_id: str | None, ui: str, request: gr.Request):
        """The trainee picked a customer: their card (and, before any conversation, how they start);
        any assignment is left, so the mode is theirs to choose again."""
        user = self.ctx.who(request)
        persona = self.ctx.service.personas.get(persona_id or "")
        c = self.c
        out = {c["persona_card"]: views.persona_card(persona, ui), c["assignment"]: None,
               c["mode"]: gr.update(interactive=True), c["picked_note"]: ""}
        out.update(await self.assigned(user, ui))
        if not conversation_id:
            out[c["mood"]] = self.starting_mood(persona, ui)
        return out

    @shown
    async def on_start(self, persona_id: str | None, mode: str, conversation_id: str | None, ui: str,
                       request: gr.Request):
        user = self.ctx.who(request)
        current = None
        if conversation_id:
            current = await self.ctx.service.conversation(user, conversation_id)
        if current is not None and not current.finished and current.owner == user.id:
            text = t("practise.confirm", ui, customer=current.customer_name, count=len(current.turns))
            return {self.c["confirm"]: gr.update(visible=True),
                    self.c["confirm_text"]: views.notice(text, ui)}
        out = await self._start(user, persona_id, mode, ui)
        out[self.c["confirm_text"]] = ""
        return out

    @shown
    async def on_confirm(self, persona_id: str | None, mode: str, ui: str, request: gr.Request):
        return await self._start(self.ctx.who(request), persona_id, mode, ui)

    async def _start(self, user, persona_id: str | None, mode: str, ui: str) -> dict:
        if not persona_id:
            raise Refusal("error.pick_customer")
        conversation = await self.ctx.service.start(user, persona_id, mode or "practice",  # type: ignore[arg-type]
                                                    language=ui)
        return self.view(conversation, ui)

    @shown
    async def on_send(self, message: str, conversation_id: str | None, retry: int | None, ui: str,
                      call: bool | None, turn_key: str | None, request: gr.Request):
        user = self.ctx.who(request)
        service = self.ctx.service
        if not conversation_id:
            # the page's state lives in the process that served it: after that process stopped, the
            # conversation on screen (the latest, as every page load shows) goes on here
            latest = await service.latest(user)
            if latest is None or latest.finished:
                raise Refusal("error.start_first")
            conversation_id = latest.id
        message = clean_reply(message)  # as it will be saved: what the browser sent may not be valid UTF-8
        conversation = await service.conversation(user, conversation_id, write=True)
        # while a retried turn is graded, the screen shows the conversation as it stood before that turn
        shown_so_far = conversation if retry is None else conversation.model_copy(
            update={"turns": conversation.turns[:retry], "end": None})
        offline = None
        notices: list = []
        try:
            async for kind, value in service.turn_stream(user, conversation_id, message, retry=retry, voice=bool(call),
                                                         turn_key=turn_key):
                if kind == "voice":  # on a call, the customer's line is spoken too
                    yield {self.c["clip"]: clip(value[1])}  # type: ignore[index]
                elif kind == "speech_notice":
                    notices.append(value)
                    yield {self.c["call_status"]: status_html(notices, ui)}
                elif kind == "grade":
                    offline = value
                    yield self.view(shown_so_far, ui, pending=message, grade=value, keep_reply=True)
                elif kind == "mood":
                    assert isinstance(value, MoodChange)
                    yield {self.c["mood"]: self.view(shown_so_far, ui, pending=message, change=value, grade=offline,
                                                     keep_reply=True)[self.c["mood"]]}
                elif kind == "customer":
                    yield {self.c["chat"]: gr.update(value=views.chat_messages(shown_so_far, message, str(value)))}
                elif kind == "turn":
                    out = self.view(conversation, ui)
                    if conversation.finished:
                        out.update(await self.downloads(user, conversation, ui))
                        out.update(await self.assigned(user, ui))  # it may have completed an assignment
                    yield out
        except Exception:
            # the turn did not happen: show the conversation as saved, the typed reply still in the box
            saved = await service.conversation(user, conversation_id)
            yield self.view(saved, ui, keep_reply=True)
            raise

    @shown
    async def on_hint(self, draft: str, conversation_id: str | None, retry: int | None, ui: str,
                      request: gr.Request):
        """What the offline grader would flag in the reply being typed (practice mode only)."""
        if not conversation_id:
            return ""
        user = self.ctx.who(request)
        grade = await self.ctx.service.hint(user, conversation_id, draft, retry)
        return views.hint_html(grade, draft, self.ctx.rubric, ui) if grade is not None else ""

    @shown
    async def on_retry(self, index: int | None, conversation_id: str | None, ui: str, request: gr.Request):
        """Set up trying a turn again: its reply back in the box to rework, and a plain note of what
        happens on send (the customer goes back to how they were before that turn)."""
        user = self.ctx.who(request)
        if not conversation_id:
            raise Refusal("error.start_first")
        if index is None:
            raise Refusal("error.pick_turn")
        conversation = await self.ctx.service.conversation(user, conversation_id, write=True)
        if conversation.mode == "exam":
            raise Refusal("error.exam_no_retry")
        if not 0 <= int(index) < len(conversation.turns):
            raise Refusal("error.no_such_turn", turn=int(index) + 1)
        turn = conversation.turns[int(index)]
        note = t("practise.retry_note", ui, turn=turn.index + 1, mood=turn.mood_before)
        c = self.c
        # the screen follows the customer back at once: mood, banner and scorecard as they were before that turn
        before = conversation.model_copy(update={"turns": conversation.turns[:turn.index], "end": None,
                                                 "ended_at": None, "pending": None})
        out = self.view(before, ui)
        out.update({c["retry"]: turn.index, c["reply"]: gr.update(value=turn.reply, interactive=True),
                    c["send"]: gr.update(interactive=True), c["end"]: gr.update(interactive=not conversation.finished),
                    c["retry_cancel"]: gr.update(visible=True), c["hint"]: "", c["retry_row"]: gr.update(visible=True),
                    c["retry_pick"]: gr.update(choices=[(t("score.turn", ui, turn=i + 1), i)
                                                        for i in range(len(conversation.turns))], value=turn.index),
                    c["retry_note"]: views.notice(note, ui, "coach-retrying")})
        return out

    @shown
    async def on_retry_cancel(self, conversation_id: str | None, ui: str, request: gr.Request):
        user = self.ctx.who(request)
        if not conversation_id:
            return self.empty(ui)
        return self.view(await self.ctx.service.conversation(user, conversation_id), ui)

    @shown
    async def on_end(self, conversation_id: str | None, ui: str, request: gr.Request):
        user = self.ctx.who(request)
        if not conversation_id:
            raise Refusal("error.nothing_to_end")
        conversation = await self.ctx.service.end(user, conversation_id)
        out = self.view(conversation, ui)
        out.update(await self.downloads(user, conversation, ui))
        out.update(await self.assigned(user, ui))
        return out


class Beside:
    """A part of the page that hands conversations to the Practise tab (My sessions, the Trainer
    view, the persona editor): the page's context, that tab, and its own components."""

    def __init__(self, ctx: Context, practise: PractiseTab):
        self.ctx = ctx
        self.practise = practise
        self.c: dict[str, Any] = {}
