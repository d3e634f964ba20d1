"""The offline grader's one mapping: a check that cannot judge gives the outcome "unjudged"."""

from __future__ import annotations

from coach.cases import read_cases
from coach.grades import Verdict
from coach.offline import OfflineGrader
from coach.offline.checks import CANNOT_JUDGE
from tests.conftest import EVALS


def test_cannot_judge_is_unjudged_and_unjudged_is_only_cannot_judge(grader):
    grades = [grader.grade_case(case) for name in ("dev.jsonl", "paraphrase.jsonl")
              for case in read_cases(EVALS / name)]
    verdicts = [(g.verdict, g.reason) for grade in grades for g in grade.criteria]
    assert any(v is Verdict.UNJUDGED for v, _ in verdicts)  # the set has replies the grader leaves to a model
    assert all((v is Verdict.UNJUDGED) == (reason == CANNOT_JUDGE) for v, reason in verdicts)


def test_a_criterion_without_an_offline_check_is_unjudged_in_every_language(unchecked_rubric):
    _, rubric = unchecked_rubric
    grader = OfflineGrader(rubric)
    for lang, reply in (("en", "Thanks for waiting, I'm on it."), ("pl", "Dziękuję, już to sprawdzam."),
                        ("ar", "شكراً لانتظارك، سأتحقق من ذلك الآن.")):
        warm = grader.grade(reply, lang=lang).get("warm_tone")
        assert warm.verdict is Verdict.UNJUDGED and warm.reason == CANNOT_JUDGE and not warm.evidence


def test_an_empty_reply_is_not_applicable_not_unjudged(grader):
    assert set(grader.grade("   ", lang="en").verdicts().values()) == {"n/a"}
