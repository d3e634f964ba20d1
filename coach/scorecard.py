"""The end of a conversation: how each criterion went, what failed and where, what to practise.

Only each turn's final attempt counts; how many turns were tried again is said beside it."""

from __future__ import annotations

from pydantic import BaseModel, Field

from coach.grades import Verdict
from coach.mood import EndState
from coach.practice import Conversation
from coach.rubric import Rubric


class CriterionScore(BaseModel):
    criterion: str
    name: str
    passed: int = 0
    failed: int = 0
    not_applicable: int = 0
    unjudged: int = 0  # the offline grader could not judge it: counted apart, never as passed, failed or n/a

    @property
    def judged(self) -> int:
        return self.passed + self.failed

    @property
    def rate(self) -> float | None:
        return self.passed / self.judged if self.judged else None


class FailedTurn(BaseModel):
    turn: int  # 1-based, as the trainee counts
    criterion: str
    name: str
    quotes: list[str]
    explanation: str
    better: str | None = None


class Scorecard(BaseModel):
    conversation_id: str
    persona: str
    end: str | None
    turns: int
    score: float | None = Field(description="the replies' share and the outcome's value, weighed together, 0..1")
    replies: float | None = Field(default=None, description="weighted share of judged (passed or failed) criteria passed, 0..1")
    outcome: float | None = Field(default=None, description="what the way it ended is worth, 0..1 (None: going on)")
    outcome_share: float = 0.0  # how much of the score the outcome is
    criteria: list[CriterionScore]
    failures: list[FailedTurn]
    mood: list[int]  # the mood at the start and after every turn
    practise_next: list[str]  # names of the criteria to work on
    retries: int = 0  # turns tried again; only each turn's final attempt is counted above


def scorecard(conversation: Conversation, rubric: Rubric, lang: str = "en") -> Scorecard:
    scores = {c.id: CriterionScore(criterion=c.id, name=c.name_in(lang)) for c in rubric.criteria}
    failures = []
    for t in conversation.turns:
        for g in t.grade.criteria:
            s = scores.get(g.criterion)
            if s is None:
                continue
            if g.verdict is Verdict.PASS:
                s.passed += 1
            elif g.verdict is Verdict.FAIL:
                s.failed += 1
                failures.append(FailedTurn(turn=t.index + 1, criterion=g.criterion, name=s.name,
                                           quotes=[e.text for e in g.evidence], explanation=g.explanation,
                                           better=g.better))
            elif g.verdict is Verdict.UNJUDGED:
                s.unjudged += 1
            else:
                s.not_applicable += 1
    weights = {c.id: c.weight for c in rubric.criteria}
    judged = sum(weights[s.criterion] * s.judged for s in scores.values())
    passed = sum(weights[s.criterion] * s.passed for s in scores.values())
    replies = passed / judged if judged else None
    outcome = outcome_value(conversation, rubric)
    share = rubric.outcome.share if outcome is not None else 0.0
    score = None if replies is None else (1 - share) * replies + share * (outcome or 0.0)
    worst = sorted((s for s in scores.values() if s.failed),
                   key=lambda s: (-(s.failed * weights[s.criterion]), s.rate or 0, rubric.ids.index(s.criterion)))
    return Scorecard(
        conversation_id=conversation.id, persona=conversation.persona_name,
        end=conversation.end.value if conversation.end else None, turns=len(conversation.turns),
        score=None if score is None else round(score, 3), replies=None if replies is None else round(replies, 3),
        outcome=outcome, outcome_share=share, criteria=list(scores.values()), failures=failures,
        mood=[conversation.mood_start] + [t.mood_after for t in conversation.turns],
        practise_next=[s.name for s in worst[:3]],
        retries=sum(1 for t in [*conversation.turns, *conversation.retired] if t.attempt > 0))


def outcome_value(conversation: Conversation, rubric: Rubric) -> float | None:
    """What the way the conversation ended is worth (None while it goes on)."""
    end = conversation.end
    if end is None:
        return None
    if end is EndState.ENDED:
        return round((100 - conversation.mood) / 100, 3)
    return float(getattr(rubric.outcome, end.value))
