"""The turn loop the page and the terminal share.

trainee reply -> saved as pending -> offline grade (instant) -> mood change -> the customer's
answer and the model judge's grade, requested concurrently -> the turn record, saved -> only
then added to the conversation in memory.

A conversation is its opening and a list of turn records; everything else (the mood, the lines
the customer has said) is read from them, so a conversation resumes after a restart, and a
turn can be tried again from exactly the state before it.
"""

from __future__ import annotations

import asyncio
import contextvars
import time
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Literal, Protocol

from pydantic import BaseModel, Field

from coach.cases import Turn
from coach.customers import Customer, CustomerCheck, LLMCustomer, ScriptedCustomer
from coach.engines import CombinedGrader, Grader, make_grader
from coach.errors import Refusal
from coach.grades import Grade
from coach.languages import LANGUAGES, Address
from coach.llm.client import deadline as model_deadline
from coach.mood import EndState, MoodChange, MoodReason, MoodState, advance, initial
from coach.notices import Notice, NoticeKind, notice
from coach.offline import OfflineGrader
from coach.personas import Persona
from coach.rubric import Rubric, load_rubric
from coach.settings import Settings, load_settings
from coach.speech.features import SpokenReply, Voice

Mode = Literal["practice", "exam"]


def now() -> datetime:
    return datetime.now(UTC)


class TurnRecord(BaseModel):
    index: int
    attempt: int = 0  # 0 for the first try of this turn, 1 for the first retry, ...
    reply: str
    grade: Grade
    mood_before: int
    mood_after: int
    mood_reasons: list[MoodReason] = Field(default_factory=list)
    band: str
    state: MoodState | None = None  # the mood model's state after this turn (None in old records)
    customer: str
    end: EndState | None = None
    at: datetime = Field(default_factory=now)
    seconds: dict[str, float] = Field(default_factory=dict)  # customer, turn
    notices: list[Notice] = Field(default_factory=list)
    customer_check: CustomerCheck | None = None  # how the model's line fared (model customers only)
    voice: SpokenReply | None = None  # a reply spoken on a call: what was heard and how it sounded


class PendingReply(BaseModel):
    """A reply saved before grading whose turn never finished (the server stopped mid-turn)."""

    index: int
    reply: str


class Conversation(BaseModel):
    id: str = Field(default_factory=lambda: uuid.uuid4().hex[:12])
    owner: str | None = None  # the user it belongs to (their account id)
    persona_id: str
    persona_version: int | None = None  # the page-edited version played (None: the persona file)
    preview: bool = False  # a trainer trying an unpublished draft: theirs alone, in no one else's list
    persona_name: str
    customer_name: str
    language: str
    difficulty: str
    engine: str
    mode: Mode = "practice"
    trainee_language: str | None = None  # the trainee's page language: a model judge explains in it
    address: Address = Address.NEUTRAL  # how the customer speaks to the trainee (from their account, at the start)
    trainee_name: str | None = None  # the trainee's own name, when their account gives one (the grader uses it)
    seed: int = 0
    started_at: datetime = Field(default_factory=now)
    ended_at: datetime | None = None
    opening: str
    mood_start: int
    turns: list[TurnRecord] = Field(default_factory=list)  # the conversation as it stands
    retired: list[TurnRecord] = Field(default_factory=list)  # earlier attempts, and turns a retry replaced
    pending: PendingReply | None = None
    end: EndState | None = None
    version: int = Field(default=0, exclude=True)  # the saved copy's version, for spotting concurrent writes

    @property
    def mood(self) -> int:
        return self.turns[-1].mood_after if self.turns else self.mood_start

    @property
    def finished(self) -> bool:
        return self.end is not None

    def history(self, upto: int | None = None) -> list[dict[str, str]]:
        """The messages so far (or before turn `upto`), oldest first."""
        messages = [{"role": "customer", "content": self.opening}]
        for t in self.turns[:upto]:
            messages += [{"role": "trainee", "content": t.reply}, {"role": "customer", "content": t.customer}]
        return messages

    def attempts(self, index: int) -> list[TurnRecord]:
        """Every attempt at turn `index`, oldest first (the current one last)."""
        older = [t for t in self.retired if t.index == index]
        current = [self.turns[index]] if index < len(self.turns) else []
        return sorted(older, key=lambda t: t.attempt) + current

    def next_attempt(self, index: int) -> int:
        return 1 + max((t.attempt for t in [*self.turns, *self.retired] if t.index == index), default=-1)

    def add(self, record: TurnRecord) -> None:
        """Put a saved turn in place: a retry retires the turn it replaces and every later one."""
        self.retired += self.turns[record.index:]
        self.turns = [*self.turns[:record.index], record]
        self.pending = None
        self.end = record.end
        self.ended_at = record.at if record.end else None


class TurnConflict(Refusal):
    """Someone else (another tab or server) saved a turn of this conversation first."""

    def __init__(self) -> None:
        super().__init__("error.changed_elsewhere")


