"""Grading a reply inside a conversation, for the tests of the seven conversation criteria."""

from __future__ import annotations

from coach.cases import Turn
from coach.grades import CriterionGrade, Verdict

PASS, FAIL, NA, UNJUDGED = Verdict.PASS, Verdict.FAIL, Verdict.NA, Verdict.UNJUDGED


def turns(*messages: str) -> list[Turn]:
    """Messages oldest first, the customer's and the trainee's in turn, starting with the customer."""
    return [Turn(role="customer" if i % 2 == 0 else "trainee", content=m) for i, m in enumerate(messages)]


def graded(grader, criterion: str, lang: str, reply: str, *conversation: str, name: str | None = None) -> CriterionGrade:
    return grader.grade(reply, lang=lang, customer_name=name, context=turns(*conversation)).get(criterion)


def outcome(grade: CriterionGrade) -> Verdict:
    """pass / fail / n/a, or unjudged when the offline grader abstains."""
    return grade.verdict
