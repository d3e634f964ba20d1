"""The customer's mood: a number the trainee sees, moved by what their reply did.

Deterministic given the grades: each turn adds the persona's drift, adds its trigger
amount for every failed criterion and subtracts its calmer amount for every passed
one. The persona's thresholds turn the number into an end state.
"""

from __future__ import annotations

from enum import Enum

from pydantic import BaseModel

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
    amount: int  # signed change to the mood


class MoodChange(BaseModel):
    before: int
    after: int
    reasons: list[MoodReason]
    band: str
    abusive: bool
    end: EndState | None = None

    @property
    def delta(self) -> int:
        return self.after - self.before


BANDS = ((35, "calm"), (60, "annoyed"), (101, "angry"))


def band(persona: Persona, mood: int) -> str:
    if persona.abuse and mood >= persona.abuse.starts_at:
        return "abusive"
    return next(name for limit, name in BANDS if mood < limit)


class MoodTracker:
    def __init__(self, persona: Persona):
        self.persona = persona
        self.mood = persona.mood.start
        self.hot_turns = 0  # turns in a row at or above escalate_at
        self.boundaries = 0  # boundaries set while the customer was abusive
        self.end: EndState | None = None

    @property
    def band(self) -> str:
        return band(self.persona, self.mood)

    @property
    def abusive(self) -> bool:
        return self.band == "abusive"

    def reasons(self, grade: Grade) -> list[MoodReason]:
        out = []
        for g in grade.criteria:
            if g.verdict is Verdict.FAIL and g.criterion in self.persona.triggers:
                out.append(MoodReason(criterion=g.criterion, verdict=g.verdict, amount=self.persona.triggers[g.criterion]))
            elif g.verdict is Verdict.PASS and g.criterion in self.persona.calmers:
                out.append(MoodReason(criterion=g.criterion, verdict=g.verdict, amount=-self.persona.calmers[g.criterion]))
        return sorted(out, key=lambda r: -abs(r.amount))

    def update(self, grade: Grade) -> MoodChange:
        """Apply one graded reply; the customer reacts to the mood this returns."""
        p, m = self.persona, self.persona.mood
        was_abusive = self.abusive
        reasons = self.reasons(grade)
        before = self.mood
        self.mood = max(0, min(100, before + m.drift + sum(r.amount for r in reasons)))
        end = None
        if was_abusive and p.abuse:
            try:
                boundary = grade.get("set_boundaries").verdict is Verdict.PASS
            except KeyError:
                boundary = False
            self.boundaries += boundary
            if self.boundaries >= p.abuse.release_after_boundaries:
                end = EndState.RELEASED
        self.hot_turns = self.hot_turns + 1 if m.escalate_at is not None and self.mood >= m.escalate_at else 0
        if end is None and m.walk_out_at is not None and self.mood >= m.walk_out_at:
            end = EndState.WALKED_OUT
        if end is None and m.escalate_at is not None and self.hot_turns >= m.escalate_after:
            end = EndState.ESCALATED
        if end is None and m.resolved_at is not None and self.mood <= m.resolved_at:
            end = EndState.RESOLVED
        self.end = end
        return MoodChange(before=before, after=self.mood, reasons=reasons, band=self.band, abusive=self.abusive, end=end)
