"""What a customer hears in a reply: the things the offline grader found it doing, as typed values.

The scripted customer answers these and nothing else. Each of its lines is tagged in the persona
with what it answers (`lines.answers.yes_but`, `lines.answers.promise`...), and a line is only
said when the grade of the reply records that thing: the customer never answers words nobody said.
What was heard is read from the grade's verdicts and reasons, never from the reply's text.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import NamedTuple

from coach.grades import Grade, Verdict


class Heard(str, Enum):
    """One thing a reply did that a customer can answer."""

    # what makes it worse
    RUDE = "rude"                      # an insult or shouting at the customer
    YES_BUT = "yes_but"                # acknowledged them, then took it back ("I understand, but...")
    SORRY_YOU_FEEL = "sorry_you_feel"  # apologised for their feelings, not for what happened
    CALM_DOWN = "calm_down"            # told them how to feel ("calm down", "no need to be upset")
    ALREADY_TOLD = "already_told"      # "as I already explained"
    BLAMED = "blamed"                  # told them it was their own doing
    SARCASM = "sarcasm"                # talked down to them, mocking
    CONDESCENDING = "condescending"    # any of the five above: a line that fits them all
    NEVER_AGAIN = "never_again"        # promised it will never happen again
    OVER_PROMISE = "over_promise"      # guaranteed what others deliver (never_again included)
    EXCUSE = "excuse"                  # not my fault, not my department, that's policy
    # what helps
    CLOSING = "closing"                # closed the conversation warmly
    BOUNDARY = "boundary"              # set a calm limit on their abuse
    GOOD = "good"                      # a good reply: nothing that hurts, and two things that help
    FEELINGS_HEARD = "feelings_heard"  # acknowledged how they feel
    OWNED = "owned"                    # owned the mistake
    PROMISE = "promise"                # committed to a step of their own (a check, a call, an email)
    RESTATED = "restated"              # put their problem in their own words, or asked about it
    APOLOGISED = "apologised"          # apologised for what happened
    NAME_USED = "name_used"            # called them by their name
    # what leaves them waiting
    VAGUE_PROMISE = "vague_promise"    # spoke of an outcome but committed to nothing of their own
    NO_ANSWER = "no_answer"            # said nothing about their problem at all


class Rule(NamedTuple):
    criterion: str
    verdict: Verdict
    reasons: frozenset[str] | None  # None: any reason
    heard: Heard


FAIL, PASS = Verdict.FAIL, Verdict.PASS
# The contract with the offline grader: which verdict (and reason) of which criterion means what.
RULES: tuple[Rule, ...] = (
    Rule("stay_professional", FAIL, None, Heard.RUDE),
    Rule("no_yes_but", FAIL, None, Heard.YES_BUT),
    Rule("no_condescending_apology", FAIL, frozenset({"feelings"}), Heard.SORRY_YOU_FEEL),
    Rule("no_condescending_apology", FAIL, frozenset({"talking_down"}), Heard.CALM_DOWN),
    Rule("no_condescending_apology", FAIL, frozenset({"reminder"}), Heard.ALREADY_TOLD),
    Rule("no_condescending_apology", FAIL, frozenset({"blame"}), Heard.BLAMED),
    Rule("no_condescending_apology", FAIL, frozenset({"sarcasm"}), Heard.SARCASM),
    Rule("no_condescending_apology", FAIL, None, Heard.CONDESCENDING),
    Rule("under_promise", FAIL, frozenset({"never_again"}), Heard.NEVER_AGAIN),
    Rule("under_promise", FAIL, None, Heard.OVER_PROMISE),
    Rule("own_it", FAIL, None, Heard.EXCUSE),
    Rule("positive_close", PASS, None, Heard.CLOSING),
    Rule("set_boundaries", PASS, None, Heard.BOUNDARY),
    Rule("acknowledge_feelings", PASS, None, Heard.FEELINGS_HEARD),
    Rule("own_it", PASS, frozenset({"owned"}), Heard.OWNED),  # a repair alone is heard as the promise it is
    Rule("under_promise", PASS, frozenset({"own_step"}), Heard.PROMISE),
    Rule("next_step", PASS, None, Heard.PROMISE),
    Rule("restate_problem", PASS, None, Heard.RESTATED),
    Rule("no_condescending_apology", PASS, frozenset({"apology_for_what_happened"}), Heard.APOLOGISED),
    Rule("personalize", PASS, frozenset({"both_names", "own_given_earlier", "give_yours_too"}), Heard.NAME_USED),
    Rule("under_promise", PASS, frozenset({"honest", "described"}), Heard.VAGUE_PROMISE),
)
HURTS = (Heard.RUDE, Heard.YES_BUT, Heard.SORRY_YOU_FEEL, Heard.CALM_DOWN, Heard.ALREADY_TOLD, Heard.BLAMED,
         Heard.SARCASM, Heard.CONDESCENDING, Heard.NEVER_AGAIN, Heard.OVER_PROMISE, Heard.EXCUSE)
HELPS = (Heard.FEELINGS_HEARD, Heard.OWNED, Heard.PROMISE, Heard.RESTATED, Heard.APOLOGISED)
# Criteria whose passes mean the reply spoke to the customer's problem (or closed, or set a limit).
_ADDRESSED = (*HELPS, Heard.VAGUE_PROMISE, Heard.OVER_PROMISE, Heard.CLOSING, Heard.BOUNDARY)
ORDER = (Heard.RUDE, Heard.BOUNDARY, *HURTS[1:], Heard.CLOSING, Heard.GOOD, *HELPS, Heard.NAME_USED,
         Heard.VAGUE_PROMISE, Heard.NO_ANSWER)
CRITERION = {rule.heard: rule.criterion for rule in reversed(RULES)}  # the first rule's criterion


def heard(grade: Grade, weights: Mapping[str, int] | None = None) -> list[Heard]:
    """What the reply did, the most telling first: an insult, a boundary set on abuse, then what
    hurts (the heavier the persona's trigger for it, the sooner), a warm close, a good reply as a
    whole, each thing that helped, and last what left the customer waiting.
    Only passes and fails count: a criterion the grader could not judge tells the customer nothing."""
    found: set[Heard] = set()
    judged = {g.criterion: g for g in grade.criteria}
    for rule in RULES:
        g = judged.get(rule.criterion)
        if g is not None and g.verdict is rule.verdict and (rule.reasons is None or g.reason in rule.reasons):
            found.add(rule.heard)
    if Heard.PROMISE in found:
        found.discard(Heard.VAGUE_PROMISE)
    if not found & set(HURTS) and len(found & set(HELPS)) >= 2:
        found.add(Heard.GOOD)
    if "next_step" in judged and not found & set(_ADDRESSED):
        found.add(Heard.NO_ANSWER)
    weights = weights or {}

    def rank(h: Heard) -> tuple[int, int, int]:
        if h in (Heard.RUDE, Heard.BOUNDARY):
            return (0, 0, ORDER.index(h))
        if h in HURTS:
            return (1, -weights.get(CRITERION[h], 0), ORDER.index(h))
        return (2, 0, ORDER.index(h))

    return sorted(found, key=rank)