class TurnLog(Protocol):
    """Where turns are kept. `begin` saves the reply before grading (with the client's key for
    the send, when it gave one) and returns a token; `finish` saves the graded turn, and raises
    TurnConflict rather than overwrite another's."""

    def begin(self, conversation: Conversation, index: int, attempt: int, reply: str,
              turn_key: str | None = None) -> str: ...

    def finish(self, conversation: Conversation, record: TurnRecord, token: str) -> None: ...


class NoLog:
    """Keeps nothing (tests, benchmarks)."""

    def begin(self, conversation: Conversation, index: int, attempt: int, reply: str,
              turn_key: str | None = None) -> str:
        return ""

    def finish(self, conversation: Conversation, record: TurnRecord, token: str) -> None:
        return None


class Practice:
    """One conversation: the persona, the customer, the grader, and the turn loop."""

    def __init__(self, persona: Persona, *, grader: Grader, customer: Customer, conversation: Conversation,
                 log: TurnLog | None = None, deadline_s: float = 30.0):
        self.persona = persona
        self.grader = grader
        self.customer = customer
        self.conversation = conversation
        self.log = log or NoLog()
        self.deadline_s = deadline_s  # one bound for the model's part of a turn: judge and customer, retries included

    def state_before(self, index: int) -> MoodState:
        """The mood model's state before turn `index`, replaying old records that lack it."""
        state = initial(self.persona)
        for t in self.conversation.turns[:index]:
            state = t.state or advance(self.persona, state, t.grade).state or state
        return state

    @property
    def band(self) -> str:
        from coach.mood import band

        return band(self.persona, self.state_before(len(self.conversation.turns)).mood)

    def voice_for(self, spoken: SpokenReply | None, index: int) -> Voice | None:
        """A spoken reply at turn `index` as the voice criterion grades it: against the trainee's own
        spoken turns before it (retired attempts left out)."""
        if spoken is None:
            return None
        return spoken.voice([t.voice for t in self.conversation.turns[:index] if t.voice is not None])

    async def turn_stream(self, reply: str, *, retry: int | None = None, spoken: SpokenReply | None = None,
                          turn_key: str | None = None) -> AsyncIterator[tuple[str, object]]:
        """Yields ("grade", offline Grade), ("mood", MoodChange), ("customer", text so far) ...,
        and last ("turn", TurnRecord) once it is saved. `retry`: the index of a turn to try again;
        `spoken`: the reply was said on a call (its text is the transcript); `turn_key`: the client's
        key for this send, kept with the turn (see `Coach.turn_stream`)."""
        c = self.conversation
        index = len(c.turns) if retry is None else retry
        if retry is None and c.finished:
            raise Refusal("error.ended")
        if not 0 <= index < len(c.turns) + (retry is None):
            raise Refusal("error.no_such_turn", turn=index + 1)
        attempt = c.next_attempt(index)
        token = await asyncio.to_thread(self.log.begin, c, index, attempt, reply, turn_key)
        started = time.perf_counter()
        history = c.history(index)
        context = _turns(history)
        offline = instant_grade(self.grader, reply, self.persona, context, c.trainee_name, self.voice_for(spoken, index))
        yield "grade", offline
        change = advance(self.persona, self.state_before(index), offline)
        yield "mood", change
        # the model's part runs in tasks that carry the turn's deadline: no call waits or retries past it
        end = time.monotonic() + self.deadline_s
        context_with_deadline = contextvars.copy_context()
        context_with_deadline.run(model_deadline.set, end)
        judge = asyncio.create_task(full_grade(self.grader, reply, self.persona, context, offline, c.trainee_name,
                                               explain=explain_in(c.trainee_language)),
                                    context=context_with_deadline)
        customer = asyncio.create_task(_collect(self.customer.respond(history + [{"role": "trainee", "content": reply}],
                                                                      change, offline)),
                                       context=context_with_deadline)
        late: list[Notice] = []
        customer_started = time.perf_counter()
        try:
            text = await asyncio.wait_for(customer, max(0.0, end - time.monotonic()))
        except TimeoutError:
            text = _scripted(self.customer).line_for(history + [{"role": "trainee", "content": reply}], change, offline)
            late.append(notice(NoticeKind.TURN_DEADLINE, seconds=round(self.deadline_s)))
        except BaseException:
            judge.cancel()
            raise
        yield "customer", text
        customer_s = time.perf_counter() - customer_started
        try:
            grade = await asyncio.wait_for(judge, max(0.0, end - time.monotonic()))
        except TimeoutError:
            grade = offline
            late.append(notice(NoticeKind.TURN_DEADLINE, seconds=round(self.deadline_s)))
        notices = grade.notices + self.customer.take_notices() + late[:1]
        record = TurnRecord(
            index=index, attempt=attempt, reply=reply, grade=grade, mood_before=change.before,
            mood_after=change.after, mood_reasons=change.reasons, band=change.band, state=change.state,
            customer=text.strip(), end=change.end,
            seconds={"customer": round(customer_s, 4), "turn": round(time.perf_counter() - started, 4)},
            notices=notices, customer_check=getattr(self.customer, "check", None), voice=spoken)
        await asyncio.to_thread(self.log.finish, c, record, token)
        c.add(record)  # only now, once it is saved
        yield "turn", record

    def draft(self, text: str, *, retry: int | None = None) -> Grade:
        """The offline grade of a reply still being typed, against the turn it would answer: the
        same grader a sent reply gets first, with no model and nothing saved (hints)."""
        c = self.conversation
        index = len(c.turns) if retry is None else retry
        return instant_grade(self.grader, text, self.persona, _turns(c.history(index)), c.trainee_name)

    async def turn(self, reply: str, *, retry: int | None = None, spoken: SpokenReply | None = None,
                   turn_key: str | None = None) -> TurnRecord:
        record: TurnRecord | None = None
        async for kind, value in self.turn_stream(reply, retry=retry, spoken=spoken, turn_key=turn_key):
            if kind == "turn":
                assert isinstance(value, TurnRecord)
                record = value
        assert record is not None
        return record


