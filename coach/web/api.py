"""The page's API for scripts, reached with gradio_client as `Client(url, auth=(name, password))`.

    /start_conversation(persona_id, mode="practice") -> {"conversation_id", "opening", "mood", ...}
    /send_reply(conversation_id, reply, turn_key="") -> {"turn", "verdicts", "mood", "customer", "end", ...}
    /my_sessions() -> [{"conversation_id", "persona_id", "started_at", "outcome", "turns", "score"}, ...]
    /trainer_sessions(persona_id="", since="", until="") -> the same for everyone (trainers and admins)

Who is calling is the logged-in account, as for the page; refusals are one plain line of text
("not your conversation", "trainers only", "unknown persona 'x'"), arguments of the wrong type
included (a list where text belongs is refused, never stored as its printout). A send repeated
with the same `turn_key` returns the turn the first stored. In an exam, the verdicts of each
turn (and the score) stay back until the conversation has ended, as on the page.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, TypeVar

import gradio as gr
from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError

from coach.errors import Refusal
from coach.practice import TurnRecord
from coach.store import Summary
from coach.web.base import Context, api_call
from coach.web.history import parse_day

Short = Annotated[str, StringConstraints(max_length=200)]
_SURROGATE = re.compile("[\ud800-\udfff]")


class _Arguments(BaseModel):
    """An API call's arguments as JSON gave them: text must be text (strict: no list or number
    turned into its printout)."""

    model_config = ConfigDict(strict=True, extra="forbid")


A = TypeVar("A", bound=_Arguments)


class StartArgs(_Arguments):
    persona_id: Short
    mode: Short = "practice"


class SendArgs(_Arguments):
    conversation_id: Short
    reply: str
    turn_key: Short = ""


class TrainerArgs(_Arguments):
    persona_id: Short = ""
    since: Short = ""
    until: Short = ""


def arguments(model: type[A], **given: object) -> A:
    """The call's arguments checked against `model`; a mistake is one plain refusal naming the argument."""
    # a lone surrogate (JSON can carry one) is not text pydantic can check: it becomes U+FFFD, as it is stored
    given = {k: _SURROGATE.sub("\ufffd", v) if isinstance(v, str) else v for k, v in given.items()}
    try:
        return model.model_validate(given)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "arguments"
        raise Refusal("error.api_argument", field=field, problem=first["msg"].lower()) from None


def _summary(s: Summary, owners: dict[str, str] | None = None) -> dict[str, Any]:
    out = {"conversation_id": s.id, "persona_id": s.persona_id, "language": s.language, "mode": s.mode,
           "started_at": s.started_at, "outcome": s.outcome, "turns": s.turns, "score": s.score}
    if owners is None and s.mode == "exam" and s.outcome is None:
        out["score"] = None  # a trainee's exam is scored when it ends
    if owners is not None:
        out["trainee"] = owners.get(s.owner or "", None)
    return out


class Api:
    def __init__(self, ctx: Context):
        self.ctx = ctx

    def register(self) -> None:
        gr.api(self.start_conversation, api_name="start_conversation", concurrency_limit=None)
        gr.api(self.send_reply, api_name="send_reply", concurrency_limit=None)
        gr.api(self.my_sessions, api_name="my_sessions", concurrency_limit=None)
        gr.api(self.trainer_sessions, api_name="trainer_sessions", concurrency_limit=None)

    @api_call
    async def start_conversation(self, persona_id: str, mode: str = "practice", request: gr.Request | None = None) -> dict:
        """Start a conversation with a persona as the logged-in user."""
        args = arguments(StartArgs, persona_id=persona_id, mode=mode)
        c = await self.ctx.service.start(self.ctx.who(request), args.persona_id, args.mode)  # type: ignore[arg-type]
        return {"conversation_id": c.id, "persona_id": c.persona_id, "opening": c.opening, "mood": c.mood,
                "language": c.language, "mode": c.mode}

    @api_call
    async def send_reply(self, conversation_id: str, reply: str, turn_key: str = "",
                         request: gr.Request | None = None) -> dict:
        """Send one reply in one of your conversations; returns the graded turn (in an exam, its
        verdicts only once the conversation has ended). Give each reply a `turn_key` of your own
        (8-64 letters, digits, - or _): sending it again with the same key returns the stored turn."""
        args = arguments(SendArgs, conversation_id=conversation_id, reply=reply, turn_key=turn_key)
        user = self.ctx.who(request)
        record: TurnRecord | None = None
        async for kind, value in self.ctx.service.turn_stream(user, args.conversation_id, args.reply,
                                                              turn_key=args.turn_key or None):
            if kind == "turn":
                assert isinstance(value, TurnRecord)
                record = value
        assert record is not None
        c = await self.ctx.service.conversation(user, args.conversation_id)
        withheld = c.mode == "exam" and not c.finished
        return {"turn": record.index, "attempt": record.attempt,
                "verdicts": None if withheld else record.grade.verdicts(), "verdicts_withheld": withheld,
                "engine": record.grade.engine, "mood": record.mood_after, "customer": record.customer,
                "end": record.end.value if record.end else None, "seconds": record.seconds,
                "notices": [n.text() for n in record.notices]}

    @api_call
    async def my_sessions(self, request: gr.Request | None = None) -> list:
        """Your own conversations, newest first."""
        return [_summary(s) for s in await self.ctx.service.my_sessions(self.ctx.who(request))]

    @api_call
    async def trainer_sessions(self, persona_id: str = "", since: str = "", until: str = "",
                               request: gr.Request | None = None) -> list:
        """Everyone's conversations (trainers and admins), newest first."""
        args = arguments(TrainerArgs, persona_id=persona_id, since=since, until=until)
        user = self.ctx.who(request)
        summaries = await self.ctx.service.all_sessions(user, persona_id=args.persona_id or None,
                                                        since=parse_day(args.since, "en", "trainer.since"),
                                                        until=parse_day(args.until, "en", "trainer.until"))
        owners = self.ctx.service.user_names()
        return [_summary(s, owners) for s in summaries]
