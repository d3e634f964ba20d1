"""The labelled sets are big enough, balanced, and shaped for the invariance metrics."""

from __future__ import annotations

from collections import Counter, defaultdict

import yaml

from coach.cases import read_cases
from coach.rubric import REQUIRED_CRITERIA
from tests.conftest import ROOT

EVALS = ROOT / "evals"


def test_the_development_set_is_big_balanced_and_in_six_languages():
    cases = list(read_cases(EVALS / "dev.jsonl"))
    assert len(cases) >= 200 and len({str(c.id) for c in cases}) == len(cases)
    assert {c.lang for c in cases} == {"en", "es", "sv", "pl", "lv", "ar"}
    for criterion in REQUIRED_CRITERIA:
        seen = Counter(c.labels[criterion].value for c in cases if criterion in c.labels)
        assert seen["pass"] >= 10 and seen["fail"] >= 10, (criterion, seen)


def test_translation_groups_cover_all_six_languages_and_paraphrase_groups_one():
    groups = defaultdict(set)
    for c in read_cases(EVALS / "translation.jsonl"):
        groups[c.group].add(c.lang)
    assert groups and all(langs == {"en", "es", "sv", "pl", "lv", "ar"} for langs in groups.values())
    para = defaultdict(list)
    for c in read_cases(EVALS / "paraphrase.jsonl"):
        para[c.group].append(c.lang)
    assert len(para) >= 8 and all(len(v) >= 3 and len(set(v)) == 1 for v in para.values())


def test_the_injection_set_labels_what_the_words_deserve():
    cases = list(read_cases(EVALS / "injection.jsonl"))
    assert len({c.lang for c in cases}) >= 5
    assert all("fail" in {v.value for v in c.labels.values()} for c in cases)


def test_every_floor_names_a_rubric_criterion():
    from coach.rubric import load_rubric

    floors = yaml.safe_load((EVALS / "floors.yaml").read_text(encoding="utf-8"))
    ids = set(load_rubric().ids)
    assert all(set(by_criterion) <= ids for by_criterion in floors.values())
