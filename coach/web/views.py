"""HTML for the page's panels: persona card, grade panel, mood meter, scorecard.

Everything user-written is escaped; quoted evidence is highlighted inside the reply
with <mark>, and Arabic text is laid out right to left.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape

from coach.grades import CriterionGrade, Evidence, Grade, Verdict
from coach.languages import LANGUAGES, RTL
from coach.mood import EndState
from coach.notices import Notice
from coach.personas import Persona
from coach.practice import Conversation, TurnRecord
from coach.rubric import Rubric
from coach.scorecard import Scorecard

BADGE = {Verdict.PASS: ("pass", "✓ pass"), Verdict.FAIL: ("fail", "✗ fail"), Verdict.NA: ("na", "– n/a")}

CSS = """
.coach-banner {padding: 6px 12px; border-radius: 6px; background: #eef2ff; color: #312e81; font-size: 0.9em}
.coach-card h3 {margin: 0 0 4px 0}
.coach-card .meta {color: #555; font-size: 0.9em}
.coach-grade .crit {border-left: 4px solid #ccc; padding: 4px 10px; margin: 6px 0}
.coach-grade .crit.fail {border-color: #dc2626; background: #fef2f2}
.coach-grade .crit.pass {border-color: #16a34a; background: #f0fdf4}
.coach-grade .badge {font-weight: 600; margin-right: 6px}
.coach-grade .crit.fail .badge {color: #b91c1c}
.coach-grade .crit.pass .badge {color: #15803d}
.coach-grade blockquote {margin: 4px 0; padding: 4px 8px; background: #fff; border: 1px solid #eee}
.coach-grade mark {background: #fde68a; padding: 0 2px}
.coach-grade .better {color: #1e40af}
.coach-grade .note {color: #6b7280; font-size: 0.85em}
.coach-grade .na {color: #6b7280; font-size: 0.85em}
.coach-mood .track {height: 16px; background: #e5e7eb; border-radius: 8px; overflow: hidden}
.coach-mood .fill {height: 100%; transition: width 0.6s ease}
.coach-mood .label {font-weight: 600; margin-top: 4px}
.coach-mood .why {color: #4b5563; font-size: 0.85em}
.coach-score table {border-collapse: collapse; width: 100%}
.coach-score td, .coach-score th {border-bottom: 1px solid #eee; padding: 3px 6px; text-align: left}
.coach-notice {color: #92400e; background: #fffbeb; padding: 4px 8px; border-radius: 4px}
"""


def direction(lang: str) -> str:
    return "rtl" if lang in RTL else "ltr"


def persona_card(persona: Persona | None) -> str:
    if persona is None:
        return "<div class='coach-card'>Pick a customer to practise with.</div>"
    d = direction(persona.language)
    return (f"<div class='coach-card'><h3 dir='{d}'>{escape(persona.display_name)}</h3>"
            f"<div class='meta'>{escape(persona.customer_name)} · {escape(LANGUAGES[persona.language])} · "
            f"difficulty: <b>{persona.difficulty.value}</b></div>"
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


_QUOTED = re.compile(r"“([^”]*)”")


def isolate_quotes(text: str) -> str:
    """Escape, and isolate each quoted passage so Arabic quotes don't scramble English sentences."""
    return _QUOTED.sub(lambda m: f"“<bdi>{m.group(1)}</bdi>”", escape(text))


def _criterion(g: CriterionGrade, reply: str, name: str, lang: str) -> str:
    css, label = BADGE[g.verdict]
    parts = [f"<div class='crit {css}' data-criterion='{g.criterion}' data-verdict='{g.verdict.value}'>",
             f"<span class='badge'>{label}</span><b>{escape(name)}</b>",
             f"<div class='why'>{isolate_quotes(g.explanation)}</div>"]
    if g.evidence and g.verdict is Verdict.FAIL:  # passes quote their words in the explanation already
        parts.append(highlighted(reply, g.evidence, lang))
    if g.better:
        parts.append(f"<div class='better'>Try: <bdi dir='{direction(lang)}'>{escape(g.better)}</bdi></div>")
    if g.disagreement:
        parts.append(f"<div class='note'>{isolate_quotes(g.disagreement)}</div>")
    parts.append("</div>")
    return "".join(parts)


def grade_panel(grade: Grade | None, reply: str, rubric: Rubric, notices: Sequence[Notice] = ()) -> str:
    if grade is None:
        return "<div class='coach-grade'>Your last reply's grade appears here.</div>"
    names = {c.id: c.name for c in rubric.criteria}
    judged = [g for g in grade.criteria if g.verdict is not Verdict.NA]
    judged.sort(key=lambda g: g.verdict is not Verdict.FAIL)  # fails first: that is what to fix
    skipped = [names.get(g.criterion, g.criterion) for g in grade.criteria if g.verdict is Verdict.NA]
    html = ["<div class='coach-grade'>"]
    html += [f"<div class='coach-notice'>{escape(n.text())}</div>" for n in [*grade.notices, *notices]]
    html += [_criterion(g, reply, names.get(g.criterion, g.criterion), grade.lang) for g in judged]
    if skipped:
        html.append(f"<div class='na'>Not applicable this turn: {escape(', '.join(skipped))}</div>")
    html.append("</div>")
    return "".join(html)


def mood_meter(mood: int, *, before: int | None = None, band: str = "", reasons: list = (), rubric: Rubric | None = None,
               end: EndState | None = None) -> str:
    color = "#16a34a" if mood < 35 else "#ca8a04" if mood < 60 else "#ea580c" if mood < 85 else "#dc2626"
    change = ""
    if before is not None and before != mood:
        change = f" ({'+' if mood > before else ''}{mood - before})"
    names = {c.id: c.name for c in rubric.criteria} if rubric else {}
    why = ", ".join(f"{names.get(r.criterion, r.criterion)} {'+' if r.amount > 0 else ''}{r.amount}" for r in reasons)
    status = f" · {end.label}" if end else (f" · {band}" if band else "")
    return (f"<div class='coach-mood' data-mood='{mood}'><div class='track'><div class='fill' "
            f"style='width:{mood}%;background:{color}'></div></div>"
            f"<div class='label'>Customer mood: {mood}/100{change}{escape(status)}</div>"
            + (f"<div class='why'>{escape(why)}</div>" if why else "") + "</div>")


def banner(engine: str) -> str:
    return f"<div class='coach-banner' id='coach-engine'>{escape(engine)}</div>"


def scorecard_html(card: Scorecard, conversation: Conversation) -> str:
    outcome = conversation.end.label if conversation.end else "In progress"
    score = f"{card.score:.0%}" if card.score is not None else "–"
    rows = "".join(
        f"<tr><td>{escape(s.name)}</td><td>{s.passed}/{s.judged}</td><td>{s.not_applicable}</td></tr>"
        for s in card.criteria if s.judged or s.not_applicable)
    fails = "".join(
        f"<li>Turn {f.turn} · <b>{escape(f.name)}</b>"
        + (": " + "; ".join(f"<mark><bdi>{escape(q)}</bdi></mark>" for q in f.quotes) if f.quotes else "")
        + (f"<br><span class='better'>Try: <bdi dir='{direction(conversation.language)}'>{escape(f.better)}</bdi></span>"
           if f.better else "") + "</li>"
        for f in card.failures)
    practise = "".join(f"<li>{escape(n)}</li>" for n in card.practise_next) or "<li>Nothing failed. Well done.</li>"
    return (f"<div class='coach-score' id='coach-scorecard'><h3>Scorecard · {escape(outcome)} · score {score}</h3>"
            f"<table><tr><th>Criterion</th><th>Passed</th><th>n/a</th></tr>{rows}</table>"
            f"<h4>Practise next</h4><ol>{practise}</ol>"
            + (f"<h4>Turns that failed</h4><ul class='coach-grade'>{fails}</ul>" if fails else "") + "</div>")


def chat_messages(conversation: Conversation, pending: str | None = None, customer_text: str | None = None) -> list[dict]:
    """The conversation as Chatbot messages: the customer on the left, the trainee on the right."""
    messages = [{"role": "assistant", "content": conversation.opening}]
    for t in conversation.turns:
        messages += [{"role": "user", "content": t.reply}, {"role": "assistant", "content": t.customer}]
    if pending is not None:
        messages.append({"role": "user", "content": pending})
        if customer_text:
            messages.append({"role": "assistant", "content": customer_text})
    return messages


def last_turn(conversation: Conversation) -> TurnRecord | None:
    return conversation.turns[-1] if conversation.turns else None
