"""The verdict vocabulary: pass, fail, n/a, and unjudged (the offline grader cannot decide)."""

from __future__ import annotations

import json

from coach.grades import LABELS, Grade, Verdict


def test_only_pass_and_fail_are_judged_and_unjudged_is_never_a_label():
    assert [v for v in Verdict if v.judged] == [Verdict.PASS, Verdict.FAIL]
    assert Verdict.UNJUDGED.value == "unjudged" and Verdict.UNJUDGED not in LABELS


def test_grades_saved_before_the_unjudged_outcome_read_as_unjudged():
    """Older records said n/a with `undecided: true` for what the offline grader could not judge."""
    saved = {"lang": "en", "engine": "offline", "criteria": [
        {"criterion": "own_it", "verdict": "n/a", "explanation": "needs a model", "reason": "cannot_judge",
         "undecided": True},
        {"criterion": "set_boundaries", "verdict": "n/a", "explanation": "not abusive", "undecided": False},
        {"criterion": "no_yes_but", "verdict": "pass", "explanation": "fine"}]}
    grade = Grade.model_validate_json(json.dumps(saved))
    assert grade.verdicts() == {"own_it": "unjudged", "set_boundaries": "n/a", "no_yes_but": "pass"}
    assert "undecided" not in grade.model_dump_json()
