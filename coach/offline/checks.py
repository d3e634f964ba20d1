"""One check per rubric criterion: a verdict, why, and the words that caused it.

Checks only report what their patterns can see. A fail is backed by a matched
phrase (confidence "high"); where a verdict would need judgment the check says
n/a and why, rather than guessing.
"""

from __future__ import annotations

import re

from coach.grades import Evidence
from coach.offline import names
from coach.offline.closing import positive_close
from coach.offline.condescension import condescension, doubtful
from coach.offline.conduct import boundaries, product_name, set_boundaries, stay_professional, unprofessional
from coach.offline.feelings import acknowledge_feelings, empathy
from coach.offline.ownership import own_it
from coach.offline.restating import restate_problem
from coach.offline.situation import (
    CANNOT_JUDGE,
    FAIL,
    NA,
    PASS,
    Because,
    Check,
    Result,
    Situation,
    because,
    owned,
    quote,
    shared,
    unjudged,
)
from coach.offline.steps import ACTS, next_step, steps
from coach.offline.steps import ONLY as _ONLY

__all__ = ["CANNOT_JUDGE", "CHECKS", "Because", "Situation"]

_q = quote


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(span[0] < b and a < span[1] for a, b in spans)


def _starts_within(pattern, text: str, start: int, end: int, negator=None) -> bool:
    """`pattern` matches before `end`, and (given a negator) is not negated on its way: "pero no te lo
    podemos devolver" offers nothing."""
    m = pattern.search(text, start)
    return m is not None and m.start() < end and not (negator and negator.search(text, start, m.end()))


def _helps(s: Situation, start: int, end: int) -> bool:
    """What opens the clause at `start` leads to help, not to a refusal: an offer, the speaker's own
    step, good news, or gladness ("..., but I'm glad the rest arrived")."""
    norm, lex = s.reply.low, s.lex
    start += len(norm[start:end]) - len(norm[start:end].lstrip(" ,:;—–-"))
    # an action or good news must open the clause, not hide in it; after a condition ("but if the clinic
    # is on our list, we can pay it directly") it opens the main clause
    conditional = lex.conditional.match(norm, start)
    near = min(end, start + (80 if conditional else 30))
    if lex.refusal.match(norm, start, end):
        return False
    offered = lex.offer.match(norm, start, end) or (conditional and _starts_within(lex.offer, norm, start, near, lex.negator))
    own = lex.own_action.search(norm, start)
    own_step = own is not None and own.start() < near and not lex.negator.search(norm, start, own.end()) \
        and not _narrowed(norm, start, own.end(), end)
    return bool(offered or own_step
                or _starts_within(lex.good_news, norm, start, near) or _starts_within(lex.welcome, norm, start, near)
                or _starts_within(lex.request, norm, start, near) or _starts_within(lex.offer_question, norm, start, near))


def _agent_helps(s: Situation, start: int, end: int) -> bool:
    """The agent's own step, an offer or a request that moves things on, somewhere in the span."""
    norm, lex = s.reply.low, s.lex
    for group in (lex.own_action, lex.offer_question, lex.request):
        for m in group.finditer(norm, start, end):
            before = max(start, m.start() - 16)
            if not (lex.negator.search(norm, before, m.end()) or _narrowed(norm, before, m.end(), end)):
                return True  # not "we can't...", "won't let me", "we can only..."
    return False


def _narrowed(norm: str, start: int, at: int, end: int) -> bool:
    """An "only" from `start` to just past `at`, the end of a step: "we can only rebook", "bet mēs piešķiram
    tikai klientiem, kuri..." state a rule, not help."""
    return bool(_ONLY.search(norm, start, min(end, at + 20)))


# a guarantee's term ("guaranteed 10 years", "garantizado por 5 años", "garanti i 2 år") or a service level ("we
# guarantee 99.9% uptime", "garanterar vi 99,9 % tillgänglighet"): a product's terms
_TERM = re.compile(r"\s*(?:for |por |på |i |na |uz |لمدة )?(?:\d+(?:[.,]\d+)?\s?%|\d+|one|two|three|five|ten|un|dos|tres|cinco|diez)\s+\w+")
# a booking guaranteed by a card ("su reserva está garantizada con tarjeta"): a kind of booking, not a promise
_BY_CARD = re.compile(r"\s*(?:(?:con|by|with|med|ar)\s+(?:a |la |su |tu |your |credit |debit |kredīt)?"
                      r"(?:tarjeta|card|kortet|kort|karti)\b|kartą\b|بالبطاقة)")


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


def _bad_news(s: Situation, start: int, end: int) -> bool:
    """The span refuses, or says what goes against the customer: a rule or term invoked, something lapsed,
    a cost or duty laid on them, the fault put on them or on others, the company defended."""
    norm, lex = s.reply.low, s.lex
    if _refuses(s, start, end):
        return True
    if any(group.search(norm, start, end) for group in (lex.bad_news, lex.blame, lex.reminder, lex.defensive, lex.excuse, lex.overload)):
        return True
    return any(start <= a < end for a, _, _ in condescension(s))  # talked down to, or their feeling apologised for


