"""coach against a real inference server: llama.cpp's server with SmolLM2 (see conftest).

What is checked is what reaches coach and what coach does with it: the judge's answer parsed in the
structured-output form this server accepts (it refuses json_schema with an HTTP 500), quotes located,
the customer streamed and checked, the command line and the page working with the model engine and
no fallback. SmolLM2 is weak: its verdicts are not checked for quality.
"""

from __future__ import annotations

import asyncio
import json

import pytest
from playwright.sync_api import expect

from coach.cases import Turn
from coach.customers import LLMCustomer
from coach.engines import CombinedGrader
from coach.grades import Verdict
from coach.mood import advance, initial
from coach.notices import NoticeKind
from coach.personas import find_persona
from coach.rubric import load_rubric
from tests.conftest import run_coach
from tests.web.conftest import Server, new_page
from tests.web.ui import open_page, pick_customer, start

pytestmark = pytest.mark.real_model
FALLBACKS = (NoticeKind.GRADER_FALLBACK, NoticeKind.CUSTOMER_FALLBACK, NoticeKind.TURN_DEADLINE)


def test_the_judge_answers_in_the_form_the_server_accepts_and_is_parsed(model_settings):
    grader = CombinedGrader(model_settings, load_rubric())
    # (the yes-but last: a refusal followed by what is done instead is left to the model, not a sure fail)
    reply = "Hi Gary, I'll check the order myself and call you before 4pm. I understand, but that's our policy."
    grade = grader.grade(reply, lang="en", customer_name="Gary Thompson",
                         context=[Turn(role="customer", content="This is ridiculous! My case is fake!")])
    assert grade.engine == "combined:smollm2", [n.text() for n in grade.notices]
    assert grader.client.mode("smollm2") == "json_object_schema"  # json_schema was refused (HTTP 500)
    assert not [n for n in grade.notices if n.kind in FALLBACKS]
    judged = [g for g in grade.criteria if g.judge is not None]
    assert len(judged) >= 5  # everything the offline grader was not sure of was asked and answered
    for g in grade.criteria:
        for ev in g.evidence:
            assert reply[ev.start:ev.end] == ev.text  # quotes located in the reply, or dropped
    assert grade.get("no_yes_but").verdict is Verdict.FAIL  # a sure offline fail stands, whatever the model says
    assert grade.usage and grade.usage[0].prompt_tokens and grade.usage[0].mode == "json_object_schema"


def test_the_customer_is_streamed_from_the_model_and_checked(model_settings):
    persona = find_persona("lawsuit-19-dollars")
    grader = CombinedGrader(model_settings, load_rubric())
    customer = LLMCustomer(persona, grader.client, grader.rubric)
    reply = "Gary, I'm sorry. My name is Sam and I'll check this myself right now."
    offline = grader.offline.grade(reply, lang="en", customer_name=persona.customer_name)
    change = advance(persona, initial(persona), offline)
    history = [{"role": "customer", "content": persona.opening}, {"role": "trainee", "content": reply}]

    async def answer():
        return "".join([piece async for piece in customer.respond(history, change, offline)])

    text = asyncio.run(answer())
    assert text.strip() and customer.check is not None and customer.check.outcome != "failed"
    assert not [n for n in customer.take_notices() if n.kind in FALLBACKS]


def test_coach_grade_with_the_llm_engine(llama):
    result = run_coach("grade", "I understand, but that's our policy.", "--customer-name", "Anna", "--lang", "en",
                       "--engine", "llm", "--json", env_extra=llama.env(), timeout=900)
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["engine"] == "combined:smollm2" and record["verdicts"]["no_yes_but"] == "fail"
    assert "could not be used" not in result.stderr
    assert record["usage"][0]["mode"] == "json_object_schema"


def test_coach_practice_with_the_model(llama, tmp_path):
    script = "Gary, I'm so sorry. I'm Sam; I'll check it myself and call you back before 4pm.\n/end\n"
    result = run_coach("practice", "lawsuit-19-dollars", "--save", str(tmp_path), stdin=script,
                       env_extra=llama.env(), timeout=900)
    assert result.returncode == 0, result.stderr
    assert "Model engine" in result.stdout and "could not be used" not in result.stdout
    saved = json.loads(next(tmp_path.glob("*.json")).read_text(encoding="utf-8"))
    turn = saved["turns"][0]
    assert turn["grade"]["engine"] == "combined:smollm2" and turn["customer"]
    assert turn["customer_check"]["outcome"] in ("model", "regenerated", "scripted")


def test_a_page_conversation_with_the_model_engine(llama, model_browser, tmp_path):
    server = Server(tmp_path / "coach.sqlite3", env_extra=llama.env()).start()
    page = new_page(model_browser)
    try:
        open_page(page, server.url)
        expect(page.locator("#coach-engine")).to_contain_text("Model engine")
        pick_customer(page, "The $19 lawsuit")
        start(page, "FAKE")
        page.fill("#coach-reply textarea", "Gary, I'm sorry about this. I'm Sam, and I'll check it myself now.")
        page.click("#coach-send")
        slow = 600_000  # a judge answer from SmolLM2 on two CPU cores takes tens of seconds
        expect(page.locator("#coach-chat [data-testid=bot]")).to_have_count(2, timeout=slow)
        expect(page.locator("#coach-reply textarea")).to_be_editable(timeout=slow)
        expect(page.locator("#coach-grade .crit").first).to_be_visible(timeout=slow)
        assert page.locator("#coach-grade .coach-notice", has_text="could not be used").count() == 0
        assert page.locator("#coach-grade .coach-notice", has_text="did not answer within").count() == 0
    finally:
        page.context.close()
        server.stop()
