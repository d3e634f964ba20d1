"""Eval metrics against values worked out by hand."""

from __future__ import annotations

import pytest

from coach.evals import metrics


def rec(case, repeat, verdict, gold=None, lang="en", group=None, offline=None, judge=None):
    r = {"case_id": case, "repeat": repeat, "lang": lang, "group": group, "verdicts": {"c": verdict},
         "labels": {"c": gold} if gold else {}}
    if offline is not None:
        r["offline"], r["judge"] = {"c": offline}, {"c": judge}
    return r


def test_agreement_with_gold_by_hand():
    # verdict/gold: fail/fail, fail/pass, pass/fail, pass/pass, n/a/n/a, fail/fail
    pairs = [("fail", "fail"), ("fail", "pass"), ("pass", "fail"), ("pass", "pass"), ("n/a", "n/a"), ("fail", "fail")]
    m = metrics.agreement_with_gold(pairs)
    assert m["accuracy"] == pytest.approx(4 / 6)
    assert m["precision_fail"] == pytest.approx(2 / 3)  # TP 2, FP 1
    assert m["recall_fail"] == pytest.approx(2 / 3)  # TP 2, FN 1
    assert m["f1_fail"] == pytest.approx(2 / 3)
    # po = 4/6; verdicts: fail 3, pass 2, n/a 1; gold: fail 3, pass 2, n/a 1 -> pe = (9 + 4 + 1) / 36
    assert m["kappa_gold"] == pytest.approx((4 / 6 - 14 / 36) / (1 - 14 / 36))
    assert m["confusion"]["fail"] == {"pass": 1, "fail": 2, "n/a": 0, "unjudged": 0}


def test_coverage_and_accuracy_when_judged_on_a_small_hand_made_run():
    """Ten gradings of one criterion. Gold fail: fail, unjudged, pass, fail. Gold pass: pass,
    unjudged, unjudged, n/a. Gold n/a: fail (a false alarm), n/a."""
    pairs = [("fail", "fail"), ("unjudged", "fail"), ("pass", "fail"), ("fail", "fail"),
             ("pass", "pass"), ("unjudged", "pass"), ("unjudged", "pass"), ("n/a", "pass"),
             ("fail", "n/a"), ("n/a", "n/a")]
    m = metrics.agreement_with_gold(pairs)
    assert m["n"] == 10 and m["applicable"] == 8 and m["unjudged"] == 3
    # applicable (gold pass or fail): the first eight; judged (said pass or fail): fail, pass, fail, pass
    assert m["coverage"] == pytest.approx(4 / 8)  # three unjudged and one n/a were not judged
    assert m["accuracy_judged"] == pytest.approx(3 / 4)  # the pass on a gold fail is the one wrong judgement
    assert m["accuracy"] == pytest.approx(4 / 10)  # an unjudged verdict is not right, nor counted a pass or fail
    assert m["precision_fail"] == pytest.approx(2 / 3)  # the fail on gold n/a counts against it
    assert m["recall_fail"] == pytest.approx(2 / 4)  # the unjudged gold fail was not caught
    # flagged or not: right on the two caught fails and the five non-fails left unflagged; wrong on the
    # two missed fails and the false alarm
    assert m["flagged_accuracy"] == pytest.approx(7 / 10)
    assert m["confusion"]["pass"] == {"pass": 1, "fail": 0, "n/a": 1, "unjudged": 2}
    assert "unjudged" not in m["confusion"]  # a gold label is never unjudged


def test_unjudged_counts_apart_from_the_offline_judge_agreement():
    records = [rec("a", 0, "pass", "pass", offline="unjudged", judge="pass"),
               rec("b", 0, "fail", "fail", offline="fail", judge="fail"),
               rec("c", 0, "pass", "fail", offline="fail", judge="pass")]
    ovj = metrics.offline_vs_judge(records, "c")
    assert ovj["gradings"] == 2 and ovj["agreement"] == pytest.approx(1 / 2) and ovj["offline_unjudged"] == 1


def test_fleiss_kappa_by_hand():
    # 3 cases, 3 repeats: [f,f,f], [f,f,p], [p,p,p]
    ratings = [["fail"] * 3, ["fail", "fail", "pass"], ["pass"] * 3]
    # P_i = 1, (4+1-3)/6 = 1/3, 1 -> P̄ = 7/9; p_fail = 5/9, p_pass = 4/9 -> P̄e = 41/81
    expected = (7 / 9 - 41 / 81) / (1 - 41 / 81)
    assert metrics.fleiss_kappa(ratings) == pytest.approx(expected)
    assert metrics.fleiss_kappa([["pass", "pass"], ["pass", "pass"]]) is None  # undefined, not a crash


def test_retest_and_invariance_by_hand():
    records = [
        rec("a", 0, "fail", group="g1"), rec("a", 1, "fail", group="g1"),
        rec("b", 0, "fail", group="g1"), rec("b", 1, "pass", group="g1"),  # flips across repeats
        rec("c", 0, "pass", group="g1", lang="pl"), rec("c", 1, "pass", group="g1", lang="pl"),
        rec("d", 0, "pass"), rec("d", 1, "pass"),
    ]
    r = metrics.retest(records, "c")
    assert r["cases"] == 4 and r["retest_identical"] == pytest.approx(3 / 4)
    inv = metrics.invariance(records, "c")
    # majorities: a fail, b fail (tie -> first repeat), c pass; en pair (a,b) same; en-pl pairs (a,c), (b,c) flip
    assert inv["paraphrase_pairs"] == 1 and inv["paraphrase_flip_rate"] == 0
    assert inv["language_pairs"] == 2 and inv["language_flip_rate"] == 1.0
    assert inv["language_flip_rate_by_pair"] == {"en-pl": 1.0}


def test_offline_versus_judge_by_hand():
    records = [rec("a", 0, "fail", "fail", offline="fail", judge="pass"),
               rec("b", 0, "pass", "pass", offline="fail", judge="pass"),
               rec("c", 0, "pass", "fail", offline="pass", judge="pass"),
               rec("d", 0, "pass", None, offline="n/a", judge="pass")]
    m = metrics.offline_vs_judge(records, "c")
    assert m["agreement"] == pytest.approx(1 / 4)
    assert m["gold_sides_with"] == {"offline": 1, "judge": 1}


def test_cost_latency_and_evidence():
    records = [{"calls": 1, "latency_s": 0.2, "usage": [{"counted_prompt_tokens": 100, "prompt_tokens": 110,
                                                         "completion_tokens": 20, "cost_usd": 0.001}],
                "evidence": {"total": 3, "valid": 2}},
               {"calls": 1, "latency_s": 0.4, "usage": [{"counted_prompt_tokens": 50, "prompt_tokens": 55,
                                                         "completion_tokens": 10, "cost_usd": 0.002}],
                "evidence": {"total": 1, "valid": 1}},
               {"calls": 0, "cached_calls": 1, "latency_s": 0.001, "usage": [], "evidence": {"total": 0, "valid": 0}}]
    c = metrics.cost_and_latency(records)
    assert c["counted_prompt_tokens"] == 150 and c["server_prompt_tokens"] == 165 and c["server_completion_tokens"] == 30
    assert c["estimated_cost_usd"] == pytest.approx(0.003) and c["model_calls"] == 2 and c["cached_calls"] == 1
    assert c["latency_p50_s"] == pytest.approx(0.3) and c["latency_p95_s"] == pytest.approx(0.39)
    assert metrics.evidence_validity(records)["validity"] == pytest.approx(3 / 4)
