"""Team progress: per trainee and per criterion, how often replies pass, week by week, and the
latest attempts. Computed from the conversations as they are read (reviews included), so a
trainer's correction shows in the figures at once."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from datetime import date, timedelta

from pydantic import BaseModel

from coach.practice import Conversation
from coach.rubric import Rubric
from coach.scorecard import scorecard


class Rate(BaseModel):
    """How many judged verdicts (pass or fail) passed; what the offline grader could not judge is
    counted apart and never in the rate."""

    trainee: str
    judged: int
    passed: int
    unjudged: int = 0

    @property
    def rate(self) -> float | None:
        return self.passed / self.judged if self.judged else None


class CriterionRate(Rate):
    criterion: str


class WeekRate(Rate):
    week: date  # the Monday the week starts on


class Attempt(BaseModel):
    trainee: str
    persona: str
    started: str
    outcome: str | None
    score: float | None


class Progress(BaseModel):
    criteria: list[CriterionRate]
    weeks: list[WeekRate]
    latest: list[Attempt]

    def csv(self, criterion_names: dict[str, str]) -> str:
        """One row per trainee and criterion: judged, passed, pass rate (for spreadsheets)."""
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["trainee", "criterion", "criterion_name", "judged", "passed", "pass_rate", "unjudged"])
        for r in self.criteria:
            writer.writerow([_cell(r.trainee), r.criterion, _cell(criterion_names.get(r.criterion, r.criterion)),
                             r.judged, r.passed, "" if r.rate is None else f"{r.rate:.3f}", r.unjudged])
        return out.getvalue()


def _cell(text: str) -> str:
    """A name as a spreadsheet cell that stays text: "=1+2" must not run as a formula."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def progress(conversations: list[Conversation], names: dict[str, str], rubric: Rubric, latest: int = 5) -> Progress:
    """`names`: account id -> name. Each turn's final attempt counts, as on the scorecard."""
    by_criterion: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])  # judged, passed, unjudged
    by_week: dict[tuple[str, date], list[int]] = defaultdict(lambda: [0, 0, 0])
    attempts: dict[str, list[Attempt]] = defaultdict(list)
    for c in sorted(conversations, key=lambda c: c.started_at):
        trainee = names.get(c.owner or "", c.owner or "?")
        card = scorecard(c, rubric)
        week = monday(c.started_at.date())
        for s in card.criteria:
            for cell in (by_criterion[(trainee, s.criterion)], by_week[(trainee, week)]):
                cell[0] += s.judged
                cell[1] += s.passed
                cell[2] += s.unjudged
        attempts[trainee].append(Attempt(trainee=trainee, persona=c.persona_name,
                                         started=f"{c.started_at:%Y-%m-%d %H:%M}",
                                         outcome=c.end.value if c.end else None, score=card.score))
    order = {c.id: i for i, c in enumerate(rubric.criteria)}
    return Progress(
        criteria=[CriterionRate(trainee=t, criterion=k, judged=v[0], passed=v[1], unjudged=v[2])
                  for (t, k), v in sorted(by_criterion.items(), key=lambda kv: (kv[0][0], order.get(kv[0][1], 99)))
                  if v[0] or v[2]],
        weeks=[WeekRate(trainee=t, week=w, judged=v[0], passed=v[1], unjudged=v[2])
               for (t, w), v in sorted(by_week.items()) if v[0]],
        latest=[a for trainee in sorted(attempts) for a in attempts[trainee][-latest:][::-1]])
