"""own_it: the reply takes responsibility for the company instead of excusing the failure.

Ownership is the first person plural owning the fault ("that's our miss", "es un error nuestro") or
putting it right ("I've removed the block", "I'll keep hold of this case myself"). An excuse puts
the cause elsewhere: outside the company's control ("out of our hands", "no es cosa nuestra"), on a
third party or circumstances ("because the bank posted it late", "los transportistas van
desbordados"), on the customer ("it's the passenger's responsibility", "as already informed"), or
defends instead of fixing ("we take food safety extremely seriously"). A refusal that repairs
nothing is left to a model: whether it owes an apology depends on whose fault it was.
"""

from __future__ import annotations

import re

from coach.offline.condescension import condescension
from coach.offline.conduct import unprofessional
from coach.offline.excuses import excuses, refusals
from coach.offline.situation import FAIL, PASS, Result, Situation, because, owned, quote, unjudged
from coach.offline.steps import ACTS, steps


def own_it(s: Situation) -> Result:
    owns = owned(s)  # (not "los retrasos no son culpa nuestra": ownership denied is an excuse)
    found = excuses(s)
    if owns and not any(kind == "excuse" for _, _, kind in found):
        ev = s.clause(owns.start(), owns.end(), 80)
        return (PASS, because("owned", quote=quote(ev)), [ev], "high")
    # a calm customer who reported nothing going wrong (a question, a change of plan, their own mix-up):
    # maybe nothing went wrong on the company's side, and then there is nothing to own
    calm = s.upset_points <= 0 and not any(c.problem for c in s.customers)
    reminded = [a for a, b, kind in condescension(s) if kind == "reminder"]
    if found and all(kind == "customer" and a in reminded for a, _, kind in found) and steps(s):
        # "as I explained, please update the app", "As I already explained, the bill was estimated. I've now added
        # your reading": talking down, but the fault is unnamed and the reply moves on; a model decides
        return unjudged()
    if found and s.customers and s.customers[-1].owns_slip:
        # "¿Qué he hecho mal?", "I think I scraped the bumper, really sorry!": the slip may be theirs, and then there
        # is nothing to own; whether the reply excuses the company or answers their question, a model decides
        return unjudged()
    if found and calm and (found[0][2] in ("customer", "defensive") or (s.customers and s.customers[-1].asks)):
        # blame with no failure complained of, or a question answered with a limit ("we have no say in how
        # many tickets come back"): whether own_it applies needs a model
        return unjudged()
    repair = [st for st in steps(s) if st[2] in ACTS or st[2] == "request"]
    if found and repair and all(kind == "others" for _, _, kind in found):
        # a cause beyond the company ("the weather is not in our hands", "przez niedbałość kuriera") beside
        # the repair: an honest explanation or an excuse, as the whole reply reads; a model decides
        return unjudged()
    natural = bool(found) and all(kind in ("excuse", "others") and _natural(s, a) for a, _, kind in found)
    if natural and repair:
        # "the weather is not in our hands" beside the refund: an honest cause nobody controls, and the
        # reply puts right what it can; that is no excuse
        start, end, _ = repair[0]
        ev = s.clause(start, end, 80)
        return (PASS, because("put_right", quote=quote(ev)), [ev], "high")
    if natural:
        # "lift closures due to weather are covered in our terms, so we can't refund them": a force nobody
        # controls, and nothing put right; whether anything went wrong on the company's side needs a model
        return unjudged()
    if found and all(kind in ("excuse", "others") and _conceded(s, a) for a, _, kind in found):
        # "although the artist's new date is out of our hands, your ticket stays valid": conceded, and the
        # answer follows; an honest cause or an excuse, as the whole reply reads: a model decides
        return unjudged()
    if found:
        start, end, kind = found[0]
        ev = s.clause(start, end, 90)
        return (FAIL, because({"customer": "blamed_customer", "defensive": "defensive"}.get(kind, "excuse"),
                              quote=quote(ev)), [ev], "high")
    rude = [f for f in unprofessional(s) if f[:2] not in s.rolled_eyes and f[2] != "shouting"]  # nor do rolled eyes or capitals say whose fault
    if rude and calm:
        return unjudged()
    if rude and repair and all(kind in ("retort", "unprofessional") for _, _, kind in rude):
        return unjudged()  # a sharp word, then the repair itself: whether it owned anything needs a model
    if rude:  # arguing with the customer takes no responsibility, whatever else the reply offers
        ev = s.clause(rude[0][0], rude[0][1], 60)
        return (FAIL, because("hostile", quote=quote(ev)), [ev], "high")
    if repair and _taken_back(s):
        # "I see why you'd want it all back. That said, our policy only covers…, so I've credited 22 minutes":
        # the repair comes after a refusal; whether that refusal is an excuse needs a model
        return unjudged()
    if repair:
        start, end, _ = repair[0]
        ev = s.clause(start, end, 80)
        return (PASS, because("put_right", quote=quote(ev)), [ev], "high")
    refused = refusals(s)
    if refused and s.customer_upset and s.customers[-1].problem and not s.customer_abusive and _bare_refusal(s):
        # an upset customer's failure met with a refusal and nothing put right: nothing is owned
        ev = s.clause(refused[0][0], refused[0][1], 90)
        return (FAIL, because("excuse", quote=quote(ev)), [ev], "high")
    if refused:
        return unjudged()  # a refusal that repairs nothing: whose fault it was decides, and that needs a model
    arranged = [st for st in steps(s) if st[2] == "scheduled"]
    if arranged:
        ev = s.clause(arranged[0][0], arranged[0][1], 80)
        return (PASS, because("put_right", quote=quote(ev)), [ev], "high")
    return unjudged()


def _bare_refusal(s: Situation) -> bool:
    """A short reply (two sentences at most) that asks nothing and leaves the customer nothing to do:
    the refusal is all there is ("karnetu nie da się zamrozić, taki jest regulamin")."""
    from coach.offline.steps import _maybe_a_step

    return len(s.reply.sentences) <= 2 and "?" not in s.reply.low and not _maybe_a_step(s)


def _taken_back(s: Situation) -> bool:
    """The reply acknowledges and then takes it back (no_yes_but fails it)."""
    from coach.offline.checks import no_yes_but

    return no_yes_but(s)[0] is FAIL


def _natural(s: Situation, at: int) -> bool:
    """The sentence of `at` names a force nobody controls (the weather, a storm, floods)."""
    return bool(s.lex.natural_cause.search(s.reply.low, *s.reply.sentence_at(at)))


def _conceded(s: Situation, at: int) -> bool:
    """`at` sits in an "although" clause of its sentence: the cause is conceded, not the answer
    (an emoji closes a sentence as a full stop does: "what bad luck 😔 Although …")."""
    start, _ = s.reply.sentence_at(at)
    before = _SYMBOL.sub(".", s.reply.low[max(0, start - 3):at])
    opened = [m.end() for m in s.lex.concessive.finditer(before)]
    return bool(opened) and not any(mark in before[opened[-1]:] for mark in ",،;")  # not past its clause


_SYMBOL = re.compile(r"[^\w\s,;:.!?'\"()«»„“”-]")
