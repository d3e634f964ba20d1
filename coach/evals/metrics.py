"""The eval metrics, as small pure functions over grading records.

Positive class for precision/recall/F1 is "fail": a grader exists to catch mistakes.
A verdict is pass, fail, n/a or unjudged (the offline grader could not decide); a gold label is
pass, fail or n/a. A criterion applies where the gold label is pass or fail, and is judged where the
verdict is pass or fail. Unjudged is never a pass or a fail: it lowers coverage, not accuracy when
judged.
Every metric's definition is in DEFINITIONS and is printed in each report.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from itertools import combinations
from typing import Any, cast

CATEGORIES = ("pass", "fail", "n/a", "unjudged")  # what a grader may say
GOLD = ("pass", "fail", "n/a")  # what a gold label may say
APPLICABLE = ("pass", "fail")  # gold labels under which the criterion applies

DEFINITIONS = {
    "accuracy": "Share of gradings whose verdict equals the gold label (over every repeat); an unjudged verdict "
                "is not right.",
    "applicable": "Gradings whose gold label is pass or fail (the criterion applies).",
    "coverage": "Of the applicable gradings, the share the grader judged: gave pass or fail (not unjudged, not n/a).",
    "accuracy_judged": "Accuracy when judged: of the applicable gradings the grader judged (pass or fail), the share "
                       "whose verdict equals the gold label.",
    "unjudged": "Gradings the grader could not judge (it said unjudged): counted here, never as a pass or a fail.",
    "flagged_accuracy": "Flagged or not: share of gradings where the grader said fail exactly when the gold label is "
                        "fail (what a trainee sees of a prohibition: flagged, or not).",
    "precision_fail": "Fail precision: of the gradings that said fail, the share whose gold label is fail (gold n/a "
                      "included).",
    "recall_fail": "Of the gradings whose gold label is fail, the share that said fail (an unjudged one is a miss).",
    "f1_fail": "Harmonic mean of fail precision and fail recall.",
    "kappa_gold": "Cohen's kappa between verdicts and gold labels over pass/fail/n/a/unjudged: agreement beyond "
                  "chance (1 perfect, 0 chance level).",
    "retest_identical": "Share of cases whose verdict is the same in every repeat.",
    "fleiss_kappa": "Fleiss' kappa across repeats (repeats as raters, cases as subjects, pass/fail/n/a/unjudged): "
                    "consistency beyond chance; undefined when every verdict is the same category.",
    "paraphrase_flip_rate": "Pairs of cases in the same group and language (paraphrases) whose majority verdicts "
                            "differ, as a share of such pairs.",
    "language_flip_rate": "Pairs of cases in the same group but different languages (translations) whose majority "
                          "verdicts differ, as a share of such pairs, per language pair.",
    "offline_judge_agreement": "Share of gradings the offline grader judged where it and the model judge gave the "
                               "same verdict; where they differ and a gold label exists, which one it sides with. "
                               "Gradings the offline grader left unjudged are counted apart.",
    "evidence_validity": "Share of quoted spans that occur in the reply (quotes that do not are dropped).",
    "latency": "Seconds per grading, p50 and p95, over gradings that called the model (cached ones excluded).",
    "cost": "Prompt tokens counted with tiktoken before sending, prompt and completion tokens the server reported, "
            "and the estimated cost from the model's price per million tokens.",
}


def _div(a: float, b: float) -> float | None:
    return a / b if b else None


def gold_pairs(records: Iterable[dict], criterion: str) -> list[tuple[str, str]]:
    """(verdict, gold) for every grading that has a gold label for the criterion."""
    return [(r["verdicts"][criterion], r["labels"][criterion]) for r in records
            if criterion in r.get("labels", {}) and criterion in r["verdicts"] and not r.get("error")]


def agreement_with_gold(pairs: list[tuple[str, str]]) -> dict[str, Any]:
    n = len(pairs)
    tp = sum(1 for v, g in pairs if v == "fail" and g == "fail")
    fp = sum(1 for v, g in pairs if v == "fail" and g != "fail")
    fn = sum(1 for v, g in pairs if v != "fail" and g == "fail")
    precision, recall = _div(tp, tp + fp), _div(tp, tp + fn)
    f1 = (2 * precision * recall / (precision + recall)) if precision and recall else (0.0 if precision is not None
                                                                                        and recall is not None else None)
    applicable = [(v, g) for v, g in pairs if g in APPLICABLE]
    judged = [(v, g) for v, g in applicable if v in APPLICABLE]
    return {"n": n, "accuracy": _div(sum(v == g for v, g in pairs), n), "applicable": len(applicable),
            "coverage": _div(len(judged), len(applicable)),
            "accuracy_judged": _div(sum(v == g for v, g in judged), len(judged)),
            "unjudged": sum(v == "unjudged" for v, _ in pairs),
            "precision_fail": precision, "recall_fail": recall, "f1_fail": f1,
            "flagged_accuracy": _div(sum((v == "fail") == (g == "fail") for v, g in pairs), n),
            "kappa_gold": cohen_kappa(pairs), "confusion": confusion(pairs)}


def confusion(pairs: list[tuple[str, str]]) -> dict[str, dict[str, int]]:
    """confusion[gold][verdict] = count."""
    table = {g: {v: 0 for v in CATEGORIES} for g in GOLD}
    for v, g in pairs:
        table[g][v] += 1
    return table


def cohen_kappa(pairs: list[tuple[str, str]]) -> float | None:
    n = len(pairs)
    if not n:
        return None
    po = sum(v == g for v, g in pairs) / n
    pv, pg = Counter(v for v, _ in pairs), Counter(g for _, g in pairs)
    pe = sum(pv[k] * pg[k] for k in CATEGORIES) / (n * n)
    if pe == 1:
        return 1.0 if po == 1 else 0.0
    return (po - pe) / (1 - pe)


def by_case(records: Iterable[dict], criterion: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for r in sorted(records, key=lambda r: r["repeat"]):
        if not r.get("error") and criterion in r["verdicts"]:
            out[str(r["case_id"])].append(r["verdicts"][criterion])
    return out


def retest(records: list[dict], criterion: str) -> dict[str, Any]:
    cases = {c: v for c, v in by_case(records, criterion).items() if len(v) >= 2}
    identical = sum(1 for v in cases.values() if len(set(v)) == 1)
    return {"cases": len(cases), "retest_identical": _div(identical, len(cases)),
            "fleiss_kappa": fleiss_kappa(list(cases.values()))}


def fleiss_kappa(ratings: list[list[str]]) -> float | None:
    """Fleiss' kappa; every subject must have the same number of ratings (extra ones are cut)."""
    if not ratings:
        return None
    n = min(len(r) for r in ratings)
    if n < 2:
        return None
    ratings = [r[:n] for r in ratings]
    counts = [Counter(r) for r in ratings]
    p_i = [(sum(c[k] ** 2 for k in CATEGORIES) - n) / (n * (n - 1)) for c in counts]
    p_bar = sum(p_i) / len(p_i)
    p_k = [sum(c[k] for c in counts) / (len(ratings) * n) for k in CATEGORIES]
    pe = sum(p * p for p in p_k)
    if math.isclose(pe, 1.0):
        return None
    return (p_bar - pe) / (1 - pe)


