"""The customer's mood: a number the trainee sees, moved by what their reply did.

Deterministic given the grades: each turn adds the persona's drift, adds its trigger
amount for every failed criterion and subtracts its calmer amount for every passed one.
The persona's thresholds turn the number into an end state.

The state after each turn is an immutable value saved on the turn, so a conversation can
be resumed, and a turn retried, from exactly the state it had before.
"""

from __future__ import annotations

from enum import Enum

from pydantic import BaseModel, ConfigDict

from coach.grades import Grade, Verdict
from coach.personas import Persona


class EndState(str, Enum):
    RESOLVED = "resolved"
    WALKED_OUT = "walked_out"
    ESCALATED = "escalated"
    RELEASED = "released"  # the trainee ended an abusive call after setting boundaries
    ENDED = "ended_by_trainee"

    @property
    def label(self) -> str:
        return {"resolved": "Resolved", "walked_out": "Walked out / hung up", "escalated": "Escalated to a supervisor",
                "released": "Released for abuse", "ended_by_trainee": "Ended by the trainee"}[self.value]


class MoodReason(BaseModel):
    criterion: str
    verdict: Verdict
    amount: int  # signed change to the mood; criterion "drift" is the persona's per-turn drift


class MoodState(BaseModel):
    """Everything the mood model remembers between turns."""

    model_config = ConfigDict(frozen=True)

    mood: int
    hot_turns: int = 0  # turns in a row at or above escalate_at
    boundaries: int = 0  # boundaries set while the customer was abusive
    end: EndState | None = None


class MoodChange(BaseModel):
    before: int
    after: int
    reasons: list[MoodReason]
    band: str
    abusive: bool
    end: EndState | None = None
    state: MoodState | None = None  # the state after this turn

    @property
    def delta(self) -> int:
        return self.after - self.before


BANDS = ((35, "calm"), (60, "annoyed"), (101, "angry"))
DRIFT = "drift"


def band(persona: Persona, mood: int) -> str:
    if persona.abuse and mood >= persona.abuse.starts_at:
        return "abusive"
    return next(name for limit, name in BANDS if mood < limit)


def initial(persona: Persona) -> MoodState:
    return MoodState(mood=persona.mood.start)


def reasons(persona: Persona, grade: Grade) -> list[MoodReason]:
    """What moved the mood this turn, largest first; the drift is one of them, so they add up."""
    out = []
    for g in grade.criteria:
        if g.verdict is Verdict.FAIL and g.criterion in persona.triggers:
            out.append(MoodReason(criterion=g.criterion, verdict=g.verdict, amount=persona.triggers[g.criterion]))
        elif g.verdict is Verdict.PASS and g.criterion in persona.calmers:
            out.append(MoodReason(criterion=g.criterion, verdict=g.verdict, amount=-persona.calmers[g.criterion]))
    out.sort(key=lambda r: -abs(r.amount))
    if persona.mood.drift:
        out.append(MoodReason(criterion=DRIFT, verdict=Verdict.NA, amount=persona.mood.drift))
    return out


def advance(persona: Persona, state: MoodState, grade: Grade) -> MoodChange:
    """The mood change one graded reply causes, and the state after it (nothing is mutated)."""
    m = persona.mood
    was_abusive = band(persona, state.mood) == "abusive"
    moved = reasons(persona, grade)
    boundary = False
    if was_abusive and persona.abuse:
        try:
            boundary = grade.get("set_boundaries").verdict is Verdict.PASS
        except KeyError:
            boundary = False
    step = sum(r.amount for r in moved)
    # one reply moves the mood at most max_step; a calm boundary set on abuse never inflames it
    limited = max(-m.max_step, min(0 if boundary else m.max_step, step))
    raw = state.mood + step
    after = max(0, min(100, state.mood + limited))
    if after != raw and moved:  # held back by the step limit or the scale: say by how much, so reasons add up
        moved.append(MoodReason(criterion="limit", verdict=Verdict.NA, amount=after - raw))
    end = None
    boundaries = state.boundaries + boundary
    if was_abusive and persona.abuse and boundaries >= persona.abuse.release_after_boundaries:
        end = EndState.RELEASED
    hot = state.hot_turns + 1 if m.escalate_at is not None and after >= m.escalate_at else 0
    if end is None and m.walk_out_at is not None and after >= m.walk_out_at:
        end = EndState.WALKED_OUT
    if end is None and m.escalate_at is not None and hot >= m.escalate_after:
        end = EndState.ESCALATED
    if end is None and m.resolved_at is not None and after <= m.resolved_at:
        end = EndState.RESOLVED
    new = MoodState(mood=after, hot_turns=hot, boundaries=boundaries, end=end)
    current = band(persona, after)
    return MoodChange(before=state.mood, after=after, reasons=moved, band=current, abusive=current == "abusive",
                      end=end, state=new)


class MoodTracker:
    """The mood as it moves over a conversation (for the persona test harness and tests)."""

    def __init__(self, persona: Persona, state: MoodState | None = None):
        self.persona = persona
        self.state = state or initial(persona)

    @property
    def mood(self) -> int:
        return self.state.mood

    @property
    def band(self) -> str:
        return band(self.persona, self.state.mood)

    @property
    def abusive(self) -> bool:
        return self.band == "abusive"

    @property
    def end(self) -> EndState | None:
        return self.state.end

    def update(self, grade: Grade) -> MoodChange:
        change = advance(self.persona, self.state, grade)
        assert change.state is not None
        self.state = change.state
        return change
