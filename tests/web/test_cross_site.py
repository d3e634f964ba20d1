"""Another host of the same site, in a real browser: Chromium maps *.corp.test to loopback, the
page is coach.corp.test, and an attacker's page on evil.corp.test is opened by a logged-in user.
It can read nothing, change nothing, log nobody in as someone else, and cannot frame the page;
the page itself works under its own Content-Security-Policy."""

from __future__ import annotations

import functools
import http.server
import threading

import pytest
from playwright.sync_api import expect

from coach.accounts import Accounts
from coach.db import open_database
from tests.web.conftest import ARGS, CHROMIUM, PASSWORD, free_port
from tests.web.raw import fn_index, logged_in
from tests.web.ui import login, pick_customer, send, start

ATTACK = """<!doctype html><html><body>
<form id="csrf" method="POST" action="{coach}/login" enctype="multipart/form-data">
  <input name="username" value="mallory"><input name="password" value="{password}">
</form>
<iframe id="frame" src="{coach}/" width="600" height="400"></iframe>
<script>
window.results = {{}};
async function attempt(name, url, options) {{
  try {{
    const r = await fetch(url, Object.assign({{credentials: 'include'}}, options || {{}}));
    window.results[name] = 'read ' + r.status + ' ' + (await r.text()).slice(0, 200);
  }} catch (e) {{
    window.results[name] = 'blocked';
  }}
}}
async function attack(fnIndex) {{
  await attempt('config', '{coach}/config');
  await attempt('sessions', '{coach}/gradio_api/call/trainer_sessions', {{method: 'POST',
      headers: {{'content-type': 'application/json'}}, body: JSON.stringify({{data: ['', '', '']}})}});
  await attempt('add_admin', '{coach}/gradio_api/queue/join', {{method: 'POST',
      headers: {{'content-type': 'application/json'}},
      body: JSON.stringify({{data: ['mallory2', 'admin', 'mallorys-password', 'en'], fn_index: fnIndex,
                            session_hash: 'evil000001', event_data: null, trigger_id: null}})}});
  await attempt('add_admin_simple', '{coach}/gradio_api/queue/join', {{method: 'POST', mode: 'no-cors',
      body: JSON.stringify({{data: ['mallory3', 'admin', 'mallorys-password', 'en'], fn_index: fnIndex,
                            session_hash: 'evil000002', event_data: null, trigger_id: null}})}});
  window.results.done = true;
}}
</script></body></html>"""


@pytest.fixture(scope="module")
def corp_browser(playwright):
    """Chromium that finds every *.corp.test host on this machine."""
    b = playwright.chromium.launch(executable_path=CHROMIUM, args=[*ARGS, "--host-resolver-rules=MAP *.corp.test 127.0.0.1"])
    yield b
    b.close()


@pytest.fixture()
def evil_site(tmp_path, team):
    """The attacker's page, served from its own host name and port."""
    coach = f"http://coach.corp.test:{team.port}"
    folder = tmp_path / "evil"
    folder.mkdir()
    (folder / "attack.html").write_text(ATTACK.format(coach=coach, password=PASSWORD), encoding="utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://evil.corp.test:{server.server_address[1]}/attack.html"
    server.shutdown()
    server.server_close()


def corp_page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1100})
    page = context.new_page()
    page.set_default_timeout(30_000)
    return page


def test_a_page_on_a_sibling_host_reads_nothing_and_changes_nothing(team, corp_browser, evil_site):
    team.add_user("mallory", "trainee")
    root = corp_page(corp_browser)
    try:
        coach = f"http://coach.corp.test:{team.port}/"
        login(root, coach, "root")
        index = fn_index(logged_in(team.url, "root", PASSWORD), "coach-user-add")
        attacker = root.context.new_page()  # the admin opens the attacker's link in another tab
        attacker.goto(evil_site)
        attacker.evaluate(f"attack({index})")
        attacker.wait_for_function("window.results.done === true")
        results = attacker.evaluate("window.results")
        assert results["config"] == "blocked" and results["sessions"] == "blocked", results
        assert results["add_admin"] == "blocked", results
        names = [u.name for u in Accounts(open_database(team.db)).list()]
        assert "mallory2" not in names and "mallory3" not in names
        # login CSRF: the attacker's form would log the admin in as mallory
        with attacker.expect_navigation():
            attacker.evaluate("document.getElementById('csrf').submit()")
        assert "refused" in attacker.locator("body").inner_text()
        root.reload()
        expect(root.locator("#coach-signed-in")).to_contain_text("root")
        expect(root.locator("#coach-signed-in")).to_have_attribute("data-role", "admin")
    finally:
        root.context.close()


def test_the_page_cannot_be_framed_by_another_origin(team, corp_browser, evil_site):
    page = corp_page(corp_browser)
    refusals: list[str] = []
    page.on("console", lambda m: refusals.append(m.text) if "frame-ancestors" in m.text else None)
    try:
        login(page, f"http://coach.corp.test:{team.port}/", "alice")
        page.goto(evil_site)
        page.wait_for_timeout(3000)
        frame = next(f for f in page.frames if f != page.main_frame)
        assert frame.locator("gradio-app").count() == 0 and frame.locator("#coach-signed-in").count() == 0
        assert refusals, "Chromium did not report refusing the frame"
    finally:
        page.context.close()


def test_the_page_works_under_its_content_security_policy(team, corp_browser):
    page = corp_page(corp_browser)
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    try:
        coach = f"http://coach.corp.test:{team.port}/"
        login(page, coach, "alice")
        pick_customer(page, "The indecisive shopper")
        start(page, "I still can't decide")
        send(page, "Priya, let me ask: what will you mostly use it for?")
        page.locator("#coach-language input").click()
        page.locator("[role=option]", has_text="Latviešu").first.click()
        expect(page.locator("html")).to_have_attribute("lang", "lv")
        page.click("#coach-logout")
        expect(page.get_by_role("button", name="Login")).to_be_visible()
        page.goto(coach)
        expect(page.get_by_role("button", name="Login")).to_be_visible()  # logged out for real
        assert violations == []
    finally:
        page.context.close()
