"""acknowledge_feelings: the reply says the customer's situation is hard or names how they feel.

Empathy is recognised by structure rather than by set phrases: a first-person understanding
("I can see why", "entiendo que esté harta"), an evaluation of what happened ("an hour late and cold
on his birthday is really disappointing", "that's a nightmare", "isn't good enough"), the customer's
feeling named for them ("no wonder you're worried", "su preocupación"), or a shared feeling ("I'd be
fuming too"). An apology for the customer's feelings ("sorry you feel that way") is none of these.
"""

from __future__ import annotations

from coach.offline.condescension import condescension
from coach.offline.conduct import unprofessional
from coach.offline.situation import FAIL, NA, PASS, Result, Situation, because, owned, quote, shared, unjudged


def _clear_of(span: tuple[int, int], spans: list[tuple[int, int, str]]) -> bool:
    return not any(a < span[1] and span[0] < b for a, b, _ in spans)


@shared
def empathy(s: Situation) -> list[tuple[int, int]]:
    """Spans of the reply that acknowledge the customer's feelings, in order."""
    norm, lex, text = s.reply.low, s.lex, s.reply
    talking_down = condescension(s)
    found: list[tuple[int, int]] = []
    for group in (lex.empathy, lex.shared_feeling, lex.hardship_negated):
        found += [m.span() for m in group.finditer(norm)]
    for m in lex.understanding.finditer(norm):
        if not lex.restate.search(norm, max(0, m.start() - 30), m.end() + 5):  # "to make sure I understand"
            found.append(m.span())
    for m in lex.hardship.finditer(norm):
        start = text.sentence_at(m.start())[0]
        if lex.negator.search(norm, max(start, m.start() - 14), m.start()):
            continue  # "not a big problem", "no es grave"
        if norm[m.end():m.end() + 40].lstrip().startswith("?") and not lex.understanding.search(norm, start, m.start()):
            continue  # asked, not said
        found.append(m.span())
    for m in lex.feeling.finditer(norm):  # the customer's feeling named for them: "you're worried", "su enfado"
        sent = text.sentence_at(m.start())
        near = lex.addressee.search(norm, max(sent[0], m.start() - 40), min(sent[1], m.end() + 25))
        if near and not lex.conditional.search(norm, max(sent[0], near.start() - 12), near.start() + 1):
            found.append((min(near.start(), m.start()), max(near.end(), m.end())))
    rude = {text.sentence_index(a) for a, _, _ in unprofessional(s)}  # "...then no exam will be scary 😉"
    return sorted(span for span in found if _clear_of(span, talking_down) and _clear_of(span, _set_apologies(s))
                  and text.sentence_index(span[0]) not in rude)


@shared
def _set_apologies(s: Situation) -> list[tuple[int, int, str]]:
    """The bare set apology ("sorry for the inconvenience", "Atvainojamies par sagādātajām neērtībām"): its
    words name no feeling of theirs."""
    return [(m.start(), m.end(), "formula") for m in s.lex.formula_apology.finditer(s.reply.low)]


def acknowledge_feelings(s: Situation) -> Result:
    spans = empathy(s)
    if spans:
        ev = s.sentence(spans[0][0], spans[0][1])
        return (PASS, because("acknowledged", quote=quote(ev)), [ev], "high")
    talking_down = condescension(s)
    norm, lex = s.reply.low, s.lex
    if not s.customer_upset and s.problem_raised and s.customers[-1].problem:
        # a complaint with no word of feeling, met with blame, sarcasm or rudeness ("Kanske var det något
        # annat ni åt?", "you should have checked the time"): whatever they felt, it was talked down
        scorn = [*((a, b) for a, b, _ in talking_down), *((a, b) for a, b, _ in unprofessional(s))]
        if scorn and all(kind == "feelings" for *_, kind in [*talking_down, *unprofessional(s)]) \
                and owned(s):
            return unjudged()  # "sorry you feel let down; that's not the standard we expect": owned, if clumsily
        if scorn:
            ev = s.clause(scorn[0][0], scorn[0][1], 60)
            return (FAIL, because("feelings_dismissed", quote=quote(ev)), [ev], "high")
    strong = _strong_apology(s)
    if strong is not None and s.problem_raised and not s.customer_laughs:
        # "I'm really sorry about Saturday", "Bardzo mi przykro z powodu pękniętego frontu": an apology made
        # stronger for what happened to them acknowledges how it was
        ev = s.sentence(*strong)
        return (PASS, because("acknowledged", quote=quote(ev)), [ev], "high")
    if s.customer_upset is None or s.upset_points <= 0:
        return (NA, because("not_upset"), [], "low" if s.customer_upset is None else "high")
    if (lex.apology.search(norm) or lex.apology_head.search(norm)) and _weighs_their_situation(s):
        # the reply opens on their situation in their own words and says sorry for it ("three days without
        # broadband when you work from home is a proper headache ... I'm sorry"): that acknowledges it
        opening = s.reply.sentences[:2]
        first = opening[1] if len(opening) > 1 and len(norm[opening[0][0]:opening[0][1]].split()) <= 3 else opening[0]
        ev = s.sentence(first[0], first[1])  # past a bare greeting ("Hej Sofia!")
        return (PASS, because("acknowledged", quote=quote(ev)), [ev], "high")
    if not s.customer_upset:
        return unjudged()  # one weak sign: maybe upset, maybe not
    soft = [m.span() for group in (lex.feeling, lex.hardship) for m in group.finditer(norm)]
    set_apologies = _set_apologies(s)
    if any(_clear_of(span, talking_down) and _clear_of(span, set_apologies) for span in soft):
        return unjudged()  # words about feelings the structures above did not place
    dismissed = [f for f in talking_down if f[2] in ("feelings", "talking_down")]
    if dismissed:
        ev = s.clause(dismissed[0][0], dismissed[0][1], 60)
        return (FAIL, because("feelings_dismissed", quote=quote(ev)), [ev], "high")
    # "sorry" beside words the structures did not place may still acknowledge it (not the bare "sorry for the
    # inconvenience", which the rubric names as passing the feeling by)
    if any(_clear_of(m.span(), set_apologies) for group in (lex.apology, lex.apology_head) for m in group.finditer(norm)):
        return unjudged()
    if s.tearful_only or s.customer_laughs:
        return unjudged()  # "still no hot sauce 😭" is play as often as grief
    if _weighs_their_situation(s) or lex.reassurance.search(norm) or _mirrors_their_feeling(s, talking_down):
        return unjudged()  # (and "Puedes estar tranquila: la recepción abre 24 h" to a worry may be how it is met)
    return (FAIL, because("passed_by"), [], "high")


