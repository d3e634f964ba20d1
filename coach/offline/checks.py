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
_EMPHATIC = re.compile(r"[!?]{2,}")
_SMILEY = re.compile("[:;]-?[)D]|[\U0001F600-\U0001F60F\U0001F642\U0001F44D\U0001F64F\u2764\U0001F60A\U0001F970]")


@dataclass
class Situation:
    """The reply being graded and what the grader knows around it."""

    reply: Text
    lex: Compiled
    lang: str
    customer_name: str | None = None
    context: list[Turn] = field(default_factory=list)
    agent_name: str | None = None  # the trainee's name when the case or persona gives it

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
        """Upset takes more than one weak cue: a strong word ("unacceptable", "furious") counts two, a weak
        one ("again", "still", "!!") one, shouting two; thanks and smileys count against it."""
        text = self.last_customer
        if text is None:
            return None
        if self.customer_abusive:
            return True
        norm, lex = text.low, self.lex
        score = 2 * len(lex.upset.findall(norm)) + len(lex.upset_weak.findall(norm))
        score += 2 * bool(_SHOUT.search(text.original)) + len(_EMPHATIC.findall(norm))
        score -= len(lex.calm_cues.findall(norm)) + len(_SMILEY.findall(text.original))
        return score >= 2

    @cached_property
    def customer_abusive(self) -> bool | None:
        """Abuse is an insult or threat aimed at a person, not a complaint, an invoice or a bad day."""
        text = self.last_customer
        return None if text is None else bool(self.lex.abuse.search(text.low))

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


def _helps(s: Situation, start: int, end: int) -> bool:
    """What opens the clause at `start` leads to help, not to a refusal: an offer, the speaker's own
    step, good news, or gladness ("..., but I'm glad the rest arrived")."""
    norm, lex = s.reply.low, s.lex
    start += len(norm[start:end]) - len(norm[start:end].lstrip(" ,:;—–-"))
    near = min(end, start + 30)  # an action or good news must open the clause, not hide in it
    if lex.refusal.match(norm, start, end):
        return False
    return bool(lex.offer.match(norm, start, end) or _starts_within(lex.own_action, norm, start, near)
                or _starts_within(lex.good_news, norm, start, near) or _starts_within(lex.welcome, norm, start, near))


def _refuses(s: Situation, start: int, end: int) -> bool:
    """The clause refuses, dismisses or negates: a refusal at its start, or a dismissal anywhere.
    An honest "I can't promise it won't slip" is a caveat, not a refusal."""
    norm, lex = s.reply.low, s.lex
    start += len(norm[start:end]) - len(norm[start:end].lstrip(" ,:;—–-"))
    honest = lex.guarantee_negated.search(norm, start, min(end, start + 40))
    if honest and not lex.dismissal.search(norm, honest.end(), end):
        return False
    return bool(lex.refusal.match(norm, start, end) or lex.dismissal.search(norm, start, end)
                or lex.negation.search(norm, start, end))


def _acknowledgement_before(s: Situation, at: int, sentence_start: int) -> re.Match | None:
    """The last acknowledgement shortly before `at` in its sentence, or, when the contrast opens the
    sentence ("However, ..."), in the sentence before."""
    norm, lex = s.reply.low, s.lex
    acks = list(lex.acknowledge.finditer(norm, max(sentence_start, at - 120), at))
    lead = norm[sentence_start:at].strip(" ,;:-—–\"'")
    if not acks and len(lead.split()) <= 2:
        prev = s.reply.previous_sentence(at)
        if prev:
            acks = list(lex.acknowledge.finditer(norm, max(prev[0], prev[1] - 160), prev[1]))
    return acks[-1] if acks else None


