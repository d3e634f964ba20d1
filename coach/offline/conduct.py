"""stay_professional and set_boundaries: how the trainee answers rudeness.

Unprofessional is what the trainee says to the customer: an insult, a threat, a retort ("drop the
attitude", "el idiota será usted"), mockery (a laugh at an upset customer, "won't magically make it
disappear"), swearing, or shouting in capitals. With a cheerful customer, a swear word of delight
and capitals are banter. The customer's own insult quoted in a request to stop
("I'd ask you not to call us idiots") is none of these.

A boundary is a calm condition on going on, tied to the language ("I can only keep helping if we
leave the insults out", "para seguir necesito que dejemos los insultos"), a hand-over to a colleague
or supervisor, or an end to the conversation with an invitation back. Retaliating is no boundary.
"""

from __future__ import annotations

import re

from coach.offline.condescension import condescension
from coach.offline.names import find_customer_name
from coach.offline.situation import FAIL, NA, PASS, SHOUT, Result, Situation, because, quote, shared, unjudged
from coach.offline.textfold import fold


@shared
def boundaries(s: Situation) -> list[tuple[int, int]]:
    """Spans of the reply that set a limit on abuse, hand over, or end the conversation."""
    norm, lex, text = s.reply.low, s.lex, s.reply
    found = [m.span() for group in (lex.boundary, lex.handover, lex.end_conversation) for m in group.finditer(norm)]
    for m in lex.abuse_ref.finditer(norm):  # the language named, with a condition or a request about it
        sent = text.sentence_at(m.start())
        limit = lex.limit.search(norm, max(sent[0], m.start() - 70), min(sent[1], m.end() + 50))
        if limit:
            found.append((min(limit.start(), m.start()), max(limit.end(), m.end())))
    for m in lex.insult.finditer(norm):  # their word, quoted in a request to stop: "we ask you not to call us idiots"
        start = _clause_start(s, m.start())
        limit = lex.limit.search(norm, start, m.start())
        if limit and _negated(s, m.start()):
            found.append((limit.start(), m.end()))
    return sorted(found)


def _clause_start(s: Situation, at: int) -> int:
    norm = s.reply.low
    sent_start = s.reply.sentence_at(at)[0]
    return max([sent_start, *(norm.rfind(mark, sent_start, at) + 1 for mark in ",;:–—")])


def _negated(s: Situation, at: int) -> bool:
    """A negation earlier in the clause of `at`: "don't call me an idiot", "nobody should feel foolish",
    "ber dig att inte kalla mig idiot"."""
    return bool(s.lex.negator.search(s.reply.low, max(_clause_start(s, at), at - 50), at))


@shared
def unprofessional(s: Situation) -> list[tuple[int, int, str]]:
    """(start, end, kind) of each unprofessional phrase in the reply."""
    norm, lex, text = s.reply.low, s.lex, s.reply
    limits = boundaries(s)
    found: list[tuple[int, int, str]] = []
    for m in lex.insult.finditer(norm):
        sent = text.sentence_index(m.start())
        if any(text.sentence_index(a) == sent for a, _ in limits):
            continue  # "I'd ask you not to call us idiots": their word, quoted to stop it
        if lex.negator.search(norm, max(0, m.start() - 16), m.start()) or _negated(s, m.start()):
            continue  # "you're not stupid at all", "nobody should feel foolish" (a retort, "I'm not the idiot
            # here", is caught below)
        if not _aimed(s, m.start()):
            continue  # "tres semanas sin auto es harto pesado" judges the situation; see doubtful_mockery
        found.append((m.start(), m.end(), "insult"))
    for kind, group in (("unprofessional", lex.unprofessional), ("threat", lex.threat), ("sanction", lex.sanction),
                        ("retort", lex.retort), ("mockery", lex.mockery)):
        found += [(m.start(), m.end(), kind) for m in group.finditer(norm)
                  if not (kind == "unprofessional" and lex.insult.match(norm, m.start()) and _negated(s, m.start()))]
    found = [f for f in found if not (_their_word(s, *f[:2]) or _in_name(s, *f[:2]))]
    found += _insult_denied(s, limits)
    if not s.customer_abusive:  # "see that charge again and we'll report it": a sanction is a threat only in a fight
        found = [f for f in found if f[2] != "sanction"]
    if s.customers and s.upset_points < 0:  # with a cheerful customer, a swear word of delight is banter
        found = [f for f in found if f[2] != "unprofessional"]
    if s.customer_upset and not s.customer_laughs:  # a laugh with a happy customer is friendly; at an upset one it mocks
        for m in lex.laughter.finditer(norm):
            if lex.addressee.search(norm, *text.sentence_at(m.start())):  # "Haha, you should have read the terms"
                found.append((m.start(), m.end(), "mockery"))
    found = [f for f in found if f[2] != "mockery" or not _glad(s, f[0])]
    found += [(a, b, "mockery") for a, b in s.rolled_eyes]
    shout = next((m for m in SHOUT.finditer(text.norm) if _worded(s, m.group())), None)
    if shout and (not s.customers or s.customer_upset or s.problem_raised  # capitals back to a delighted customer are play
                  or (_shouted_sentence(s, shout.start()) and s.upset_points >= 0 and not s.customer_laughs)):
        # (a whole sentence of five words or more in capitals, to anyone not cheerful, is shouted)
        found.append((shout.start(), shout.end(), "shouting"))
    return sorted(found)


