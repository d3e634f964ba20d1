"""What a grader says about one reply: a verdict per criterion, and why."""

from __future__ import annotations

from enum import Enum
from typing import Literal

from pydantic import BaseModel, Field


class Verdict(str, Enum):
    PASS = "pass"
    FAIL = "fail"
    NA = "n/a"


class Evidence(BaseModel):
    """An exact span of the reply; `reply[start:end] == text` always holds."""

    text: str
    start: int
    end: int


class CriterionGrade(BaseModel):
    criterion: str
    verdict: Verdict
    explanation: str
    evidence: list[Evidence] = Field(default_factory=list)
    better: str | None = None
    # "high": a phrase the grader is built to catch (an LLM judge may not overturn it);
    # "low": a default or a judgment call.
    confidence: Literal["high", "low"] = "low"
    source: Literal["offline", "judge", "combined"] = "offline"


class Grade(BaseModel):
    """All criteria for one reply, in rubric order."""

    lang: str
    engine: str
    criteria: list[CriterionGrade]
    notices: list[str] = Field(default_factory=list)

    def verdicts(self) -> dict[str, str]:
        return {g.criterion: g.verdict.value for g in self.criteria}

    def get(self, criterion_id: str) -> CriterionGrade:
        for g in self.criteria:
            if g.criterion == criterion_id:
                return g
        raise KeyError(criterion_id)
