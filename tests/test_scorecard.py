"""The scorecard counts what the offline grader could not judge apart: never as passed, failed or
n/a, and the score is over judged verdicts only; the downloads say so in the reader's language."""

from __future__ import annotations

import asyncio
import json

import pytest

from coach.grades import Verdict
from coach.i18n import t
from coach.personas import find_persona
from coach.practice import Conversation, start_practice
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
