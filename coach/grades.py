"""What a grader says about one reply: a verdict per criterion, and why."""

from __future__ import annotations

from enum import Enum
from typing import Literal

from pydantic import BaseModel, Field, model_validator

from coach.notices import Notice


class Verdict(str, Enum):
    """pass / fail: judged. n/a: the criterion does not apply to this reply. unjudged: it applies,
    or might, but the offline grader cannot decide it; a model is needed. Unjudged is never shown
    or counted as a pass, a fail or an n/a."""

    PASS = "pass"
    FAIL = "fail"
    NA = "n/a"
    UNJUDGED = "unjudged"

    @property
    def judged(self) -> bool:
        return self in (Verdict.PASS, Verdict.FAIL)


LABELS = (Verdict.PASS, Verdict.FAIL, Verdict.NA)  # what a gold label or a trainer's verdict may say


class Evidence(BaseModel):
    """An exact span of the reply; `reply[start:end] == text` always holds."""

    text: str
    start: int
    end: int


class TrainerReview(BaseModel):
    """A trainer's verdict on a grade: a correction (a different verdict) or a confirmation.
    The grader's own verdict stays in `original`; the record of the turn is never rewritten."""

    original: Verdict
    verdict: Verdict
    comment: str
    reviewer: str  # the trainer's name
    at: str

    @property
    def corrected(self) -> bool:
        return self.verdict != self.original


class CriterionGrade(BaseModel):
    criterion: str
    verdict: Verdict
    explanation: str  # in English; `reason` lets a page say it in the reader's language
    reason: str | None = None  # the offline check's reason key (the rubric explains it per language)
    params: dict[str, str] = Field(default_factory=dict)  # the slots the reason's text fills
    evidence: list[Evidence] = Field(default_factory=list)
    better: str | None = None
    # "high": a phrase the grader is built to catch (an LLM judge may not overturn it);
    # "low": a default or a judgment call.
    confidence: Literal["high", "low"] = "low"
    source: Literal["offline", "judge", "combined"] = "offline"
    disagreement: str | None = None  # what the other grader said, when it differed
    offline: Verdict | None = None  # what each grader said, when both graded (combined grades)
    judge: Verdict | None = None
    unsupported: bool = False  # a judge fail whose quotes are none of them in the reply
    review: TrainerReview | None = None  # a trainer's correction or confirmation (the verdict above follows it)

    @model_validator(mode="before")
    @classmethod
    def _undecided_is_unjudged(cls, data: object) -> object:
        """Grades saved before the unjudged outcome said n/a with `undecided: true`."""
        if isinstance(data, dict) and "undecided" in data:
            data = dict(data)
            if data.pop("undecided") and data.get("verdict") in ("n/a", Verdict.NA):
                data["verdict"] = Verdict.UNJUDGED
        return data


class CallUsage(BaseModel):
    """What one model call cost: tokens (counted here and reported by the server), money, time."""

    model: str
    purpose: str
    counted_prompt_tokens: int
    count_method: str
    prompt_tokens: int | None = None  # as the server reported
    completion_tokens: int | None = None
    cost_usd: float | None = None  # None when the model's price is unknown
    latency_s: float = 0.0
    mode: str | None = None  # json_schema, json_object or prompt
    attempts: int = 0
    evidence_dropped: int = 0


class Grade(BaseModel):
    """All criteria for one reply, in rubric order."""

    lang: str
    engine: str
    criteria: list[CriterionGrade]
    notices: list[Notice] = Field(default_factory=list)
    usage: list[CallUsage] = Field(default_factory=list)

    def verdicts(self) -> dict[str, str]:
        return {g.criterion: g.verdict.value for g in self.criteria}

    def get(self, criterion_id: str) -> CriterionGrade:
        for g in self.criteria:
            if g.criterion == criterion_id:
                return g
        raise KeyError(criterion_id)
