"""The scripted customer listens: it answers what the reply did, and only that, in the trainee's form
of address; and it lasts: twelve turns in any mood without repeating a line while an unused one
fits, and never a line from another mood."""

from __future__ import annotations

import asyncio

import pytest

from coach.customers import ScriptedCustomer
from coach.grades import Grade
from coach.harness import line
from coach.languages import Address
from coach.listening import Heard
from coach.mood import EndState, MoodChange
from coach.practice import start_practice

MOODS = {"calm": 20, "annoyed": 50, "angry": 75, "abusive": 99}
# a conversation that cools, flares up and cools again, as a real one might
PATH = ["annoyed", "annoyed", "angry", "angry", "angry", "annoyed", "calm", "calm", "annoyed", "angry", "calm", "calm"]


def drive(persona, bands: list[str]) -> list[tuple[str, str]]:
    """Twelve turns of the customer's answers to replies with nothing to react to."""
    customer = ScriptedCustomer(persona, seed=7)
    history = [{"role": "customer", "content": persona.opening}]
    said = []
    nothing = Grade(lang=persona.language, engine="offline", criteria=[])
    for band in bands:
        mood = MOODS[band]
        change = MoodChange(before=mood, after=mood, reasons=[], band=band, abusive=band == "abusive")
        line = customer.line_for(history + [{"role": "trainee", "content": "..."}], change, nothing)
        history += [{"role": "trainee", "content": "..."}, {"role": "customer", "content": line}]
        said.append((band, line))
    return said


def lines_of(persona, band: str, address: Address = Address.NEUTRAL) -> list[str]:
    return [line.to(address) for line in getattr(persona.lines, band)]


@pytest.mark.parametrize("band", ["calm", "annoyed", "angry", "abusive"])
def test_twelve_turns_in_one_mood_never_repeat_a_line(personas, band):
    for persona in personas:
        if band == "abusive" and not persona.abuse:
            continue
        said = [line for _, line in drive(persona, [band] * 12)]
        assert len(set(said)) == 12, (persona.id, band, said)
        assert set(said) <= set(lines_of(persona, band)), (persona.id, band)


def test_a_conversation_that_changes_mood_answers_in_the_mood_of_each_turn_without_repeats(personas):
    for persona in personas:
        said = drive(persona, PATH)
        for band, text in said:
            assert text in lines_of(persona, band), (persona.id, band, text)
        lines = [text for _, text in said]
        assert len(set(lines)) == len(lines), persona.id


# What each kind of scripted trainee's reply does (coach/data/trainees.yaml), as a trainer tags the
# customer's answers to it: the customer's answer must be a line tagged with one of these.
KINDS = {
    "yes_but": {Heard.YES_BUT, Heard.EXCUSE},
    "condescending": {Heard.CALM_DOWN, Heard.SORRY_YOU_FEEL, Heard.CONDESCENDING},
    "over_promiser": {Heard.OVER_PROMISE, Heard.NEVER_AGAIN},
    "model": {Heard.GOOD, Heard.FEELINGS_HEARD, Heard.OWNED, Heard.PROMISE, Heard.APOLOGISED, Heard.NAME_USED},
    "closing": {Heard.CLOSING},
}
# where in a conversation the reply comes: first; after a good reply; after a "yes, but" (which
# leaves an abusive persona abusive)
BEFORE = {"first": [], "after a good reply": ["model"], "after a slip": ["yes_but"]}


def tagged(persona, tags: set[Heard], band: str, address: Address = Address.NEUTRAL) -> set[str]:
    answers = persona.lines.answers
    return {line.to(address) for h in tags if h in answers for line in answers[h].fitting(band)}


