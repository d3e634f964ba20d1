"""The trainee's page, end to end, in a real headless Chromium against `coach serve`."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.web.conftest import Server, new_page
from tests.web.ui import download, download_json, mood, open_page, pick_customer, send, start, verdict


def test_a_whole_practice_session(server, page):
    open_page(page, server.url)
    expect(page.locator("#coach-engine")).to_contain_text("Offline engine")
    expect(page.locator("#coach-local")).to_contain_text("Local mode")
    pick_customer(page, "The $19 lawsuit")
    start(page, "This case you sold me is a FAKE")
    first_mood = mood(page)
    expect(page.locator("#coach-chat button[aria-label=Clear]")).to_be_hidden()  # nothing pretends to delete

    send(page, "I understand, but that's our policy.")
    assert verdict(page, "no_yes_but") == "fail"
    expect(page.locator("#coach-grade .crit[data-criterion=no_yes_but] mark")).to_have_text(
        "I understand, but that's our policy")
    expect(page.locator("#coach-grade .crit[data-criterion=no_yes_but] .better")).to_contain_text("Try:")
    # the better phrasing speaks of Gary's case; Gary answers the "but", not something nobody said
    expect(page.locator("#coach-grade .crit[data-criterion=no_yes_but] .better")).to_contain_text(
        "the logo doesn't match the photo")
    expect(page.locator("#coach-chat [data-testid=bot]").last).to_contain_text(
        re.compile("take it back|on my side|same breath"))
    after_yes_but = mood(page)
    assert after_yes_but > first_mood

    send(page, "I'm so sorry, Gary. My name is Sam. That sounds really frustrating. "
               "I'll check it myself and call you back before 4pm.")
    assert verdict(page, "personalize") == "pass" and verdict(page, "no_yes_but") == "pass"
    assert mood(page) < after_yes_but
    expect(page.locator("#coach-mood")).to_contain_text("Customer mood")

    send(page, "Dear customer, please hold on a moment.")  # both names were given, but "dear customer" is generic
    assert verdict(page, "personalize") == "fail"

    page.reload()  # nothing is lost: the conversation comes back
    expect(page.locator("#coach-chat")).to_contain_text("Dear customer, please hold on a moment.")
    expect(page.locator("#coach-chat [data-testid=user]")).to_have_count(3)

    page.click("#coach-end")
    expect(page.locator("#coach-scorecard")).to_contain_text("Scorecard · Ended by the trainee")
    expect(page.locator("#coach-ended")).to_contain_text("You ended this conversation")
    expect(page.locator("#coach-scorecard")).to_contain_text("Practise next")
    expect(page.locator("#coach-mood-plot")).to_be_visible()
    expect(page.locator("#coach-reply textarea")).not_to_be_editable()

    transcript = download_json(page)
    assert [t["reply"] for t in transcript["turns"]][0] == "I understand, but that's our policy."
    assert transcript["turns"][0]["grade"]["criteria"][0]["criterion"] == "no_yes_but"
    assert transcript["scorecard"]["turns"] == 3 and transcript["end"] == "ended_by_trainee"
    markdown = download(page, "#coach-dl-md")
    assert "# The $19 lawsuit" in markdown and "## Scorecard" in markdown and "❌ fail" in markdown

    page.reload()  # the ended conversation and its scorecard stay on screen
    expect(page.locator("#coach-scorecard")).to_contain_text("Ended by the trainee")
    page.get_by_role("tab", name="My sessions").click()
    expect(page.locator("#coach-mine")).to_contain_text("The $19 lawsuit")
    expect(page.locator("#coach-mine")).to_contain_text("Ended by the trainee")


def test_an_arabic_conversation_reads_right_to_left(server, page):
    open_page(page, server.url)
    pick_customer(page, "طلب متأخر أسبوعين")
    start(page, "السلام عليكم")
    bubble = page.locator("#coach-chat [data-testid=bot]").first
    assert bubble.evaluate("e => getComputedStyle(e.querySelector('p') || e).direction") == "rtl"
    assert page.locator("#coach-reply textarea").evaluate("e => getComputedStyle(e).direction") == "rtl"
    send(page, "أفهم ذلك، لكن هذه سياسة الشركة.")
    assert verdict(page, "no_yes_but") == "fail"
    quote = page.locator("#coach-grade .crit[data-criterion=no_yes_but] blockquote")
    assert quote.get_attribute("dir") == "rtl"
    expect(quote.locator("mark")).to_have_text("أفهم ذلك، لكن هذه سياسة الشركة")


def test_a_restart_resumes_the_conversation_on_screen(tmp_path, browser):
    db = tmp_path / "coach.sqlite3"
    first = Server(db).start()
    alice = new_page(browser)
    try:
        open_page(alice, first.url)
        pick_customer(alice, "The indecisive shopper")
        start(alice, "I still can't decide")
        send(alice, "Priya, let me ask: what will you mostly use it for?")
    finally:
        first.stop()
    second = Server(db, port=first.port).start()
    try:
        alice.reload()
        expect(alice.locator("#coach-chat")).to_contain_text("what will you mostly use it for?")
        send(alice, "Thank you, Priya. If it doesn't suit you, you can return it within 30 days.", enter=True)
        expect(alice.locator("#coach-chat [data-testid=user]")).to_have_count(2)
        alice.get_by_role("tab", name="Trainer view").click()
        alice.click("#coach-trainer-go")
        expect(alice.locator("#coach-trainer")).to_contain_text("The indecisive shopper")
    finally:
        second.stop()
        alice.context.close()
