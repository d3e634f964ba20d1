"""Accounts and roles on the real page: the login page, each trainee's own sessions, the trainer's
view closed to trainees (page, API and raw queue calls), and admins managing users."""

from __future__ import annotations

import httpx
import pytest
from gradio_client import Client
from playwright.sync_api import expect

from tests.web.conftest import PASSWORD, new_page
from tests.web.raw import fn_index, logged_in, queue_call
from tests.web.ui import login, pick_customer, send, start, tab, yes_but_to_gary


def test_the_page_asks_for_a_login_and_refuses_a_wrong_password(team, page):
    page.goto(team.url)
    expect(page.get_by_role("button", name="Login")).to_be_visible()
    expect(page.locator("#coach-start")).to_have_count(0)
    page.get_by_test_id("textbox").first.fill("alice")
    page.locator("input[type=password]").fill("not-her-password")
    page.get_by_role("button", name="Login").click()
    expect(page.get_by_text("Incorrect credentials")).to_be_visible()
    login(page, team.url, "alice")
    expect(page.locator("#coach-signed-in")).to_have_attribute("data-role", "trainee")
    page.click("#coach-logout")
    expect(page.get_by_role("button", name="Login")).to_be_visible()


def test_two_trainees_each_see_only_their_own_sessions(team, browser):
    alice, bob = new_page(browser), new_page(browser)
    try:
        login(alice, team.url, "alice")
        pick_customer(alice, "The indecisive shopper")
        start(alice, "I still can't decide")
        send(alice, "Priya, let me ask: what will you mostly use it for?")
        login(bob, team.url, "bob")
        expect(bob.locator("#coach-chat [data-testid=user]")).to_have_count(0)
        tab(bob, "My sessions")
        expect(bob.locator("#coach-mine-none")).to_be_visible()  # nothing of alice's, and no empty table
        expect(bob.locator("#coach-mine")).to_have_count(0)
        tab(alice, "My sessions")
        expect(alice.locator("#coach-mine")).to_contain_text("indecisive")
        for trainee in (alice, bob):
            expect(trainee.get_by_role("tab", name="Trainer view")).to_have_count(0)
            expect(trainee.get_by_role("tab", name="Users")).to_have_count(0)
    finally:
        alice.context.close()
        bob.context.close()


def test_a_trainer_sees_everyones_sessions_with_whose_they_are(team, browser):
    alice, tess = new_page(browser), new_page(browser)
    try:
        yes_but_to_gary(alice, team.url, "alice")
        login(tess, team.url, "tess")
        expect(tess.get_by_role("tab", name="Users")).to_have_count(0)
        tab(tess, "Trainer view")
        tess.click("#coach-trainer-go")
        expect(tess.locator("#coach-trainer")).to_contain_text("alice")
        tess.locator("#coach-trainer-pick input").click()
        tess.locator("[role=option]", has_text="alice").first.click()
        expect(tess.locator("#coach-trainer-view")).to_contain_text("I understand, but that's our policy.")
    finally:
        alice.context.close()
        tess.context.close()


@pytest.fixture()
def api(team):
    clients = {}

    def client(name):
        if name not in clients:
            clients[name] = Client(team.url, auth=(name, PASSWORD), verbose=False)
        return clients[name]

    return client


def test_the_api_refuses_what_the_role_does_not_allow_with_a_plain_message(api):
    with pytest.raises(Exception, match="trainers only"):
        api("alice").predict(api_name="/trainer_sessions")
    started = api("alice").predict("lawsuit-19-dollars", api_name="/start_conversation")
    with pytest.raises(Exception, match="not your conversation"):
        api("bob").predict(started["conversation_id"], "Hello, Gary.", api_name="/send_reply")
    with pytest.raises(Exception, match="unknown persona 'nobody'"):
        api("alice").predict("nobody", api_name="/start_conversation")
    assert [s["conversation_id"] for s in api("alice").predict(api_name="/my_sessions")] == [started["conversation_id"]]
    assert api("bob").predict(api_name="/my_sessions") == []
    everyone = api("tess").predict(api_name="/trainer_sessions")
    assert [(s["conversation_id"], s["trainee"]) for s in everyone] == [(started["conversation_id"], "alice")]


def test_a_wrong_password_gets_no_api_at_all(team):
    with pytest.raises(Exception, match="(?i)credentials|401|log ?in|auth"):
        Client(team.url, auth=("alice", "wrong-password-here"), verbose=False)