def _dismissal(s: Situation, start: int, end: int) -> re.Match | None:
    """The first dismissal in the span that dismisses: not negated ("there's nothing more you need to
    do" relieves the customer) and not an honest caveat ("I can't promise exactly when")."""
    norm, lex = s.reply.low, s.lex
    honest = [m.span() for m in lex.guarantee_negated.finditer(norm, start, end)]
    for m in lex.dismissal.finditer(norm, start, end):
        if not (_overlaps(m.span(), honest) or lex.negator.search(norm, max(start, m.start() - 16), m.start())):
            return m
    return None


def _their_story(s: Situation, ack: re.Match, turn: int, sent_start: int, end: int) -> bool:
    """An apology, then a contrast inside its sentence (not opening it) whose both sides play back the
    customer's own words (two or more after it), refusing or dismissing nothing: the reply retells what
    went wrong."""
    from coach.offline.restating import echoes  # restating reads this module's neighbours

    lex, norm = s.lex, s.reply.low
    inside = sent_start < ack.start() or len(norm[sent_start:turn].split()) > 3
    if not inside:
        return False
    # an apology, or their own account of it retold after a dash or a colon, turning where theirs did ("tas
    # tiešām var izvest no pacietības – kļūda rāda iestrēgumu, bet papīra nav" to "rāda iestrēgumu, bet iekšā nekā nav")
    retold = any(mark in norm[ack.end():turn] for mark in "–—:") and s.last_customer is not None \
        and bool(lex.contrast.search(s.last_customer.low))
    if not (retold or lex.apology.match(norm, ack.start()) or lex.apology_head.match(norm, ack.start())):
        return False
    before = {key for a, _, key in echoes(s) if max(ack.end(), sent_start) <= a < turn}
    after = {key for a, _, key in echoes(s) if turn <= a < end}
    return bool(before) and len(after) >= (1 if retold else 2) and not (
        lex.refusal.search(norm, turn, end) or _dismissal(s, turn, end))


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


def _conditional_clause(s: Situation, start: int, end: int) -> bool:
    """A clause between `start` and `end` opens with "if" ("If you send it Special Delivery, it's guaranteed
    next day"): the terms of a service, not a promise to this customer."""
    norm = s.reply.low
    opens = [start, *(i + 1 for i in _commas(norm, start, end))]
    return any(s.lex.conditional.match(norm, i + len(norm[i:end]) - len(norm[i:end].lstrip())) for i in opens)


def _commas(norm: str, start: int, end: int) -> list[int]:
    return [i for i in range(start, end) if norm[i] in ",;،"]


def _in(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a <= span[0] < b for a, b in spans)


def _acknowledges(s: Situation, ack: re.Match) -> bool:
    """An acknowledgement of something the customer said, not a plain "yes" answering a question
    that raises no complaint ("Yes, child seats are free, but there are only a few")."""
    asked = s.last_customer is not None and "?" in s.last_customer.norm
    complaint = s.problem_raised or s.customer_upset
    return not (asked and not complaint and s.lex.affirmative.match(s.reply.low, ack.start()))


def _next_sentence_end(s: Situation, end: int) -> int:
    """Where the sentence after the one ending at `end` ends (or `end`, for the last)."""
    following = [b for a, b in s.reply.sentences if a >= end]
    return following[0] if following else end


def _acknowledges_after(s: Situation, start: int, end: int) -> bool:
    """The contrast opens onto words for their worry ("..., though I understand it's no laughing matter")."""
    norm, lex = s.reply.low, s.lex
    start += len(norm[start:end]) - len(norm[start:end].lstrip(" ,:;—–-"))
    understood = lex.understanding.match(norm, start, end)
    return understood is not None and not any(understood.start() <= a < end for a, _, _ in condescension(s))


def _acted_after(s: Situation, at: int) -> bool:
    """Something the agent did, is doing, offers or hands on starts at or after `at`: what is done instead of
    what was just refused."""
    return any(a >= at and kind in ACTS for a, _, kind in steps(s))


