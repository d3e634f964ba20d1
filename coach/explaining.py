"""What a criterion's grade says, in the reader's language.

The offline grader records a reason key and its slots; the rubric holds the text for each reason
per language (a trainer can reword it), and the page's catalog holds the few reasons that belong to
no criterion. A model judge's explanation is its own text and is shown as it came."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coach.i18n import has, t

if TYPE_CHECKING:
    from coach.grades import CriterionGrade
    from coach.rubric import Rubric


def explain(grade: CriterionGrade, lang: str, rubric: Rubric) -> str:
    if grade.reason is None:
        return grade.explanation
    return reason_text(rubric, grade.criterion, grade.reason, grade.params, lang) or grade.explanation or grade.reason


def reason_text(rubric: Rubric, criterion: str, reason: str, params: dict[str, str], lang: str) -> str | None:
    """The rubric's words for a check's reason, else the catalog's (reasons no criterion owns)."""
    text = rubric.explanation(criterion, reason, lang, params)
    if text is not None:
        return text
    key = f"explain.{reason}"
    return t(key, lang, **params) if has(key) else None
