"""Regenerate the README's screenshots from the real page in headless Chromium.
Run:  PYTHONPATH=. .venv/bin/python scripts/screenshots.py"""

from __future__ import annotations

import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

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
            browser.close()
        finally:
            server.stop()
    print(f"wrote {OUT / 'practice.png'} and {OUT / 'scorecard.png'}")


if __name__ == "__main__":
    main()
