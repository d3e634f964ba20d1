"""Grades as text a person reads in a terminal, and as the public JSON record."""

from __future__ import annotations

from typing import Any

from coach.explaining import explain
from coach.grades import Grade, Verdict
from coach.i18n import t
from coach.rubric import Rubric

SYMBOL = {Verdict.PASS: "✓", Verdict.FAIL: "✗", Verdict.NA: "·", Verdict.UNJUDGED: "?"}
LABEL = {Verdict.PASS: "verdict.pass", Verdict.FAIL: "verdict.fail", Verdict.NA: "verdict.na",
         Verdict.UNJUDGED: "verdict.unjudged"}


def grade_text(grade: Grade, rubric: Rubric, *, show_na: bool = True, lang: str = "en") -> str:
    """`lang`: the reader's language for the verdicts, the criteria's names and the offline grader's
    explanations (a model judge's explanation is shown as it came)."""
    lines = [f"Graded by the {grade.engine} engine · language: {grade.lang}"]
    lines += [f"! {notice.text(lang)}" for notice in grade.notices]
    for g in grade.criteria:
        if g.verdict is Verdict.NA and not show_na:
            continue
        known = g.criterion in rubric.ids
        name = rubric.get(g.criterion).name_in(lang) if known else g.criterion
        lines.append(f"\n{SYMBOL[g.verdict]} {t(LABEL[g.verdict], lang)}  {name}  [{g.criterion}]")
        lines.append(f"    {explain(g, lang, rubric) if known else g.explanation}")
        for ev in g.evidence:
            lines.append(f"    quote: “{ev.text}”  (characters {ev.start}–{ev.end})")
        if g.better:
            lines.append(f"    try:   {g.better}")
        if g.disagreement:
            lines.append(f"    note:  {g.disagreement}")
    return "\n".join(lines)


def grade_record(case_id: Any, grade: Grade) -> dict[str, Any]:
    """The `coach grade --cases` output line: verdicts first, then the reasons."""
    return {
        "id": case_id,
        "lang": grade.lang,
        "engine": grade.engine,
        "verdicts": grade.verdicts(),
        "grades": {
            g.criterion: g.model_dump(mode="json", exclude={"criterion"}, exclude_none=True)
            for g in grade.criteria
        },
        "notices": [{"kind": n.kind.value, "text": n.text()} for n in grade.notices],
        **({"usage": [u.model_dump(mode="json") for u in grade.usage]} if grade.usage else {}),
    }
