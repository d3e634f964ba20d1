"""A whole spoken conversation in headless Chromium: the microphone is a WAV file (Chromium's fake
capture device), the reply is transcribed, graded and answered aloud."""

from __future__ import annotations

import json
import time

import pytest
from playwright.sync_api import expect

from coach.testing.voices import synthesize
from tests.web.conftest import ARGS, CHROMIUM
from tests.web.ui import download, open_page, pick_customer, start, verdict

WAIT = 90_000  # ms: a spoken turn is heard by Whisper on two shared cores
REPLY = ("Hello Gary, my name is Sam. I understand how frustrating this is. "
         "Let me check the case for you right now.")


@pytest.fixture()
def call_page(tmp_path, playwright):
    """Chromium whose microphone says REPLY, from the start, each time a recording begins."""
    reply = tmp_path / "reply.wav"
    reply.write_bytes(synthesize(REPLY, "en", rate=140, pause_after=1.0))
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
        *ARGS, "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-audio-capture={reply}%noloop", "--autoplay-policy=no-user-gesture-required"])
    page = browser.new_context(viewport={"width": 1400, "height": 1100}, accept_downloads=True).new_page()
    page.set_default_timeout(90_000)
    yield page
    browser.close()


def clips(page, which: str) -> int:
    return int(page.evaluate(f"document.body.dataset.{which} || '0'"))


def speak(page, seconds: float) -> None:
    """Push to talk: record for `seconds`, then stop (which sends)."""
    page.locator("#coach-mic button", has_text="Record").click()
    time.sleep(seconds)
    page.locator("#coach-mic button.stop-button").click()


def test_a_whole_spoken_conversation(server, call_page):
    page = call_page
    open_page(page, server.url)
    pick_customer(page, "The $19 lawsuit")
    start(page, "This case you sold me is a FAKE")
    page.click("#coach-call input")
    expect(page.locator("#coach-mic")).to_be_visible()
    page.wait_for_function("Number(document.body.dataset.coachClips || 0) >= 1")  # the opening, spoken
    opening = clips(page, "coachClips")

    speak(page, 9.5)
    user = page.locator("#coach-chat [data-testid=user]")
    expect(user).to_have_count(1, timeout=WAIT)
    expect(user.first).to_contain_text("frustrating")
    expect(user.first).to_contain_text("check the case")
    expect(page.locator("#coach-grade .crit[data-criterion=calm_voice]")).to_be_visible(timeout=WAIT)
    assert verdict(page, "calm_voice") == "pass" and verdict(page, "personalize") == "pass"
    expect(page.locator("#coach-grade .crit[data-criterion=calm_voice]")).to_contain_text("words a minute")
    expect(page.locator("#coach-chat [data-testid=bot]")).to_have_count(2, timeout=WAIT)
    page.wait_for_function(f"Number(document.body.dataset.coachClips || 0) > {opening}")  # the answer, spoken
    page.wait_for_function(f"Number(document.body.dataset.coachPlayed || 0) > {opening}")  # and played to the end
    heard = page.locator("#coach-call-status").inner_text()
    assert "frustrating" in heard

    before = clips(page, "coachClips")
    page.fill("#coach-reply textarea", "Thank you for waiting, Gary. I will email you the supplier's letter today.")
    page.click("#coach-send")  # a typed turn in the same call: graded, and answered aloud too
    expect(user).to_have_count(2, timeout=WAIT)
    expect(page.locator("#coach-grade .crit[data-criterion=calm_voice]")).to_have_count(0, timeout=WAIT)  # n/a: typed
    page.wait_for_function(f"Number(document.body.dataset.coachClips || 0) > {before}")

    speak(page, 10.5)
    expect(user).to_have_count(3, timeout=WAIT)
    # three calm, caring replies settle Gary: the call ends resolved, with its scorecard
    expect(page.locator("#coach-scorecard")).to_contain_text("Resolved", timeout=WAIT)
    expect(page.locator("#coach-scorecard")).to_contain_text("Calm voice")
    transcript = json.loads(download(page, "#coach-dl-json"))
    spoken = [t for t in transcript["turns"] if t["voice"]]
    assert [t["index"] for t in spoken] == [0, 2]
    first = spoken[0]["voice"]
    assert "frustrating" in first["transcript"]["text"] and first["features"]["wpm"] > 100
    assert first["kept"] is False  # audio is not kept unless the setting says so
    expect(page.locator("#coach-dl-audio")).to_be_hidden()
    markdown = download(page, "#coach-dl-md")
    assert "spoken:" in markdown and "words a minute" in markdown