def test_raw_queue_calls_check_who_is_asking(team):
    alice = logged_in(team.url, "alice", PASSWORD)
    index = fn_index(alice, "coach-trainer-go")
    with httpx.Client(base_url=team.url, timeout=30) as stranger:  # no login: Gradio itself turns the call away
        refused = stranger.post("/gradio_api/queue/join", json={"data": [], "fn_index": index, "session_hash": "x1"})
        assert refused.status_code == 401
        assert stranger.get("/config").status_code == 401
    # a trainee calling the trainer's hidden handler directly is refused by the handler
    result = queue_call(alice, index, ["", "", "", None, "en"])
    assert result.get("success") is False and "trainers only" in str(result.get("output")), result
    trainer = logged_in(team.url, "tess", PASSWORD)
    allowed = queue_call(trainer, fn_index(trainer, "coach-trainer-go"), ["", "", "", None, "en"])
    assert allowed["success"] is True


def test_no_secret_or_owner_id_is_in_the_page_config(team):
    client = logged_in(team.url, "alice", PASSWORD)
    config = client.get("/config").text
    assert "secret" not in config.lower() and "coach-browser-id" not in config
    from coach.accounts import Accounts
    from coach.db import open_database

    ids = [u.id for u in Accounts(open_database(team.db)).list()]
    assert not any(i in config for i in ids)


def test_an_admin_manages_users_in_the_page(team, browser):
    root = new_page(browser)
    try:
        login(root, team.url, "root")
        tab(root, "Users")
        expect(root.locator("#coach-users")).to_contain_text("alice")
        root.fill("#coach-user-name textarea", "carol")
        root.fill("#coach-user-password input", "carols-password")
        root.click("#coach-user-add")
        expect(root.locator("#coach-users-done")).to_contain_text("Added carol")
        expect(root.locator("#coach-users")).to_contain_text("carol")
        root.fill("#coach-user-name textarea", "carol")
        root.locator("#coach-user-role input").click()
        root.locator("[role=option]", has_text="trainer").first.click()
        root.click("#coach-user-set-role")
        expect(root.locator("#coach-users-done")).to_contain_text("carol is now trainer")
        root.fill("#coach-user-name textarea", "root")
        root.click("#coach-user-remove")
        expect(root.get_by_text("you cannot remove your own account")).to_be_visible()
        carol = new_page(browser)
        try:
            login(carol, team.url, "carol", "carols-password")
            expect(carol.locator("#coach-signed-in")).to_have_attribute("data-role", "trainer")
        finally:
            carol.context.close()
        root.fill("#coach-user-name textarea", "carol")
        root.click("#coach-user-remove")  # asks first, and Cancel keeps carol
        expect(root.locator("#coach-user-confirm-text")).to_contain_text("Remove carol?")
        root.click("#coach-user-confirm-no")
        expect(root.locator("#coach-user-confirm-yes")).to_be_hidden()
        expect(root.locator("#coach-users")).to_contain_text("carol")
        root.click("#coach-user-remove")
        root.click("#coach-user-confirm-yes")
        expect(root.locator("#coach-users-done")).to_contain_text("Removed carol")
        expect(root.locator("#coach-users")).not_to_contain_text("carol")
        expect(root.locator("#coach-user-confirm-yes")).to_be_hidden()
    finally:
        root.context.close()


def test_user_management_handlers_refuse_non_admins(team):
    trainer = logged_in(team.url, "tess", PASSWORD)
    index = fn_index(trainer, "coach-user-add")
    result = queue_call(trainer, index, ["mallory", "admin", "mallorys-password", "en"])
    assert result["success"] is False and "admins only" in str(result["output"])


def test_a_trainee_chooses_how_customers_address_them_and_an_admin_can_set_it_too(team, browser):
    """Alice picks "As a woman": it is kept in her account (a reload shows it), and the Polish
    customer thanks her as a woman. An admin sets Bob's in the Users tab."""
    from coach.harness import line
    from coach.personas import find_persona

    zbigniew = find_persona("abusive-caller")
    alice, root = new_page(browser), new_page(browser)
    try:
        login(alice, team.url, "alice")
        expect(alice.get_by_role("tab", name="Users")).to_have_count(0)
        alice.locator("#coach-address input").click()
        alice.locator("[role=option]", has_text="As a woman").first.click()
        expect(alice.get_by_text("new conversations use this form of address")).to_be_visible()
        alice.reload()
        expect(alice.locator("#coach-signed-in")).to_contain_text("alice")
        expect(alice.locator("#coach-address input")).to_have_value("As a woman")
        pick_customer(alice, zbigniew.display_name)
        start(alice, "Od wczoraj nie mam internetu")
        for _ in range(4):
            send(alice, line(zbigniew, "model"))
        expect(alice.locator("#coach-chat")).to_contain_text("Dziękuję, że pani to załatwiła.")

        login(root, team.url, "root")
        tab(root, "Users")
        root.fill("#coach-user-name textarea", "bob")
        root.locator("#coach-user-address input").click()
        root.locator("[role=option]", has_text="As a man").first.click()
        root.click("#coach-user-set-address")
        expect(root.locator("#coach-users-done")).to_contain_text("Form of address for bob: As a man.")
        expect(root.locator("#coach-users")).to_contain_text("As a man")
    finally:
        alice.context.close()
        root.context.close()
