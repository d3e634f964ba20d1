"""The trainer's workspace in Chromium: correcting a grade with a comment, seen by the trainee."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import expect

from tests.web.conftest import PASSWORD, new_page
from tests.web.raw import fn_index, logged_in, queue_call
from tests.web.ui import login, pick_customer, send, start, tab, verdict, yes_but_to_gary


def choose(page, elem_id: str, option: str) -> None:
    page.locator(f"#{elem_id} input").click()
    page.locator("[role=option]", has_text=option).first.click()


def test_a_trainer_corrects_a_grade_and_the_trainee_sees_the_correction(team, browser):
    alice, tess = new_page(browser), new_page(browser)
    try:
        yes_but_to_gary(alice, team.url, "alice")
        assert verdict(alice, "no_yes_but") == "fail"

        login(tess, team.url, "tess")
        tab(tess, "Trainer view")
        tess.click("#coach-trainer-go")
        choose(tess, "coach-trainer-pick", "alice")
        expect(tess.locator("#coach-trainer-view")).to_contain_text("I understand, but that's our policy.")
        # the form opens on the turn and criterion that failed, with the grader's verdict and words
        expect(tess.locator("#coach-review-turn input")).to_have_value("turn 1")
        expect(tess.locator("#coach-review-criterion input")).to_have_value('No "yes, but" (grader: fail)')
        expect(tess.locator("#coach-review-verdict input[value=fail]")).to_be_checked()
        expect(tess.locator("#coach-review-grader")).to_contain_text("The grader said fail:")
        expect(tess.locator("#coach-trainer-view .speaker.trainee").first).to_have_text("alice (turn 1)")
        tess.locator("#coach-review-verdict label", has_text="pass").click()
        tess.fill("#coach-review-comment textarea", "The policy was news here, not a rebuttal.")
        tess.click("#coach-review-save")
        expect(tess.locator("#coach-review-status")).to_contain_text("Saved: turn 1")
        corrected = tess.locator("#coach-trainer-view .crit[data-criterion=no_yes_but]").first
        expect(corrected).to_have_attribute("data-verdict", "pass")
        expect(corrected.locator(".review")).to_contain_text("Corrected by tess")
        expect(corrected.locator(".why")).to_have_count(0)  # the grader's fail text is not this pass's reason
        expect(corrected.locator(".grader")).to_contain_text("The grader said fail:")
        expect(tess.locator("#coach-agreement tr[data-criterion=no_yes_but]")).to_contain_text("0 (0%)")

        alice.reload()  # the trainee's page shows the corrected grade and the comment
        crit = alice.locator("#coach-grade .crit[data-criterion=no_yes_but]")
        expect(crit).to_have_attribute("data-verdict", "pass")
        expect(crit.locator(".review")).to_contain_text("The policy was news here, not a rebuttal.")
        expect(crit.locator(".grader")).to_contain_text("The grader said fail")
        # and a trainee has no way to the reviewing controls
        expect(alice.get_by_role("tab", name="Trainer view")).to_have_count(0)
    finally:
        alice.context.close()
        tess.context.close()


def test_a_trainee_cannot_review_grades_through_the_queue(team):
    alice = logged_in(team.url, "alice", PASSWORD)
    index = fn_index(alice, "coach-review-save")
    result = queue_call(alice, index, [None, None, "no_yes_but", "pass", "I was right", "en"])
    assert result["success"] is False and "trainers only" in str(result["output"])


def test_a_trainee_gets_an_exam_assignment_completes_it_and_the_trainer_sees_it_done(team, browser):
    tess, alice = new_page(browser), new_page(browser)
    try:
        login(tess, team.url, "tess")
        tab(tess, "Trainer view")
        tess.locator("#coach-assignments").get_by_text("Assignments and teams").click()
        tess.fill("#coach-team-name textarea, #coach-team-name input", "Night shift")
        choose(tess, "coach-team-members", "alice")
        tess.click("#coach-team-save")
        expect(tess.locator("#coach-assign-status")).to_have_text("Saved the team “Night shift” with 1 member.")
        choose(tess, "coach-assign-persona", "The $19 lawsuit")
        tess.locator("#coach-assign-mode label", has_text="exam").click()
        tess.fill("#coach-assign-due textarea, #coach-assign-due input", "2001-01-31")  # a day gone: refused
        choose(tess, "coach-assign-to", "Night shift (team)")
        tess.click("#coach-assign-go")
        expect(tess.locator("#coach-assign-status .coach-error")).to_have_text(
            "the due date 2001-01-31 has passed: pick today or a later day")
        expect(tess.locator("#coach-assign-table")).to_have_count(0)  # nothing assigned, and no empty table
        tess.fill("#coach-assign-due textarea, #coach-assign-due input", "2099-01-31")
        tess.click("#coach-assign-go")
        expect(tess.locator("#coach-assign-table")).to_contain_text("0/1")

        login(alice, team.url, "alice")
        listed = alice.locator("#coach-assigned li[data-status=open]")
        expect(listed).to_contain_text("The $19 lawsuit")
        expect(listed).to_contain_text("due 2099-01-31")
        listed.get_by_role("button").click()
        expect(alice.locator("#coach-mode input[value=exam]")).to_be_checked()
        expect(alice.locator("#coach-mode input[value=exam]")).to_be_disabled()  # the assignment fixes the mode
        expect(alice.locator("#coach-mode input[value=practice]")).to_be_disabled()
        expect(alice.locator("#coach-assignment-picked")).to_contain_text("The $19 lawsuit")
        start(alice, "FAKE")
        expect(alice.locator("#coach-grade")).to_contain_text("Exam mode")
        send(alice, "I'm so sorry, Gary. That sounds frustrating. I'll check it myself and call you back by 4pm.",
             graded=False)
        alice.click("#coach-end")
        expect(alice.locator("#coach-scorecard")).to_be_visible()
        expect(alice.locator("#coach-assigned li[data-status=done]")).to_contain_text("The $19 lawsuit")

        tess.reload()
        tab(tess, "Trainer view")
        tess.locator("#coach-assignments").get_by_text("Assignments and teams").click()
        expect(tess.locator("#coach-assign-table")).to_contain_text("1/1")
        tess.locator("#coach-progress").get_by_text("Team progress").click()
        choose(tess, "coach-progress-team", "Night shift")
        tess.click("#coach-progress-go")
        expect(tess.locator("#coach-progress-table")).to_contain_text("alice")
        expect(tess.locator("#coach-progress-latest")).to_contain_text("The $19 lawsuit")
        with tess.expect_download() as got:
            tess.click("#coach-progress-csv")
        lines = Path(got.value.path()).read_text(encoding="utf-8").splitlines()
        assert lines[0].startswith("trainee,criterion") and any(line.startswith("alice,no_yes_but") for line in lines)
    finally:
        tess.context.close()
        alice.context.close()


def test_a_trainer_writes_a_persona_fixes_what_the_editor_flags_tests_and_publishes_it(team, browser):
    from coach.locations import shipped

    text = shipped("personas", "lawsuit-19-dollars.yaml").read_text(encoding="utf-8").replace(
        "id: lawsuit-19-dollars", "id: fifty-dollar-lawsuit").replace(
        "display_name: The $19 lawsuit", "display_name: The $50 lawsuit")
    tess, alice = new_page(browser), new_page(browser)
    try:
        login(tess, team.url, "tess")
        tab(tess, "Trainer view")
        tess.locator("#coach-editor").get_by_text("Persona editor").click()
        choose(tess, "coach-editor-from", "The $19 lawsuit")
        tess.click("#coach-editor-load")
        expect(tess.locator("#coach-editor-yaml")).to_contain_text("lawsuit-19-dollars")
        editor = tess.locator("#coach-editor-yaml .cm-content")
        editor.fill(text.replace("start: 70", "start: 170"))
        expect(tess.locator("#coach-editor-problems")).to_contain_text("fifty-dollar-lawsuit.yaml:16: field 'mood.start'")
        tess.click("#coach-editor-save")  # refused once, in plain words, beside the problems
        expect(tess.locator("#coach-editor-status .coach-error")).to_have_text("Not saved: fix this problem first.")
        expect(tess.locator("#coach-editor").get_by_text("Error", exact=True)).to_have_count(0)
        editor.fill(text)
        expect(tess.locator("#coach-editor-problems li")).to_have_count(0)
        tess.click("#coach-editor-save")
        expect(tess.locator("#coach-editor-status")).to_contain_text("Saved fifty-dollar-lawsuit, version 1")
        expect(tess.locator("#coach-editor .coach-error")).to_have_count(0)
        expect(tess.locator("#coach-editor").get_by_text("Error", exact=True)).to_have_count(0)

        # trying the draft as a trainee says it is one, by its own name, and the preview stays the trainer's
        tess.click("#coach-editor-preview")
        preview = tess.locator("#coach-preview")
        expect(preview).to_contain_text("Draft preview: version 1 of “The $50 lawsuit”")
        expect(tess.locator("#coach-persona-card h3")).to_have_text("The $50 lawsuit")
        expect(tess.locator("#coach-persona input")).not_to_have_value(re.compile("lawsuit"))
        send(tess, "Gary, I'm sorry about the logo. I'll check it with our supplier today.")
        tab(tess, "My sessions")
        expect(tess.locator("#coach-mine")).to_contain_text("The $50 lawsuit (Gary Thompson) · draft preview")
        tab(tess, "Trainer view")
        tess.click("#coach-trainer-go")
        expect(tess.locator("#coach-trainer-message")).to_contain_text("No conversations match")
        expect(tess.locator("#coach-trainer")).to_have_count(0)
        tess.click("#coach-editor-test")
        expect(tess.locator("#coach-editor-report pre, pre.coach-editor-report")).to_have_attribute("data-ok", "true")
        expect(tess.locator("#coach-editor-report")).to_contain_text("the model trainee resolves it")
        tess.click("#coach-editor-publish")
        expect(tess.locator("#coach-editor-status")).to_contain_text("Published fifty-dollar-lawsuit, version 1")
        expect(tess.locator("#coach-editor-history li[data-version='1']")).to_contain_text("published")

        login(alice, team.url, "alice")
        pick_customer(alice, "The $50 lawsuit")
        start(alice, "FAKE")
    finally:
        tess.context.close()
        alice.context.close()