@shared
def no_yes_but(s: Situation) -> Result:
    """An acknowledgement taken back: "but", "however" and the like after it (in the same sentence,
    or opening the next), an "even though I understand" clause before a refusal, or an apology
    followed straight away by a sentence that dismisses the request."""
    norm, lex, text = s.reply.low, s.lex, s.reply
    limits = boundaries(s) if s.customer_abusive else []  # only abuse is met with a boundary
    offers: list[Evidence] = []
    unclear = False
    # without a "but", an "acknowledgement" that is itself blame or mockery ("sorry you weren't aware",
    # a sarcastic "good question") before a refusal is condescension, not a yes-but ("sorry you feel
    # that way" before one is both)
    talking_down = [(a, b) for a, b, kind in [*condescension(s), *unprofessional(s)] if kind != "feelings"]
    openers = [m for start, _ in text.sentences if (m := lex.contrast_opener.match(norm, start))]
    for m in sorted([*lex.contrast.finditer(norm), *openers], key=lambda m: m.start()):
        sent_start, sent_end = text.sentence_at(m.start())
        if m in openers and text.asks(sent_start, sent_end):
            continue  # "المشكلة في كل الفواتير، ولا بس اللي فيها شعار؟": a question, not a turn
        ack = _acknowledgement_before(s, m.start(), sent_start)
        if ack is None or ack.end() > m.start() or not _acknowledges(s, ack) or _in(m.span(), limits):
            continue  # a boundary ("I want to help, but I need us to leave the insults") takes nothing back
        if _acknowledges_after(s, m.end(), sent_end) or lex.conditional.search(
                norm, max(_clause_of(norm, m.start(), sent_start, sent_end)[0], m.start() - 25), m.start()):
            # "doceniam poczucie humoru, choć rozumiem, że przy takim rachunku nie jest do śmiechu": the turn is
            # to their worry; "Ja suns tomēr dzer ūdeni...": a contrast inside a condition is advice, not a turn
            continue
        if _overlaps((m.start(), sent_end), boundaries(s)) and (
                s.customer_abusive or lex.abuse_ref.search(norm, m.end(), sent_end) or lex.insult.search(norm, m.end(), sent_end)):
            # "Chcemy pomóc, ale prosimy o rozmowę bez wulgaryzmów": a boundary about the language is no
            # refusal ("no podemos aceptar la devolución" is one); to a customer not seen to be abusive,
            # whether it takes something back needs a model
            if s.customer_abusive:
                continue
            unclear = True
            continue
        if owned(s, m.end(), _next_sentence_end(s, sent_end)):
            continue  # "..., but the instalments went out anyway: our error" owns the failure (there or just after)
        if _their_story(s, ack, m.start(), sent_start, sent_end):
            # "atvainojos — jūs saņēmāt apstiprinājumu, bet aptiekā rezervācija neparādījās": the "but" is in
            # their own account of what went wrong, played back; nothing is taken back
            continue
        weighs = lex.hardship.search(norm, m.end(), sent_end) or lex.empathy.search(norm, m.end(), sent_end)
        if weighs and not _refuses(s, m.end(), weighs.start()) and not lex.dismissal.search(norm, m.end(), sent_end):
            # "a wrong order is one thing, but an allergen is a serious matter": the turn weighs their
            # situation more heavily, it takes nothing back; a model decides
            unclear = True
            continue
        if _helps(s, m.end(), sent_end):  # the contrast leads to something done or offered
            offers.append(s.clause(m.start(), m.end() + 1, 70))
            continue
        if _agent_helps(s, m.end(), sent_end):
            # "Unfortunately we can't see it here, so please DM us the reference": the help asked for follows
            offers.append(s.clause(m.start(), m.end() + 1, 70))
            continue
        if text.asks(sent_start, sent_end) and not lex.refusal.search(norm, m.end(), sent_end):
            unclear = True  # "..., bet jūs to tur neatradāt, pareizi?": their account checked back, not taken back
            continue
        news = lex.good_news.search(norm, m.end(), sent_end)
        if news and not _refuses(s, m.end(), news.start()):
            # "..., tomēr pirmais nokavējums gadā mums ir bez maksas": the turn is to good news, further on
            unclear = True
            continue
        later = next(lex.contrast.finditer(norm, m.end(), sent_end), None)
        if later is not None and _helps(s, later.end(), sent_end):
            # "Unfortunately I can't undo the evening, but I've added a credit": the refusal is redeemed
            offers.append(s.clause(later.start(), later.end() + 1, 70))
            continue
        if later is None and _redeemed_next(s, text.sentence_index(m.start()) + 1):
            # "I'm sorry it disappointed. Unfortunately the policy doesn't cover the joint. However, the floor is
            # covered and we'll pay £1,860": the next sentence turns the refusal to what is done; a model decides
            unclear = True
            continue
        if later is not None and not _refuses(s, later.end(), sent_end):
            # "Niestety nie mamy wpływu na pogodę, ale zapewniamy hotel": the bad news turns again, to
            # something that refuses nothing; whether the whole takes anything back needs a model
            unclear = True
            continue
        if len(norm[sent_start:m.start()].split()) <= 2 and any(_helps(s, c + 1, sent_end) for c in _commas(norm, m.end(), sent_end)):
            # "Although I can't restore that flight, I can offer you the same hotel": the main clause after
            # the concession helps; whether the whole takes the acknowledgement back needs a model
            unclear = True
            continue
        opens = len(norm[sent_start:m.start()].split()) <= 2
        # "But"/"However" opening a sentence take back what came before, said or not; mid-sentence
        # ("thanks for writing to us again anyway") they need a refusal after them
        firm = opens and lex.contrast_firm.match(norm, m.start())
        main = _main_clause(s, m, sent_end)
        if ack.start() < sent_start and not firm and not _refuses(s, main, sent_end):
            # "Sorry about the wait. Still, the good part is..." takes nothing back, nor does "aunque no es lo
            # ideal, en la zona de restauración va más desahogada": what is conceded is not what is said
            continue
        if lex.conceding.search(norm, m.start(), m.end()) and (
                lex.customer_can.search(norm, m.end(), sent_end) or _agent_helps(s, m.end(), sent_end)):
            # "We understand, although this fare is non-refundable you can change it for free": what is
            # conceded, then the way on; whether the acknowledgement is taken back needs a model
            unclear = True
            continue
        consoled = lex.consolation.search(norm, m.end(), sent_end) or lex.customer_can.search(norm, m.end(), sent_end)
        if consoled and not (_refuses(s, m.end(), consoled.start()) or _refuses(s, consoled.end(), sent_end)):
            unclear = True  # "..., but we hope to see you again soon": consolation, not a refusal; a model decides
            continue
        if not _bad_news(s, main, _next_sentence_end(s, sent_end) if firm else sent_end):
            # "Saprotam, ka cena šķiet augsta. Bet ...": nothing refused, ruled, charged or laid at their door after
            # the turn; whether it takes the acknowledgement back needs a model
            unclear = True
            continue
        if _acted_after(s, sent_end + 1):
            # "I understand, but the plan was chosen at checkout. I can refund the unused months": what is refused,
            # then, later, what is done or offered instead; real agents' readers call it a refusal done well, the
            # rubric's wording ("say what you can do instead") leans the same way, trainers' drills call it a yes-but:
            # a model decides
            unclear = True
            continue
        ev = s.clause(ack.start(), m.end() + 1)
        return (FAIL, because("took_back", quote=_q(ev)), [ev], "high")
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
        return (FAIL, because("conceded_then_refused", quote=_q(ev)), [ev], "high")
    sentences = text.sentences
    for (a_start, a_end), (b_start, b_end) in zip(sentences, sentences[1:], strict=False):
        # an acknowledgement (or words for the customer's feeling), then a flat dismissal
        ack = lex.acknowledge.search(norm, a_start, a_end) or lex.empathy.search(norm, a_start, a_end)
        if ack is not None and lex.welcome.match(norm, ack.start()):
            continue  # "Thanks for asking!" acknowledges no complaint
        if not ack or not _acknowledges(s, ack) or _helps(s, b_start, b_end) or lex.own_action.search(norm, a_start, a_end) \
                or _overlaps(ack.span(), talking_down):
            continue
        if _overlaps((b_start, b_end), limits) or lex.ownership.search(norm, b_start, b_end) or any(
                b_start <= a < b_end for a, _, _ in steps(s)):
            continue  # the next sentence sets a step, a boundary or owns the fault: nothing is dismissed
        if lex.good_news.search(norm, b_start, b_end) or lex.welcome.search(norm, b_start, b_end):
            continue  # "We can't say why here, but we've sent you options" ends in help
        if lex.offer.search(norm, b_start, b_end) or lex.own_action.search(norm, b_start, b_end):
            continue
        if _agent_helps(s, b_start, len(norm)) or lex.good_news.search(norm, b_end, len(norm)):
            # an apology, a "we can't", then the help asked for or done ("رفعت طلبك الحين"): nothing is dismissed
            continue
        conceded = lex.conceding.match(norm, b_start, b_end)
        if conceded and (lex.customer_can.search(norm, conceded.end(), b_end) or _agent_helps(s, conceded.end(), b_end)):
            continue  # "Choć koncertu nie da się przenieść, możesz oddać bilet": what is conceded, then the way on
        turn = lex.contrast.search(norm, b_start, b_end)
        if turn is not None and (lex.customer_can.search(norm, turn.end(), b_end)
                                 or lex.consolation.search(norm, turn.end(), b_end)):
            unclear = True  # "The fee stands, but you can appeal via the form": what is refused, and a way on
            continue
        if _dismissal(s, b_start, min(b_end, b_start + 90)):
            # "Sorry for the confusion. You ticked the box, so the charge is correct": an acknowledgement, then a
            # refusal in a sentence of its own; as often an honest answer as one taken back (the labels agreed 7
            # times in 16 where nobody had read them), so a model decides
            unclear = True
            continue
        # the contrast inside the next sentence ("Our fees can't be waived, though"; "Termin minął
        # jednak..."), with a refusal in it, may take the acknowledgement back just the same
        if turn is None or _helps(s, turn.end(), b_end) or lex.guarantee_negated.search(norm, b_start, b_end):
            continue  # "..., though I can't guarantee that time" is an honest caveat, not a refusal
        # the clauses either side of the contrast: "Our fees can't be waived, though"; not a "haven't"
        # three clauses on ("the bill shows 4,812 but your meter reads 4,390, which means... you haven't used")
        before = max(norm.rfind(mark, b_start, max(b_start, turn.start() - 2)) for mark in ",;:")
        after = [i for i in (norm.find(mark, turn.end(), b_end) for mark in ",;:") if i >= 0]
        lo, hi = max(b_start, before + 1), min([b_end, *after])
        if lex.conceding.match(norm, turn.start()) and turn.start() > lo:
            hi = turn.start()  # "eso pasa a veces cerca del límite, aunque no hayas salido del país": what is conceded
            # after "although" is the customer's point, granted; a refusal would be in the main clause before it
        if not (lex.negation.search(norm, lo, hi) or lex.refusal.search(norm, lo, hi)):
            continue
        unclear = True  # "Klart det är surt. Öppet köp är ändå 30 dagar": likewise left to a model
    if offers:
        return (PASS, because("but_offers", quote=_q(offers[0])), offers[:1], "high")
    if unclear:
        return unjudged()
    return (PASS, because("none"), [], "low")


