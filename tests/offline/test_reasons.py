"""Every reason the offline grader gives is explained by the rubric in all six languages, and every
quote on every labelled case is an exact slice of the reply that starts and ends on a word."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.cases import read_cases
from coach.languages import LANGUAGES

EVALS = Path(__file__).resolve().parents[2] / "evals"
CASE_FILES = sorted((EVALS / "probes").glob("*.jsonl")) + [EVALS / "dev.jsonl"]


@pytest.fixture(scope="module")
def grades(grader):
    return [(case, grader.grade_case(case)) for path in CASE_FILES for case in read_cases(path)]


def test_every_reason_given_is_explained_in_every_language(grades, rubric):
    given = {(g.criterion, g.reason) for _, grade in grades for g in grade.criteria}
    unexplained = [(criterion, reason, lang) for criterion, reason in sorted(given) for lang in LANGUAGES
                   if reason not in rubric.get(criterion).explanations
                   or lang not in rubric.get(criterion).explanations[reason]]
    assert unexplained == []
    assert len(given) > 40  # the labelled cases reach most of the reasons


def test_every_quote_is_exact_and_on_word_boundaries(grades):
    cut = []
    for case, grade in grades:
        reply = case.reply
        for g in grade.criteria:
            for e in g.evidence:
                assert reply[e.start:e.end] == e.text
                if (e.start > 0 and reply[e.start - 1].isalnum() and reply[e.start].isalnum()) or (
                        e.end < len(reply) and reply[e.end - 1].isalnum() and reply[e.end].isalnum()):
                    cut.append((case.id, g.criterion))
    assert cut == []
