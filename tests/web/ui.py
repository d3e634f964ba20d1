"""What a trainee does on the page, as small steps the tests read like sentences."""

from __future__ import annotations

import json

from playwright.sync_api import Page, expect

from tests.web.conftest import PASSWORD


def open_page(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator("#coach-start")).to_be_visible()
    expect(page.locator("#coach-engine")).to_be_visible()


def login(page: Page, url: str, name: str, password: str = PASSWORD) -> None:
    """Gradio's own login form, then the page."""
    page.goto(url)
    page.get_by_test_id("textbox").first.fill(name)
    page.locator("input[type=password]").fill(password)
    page.get_by_role("button", name="Login").click()
    # Argon2 is slow on purpose, and slower on a busy machine: allow the login more than expect's 5 s
    expect(page.locator("#coach-signed-in")).to_contain_text(name, timeout=20_000)


def tab(page: Page, name: str) -> None:
    page.get_by_role("tab", name=name).click()


def pick_customer(page: Page, text: str) -> None:
    box = page.locator("#coach-persona input")
    box.click()
    box.fill(text)
    page.locator("[role=option]", has_text=text).first.click()
    expect(page.locator("#coach-persona-card")).to_contain_text(text)


def start(page: Page, opening_words: str) -> None:
    page.click("#coach-start")
    expect(page.locator("#coach-chat")).to_contain_text(opening_words)
    expect(page.locator("#coach-reply textarea")).to_be_editable()


def mood(page: Page) -> int:
    return int(page.locator("#coach-mood .coach-mood").get_attribute("data-mood"))


def send(page: Page, reply: str, graded: bool = True, enter: bool = False) -> None:
    """Send a reply (with the button, or Enter) and wait until its turn is complete."""
    # the box opens once the page holds a conversation (after a reload, once the saved one is back): typing
    # into it earlier, on a busy machine, is typing into a box the page is about to replace
    expect(page.locator("#coach-reply textarea")).to_be_editable()
    turns_before = page.locator("#coach-chat [data-testid=user]").count()
    page.fill("#coach-reply textarea", reply)
    if enter:
        page.locator("#coach-reply textarea").press("Enter")
    else:
        page.click("#coach-send")
    expect(page.locator("#coach-chat [data-testid=user]")).to_have_count(turns_before + 1)
    expect(page.locator("#coach-reply textarea")).to_have_value("")
    if graded:
        expect(page.locator("#coach-grade .crit").first).to_be_visible()
    # the turn is over when the box takes a reply again, or the conversation has ended (a walk-out)
    expect(page.locator("#coach-reply textarea:enabled, #coach-ended").first).to_be_attached()


def verdict(page: Page, criterion: str) -> str | None:
    item = page.locator(f"#coach-grade .crit[data-criterion={criterion}]")
    return item.get_attribute("data-verdict") if item.count() else None


def download(page: Page, button: str) -> str:
    with page.expect_download() as info:
        page.click(f"{button}")
    return open(info.value.path(), encoding="utf-8").read()


def download_json(page: Page) -> dict:
    return json.loads(download(page, "#coach-dl-json"))


def yes_but_to_gary(page: Page, url: str, name: str) -> None:
    """Sign in as `name` and answer the $19 lawsuit customer with a textbook "yes, but"."""
    login(page, url, name)
    pick_customer(page, "The $19 lawsuit")
    start(page, "FAKE")
    send(page, "I understand, but that's our policy.")
