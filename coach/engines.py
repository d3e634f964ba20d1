"""Which grader runs, and how the model judge and the offline grader are combined.

The rule: a verdict the offline grader is sure of (a quoted phrase it is built to catch,
confidence "high") stands, whatever the judge says; every other verdict is the judge's.
Disagreements are kept on the criterion, so the page and eval reports can show them.
This makes the grade immune to a reply that talks the judge into passing it, for every
verdict the offline grader can see. If the model cannot be used the grade falls back to
the offline grader with a notice, and the endpoint is left alone for a short while.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterable
from typing import Protocol

from coach.cases import Case, Turn
from coach.errors import EndpointError
from coach.grades import Grade, Verdict
from coach.languages import detect
from coach.llm.client import ModelClient
from coach.llm.judge import LLMJudge
from coach.notices import NoticeKind, notice
from coach.offline import OfflineGrader
from coach.offline.grader import fill_better
from coach.rubric import Rubric, load_rubric
from coach.settings import Settings, load_settings

RETRY_ENDPOINT_AFTER_S = 30.0


class Grader(Protocol):
    name: str

    def grade(self, reply: str, *, lang: str | None = None, customer_name: str | None = None,
              context: Iterable[Turn] = ()) -> Grade: ...

    async def agrade(self, reply: str, *, lang: str | None = None, customer_name: str | None = None,
                     context: Iterable[Turn] = ()) -> Grade: ...

    def describe(self) -> str: ...


def combine(offline: Grade, judged: Grade, rubric: Rubric, customer_name: str | None) -> Grade:
    by_id = {g.criterion: g for g in judged.criteria}
    merged = []
    for o in offline.criteria:
        j = by_id.get(o.criterion)
        if j is None:
            merged.append(o)
        elif o.confidence == "high":
            kept = o.model_copy(update={"source": "combined"})
            if j.verdict != o.verdict:
                kept.disagreement = (f"The model judge said {j.verdict.value}: {j.explanation} The offline verdict "
                                     "stands because it rests on the quoted words.")
            merged.append(kept)
        else:
            kept = j.model_copy()
            if j.verdict != o.verdict:
                kept.disagreement = f"The offline grader said {o.verdict.value}: {o.explanation}"
            if kept.verdict is Verdict.FAIL and not kept.better:
                kept.better = o.better or fill_better(rubric.get(o.criterion).better_for(offline.lang), customer_name, None)
            merged.append(kept)
    return Grade(lang=offline.lang, engine=f"combined:{judged.engine.split(':', 1)[-1]}", criteria=merged,
                 notices=[*offline.notices, *judged.notices], usage=judged.usage)


class CombinedGrader:
    """The model judge for meaning, the offline grader for the phrases it is sure of."""

    name = "llm"

    def __init__(self, settings: Settings, rubric: Rubric | None = None):
        self.settings = settings
        self.rubric = rubric or load_rubric()
        self.offline = OfflineGrader(self.rubric)
        self.client = ModelClient(settings)
        self.judge = LLMJudge(self.client, self.rubric)
        self._down_until = 0.0
        self._down_reason = ""

    def describe(self) -> str:
        return f"model judge {self.settings.judge_model} at {self.settings.endpoint()}, with the offline detectors"

    def _fallback(self, offline: Grade, exc: EndpointError | None) -> Grade:
        if exc is not None:
            self._down_until = time.monotonic() + RETRY_ENDPOINT_AFTER_S
            self._down_reason = exc.reason
        offline.notices.append(notice(NoticeKind.GRADER_FALLBACK, endpoint=self.settings.endpoint(),
                                      reason=self._down_reason))
        offline.engine = "offline (fallback)"
        return offline

    def _endpoint_down(self) -> bool:
        return time.monotonic() < self._down_until

    def grade(self, reply: str, *, lang: str | None = None, customer_name: str | None = None,
              context: Iterable[Turn] = ()) -> Grade:
        context = list(context)
        offline = self.offline.grade(reply, lang=lang, customer_name=customer_name, context=context)
        if self._endpoint_down():
            return self._fallback(offline, None)
        try:
            judged = self.judge.grade(reply, lang=offline.lang, customer_name=customer_name, context=context)
        except EndpointError as exc:
            return self._fallback(offline, exc)
        return self._combine(offline, judged, customer_name)

    async def agrade(self, reply: str, *, lang: str | None = None, customer_name: str | None = None,
                     context: Iterable[Turn] = (), offline: Grade | None = None) -> Grade:
        """`offline`: the offline grade when the caller already has it (the turn loop does)."""
        context = list(context)
        lang = offline.lang if offline else lang or detect(reply)
        if self._endpoint_down():
            return self._fallback(offline or self.offline.grade(reply, lang=lang, customer_name=customer_name,
                                                                context=context), None)
        # send the judge's request first, then grade offline while it is in flight
        judging = asyncio.ensure_future(self.judge.agrade(reply, lang=lang, customer_name=customer_name, context=context))
        await asyncio.sleep(0)  # let the request go out before the offline work
        offline = offline or self.offline.grade(reply, lang=lang, customer_name=customer_name, context=context)
        try:
            judged = await judging
        except EndpointError as exc:
            return self._fallback(offline, exc)
        return self._combine(offline, judged, customer_name)

    def _combine(self, offline: Grade, judged: tuple[Grade, list], customer_name: str | None) -> Grade:
        grade, usage = judged
        grade.usage = usage
        return combine(offline, grade, self.rubric, customer_name)


class OfflineEngine(OfflineGrader):
    """The offline grader behind the same interface as the model engine."""

    def describe(self) -> str:
        return "offline engine: built-in multilingual detectors, no model"

    async def agrade(self, reply: str, *, lang: str | None = None, customer_name: str | None = None,
                     context: Iterable[Turn] = ()) -> Grade:
        return self.grade(reply, lang=lang, customer_name=customer_name, context=context)


def make_grader(settings: Settings | None = None, engine: str | None = None, rubric: Rubric | None = None) -> Grader:
    """`engine`: offline, llm, or auto (llm when an endpoint or key is configured)."""
    settings = settings or load_settings()
    if engine and engine != "auto":
        settings = settings.model_copy(update={"engine": engine})
    if settings.use_llm:
        return CombinedGrader(settings, rubric)
    return OfflineEngine(rubric)


async def grade_cases(grader: Grader, cases: list[Case], concurrency: int = 8) -> list[Grade]:
    """Grade many cases concurrently; results come back in input order."""
    gate = asyncio.Semaphore(concurrency)

    async def one(case: Case) -> Grade:
        async with gate:
            return await grader.agrade(case.reply, lang=case.lang or detect(case.reply),
                                       customer_name=case.customer_name, context=case.context)

    return list(await asyncio.gather(*(one(c) for c in cases)))
