"""`coach eval score`: coverage, accuracy when judged and fail precision per criterion, offline engine,
worked out by hand on a small set, and never a word of the cases printed."""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_coach

CASES = [  # personalize: the customer's name is known; warm_tone has no offline check (always unjudged)
    {"id": 1, "lang": "en", "customer_name": "Anna", "reply": "Anna, I'll check it now.",
     "labels": {"personalize": "pass", "warm_tone": "pass"}},
    {"id": 2, "lang": "en", "customer_name": "Anna", "reply": "Please wait.",
     "labels": {"personalize": "fail", "warm_tone": "fail"}},
    {"id": 3, "lang": "pl", "customer_name": "Anna Nowak", "reply": "Proszę czekać.",  # gold n/a: a false alarm
     "labels": {"personalize": "n/a", "warm_tone": "n/a"}},
    {"id": 4, "lang": "pl", "customer_name": "Anna Nowak", "context": [{"role": "customer", "content": "Gdzie?"}],
     "reply": "Pani Anno, sprawdzę to.", "labels": {"personalize": "pass"}},
]


@pytest.fixture()
def probe(tmp_path):
    path = tmp_path / "probe.jsonl"
    path.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in CASES[:2]), encoding="utf-8")
    more = tmp_path / "probe-pl.jsonl"
    more.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in CASES[2:]), encoding="utf-8")
    return path, more


def test_the_measures_by_hand_over_several_files_and_by_language(probe, unchecked_rubric):
    rubric_path, _ = unchecked_rubric
    result = run_coach("eval", "score", *map(str, probe), "--by-lang", "--json", "--rubric", str(rubric_path))
    assert result.returncode == 0, result.stderr
    scored = json.loads(result.stdout)
    assert scored["cases"] == 4 and scored["engine"] == "offline" and scored["bad_lines"] == []
    p = scored["criteria"]["personalize"]
    assert (p["n"], p["applicable"], p["coverage"], p["accuracy_judged"]) == (4, 3, 1.0, 1.0)
    assert (p["fails_said"], p["precision_fail"], p["recall_fail"]) == (2, 0.5, 1.0)  # case 3 is a false alarm
    assert p["flagged_accuracy"] == pytest.approx(3 / 4)
    w = scored["criteria"]["warm_tone"]
    assert (w["n"], w["applicable"], w["coverage"], w["accuracy_judged"], w["unjudged"]) == (3, 2, 0.0, None, 3)
    assert (w["precision_fail"], w["recall_fail"]) == (None, 0.0)
    assert w["flagged_accuracy"] == pytest.approx(2 / 3)  # the missed gold fail is the one wrong
    assert set(scored["criteria"]) == {"personalize", "warm_tone"}  # only what is labelled
    by_lang = scored["by_lang"]
    assert (by_lang["en"]["cases"], by_lang["pl"]["cases"]) == (2, 2)
    assert by_lang["en"]["criteria"]["personalize"]["precision_fail"] == 1.0
    assert by_lang["pl"]["criteria"]["personalize"]["precision_fail"] == 0.0


def test_one_line_per_criterion_and_no_case_text(probe, unchecked_rubric, tmp_path):
    rubric_path, _ = unchecked_rubric
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 9, "reply": "Secret words of a held-out case", "lang": "xx"}\n', encoding="utf-8")
    result = run_coach("eval", "score", *map(str, probe), str(bad), "--rubric", str(rubric_path))
    assert result.returncode == 1  # a line that is not a case is said, and the rest still scored
    assert result.stderr.strip() == f"coach: {bad}:1: not a valid case; not scored"
    lines = result.stdout.splitlines()
    assert lines[0].startswith("4 cases from 3 files")
    personalize = next(line for line in lines if line.startswith("personalize "))
    assert personalize.split() == ["personalize", "3", "100.0%", "1.000", "0.500", "1.000", "0.750"]
    warm = next(line for line in lines if line.startswith("warm_tone "))
    assert warm.split() == ["warm_tone", "2", "0.0%", "–", "–", "0.000", "0.667"]
    for text in [c["reply"] for c in CASES] + ["Anna", "Gdzie", "Secret"]:
        assert text not in result.stdout + result.stderr
