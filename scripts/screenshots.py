"""Regenerate the README's screenshots from the real page in headless Chromium.
Run:  PYTHONPATH=. .venv/bin/python scripts/screenshots.py"""

from __future__ import annotations

import tempfile
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

from tests.web.conftest import ARGS, CHROMIUM, Server
from tests.web.ui import open_page, pick_customer, send, start

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
expect.set_options(timeout=60_000)  # a busy machine: a page update can take a while


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        server = Server(Path(tmp) / "coach.sqlite3").start()
        try:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            page.set_default_timeout(90_000)
            open_page(page, server.url)
            pick_customer(page, "The $19 lawsuit")
            start(page, "FAKE")
            send(page, "I understand, but that's our policy.")
            send(page, "I'm so sorry, Gary. My name is Sam. That sounds really frustrating. "
                       "I'll check the logo change with our supplier and call you back before 4pm.")
            send(page, "Please hold on. It will arrive tomorrow, guaranteed.")
            page.screenshot(path=OUT / "practice.png", full_page=False)
            page.click("#coach-end")
            page.locator("#coach-scorecard").scroll_into_view_if_needed()
            page.wait_for_timeout(800)
            page.locator("#coach-score-box").screenshot(path=OUT / "scorecard.png")
            page.close()
            latvian(browser, server.url)
            retry_and_hint(browser, server.url)
            arabic(browser, server.url)
            retry_after_walk_out(browser, server.url)
            browser.close()
        finally:
            server.stop()
        assignments(p, Path(tmp) / "team")
    print(f"wrote {', '.join(sorted(p.name for p in OUT.glob('*.png')))} in {OUT}")


def latvian(browser, url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 1000}, locale="lv-LV")
    page.set_default_timeout(90_000)
    open_page(page, url)
    pick_customer(page, "Neapmierinātais klients")
    page.click("#coach-start")
    expect(page.locator("#coach-chat [data-testid=user]")).to_have_count(0)
    send(page, "Saprotu, bet tā ir mūsu politika.")
    send(page, "Man ļoti žēl, Jāni. Es esmu Sanita. Es pats pārbaudīšu jūsu pasūtījumu un piezvanīšu līdz pulksten četriem.")
    page.screenshot(path=OUT / "latvian.png", full_page=False)
    page.close()


def retry_and_hint(browser, url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.set_default_timeout(90_000)
    open_page(page, url)
    pick_customer(page, "The repeat refund")
    page.click("#coach-start")
    page.click("#coach-confirm-yes")  # the Latvian conversation is still going on
    expect(page.locator("#coach-chat [data-testid=user]")).to_have_count(0)
    page.locator("#coach-reply textarea").press_sequentially("I hear you, but refunds take 10 days, that's the rule.",
                                                             delay=10)
    page.locator("#coach-hint li").first.wait_for()
    page.screenshot(path=OUT / "hint.png", full_page=False)
    page.click("#coach-send")
    page.locator("#coach-retry-row").wait_for()
    page.locator("#coach-retry-pick input").click()
    page.locator("[role=option]").first.click()
    page.click("#coach-retry")
    page.fill("#coach-reply textarea", "I'm sorry this is the second time, Dana. I'm checking your refund myself "
                                       "now and I'll email you before 5pm today with where it stands.")
    page.click("#coach-send")
    page.locator("#coach-attempts .attempt").nth(1).wait_for()
    page.wait_for_timeout(500)
    page.locator("#coach-attempts").scroll_into_view_if_needed()
    page.screenshot(path=OUT / "retry.png", full_page=False)
    page.close()


def arabic(browser, url: str) -> None:
    """The grade panel in Arabic, for an English conversation: quotes kept whole inside Arabic sentences."""
    page = browser.new_page(viewport={"width": 1280, "height": 1000}, locale="ar")
    page.set_default_timeout(90_000)
    open_page(page, url)
    pick_customer(page, "The $19 lawsuit")
    page.click("#coach-start")
    page.click("#coach-confirm-yes")  # the conversation before is still going on
    expect(page.locator("#coach-chat [data-testid=user]")).to_have_count(0)
    send(page, "Calm down. I understand, but that's our policy.")
    page.wait_for_timeout(500)
    page.locator("#coach-mood").locator("xpath=..").screenshot(path=OUT / "arabic.png")  # the mood and the grades
    page.close()


def retry_after_walk_out(browser, url: str) -> None:
    """The turn the customer walked out on, tried again: the customer is back at once."""
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.set_default_timeout(90_000)
    open_page(page, url)
    pick_customer(page, "The $19 lawsuit")
    page.click("#coach-start")
    page.click("#coach-confirm-yes")  # the conversation before is still going on
    expect(page.locator("#coach-chat [data-testid=user]")).to_have_count(0)
    for _ in range(8):
        if page.locator("#coach-ended").count():
            break
        send(page, "Calm down. If you had read the listing you would know, but that's our policy.")
    turns = page.locator("#coach-chat [data-testid=user]").count()
    page.locator("#coach-retry-pick input").click()
    page.locator("[role=option]", has_text=f"turn {turns}").click()
    page.click("#coach-retry")
    page.locator("#coach-retrying").wait_for()
    page.fill("#coach-reply textarea", "I'm so sorry, Gary. I'll check the logo with our supplier myself and call you "
                                       "back before 4pm today.")
    page.wait_for_timeout(800)
    page.locator("#coach-retrying").scroll_into_view_if_needed()
    page.screenshot(path=OUT / "retry-walkout.png", full_page=False)
    page.close()


def assignments(p, folder: Path) -> None:
    """A trainee's assignment list: one overdue, one to do, one done."""
    from datetime import date, timedelta

    from coach.accounts import Accounts
    from coach.assignments import Assignments
    from coach.db import Database
    from tests.web.conftest import Server
    from tests.web.ui import login

    folder.mkdir()
    server = Server(folder / "coach.sqlite3")
    for name, role in (("tess", "trainer"), ("alice", "trainee")):
        server.add_user(name, role)
    db = Database(server.db)
    accounts = Accounts(db)
    tess, alice = accounts.by_name("tess"), accounts.by_name("alice")
    assert tess is not None and alice is not None
    work = Assignments(db)
    today = date.today()
    for persona, mode, due in (("repeat-refund", "practice", today - timedelta(days=2)),
                               ("lawsuit-19-dollars", "exam", today + timedelta(days=5)),
                               ("indecisive-shopper", "practice", None)):
        work.assign(persona_id=persona, mode=mode, due=due, by=tess, user_id=alice.id)
    server.start()
    try:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.set_default_timeout(90_000)
        login(page, server.url, "alice")
        done = page.locator("#coach-assigned li", has_text="indecisive")
        done.get_by_role("button").click()
        start(page, "decide")
        send(page, "Priya, let me ask: what will you mostly use it for?")
        page.click("#coach-end")
        expect(page.locator("#coach-assigned li[data-status=done]")).to_have_count(1)
        page.locator("#coach-assigned li[data-status=open] button").click()
        expect(page.locator("#coach-assignment-picked")).to_be_visible()
        expect(page.locator("#coach-assigned li.picked")).to_have_count(1)
        expect(page.locator("#coach-mode input[value=exam]")).to_be_checked()
        page.wait_for_timeout(1500)  # every update settled: no spinner in the picture
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=OUT / "assignments.png", clip={"x": 0, "y": 0, "width": 1280, "height": 760})
        browser.close()
    finally:
        server.stop()


if __name__ == "__main__":
    main()