def _redeemed_next(s: Situation, i: int) -> bool:
    """Sentence `i` (the one after a refusal) turns, in its first words, to help or good news ("However, the
    water damage is covered and we'll pay it"; "Może Pan jednak złożyć wniosek ponownie")."""
    norm, lex, text = s.reply.low, s.lex, s.reply
    if i >= len(text.sentences):
        return False
    start, end = text.sentences[i]
    turn = lex.contrast_opener.match(norm, start, end) or lex.contrast.search(norm, start, min(end, start + 25))
    if turn is None or _refuses(s, turn.end(), end) or _refuses(s, start, turn.start()):
        return False
    news = lex.good_news.search(norm, start, end) or lex.customer_can.search(norm, start, end)
    return bool(_helps(s, turn.end(), end) or _agent_helps(s, start, end) or news)


def _main_clause(s: Situation, m: re.Match[str], sent_end: int) -> int:
    """Where what a contrast word turns to begins: past the conceded clause of an "although X," (its comma),
    right after any other contrast word."""
    norm = s.reply.low
    comma = norm.find(",", m.end(), sent_end)
    if comma > 0 and s.lex.conceding.search(norm, m.start(), m.end()):
        return comma + 1
    return m.end()


def _guarantee_asked(s: Situation, word: str) -> bool:
    """The customer's last message asks, in a question, about what is guaranteed, in the reply's own word for it
    ("Czy pakiet Premium gwarantuje wizytę w 3 dni?" ... "gwarantujemy"; "Is a window seat guaranteed?")."""
    last, stem = s.last_customer, next((w[:5] for w in word.split() if len(w) >= 5), "")
    if last is None or not stem:
        return False
    return any(last.asks(*last.sentence_at(m.start())) for m in re.finditer(rf"\b{re.escape(stem)}\w*", last.low))


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
        sent = text.sentence_at(m.start())
        if any(sent[0] <= a and b <= m.start() for a, b in negated):
            continue  # "I can't promise it will never happen again", "Nie obiecam, że się nie powtórzy": honest
        fails.append((s.clause(m.start(), m.end()), "never_again"))
    # "Just make sure it's in before Friday" tells the customer what to do; it vouches for nobody's result
    instructions = [m.span() for m in lex.instruction.finditer(norm)]
    ensures = [m for m in lex.ensure.finditer(norm)
               if not any(_overlaps(m.span(), spans) for spans in (negated, relays, instructions))]
    unsure = False
    for m in ensures:
        sent = text.sentence_at(m.start())
        # "dopilnujemy, żeby asysta była zgłoszona – wystarczy DM (najpóźniej 48 h przed lotem)": past a dash
        # the sentence turns to something else
        sent_end = _clause_of(norm, m.start(), *sent, marks=_DASHES)[1]
        if s.customer_closing or lex.own_action.search(norm, m.end(), sent_end) or lex.from_me.search(
                norm, max(sent[0], m.start() - 20), m.end() + 20):
            # "I'll make sure the movers hear your thanks": praise passed on; "I'll make sure gas is in the
            # quote and send it today": the time is the speaker's own step's; a model decides either way
            unsure = True
        elif any(group.search(norm, m.start(), sent_end) for group in (lex.outcome, lex.never_again, lex.deadline)):
            fails.append((s.clause(m.start(), m.end(), 110), "ensures_others"))
        else:  # "I'll see to it your bags are moved", no result or time: whether the company controls it needs a model
            unsure = True
    covered: list[tuple[int, int]] = [text.sentence_at(m.start()) for m in ensures]
    vouches = [(g, True) for g in lex.guarantee.finditer(norm)] + [(g, False) for g in lex.certainty.finditer(norm)]
    for g, explicit in sorted(vouches, key=lambda pair: pair[0].start()):
        sent = text.sentence_at(g.start())
        if _overlaps(g.span(), negated) or _overlaps(g.span(), relays) or sent in covered or product_name(s, *g.span()) \
                or _named_scheme(s, g.start()):
            # (and "with Guaranteed Model you get the car you booked": the product the customer asked about;
            # "you're covered by the Direct Debit Guarantee": a scheme's name)
            continue
        if explicit and _guarantee_asked(s, norm[g.start():g.end()]):
            # "Does the Premium plan guarantee a specialist within 3 days?" "Premium guarantees one within 5 working
            # days": what the product guarantees, asked about and answered; whether more is vouched for needs a model
            unsure = True
            continue
        if (s.customer_closing or s.upset_points < 0) and any(sent[0] <= a < sent[1] for a, _ in relays):
            continue  # "we'll pass your thanks to Ahmed, and it will surely make his day": praise passed on
        if text.asks(*sent):
            continue  # "بتوافق؟", "is that definitely alright with you?": a question vouches for nothing
        clause_start = _clause_of(norm, g.start(), *sent, marks=_CLAUSE_MARKS + _DASHES)[0]
        if not explicit and any(0 <= g.start() - b <= 3 or 0 <= a - g.end() <= 3 for a, b in empathy(s)):
            continue  # "مية بتنزل على السرير حاجة متعبة أكيد", "that's definitely frustrating": a feeling, surely met
        if lex.negator.search(norm, max(clause_start - 1, g.start() - (60 if not explicit else 40), 0), g.start()):
            continue  # "we can't say exactly when Apple approves it" vouches for nothing
        if lex.understanding.search(norm, clause_start, g.start()):
            continue  # "entiendo que la necesita hoy sin falta": their need, understood, is no promise
        if ((explicit and _conditional_clause(s, sent[0], g.start()))
                or _TERM.match(norm, g.end()) or _BY_CARD.match(norm, g.end())
                or lex.laughter.search(norm, *sent) or (s.customer_laughs and lex.laughter.search(norm))):
            # "If you send it Special Delivery, it's guaranteed next day", "el motor está garantizado 10 años",
            # "garantizada con tarjeta": a service's, a product's or a booking's terms; "jaja, te prometo que el atún
            # ya venía pescado", or a promise to a customer laughing with the reply ("JAJAJA ¡misión cumplida! Te
            # prometemos que..."): a joke
            unsure = True
            continue
        clause_end = _clause_of(norm, g.start(), *sent)[1]
        if any(clause_start <= h < clause_end for h, _ in hedges):
            continue  # "الخطط دي بتتوافق عليها في أغلب الحالات": others' decision, as it usually goes, an estimate
        if lex.own_action.search(norm, g.end(), clause_end):
            continue  # "te prometo que te aviso en cuanto esté resuelto": what is promised is the speaker's own step
        if not explicit and not norm[clause_start:clause_end].strip(" ,;:!").replace(g.group(), "", 1).strip() \
                and lex.own_action.search(norm, clause_end, sent[1]):
            continue  # "Absolut, det löser vi": a yes on its own, and the speaker's own step after it
        if lex.own_refrain.search(norm, *sent) and not lex.never_again.search(norm, *sent):
            # "zapewniam, że nie naliczymy odsetek": what the company will not do is its own billing (not "it won't
            # happen again"); a model decides. Searched over the sentence, not the guarantee's clause: what is
            # vouched for follows in a clause of its own ("zapewniam panią, że do tego czasu nie naliczymy...")
            unsure = True
            continue
        outcome = lex.outcome.search(norm, *sent)
        # the speaker's own step counts where the time is: "I'll call you by 5, I promise" vouches for it, but
        # "I've called the firm, and they'll have it up by Friday, I guarantee it" for the firm's
        when = lex.deadline.search(norm, *sent)
        own = lex.own_action.search(norm, *(_clause_of(norm, when.start(), *sent) if when else sent))
        if (outcome or (explicit and not own)) and when and not _others_named(s, *sent) and lex.negator.search(
                norm, g.end(), clause_end):
            # "la baja será efectiva el 31 de diciembre y te garantizamos que no se pasará ningún recibo más": what the
            # company will not do from a date, its own billing (not "it will never happen again"); a model decides
            unsure = True
            continue
        if outcome:
            a, b = min(g.start(), outcome.start()), max(g.end(), outcome.end())
            fails.append((s.clause(a, b, 120), "guarantees_result"))
            covered.append(sent)
        elif explicit and not own:
            if lex.negator.search(norm, max(sent[0], g.start() - 24), g.start()):
                continue  # "the sea view wasn't guaranteed in your rate": a refusal, no promise
            deadline = lex.deadline.search(norm, *sent)
            addressed = lex.addressee.search(norm, *sent)
            if not (deadline or addressed) or (not (deadline and addressed) and lex.habitual.search(norm, *sent)):
                # "EarlyBird guarantees check-in, not a seat", "children always sit with an adult, we guarantee
                # that on every flight": a product or a standing rule described, not a promise to you
                unsure = True
                continue
            fails.append((s.clause(g.start(), g.end()), "guarantees_uncontrolled"))
            covered.append(sent)
    soft: list[Evidence] = []
    for o in lex.outcome.finditer(norm):
        sent = text.sentence_at(o.start())
        if sent in covered or any(sent[0] <= a and b <= o.start() for a, b in negated):
            continue  # "I can't promise when it arrives" is honest, not a promise
        if lex.from_me.search(norm, o.start(), min(sent[1], o.end() + 60)) or _overlaps(o.span(), relays):
            continue  # "you'll get an email from me" is the speaker's own step
        clause = _clause_of(norm, o.start(), *sent)
        if lex.negator.search(norm, max(clause[0], o.start() - 12), o.start()):
            continue  # "no fines will be added", "you won't be charged": what the company will not do
        if lex.own_action.search(norm, sent[0], o.start()):
            continue  # "I'll export it tomorrow, so you'll have it": the result of the speaker's own step
        if lex.instruction.search(norm, sent[0], o.start()) or text.asks(*sent):
            continue  # "you can pay by phone and it goes out today": how it works; a question promises nothing
        deadline = lex.deadline.search(norm, *sent)
        hedged = any(sent[0] <= h[0] < sent[1] for h in hedges)
        # "you'll get a confirmation email within the hour": the company's own system writes, no promise for others
        hedged = hedged or bool(lex.notice.search(norm, o.start(), min(_with_purpose(s, clause, sent[1]), o.end() + 40))
                                and not lex.third_party.search(norm, *clause))
        timed = _clause_of(norm, deadline.start(), *sent) if deadline else clause
        if timed != clause and any(group.search(norm, *timed) for group in (lex.own_action, lex.good_news)):
            # "we've moved you to Tuesday at 4:30, the confirmation comes by text": the time is the own step's;
            # "I've chased them today, and they'll pay out by Friday": the outcome has a time of its own
            deadline = lex.deadline.search(norm, *clause)
        if deadline and not hedged and (lex.working_days.search(norm, *sent) or lex.time_window.search(norm, *sent)
                                        or lex.habitual.search(norm, *sent)
                                        or (lex.ready.search(norm, *clause) and not lex.certainty.search(norm, *sent))) \
                and not _others_named(s, *sent):
            # "the correction shows within 3 working days", "jutro wieczorem będzie gotowy", "from this weekend on,
            # events end at 1am": the company's usual time for its own step, its own work finished or its own
            # rule, or a promise for others; a model decides
            unsure = True
        elif deadline and not hedged and not _vouched(s, *sent, negated):
            # "the amount will be back in your wallet within 48 hours", "the courier delivers on Thursday between
            # 8 and 12": a usual time stated as real agents state it, or a promise for others; readers differ, so a
            # model decides. Vouched for ("it'll definitely be there tomorrow"), it is a guarantee the rubric forbids.
            unsure = True
        elif deadline and not hedged:
            a, b = min(o.start(), deadline.start()), max(o.end(), deadline.end())
            fails.append((s.clause(a, b, 120), "deadline_for_others"))
            covered.append(sent)
        elif not soft:  # only the first is quoted
            soft.append(s.clause(o.start(), o.end(), 60))
    if fails:
        fails.sort(key=lambda pair: pair[0].start)
        ev, why = fails[0]
        return (FAIL, because(why, quote=_q(ev)), [e for e, _ in fails[:3]], "high")
    if unsure:
        return unjudged()
    own_steps = [s.clause(m.start(), m.end(), 70) for m in lex.own_action.finditer(norm)]
    own_steps += [s.clause(*span, 70) for span in relays]
    if own_steps:
        own_steps.sort(key=lambda e: e.start)
        return (PASS, because("own_step", quote=_q(own_steps[0])), own_steps[:2], "high")
    expectations = [m.span() for m in lex.expectation.finditer(norm)]
    if negated or expectations:
        ev = s.clause(*(negated or expectations)[0], 70)
        return (PASS, because("honest", quote=_q(ev)), [ev], "low")
    if soft:
        return (PASS, because("described", quote=_q(soft[0])), soft[:1], "low")
    # what the reply does, offers or asks for is in its own hands: whatever it commits to, it can keep
    # ("Blokadę kaucji zdejmuję teraz", "jag går och hämtar nycklarna nu"); an instruction to the customer commits
    # the agent to nothing
    done = [st for st in steps(s) if st[2] in ACTS or st[2] in ("scheduled", "request")]
    if done:
        ev = s.clause(done[0][0], done[0][1], 70)
        return (PASS, because("own_step", quote=_q(ev)), [ev], "low")
    return (NA, because("no_promise"), [], "low")