def no_yes_but(s: Situation) -> Result:
    """An acknowledgement taken back: "but", "however" and the like after it (in the same sentence,
    or opening the next), an "even though I understand" clause before a refusal, or an apology
    followed straight away by a sentence that dismisses the request."""
    norm, lex, text = s.reply.low, s.lex, s.reply
    offers: list[Evidence] = []
    openers = [m for start, _ in text.sentences if (m := lex.contrast_opener.match(norm, start))]
    for m in sorted([*lex.contrast.finditer(norm), *openers], key=lambda m: m.start()):
        sent_start, sent_end = text.sentence_at(m.start())
        ack = _acknowledgement_before(s, m.start(), sent_start)
        if ack is None or ack.end() > m.start():
            continue
        if _helps(s, m.end(), sent_end):  # the contrast leads to something done or offered
            offers.append(s.clause(m.start(), m.end() + 1, 70))
            continue
        firm = lex.contrast_firm.match(norm, m.start())  # "But"/"However" take back what came before, said or not
        if ack.start() < sent_start and not firm and not _refuses(s, m.end(), sent_end):
            continue  # "Sorry about the wait. Still, the good part is..." takes nothing back
        ev = s.clause(ack.start(), m.end() + 1)
        return (FAIL, f"You acknowledged the customer and then took it back: {_q(ev)}. After a “but” the customer "
                      "only hears the refusal. Say what you can do instead, or let the acknowledgement stand on its own.",
                [ev], "high")
    for m in lex.concessive.finditer(norm):  # "Even though I understand, the rules don't allow it."
        sent_start, sent_end = text.sentence_at(m.end())
        ack = lex.acknowledge.search(norm, m.end(), min(sent_end, m.end() + 60))
        if not ack:
            continue
        comma = norm.find(",", ack.end(), sent_end)
        if comma < 0:  # no comma (Swedish word order): the main clause must carry a negation to be a refusal
            if not lex.negation.search(norm, ack.end(), sent_end):
                continue
            comma = ack.end()
        if _helps(s, comma + 1, sent_end) or not _refuses(s, comma + 1, sent_end):
            continue
        ev = s.clause(m.start() + len(norm[m.start():m.end()]) - len(norm[m.start():m.end()].lstrip(".!? ")), sent_end, 120)
        return (FAIL, f"You acknowledged the customer only to set it against a refusal: {_q(ev)}. The customer hears "
                      "the refusal. Let the understanding stand, then say what you can do.", [ev], "high")
    sentences = text.sentences
    for (a_start, a_end), (b_start, b_end) in zip(sentences, sentences[1:], strict=False):
        ack = lex.acknowledge.search(norm, a_start, a_end)  # an acknowledgement, then a flat dismissal
        if not ack or _helps(s, b_start, b_end) or lex.own_action.search(norm, a_start, a_end):
            continue
        if lex.good_news.search(norm, b_start, b_end) or lex.welcome.search(norm, b_start, b_end):
            continue  # "We can't say why here, but we've sent you options" ends in help
        dismissal = lex.dismissal.search(norm, b_start, min(b_end, b_start + 90))
        if dismissal and not lex.offer.search(norm, b_start, b_end) and not lex.own_action.search(norm, b_start, b_end):
            ev = s.ev(ack.start(), dismissal.end())
            return (FAIL, f"You acknowledged the customer and went straight on to dismiss it: {_q(ev)}. Without a "
                          "“but” it still takes the acknowledgement back. Say what you can do instead.", [ev], "low")
    if offers:
        return (PASS, f"Your “but” leads to something you can do ({_q(offers[0])}), not to a refusal.", offers[:1], "high")
    return (PASS, "You never acknowledged the customer only to contradict them.", [], "low")