@pytest.mark.parametrize("kind", KINDS)
def test_every_persona_answers_each_kind_of_reply_with_a_line_tagged_for_what_it_did(personas, kind):
    """Wherever the reply comes, the customer answers it with a line tagged for what it did, unless
    the reply ended the conversation (a second bad reply may lose the customer, a good one may settle
    it): then with a line for that end. Every persona answers every kind at least twice."""
    for persona in personas:
        answered = 0
        for when, before in BEFORE.items():
            practice = start_practice(persona, engine="offline")
            for earlier in before:
                asyncio.run(practice.turn(line(persona, earlier)))
            record = asyncio.run(practice.turn(line(persona, kind)))
            where = (persona.id, kind, when, record.band, record.customer)
            if record.end is not None:
                ends = {EndState.RESOLVED: "resolved", EndState.WALKED_OUT: "walked_out",
                        EndState.ESCALATED: "escalated"}
                assert record.customer in lines_of(persona, ends[record.end]), where
                assert (record.end is EndState.RESOLVED) == (kind in ("model", "closing")), where
                continue
            assert record.customer in tagged(persona, KINDS[kind], record.band), where
            answered += 1
        assert answered >= 2, (persona.id, kind)


def test_no_line_answers_something_the_reply_did_not_do(personas):
    """Over whole conversations of every kind of trainee, each line the customer says is either
    tagged for something the grade of that reply records, or a line of its mood (which answers
    nothing in particular), or an end line."""
    from coach.listening import heard

    for persona in personas:
        ends = {line.to(Address.NEUTRAL) for group in (persona.lines.resolved, persona.lines.walked_out,
                                                       persona.lines.escalated, persona.lines.released) for line in group}
        for kinds in (["yes_but"] * 6, ["condescending"] * 6, ["over_promiser"] * 6, ["model"] * 6,
                      ["yes_but", "model", "condescending", "closing", "over_promiser", "model", "model"]):
            practice = start_practice(persona, engine="offline", seed=3)
            for kind in kinds:
                if practice.conversation.finished:
                    break
                record = asyncio.run(practice.turn(line(persona, kind)))
                fits = tagged(persona, set(heard(record.grade)), record.band) | set(lines_of(persona, record.band))
                assert record.customer in (ends if record.end else fits), (persona.id, kind, record.customer)


def test_the_customer_speaks_to_the_trainee_in_their_form_of_address(personas):
    """A line written in gendered forms is said in the form the trainee chose; a trainee who chose
    none hears the neutral form. Where all three are given they differ."""
    gendered = [p for p in personas if any(line.feminine or line.masculine for line in p.lines.every_line())]
    assert {p.language for p in gendered} >= {"pl", "ar", "es", "lv"}
    differed = 0
    for persona in gendered:
        lines = persona.lines.every_line()
        for item in lines:
            if item.feminine and item.masculine:
                assert len({item.neutral, item.feminine, item.masculine}) == 3, (persona.id, item)
        said: dict[Address, list[str]] = {}
        for address in Address:
            practice = start_practice(persona, engine="offline", address=address)
            said[address] = []
            for kind in ("model", "model", "yes_but", "condescending", "model", "model", "model", "closing"):
                if not practice.conversation.finished:
                    said[address].append(asyncio.run(practice.turn(line(persona, kind))).customer)
            for text in said[address]:
                assert any(item.to(address) == text for item in lines if text in item.forms()), (address, text)
        differed += said[Address.FEMININE] != said[Address.MASCULINE]
    assert differed >= 2


def test_a_polish_customer_thanks_a_woman_as_a_woman_and_anyone_else_without_pan_or_pani(personas):
    zbigniew = next(p for p in personas if p.id == "abusive-caller")
    thanks = {}
    for address in Address:
        practice = start_practice(zbigniew, engine="offline", address=address)
        while not practice.conversation.finished:
            record = asyncio.run(practice.turn(line(zbigniew, "model")))
        assert record.end is EndState.RESOLVED
        thanks[address] = record.customer
    assert "pani to załatwiła" in thanks[Address.FEMININE]
    assert "pan to załatwił" in thanks[Address.MASCULINE]
    assert " pan" not in thanks[Address.NEUTRAL] and " pani" not in thanks[Address.NEUTRAL]
