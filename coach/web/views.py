"""HTML for the page's panels: persona card, grade panel, mood meter, scorecard, transcripts.

Everything a person or a model wrote (replies, customer lines, persona fields, names,
explanations that quote them) goes through `escape` and is isolated with <bdi>, so it is shown
as text and cannot pass for the page's own markup. Fixed words come from the i18n catalogs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape

from coach.explaining import explain
from coach.grades import CriterionGrade, Evidence, Grade, Verdict
from coach.i18n import t
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
.coach-grade .badge {font-weight: 600; margin-inline-end: 6px}
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
.coach-mood .why {color: #4b5563; font-size: 0.85em}
.coach-score table, .coach-transcript table {border-collapse: collapse; width: 100%}
.coach-score td, .coach-score th {border-bottom: 1px solid #eee; padding: 3px 6px; text-align: start}
.coach-notice {color: #92400e; background: #fffbeb; padding: 4px 8px; border-radius: 4px; margin: 4px 0}
.coach-ended {padding: 8px 12px; border-radius: 6px; font-weight: 600; background: #fee2e2; color: #7f1d1d}
.coach-ended.resolved, .coach-ended.released {background: #dcfce7; color: #14532d}
.coach-transcript .speaker {font-weight: 600; margin-top: 8px}
.coach-transcript .said {white-space: pre-wrap; border-inline-start: 3px solid #e5e7eb; padding-inline-start: 8px}
#coach-chat button[aria-label="Clear"] {display: none}
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


def notice(line: str) -> str:
    return f"<div class='coach-notice'>{escape(line)}</div>"


def direction(lang: str) -> str:
    return "rtl" if lang in RTL else "ltr"


def text(value: str, lang: str | None = None) -> str:
    """Someone's words as inert, direction-isolated HTML text."""
    d = f" dir='{direction(lang)}'" if lang else ""
    return f"<bdi{d}>{escape(value)}</bdi>"


def criterion_name(rubric: Rubric, criterion: str, ui: str = "en") -> str:
    return rubric.get(criterion).name_in(ui) if criterion in rubric.ids else criterion


def persona_card(persona: Persona | None, lang: str = "en") -> str:
    if persona is None:
        return f"<div class='coach-card'>{escape(t('card.pick', lang))}</div>"
    d = direction(persona.language)
    meta = t("card.meta", lang, customer=text(persona.customer_name), language=escape(LANGUAGES[persona.language]),
             difficulty=escape(t(f"difficulty.{persona.difficulty.value}", lang)))
    return (f"<div class='coach-card'><h3 dir='{d}'>{text(persona.display_name)}</h3>"
            f"<div class='meta'>{meta}</div>"
            f"<p dir='{d}'>{text(' '.join(persona.situation.split()))}</p></div>")


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


_QUOTED = re.compile(r"“([^”]*)”")


def explained(value: str) -> str:
    """An explanation: escaped, each quoted passage isolated so Arabic quotes don't scramble the sentence."""
    return _QUOTED.sub(lambda m: f"“<bdi>{m.group(1)}</bdi>”", escape(value))


def _criterion(g: CriterionGrade, reply: str, rubric: Rubric, lang: str, ui: str) -> str:
    css, mark = BADGE[g.verdict]
    label = t(f"verdict.{css}", ui)
    parts = [f"<div class='crit {css}' data-criterion='{escape(g.criterion)}' data-verdict='{g.verdict.value}'>",
             f"<span class='badge'>{mark} {escape(label)}</span><b>{escape(criterion_name(rubric, g.criterion, ui))}</b>",
             f"<div class='why'>{explained(explain(g, ui, rubric))}</div>"]
    if g.evidence and g.verdict is Verdict.FAIL:  # passes quote their words in the explanation already
        parts.append(highlighted(reply, g.evidence, lang))
    if g.better:
        parts.append(f"<div class='better'>{escape(t('grade.try', ui))} {text(g.better, lang)}</div>")
    if g.disagreement:
        parts.append(f"<div class='note'>{explained(g.disagreement)}</div>")
    if g.review:
        r = g.review
        said = (t("review.corrected", ui, reviewer=r.reviewer, comment=r.comment, original=t(f"verdict.{BADGE[r.original][0]}", ui))
                if r.corrected else t("review.confirmed", ui, reviewer=r.reviewer, comment=r.comment))
        parts.append(f"<div class='review' data-original='{r.original.value}'>{escape(said)}</div>")
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
    return f"<div class='coach-hint'><b>{escape(t('hint.title', ui))}</b><ul>{items}</ul></div>"


