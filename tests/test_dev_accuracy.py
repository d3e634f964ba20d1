"""The offline grader agrees with the development set's labels at least as well as recorded."""

from __future__ import annotations

from collections import Counter

import pytest
import yaml

from coach.cases import read_cases
from tests.conftest import ROOT

FLOORS = yaml.safe_load((ROOT / "evals" / "floors.yaml").read_text(encoding="utf-8"))["offline"]


@pytest.fixture(scope="module")
def accuracy(grader):
    right, total = Counter(), Counter()
    for case in read_cases(ROOT / "evals" / "dev.jsonl"):
        verdicts = grader.grade_case(case).verdicts()
        for criterion, label in case.labels.items():
            total[criterion] += 1
            right[criterion] += verdicts[criterion] == label.value
    return {c: right[c] / total[c] for c in total}


def test_the_development_set_is_big_and_balanced():
    cases = list(read_cases(ROOT / "evals" / "dev.jsonl"))
    assert len(cases) >= 200
    assert {c.lang for c in cases} == {"en", "es", "sv", "pl", "lv", "ar"}
    for criterion in FLOORS:
        seen = Counter(c.labels[criterion].value for c in cases if criterion in c.labels)
        assert seen["pass"] >= 10 and seen["fail"] >= 10, (criterion, seen)


@pytest.mark.parametrize("criterion", sorted(FLOORS))
def test_accuracy_stays_above_its_floor(accuracy, criterion):
    assert accuracy[criterion] >= FLOORS[criterion], f"{criterion}: {accuracy[criterion]:.3f} < {FLOORS[criterion]}"