@shared
def doubtful_mockery(s: Situation) -> list[tuple[int, int]]:
    """Words that mock an upset customer but are gladness or laughing along with a calm one ("Vad roligt
    att du längtar!", "Ha, I've been called worse"): only a model can tell which."""
    norm, lex, text = s.reply.low, s.lex, s.reply
    found = [m.span() for m in lex.mockery.finditer(norm) if _glad(s, m.start())]
    limits = boundaries(s)
    found += [m.span() for m in lex.insult.finditer(norm) if not _aimed(s, m.start())
              and not _negated(s, m.start()) and not any(a <= m.start() < b for a, b in limits)]
    if s.customer_upset and not s.customer_laughs:
        found += [m.span() for m in lex.laughter.finditer(norm)
                  if not lex.addressee.search(norm, *text.sentence_at(m.start()))]
    return found


_WORD = re.compile(r"[^\W\d_]{4,}")


def _insult_denied(s: Situation, limits: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """The customer's insult taken up and denied ("Du är en jävla lögnare" ... "ingen anledning att kalla mig
    lögnare"; "انتو نصابين" ... "أنا مش نصاب"): trading blows over the word, not a limit set on it."""
    if not s.customer_abusive:
        return []
    last = s.customer_turns[-1]
    lex = s.customer_lex(last)
    stem = 4 if s.lex.lang == "ar" else 5  # compared by first letters: "نصاب" takes up "نصابين", "lögnare" "lögnaren"
    theirs = {fold(w)[:stem] for m in lex.abuse.finditer(last.low) for w in _WORD.findall(m.group())
              if fold(w) not in s.lex.stopwords}
    norm, found = s.reply.low, []
    for m in _WORD.finditer(norm):
        if fold(m.group())[:stem] not in theirs:
            continue
        sent = s.reply.sentence_at(m.start())
        if any(sent[0] <= a < sent[1] for a, _ in limits) or _quoted(s, m.start()):
            # "I'd ask you not to call me a liar", 'نكمل بدون كلمات مثل "حرامية"': the word quoted to stop it
            continue
        if s.lex.negator.search(norm, _clause_start(s, m.start()), m.start()):
            found.append((m.start(), m.end(), "retort"))
    return found


def _aimed(s: Situation, at: int) -> bool:
    """An insult word is aimed at someone unless its sentence judges the situation with words of hardship
    or feeling and names nobody ("tres semanas sin auto es harto pesado")."""
    norm, lex, text = s.reply.low, s.lex, s.reply
    sent = text.sentence_at(at)
    if lex.addressee.search(norm, *sent) or len(norm[sent[0]:sent[1]].split()) <= 3:
        return True
    return not (lex.hardship.search(norm, *sent) or lex.feeling.search(norm, *sent))


def _glad(s: Situation, at: int) -> bool:
    """Mockery in the words of gladness ("Vad roligt att du..."), said to a customer who is not upset."""
    return not s.customer_upset and bool(s.lex.welcome.match(s.reply.low, at))


def product_name(s: Situation, start: int, end: int) -> bool:
    """A name the customer used first, capitalised: "Bloody Mary", "Jävla Bra IPA", "Guaranteed Model"."""
    said = s.reply.norm[start:end]
    return said[:1].isupper() and any(said in text.norm for text in s.customer_turns)


def _shouted_sentence(s: Situation, at: int) -> bool:
    """The sentence holding `at` is written all in capitals and has five words or more."""
    start, end = s.reply.sentence_at(at)
    sentence = s.reply.norm[start:end]
    return sentence == sentence.upper() and len(sentence.split()) >= 5


def _worded(s: Situation, capitals: str) -> bool:
    """Capitals that hold a function word ("HAD TO ASK", "NIKT NIE MÓWI") are a sentence shouted; without
    one ("BLACK FRIDAY SALE", "TSA PRECHECK") they are a name or a label."""
    return any(len(word) <= 2 or word in s.lex.stopwords for word in capitals.lower().split())


def _in_name(s: Situation, start: int, end: int) -> bool:
    """A capitalised word that is part of a person's name: the agent's or the customer's, or any word on one
    of the last lines that holds two to four capitalised words and no sentence (a signature: "Agnieszka Baran")."""
    norm = s.reply.norm
    word = norm[start:end]
    if not word[:1].isupper() or word.isupper():
        return False
    if any(a <= start < b for name in (s.agent_name, s.customer_name) if name
           for a, b in find_customer_name(s.reply, name, s.lex)):
        return True  # in any of its forms ("Panie Baranie")
    line_end = norm.find("\n", end) + 1 or len(norm) + 1
    if norm.count("\n", line_end - 1) > 2:
        return False  # a signature is among the last lines
    line = norm[norm.rfind("\n", 0, start) + 1:line_end - 1]
    words = line.split()
    return 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words) and not any(c in line for c in ".!?:;")


