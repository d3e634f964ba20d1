"""The page's API for scripts, reached with gradio_client as `Client(url, auth=(name, password))`.

    /start_conversation(persona_id, mode="practice") -> {"conversation_id", "opening", "mood", ...}
    /send_reply(conversation_id, reply) -> {"turn", "verdicts", "mood", "customer", "end", ...}
    /my_sessions() -> [{"conversation_id", "persona_id", "started_at", "outcome", "turns", "score"}, ...]
    /trainer_sessions(persona_id="", since="", until="") -> the same for everyone (trainers and admins)

Who is calling is the logged-in account, as for the page; refusals are one plain line
("not your conversation", "trainers only", "unknown persona 'x'").
"""

from __future__ import annotations

from typing import Any

import gradio as gr

from coach.practice import TurnRecord
from coach.store import Summary
from coach.web.base import Context, shown
from coach.web.history import parse_day


def _summary(s: Summary, owners: dict[str, str] | None = None) -> dict[str, Any]:
    out = {"conversation_id": s.id, "persona_id": s.persona_id, "language": s.language, "mode": s.mode,
           "started_at": s.started_at, "outcome": s.outcome, "turns": s.turns, "score": s.score}
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

    @shown
    async def start_conversation(self, persona_id: str, mode: str = "practice", request: gr.Request | None = None) -> dict:
        """Start a conversation with a persona as the logged-in user."""
        c = await self.ctx.service.start(self.ctx.who(request), persona_id, mode)  # type: ignore[arg-type]
        return {"conversation_id": c.id, "persona_id": c.persona_id, "opening": c.opening, "mood": c.mood,
                "language": c.language, "mode": c.mode}

    @shown
    async def send_reply(self, conversation_id: str, reply: str, request: gr.Request | None = None) -> dict:
        """Send one reply in one of your conversations; returns the graded turn."""
        record: TurnRecord | None = None
        async for kind, value in self.ctx.service.turn_stream(self.ctx.who(request), conversation_id, reply):
            if kind == "turn":
                assert isinstance(value, TurnRecord)
                record = value
        assert record is not None
        return {"turn": record.index, "attempt": record.attempt, "verdicts": record.grade.verdicts(),
                "engine": record.grade.engine, "mood": record.mood_after, "customer": record.customer,
                "end": record.end.value if record.end else None, "seconds": record.seconds,
                "notices": [n.text() for n in record.notices]}

    @shown
    async def my_sessions(self, request: gr.Request | None = None) -> list:
        """Your own conversations, newest first."""
        return [_summary(s) for s in await self.ctx.service.my_sessions(self.ctx.who(request))]

    @shown
    async def trainer_sessions(self, persona_id: str = "", since: str = "", until: str = "",
                               request: gr.Request | None = None) -> list:
        """Everyone's conversations (trainers and admins), newest first."""
        user = self.ctx.who(request)
        summaries = await self.ctx.service.all_sessions(user, persona_id=persona_id or None,
                                                        since=parse_day(since, "en", "trainer.since"),
                                                        until=parse_day(until, "en", "trainer.until"))
        owners = self.ctx.service.user_names()
        return [_summary(s, owners) for s in summaries]
