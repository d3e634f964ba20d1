"""Eval runs end to end: the offline engine on the development set, and the combined engine
against the fake server scripted to be imperfect, checked against hand-computed figures."""

from __future__ import annotations

import asyncio
import json
from collections import defaultdict

import pytest

from coach.errors import DataFileError
from coach.evals.floors import check_floors
from coach.evals.report import build, compare, write
from coach.evals.runner import EvalRun
from coach.testing.fake_openai import FakeOpenAI
from tests.conftest import EVALS, ROOT, run_coach
from tests.llm.conftest import judge_json, settings_for

# Four cases graded on restate_problem; with no customer message before them, the offline grader finds
# nothing to restate (n/a) and the judge decides.
CASES = [("c1", "OK.", "fail"), ("c2", "Your order is delayed.", "pass"), ("c3", "Hello.", "fail"),
         ("c4", "Tell me more.", "n/a")]
# What the scripted judge says for each case, first call then second: c2 flips, c3 is wrong.
SCRIPT = {"OK.": ["fail", "fail"], "Your order is delayed.": ["pass", "fail"], "Hello.": ["pass", "pass"],
          "Tell me more.": ["n/a", "n/a"]}


@pytest.fixture()
def small_set(tmp_path):
    path = tmp_path / "small.jsonl"
    path.write_text("\n".join(json.dumps({"id": cid, "lang": "en", "customer_name": "Anna", "reply": reply,
                                          "labels": {"restate_problem": gold}}) for cid, reply, gold in CASES) + "\n",
                    encoding="utf-8")
    return path


def scripted_judge(rubric):
    calls = defaultdict(int)

    def respond(body):
        reply = json.loads(body["messages"][-1]["content"].split("\n", 1)[1])["reply"]
        verdict = SCRIPT[reply][calls[reply] % 2]
        calls[reply] += 1
        return judge_json(rubric, {"restate_problem": verdict}, default="n/a",
                          evidence={"restate_problem": [reply, "words that are not there"]})
    return respond


def dead_endpoint():
    from coach.settings import Settings

    return Settings(base_url="http://127.0.0.1:9/v1", api_key="k", judge_model="gpt-4o-mini", max_retries=0)


def run(dataset, out, rubric, **kw):
    return asyncio.run(EvalRun(dataset, out, rubric=rubric, progress=False, **kw).run())


def test_the_combined_engine_against_an_imperfect_judge_gives_the_hand_computed_figures(tmp_path, small_set, rubric):
    with FakeOpenAI() as server:
        server.responder = scripted_judge(rubric)
        summary = run(small_set, tmp_path / "run", rubric, engine="combined", repeats=2,
                      settings=settings_for(server), concurrency=4)
        assert summary["model_calls"] == 8 and len(server.requests) == 8
    report = build(tmp_path / "run")
    m = report["criteria"]["restate_problem"]
    assert m["n"] == 8
    assert m["accuracy"] == pytest.approx(5 / 8)
    assert m["precision_fail"] == pytest.approx(2 / 3) and m["recall_fail"] == pytest.approx(1 / 2)
    assert m["f1_fail"] == pytest.approx(4 / 7)
    assert m["kappa_gold"] == pytest.approx((5 / 8 - 22 / 64) / (1 - 22 / 64))
    assert m["retest_identical"] == pytest.approx(3 / 4)
    assert m["fleiss_kappa"] == pytest.approx((3 / 4 - 22 / 64) / (1 - 22 / 64))
    assert m["confusion"]["fail"] == {"pass": 2, "fail": 2, "n/a": 0, "unjudged": 0}
    # the judge decided every applicable grading (c1-c3, twice each): right on c1 twice and c2 once
    assert m["applicable"] == 6 and m["coverage"] == 1 and m["accuracy_judged"] == pytest.approx(3 / 6)
    # the offline grader says n/a on all eight gradings: it agrees with the judge on c4's two n/a only
    assert m["offline_vs_judge"]["gradings"] == 8 and m["offline_vs_judge"]["offline_unjudged"] == 0
    assert m["offline_vs_judge"]["agreement"] == pytest.approx(2 / 8)
    cost = report["cost_latency"]
    assert cost["model_calls"] == 8 and cost["count_method"] == "tiktoken o200k_base"
    assert cost["server_prompt_tokens"] > 0 and cost["estimated_cost_usd"] > 0 and cost["latency_p95_s"] > 0
    # each grading quoted the reply (kept) and a phrase not in it (dropped): half the judge's quotes are valid
    assert report["evidence"]["quoted_spans"] > report["evidence"]["valid"] > 0