def _quoted(s: Situation, at: int) -> bool:
    """`at` falls inside quotation marks opened in its sentence (curly and angle quotes are '"' once normalized)."""
    return s.reply.norm.count('"', s.reply.sentence_at(at)[0], at) % 2 == 1


def _their_word(s: Situation, start: int, end: int) -> bool:
    """A product's name, or any word a customer who insults nobody used first: their term ("my bitch
    Poppy" at a vet's), not ours."""
    if product_name(s, start, end) or _quoted(s, start):
        return True  # (and a name in quotes, in any case form: «Sasodītajam Cirvim»)
    low = s.reply.norm[start:end].lower()
    return not any(c.abusive for c in s.customers) and any(
        re.search(rf"(?<!\w){re.escape(low)}(?!\w)", text.low) for text in s.customer_turns)


_REASONS = {"shouting": "shouting", "threat": "threatened", "sanction": "threatened", "mockery": "mocked"}


def stay_professional(s: Situation) -> Result:
    # sarcasm at the customer ("widocznie ma Pani wyrafinowane podniebienie", "qué casualidad") mocks them
    # (to a cheerful customer, "it's really simple:" explains; it mocks nobody)
    cheerful = bool(s.customers) and s.upset_points < 0
    found = sorted([*unprofessional(s), *((a, b, "mockery") for a, b, kind in condescension(s)
                                          if kind == "sarcasm" and not cheerful)])
    if found:
        start, end, kind = found[0]
        ev = s.ev(start, end) if kind in ("shouting", "insult") else s.sentence(start, end)
        return (FAIL, because(_REASONS.get(kind, "unprofessional"), quote=quote(ev)), [ev], "high")
    if doubtful_mockery(s):
        return unjudged()
    return (PASS, because("professional"), [], "low")


def set_boundaries(s: Situation) -> Result:
    if s.customer_abusive is False and not s.customer_closing and not unprofessional(s):
        heard = _language_limits(s)
        if heard:
            # "Chcę pomóc, tylko proszę o rozmowę bez wulgaryzmów" to "Kurwa, ile można czekać?!": the reply heard
            # swearing or insults the customer-side patterns did not place, and set its limit calmly
            ev = s.sentence(heard[0][0], heard[0][1], 160)
            return (PASS, because("boundary_set", quote=quote(ev)), [ev], "high")
    if not s.customer_abusive:
        return (NA, because("not_abusive"), [], "low" if s.customer_abusive is None else "high")
    rude = unprofessional(s)
    if rude:
        ev = s.clause(rude[0][0], rude[0][1], 60)
        return (FAIL, because("retaliated", quote=quote(ev)), [ev], "high")
    found = boundaries(s)
    if found:
        ev = s.sentence(found[0][0], found[0][1], 160)
        return (PASS, because("boundary_set", quote=quote(ev)), [ev], "high")
    if _may_set_one(s):
        return unjudged()  # words about the language or a hand-over the patterns above did not place
    return (FAIL, because("let_pass"), [], "high")


def _language_limits(s: Situation) -> list[tuple[int, int]]:
    """The limits the reply sets on the customer's language itself, in a sentence that names it
    (swearing, insults, threats): not a hand-over or an ending, which other customers get too."""
    norm, lex, text = s.reply.low, s.lex, s.reply
    return [m.span() for m in lex.boundary.finditer(norm) if lex.abuse_ref.search(norm, *text.sentence_at(m.start()))]


def _may_set_one(s: Situation) -> bool:
    """The reply names the abuse, quotes the customer's word or hands over in a form the boundary
    patterns did not place ("nobody deserves to be spoken to like that", "paso con mi jefa"): only a
    model can tell whether it is a boundary."""
    norm, lex, text = s.reply.low, s.lex, s.reply
    talking_down = {text.sentence_index(a) for a, _, kind in condescension(s) if kind != "feelings"}
    for group in (lex.abuse_ref, lex.insult):
        for m in group.finditer(norm):
            sent = text.sentence_at(m.start())
            if text.sentence_index(m.start()) in talking_down:
                continue  # "Calm down, please. Shouting abuse at me won't help" talks down; it sets no boundary
            if lex.limit.search(norm, *sent) or lex.negator.search(norm, *sent):
                return True
    return False
