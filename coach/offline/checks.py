"""One check per rubric criterion: a verdict, why, and the words that caused it.

Checks only report what their patterns can see. A fail is backed by a matched
phrase (confidence "high"); where a verdict would need judgment the check says
n/a and why, rather than guessing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from coach.cases import Turn
from coach.grades import Evidence, Verdict
from coach.offline import names
from coach.offline.lexicon import Compiled
from coach.offline.text import Text

PASS, FAIL, NA = Verdict.PASS, Verdict.FAIL, Verdict.NA
_SHOUT = re.compile(r"\b[A-ZÀ-ÞĀ-Ž]{3,}(?:\s+[A-ZÀ-ÞĀ-Ž]{2,}){2,}\b")
_EMPHATIC = re.compile(r"[!?]{2,}|!\s*$")


@dataclass
class Situation:
    """The reply being graded and what the grader knows around it."""

    reply: Text
    lex: Compiled
    lang: str
    customer_name: str | None = None
    context: list[Turn] = field(default_factory=list)

    @cached_property
    def last_customer(self) -> Text | None:
        for turn in reversed(self.context):
            if turn.role == "customer":
                return Text.of(turn.content)
        return None

    @cached_property
    def earlier_replies(self) -> list[Text]:
        return [Text.of(t.content) for t in self.context if t.role == "trainee"]

    @cached_property
    def own_name(self) -> str | None:
        for text in [self.reply, *self.earlier_replies]:
            span = names.find_own_name(text, self.lex, self.customer_name)
            if span:
                return text.norm[span[0]:span[1]]
        return None

    @cached_property
    def customer_upset(self) -> bool | None:
        text = self.last_customer
        if text is None:
            return None
        return bool(self.lex.upset.search(text.norm) or _SHOUT.search(text.original)
                    or _EMPHATIC.search(text.norm) or self.customer_abusive)

    @cached_property
    def customer_abusive(self) -> bool | None:
        text = self.last_customer
        return None if text is None else bool(self.lex.abuse.search(text.norm))

    def ev(self, start: int, end: int) -> Evidence:
        return self.reply.evidence(start, end)

    def clause(self, start: int, end: int, limit: int = 90) -> Evidence:
        """Evidence from `start` to `end`, widened to the end of its clause."""
        s_end = self.reply.sentence_at(start)[1]
        stop = min(max(end, s_end), start + max(limit, end - start))
        return self.ev(start, stop)


Result = tuple[Verdict, str, list[Evidence], str]  # verdict, explanation, evidence, confidence
Check = Callable[[Situation], Result]


def _q(ev: Evidence) -> str:
    return f"“{ev.text}”"


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(span[0] < b and a < span[1] for a, b in spans)


def _starts_within(pattern, text: str, start: int, end: int) -> bool:
    m = pattern.search(text, start)
    return m is not None and m.start() < end


def no_yes_but(s: Situation) -> Result:
    norm, lex = s.reply.norm, s.lex
    offers: list[Evidence] = []
    for m in lex.contrast.finditer(norm):
        sent_start, sent_end = s.reply.sentence_at(m.start())
        window_start = max(sent_start, m.start() - 120)
        acks = list(lex.acknowledge.finditer(norm, window_start, m.start()))
        lead = norm[sent_start:m.start()].strip(" ,;:-—–\"'")
        if not acks and len(lead.split()) <= 2:  # "However, ..." or "Unfortunately, however, ..." opens the sentence
            prev = s.reply.previous_sentence(m.start())
            if prev:
                acks = list(lex.acknowledge.finditer(norm, max(prev[0], prev[1] - 160), prev[1]))
        after = m.end() + len(norm[m.end():sent_end]) - len(norm[m.end():sent_end].lstrip(" ,:;—–-"))
        near = min(sent_end, after + 30)  # an action or good news must open the clause, not hide in it
        helps = not lex.refusal.match(norm, after, sent_end) and (
            lex.offer.match(norm, after, sent_end) or _starts_within(lex.own_action, norm, after, near)
            or _starts_within(lex.good_news, norm, after, near))
        if helps:  # the "but" leads to something done or offered, not to a refusal
            offers.append(s.clause(m.start(), m.end() + 1, 70))
            continue
        if not acks:
            continue
        ack = acks[-1]
        ev = s.clause(ack.start(), m.end() + 1)
        return (FAIL, f"You acknowledged the customer and then took it back: {_q(ev)}. After a “but” the customer "
                      "only hears the refusal. Say what you can do instead, or let the acknowledgement stand on its own.",
                [ev], "high")
    for m in lex.concessive.finditer(norm):  # "Even though I understand, the rules don't allow it."
        sent_start, sent_end = s.reply.sentence_at(m.end())
        ack = lex.acknowledge.search(norm, m.end(), min(sent_end, m.end() + 60))
        if not ack:
            continue
        comma = norm.find(",", ack.end(), sent_end)
        if comma < 0:  # no comma (Swedish word order): the main clause must carry a negation to be a refusal
            if not lex.negation.search(norm, ack.end(), sent_end):
                continue
            comma = ack.end()
        after = comma + 1 + len(norm[comma + 1:sent_end]) - len(norm[comma + 1:sent_end].lstrip())
        near = min(sent_end, after + 30)
        if (lex.offer.match(norm, after, sent_end) or _starts_within(lex.own_action, norm, after, near)
                or _starts_within(lex.good_news, norm, after, near)):
            continue
        ev = s.clause(m.start() + len(norm[m.start():m.end()]) - len(norm[m.start():m.end()].lstrip(".!? ")), sent_end, 120)
        return (FAIL, f"You acknowledged the customer only to set it against a refusal: {_q(ev)}. The customer hears "
                      "the refusal. Let the understanding stand, then say what you can do.", [ev], "high")
    if offers:
        return (PASS, f"Your “but” leads to something you can do ({_q(offers[0])}), not to a refusal.", offers[:1], "high")
    return (PASS, "You never acknowledged the customer only to contradict them.", [], "low")


def under_promise(s: Situation) -> Result:
    norm, lex, text = s.reply.norm, s.lex, s.reply
    negated = [m.span() for m in lex.guarantee_negated.finditer(norm)]
    hedges = [m.span() for m in lex.hedge.finditer(norm)]
    fails: list[tuple[Evidence, str]] = []
    for m in lex.never_again.finditer(norm):
        fails.append((s.clause(m.start(), m.end()), "nobody can promise that something will never happen again"))
    ensures = [m for m in lex.ensure.finditer(norm) if not _overlaps(m.span(), negated)]
    for m in ensures:
        fails.append((s.clause(m.start(), m.end(), 110), "you cannot make sure of a result that others deliver"))
    covered: list[tuple[int, int]] = [text.sentence_at(m.start()) for m in ensures]
    for g in lex.guarantee.finditer(norm):
        if _overlaps(g.span(), negated) or text.sentence_at(g.start()) in covered:
            continue
        sent = text.sentence_at(g.start())
        outcome = lex.outcome.search(norm, *sent)
        own = lex.own_action.search(norm, *sent)
        covered.append(sent)
        if outcome:
            a, b = min(g.start(), outcome.start()), max(g.end(), outcome.end())
            fails.append((s.clause(a, b, 120), "it guarantees a result that depends on others"))
        elif not own:
            fails.append((s.clause(g.start(), g.end()), "it guarantees something you do not control"))
    soft: list[Evidence] = []
    for o in lex.outcome.finditer(norm):
        sent = text.sentence_at(o.start())
        if sent in covered or any(sent[0] <= a and b <= o.start() for a, b in negated):
            continue  # "I can't promise when it arrives" is honest, not a promise
        if lex.from_me.search(norm, o.start(), min(sent[1], o.end() + 60)):
            continue  # "you'll get an email from me" is the speaker's own step
        deadline = lex.deadline.search(norm, *sent)
        hedged = any(sent[0] <= h[0] < sent[1] for h in hedges)
        if deadline and not hedged:
            a, b = min(o.start(), deadline.start()), max(o.end(), deadline.end())
            fails.append((s.clause(a, b, 120), "it sets a deadline for a result that depends on others"))
            covered.append(sent)
        else:
            soft.append(s.clause(o.start(), o.end(), 60))
    if fails:
        ev, why = fails[0]
        return (FAIL, f"{_q(ev)} is a promise you cannot keep on your own: {why}. Commit to your own next step "
                      "instead (a check, a call-back, an update) and keep any time you give for that.",
                [e for e, _ in fails[:3]], "high")
    own = [s.clause(m.start(), m.end(), 70) for m in lex.own_action.finditer(norm)]
    if own:
        return (PASS, f"You committed to your own next step ({_q(own[0])}), which is in your control.", own[:2], "high")
    expectations = [m.span() for m in lex.expectation.finditer(norm)]
    if negated or expectations:
        ev = s.clause(*(negated or expectations)[0], 70)
        return (PASS, f"You set expectations honestly ({_q(ev)}) instead of guaranteeing a result.", [ev], "low")
    if soft:
        return (PASS, f"You described what should happen ({_q(soft[0])}) without guaranteeing it or tying it to a deadline.",
                soft[:1], "low")
    return (NA, "This reply makes no promise or commitment, so there was nothing to over-promise.", [], "low")


def personalize(s: Situation) -> Result:
    own = names.find_own_name(s.reply, s.lex, s.customer_name)
    own_ev = [s.ev(*own)] if own else []
    if not s.customer_name or not names.name_pattern(
            s.customer_name, (), (), frozenset(s.lex.name_titles)):
        if own_ev:
            return (PASS, f"You introduced yourself ({_q(own_ev[0])}); the customer's name is not known.", own_ev, "low")
        return (NA, "The customer's name is not known, so the grader cannot check you used it.", [], "low")
    spans = names.find_customer_name(s.reply, s.customer_name, s.lex)
    if spans:
        ev = [s.ev(*spans[0])] + own_ev
        if own_ev:
            why = f"You addressed the customer by name ({_q(ev[0])}) and gave your own ({_q(own_ev[0])})."
        elif s.own_name:
            why = f"You addressed the customer by name ({_q(ev[0])}); you gave your own name earlier."
        else:
            why = (f"You addressed the customer by name ({_q(ev[0])}). Tell them your own name too when you "
                   "introduce yourself: it makes the conversation personal.")
        return (PASS, why, ev, "high")
    generic = s.lex.generic_address.search(s.reply.norm)
    if generic:
        ev = s.ev(*generic.span())
        return (FAIL, f"You called the customer {_q(ev)} instead of using their name, {s.customer_name}.", [ev], "high")
    if own_ev:
        return (FAIL, f"You gave your name ({_q(own_ev[0])}) but never used the customer's, {s.customer_name}.", own_ev, "high")
    return (FAIL, f"You never used the customer's name ({s.customer_name}). A name turns a complaint into a "
                  "conversation between two people; use it, and give yours.", [], "high")


def no_condescending_apology(s: Situation) -> Result:
    norm, lex = s.reply.norm, s.lex
    found = [(m, "apologises for the customer's feelings instead of for what happened")
             for m in lex.feelings_apology.finditer(norm)]
    found += [(m, "talks down to the customer") for m in lex.talking_down.finditer(norm)
              if not lex.negated_speech.search(norm, max(0, m.start() - 50), m.start())]
    if found:
        found.sort(key=lambda pair: pair[0].start())
        m, why = found[0]
        ev = [s.clause(f.start(), f.end(), 50) for f, _ in found[:3]]
        return (FAIL, f"{_q(ev[0])} {why}. Apologise for what you or the company did, and never tell the "
                      "customer how they should feel.", ev, "high")
    apology = lex.apology.search(norm)
    if apology:
        ev = s.clause(apology.start(), apology.end(), 60)
        return (PASS, f"Your apology is about what happened, not about how the customer feels: {_q(ev)}.", [ev], "high")
    return (PASS, "No condescending apology or talking down.", [], "low")


def acknowledge_feelings(s: Situation) -> Result:
    m = s.lex.empathy.search(s.reply.norm)
    if m:
        ev = s.clause(m.start(), m.end(), 70)
        return (PASS, f"You acknowledged how the customer feels: {_q(ev)}.", [ev], "high")
    if s.customer_upset:
        return (FAIL, "The customer is upset and the reply goes straight past it. Name the feeling first "
                      "(“that sounds really frustrating”), then fix the problem.", [], "low")
    return (NA, "No upset customer message to respond to, or none the offline grader could see.", [], "low")


def restate_problem(s: Situation) -> Result:
    m = s.lex.restate.search(s.reply.norm)
    if m:
        ev = s.clause(m.start(), m.end(), 80)
        return (PASS, f"You checked your understanding of the problem: {_q(ev)}.", [ev], "high")
    return (NA, "Whether the problem was restated needs judgment the offline grader cannot make.", [], "low")


def own_it(s: Situation) -> Result:
    norm = s.reply.norm
    m = s.lex.excuse.search(norm)
    if m:
        ev = s.clause(m.start(), m.end(), 80)
        return (FAIL, f"{_q(ev)} is an excuse or shifts the blame. Take responsibility on behalf of the company.", [ev], "high")
    m = s.lex.ownership.search(norm)
    if m:
        ev = s.clause(m.start(), m.end(), 70)
        return (PASS, f"You took responsibility: {_q(ev)}.", [ev], "high")
    return (NA, "No excuse and no explicit ownership found; judging ownership beyond that needs a model.", [], "low")


def next_step(s: Situation) -> Result:
    guarantees = [g.span() for g in s.lex.ensure.finditer(s.reply.norm)]
    m = next((a for a in s.lex.own_action.finditer(s.reply.norm) if not _overlaps(a.span(), guarantees)), None)
    if m:
        ev = s.clause(m.start(), m.end(), 80)
        return (PASS, f"The customer knows what happens next: {_q(ev)}.", [ev], "high")
    return (NA, "No concrete step found; whether one was needed here needs judgment the offline grader cannot make.", [], "low")


def stay_professional(s: Situation) -> Result:
    m = s.lex.unprofessional.search(s.reply.norm)
    if m:
        ev = s.ev(*m.span())
        return (FAIL, f"{_q(ev)} is not professional. Stay calm and courteous whatever the customer says.", [ev], "high")
    m = _SHOUT.search(s.reply.norm)
    if m:
        ev = s.ev(*m.span())
        return (FAIL, f"Writing in capitals ({_q(ev)}) reads as shouting.", [ev], "high")
    return (PASS, "The tone stays professional.", [], "low")


def set_boundaries(s: Situation) -> Result:
    if not s.customer_abusive:
        return (NA, "The customer was not abusive, so no boundary was needed.", [], "low" if s.customer_abusive is None else "high")
    m = s.lex.boundary.search(s.reply.norm)
    if m:
        ev = s.clause(m.start(), m.end(), 90)
        return (PASS, f"You set a calm, clear limit on the abuse: {_q(ev)}.", [ev], "high")
    return (FAIL, "The customer was abusive and the reply lets it pass. Say you want to help and can only go on "
                  "if the language stops; hand over or end the conversation if it does not.", [], "low")


def positive_close(s: Situation) -> Result:
    m = s.lex.positive_close.search(s.reply.norm)
    if m:
        ev = s.clause(m.start(), m.end(), 80)
        return (PASS, f"You closed on a positive note: {_q(ev)}.", [ev], "high")
    closing = s.last_customer is not None and s.lex.closing_customer.search(s.last_customer.norm)
    if closing:
        return (FAIL, "The customer is wrapping up and the reply ends flat. Thank them and leave a good last impression.", [], "low")
    return (NA, "Not a closing turn.", [], "low")


CHECKS: dict[str, Check] = {
    "no_yes_but": no_yes_but,
    "under_promise": under_promise,
    "personalize": personalize,
    "no_condescending_apology": no_condescending_apology,
    "acknowledge_feelings": acknowledge_feelings,
    "restate_problem": restate_problem,
    "own_it": own_it,
    "next_step": next_step,
    "stay_professional": stay_professional,
    "set_boundaries": set_boundaries,
    "positive_close": positive_close,
}
