"""next_step: the customer knows what happens next and who does it.

A concrete step is someone (the trainee, a named team, the customer told how) doing something
definite: the trainee's own action ("I'll text you the result before 5", "estoy reservando"), a
repair already made ("I've refunded the full $24.50"), an offer to act ("Shall I go ahead?"), a
request that moves things on ("Can you give me the tracking number?"), an instruction ("Go to
Settings → Members") or another party's action with a time ("it'll be rebooked for the next working
day"). Vague futures ("we'll look into it at some point", "ya veremos", "kindly wait") are no step.
"""

from __future__ import annotations

import re

from coach.offline.condescension import condescension
from coach.offline.conduct import boundaries, unprofessional
from coach.offline.excuses import excuses, refusals
from coach.offline.situation import FAIL, NA, PASS, Result, Situation, because, negated, quote, shared, unjudged

# where the customer can go: a phone number, an address on the web, an e-mail address
CHANNEL = re.compile(r"@\w|https?://|www\.|\b\w[\w-]*\.(?:com|org|net|eu|lv|pl|se|es|sa|ae|eg|uk|io|example)\b|\d[\d \-–]{5,}\d")
# the kinds of step that are the agent's own doing: something done, under way, offered or handed on
ACTS = frozenset({"own", "done", "offer", "handover"})
# a way through menus: "Documentos > Facturación", "Konto → Abonnemang"
_MENU = re.compile(r"\w\s*[>→»]\s*\w")
# "we can only rebook you on our own flights", "claims only within 14 days" restrict; they do not help
ONLY = re.compile(r"\b(?:only|solo|sólo|únicamente|tylko|jedynie|bara|endast|tikai|vienīgi)\b|فقط")


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(span[0] < b and a < span[1] for a, b in spans)


@shared
def vague(s: Situation) -> list[tuple[int, int]]:
    return [m.span() for m in s.lex.vague.finditer(s.reply.low)]


@shared
def steps(s: Situation) -> list[tuple[int, int, str]]:
    """(start, end, kind) of each concrete step in the reply, in order."""
    norm, lex, text = s.reply.low, s.lex, s.reply
    hazy = {text.sentence_index(a) for a, _ in vague(s)}
    # sentences that carry no step: a rude one ("if you want it fixed, drop the attitude"), and the closing question
    # "Is there anything else I can help you with?", which moves nothing on (nor is its "I can help" a repair)
    barren = {text.sentence_index(a) for a, _, _ in unprofessional(s)}
    barren |= {i for i, (a, b) in enumerate(text.sentences) if text.asks(a, b) and lex.anything_else.search(norm, a, b)}
    guarantees = [g.span() for g in lex.ensure.finditer(norm)]
    limits = boundaries(s) if s.customer_abusive else []  # "runāsim bez apvainojumiem" sets a limit, no step
    found: list[tuple[int, int, str]] = []
    for kind, group in (("own", lex.own_action), ("done", lex.good_news), ("offer", lex.offer_question),
                        ("request", lex.request), ("instruction", lex.instruction), ("handover", lex.handover)):
        for m in group.finditer(norm):
            index = text.sentence_index(m.end() - 1)
            if (kind == "own" and _overlaps(m.span(), guarantees)) or index in barren:
                continue
            if kind != "handover" and _overlaps(m.span(), limits):
                continue
            if kind in ("own", "offer", "request") and negated(s, m.start()):
                continue  # "no te lo podemos devolver", "si no me da la guía"
            if index in hazy and kind in ("own", "offer", "instruction", "handover"):
                continue  # "we'll look into it at some point": a step in name only
            # (an instruction's match opens on the stop before it: its span starts in its own sentence)
            found.append((max(m.start(), text.sentence_at(m.end() - 1)[0]), m.end(), kind))
    for o in lex.outcome.finditer(norm):  # a result the trainee delivers: "you'll get an email from me"
        sent, index = text.sentence_at(o.start()), text.sentence_index(o.start())
        if index not in hazy and index not in barren and lex.from_me.search(norm, o.end(), min(sent[1], o.end() + 60)):
            found.append((o.start(), o.end(), "own"))
    for o in lex.arranged.finditer(norm):  # another's step with a time: "it'll be rebooked for Monday"
        sent, index = text.sentence_at(o.start()), text.sentence_index(o.start())
        if index not in hazy and index not in barren and lex.deadline.search(norm, *sent):
            found.append((o.start(), o.end(), "scheduled"))
    for m in lex.end_conversation.finditer(norm):  # "I'm ending this chat now; start a new one when you're ready"
        if not lex.conditional.search(norm, max(text.sentence_at(m.start())[0], m.start() - 60), m.start()):
            found.append((m.start(), m.end(), "ended"))
    asked = bool(s.customers) and s.customers[-1].asks and not hazy
    for m in lex.customer_can.finditer(norm):
        # "you can email your photos to claims@…": a way on with its channel; "Puede hacerlo en cualquier centro":
        # the way on the customer asked about, unless the reply is vague elsewhere ("bara att vänta") or it is only
        # what they could do if something else happened ("ja parādīsies defekts, varēsiet pieteikt")
        sent = text.sentence_at(m.start())
        way = CHANNEL.search(norm, *sent) or (asked and not lex.conditional.search(norm, sent[0], m.start()))
        if way and text.sentence_index(m.start()) not in barren and not negated(s, m.start()):
            found.append((m.start(), m.end(), "instruction"))
    for start, end in text.sentences:  # a question to the customer that moves things on: "Is that your porch?"
        asks = text.asks(start, end) and (
            lex.addressee.search(norm, start, end) or lex.clarifying.search(norm, start, end + 1))
        if asks and text.sentence_index(start) not in barren:
            found.append((start, end, "question"))
    return sorted(found)


