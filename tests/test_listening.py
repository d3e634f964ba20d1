"""What a customer hears in a reply is read from the offline grade: its verdicts and reasons."""

from __future__ import annotations

import pytest

from coach.cases import Turn
from coach.grades import CriterionGrade, Grade, Verdict
from coach.listening import Heard, heard

UPSET = [Turn(role="customer", content="This is the THIRD time I've called. It's unacceptable and I'm furious.")]


def _heard(grader, reply: str, lang: str = "en", weights=None) -> list[Heard]:
    return heard(grader.grade(reply, lang=lang, customer_name="Gary Thompson", context=UPSET), weights)


@pytest.mark.parametrize(("reply", "lang", "first"), [
    ("I understand, but that's our policy.", "en", Heard.YES_BUT),
    ("Calm down, please. Let me look.", "en", Heard.CALM_DOWN),
    ("I'm sorry you feel that way.", "en", Heard.SORRY_YOU_FEEL),
    ("As I already explained, the refund takes a week.", "en", Heard.ALREADY_TOLD),
    ("You should have read the terms before ordering.", "en", Heard.BLAMED),
    ("It will arrive tomorrow, guaranteed.", "en", Heard.OVER_PROMISE),
    ("This will never happen again.", "en", Heard.NEVER_AGAIN),
    ("That's not my department.", "en", Heard.EXCUSE),
    ("Thank you for your patience, Gary. Have a lovely day.", "en", Heard.CLOSING),
    ("I'll email you the supplier's note about the logo this afternoon.", "en", Heard.PROMISE),
    ("Please hold on a moment.", "en", Heard.NO_ANSWER),
    ("Proszę się uspokoić.", "pl", Heard.CALM_DOWN),
    ("Entiendo, pero esa es nuestra política.", "es", Heard.YES_BUT),
    ("اهدأ من فضلك.", "ar", Heard.CALM_DOWN),
    ("Jag garanterar att paketet kommer fram i morgon.", "sv", Heard.OVER_PROMISE),
    ("Sūtījums noteikti pienāks rīt.", "lv", Heard.OVER_PROMISE),
])
def test_the_most_telling_thing_a_reply_did_comes_first(grader, reply, lang, first):
    found = _heard(grader, reply, lang)
    assert found and found[0] is first, found


def test_a_calm_down_is_not_heard_as_sorry_you_feel_nor_an_email_as_a_call(grader):
    assert Heard.SORRY_YOU_FEEL not in _heard(grader, "Calm down.")
    assert Heard.CONDESCENDING in _heard(grader, "Calm down.")
    email = _heard(grader, "I'll email you the tracking number today.")
    assert Heard.PROMISE in email and Heard.VAGUE_PROMISE not in email


def test_a_good_reply_is_heard_as_good_and_a_mixed_one_is_not(grader):
    good = "I'm so sorry, Gary. That sounds really frustrating, and it's our mistake. I'll check it myself now."
    assert _heard(grader, good)[0] is Heard.GOOD
    mixed = good + " But that's our policy, you should have read it."
    assert Heard.GOOD not in _heard(grader, mixed)


def test_the_customers_own_triggers_decide_which_hurt_is_answered_first(grader):
    reply = "Calm down. I understand, but that's our policy."
    assert _heard(grader, reply, weights={"no_yes_but": 20, "no_condescending_apology": 5})[0] is Heard.YES_BUT
    assert _heard(grader, reply, weights={"no_yes_but": 5, "no_condescending_apology": 20})[0] is Heard.CALM_DOWN


def test_only_passes_and_fails_are_heard():
    """A criterion the grader could not judge, or that does not apply, tells the customer nothing;
    an empty grade (nothing judged) is not "no answer"."""
    undecided = Grade(lang="en", engine="offline", criteria=[
        CriterionGrade(criterion="no_yes_but", verdict=Verdict.NA, explanation="", reason="took_back"),
        CriterionGrade(criterion="restate_problem", verdict=Verdict.UNJUDGED, explanation="", reason="cannot_judge"),
        CriterionGrade(criterion="under_promise", verdict=Verdict.PASS, explanation="", reason="own_step")])
    assert heard(undecided) == [Heard.PROMISE]
    assert heard(Grade(lang="en", engine="offline", criteria=[])) == []
