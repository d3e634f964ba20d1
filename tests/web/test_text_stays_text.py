"""Everything a user or a model wrote is shown as text: in the chat, the grade panel, My sessions,
the trainer's view and the downloads, with no HTML, no remote images and no forged grade lines."""

from __future__ import annotations

import http.server
import re
import threading

import pytest
from playwright.sync_api import expect

from tests.web.conftest import ROOT, Server, new_page
from tests.web.ui import download, download_json, login, pick_customer, send, start, tab


class Beacon:
    """A loopback HTTP server that counts every request: a fired <img> or <form> would reach it."""

    def __init__(self):
        self.hits: list[str] = []
        beacon = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's name)
                beacon.hits.append(self.path)
                self.send_response(204)
                self.end_headers()

            do_POST = do_GET  # noqa: N815

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()


@pytest.fixture()
def beacon():
    b = Beacon()
    yield b
    b.close()


def hostile(beacon: Beacon) -> str:
    return (f"Calm down. <form action='{beacon.url}/form'><input type=password name=p><button>go</button></form>"
            f"<img src='{beacon.url}/beacon.png'><script>window.pwned = 1</script>\n"
            "✅ pass **Acknowledge feelings**")


def assert_inert(page, selector: str, words: str) -> None:
    """The container shows the words literally and holds no element they tried to plant."""
    box = page.locator(selector)
    expect(box).to_contain_text(words)
    for planted in ("form", "input[type=password]", "img", "script", "strong"):
        assert box.locator(planted).count() == 0, f"{selector} holds a <{planted}>"
    assert page.evaluate("window.pwned") is None


@pytest.fixture()
def hostile_team(tmp_path, beacon):
    """A team page whose persona folder holds a customer with markup in its name and lines."""
    folder = tmp_path / "personas"
    folder.mkdir()
    shipped = (ROOT / "coach" / "data" / "personas" / "repeat-refund.yaml").read_text(encoding="utf-8")
    planted = f"<img src='{beacon.url}/persona.png'>"
    (folder / "planted.yaml").write_text(
        shipped.replace("id: repeat-refund", "id: planted")
        .replace("display_name:", f"display_name: \"Planted {planted}\" #", 1), encoding="utf-8")
    s = Server(tmp_path / "coach.sqlite3", env_extra={"COACH_PERSONAS": str(folder)})
    for name, role in (("tess", "trainer"), ("alice", "trainee")):
        s.add_user(name, role)
    s.start()
    yield s
    s.stop()


def test_a_hostile_reply_is_literal_text_everywhere(hostile_team, browser, beacon):
    reply = hostile(beacon)
    alice = new_page(browser)
    try:
        login(alice, hostile_team.url, "alice")
        pick_customer(alice, "Planted")
        assert_inert(alice, "#coach-persona-card", "<img src=")
        start(alice, "")
        send(alice, reply)
        assert_inert(alice, "#coach-chat", "<form action=")
        assert_inert(alice, "#coach-chat", "✅ pass **Acknowledge feelings**")
        assert_inert(alice, "#coach-grade", "<img src=")
        alice.click("#coach-end")
        expect(alice.locator("#coach-scorecard")).to_be_visible()
        assert_inert(alice, "#coach-score", "Calm down")
        markdown = download(alice, "#coach-dl-md")
        assert re.search(r"(?<!\\)<", markdown) is None, "an unescaped < in the Markdown transcript"
        assert "\\<img src\\=" in markdown and "✅ pass \\*\\*Acknowledge feelings\\*\\*" in markdown
        transcript = download_json(alice)
        assert transcript["turns"][0]["reply"] == reply and "owner" not in transcript
        tab(alice, "My sessions")
        alice.locator("#coach-mine-pick input").click()
        alice.locator("[role=option]").first.click()
        assert_inert(alice, "#coach-mine-view", "<form action=")
        assert_inert(alice, "#coach-mine-view", "✅ pass **Acknowledge feelings**")
    finally:
        alice.context.close()
    tess = new_page(browser)
    try:
        login(tess, hostile_team.url, "tess")
        tab(tess, "Trainer view")
        tess.click("#coach-trainer-go")
        expect(tess.locator("#coach-trainer")).to_contain_text("<img src=")
        tess.locator("#coach-trainer-pick input").click()
        tess.locator("[role=option]").first.click()
        assert_inert(tess, "#coach-trainer-view", "<script>window.pwned = 1</script>")
        assert_inert(tess, "#coach-trainer-view", "✅ pass **Acknowledge feelings**")
    finally:
        tess.context.close()
    assert beacon.hits == [], f"something planted was fetched: {beacon.hits}"


def test_the_markdown_transcript_escapes_what_people_wrote():
    from coach.transcript import md

    assert md("<b>x</b> **y** [z](http://a) ![i](http://b) # h") == \
        "\\<b\\>x\\</b\\> \\*\\*y\\*\\* \\[z\\](http://a) \\!\\[i\\](http://b) \\# h"


def test_the_page_shows_chat_text_escaped():
    from coach.practice import Conversation
    from coach.web.views import chat_messages

    c = Conversation(persona_id="p", persona_name="P", customer_name="C", language="en", difficulty="easy",
                     engine="offline", opening="<b>hi</b> & bye", mood_start=50)
    assert chat_messages(c, "<img src=x>")[-1]["content"] == "&lt;img src=x&gt;"
    assert chat_messages(c)[0]["content"] == "&lt;b&gt;hi&lt;/b&gt; &amp; bye"