def agreement_html(rows: Sequence, rubric: Rubric, ui: str) -> str:
    """Per criterion and language: how many reviewed grades the trainers kept as the grader gave them."""
    if not rows:
        return f"<div class='coach-agreement'>{escape(t('trainer.agreement_none', ui))}</div>"
    body = "".join(f"<tr data-criterion='{escape(a.criterion)}' data-lang='{escape(a.lang)}'>"
                   f"<td>{escape(criterion_name(rubric, a.criterion, ui))}</td><td>{escape(LANGUAGES.get(a.lang, a.lang))}</td>"
                   f"<td>{a.cases}</td><td>{a.agreed} ({'–' if a.rate is None else f'{a.rate:.0%}'})</td>"
                   f"<td class='unjudged'>{a.unjudged}</td></tr>" for a in rows)
    return (f"<div class='coach-agreement'><table><tr><th>{escape(t('score.criterion', ui))}</th>"
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
        out.append(f"<div class='coach-attempts' data-turn='{turn.index}'>"
                   f"<h4>{escape(t('attempts.title', ui, turn=turn.index + 1))}</h4>"
                   f"<div class='row'>{''.join(cards)}</div></div>")
    return "".join(out)


def notices_html(notices: Sequence[Notice], ui: str) -> str:
    seen, out = set(), []
    for n in notices:
        line = n.text(ui)
        if line not in seen:  # each notice once
            seen.add(line)
            out.append(f"<div class='coach-notice'>{escape(line)}</div>")
    return "".join(out)


def grade_panel(grade: Grade | None, reply: str, rubric: Rubric, notices: Sequence[Notice] = (),
                ui: str = "en") -> str:
    if grade is None:
        return f"<div class='coach-grade'>{escape(t('grade.placeholder', ui))}</div>"
    # a reviewed criterion is always shown in full: the trainer's comment must be seen, n/a or not
    judged = [g for g in grade.criteria if g.verdict.judged or g.review]
    judged.sort(key=lambda g: g.verdict is not Verdict.FAIL)  # fails first: that is what to fix
    rest = [g for g in grade.criteria if not (g.verdict.judged or g.review)]
    skipped = [criterion_name(rubric, g.criterion, ui) for g in rest if g.verdict is Verdict.NA]
    html = ["<div class='coach-grade'>", notices_html([*grade.notices, *notices], ui)]
    html += [_criterion(g, reply, rubric, grade.lang, ui) for g in judged]
    html.append(unjudged_line([g for g in rest if g.verdict is Verdict.UNJUDGED], rubric, ui))
    if skipped:
        html.append(f"<div class='na'>{escape(t('grade.not_applicable', ui, names=', '.join(skipped)))}</div>")
    html.append("</div>")
    return "".join(html)


def unjudged_line(grades: Sequence[CriterionGrade], rubric: Rubric, ui: str) -> str:
    """What the offline grader could not judge, in one line: never a pass, a fail or an n/a."""
    if not grades:
        return ""
    names = ", ".join(f"<span data-criterion='{escape(g.criterion)}' title='{escape(explain(g, ui, rubric))}'>"
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


def _reason(r: MoodReason, rubric: Rubric, ui: str) -> str:
    name = t("mood.drift", ui) if r.criterion == DRIFT else (
        t("mood.limit", ui) if r.criterion == "limit" else criterion_name(rubric, r.criterion, ui))
    return f"{name} {'+' if r.amount > 0 else ''}{r.amount}"


def mood_meter(mood: int, *, before: int | None = None, band: str = "", reasons: Sequence[MoodReason] = (),
               rubric: Rubric | None = None, end: EndState | None = None, ui: str = "en") -> str:
    color = "#16a34a" if mood < 35 else "#ca8a04" if mood < 60 else "#ea580c" if mood < 85 else "#dc2626"
    change = ""
    if before is not None and before != mood:
        change = f" ({'+' if mood > before else ''}{mood - before})"
    why = ", ".join(_reason(r, rubric, ui) for r in reasons) if rubric else ""
    status = f" · {t(f'end.{end.value}', ui)}" if end else (f" · {t(f'band.{band}', ui)}" if band else "")
    return (f"<div class='coach-mood' data-mood='{mood}'><div class='track'><div class='fill' "
            f"style='width:{mood}%;background:{color}'></div></div>"
            f"<div class='label'>{escape(t('mood.label', ui, mood=mood))}{change}{escape(status)}</div>"
            + (f"<div class='why'>{escape(why)}</div>" if why else "") + "</div>")


def ended_banner(conversation: Conversation, ui: str) -> str:
    """A plain announcement of how the conversation ended (empty while it goes on)."""
    if conversation.end is None:
        return ""
    end = conversation.end.value
    return (f"<div class='coach-ended {end}' id='coach-ended' data-end='{end}'>"
            f"{escape(t(f'ended.{end}', ui, customer=conversation.customer_name))}</div>")


def banner(engine: str, local: bool = False, ui: str = "en") -> str:
    parts = [f"<div class='coach-banner' id='coach-engine'>{escape(engine)}</div>"]
    if local:
        parts.append(f"<div class='coach-banner local' id='coach-local'>{escape(t('banner.local', ui))}</div>")
    return "".join(parts)


def scorecard_html(card: Scorecard, conversation: Conversation, ui: str = "en") -> str:
    outcome = t(f"end.{conversation.end.value}", ui) if conversation.end else t("end.in_progress", ui)
    score = f"{card.score:.0%}" if card.score is not None else "–"
    rows = "".join(
        f"<tr data-criterion='{escape(s.criterion)}'><td>{escape(s.name)}</td><td>{s.passed}/{s.judged}</td>"
        f"<td>{s.not_applicable}</td><td class='unjudged'>{s.unjudged}</td></tr>"
        for s in card.criteria if s.judged or s.not_applicable or s.unjudged)
    lang = conversation.language
    fails = "".join(
        f"<li>{escape(t('score.turn', ui, turn=f.turn))} · <b>{escape(f.name)}</b>"
        + (": " + "; ".join(f"<mark>{text(q)}</mark>" for q in f.quotes) if f.quotes else "")
        + (f"<br><span class='better'>{escape(t('grade.try', ui))} {text(f.better, lang)}</span>" if f.better else "")
        + "</li>" for f in card.failures)
    practise = "".join(f"<li>{escape(n)}</li>" for n in card.practise_next) or f"<li>{escape(t('score.nothing', ui))}</li>"
    retries = f"<p class='retries'>{escape(t('score.retries', ui, count=card.retries))}</p>" if card.retries else ""
    return (f"<div class='coach-score' id='coach-scorecard'>"
            f"<h3>{escape(t('score.title', ui, outcome=outcome, score=score))}</h3>"
            f"<table><tr><th>{escape(t('score.criterion', ui))}</th><th>{escape(t('score.passed', ui))}</th>"
            f"<th>n/a</th><th>{escape(t('score.unjudged', ui))}</th></tr>{rows}</table>{retries}"
            f"<h4>{escape(t('score.practise_next', ui))}</h4><ol>{practise}</ol>"
            + (f"<h4>{escape(t('score.failed_turns', ui))}</h4><ul class='coach-grade'>{fails}</ul>" if fails else "")
            + "</div>")


def transcript_html(conversation: Conversation, rubric: Rubric, ui: str = "en", owner_name: str | None = None) -> str:
    """A whole conversation with every grade, for My sessions and the trainer's view."""
    c = conversation
    lang = c.language
    card = scorecard(c, rubric, ui)
    outcome = t(f"end.{c.end.value}", ui) if c.end else t("end.in_progress", ui)
    head = (f"<h3>{text(c.persona_name)}</h3><div class='meta'>"
            + escape(t("transcript.meta", ui, customer=c.customer_name, started=f"{c.started_at:%Y-%m-%d %H:%M}",
                       outcome=outcome, mode=t(f"mode.{c.mode}", ui)))
            + (escape(" · " + t("transcript.owner", ui, name=owner_name)) if owner_name else "") + "</div>")
    parts = [f"<div class='coach-transcript' id='coach-transcript-{escape(c.id)}'>", head,
             f"<div class='speaker'>{text(c.customer_name)}</div><div class='said' dir='{direction(lang)}'>"
             f"{escape(c.opening)}</div>"]
    for turn in c.turns:
        for earlier in c.attempts(turn.index)[:-1]:
            parts.append(_turn_html(earlier, rubric, lang, ui, t("transcript.earlier", ui, turn=turn.index + 1,
                                                                   attempt=earlier.attempt + 1)))
        parts.append(_turn_html(turn, rubric, lang, ui, t("transcript.you", ui, turn=turn.index + 1)))
        parts.append(f"<div class='speaker'>{text(c.customer_name)}</div>"
                     f"<div class='said' dir='{direction(lang)}'>{escape(turn.customer)}</div>")
    parts.append(scorecard_html(card, c, ui))
    parts.append("</div>")
    return "".join(parts)


def _turn_html(turn: TurnRecord, rubric: Rubric, lang: str, ui: str, who: str) -> str:
    return (f"<div class='speaker'>{escape(who)}</div>"
            f"<div class='said' dir='{direction(lang)}'>{escape(turn.reply)}</div>"
            + grade_panel(turn.grade, turn.reply, rubric, turn.notices, ui))


def chat_messages(conversation: Conversation, pending: str | None = None,
                  customer_text: str | None = None) -> list[dict]:
    """The conversation as Chatbot messages, escaped: the Chatbot renders HTML in messages, and
    escaped text shows exactly what was typed. The customer is on the left, the trainee right."""
    messages = [{"role": "assistant", "content": escape(conversation.opening)}]
    for turn in conversation.turns:
        messages += [{"role": "user", "content": escape(turn.reply)},
                     {"role": "assistant", "content": escape(turn.customer)}]
    if pending is not None:
        messages.append({"role": "user", "content": escape(pending)})
        if customer_text:
            messages.append({"role": "assistant", "content": escape(customer_text)})
    return messages
