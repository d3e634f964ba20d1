"""Trying a turn again, and hints while typing, in a real Chromium."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.web.ui import download, mood, open_page, pick_customer, send, start, verdict

YES_BUT = "I understand, but that's our policy."
GOOD = "I'm so sorry, Gary. That sounds really frustrating. I'll check it myself and call you back before 4pm."


def test_a_hint_appears_while_typing_a_yes_but_in_practice_and_not_in_exam(server, page):
    open_page(page, server.url)
    pick_customer(page, "The $19 lawsuit")
    start(page, "This case you sold me is a FAKE")
    box = page.locator("#coach-reply textarea")
    box.press_sequentially("I understand, but that's our ", delay=15)
    box.press_sequentially("policy.", delay=15)
    hint = page.locator("#coach-hint li[data-criterion=no_yes_but]")
    expect(hint).to_be_visible()
    expect(hint).to_contain_text("I understand, but that's our policy")
    box.fill("")
    box.press_sequentially("Thank you, Gary.", delay=15)
    expect(page.locator("#coach-hint li")).to_have_count(0)

    page.locator("#coach-mode label", has_text="Exam").click()
    page.click("#coach-start")
    page.click("#coach-confirm-yes")
    expect(page.locator("#coach-grade")).to_contain_text("Exam mode")
    box.press_sequentially(YES_BUT, delay=15)
    page.wait_for_timeout(1500)  # time for a hint to arrive, were there one
    expect(page.locator("#coach-hint li")).to_have_count(0)
    expect(page.locator("#coach-retry-row")).to_be_hidden()  # nor can an exam's turns be tried again


def test_a_retried_turn_restores_the_mood_and_keeps_both_attempts_side_by_side(server, page):
    open_page(page, server.url)
    pick_customer(page, "The $19 lawsuit")
    start(page, "This case you sold me is a FAKE")
    send(page, "Thanks for writing, Gary. Let me look at your order.")
    before_second = mood(page)
    send(page, YES_BUT)
    assert verdict(page, "no_yes_but") == "fail"
    after_yes_but = mood(page)

    page.locator("#coach-retry-pick input").click()
    page.locator("[role=option]", has_text="turn 2").click()
    page.click("#coach-retry")
    expect(page.locator("#coach-retrying")).to_contain_text(f"mood {before_second}/100")
    expect(page.locator("#coach-reply textarea")).to_have_value(YES_BUT)
    page.fill("#coach-reply textarea", GOOD)
    page.click("#coach-send")
    expect(page.locator("#coach-retrying")).to_have_count(0)
    expect(page.locator("#coach-chat [data-testid=user]").last).to_contain_text(GOOD)
    expect(page.locator("#coach-chat [data-testid=user]")).to_have_count(2)  # the new attempt replaced turn 2
    assert verdict(page, "no_yes_but") == "pass"
    assert mood(page) < after_yes_but
    side = page.locator("#coach-attempts .coach-attempts[data-turn='1'] .attempt")
    expect(side).to_have_count(2)
    expect(side.nth(0)).to_contain_text(YES_BUT)
    expect(side.nth(0).locator(".chip.fail[data-criterion=no_yes_but]")).to_be_visible()
    expect(side.nth(1)).to_contain_text("this one counts")
    expect(side.nth(1).locator(".chip.pass[data-criterion=no_yes_but]")).to_be_visible()

    if page.locator("#coach-end").is_enabled():
        page.click("#coach-end")
    expect(page.locator("#coach-scorecard")).to_contain_text("You tried 1 turn again;")
    markdown = download(page, "#coach-dl-md")
    assert YES_BUT in markdown and GOOD in markdown


def test_a_walk_out_is_announced_and_still_shown_after_a_reload(server, page):
    open_page(page, server.url)
    pick_customer(page, "The $19 lawsuit")
    start(page, "This case you sold me is a FAKE")
    for _ in range(8):
        if page.locator("#coach-ended").count():
            break
        send(page, "Calm down. If you had read the listing you would know, but that's our policy.")
    expect(page.locator("#coach-ended")).to_contain_text("has walked out")
    expect(page.locator("#coach-scorecard")).to_contain_text("Walked out")
    expect(page.locator("#coach-reply textarea")).not_to_be_editable()
    page.reload()
    expect(page.locator("#coach-ended")).to_contain_text("has walked out")
    expect(page.locator("#coach-scorecard")).to_contain_text("Walked out")
    # the turn that lost the customer can still be tried again
    expect(page.locator("#coach-retry-row")).to_be_visible()


def test_trying_again_after_a_walk_out_puts_the_customer_back_at_once(server, page):
    open_page(page, server.url)
    pick_customer(page, "The $19 lawsuit")
    start(page, "This case you sold me is a FAKE")
    send(page, GOOD)
    for _ in range(8):
        if page.locator("#coach-ended").count():
            break
        send(page, "Calm down. If you had read the listing you would know, but that's our policy.")
    expect(page.locator("#coach-ended")).to_contain_text("has walked out")
    card = page.locator("#coach-scorecard")
    breakdown = card.locator(".breakdown").inner_text()
    replies = int(breakdown.split("met ")[1].split("%")[0])
    score = int(card.locator("h3").inner_text().split("score ")[1].rstrip("%"))
    assert score < replies and score <= 60  # the walk-out weighs in: good-looking replies do not read as a pass
    turns = page.locator("#coach-chat [data-testid=user]").count()

    page.locator("#coach-retry-pick input").click()
    page.locator("[role=option]", has_text=f"turn {turns}").click()
    page.click("#coach-retry")
    note = page.locator("#coach-retrying")
    expect(note).to_contain_text(f"turn {turns}")
    back_to = int(note.inner_text().split("mood ")[1].split("/")[0])
    # at once, before anything is sent: the meter, the banner and the scorecard follow the customer back
    expect(page.locator("#coach-mood .coach-mood")).to_have_attribute("data-mood", str(back_to))
    expect(page.locator("#coach-ended")).to_have_count(0)
    expect(page.locator("#coach-score-box")).to_be_hidden()
    expect(page.locator("#coach-chat [data-testid=user]")).to_have_count(turns - 1)
    page.click("#coach-retry-cancel")  # and keeping it as it was shows the walk-out again
    expect(page.locator("#coach-ended")).to_contain_text("has walked out")
    expect(page.locator("#coach-scorecard")).to_be_visible()
