"""Regenerate the README's screenshots from the real page in headless Chromium.
Run:  PYTHONPATH=. .venv/bin/python scripts/screenshots.py"""

from __future__ import annotations

import tempfile
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

from tests.web.conftest import ARGS, CHROMIUM, Server
from tests.web.ui import open_page, pick_customer, send, start

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        server = Server(Path(tmp) / "coach.sqlite3").start()
        try:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
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
            browser.close()
        finally:
            server.stop()
    print(f"wrote {', '.join(sorted(p.name for p in OUT.glob('*.png')))} in {OUT}")


def latvian(browser, url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 1000}, locale="lv-LV")
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


if __name__ == "__main__":
    main()
