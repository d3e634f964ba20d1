"""The turn loop the page and the terminal share.

trainee reply -> offline grade (instant) -> mood update -> the customer's answer and the
model judge's grade, requested concurrently -> one turn record, saved at once.
A conversation is its opening and a list of turn records; it can be rebuilt from them.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime

from pydantic import BaseModel, Field

from coach.cases import Turn
from coach.customers import Customer, LLMCustomer, ScriptedCustomer
from coach.engines import CombinedGrader, Grader, make_grader
from coach.grades import Grade
from coach.mood import EndState, MoodReason, MoodTracker
from coach.notices import Notice
from coach.personas import Persona
from coach.rubric import Rubric, load_rubric
from coach.settings import Settings, load_settings


def now() -> datetime:
    return datetime.now(UTC)


class TurnRecord(BaseModel):
    index: int
    reply: str
    grade: Grade
    mood_before: int
    mood_after: int
    mood_reasons: list[MoodReason] = Field(default_factory=list)
    band: str
    customer: str
    end: EndState | None = None
    at: datetime = Field(default_factory=now)
    seconds: dict[str, float] = Field(default_factory=dict)  # grade, customer, turn
    notices: list[Notice] = Field(default_factory=list)


class Conversation(BaseModel):
    id: str = Field(default_factory=lambda: uuid.uuid4().hex[:12])
    owner: str | None = None  # the browser session (or user, later) it belongs to
    persona_id: str
    persona_name: str
    customer_name: str
    language: str
    difficulty: str
    engine: str
    seed: int = 0
    started_at: datetime = Field(default_factory=now)
    ended_at: datetime | None = None
    opening: str
    mood_start: int
    turns: list[TurnRecord] = Field(default_factory=list)
    end: EndState | None = None

    @property
    def mood(self) -> int:
        return self.turns[-1].mood_after if self.turns else self.mood_start

    @property
    def finished(self) -> bool:
        return self.end is not None

    def history(self) -> list[dict[str, str]]:
        messages = [{"role": "customer", "content": self.opening}]
        for t in self.turns:
            messages += [{"role": "trainee", "content": t.reply}, {"role": "customer", "content": t.customer}]
        return messages


Saver = Callable[[Conversation], None]


class Practice:
    """One live conversation: the persona, its mood, the customer, the grader."""

    def __init__(self, persona: Persona, *, grader: Grader, customer: Customer, conversation: Conversation | None = None,
                 save: Saver | None = None, seed: int = 0, owner: str | None = None):
        self.persona = persona
        self.grader = grader
        self.customer = customer
        self.save = save or (lambda conversation: None)
        self.tracker = MoodTracker(persona)
        if conversation is None:
            conversation = Conversation(
                owner=owner, persona_id=persona.id, persona_name=persona.display_name,
                customer_name=persona.customer_name, language=persona.language, difficulty=persona.difficulty.value,
                engine=engine_banner(grader, customer), seed=seed, opening=customer.opening(),
                mood_start=persona.mood.start)
            self.conversation = conversation
            self.save(conversation)
        else:
            self.conversation = conversation
            self._replay()

    def _replay(self) -> None:
        """Rebuild the mood and the lines already said from the saved turns (deterministic)."""
        scripted = self.customer.scripted if isinstance(self.customer, LLMCustomer) else self.customer
        if isinstance(scripted, ScriptedCustomer):
            scripted.remember(self.conversation.opening)
            for t in self.conversation.turns:
                scripted.remember(t.customer)
        for t in self.conversation.turns:
            self.tracker.update(t.grade)

    def _context(self) -> list[Turn]:
        return [Turn(role=m["role"], content=m["content"]) for m in self.conversation.history()]

    async def turn_stream(self, reply: str) -> AsyncIterator[tuple[str, object]]:
        """Yields ("grade", offline Grade), ("mood", MoodChange), ("customer", text so far) ...,
        and last ("turn", TurnRecord) once it is saved."""
        if self.conversation.finished:
            raise RuntimeError("this conversation has ended")
        reply = reply if isinstance(reply, str) else str(reply)  # kept in full; the grader says if it cut it
        started = time.perf_counter()
        context = self._context()
        offline = instant_grade(self.grader, reply, self.persona, context)
        yield "grade", offline
        before = self.tracker.mood
        change = self.tracker.update(offline)
        yield "mood", change
        judge = asyncio.ensure_future(full_grade(self.grader, reply, self.persona, context, offline))
        history = self.conversation.history() + [{"role": "trainee", "content": reply}]
        text, customer_started = "", time.perf_counter()
        async for piece in self.customer.respond(history, change, offline):
            text += piece
            yield "customer", text
        customer_s = time.perf_counter() - customer_started
        grade = await judge
        notices = grade.notices + getattr(self.customer, "notices", [])
        if hasattr(self.customer, "notices"):
            self.customer.notices.clear()
        record = TurnRecord(
            index=len(self.conversation.turns), reply=reply, grade=grade, mood_before=before, mood_after=change.after,
            mood_reasons=change.reasons, band=change.band, customer=text.strip(), end=change.end,
            seconds={"customer": round(customer_s, 4), "turn": round(time.perf_counter() - started, 4)},
            notices=notices)
        self.conversation.turns.append(record)
        if change.end is not None:
            self.conversation.end = change.end
            self.conversation.ended_at = now()
        self.save(self.conversation)
        yield "turn", record

    async def turn(self, reply: str) -> TurnRecord:
        record = None
        async for kind, value in self.turn_stream(reply):
            if kind == "turn":
                record = value
        return record

    def end(self) -> Conversation:
        """The trainee ends the conversation."""
        if not self.conversation.finished:
            self.conversation.end = EndState.ENDED
            self.conversation.ended_at = now()
            self.save(self.conversation)
        return self.conversation


def instant_grade(grader: Grader, reply: str, persona: Persona, context: list[Turn]) -> Grade:
    offline = grader.offline if isinstance(grader, CombinedGrader) else grader
    return offline.grade(reply, lang=persona.language, customer_name=persona.customer_name, context=context)


async def full_grade(grader: Grader, reply: str, persona: Persona, context: list[Turn], offline: Grade) -> Grade:
    if isinstance(grader, CombinedGrader):
        return await grader.agrade(reply, lang=persona.language, customer_name=persona.customer_name,
                                   context=context, offline=offline)
    return offline


def engine_banner(grader: Grader, customer: Customer) -> str:
    if isinstance(grader, CombinedGrader) or isinstance(customer, LLMCustomer):
        return f"Model engine: {grader.describe()}; {customer.describe()}"
    return "Offline engine: built-in multilingual detectors grade, the persona's scripted lines answer (no model)"


def start_practice(persona: Persona, *, settings: Settings | None = None, engine: str | None = None,
                   rubric: Rubric | None = None, save: Saver | None = None, seed: int = 0,
                   owner: str | None = None, conversation: Conversation | None = None,
                   grader: Grader | None = None) -> Practice:
    """A practice session with the engines the settings call for. Pass `grader` to share one
    (and its connection pool) between many conversations, as the page does."""
    settings = settings or load_settings()
    rubric = rubric or load_rubric()
    grader = grader or make_grader(settings, engine=engine, rubric=rubric)
    if isinstance(grader, CombinedGrader):
        customer: Customer = LLMCustomer(persona, grader.client, rubric, seed=seed)
    else:
        customer = ScriptedCustomer(persona, seed)
    return Practice(persona, grader=grader, customer=customer, conversation=conversation, save=save, seed=seed,
                    owner=owner)