@shared
def scornful_only(s: Situation) -> list[tuple[int, int]]:
    """The spans that blame, mock, refuse or hit back, when every sentence of the reply holds one (the
    reply is nothing else); otherwise none."""
    scorn = [*refusals(s), *((a, b) for a, b, _ in [*excuses(s), *unprofessional(s), *condescension(s)])]
    if scorn and all(any(a <= x < b for x, _ in scorn) for a, b in s.reply.sentences):
        return sorted(scorn)
    return []


def next_step(s: Situation) -> Result:
    found = steps(s)
    if found:
        start, end, _ = found[0]
        ev = s.clause(start, end, 90)
        return (PASS, because("step", quote=quote(ev)), [ev], "high")
    if s.customer_closing:
        return (NA, because("nothing_to_do"), [], "high")
    hazy = vague(s)
    if hazy and s.customers and s.upset_points < 0 and "?" not in s.customer_turns[-1].low and not s.problem_raised:
        return (NA, because("nothing_to_do"), [], "low")  # "I love the app! 😍" asks for nothing, however warm the reply
    if hazy:
        ev = s.clause(hazy[0][0], hazy[0][1], 60)
        return (FAIL, because("vague_step", quote=quote(ev)), [ev], "high")
    blocked = [*refusals(s), *[(a, b) for a, b, _ in [*excuses(s), *unprofessional(s)]]]
    scorn = scornful_only(s)
    if scorn and not s.customer_closing and not _maybe_a_step(s):
        # every sentence blames, mocks, refuses or hits back ("Trzeba było przeczytać opis", "widocznie ma
        # Pani wyrafinowane podniebienie"): the customer is left with nothing to do and nobody doing it
        start, end = min(scorn)
        ev = s.clause(start, end, 70)
        return (FAIL, because("no_step", quote=quote(ev)), [ev], "high")
    if blocked and s.problem_raised is not False and not _maybe_a_step(s):
        start, end = min(blocked)
        ev = s.clause(start, end, 70)
        return (FAIL, because("no_step", quote=quote(ev)), [ev], "high")
    return unjudged()


def _maybe_a_step(s: Situation) -> bool:
    """Words that may carry a step the structures above did not count: something the customer can
    do ("you can add them for 7.99", "du kan förnya dem nästa gång"), a request or an instruction inside
    a rude sentence ("give it to me", "PĀRBAUDIET RĒĶINU VĒLREIZ"), a result with its time
    ("your order will arrive Monday"), a link to follow."""
    norm, lex = s.reply.low, s.lex
    for d in lex.deadline.finditer(norm):  # "it should be with you tomorrow": what happens next, and when
        start, end = s.reply.sentence_at(d.start())
        clause = max([start, *(norm.rfind(mark, start, d.start()) + 1 for mark in ",;:")])
        if ONLY.search(norm, max(clause, d.start() - 20), d.start()):
            continue  # the time of a rule that refuses ("claims only within 14 days"), not of a step
        if not (lex.negator.search(norm, clause, d.start()) or lex.understanding.search(norm, start, end)):
            return True  # (not "I understand money is tight this month")
    if CHANNEL.search(norm) or _MENU.search(norm):
        # a link, an address or a number where the customer can follow it ("Adressen är reklamation@butiken.se"),
        # or the way through an app ("en el menú Documentos > Facturación")
        return True
    # "Du kan förnya dem i receptionen nästa gång ni kommer": maybe advice for later, maybe the way on
    rude = {s.reply.sentence_index(a) for a, _, kind in unprofessional(s) if kind != "shouting"}
    return any(not negated(s, m.start())
               and not (group is lex.instruction and s.reply.sentence_index(m.start()) in rude)
               for group in (lex.customer_can, lex.request, lex.instruction) for m in group.finditer(norm))