def majority(verdicts: list[str]) -> str:
    tally = Counter(verdicts)
    top = max(tally.values())
    return next(v for v in verdicts if tally[v] == top)


def invariance(records: list[dict], criterion: str) -> dict[str, Any]:
    """Flip rates within groups: paraphrases (same language) and translations (per language pair)."""
    cases = by_case(records, criterion)
    # (group, language) per case; the runner records a language for every case
    info: dict[str, tuple[str | None, str]] = {str(r["case_id"]): (r.get("group"), cast(str, r.get("lang")))
                                               for r in records}
    groups: dict[str, list[str]] = defaultdict(list)
    for case_id, (group, _) in info.items():
        if group and case_id in cases:
            groups[group].append(case_id)
    para = [0, 0]
    lang_pairs: defaultdict[str, list[int]] = defaultdict(lambda: [0, 0])
    for members in groups.values():
        for a, b in combinations(sorted(members), 2):
            flipped = majority(cases[a]) != majority(cases[b])
            la, lb = info[a][1], info[b][1]
            if la == lb:
                para[0] += flipped
                para[1] += 1
            else:
                key = "-".join(sorted((la, lb)))
                lang_pairs[key][0] += flipped
                lang_pairs[key][1] += 1
    all_lang = [sum(v[0] for v in lang_pairs.values()), sum(v[1] for v in lang_pairs.values())]
    return {"paraphrase_pairs": para[1], "paraphrase_flip_rate": _div(*para),
            "language_pairs": all_lang[1], "language_flip_rate": _div(*all_lang),
            "language_flip_rate_by_pair": {k: _div(*v) for k, v in sorted(lang_pairs.items())}}


