"""The page's HTML in every language: plain mood reasons, isolated quotes and names, the catalog's words."""

from __future__ import annotations

import re

import pytest

from coach.i18n import t
from coach.languages import LANGUAGES
from coach.personas import find_persona
from coach.practice import start_practice
from coach.web import views
from tests.aio import run


@pytest.fixture(scope="module")
def told_not_to_be_upset(rubric):
    practice = start_practice(find_persona("lawsuit-19-dollars"), engine="offline", rubric=rubric)
    turn = practice.turn("There is no reason to be upset, sir.")  # talks down, nothing else
    return run(turn)


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_mood_reasons_are_plain_words_without_numbers(told_not_to_be_upset, rubric, lang):
    turn = told_not_to_be_upset
    html = views.mood_meter(turn.mood_after, band=turn.band, reasons=turn.mood_reasons, rubric=rubric, ui=lang,
                            grade=turn.grade)
    reasons = re.findall(r"<li>(.*?)</li>", html)
    assert len(reasons) == len(turn.mood_reasons)
    assert reasons[0] == views.escape(t("mood.why_line", lang, what=t("mood.why.no_condescending_apology.talking_down", lang),
                                        effect=t("mood.effect.up_much", lang)))
    assert not any(re.search(r"[+-]\s?\d", r) for r in reasons)  # no "-4", "+2"
    assert "limit" not in html and "impatience" not in html


def test_an_arabic_explanation_keeps_an_english_quote_whole_and_in_place(told_not_to_be_upset, rubric):
    html = views.grade_panel(told_not_to_be_upset.grade, told_not_to_be_upset.reply, rubric, ui="ar")
    assert "<bdi class='quote'>“There is no reason to be upset, sir”</bdi>" in html  # the marks travel with the words
    assert "dir='rtl'" in html.split(">")[0]
    crit = html[html.index("data-criterion='no_condescending_apology'"):]
    badge, name = crit.index("class='badge'"), crit.index("class='name'")
    assert badge < name and "</span> <b class='name'>" in crit  # two elements, apart
    assert "، " in html and ", " not in re.sub(r"<bdi[^>]*>.*?</bdi>|<blockquote.*?</blockquote>", "", html)


def test_names_and_comments_are_isolated_text_inside_the_catalogs_words():
    line = views.t_html("review.corrected", "ar", reviewer=views.text("<b>tess</b>"), comment=views.text("سياسة"))
    assert line == "صحّحه <bdi>&lt;b&gt;tess&lt;/b&gt;</bdi>: <bdi>سياسة</bdi>"


def test_the_engine_banner_is_in_the_readers_language():
    for lang in LANGUAGES:
        html = views.banner(views.Engine("banner.offline", {}), local=True, ui=lang)
        assert views.escape(t("banner.offline", lang), quote=False) in html
        assert "<code dir='ltr'>coach users add</code>" in html
    model = views.banner(views.Engine("banner.model", {"judge": "j", "customer": "c", "endpoint": "http://x/v1"}), ui="lv")
    assert "Modeļa dzinējs" in model and "<bdi dir='ltr'>http://x/v1</bdi>" in model