def test_an_eval_run_hands_the_judge_the_whole_conversation_and_the_trainees_name(tmp_path, rubric):
    dataset = tmp_path / "conversation.jsonl"
    context = [{"role": "customer", "content": "Where is my order?"},
               {"role": "trainee", "content": "Hello Anna, I'm Tom. Let me look."},
               {"role": "customer", "content": "Well?"}]
    dataset.write_text(json.dumps({"id": "c", "lang": "en", "customer_name": "Anna", "agent_name": "Tom",
                                   "context": context, "reply": "Anna, it ships today.",
                                   "labels": {"personalize": "pass"}}) + "\n", encoding="utf-8")
    with FakeOpenAI() as server:
        server.responder = lambda body: judge_json(rubric)
        run(dataset, tmp_path / "run", rubric, engine="combined", repeats=1, settings=settings_for(server))
        [messages] = [r["messages"] for r in server.requests]
    assert [m["content"] for m in messages if m["content"].startswith("[")] == [
        "[customer] Where is my order?", "[trainee] Hello Anna, I'm Tom. Let me look.", "[customer] Well?"]
    assert json.loads(messages[-1]["content"].split("\n", 1)[1])["trainee_name"] == "Tom"


def test_a_cached_rerun_makes_no_calls_and_a_run_resumes(tmp_path, small_set, rubric):
    cache = tmp_path / "cache.sqlite3"
    with FakeOpenAI() as server:
        server.responder = scripted_judge(rubric)
        first = run(small_set, tmp_path / "a", rubric, engine="combined", repeats=2, settings=settings_for(server),
                    cache_path=cache)
        calls = len(server.requests)
        again = run(small_set, tmp_path / "b", rubric, engine="combined", repeats=2, settings=settings_for(server),
                    cache_path=cache)
        assert len(server.requests) == calls and again["model_calls"] == 0 and again["cache_hits"] == 8
        bypass = run(small_set, tmp_path / "c", rubric, engine="combined", repeats=1, settings=settings_for(server),
                     cache_path=cache, use_cache=False)
        assert bypass["model_calls"] == 4 and len(server.requests) == calls + 4
    assert first["model_calls"] == 8
    assert build(tmp_path / "a")["criteria"]["restate_problem"] == build(tmp_path / "b")["criteria"]["restate_problem"]
    # an interrupted run: keep half the results (and a line cut in the middle), then run again
    results = (tmp_path / "a" / "results.jsonl").read_text(encoding="utf-8").splitlines()
    (tmp_path / "a" / "results.jsonl").write_text("\n".join(results[:4]) + "\n" + results[4][:30], encoding="utf-8")
    resumed = run(small_set, tmp_path / "a", rubric, engine="combined", repeats=2,
                  settings=dead_endpoint(), cache_path=cache)  # nothing listens: every answer comes from the cache
    assert resumed["skipped"] == 4 and resumed["graded"] == 4 and resumed["model_calls"] == 0


def test_offline_eval_of_the_development_set_passes_its_floors(tmp_path, rubric):
    """The CI gate: the offline engine on evals/dev.jsonl must stay at or above evals/floors.yaml."""
    run(ROOT / "evals" / "dev.jsonl", tmp_path / "dev", rubric, engine="offline", repeats=1)
    assert check_floors(tmp_path / "dev", ROOT / "evals" / "floors.yaml") == []
    report = build(tmp_path / "dev")
    assert report["gradings"] >= 200 and report["errors"] == 0
    assert report["evidence"]["validity"] == 1.0


def test_floors_catch_a_regression(tmp_path, rubric):
    run(ROOT / "evals" / "dev.jsonl", tmp_path / "dev", rubric, engine="offline", repeats=1)
    strict = tmp_path / "floors.yaml"
    strict.write_text("offline:\n  personalize: 1.01\n", encoding="utf-8")
    assert check_floors(tmp_path / "dev", strict) == ["personalize: accuracy when judged 1.0 < 1.01",
                                                      "personalize: coverage 1.0 < 1.01"]