def _turns(history: list[dict[str, str]]) -> list[Turn]:
    return [Turn(role=m["role"], content=m["content"]) for m in history]  # type: ignore[arg-type]


async def _collect(pieces: AsyncIterator[str]) -> str:
    return "".join([piece async for piece in pieces])


def _scripted(customer: Customer) -> ScriptedCustomer:
    if isinstance(customer, LLMCustomer):
        return customer.scripted
    assert isinstance(customer, ScriptedCustomer)
    return customer


def instant_grade(grader: Grader, reply: str, persona: Persona, context: list[Turn],
                  agent_name: str | None = None, voice: Voice | None = None) -> Grade:
    """The offline grade of a reply in its whole conversation (`context`: every earlier turn, the
    trainee's included), with the trainee's name when known and better phrasings drawn from the
    persona's situation where it has them; `voice`: how a spoken reply sounded."""
    offline = grader.offline if isinstance(grader, CombinedGrader) else grader
    assert isinstance(offline, OfflineGrader)
    return offline.grade(reply, lang=persona.language, customer_name=persona.customer_name, context=context,
                         agent_name=agent_name, better=persona.better, voice=voice)


def explain_in(code: str | None) -> str | None:
    """The language a model judge writes its explanations in, as it is told ("Latviešu (lv)")."""
    return f"{LANGUAGES[code]} ({code})" if code in LANGUAGES else None


async def full_grade(grader: Grader, reply: str, persona: Persona, context: list[Turn], offline: Grade,
                     agent_name: str | None = None, explain: str | None = None) -> Grade:
    if isinstance(grader, CombinedGrader):
        return await grader.agrade(reply, lang=persona.language, customer_name=persona.customer_name,
                                   context=context, agent_name=agent_name, offline=offline, explain=explain,
                                   better=persona.better)
    return offline


def engine_banner(grader: Grader, customer: Customer) -> str:
    if isinstance(grader, CombinedGrader) or isinstance(customer, LLMCustomer):
        return f"Model engine: {grader.describe()}; {customer.describe()}"
    return "Offline engine: built-in multilingual detectors grade, the persona's scripted lines answer (no model)"


def new_conversation(persona: Persona, grader: Grader, customer: Customer, *, owner: str | None = None,
                     seed: int = 0, mode: Mode = "practice", address: Address = Address.NEUTRAL) -> Conversation:
    return Conversation(owner=owner, persona_id=persona.id, persona_name=persona.display_name,
                        customer_name=persona.customer_name, language=persona.language,
                        difficulty=persona.difficulty.value, engine=engine_banner(grader, customer), mode=mode,
                        seed=seed, opening=customer.opening(), mood_start=persona.mood.start, address=address)


def start_practice(persona: Persona, *, settings: Settings | None = None, engine: str | None = None,
                   rubric: Rubric | None = None, log: TurnLog | None = None, seed: int = 0,
                   owner: str | None = None, conversation: Conversation | None = None,
                   grader: Grader | None = None, mode: Mode = "practice",
                   address: Address = Address.NEUTRAL) -> Practice:
    """A practice session with the engines the settings call for. Pass `grader` to share one
    (and its connection pool) between many conversations, as the page does. `address`: how the
    customer speaks to the trainee in a new conversation (a resumed one keeps its own)."""
    settings = settings or load_settings()
    rubric = rubric or load_rubric(settings.rubric)
    grader = grader or make_grader(settings, engine=engine, rubric=rubric)
    if conversation is not None:
        seed, address = conversation.seed, conversation.address
    customer: Customer
    if isinstance(grader, CombinedGrader):
        customer = LLMCustomer(persona, grader.client, rubric, seed=seed, address=address)
    else:
        customer = ScriptedCustomer(persona, seed, address)
    if conversation is None:
        conversation = new_conversation(persona, grader, customer, owner=owner, seed=seed, mode=mode, address=address)
    return Practice(persona, grader=grader, customer=customer, conversation=conversation, log=log,
                    deadline_s=settings.turn_deadline)


def end_conversation(conversation: Conversation) -> None:
    """The trainee ends it (a no-op if it has ended already)."""
    if not conversation.finished:
        conversation.end = EndState.ENDED
        conversation.ended_at = now()


__all__ = ["Conversation", "MoodChange", "Practice", "TurnConflict", "TurnLog", "TurnRecord", "end_conversation",
           "new_conversation", "start_practice"]
