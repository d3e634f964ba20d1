"""Excuses and refusals in a reply: what own_it fails on, and what leaves a customer with no next
step. An excuse puts the cause outside the company: out of its control ("out of our hands"), on a
third party or circumstances ("because the bank posted it late", "los transportistas van
desbordados"), on the customer ("it's the passenger's responsibility"), or defends instead of
fixing ("we take food safety extremely seriously")."""

from __future__ import annotations

from coach.offline.condescension import condescension
from coach.offline.situation import Situation, shared


@shared
def excuses(s: Situation) -> list[tuple[int, int, str]]:
    """(start, end, kind) of each excuse: "excuse" (out of our hands), "others" (a third party or
    circumstances to blame), "defensive", "customer" (the customer's fault)."""
    norm, lex, text = s.reply.low, s.lex, s.reply
    found = [(m.start(), m.end(), "excuse") for m in lex.excuse.finditer(norm)]
    found += [(m.start(), m.end(), "defensive") for m in lex.defensive.finditer(norm)]
    for m in lex.third_party.finditer(norm):
        sent = text.sentence_at(m.start())
        strain = lex.overload.search(norm, m.end(), min(sent[1], m.end() + 45))
        if not strain and lex.speaker_possessive.search(norm, max(sent[0], m.start() - 12), min(sent[1], m.end() + 10)):
            continue  # "z powodu błędu w naszym systemie": the company's own fault ("our couriers are swamped" excuses)
        cause = (lex.cause.search(norm, max(sent[0], m.start() - 30), m.start() + 1)
                 or lex.cause.search(norm, m.end(), min(sent[1], m.end() + 12)))  # "kurjera dēļ"
        if cause or strain:
            a = min(cause.start(), m.start()) if cause else m.start()
            b = max(strain.end() if strain else m.end(), cause.end() if cause else m.end())
            found.append((a, b, "others"))
    found = [f for f in found if not _inquired(s, f[0]) and not _suggested(s, f[0], f[2])]
    found += [(a, b, "customer") for a, b, kind in condescension(s) if kind in ("blame", "reminder")]
    return sorted(found)


def _inquired(s: Situation, at: int) -> bool:
    """A cause inside what the speaker will find out ("uruchomię test linii i zobaczymy, czy to wina
    przeciążenia w Pana okolicy"): a question to settle, not an excuse."""
    start = s.reply.sentence_at(at)[0]
    return bool(s.lex.inquiry.search(s.reply.low, max(start, at - 40), at + 1))


def _suggested(s: Situation, at: int, kind: str) -> bool:
    """Another party's part inside a question to the customer ("could you ask the neighbours, as the courier
    sometimes leaves it with them?"): a place to look, not an excuse."""
    return kind == "others" and s.reply.asks(*s.reply.sentence_at(at))


@shared
def refusals(s: Situation) -> list[tuple[int, int]]:
    """Spans that refuse or close the matter ("non-refundable once processed", "I can't remove
    it"); an honest "I can't promise that time" refuses nothing."""
    norm, lex = s.reply.low, s.lex
    honest = [m.span() for m in lex.guarantee_negated.finditer(norm)]
    return [m.span() for m in lex.dismissal.finditer(norm)
            if not any(a < m.end() and m.start() < b for a, b in honest)]