def _named_scheme(s: Situation, at: int) -> bool:
    """A word capitalised mid-sentence after another capitalised word: part of a name ("the Direct Debit
    Guarantee", "our Price Promise"), not a promise."""
    norm = s.reply.norm
    before = norm[s.reply.sentence_at(at)[0]:at].split()
    return (norm[at:at + 1].isupper() and norm[at + 1:at + 2].isalpha() and len(before) >= 2
            and before[-1][:1].isupper() and before[-1][-1:].isalpha())  # not "..., I promise", not "by Friday, I"


def _vouched(s: Situation, start: int, end: int, negated: list[tuple[int, int]]) -> bool:
    """A word of certainty or a guarantee in the span that no negation (`negated`, the reply's) takes back."""
    norm, lex = s.reply.low, s.lex
    return any(not _overlaps(m.span(), negated) for group in (lex.certainty, lex.guarantee)
               for m in group.finditer(norm, start, end))


def _others_named(s: Situation, start: int, end: int) -> bool:
    """A third party in the span that is not the company's own ("the bank", not "our engineer")."""
    norm, lex = s.reply.low, s.lex
    return any(not lex.speaker_possessive.search(norm, max(start, m.start() - 8), m.start())
               for m in lex.third_party.finditer(norm, start, end))


def _with_purpose(s: Situation, clause: tuple[int, int], sent_end: int) -> int:
    """Where `clause` ends, or the next clause's end when that one says what it is for
    ("piezvanīs, lai apstiprinātu": a call to confirm)."""
    norm, end = s.reply.low, clause[1]
    if end < sent_end and norm[end] == ",":
        start = end + 1 + len(norm[end + 1:sent_end]) - len(norm[end + 1:sent_end].lstrip())  # past the spaces
        if s.lex.purpose.match(norm, start):
            return _clause_of(norm, start, start, sent_end)[1]
    return end


