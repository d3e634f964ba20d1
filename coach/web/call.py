"""Call mode on the Practise tab: the trainee speaks (push to talk), the customer answers aloud.

The microphone is Gradio's Audio input: record, stop, and the reply is sent. It is heard,
shown and graded like a typed one, and the customer's line is spoken back sentence by
sentence: each sentence's WAV goes to the browser as soon as it is ready, where a small player
queue plays them in order (no media server, nothing kept unless `keep_audio` is on).
"""

from __future__ import annotations

import base64
import json
import threading
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

import gradio as gr

from coach.errors import Refusal
from coach.i18n import t
from coach.mood import MoodChange
from coach.notices import Notice
from coach.web import views
from coach.web.base import shown

if TYPE_CHECKING:
    from coach.web.practise import PractiseTab

# the browser records at 16 kHz mono (what Whisper reads): a two-minute reply is under 4 MB
RECORDING_RATE = 16_000

# Plays the customer's sentences in order, one after another. Counts what it received and played
# on <body data-coach-clips / data-coach-played> (the tests read them; nothing else does).
PLAY_JS = """(clip) => {
  if (!clip) return;
  let item; try { item = JSON.parse(clip); } catch (e) { return; }
  const q = (window.coachVoice = window.coachVoice || {queue: [], playing: false, seen: new Set(), played: 0});
  if (q.seen.has(item.id)) return;
  q.seen.add(item.id);
  q.queue.push(item.src);
  document.body.dataset.coachClips = String(q.seen.size);
  const next = () => {
    if (q.playing || !q.queue.length) return;
    q.playing = true;
    const audio = new Audio(q.queue.shift());
    const done = () => { q.playing = false; q.played += 1; document.body.dataset.coachPlayed = String(q.played); next(); };
    audio.onended = done; audio.onerror = done;
    audio.play().catch(done);
  };
  next();
}"""


def clip(wav: bytes) -> str:
    """One sentence of the customer's voice for the player queue."""
    return json.dumps({"id": uuid.uuid4().hex, "src": "data:audio/wav;base64," + base64.b64encode(wav).decode()})


def status_html(notices: list[Notice], ui: str, heard: str | None = None) -> str:
    lines = [views.escape(n.text(ui)) for n in notices]
    if heard is not None:
        lines.insert(0, views.escape(t("call.heard", ui, text=heard)))
    return "".join(f"<div class='coach-notice'>{line}</div>" for line in lines)


class CallMode:
    def __init__(self, tab: PractiseTab):
        self.tab = tab
        self.ctx = tab.ctx
        self.c = tab.c
        self._warming: threading.Thread | None = None

    def build(self) -> None:
        ctx, c = self.ctx, self.c
        c["call"] = gr.Checkbox(value=False, label=ctx.label("call.toggle"), elem_id="coach-call")
        c["mic"] = gr.Audio(sources=["microphone"], type="filepath", label=ctx.label("call.mic"), visible=False,
                            elem_id="coach-mic", editable=False, buttons=[],
                            waveform_options=gr.WaveformOptions(sample_rate=RECORDING_RATE))
        c["call_status"] = gr.HTML(elem_id="coach-call-status")
        c["clip"] = gr.Textbox(visible="hidden", elem_id="coach-voice-clip")

    @property
    def outputs(self) -> list:
        return [self.c["clip"], self.c["call_status"]]

    def wire(self, ui: gr.State) -> None:
        c = self.c
        c["call"].change(self.on_call, [c["call"], c["conv"], ui], [c["mic"], *self.outputs], api_visibility="private")
        c["mic"].stop_recording(self.on_spoken, [c["mic"], c["conv"], c["retry"], ui],
                                [*self.tab.view_outputs, *self.outputs, c["mic"]], concurrency_limit=None,
                                api_visibility="private")
        c["clip"].change(None, [c["clip"]], None, js=PLAY_JS)

    @shown
    async def on_call(self, on: bool, conversation_id: str | None, ui: str, request: gr.Request):
        """Call mode on: the microphone appears, and a call that has not begun opens with the
        customer's voice. Off: back to typing."""
        c = self.c
        yield {c["mic"]: gr.update(visible=bool(on), value=None), c["call_status"]: ""}
        if not on:
            return
        self._warm()
        if not conversation_id:
            return
        user = self.ctx.who(request)
        conversation = await self.ctx.service.conversation(user, conversation_id)
        if conversation.turns or conversation.finished:
            return
        notices: list[Notice] = []
        async for kind, value in self.ctx.service.opening_voice(user, conversation_id):
            if kind == "voice":
                yield {c["clip"]: clip(value[1])}  # type: ignore[index]
            elif kind == "speech_notice":
                notices.append(value)  # type: ignore[arg-type]
                yield {c["call_status"]: status_html(notices, ui)}

    def _warm(self) -> None:
        """Load the transcription model in the background while the trainee gets ready to speak."""
        if self._warming is None:
            self._warming = threading.Thread(target=self.ctx.service.warm_speech, daemon=True, name="coach-whisper")
            self._warming.start()

    @shown
    async def on_spoken(self, recording: str | None, conversation_id: str | None, retry: int | None, ui: str,
                        request: gr.Request):
        """A reply spoken and sent (the trainee stopped recording)."""
        c, tab, service = self.c, self.tab, self.ctx.service
        user = self.ctx.who(request)
        if not conversation_id:
            raise Refusal("error.start_first")
        if not recording:
            return
        path = Path(recording)
        data = path.read_bytes() if path.stat().st_size <= service.speech.max_recording_bytes else None
        path.unlink(missing_ok=True)  # the upload is not kept (keep_audio keeps a copy in the database)
        if data is None:
            raise Refusal("error.audio_too_long", seconds="?", limit=round(service.settings.max_speech_seconds))
        conversation = await service.conversation(user, conversation_id, write=True)
        shown_so_far = conversation if retry is None else conversation.model_copy(
            update={"turns": conversation.turns[:retry], "end": None})
        notices: list[Notice] = []
        text = ""
        try:
            async for kind, value in service.spoken_turn_stream(user, conversation_id, data, retry=retry):
                if kind == "heard":
                    text = value.text  # type: ignore[attr-defined]
                    yield {**tab.view(shown_so_far, ui, pending=text),
                           c["call_status"]: status_html(notices, ui, heard=text)}
                elif kind == "speech_notice":
                    notices.append(value)  # type: ignore[arg-type]
                    yield {c["call_status"]: status_html(notices, ui, heard=text)}
                elif kind == "grade":
                    yield tab.view(shown_so_far, ui, pending=text, grade=value)
                elif kind == "mood":
                    assert isinstance(value, MoodChange)
                    yield {c["mood"]: tab.view(shown_so_far, ui, pending=text, change=value)[c["mood"]]}
                elif kind == "customer":
                    yield {c["chat"]: gr.update(value=views.chat_messages(shown_so_far, text, str(value)))}
                elif kind == "voice":
                    yield {c["clip"]: clip(value[1])}  # type: ignore[index]
                elif kind == "turn":
                    out: dict[Any, Any] = {**tab.view(conversation, ui), c["mic"]: gr.update(value=None)}
                    if conversation.finished:
                        out.update(await tab.downloads(user, conversation, ui))
                        out.update(await tab.assigned(user, ui))
                    yield out
        except Exception:
            saved = await service.conversation(user, conversation_id)
            yield {**tab.view(saved, ui), c["mic"]: gr.update(value=None)}
            raise