def under_promise(s: Situation) -> Result:
    """Guarantees of what others deliver fail; the speaker's own steps, honest estimates and
    refusals to guarantee pass. A certainty word ("definitely", "rest assured") only counts when
    it vouches for a result in its clause, not for "we certainly understand"."""
    norm, lex, text = s.reply.low, s.lex, s.reply
    negated = [m.span() for m in lex.guarantee_negated.finditer(norm)]
    hedges = [m.span() for m in lex.hedge.finditer(norm)]
    relays = [m.span() for m in lex.relay.finditer(norm)]
    fails: list[tuple[Evidence, str]] = []
    for m in lex.never_again.finditer(norm):
        fails.append((s.clause(m.start(), m.end()), "nobody can promise that something will never happen again"))
    ensures = [m for m in lex.ensure.finditer(norm) if not _overlaps(m.span(), negated) and not _overlaps(m.span(), relays)]
    for m in ensures:
        fails.append((s.clause(m.start(), m.end(), 110), "you cannot make sure of a result that others deliver"))
    covered: list[tuple[int, int]] = [text.sentence_at(m.start()) for m in ensures]
    vouches = [(g, True) for g in lex.guarantee.finditer(norm)] + [(g, False) for g in lex.certainty.finditer(norm)]
    for g, explicit in sorted(vouches, key=lambda pair: pair[0].start()):
        sent = text.sentence_at(g.start())
        if _overlaps(g.span(), negated) or _overlaps(g.span(), relays) or sent in covered:
            continue
        outcome = lex.outcome.search(norm, *sent)
        own = lex.own_action.search(norm, *sent)
        if outcome:
            a, b = min(g.start(), outcome.start()), max(g.end(), outcome.end())
            fails.append((s.clause(a, b, 120), "it guarantees a result that depends on others"))
            covered.append(sent)
        elif explicit and not own:
            fails.append((s.clause(g.start(), g.end()), "it guarantees something you do not control"))
            covered.append(sent)
    soft: list[Evidence] = []
    for o in lex.outcome.finditer(norm):
        sent = text.sentence_at(o.start())
        if sent in covered or any(sent[0] <= a and b <= o.start() for a, b in negated):
            continue  # "I can't promise when it arrives" is honest, not a promise
        if lex.from_me.search(norm, o.start(), min(sent[1], o.end() + 60)) or _overlaps(o.span(), relays):
            continue  # "you'll get an email from me" is the speaker's own step
        if lex.own_action.search(norm, sent[0], o.start()):
            continue  # "I'll export it tomorrow, so you'll have it": the result of the speaker's own step
        deadline = lex.deadline.search(norm, *sent)
        hedged = any(sent[0] <= h[0] < sent[1] for h in hedges)
        if deadline and not hedged:
            a, b = min(o.start(), deadline.start()), max(o.end(), deadline.end())
            fails.append((s.clause(a, b, 120), "it sets a deadline for a result that depends on others"))
            covered.append(sent)
        else:
            soft.append(s.clause(o.start(), o.end(), 60))
    if fails:
        fails.sort(key=lambda pair: pair[0].start)
        ev, why = fails[0]
        return (FAIL, f"{_q(ev)} is a promise you cannot keep on your own: {why}. Commit to your own next step "
                      "instead (a check, a call-back, an update) and keep any time you give for that.",
                [e for e, _ in fails[:3]], "high")
    own = [s.clause(m.start(), m.end(), 70) for m in lex.own_action.finditer(norm)]
    own += [s.clause(*span, 70) for span in relays]
    if own:
        own.sort(key=lambda e: e.start)
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
    if not s.customer_name or not names.name_forms(s.customer_name, (), frozenset(s.lex.name_titles)):
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
    generic = s.lex.generic_address.search(s.reply.low)
    if generic:
        ev = s.ev(*generic.span())
        return (FAIL, f"You called the customer {_q(ev)} instead of using their name, {s.customer_name}.", [ev], "high")
    if own_ev:
        return (FAIL, f"You gave your name ({_q(own_ev[0])}) but never used the customer's, {s.customer_name}.", own_ev, "high")
    return (FAIL, f"You never used the customer's name ({s.customer_name}). A name turns a complaint into a "
                  "conversation between two people; use it, and give yours.", [], "high")


TALKING_DOWN = {
    "feelings": "apologises for how the customer feels or sees it, instead of for what happened",
    "talking_down": "tells the customer how they should feel",
    "reminder": "reminds the customer they were told already",
    "blame": "puts the blame on the customer",
    "sarcasm": "talks down to the customer",
}


def _said(s: Situation, m: re.Match) -> bool:
    """False for words reported as not said ("I won't tell you to calm down")."""
    return not s.lex.negated_speech.search(s.reply.low, max(0, m.start() - 50), m.start())


