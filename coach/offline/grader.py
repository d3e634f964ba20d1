"""The offline grader: runs every rubric criterion's check on a reply."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from coach.cases import Case, Turn
from coach.explaining import reason_text
from coach.grades import CriterionGrade, Grade, Verdict
from coach.languages import detect
from coach.notices import NoticeKind, notice
from coach.offline.address import address, your_name
from coach.offline.checks import CANNOT_JUDGE, CHECKS, Because, Situation
from coach.offline.lexicon import lexicon
from coach.offline.text import Text
from coach.rubric import Applies, Criterion, Rubric, load_rubric
from coach.speech.check import voice_check
from coach.speech.features import Voice

# Past this size only the start of a reply is graded (with a notice); evidence offsets stay exact.
MAX_GRADED_CHARS = 20_000


def fill_better(template: str, customer: str | None, agent: str | None, lang: str = "en") -> str:
    """Fill {customer} (addressed as the language does: "Panie Zbigniewie", "Jāni") and {agent}
    (the trainee's name, else a placeholder in the reply's language); drop the customer slot
    gracefully when the name is unknown."""
    text = template.replace("{agent}", agent or your_name(lang))
    if customer and customer.split():
        return text.replace("{customer}", address(customer, lang))
    text = re.sub(r"^\{customer\}[,،]?\s*", "", text)
    text = re.sub(r"[,،]?\s*(?:يا )?\{customer\}", "", text)
    return text[:1].upper() + text[1:]


class OfflineGrader:
    """Deterministic, multilingual, no model: the default engine and the safety net."""

    name = "offline"

    def __init__(self, rubric: Rubric | None = None):
        self.rubric = rubric or load_rubric()

    def grade(self, reply: str, *, lang: str | None = None, customer_name: str | None = None,
              context: Iterable[Turn] = (), agent_name: str | None = None,
              better: Mapping[str, str] | None = None, voice: Voice | None = None) -> Grade:
        """`better`: better phrasings drawn from the customer's situation, by criterion id (a
        persona's); the rubric's phrasing stands where none is given. `voice`: how a spoken reply
        sounded (None for a typed one), for the criteria that apply to speech."""
        reply = reply if isinstance(reply, str) else str(reply)
        notices = []
        graded = reply
        if len(reply) > MAX_GRADED_CHARS:
            notices.append(notice(NoticeKind.REPLY_TRUNCATED, length=len(reply), limit=MAX_GRADED_CHARS))
            graded = reply[:MAX_GRADED_CHARS]
        lang = lang or detect(graded)
        situation = Situation(Text.of(graded), lexicon(lang), lang, customer_name, list(context), agent_name)
        results = [self._spoken(criterion, voice, graded, lang) if criterion.applies is Applies.SPOKEN
                   else self._run(criterion, situation, (better or {}).get(criterion.id))
                   for criterion in self.rubric.criteria]
        return Grade(lang=lang, engine=self.name, criteria=results, notices=notices)

    def grade_case(self, case: Case) -> Grade:
        return self.grade(case.reply, lang=case.lang, customer_name=case.customer_name, context=case.context,
                          agent_name=case.agent_name)

    def _run(self, criterion: Criterion, s: Situation, better_template: str | None = None) -> CriterionGrade:
        check = CHECKS.get(criterion.id)
        if check is None:
            return self._said(criterion, Verdict.UNJUDGED, Because(CANNOT_JUDGE, {}))
        if not s.reply.low.strip():
            return self._said(criterion, Verdict.NA, Because("empty", {}))
        verdict, why, evidence, confidence = check(s)
        better = None
        if verdict is Verdict.FAIL:
            better = fill_better(better_template or criterion.better_for(s.lang), s.customer_name,
                                 s.own_name or s.agent_name, s.lang)
        return self._said(criterion, verdict, why, evidence=evidence, better=better, confidence=confidence)

    def _spoken(self, criterion: Criterion, voice: Voice | None, reply: str, lang: str) -> CriterionGrade:
        (verdict, why, evidence, confidence), _ = voice_check(voice, reply, lang)
        grade = self._said(criterion, verdict, why, evidence=evidence, confidence=confidence)
        if verdict is Verdict.FAIL:
            grade.better = fill_better(criterion.better_for(lang), None, None, lang)
        return grade

    def _said(self, criterion: Criterion, verdict: Verdict, why: Because, **fields) -> CriterionGrade:
        if why.reason == CANNOT_JUDGE:  # the one place a check's "cannot judge" becomes its own outcome
            verdict = Verdict.UNJUDGED
        english = (criterion.explanation(why.reason, "en", why.params)  # this rubric's words, else reason_text's
                   or reason_text(self.rubric, criterion.id, why.reason, why.params, "en") or why.reason)
        return CriterionGrade(criterion=criterion.id, verdict=verdict, explanation=english, reason=why.reason,
                              params=why.params, **fields)
