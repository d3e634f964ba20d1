"""The scorecard weighs how the conversation ended beside the replies' criteria."""

from __future__ import annotations

import asyncio

from coach.mood import EndState
from coach.personas import find_persona
from coach.practice import end_conversation, start_practice
from coach.scorecard import scorecard

RUDE = "Calm down. If you had read the listing you would know, but that's our policy."
GOOD = "I'm so sorry, Gary. That sounds really frustrating. I'll check it myself and call you back before 4pm."


def played(replies, rubric):
    practice = start_practice(find_persona("lawsuit-19-dollars"), engine="offline", rubric=rubric)
    for reply in replies:
        if practice.conversation.finished:
            break
        asyncio.run(practice.turn(reply))
    return practice.conversation


def test_a_walk_out_scores_well_below_what_its_replies_alone_would(rubric):
    conversation = played([GOOD, GOOD, RUDE, RUDE, RUDE, RUDE, RUDE], rubric)
    assert conversation.end is EndState.WALKED_OUT
    card = scorecard(conversation, rubric)
    assert card.replies is not None and card.score is not None
    assert card.outcome == 0.0
    assert card.score == round((1 - rubric.outcome.share) * card.replies, 3)
    assert card.score <= 0.6


def test_a_conversation_still_going_is_scored_on_its_replies_and_a_calm_ending_counts_for_it(rubric):
    conversation = played([GOOD, GOOD], rubric)
    going = scorecard(conversation, rubric)
    assert going.outcome is None and going.score == going.replies
    end_conversation(conversation)
    ended = scorecard(conversation, rubric)
    assert ended.outcome == round((100 - conversation.mood) / 100, 3)
    assert ended.score is not None and going.score is not None
    assert ended.score == round((1 - rubric.outcome.share) * going.score + rubric.outcome.share * ended.outcome, 3)
