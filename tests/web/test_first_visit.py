"""A first visit, as a new trainee finds the page: their language's customer, a mood that means
something, the page's own words everywhere, a phone-width heading, nothing typed lost."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from coach.i18n import t
from coach.personas import find_persona
from tests.web.conftest import new_page
from tests.web.ui import mood, open_page, pick_customer, send, start

# a word broken over two lines has more than one box
WORDS_BROKEN = """e => {
  const node = e.querySelector('h2').firstChild;
  const broken = [];
  const re = /\\S+/g; let m;
  while ((m = re.exec(node.textContent))) {
    const range = document.createRange();
    range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
    const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
    if (lines.size > 1) broken.push(m[0]);
  }
  return broken;
}"""


def test_an_english_browser_meets_an_english_customer_at_their_starting_mood(server, page):
    open_page(page, server.url)
    card = page.locator("#coach-persona-card")
    expect(card).to_contain_text("English")
    expect(card).to_contain_text("difficulty")
    name = card.locator("h3").inner_text()
    persona = next(p for p in __import__("coach.personas", fromlist=["load_personas"]).load_personas()[0]
                   if p.display_name == name)
    assert persona.language == "en"
    assert mood(page) == persona.mood.start > 0


@pytest.mark.parametrize("locale,lang", [("lv-LV", "lv"), ("ar", "ar")])
def test_nothing_is_left_in_english_and_a_phone_keeps_the_heading_whole(server, browser, locale, lang):
    page = new_page(browser, locale=locale)
    try:
        page.set_viewport_size({"width": 390, "height": 844})
        open_page(page, server.url)
        title = page.locator("#coach-title")
        expect(title).to_contain_text(t("page.title", lang))
        expect(page.locator("#coach-language")).to_contain_text(t("page.language", lang))
        expect(page.locator("#coach-engine")).to_have_text(t("banner.offline", lang))
        expect(page.locator("#coach-persona-card .meta")).not_to_contain_text("difficulty")
        assert title.evaluate(WORDS_BROKEN) == []
        assert title.evaluate("e => e.querySelector('h2').getBoundingClientRect().height") < 4 * 40
        expect(page.locator("#coach-persona-card")).to_contain_text(
            next(iter(p.customer_name for p in __import__("coach.personas", fromlist=["x"]).load_personas()[0]
                      if p.language == lang)))
    finally:
        page.context.close()


def test_a_reply_typed_but_not_sent_survives_a_reload_and_is_forgotten_once_sent(server, page):
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    open_page(page, server.url)
    pick_customer(page, "The $19 lawsuit")
    start(page, "FAKE")
    box = page.locator("#coach-reply textarea")
    box.press_sequentially("Gary, I am checking the logo with our supplier", delay=5)
    assert errors == [], errors
    page.reload()  # (a reload cuts the old page's open requests short: the browser logs that, rightly)
    errors.clear()
    expect(box).to_have_value("Gary, I am checking the logo with our supplier")
    expect(box).to_be_editable()
    page.click("#coach-send")
    expect(page.locator("#coach-chat [data-testid=user]")).to_have_count(1)
    expect(box).to_have_value("")
    assert errors == [], errors
    page.reload()
    errors.clear()
    expect(page.locator("#coach-chat [data-testid=user]")).to_have_count(1)
    page.wait_for_timeout(1500)  # time for a draft to come back, were one kept
    expect(box).to_have_value("")
    assert errors == [], errors
    assert find_persona("lawsuit-19-dollars").language == "en"


def test_a_reply_typed_as_the_page_comes_back_stays_in_the_box(server, page):
    """The saved draft is put back a moment after a reload redraws the page; a reply typed in that moment is the
    trainee's and stays (it was once overwritten by the empty box the redraw began with)."""
    open_page(page, server.url)
    pick_customer(page, "The $19 lawsuit")
    start(page, "FAKE")
    send(page, "Gary, I'm sorry about the case.")
    page.reload()
    box = page.locator("#coach-reply textarea")
    expect(page.locator("#coach-chat [data-testid=user]")).to_have_count(1)
    expect(box).to_be_editable()
    box.fill("Could you send me a photo of the logo?")
    page.wait_for_timeout(1000)  # past the moment a draft would come back
    expect(box).to_have_value("Could you send me a photo of the logo?")
