"""HTML for the page's panels: persona card, grade panel, mood meter, scorecard, transcripts.

Everything a person or a model wrote (replies, customer lines, persona fields, names,
explanations that quote them) goes through `escape` and is isolated with <bdi>, so it is shown
as text and cannot pass for the page's own markup. Fixed words come from the i18n catalogs.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from html import escape
from typing import NamedTuple

from coach.assignments import Assigned, Status
from coach.explaining import explain
from coach.grades import CriterionGrade, Evidence, Grade, Verdict
from coach.i18n import fill, has, listed, t
from coach.languages import LANGUAGES, RTL
from coach.mood import DRIFT, EndState, MoodReason
from coach.notices import Notice
from coach.personas import Persona
from coach.practice import Conversation, TurnRecord
from coach.progress import Rate
from coach.rubric import Rubric
from coach.scorecard import Scorecard, scorecard

BADGE = {Verdict.PASS: ("pass", "✓"), Verdict.FAIL: ("fail", "✗"), Verdict.NA: ("na", "–"),
         Verdict.UNJUDGED: ("unjudged", "?")}

CSS = """
.coach-banner {padding: 6px 12px; border-radius: 6px; background: #eef2ff; color: #312e81; font-size: 0.9em}
.coach-banner.local {background: #fef9c3; color: #713f12}
.coach-user {text-align: end; font-size: 0.9em; color: #374151}
.coach-card h3 {margin: 0 0 4px 0}
.coach-card .meta {color: #555; font-size: 0.9em}
.coach-grade .crit {border-inline-start: 4px solid #ccc; padding: 4px 10px; margin: 6px 0}
.coach-grade .crit.fail {border-color: #dc2626; background: #fef2f2}
.coach-grade .crit.pass {border-color: #16a34a; background: #f0fdf4}
.coach-grade .head {display: flex; flex-wrap: wrap; align-items: baseline; gap: 8px}
.coach-grade .badge {font-weight: 600; white-space: nowrap}
.coach-grade .grader {color: #4b5563; font-size: 0.85em; border-inline-start: 2px solid #d1d5db; padding-inline-start: 6px;
  margin-top: 4px}
.coach-grade .crit.fail .badge {color: #b91c1c}
.coach-grade .crit.pass .badge {color: #15803d}
.coach-grade blockquote {margin: 4px 0; padding: 4px 8px; background: #fff; border: 1px solid #eee; white-space: pre-wrap}
.coach-grade mark {background: #fde68a; padding: 0 2px}
.coach-grade .better {color: #1e40af}
.coach-grade .note {color: #6b7280; font-size: 0.85em}
.coach-grade .na {color: #6b7280; font-size: 0.85em}
.coach-grade .unjudged {color: #1e3a8a; font-size: 0.85em}
.coach-grade .crit.unjudged {border-color: #93c5fd; background: #eff6ff; font-size: 1em}
.coach-mood .track {height: 16px; background: #e5e7eb; border-radius: 8px; overflow: hidden}
.coach-mood .fill {height: 100%; transition: width 0.6s ease}
.coach-mood .label {font-weight: 600; margin-top: 4px}
.coach-mood .why {color: #4b5563; font-size: 0.85em; margin: 4px 0; padding-inline-start: 18px}
.coach-score table, .coach-transcript table {border-collapse: collapse; width: 100%}
.coach-score td, .coach-score th {border-bottom: 1px solid #eee; padding: 3px 6px; text-align: start}
.coach-notice {color: #92400e; background: #fffbeb; padding: 4px 8px; border-radius: 4px; margin: 4px 0}
.coach-ended {padding: 8px 12px; border-radius: 6px; font-weight: 600; background: #fee2e2; color: #7f1d1d}
.coach-ended.resolved, .coach-ended.released {background: #dcfce7; color: #14532d}
.coach-transcript .speaker {font-weight: 600; margin-top: 8px}
.coach-transcript .said {white-space: pre-wrap; border-inline-start: 3px solid #e5e7eb; padding-inline-start: 8px}
#coach-chat button[aria-label="Clear"] {display: none}
#coach-header {flex-wrap: wrap; row-gap: 4px}
#coach-title {flex: 1 1 260px; min-width: 0}
#coach-title h2 {margin: 0; overflow-wrap: normal; word-break: normal; hyphens: manual}
.coach-preview {background: #ede9fe; color: #4c1d95; padding: 4px 8px; border-radius: 4px; margin-bottom: 6px;
  font-size: 0.9em}
.coach-assigned h4 {margin: 6px 0 2px 0; font-size: 0.95em}
.coach-assigned ul {list-style: none; margin: 0 0 4px 0; padding: 0}
.coach-assigned li {display: flex; flex-wrap: wrap; gap: 8px; align-items: center; padding: 3px 0}
.coach-assigned li.overdue .status {color: #b91c1c; font-weight: 600}
.coach-assigned li.done .status {color: #15803d}
.coach-assigned li.picked {background: #eef2ff; border-radius: 4px}
.coach-assigned button {border: 1px solid #c7d2fe; background: #fff; border-radius: 4px; padding: 1px 8px; cursor: pointer}
.coach-error {color: #991b1b; background: #fef2f2; border-inline-start: 4px solid #dc2626; padding: 4px 8px;
  border-radius: 4px}
.coach-confirm-line {color: #7f1d1d; background: #fef2f2; padding: 4px 8px; border-radius: 4px}
.coach-grade .review {color: #5b21b6; background: #f5f3ff; padding: 2px 6px; margin-top: 4px; border-radius: 4px;
  overflow-wrap: anywhere}
.coach-agreement table {border-collapse: collapse}
.coach-agreement td, .coach-agreement th {border-bottom: 1px solid #eee; padding: 3px 8px; text-align: start}
.coach-editor-problems {color: #991b1b; background: #fef2f2; padding: 4px 10px; font-size: 0.9em}
.coach-editor-report {white-space: pre-wrap; font-size: 0.85em; background: #f9fafb; padding: 8px}
.coach-hint {color: #7c2d12; background: #fff7ed; border-inline-start: 4px solid #f97316; padding: 4px 10px; font-size: 0.9em}
.coach-hint ul {margin: 2px 0; padding-inline-start: 18px}
.coach-attempts h4 {margin: 10px 0 4px 0}
.coach-attempts .row {display: flex; gap: 8px; align-items: stretch}
.coach-attempts .attempt {flex: 1; border: 1px solid #e5e7eb; border-radius: 6px; padding: 6px 8px}
.coach-attempts .head {font-size: 0.85em; color: #4b5563}
.coach-attempts .said {white-space: pre-wrap; margin: 4px 0}
.coach-attempts .chip {display: inline-block; font-size: 0.8em; padding: 0 6px; margin: 2px; border-radius: 8px}
.coach-attempts .chip.pass {background: #dcfce7; color: #14532d}
.coach-attempts .chip.fail {background: #fee2e2; color: #7f1d1d}
"""


def title(ui: str) -> str:
    """The page's heading: the product's name and what it is for, in the reader's language."""
    return (f"<h2 dir='{direction(ui)}'>{escape(t('page.brand', ui))} · {escape(t('page.title', ui))}</h2>")


def notice(line: str, ui: str = "en", id_: str | None = None) -> str:
    """A plain message in the reader's language, laid out in its direction."""
    ident = f" id='{id_}'" if id_ else ""
    return f"<div class='coach-notice'{ident} dir='{direction(ui)}'>{escape(line)}</div>"


def direction(lang: str) -> str:
    return "rtl" if lang in RTL else "ltr"


def text(value: str, lang: str | None = None) -> str:
    """Someone's words as inert, direction-isolated HTML text (the browser finds the direction
    unless the language is known)."""
    d = f" dir='{direction(lang)}'" if lang else ""
    return f"<bdi{d}>{escape(value)}</bdi>"


def t_html(key: str, ui: str, *, count: int | None = None, **html: str) -> str:
    """A catalog text as HTML: its own words escaped, its slots filled with HTML the caller made
    (names and quotes isolated with `text`, so they keep their direction inside any language)."""
    template = t(key, ui, **({"count": count} if count is not None else {}))
    return fill(escape(template, quote=False), html)


def criterion_name(rubric: Rubric, criterion: str, ui: str = "en") -> str:
    return rubric.get(criterion).name_in(ui) if criterion in rubric.ids else criterion


def verdict_word(verdict: Verdict, ui: str) -> str:
    return t(f"verdict.{BADGE[verdict][0]}", ui)


def persona_card(persona: Persona | None, lang: str = "en", *, preview: int | None = None,
                 conversation: str | None = None) -> str:
    """Who the customer is; `preview`: the draft version a trainer is trying, said plainly;
    `conversation`: the one on screen (the browser keeps an unsent reply under it)."""
    ui = direction(lang)
    if persona is None:
        return f"<div class='coach-card' dir='{ui}'>{escape(t('card.pick', lang))}</div>"
    d = direction(persona.language)
    meta = t_html("card.meta", lang, customer=text(persona.customer_name, persona.language),
                  language=text(LANGUAGES[persona.language], persona.language),
                  difficulty=escape(t(f"difficulty.{persona.difficulty.value}", lang)))
    draft = (f"<div class='coach-preview' id='coach-preview' data-version='{preview}'>"
             + t_html("preview.card", lang, version=str(preview), name=text(persona.display_name)) + "</div>"
             if preview is not None else "")
    shown = f" data-conversation='{escape(conversation)}'" if conversation else ""
    return (f"<div class='coach-card' dir='{ui}'{shown}>{draft}<h3>{text(persona.display_name, persona.language)}</h3>"
            f"<div class='meta'>{meta}</div>"
            f"<p dir='{d}'>{escape(' '.join(persona.situation.split()))}</p></div>")


def highlighted(reply: str, evidence: list[Evidence], lang: str) -> str:
    spans = sorted((e.start, e.end) for e in evidence if 0 <= e.start < e.end <= len(reply))
    out, at = [], 0
    for start, end in spans:
        if start < at:
            continue
        out += [escape(reply[at:start]), "<mark>", escape(reply[start:end]), "</mark>"]
        at = end
    out.append(escape(reply[at:]))
    return f"<blockquote dir='{direction(lang)}'>{''.join(out)}</blockquote>"


# a quoted passage in an explanation, with its marks: “…” (the rubric's), «…», „…“ / „…”
_QUOTED = re.compile(r"“[^”]*”|«[^»]*»|„[^“”]*[“”]")


def explained(value: str) -> str:
    """An explanation: escaped, each quoted passage (marks included) isolated, so a quote in
    another language or direction keeps its place and its marks inside the sentence."""
    out, at = [], 0
    for m in _QUOTED.finditer(value):
        out += [escape(value[at:m.start()]), f"<bdi class='quote'>{escape(m.group(0))}</bdi>"]
        at = m.end()
    out.append(escape(value[at:]))
    return "".join(out)


def _head(g: CriterionGrade, rubric: Rubric, ui: str) -> str:
    """The verdict badge and the criterion's name: two elements, apart in every direction."""
    css, mark = BADGE[g.verdict]
    return (f"<div class='head'><span class='badge' data-verdict='{g.verdict.value}'>{mark} "
            f"{escape(verdict_word(g.verdict, ui))}</span> "
            f"<b class='name'>{escape(criterion_name(rubric, g.criterion, ui))}</b></div>")


def _criterion(g: CriterionGrade, reply: str, rubric: Rubric, lang: str, ui: str) -> str:
    css = BADGE[g.verdict][0]
    r = g.review
    corrected = r is not None and r.corrected
    parts = [f"<div class='crit {css}' data-criterion='{escape(g.criterion)}' data-verdict='{g.verdict.value}'>",
             _head(g, rubric, ui)]
    if r is not None:
        key = "review.corrected" if corrected else "review.confirmed"
        parts.append(f"<div class='review' data-original='{r.original.value}'>"
                     + t_html(key, ui, reviewer=text(r.reviewer), comment=text(r.comment)) + "</div>")
    if corrected:
        # the grader's words were about its own verdict: shown as what it said, never as the reason for this one
        assert r is not None
        parts.append(f"<div class='grader' data-verdict='{r.original.value}'>"
                     + t_html("review.grader_said", ui, verdict=escape(verdict_word(r.original, ui)),
                              explanation=explained(explain(g, ui, rubric))) + "</div>")
    else:
        parts.append(f"<div class='why'>{explained(explain(g, ui, rubric))}</div>")
    if g.evidence and g.verdict is Verdict.FAIL and not corrected:  # passes quote their words in the explanation
        parts.append(highlighted(reply, g.evidence, lang))
    if g.better and g.verdict is Verdict.FAIL:
        parts.append(f"<div class='better'>{escape(t('grade.try', ui))} {text(g.better, lang)}</div>")
    if g.disagreement:
        parts.append(f"<div class='note'>{explained(g.disagreement)}</div>")
    parts.append("</div>")
    return "".join(parts)


# What a hint flags while the trainee types: the prohibitions, and a missing name once the draft
# is long enough to have used it.
HINTED = ("no_yes_but", "under_promise", "no_condescending_apology", "personalize")
HINT_NAME_AFTER_WORDS = 6


def hint_html(grade: Grade, draft: str, rubric: Rubric, ui: str) -> str:
    flagged = [g for g in grade.criteria if g.criterion in HINTED and g.verdict is Verdict.FAIL
               and (g.criterion != "personalize" or len(draft.split()) >= HINT_NAME_AFTER_WORDS)]
    if not flagged:
        return ""
    items = "".join(f"<li data-criterion='{escape(g.criterion)}'><b>{escape(criterion_name(rubric, g.criterion, ui))}</b>"
                    f": {explained(explain(g, ui, rubric))}</li>" for g in flagged)
    return f"<div class='coach-hint' dir='{direction(ui)}'><b>{escape(t('hint.title', ui))}</b><ul>{items}</ul></div>"


def assignments_html(items: Sequence[Assigned], personas: Mapping[str, Persona], ui: str,
                     picked: str | None = None) -> str:
    """A trainee's assignments, overdue first, then to do, then done: each with its customer, mode,
    due date and a button that picks it (empty when nothing is assigned)."""
    if not items:
        return ""
    sections = []
    for status in (Status.OVERDUE, Status.OPEN, Status.DONE):
        rows = []
        for item in (i for i in items if i.status is status):
            a = item.assignment
            persona = personas.get(a.persona_id)
            due = t("assign.due", ui, due=a.due) if a.due else t("assign.no_due", ui)
            css = f"{status.value}{' picked' if a.id == picked else ''}"
            rows.append(f"<li class='{css}' data-assignment='{escape(a.id)}' data-status='{status.value}' "
                        f"data-mode='{escape(a.mode)}'><b>{text(persona.display_name if persona else a.persona_id)}</b>"
                        f"<span>{escape(t(f'mode.{a.mode}', ui))}</span><span>{escape(due)}</span>"
                        f"<span class='status'>{escape(t(f'assign.status.{status.value}', ui))}</span>"
                        f"<button type='button' data-assignment='{escape(a.id)}'>{escape(t('assign.pick', ui))}</button>"
                        "</li>")
        if rows:
            sections.append(f"<section data-status='{status.value}'><h4>{escape(t(f'assign.section.{status.value}', ui))}"
                            f"</h4><ul>{''.join(rows)}</ul></section>")
    return (f"<div class='coach-assigned' dir='{direction(ui)}'><b>{escape(t('assign.title', ui))}</b>"
            f"{''.join(sections)}</div>")


def agreement_html(rows: Sequence, rubric: Rubric, ui: str) -> str:
    """Per criterion and language: how many reviewed grades the trainers kept as the grader gave them."""
    if not rows:
        return f"<div class='coach-agreement' dir='{direction(ui)}'>{escape(t('trainer.agreement_none', ui))}</div>"
    body = "".join(f"<tr data-criterion='{escape(a.criterion)}' data-lang='{escape(a.lang)}'>"
                   f"<td>{escape(criterion_name(rubric, a.criterion, ui))}</td><td>{escape(LANGUAGES.get(a.lang, a.lang))}</td>"
                   f"<td>{a.cases}</td><td>{a.agreed} ({'–' if a.rate is None else f'{a.rate:.0%}'})</td>"
                   f"<td class='unjudged'>{a.unjudged}</td></tr>" for a in rows)
    return (f"<div class='coach-agreement' dir='{direction(ui)}'><table><tr><th>{escape(t('score.criterion', ui))}</th>"
            f"<th>{escape(t('trainer.agreement_lang', ui))}</th><th>{escape(t('trainer.agreement_cases', ui))}</th>"
            f"<th>{escape(t('trainer.agreement_agreed', ui))}</th><th>{escape(t('trainer.agreement_unjudged', ui))}</th>"
            f"</tr>{body}</table></div>")


def attempts_html(conversation: Conversation, rubric: Rubric, ui: str) -> str:
    """Every turn tried more than once, its attempts side by side with their verdicts."""
    lang, out = conversation.language, []
    for turn in conversation.turns:
        attempts = conversation.attempts(turn.index)
        if len(attempts) < 2:
            continue
        cards = []
        for a in attempts:
            chips = "".join(
                f"<span class='chip {BADGE[g.verdict][0]}' data-criterion='{escape(g.criterion)}'>{BADGE[g.verdict][1]} "
                f"{escape(criterion_name(rubric, g.criterion, ui))}</span>"
                for g in a.grade.criteria if g.verdict.judged)
            counts = f" · {escape(t('attempts.counts', ui))}" if a is turn else ""
            cards.append(f"<div class='attempt' data-attempt='{a.attempt}'><div class='head'>"
                         f"{escape(t('attempts.attempt', ui, attempt=a.attempt + 1))}{counts} · "
                         f"{escape(t('attempts.mood', ui, before=a.mood_before, after=a.mood_after))}</div>"
                         f"<div class='said' dir='{direction(lang)}'>{escape(a.reply)}</div>"
                         f"<div class='chips'>{chips}</div></div>")
        out.append(f"<div class='coach-attempts' data-turn='{turn.index}' dir='{direction(ui)}'>"
                   f"<h4>{escape(t('attempts.title', ui, turn=turn.index + 1))}</h4>"
                   f"<div class='row'>{''.join(cards)}</div></div>")
    return "".join(out)


def notices_html(notices: Sequence[Notice], ui: str) -> str:
    seen, out = set(), []
    for n in notices:
        line = n.text(ui)
        if line not in seen:  # each notice once
            seen.add(line)
            out.append(notice(line, ui))
    return "".join(out)


def grade_panel(grade: Grade | None, reply: str, rubric: Rubric, notices: Sequence[Notice] = (),
                ui: str = "en") -> str:
    if grade is None:
        return f"<div class='coach-grade' dir='{direction(ui)}'>{escape(t('grade.placeholder', ui))}</div>"
    # a reviewed criterion is always shown in full: the trainer's comment must be seen, n/a or not
    judged = [g for g in grade.criteria if g.verdict.judged or g.review]
    judged.sort(key=lambda g: g.verdict is not Verdict.FAIL)  # fails first: that is what to fix
    rest = [g for g in grade.criteria if not (g.verdict.judged or g.review)]
    skipped = [criterion_name(rubric, g.criterion, ui) for g in rest if g.verdict is Verdict.NA]
    html = [f"<div class='coach-grade' dir='{direction(ui)}'>", notices_html([*grade.notices, *notices], ui)]
    html += [_criterion(g, reply, rubric, grade.lang, ui) for g in judged]
    html.append(unjudged_line([g for g in rest if g.verdict is Verdict.UNJUDGED], rubric, ui))
    if skipped:
        html.append(f"<div class='na'>{escape(t('grade.not_applicable', ui, names=listed(skipped, ui)))}</div>")
    html.append("</div>")
    return "".join(html)


def unjudged_line(grades: Sequence[CriterionGrade], rubric: Rubric, ui: str) -> str:
    """What the offline grader could not judge, in one line: never a pass, a fail or an n/a."""
    if not grades:
        return ""
    names = escape(t("list.separator", ui)).join(f"<span data-criterion='{escape(g.criterion)}' title='{escape(explain(g, ui, rubric))}'>"
                      f"{escape(criterion_name(rubric, g.criterion, ui))}</span>" for g in grades)
    mark, label = BADGE[Verdict.UNJUDGED][1], t("grade.unjudged", ui, names="\x00")
    before, _, after = escape(label).partition("\x00")
    return f"<div class='na unjudged' data-verdict='unjudged'>{mark} {before}{names}{after}</div>"


def rate_cell(rate: Rate | None, ui: str) -> str:
    """A team-progress cell: the pass rate over judged verdicts, and apart from it how many the
    offline grader could not judge."""
    if rate is None:
        return ""
    text = f"{round(100 * rate.rate)}% ({rate.passed}/{rate.judged})" if rate.rate is not None else "–"
    return text + (f" · {t('progress.unjudged', ui, count=rate.unjudged)}" if rate.unjudged else "")


def _effect(amount: int, ui: str) -> str:
    """How much a reason moved the customer, in words (a number like "-4" means nothing to a trainee)."""
    size = "_little" if abs(amount) <= 3 else "_much" if abs(amount) >= 12 else ""
    return t(f"mood.effect.{'up' if amount > 0 else 'down'}{size}", ui)


def mood_reason(r: MoodReason, rubric: Rubric, ui: str, grade: Grade | None = None) -> str:
    """One reason the mood moved, in plain words: "you told them how to feel: more upset"."""
    if r.criterion == "limit":
        return t("mood.limit", ui)
    if r.criterion == DRIFT:
        what = t("mood.drift", ui)
    else:
        reason = None
        if grade is not None:
            found = next((g for g in grade.criteria if g.criterion == r.criterion), None)
            reason = found.reason if found is not None and found.verdict is r.verdict else None
        verdict = "fail" if r.verdict is Verdict.FAIL else "pass"
        candidates = ([f"mood.why.{r.criterion}.{reason}"] if reason else []) + [f"mood.why.{r.criterion}.{verdict}"]
        key = next((k for k in candidates if has(k)), None)
        what = t(key, ui) if key else t(f"mood.why.generic.{verdict}", ui,
                                        criterion=criterion_name(rubric, r.criterion, ui))
    return t("mood.why_line", ui, what=what, effect=_effect(r.amount, ui))


def mood_meter(mood: int, *, band: str = "", reasons: Sequence[MoodReason] = (), rubric: Rubric | None = None,
               end: EndState | None = None, ui: str = "en", grade: Grade | None = None) -> str:
    color = "#16a34a" if mood < 35 else "#ca8a04" if mood < 60 else "#ea580c" if mood < 85 else "#dc2626"
    why = [mood_reason(r, rubric, ui, grade) for r in reasons] if rubric else []
    status = f" · {t(f'end.{end.value}', ui)}" if end else (f" · {t(f'band.{band}', ui)}" if band else "")
    items = "".join(f"<li>{escape(line)}</li>" for line in why)
    return (f"<div class='coach-mood' data-mood='{mood}' dir='{direction(ui)}'><div class='track'><div class='fill' "
            f"style='width:{mood}%;background:{color}'></div></div>"
            f"<div class='label'>{escape(t('mood.label', ui, mood=mood))}{escape(status)}</div>"
            + (f"<ul class='why'>{items}</ul>" if items else "") + "</div>")


def ended_banner(conversation: Conversation, ui: str) -> str:
    """A plain announcement of how the conversation ended (empty while it goes on)."""
    if conversation.end is None:
        return ""
    end = conversation.end.value
    return (f"<div class='coach-ended {end}' id='coach-ended' data-end='{end}' dir='{direction(ui)}'>"
            + t_html(f"ended.{end}", ui, customer=text(conversation.customer_name, conversation.language)) + "</div>")


class Engine(NamedTuple):
    """What answers and grades, said in the reader's language: a catalog key and its slots."""

    key: str
    params: dict[str, str]


def banner(engine: Engine, local: bool = False, ui: str = "en") -> str:
    d = direction(ui)
    words = fill(escape(t(engine.key, ui), quote=False), {k: text(v, "en") for k, v in engine.params.items()})
    parts = [f"<div class='coach-banner' id='coach-engine' dir='{d}'>{words}</div>"]
    if local:
        command = "<code dir='ltr'>coach users add</code>"
        parts.append(f"<div class='coach-banner local' id='coach-local' dir='{d}'>"
                     + t_html("banner.local", ui, command=command) + "</div>")
    return "".join(parts)


def percent(value: float) -> str:
    return f"{value:.0%}"


def scorecard_html(card: Scorecard, conversation: Conversation, ui: str = "en") -> str:
    outcome = t(f"end.{conversation.end.value}", ui) if conversation.end else t("end.in_progress", ui)
    score = percent(card.score) if card.score is not None else "–"
    rows = "".join(
        f"<tr data-criterion='{escape(s.criterion)}'><td>{escape(s.name)}</td><td>{s.passed}/{s.judged}</td>"
        f"<td>{s.not_applicable}</td><td class='unjudged'>{s.unjudged}</td></tr>"
        for s in card.criteria if s.judged or s.not_applicable or s.unjudged)
    lang = conversation.language
    fails = "".join(
        f"<li data-turn='{f.turn}' data-criterion='{escape(f.criterion)}'>{escape(t('score.turn', ui, turn=f.turn))} · "
        f"<b>{escape(f.name)}</b>"
        + (": " + escape(t("list.separator", ui)).join(f"<mark>{text(q)}</mark>" for q in f.quotes) if f.quotes else "")
        + (f"<br><span class='better'>{escape(t('grade.try', ui))} {text(f.better, lang)}</span>" if f.better else "")
        + "</li>" for f in card.failures)
    practise = "".join(f"<li>{escape(n)}</li>" for n in card.practise_next) or f"<li>{escape(t('score.nothing', ui))}</li>"
    retries = (f"<p class='retries'>{escape(t('score.retries', ui, count=card.retries))}</p>" if card.retries else "")
    breakdown = (f"<p class='breakdown'>{escape(t('score.breakdown', ui, replies=percent(card.replies), share=percent(card.outcome_share)))}</p>"
                 if card.replies is not None and card.outcome is not None else "")
    return (f"<div class='coach-score' id='coach-scorecard' dir='{direction(ui)}' data-score='{card.score}'>"
            f"<h3>{escape(t('score.title', ui, outcome=outcome, score=score))}</h3>{breakdown}"
            f"<table><tr><th>{escape(t('score.criterion', ui))}</th><th>{escape(t('score.passed', ui))}</th>"
            f"<th>{escape(t('verdict.na', ui))}</th><th>{escape(t('score.unjudged', ui))}</th></tr>{rows}</table>{retries}"
            f"<h4>{escape(t('score.practise_next', ui))}</h4><ol>{practise}</ol>"
            + (f"<h4>{escape(t('score.failed_turns', ui))}</h4><ul class='coach-grade'>{fails}</ul>" if fails else "")
            + "</div>")


def transcript_html(conversation: Conversation, rubric: Rubric, ui: str = "en", owner_name: str | None = None) -> str:
    """A whole conversation with every grade, for My sessions and the trainer's view (`owner_name`:
    whose it is, and the name the trainee's turns go by there)."""
    c = conversation
    lang = c.language
    card = scorecard(c, rubric, ui)
    outcome = t(f"end.{c.end.value}", ui) if c.end else t("end.in_progress", ui)
    head = (f"<h3>{text(c.persona_name, lang)}</h3><div class='meta'>"
            + t_html("transcript.meta", ui, customer=text(c.customer_name, lang),
                     started=escape(f"{c.started_at:%Y-%m-%d %H:%M}"), outcome=escape(outcome),
                     mode=escape(t(f"mode.{c.mode}", ui)))
            + (" · " + t_html("transcript.owner", ui, name=text(owner_name)) if owner_name else "") + "</div>")
    parts = [f"<div class='coach-transcript' id='coach-transcript-{escape(c.id)}' dir='{direction(ui)}'>", head,
             f"<div class='speaker'>{text(c.customer_name, lang)}</div><div class='said' dir='{direction(lang)}'>"
             f"{escape(c.opening)}</div>"]

    def trainee(turn: int) -> str:
        if owner_name:
            return t_html("transcript.trainee_turn", ui, name=text(owner_name), turn=str(turn))
        return escape(t("transcript.you", ui, turn=turn))

    for turn in c.turns:
        for earlier in c.attempts(turn.index)[:-1]:
            parts.append(_turn_html(earlier, rubric, lang, ui, escape(t("transcript.earlier", ui, turn=turn.index + 1,
                                                                          attempt=earlier.attempt + 1))))
        parts.append(_turn_html(turn, rubric, lang, ui, trainee(turn.index + 1)))
        parts.append(f"<div class='speaker'>{text(c.customer_name, lang)}</div>"
                     f"<div class='said' dir='{direction(lang)}'>{escape(turn.customer)}</div>")
    parts.append(scorecard_html(card, c, ui))
    parts.append("</div>")
    return "".join(parts)


def _turn_html(turn: TurnRecord, rubric: Rubric, lang: str, ui: str, who: str) -> str:
    """`who` is HTML (it may hold an isolated name)."""
    return (f"<div class='speaker trainee'>{who}</div>"
            f"<div class='said' dir='{direction(lang)}'>{escape(turn.reply)}</div>"
            + grade_panel(turn.grade, turn.reply, rubric, turn.notices, ui))


def chat_messages(conversation: Conversation, pending: str | None = None,
                  customer_text: str | None = None) -> list[dict]:
    """The conversation as Chatbot messages, escaped: the Chatbot renders HTML in messages, and
    escaped text shows exactly what was typed. The customer is on the left, the trainee right."""
    messages = [{"role": "assistant", "content": escape(conversation.opening)}]
    for turn in conversation.turns:
        said = "🎙 " if turn.voice is not None else ""  # a reply spoken on a call
        messages += [{"role": "user", "content": said + escape(turn.reply)},
                     {"role": "assistant", "content": escape(turn.customer)}]
    if pending is not None:
        messages.append({"role": "user", "content": escape(pending)})
        if customer_text:
            messages.append({"role": "assistant", "content": escape(customer_text)})
    return messages
