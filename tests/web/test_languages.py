"""The page in the trainee's language: from the browser, or picked on the page and kept."""

from __future__ import annotations

from playwright.sync_api import expect

from coach.i18n import t
from coach.rubric import load_rubric
from tests.web.conftest import new_page
from tests.web.ui import open_page, pick_customer, send, start


def test_a_latvian_browser_gets_a_latvian_page_and_latvian_feedback(server, browser):
    page = new_page(browser, locale="lv-LV")
    try:
        open_page(page, server.url)
        expect(page.locator("#coach-start")).to_have_text(t("practise.start", "lv"))
        expect(page.locator("#coach-send")).to_have_text(t("practise.send", "lv"))
        pick_customer(page, "Neapmierinātais klients")
        page.click("#coach-start")
        expect(page.locator("#coach-reply textarea")).to_be_editable()
        send(page, "Saprotu, bet tā ir mūsu politika.")
        crit = page.locator("#coach-grade .crit[data-criterion=no_yes_but]")
        expect(crit).to_have_attribute("data-verdict", "fail")
        name = load_rubric().get("no_yes_but").name_in("lv")
        expect(crit.locator("b")).to_have_text(name)
        expect(crit.locator(".why")).not_to_contain_text("You acknowledged")
        expect(crit.locator(".badge")).to_contain_text(t("verdict.fail", "lv"))
    finally:
        page.context.close()


def test_picking_arabic_turns_the_page_right_to_left_and_the_choice_is_kept(server, page):
    open_page(page, server.url)
    pick_customer(page, "The $19 lawsuit")
    start(page, "This case you sold me is a FAKE")
    send(page, "I understand, but that's our policy.")
    box = page.locator("#coach-language input")
    box.click()
    page.locator("[role=option]", has_text="العربية").click()
    expect(page.locator("#coach-start")).to_have_text(t("practise.start", "ar"))
    assert page.evaluate("document.documentElement.dir") == "rtl"
    crit = page.locator("#coach-grade .crit[data-criterion=no_yes_but]")
    expect(crit.locator("b")).to_have_text(load_rubric().get("no_yes_but").name_in("ar"))
    expect(crit.locator(".why")).not_to_contain_text("You acknowledged")
    # the English conversation itself stays as it was written
    expect(page.locator("#coach-chat")).to_contain_text("I understand, but that's our policy.")

    page.reload()
    expect(page.locator("#coach-start")).to_have_text(t("practise.start", "ar"))
    page.wait_for_function("document.documentElement.dir === 'rtl'")
    expect(page.locator("#coach-grade .crit[data-criterion=no_yes_but] b")).to_have_text(
        load_rubric().get("no_yes_but").name_in("ar"))


def test_the_mood_says_in_plain_words_what_moved_it_in_all_six_languages(server, page):
    import re

    from coach.languages import LANGUAGES

    open_page(page, server.url)
    pick_customer(page, "The $19 lawsuit")
    start(page, "This case you sold me is a FAKE")
    send(page, "There is no reason to be upset, sir.")
    for code, name in LANGUAGES.items():
        page.locator("#coach-language input").click()
        page.locator("[role=option]", has_text=name).click()
        expect(page.locator("#coach-start")).to_have_text(t("practise.start", code))
        reasons = page.locator("#coach-mood .why li")
        expect(reasons.first).to_have_text(t("mood.why_line", code, what=t("mood.why.no_condescending_apology.talking_down", code),
                                             effect=t("mood.effect.up_much", code)))
        assert not any(re.search(r"[+-]\s?\d", line) for line in reasons.all_inner_texts())
