"""The scripted customer lasts: twelve turns in any mood without repeating a line while an unused
one fits, and never a line from another mood."""

from __future__ import annotations

import pytest

from coach.customers import ScriptedCustomer
from coach.grades import Grade
from coach.mood import MoodChange

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


def lines_of(persona, band: str) -> list[str]:
    return getattr(persona.lines, band)


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
        for band, line in said:
            assert line in lines_of(persona, band), (persona.id, band, line)
        lines = [line for _, line in said]
        assert len(set(lines)) == len(lines), persona.id