_CLAUSE_MARKS = ",;:"
_DASHES = "–—"


def _clause_of(norm: str, at: int, start: int, end: int, marks: str = _CLAUSE_MARKS) -> tuple[int, int]:
    """The clause of `at` within the sentence `start`..`end`, between two of `marks` (the colon of "9:00",
    the comma of "1,5" and the dash of "8–12" separate nothing)."""
    def in_number(i: int) -> bool:
        return 0 < i < len(norm) - 1 and norm[i - 1].isdigit() and norm[i + 1].isdigit()

    lo, i = start, at
    while (j := max(norm.rfind(mark, start, i) for mark in marks)) >= 0:
        if not in_number(j):
            lo = j + 1
            break
        i = j
    hi, i = end, at
    while (j := min([k for k in (norm.find(mark, i, end) for mark in marks) if k >= 0], default=-1)) >= 0:
        if not in_number(j):
            hi = j
            break
        i = j + 1
    return lo, hi


def personalize(s: Situation) -> Result:
    own = names.find_own_name(s.reply, s.lex, s.customer_name)
    own_ev = [s.ev(*own)] if own else []
    if not s.customer_name or not names.name_forms(s.customer_name, (), s.lex.name_titles):
        if own_ev:
            return (PASS, because("introduced_name_unknown", quote=_q(own_ev[0])), own_ev, "low")
        return (NA, because("name_unknown"), [], "low")
    spans = names.find_customer_name(s.reply, s.customer_name, s.lex)
    if spans:
        ev = [s.ev(*spans[0])] + own_ev
        if own_ev:
            why = because("both_names", quote=_q(ev[0]), quote2=_q(own_ev[0]))
        else:
            why = because("own_given_earlier" if s.own_name else "give_yours_too", quote=_q(ev[0]))
        return (PASS, why, ev, "high")
    generic = s.lex.generic_address.search(s.reply.low)
    if generic:
        generic_ev = s.ev(*generic.span())
        return (FAIL, because("generic_address", quote=_q(generic_ev), name=s.customer_name), [generic_ev], "high")
    if s.own_name and any(names.find_customer_name(t, s.customer_name, s.lex) for t in s.earlier_replies):
        # both names were given earlier in the conversation: whether a later reply must say the customer's again,
        # trainers differ (drills say every reply, conversations read as a whole say once is enough); a model decides
        return unjudged()
    if own_ev:
        return (FAIL, because("only_own_name", quote=_q(own_ev[0]), name=s.customer_name), own_ev, "high")
    return (FAIL, because("no_name", name=s.customer_name), [], "high")