def offline_vs_judge(records: list[dict], criterion: str) -> dict[str, Any] | None:
    both = [r for r in records if r.get("judge") and criterion in r["judge"] and criterion in r.get("offline", {})]
    if not both:
        return None
    rows = [r for r in both if r["offline"][criterion] != "unjudged"]
    agree = sum(1 for r in rows if r["offline"][criterion] == r["judge"][criterion])
    sides: Counter[str] = Counter()
    for r in rows:
        o, j, g = r["offline"][criterion], r["judge"][criterion], r.get("labels", {}).get(criterion)
        if o != j and g is not None:
            sides["offline" if o == g else "judge" if j == g else "neither"] += 1
    return {"gradings": len(rows), "agreement": _div(agree, len(rows)), "gold_sides_with": dict(sides),
            "offline_unjudged": len(both) - len(rows)}


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    values = sorted(values)
    k = (len(values) - 1) * q
    lo, hi = math.floor(k), math.ceil(k)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def cost_and_latency(records: list[dict]) -> dict[str, Any]:
    usage = [u for r in records for u in r.get("usage", [])]
    latencies = [r["latency_s"] for r in records if r.get("calls", 0) > 0]
    costs = [u.get("cost_usd") for u in usage]
    return {
        "gradings": len(records), "model_calls": sum(r.get("calls", 0) for r in records),
        "cached_calls": sum(r.get("cached_calls", 0) for r in records),
        "counted_prompt_tokens": sum(u.get("counted_prompt_tokens") or 0 for u in usage),
        "count_method": next((u.get("count_method") for u in usage), None),
        "server_prompt_tokens": sum(u.get("prompt_tokens") or 0 for u in usage),
        "server_completion_tokens": sum(u.get("completion_tokens") or 0 for u in usage),
        "estimated_cost_usd": sum(c for c in costs if c is not None) if any(c is not None for c in costs) else None,
        "latency_p50_s": percentile(latencies, 0.5), "latency_p95_s": percentile(latencies, 0.95),
        "latency_mean_s": statistics.fmean(latencies) if latencies else None,
    }


def evidence_validity(records: list[dict]) -> dict[str, Any]:
    total = sum(r.get("evidence", {}).get("total", 0) for r in records)
    valid = sum(r.get("evidence", {}).get("valid", 0) for r in records)
    return {"quoted_spans": total, "valid": valid, "validity": _div(valid, total)}


def summarize(records: list[dict], criteria: list[str]) -> dict[str, Any]:
    """Every metric, per criterion and overall."""
    per = {}
    for c in criteria:
        per[c] = {**agreement_with_gold(gold_pairs(records, c)), **retest(records, c), **invariance(records, c),
                  "offline_vs_judge": offline_vs_judge(records, c)}
    everything = [p for c in criteria for p in gold_pairs(records, c)]
    overall = {**agreement_with_gold(everything)}
    retests = [per[c]["retest_identical"] for c in criteria if per[c]["retest_identical"] is not None]
    overall["retest_identical"] = statistics.fmean(retests) if retests else None
    return {"criteria": per, "overall": overall, "evidence": evidence_validity(records),
            "cost_latency": cost_and_latency(records), "errors": sum(1 for r in records if r.get("error")),
            "definitions": DEFINITIONS}