def _mirrors_their_feeling(s: Situation, talking_down: list[tuple[int, int, str]]) -> bool:
    """The reply takes up the very words the customer's feeling was said in ("It's driving me mad" ... "would
    drive me mad too"): it may well meet the feeling, in a structure the patterns above did not place, so it is
    not failed as passing the feeling by. An insult taken up is a retort, not a feeling met."""
    from coach.offline.restating import TOKEN, compared  # restating reads empathy(): imported here, not at the top

    last = s.last_customer
    if last is None or s.customer_abusive:
        return False
    lang, lex = s.lex.lang, s.lex
    said = {w[:4] for group in (lex.upset, lex.disbelief) for m in group.finditer(last.low)
            for t in TOKEN.findall(m.group()) if (w := compared(t, lang))}
    scorn = [*talking_down, *unprofessional(s)]
    return any((w := compared(m.group(), lang)) and w[:4] in said and _clear_of(m.span(), scorn)
               for m in TOKEN.finditer(s.reply.low))


def _weighs_their_situation(s: Situation) -> bool:
    """The reply opens by playing back the customer's situation in their own words ("four days without
    connection when you work from home is a huge disruption", "16 grader inomhus med en bebis är inget
    ni ska behöva stå ut med"): that may well acknowledge it, in words the structures above did not
    place, so only a reply that goes straight to the process is failed as passing the feelings by."""
    from coach.offline.restating import echoes  # restating reads empathy(): imported here, not at the top

    text = s.reply
    if not text.sentences:
        return False
    from coach.offline.conduct import boundaries
    from coach.offline.excuses import excuses, refusals
    from coach.offline.steps import steps

    first = text.sentences[0]
    opening = first[0]
    if len(text.low[first[0]:first[1]].split()) <= 3 and len(text.sentences) > 1 and not text.norm[first[0]:first[1]].isupper():
        first, opening = (first[0], text.sentences[1][1]), text.sentences[1][0]  # "Hej Sofia!" then the sentence that counts
    # a step, a limit, a refusal or an excuse in it: the opening is about the process, not the situation
    busy = [*boundaries(s), *refusals(s), *[(a, b) for a, b, kind in [*steps(s), *excuses(s), *condescension(s), *unprofessional(s)]
                                                        if kind != "instruction"]]  # "take care of your knee first" is care
    if any(first[0] <= a < first[1] for a, _ in busy) or owned(s, *first):
        return False
    comma = text.low.find(",", opening, opening + 30)
    if comma > 0 and len(text.low[opening:comma].split()) <= 3:
        opening = comma + 1  # after "Hej Sofia," or "أستاذ فراس،"
    lead = text.low[opening:first[1]]
    head_end = opening + len(" ".join(lead.split()[:2])) + (len(lead) - len(lead.lstrip()))
    if s.lex.speaker_first.search(text.low, opening, head_end):
        return False  # "Jag ser att din faktura blev 890 kr": the speaker's report, not their situation weighed
    keys = {key for a, _, key in echoes(s) if first[0] <= a < first[1]}
    return len(keys) >= 2



def _strong_apology(s: Situation) -> tuple[int, int] | None:
    """The span of an apology with an intensifier right beside it ("really sorry", "ļoti žēl", "نأسف جدًا"),
    that is not an apology for the customer's feeling or view."""
    norm, lex = s.reply.low, s.lex
    talking_down = condescension(s)
    for m in [*lex.apology.finditer(norm), *lex.apology_head.finditer(norm)]:
        near = lex.intensifier.search(norm, max(s.reply.sentence_at(m.start())[0], m.start() - 15), m.end() + 15)
        if near and _clear_of(m.span(), talking_down) and _clear_of(near.span(), talking_down):
            return min(m.start(), near.start()), max(m.end(), near.end())
    return None