def test_a_criterion_that_stops_judging_fails_its_gate_though_no_verdict_it_gives_is_wrong(tmp_path, unchecked_rubric):
    """warm_tone has no offline check: the grader leaves every case to a model. Accuracy when judged has
    nothing to stand on and coverage is 0: the gate fails, with a bare floor or a coverage floor."""
    _, with_warm = unchecked_rubric
    dataset = tmp_path / "warm.jsonl"
    dataset.write_text("".join(json.dumps({"id": cid, "lang": "en", "reply": reply, "labels": {"warm_tone": gold}})
                               + "\n" for cid, reply, gold in CASES), encoding="utf-8")
    run(dataset, tmp_path / "run", with_warm, engine="offline", repeats=1)
    m = build(tmp_path / "run")["criteria"]["warm_tone"]
    assert m["applicable"] == 3 and m["coverage"] == 0 and m["unjudged"] == 4 and m["accuracy_judged"] is None
    assert m["precision_fail"] is None and m["recall_fail"] == 0  # no fail said; both gold fails missed
    floors = tmp_path / "floors.yaml"
    floors.write_text("offline:\n  warm_tone: 0.5\n", encoding="utf-8")
    assert check_floors(tmp_path / "run", floors) == ["warm_tone: accuracy when judged None < 0.5",
                                                      "warm_tone: coverage 0.0 < 0.5"]
    floors.write_text("offline:\n  warm_tone: {coverage: 0.6, recall_fail: 0.5}\n", encoding="utf-8")
    assert check_floors(tmp_path / "run", floors) == ["warm_tone: coverage 0.0 < 0.6", "warm_tone: fail recall 0.0 < 0.5"]
    floors.write_text("offline:\n  warm_tone: {coverage: high}\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="a floor is a number or a mapping"):
        check_floors(tmp_path / "run", floors)


def test_a_run_against_a_dead_endpoint_fails_both_gates(tmp_path, small_set):
    """956 errored gradings once passed `eval check`: an errored run must fail `run` and `check`."""
    out = tmp_path / "dead"
    env = {"OPENAI_BASE_URL": "http://127.0.0.1:9/v1", "OPENAI_API_KEY": "k", "COACH_JUDGE_MODEL": "m",
           "COACH_MAX_RETRIES": "0"}
    ran = run_coach("eval", "run", str(small_set), "--engine", "combined", "--out", str(out), env_extra=env)
    assert ran.returncode == 1 and "4 gradings errored" in ran.stderr
    floors = tmp_path / "floors.yaml"
    floors.write_text("combined:\n  restate_problem: 0.0\n", encoding="utf-8")
    checked = run_coach("eval", "check", str(out), "--floors", str(floors))
    assert checked.returncode == 1 and "4 of 4 gradings errored" in checked.stderr


def test_check_fails_without_floors_for_the_engine_or_without_cases(tmp_path, small_set, rubric):
    run(small_set, tmp_path / "run", rubric, engine="offline", repeats=1)
    only_llm = tmp_path / "floors.yaml"
    only_llm.write_text("llm:\n  personalize: 0.9\n", encoding="utf-8")
    assert check_floors(tmp_path / "run", only_llm) == [f"{only_llm} has no floors for the offline engine"]
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    result = run_coach("eval", "run", str(empty), "--out", str(tmp_path / "none"))
    assert result.returncode != 0 and "no cases" in result.stderr


def test_reports_and_compare(tmp_path, small_set, rubric):
    run(small_set, tmp_path / "offline", rubric, engine="offline", repeats=1)
    with FakeOpenAI() as server:
        server.responder = scripted_judge(rubric)
        run(small_set, tmp_path / "judge", rubric, engine="llm", repeats=1, settings=settings_for(server))
    paths = write(tmp_path / "judge")
    html = paths["html"].read_text(encoding="utf-8")
    assert "<svg" in html and "Confusion matrices" in html and "Fleiss" in html and "<script" not in html
    assert "| restate_problem | 4 |" in paths["markdown"].read_text(encoding="utf-8")
    assert json.loads(paths["json"].read_text(encoding="utf-8"))["criteria"]["restate_problem"]["n"] == 4
    diff = compare(tmp_path / "offline", tmp_path / "judge")
    flipped = {(f["case_id"], f["criterion"]) for f in diff["flipped"]}
    assert ("c1", "restate_problem") in flipped  # offline n/a -> judge fail (gold fail)
    assert diff["fixed"] >= 1


def test_the_eval_commands(tmp_path):
    out = tmp_path / "run"
    result = run_coach("eval", "run", str(EVALS / "injection.jsonl"), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert (out / "report.html").exists() and "report:" in result.stdout
    assert run_coach("eval", "check", str(out)).returncode == 0
    report = run_coach("eval", "report", str(out))
    assert "# Eval report: injection.jsonl · offline engine" in report.stdout
    same = run_coach("eval", "compare", str(out), str(out))
    assert "0 case verdicts flipped" in same.stdout
    needs_model = run_coach("eval", "run", str(EVALS / "injection.jsonl"), "--engine", "combined", "--out", str(tmp_path / "x"))
    assert needs_model.returncode == 2 and "need a model endpoint" in needs_model.stderr
