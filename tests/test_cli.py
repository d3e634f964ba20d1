"""`coach grade` as users and the eval runs call it."""

from __future__ import annotations

import json

import pytest

from coach.i18n import t
from tests.conftest import EVALS, run_coach


def test_grading_one_reply_prints_a_readable_grade():
    result = run_coach("grade", "I understand, but that's our policy.", "--customer-name", "Anna", "--lang", "en")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "✗ fail  No \"yes, but\"" in out
    assert "quote: “I understand, but that's our policy”" in out
    assert "try:" in out and "offline" in out


def test_context_and_json_output():
    result = run_coach("grade", "Order number?", "--lang", "en", "--context", "This is ridiculous!", "--json")
    record = json.loads(result.stdout)
    assert record["verdicts"]["acknowledge_feelings"] == "fail"


def test_cases_file_gives_one_json_line_per_case_in_input_order():
    cases = [json.loads(line) for line in (EVALS / "dev.jsonl").read_text(encoding="utf-8").splitlines()]
    result = run_coach("grade", "--cases", str(EVALS / "dev.jsonl"))
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in lines] == [c["id"] for c in cases]
    first = lines[0]
    assert set(first["verdicts"].values()) <= {"pass", "fail", "n/a", "unjudged"}
    assert {"verdicts", "grades", "lang", "engine"} <= set(first)
    assert first["grades"]["personalize"]["explanation"]


def test_a_bad_case_line_is_reported_and_the_others_still_graded(tmp_path):
    path = tmp_path / "cases.jsonl"
    path.write_text('{"id": "a", "reply": "Hi"}\n{"id": "b"}\n{"id": "c", "reply": "Bye"}\n', encoding="utf-8")
    result = run_coach("grade", "--cases", str(path))
    assert result.returncode == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r.get("id") for r in lines] == ["a", None, "c"]
    assert lines[1]["line"] == 2 and "reply" in lines[1]["error"]
    assert f"{path}:2" in result.stderr and "Traceback" not in result.stderr


def test_a_missing_file_is_a_clear_error():
    result = run_coach("grade", "--cases", "nope.jsonl")
    assert result.returncode == 2 and "nope.jsonl: file not found" in result.stderr


def test_grading_cases_with_the_model_engine_adds_the_judges_fields(tmp_path, rubric):
    from coach.testing.fake_openai import FakeOpenAI
    from tests.llm.conftest import judge_json

    path = tmp_path / "cases.jsonl"
    lines = (EVALS / "dev.jsonl").read_text(encoding="utf-8").splitlines()[:5]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with FakeOpenAI() as server:
        server.responder = lambda body: judge_json(rubric, {"restate_problem": "fail"})
        result = run_coach("grade", "--cases", str(path), "--engine", "llm",
                           env_extra={"OPENAI_BASE_URL": server.base_url, "OPENAI_API_KEY": "sk-test"})
        assert len(server.requests) == 5
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records] == [json.loads(line)["id"] for line in lines]
    for r in records:
        assert r["engine"] == "combined:gpt-4o-mini"
        assert r["verdicts"]["restate_problem"] == "fail" and r["grades"]["restate_problem"]["judge"] == "fail"
        assert r["usage"][0]["count_method"].startswith("tiktoken")


def test_an_unreachable_endpoint_is_said_once_in_one_line_and_grading_goes_on():
    result = run_coach("grade", "--cases", str(EVALS / "dev.jsonl"), "--engine", "llm",
                       env_extra={"OPENAI_BASE_URL": "http://127.0.0.1:9/v1", "COACH_MAX_RETRIES": "0"})
    assert result.returncode == 0
    warnings = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(warnings) == 1
    assert "http://127.0.0.1:9/v1" in warnings[0] and "connection refused" in warnings[0]
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 478 and all(r["engine"] == "offline (fallback)" for r in records)


@pytest.mark.parametrize("lang, reply", [("en", "Please wait while I check."), ("pl", "Proszę chwilę poczekać."),
                                         ("ar", "من فضلك انتظر قليلاً.")])
def test_what_the_offline_grader_cannot_judge_says_so_in_the_readers_language(unchecked_rubric, lang, reply):
    path, rubric = unchecked_rubric
    result = run_coach("grade", reply, "--lang", lang, "--rubric", str(path), "--explain-in", lang)
    assert result.returncode == 0, result.stderr
    line = next(line for line in result.stdout.splitlines() if line.endswith("[warm_tone]"))
    assert line == f"? {t('verdict.unjudged', lang)}  {rubric.get('warm_tone').name_in(lang)}  [warm_tone]"
    assert t("verdict.unjudged", lang) != t("verdict.unjudged", "en") or lang == "en"
    if lang != "pl":
        return
    record = json.loads(run_coach("grade", reply, "--lang", lang, "--rubric", str(path), "--json").stdout)
    assert record["verdicts"]["warm_tone"] == "unjudged" and record["grades"]["warm_tone"]["reason"] == "cannot_judge"
    english = run_coach("grade", reply, "--lang", lang, "--rubric", str(path)).stdout  # English unless asked
    assert "? not judged offline — needs a model  Warm tone  [warm_tone]" in english
    in_reply_language = run_coach("grade", reply, "--lang", lang, "--rubric", str(path), "--explain-in", "reply")
    assert line in in_reply_language.stdout


def test_earlier_trainee_replies_go_in_order_with_the_customers_lines():
    """--context is the customer, --said the trainee; together they are the conversation, in order."""
    base = ("grade", "Gary, I'll check it now.", "--customer-name", "Gary", "--lang", "en", "--json")
    named = run_coach(*base, "--context", "This case is FAKE!", "--said", "Hello Gary, I'm Sam.", "--context", "So?")
    assert named.returncode == 0, named.stderr
    assert json.loads(named.stdout)["grades"]["personalize"]["reason"] == "own_given_earlier"
    unnamed = json.loads(run_coach(*base, "--context", "This case is FAKE!", "--context", "So?").stdout)
    assert unnamed["grades"]["personalize"]["reason"] == "give_yours_too"
    hold = json.loads(run_coach("grade", "Please hold on.", "--customer-name", "Gary", "--lang", "en",
                                "--agent-name", "Sam", "--json").stdout)
    assert hold["grades"]["personalize"]["better"] == "Hello Gary, my name is Sam and I'm looking after this for you."


def test_cases_carry_the_whole_conversation_and_the_trainees_name(tmp_path):
    path = tmp_path / "cases.jsonl"
    context = [{"role": "customer", "content": "Where is my order?"},
               {"role": "trainee", "content": "Hello Anna, I'm Tom. Let me look."},
               {"role": "customer", "content": "Well?"}]
    path.write_text("\n".join(json.dumps(case) for case in [
        {"id": "earlier", "lang": "en", "customer_name": "Anna", "context": context, "reply": "Anna, it ships today."},
        {"id": "named", "lang": "en", "customer_name": "Anna", "agent_name": "Tom", "reply": "Please wait."},
    ]) + "\n", encoding="utf-8")
    result = run_coach("grade", "--cases", str(path))
    assert result.returncode == 0, result.stderr
    earlier, named = (json.loads(line)["grades"]["personalize"] for line in result.stdout.splitlines())
    assert earlier["reason"] == "own_given_earlier"
    assert named["better"] == "Hello Anna, my name is Tom and I'm looking after this for you."
