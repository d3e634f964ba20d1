"""`coach eval score`: how a set of labelled cases fares, as a trainee sees it, offline engine.

Numbers only, one line per criterion: held-out sets are scored without anyone reading them, so no
case's words are ever printed. The measures are the eval reports' (coach.evals.metrics)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from coach.cases import Case, read_cases_lines
from coach.engines import OfflineEngine, grade_cases
from coach.errors import CoachError
from coach.evals.metrics import agreement_with_gold, gold_pairs
from coach.rubric import Rubric

MEASURES = ("n", "applicable", "coverage", "accuracy_judged", "precision_fail", "recall_fail", "flagged_accuracy",
            "accuracy", "unjudged")
COLUMNS = (("applicable", "applicable", "d"), ("coverage", "coverage", "%"), ("accuracy_judged", "acc. judged", "f"),
           ("precision_fail", "fail prec.", "f"), ("recall_fail", "fail recall", "f"),
           ("flagged_accuracy", "flagged", "f"))


def _measures(records: list[dict], criteria: Iterable[str]) -> dict[str, dict[str, Any]]:
    out = {}
    for c in criteria:
        m = agreement_with_gold(gold_pairs(records, c))
        if m["n"]:
            out[c] = {k: m[k] for k in MEASURES} | {"fails_said": sum(row["fail"] for row in m["confusion"].values())}
    return out


def score(paths: list[Path], rubric: Rubric, by_lang: bool = False) -> dict[str, Any]:
    """Grade every case of the files (offline engine, the one grading path) and measure each labelled
    criterion; `bad_lines` names lines that are not valid cases (file and line, no content)."""
    cases: list[Case] = []
    bad: list[str] = []
    for path in paths:
        for line, case in read_cases_lines(path):
            if isinstance(case, Case):
                cases.append(case)
            else:
                bad.append(f"{path}:{line}")
    if not cases:
        raise CoachError(f"no valid cases in {', '.join(map(str, paths))}")
    grades = asyncio.run(grade_cases(OfflineEngine(rubric), cases))
    records = [{"verdicts": g.verdicts(), "labels": {k: v.value for k, v in case.labels.items()}, "lang": g.lang}
               for case, g in zip(cases, grades, strict=True)]
    result: dict[str, Any] = {"engine": "offline", "files": [str(p) for p in paths], "cases": len(cases),
                              "bad_lines": bad, "criteria": _measures(records, rubric.ids)}
    if by_lang:
        langs = sorted({str(r["lang"]) for r in records})
        result["by_lang"] = {lang: {"cases": sum(r["lang"] == lang for r in records),
                                    "criteria": _measures([r for r in records if r["lang"] == lang], rubric.ids)}
                             for lang in langs}
    return result


def _cell(value: Any, kind: str) -> str:
    if value is None:
        return "–"
    return f"{value:d}" if kind == "d" else f"{value:.1%}" if kind == "%" else f"{value:.3f}"


def _table(criteria: dict[str, dict[str, Any]]) -> list[str]:
    lines = [f"{'criterion':<26}" + "".join(f"{label:>12}" for _, label, _ in COLUMNS)]
    for c, m in criteria.items():
        lines.append(f"{c:<26}" + "".join(f"{_cell(m[k], kind):>12}" for k, _, kind in COLUMNS))
    return lines


def score_text(result: dict[str, Any]) -> str:
    files = len(result["files"])
    lines = [f"{result['cases']} cases from {files} file{'s' * (files != 1)}, offline engine, as a trainee sees it",
             *_table(result["criteria"])]
    for lang, part in result.get("by_lang", {}).items():
        lines += ["", f"{lang}: {part['cases']} cases", *_table(part["criteria"])]
    lines += ["", "applicable: gold pass or fail; coverage: applicable cases given a verdict (not unjudged); "
                  "acc. judged: right when judged; fail prec.: gold fail of the fails given (gold n/a included); "
                  "flagged: failed exactly when gold fail"]
    return "\n".join(lines)
