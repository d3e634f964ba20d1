"""What the offline grader cannot judge says so on the page, in the trainee's language: in the grade
panel, on the scorecard and in the downloads; never as a pass, a fail or an n/a."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from coach.i18n import t
from tests.conftest import write_unchecked_rubric
from tests.web.conftest import Server, new_page
from tests.web.ui import download, download_json, open_page, pick_customer, send, start

SESSIONS = [  # browser locale, page language, customer, words of the opening, a reply
    ("en-US", "en", "The $19 lawsuit", "FAKE", "I'm sorry, Gary. I'll check it now."),
    ("pl-PL", "pl", "Dzwoniący, który obraża", "internetu", "Rozumiem, panie Zbigniewie. Sprawdzę to teraz."),
    ("ar", "ar", "طلب متأخر أسبوعين", "السلام عليكم", "أعتذر منك يا أحمد، سأتحقق من الطلب الآن."),
]


@pytest.fixture(scope="module")
def warm_server(tmp_path_factory):
    """A page whose rubric has a criterion the offline grader has no check for (warm_tone)."""
    folder = tmp_path_factory.mktemp("unjudged")
    rubric_path = write_unchecked_rubric(folder)
    s = Server(folder / "coach.sqlite3", env_extra={"COACH_RUBRIC": str(rubric_path)}).start()
    yield s, rubric_path
    s.stop()


@pytest.mark.parametrize("locale, lang, customer, opening, reply", SESSIONS)
def test_not_judged_offline_on_the_page_the_scorecard_and_the_downloads(warm_server, browser, locale, lang, customer,
                                                                       opening, reply):
    from coach.rubric import load_rubric

    server, rubric_path = warm_server
    name = load_rubric(rubric_path).get("warm_tone").name_in(lang)
    page = new_page(browser, locale=locale)
    try:
        open_page(page, server.url)
        expect(page.locator("#coach-start")).to_have_text(t("practise.start", lang))
        pick_customer(page, customer)
        start(page, opening)
        send(page, reply)
        line = page.locator("#coach-grade .unjudged[data-verdict=unjudged]")
        expect(line).to_contain_text(t("grade.unjudged", lang, names="").strip())
        expect(line.locator("[data-criterion=warm_tone]")).to_have_text(name)
        expect(page.locator("#coach-grade .crit[data-criterion=warm_tone]")).to_have_count(0)  # no verdict box

        page.click("#coach-end")
        card = page.locator("#coach-scorecard")
        expect(card.locator("th").last).to_have_text(t("score.unjudged", lang))
        expect(card.locator("tr[data-criterion=warm_tone] td.unjudged")).to_have_text("1")
        expect(card.locator("tr[data-criterion=warm_tone] td").nth(1)).to_have_text("0/0")  # not passed, not failed

        transcript = download_json(page)
        warm = next(s for s in transcript["scorecard"]["criteria"] if s["criterion"] == "warm_tone")
        assert (warm["passed"], warm["failed"], warm["not_applicable"], warm["unjudged"]) == (0, 0, 0, 1)
        assert transcript["turns"][0]["grade"]["criteria"][-1]["verdict"] == "unjudged"
        markdown = download(page, "#coach-dl-md")
        assert f"| {t('md.unjudged', lang)} |" in markdown
        prefix = t("grade.unjudged", lang, names="").strip()
        assert any(line.startswith(f"- ❔ {prefix}") and name in line for line in markdown.splitlines())
    finally:
        page.context.close()
