"""The scorecard counts what the offline grader could not judge apart: never as passed, failed or
n/a, and the score is over judged verdicts only; the downloads say so in the reader's language.
How the conversation ended weighs in the score beside the replies' criteria."""

from __future__ import annotations

import asyncio
import json

import pytest

from coach.grades import Verdict
from coach.i18n import t
from coach.mood import EndState
from coach.personas import find_persona
from coach.practice import Conversation, end_conversation, start_practice
from coach.rubric import Rubric
from coach.scorecard import scorecard
from coach.settings import Settings
from coach.transcript import transcript_json, transcript_markdown
from coach.web.views import grade_panel, scorecard_html

REPLIES = ["I understand, but that's our policy.", "Gary, I'm sorry. I'll refund the $19 today and email you."]


def played(rubric: Rubric) -> Conversation:
    practice = start_practice(find_persona("lawsuit-19-dollars"), settings=Settings(), engine="offline", rubric=rubric)
    for reply in REPLIES:
        asyncio.run(practice.turn(reply))
    return practice.conversation


def test_unjudged_is_counted_apart_and_leaves_the_score_alone(rubric, unchecked_rubric):
    _, with_warm = unchecked_rubric
    c = played(with_warm)
    card = scorecard(c, with_warm)
    warm = next(s for s in card.criteria if s.criterion == "warm_tone")
    assert (warm.passed, warm.failed, warm.not_applicable, warm.unjudged) == (0, 0, 0, 2)
    for s in card.criteria:  # every grade counted exactly once, in one column
        assert s.passed + s.failed + s.not_applicable + s.unjudged == len(REPLIES)
    assert card.score == scorecard(played(rubric), rubric).score  # same replies, same score without warm_tone
    assert "warm_tone" not in [s.criterion for s in card.criteria if s.judged]


@pytest.mark.parametrize("lang", ["en", "pl", "ar"])
def test_the_downloads_and_the_page_say_not_judged_offline(unchecked_rubric, lang):
    _, with_warm = unchecked_rubric
    c = played(with_warm)
    words = t("score.unjudged", lang)
    markdown = transcript_markdown(c, with_warm, lang)
    name = with_warm.get("warm_tone").name_in(lang)
    assert f"| {t('md.unjudged', lang)} |" in markdown
    assert any(line.startswith(f"| {name} | 0 | 0 | 0 | 2 |") for line in markdown.splitlines())
    assert t("grade.unjudged", lang, names="").rstrip() in markdown  # under each turn
    data = json.loads(transcript_json(c, with_warm))
    assert next(s for s in data["scorecard"]["criteria"] if s["criterion"] == "warm_tone")["unjudged"] == 2
    assert data["turns"][0]["grade"]["criteria"][-1]["verdict"] == "unjudged"
    html = scorecard_html(scorecard(c, with_warm, lang), c, lang)
    assert f"<th>{words}</th>" in html and "data-criterion='warm_tone'" in html
    panel = grade_panel(c.turns[0].grade, c.turns[0].reply, with_warm, ui=lang)
    line = panel[panel.index("<div class='na unjudged'"):]
    line = line[:line.index("</div>")]
    assert t("grade.unjudged", lang, names="").rstrip() in line and f">{name}</span>" in line
    assert "data-criterion='warm_tone' data-verdict" not in panel  # never in a pass / fail / n/a box


def test_a_reviewed_unjudged_grade_counts_as_the_trainers_verdict(unchecked_rubric):
    from coach.reviews import apply, new_review

    _, with_warm = unchecked_rubric
    c = played(with_warm)
    review = new_review(c, c.turns[0], "warm_tone", Verdict.FAIL, "Cold.", "tess")
    assert review.original is Verdict.UNJUDGED
    card = scorecard(apply(c, [review]), with_warm)
    warm = next(s for s in card.criteria if s.criterion == "warm_tone")
    assert (warm.failed, warm.unjudged) == (1, 1)
    with pytest.raises(ValueError):
        new_review(c, c.turns[1], "warm_tone", Verdict.UNJUDGED, "Can't tell.", "tess")


RUDE = "Calm down. If you had read the listing you would know, but that's our policy."
GOOD = "I'm so sorry, Gary. That sounds really frustrating. I'll check it myself and call you back before 4pm."


def played_out(replies, rubric):
    practice = start_practice(find_persona("lawsuit-19-dollars"), engine="offline", rubric=rubric)
    for reply in replies:
        if practice.conversation.finished:
            break
        asyncio.run(practice.turn(reply))
    return practice.conversation


def test_a_walk_out_scores_well_below_what_its_replies_alone_would(rubric):
    conversation = played_out([GOOD, GOOD, RUDE, RUDE, RUDE, RUDE, RUDE], rubric)
    assert conversation.end is EndState.WALKED_OUT
    card = scorecard(conversation, rubric)
    assert card.replies is not None and card.score is not None
    assert card.outcome == 0.0
    assert card.score == round((1 - rubric.outcome.share) * card.replies, 3)
    assert card.score <= 0.6


def test_a_conversation_still_going_is_scored_on_its_replies_and_a_calm_ending_counts_for_it(rubric):
    conversation = played_out([GOOD, GOOD], rubric)
    going = scorecard(conversation, rubric)
    assert going.outcome is None and going.score == going.replies
    end_conversation(conversation)
    ended = scorecard(conversation, rubric)
    assert ended.outcome == round((100 - conversation.mood) / 100, 3)
    assert ended.score is not None and going.score is not None
    assert ended.score == round((1 - rubric.outcome.share) * going.score + rubric.outcome.share * ended.outcome, 3)