def no_condescending_apology(s: Situation) -> Result:
    """An apology whose object is the customer's feeling or perception ("sorry you feel that way",
    "we regret your disappointment"), telling them their emotion is unwarranted, reminding them it
    was explained, blaming them (conditional or past: "if you had read...", "you should have"), or
    sarcasm. An apology for what happened passes."""
    norm, lex, text = s.reply.low, s.lex, s.reply
    found: list[tuple[int, int, str]] = [(m.start(), m.end(), "feelings") for m in lex.feelings_apology.finditer(norm)]
    for head in lex.apology_head.finditer(norm):  # the apology's object: the customer's feeling or view
        sent_end = text.sentence_at(head.start())[1]
        obj = lex.feeling_object.search(norm, head.end(), min(sent_end, head.end() + 70))
        if obj and obj.start() - head.end() <= 30:
            found.append((head.start(), obj.end(), "feelings"))
    for kind in ("talking_down", "reminder", "blame", "sarcasm"):
        found += [(m.start(), m.end(), kind) for m in getattr(lex, kind).finditer(norm) if _said(s, m)]
    if s.customer_upset:  # "relax" is kind to a happy customer, dismissive to an upset one
        found += [(m.start(), m.end(), "talking_down") for m in lex.soothe.finditer(norm) if _said(s, m)]
    if found:
        found.sort()
        start, end, kind = found[0]
        ev = [s.clause(start, end, 50)]
        for a, b, _ in found[1:]:
            if a >= ev[-1].end and len(ev) < 3:
                ev.append(s.clause(a, b, 50))
        return (FAIL, f"{_q(ev[0])} {TALKING_DOWN[kind]}. Apologise for what you or the company did, and never tell "
                      "the customer how they should feel or that it is their fault.", ev, "high")
    apology = lex.apology.search(norm)
    if apology:
        ev1 = s.clause(apology.start(), apology.end(), 60)
        return (PASS, f"Your apology is about what happened, not about how the customer feels: {_q(ev1)}.", [ev1], "high")
    return (PASS, "No condescending apology or talking down.", [], "low")


def acknowledge_feelings(s: Situation) -> Result:
    m = s.lex.empathy.search(s.reply.low)
    if m:
        ev = s.clause(m.start(), m.end(), 70)
        return (PASS, f"You acknowledged how the customer feels: {_q(ev)}.", [ev], "high")
    if s.customer_upset:
        return (FAIL, "The customer is upset and the reply goes straight past it. Name the feeling first "
                      "(“that sounds really frustrating”), then fix the problem.", [], "low")
    return (NA, "No upset customer message to respond to, or none the offline grader could see.", [], "low")


def restate_problem(s: Situation) -> Result:
    m = s.lex.restate.search(s.reply.low)
    if m:
        ev = s.clause(m.start(), m.end(), 80)
        return (PASS, f"You checked your understanding of the problem: {_q(ev)}.", [ev], "high")
    return (NA, "Whether the problem was restated needs judgment the offline grader cannot make.", [], "low")


def own_it(s: Situation) -> Result:
    norm = s.reply.low
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
    guarantees = [g.span() for g in s.lex.ensure.finditer(s.reply.low)]
    m = next((a for a in s.lex.own_action.finditer(s.reply.low) if not _overlaps(a.span(), guarantees)), None)
    if m:
        ev = s.clause(m.start(), m.end(), 80)
        return (PASS, f"The customer knows what happens next: {_q(ev)}.", [ev], "high")
    return (NA, "No concrete step found; whether one was needed here needs judgment the offline grader cannot make.", [], "low")


def stay_professional(s: Situation) -> Result:
    m = s.lex.unprofessional.search(s.reply.low)
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
    m = s.lex.boundary.search(s.reply.low)
    if m:
        ev = s.clause(m.start(), m.end(), 90)
        return (PASS, f"You set a calm, clear limit on the abuse: {_q(ev)}.", [ev], "high")
    return (FAIL, "The customer was abusive and the reply lets it pass. Say you want to help and can only go on "
                  "if the language stops; hand over or end the conversation if it does not.", [], "low")


def positive_close(s: Situation) -> Result:
    m = s.lex.positive_close.search(s.reply.low)
    if m:
        ev = s.clause(m.start(), m.end(), 80)
        return (PASS, f"You closed on a positive note: {_q(ev)}.", [ev], "high")
    closing = s.last_customer is not None and s.lex.closing_customer.search(s.last_customer.low)
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