def no_condescending_apology(s: Situation) -> Result:
    """An apology whose object is the customer's feeling or perception ("sorry you feel that way",
    "we regret your disappointment"), telling them their emotion is unwarranted, reminding them it
    was explained, blaming them (conditional or past: "if you had read...", "you should have"), or
    sarcasm. An apology for what happened passes."""
    norm, lex = s.reply.low, s.lex
    found = condescension(s)
    if found:
        start, end, kind = found[0]
        ev = [s.clause(start, end, 50)]
        for a, b, _ in found[1:]:
            if a >= ev[-1].end and len(ev) < 3:
                ev.append(s.clause(a, b, 50))
        return (FAIL, because(kind, quote=_q(ev[0])), ev, "high")
    hostile = [f for f in unprofessional(s) if f[2] in ("retort", "threat")]
    if hostile:  # "people like you", "you'll regret it": the customer talked down to as a person
        ev = [s.clause(hostile[0][0], hostile[0][1], 50)]
        return (FAIL, because("sarcasm", quote=_q(ev[0])), ev, "high")
    if doubtful(s):
        return unjudged()
    apology = lex.apology.search(norm)
    if apology:
        ev1 = s.clause(apology.start(), apology.end(), 60)
        return (PASS, because("apology_for_what_happened", quote=_q(ev1)), [ev1], "high")
    return (PASS, because("none"), [], "low")


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
