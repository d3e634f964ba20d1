"""Condescending words in a reply: an apology for the customer's feelings rather than for what
happened, talking down, "as I already explained", blame and sarcasm. Several criteria read them:
no_condescending_apology fails on them, and an apology of this kind acknowledges no feeling and
owns nothing."""

from __future__ import annotations

import re

from coach.offline.situation import Situation, owned, shared

_QUOTED = re.compile(r"""["“„«»]([^"“”„«»]{2,160})["”“»«]|(?<!\w)['‘’]([^'‘’]{2,160})['’‘](?!\w)""")
KINDS = ("talking_down", "reminder", "blame", "sarcasm")


def _quoted(s: Situation, m: re.Match) -> bool:
    """Inside quotation marks: the customer's own words played back ("you said you 'should have
    read the small print'"), not the agent's."""
    return any(q.start() < m.start() and m.end() <= q.end() for q in _QUOTED.finditer(s.reply.norm))


def said(s: Situation, m: re.Match) -> bool:
    """False for words reported as not said ("I won't tell you to calm down") or quoted."""
    return not s.lex.negated_speech.search(s.reply.low, max(0, m.start() - 50), m.start()) and not _quoted(s, m)


def _denied(s: Situation, m: re.Match) -> bool:
    """Blame said not to be theirs: "it was not your fault", "no fue culpa tuya"."""
    low = s.reply.low
    start = max(s.reply.sentence_at(m.start())[0], m.start() - 30)
    clause = max(low.rfind(mark, start, m.start()) for mark in ",;:—–")  # "..., but you did tick it" is not denied
    return bool(s.lex.negator.search(low, max(start, clause + 1), m.start()))


@shared
def doubtful(s: Situation) -> list[tuple[int, int]]:
    """Words left out of condescension() and left to a model: blame or sarcasm a laughing customer may take
    as friendly ("next time try it with a vanilla shake"), and soothing after their worry was understood
    ("Rozumiem obawę... Spokojnie, zmiana planu nie rusza danych": reassurance, or talking down)."""
    found = []
    if s.customer_laughs:
        found += [m.span() for kind in ("blame", "sarcasm") for m in getattr(s.lex, kind).finditer(s.reply.low) if said(s, m)]
    if s.customer_upset is not False:
        found += [m.span() for m in s.lex.soothe.finditer(s.reply.low) if said(s, m) and _understood_before(s, m)]
    found += [m.span() for m in s.lex.blame.finditer(s.reply.low) if said(s, m) and _owned_after(s, m)]
    found += [(a, b) for a, b, caused in _feeling_apologies(s) if caused]
    return found


@shared
def _feeling_apologies(s: Situation) -> list[tuple[int, int, bool]]:
    """(start, end, cause named) of each apology for the customer's feeling or view."""
    norm, lex, text = s.reply.low, s.lex, s.reply
    found = [(m.start(), m.end(), _cause_named(s, m.end())) for m in lex.feelings_apology.finditer(norm)]
    for head in lex.apology_head.finditer(norm):  # the apology's object: the customer's feeling or view
        sent_end = text.sentence_at(head.start())[1]
        obj = lex.feeling_object.search(norm, head.end(), min(sent_end, head.end() + 70))
        # (not past a clause of the speaker's own: "sorry you were unwell, I hope you're feeling better")
        if obj and obj.start() - head.end() <= 30 and not lex.speaker_first.search(norm, head.end(), obj.start()):
            found.append((head.start(), obj.end(), _cause_named(s, obj.end())))
    return found


def _cause_named(s: Situation, end: int) -> bool:
    """The feeling apologised for is tied to what caused it ("sorry for any frustration the hold time caused",
    "la frustración que te ha causado esta subida"): an apology for the cause, or for the feeling; a model decides."""
    low = s.reply.low
    sent_end = s.reply.sentence_at(max(0, end - 1))[1]
    if _SPELLED_OUT.match(low, end, sent_end) and s.lex.hardship.search(low, end, sent_end):
        # "atvainojos par šo vilšanos – trīs reizes pa 30 minūtēm ir daudz par daudz": the cause follows, weighed
        return True
    cause = s.lex.feeling_cause.search(low, end, min(sent_end, end + 45))
    return cause is not None and cause.start() - end <= 2


# a dash or a colon straight after the feeling, then a clause: what caused it, spelled out
_SPELLED_OUT = re.compile(r"\s*[–—:]\s*\w+(?:\W+\w+){2,}")


def _weighed_before(s: Situation, m: re.Match) -> bool:
    """Their choice told as what makes it hard, right after the word that weighs it ("that's disappointing when
    you chose the flat for the view"): sympathy, not blame (not past a "but": "it's a pity, but you chose...")."""
    low, lex = s.reply.low, s.lex
    start = max(s.reply.sentence_at(m.start())[0], m.start() - 25)
    weighs = [w for group in (lex.hardship, lex.empathy) for w in group.finditer(low, start, m.start())]
    return any(not lex.contrast.search(low, w.end(), m.start()) for w in weighs)


def _owned_after(s: Situation, m: re.Match) -> bool:
    """Their part said, then the fault owned in the same sentence ("you did select a medium, so the small was
    a packing mistake on our end"): a model tells whether it blames them."""
    return owned(s, m.end(), s.reply.sentence_at(m.start())[1]) is not None


def _understood_before(s: Situation, m: re.Match) -> bool:
    low, lex = s.reply.low, s.lex
    return bool(lex.understanding.search(low, 0, m.start()) or lex.empathy.search(low, 0, m.start()))


@shared
def condescension(s: Situation) -> list[tuple[int, int, str]]:
    """(start, end, kind) of each condescending phrase, in order; kind is "feelings" (an apology for
    the customer's feeling or view) or one of KINDS."""
    norm, lex = s.reply.low, s.lex
    found: list[tuple[int, int, str]] = [(a, b, "feelings") for a, b, caused in _feeling_apologies(s) if not caused]
    cheerful = s.customer_laughs
    for kind in KINDS:
        if cheerful and kind in ("blame", "sarcasm"):
            continue  # "next time try it with a vanilla shake 😄" to a customer laughing about the hot sauce
        found += [(m.start(), m.end(), kind) for m in getattr(lex, kind).finditer(norm)
                  if said(s, m) and not (kind == "blame" and (_denied(s, m) or _owned_after(s, m) or _weighed_before(s, m)))]
    if not cheerful:
        found += [(a, b, "sarcasm") for a, b in s.rolled_eyes]  # "Rano jest szczyt, o czym piszemy wszędzie 🙄"
    if s.customer_upset is not False and not s.tearful_only:
        # "relax" is kind to a calm customer, dismissive to an upset one (or one unheard); to a fan whose upset
        # is a crying emoji ("nie mogę żyć bez Zenka 😭"), "Spokojnie, Zenek wraca!" is play
        found += [(m.start(), m.end(), "talking_down") for m in lex.soothe.finditer(norm)
                  if said(s, m) and not _understood_before(s, m)]
    return sorted(found)
