"""Trainers correct grades: the trainee sees the correction, the original stays, and the reviews
become labelled cases the grader is measured against."""

from __future__ import annotations

import asyncio
import json
import sqlite3

import pytest

from coach.errors import Refusal
from coach.grades import Verdict
from coach.scorecard import scorecard
from tests.conftest import run_coach


def played(service, user, replies):
    async def go():
        c = await service.start(user, "lawsuit-19-dollars")
        for reply in replies:
            async for _ in service.turn_stream(user, c.id, reply):
                pass
        return c.id
    return asyncio.run(go())


def test_a_correction_changes_what_the_trainee_sees_and_keeps_the_original(team_service):
    service, users = team_service
    cid = played(service, users["alice"], ["I understand, but that's our policy.", "Thanks for your patience."])
    before = asyncio.run(service.conversation(users["alice"], cid))
    assert before.turns[0].grade.get("no_yes_but").verdict is Verdict.FAIL
    score_before = scorecard(before, service.rubric).score

    asyncio.run(service.review(users["tess"], cid, 0, "no_yes_but", "pass", "Fine here: the policy was the news."))
    seen = asyncio.run(service.conversation(users["alice"], cid))
    grade = seen.turns[0].grade.get("no_yes_but")
    assert grade.verdict is Verdict.PASS and grade.review.original is Verdict.FAIL
    assert grade.review.comment == "Fine here: the policy was the news." and grade.review.reviewer == "tess"
    assert scorecard(seen, service.rubric).score > score_before
    with service.store.db.connect() as con:  # the turn as graded is untouched
        data = json.loads(con.execute("SELECT data FROM turns WHERE conversation_id = ? AND idx = 0", (cid,)).fetchone()[0])
    assert next(g for g in data["grade"]["criteria"] if g["criterion"] == "no_yes_but")["verdict"] == "fail"


def test_a_review_made_through_one_process_shows_through_another_that_kept_the_conversation(team_service,
                                                                                           other_process):
    service, users = team_service
    cid = played(service, users["alice"], ["I understand, but that's our policy."])
    kept = asyncio.run(other_process.conversation(users["alice"], cid))  # now in that process's memory
    assert kept.turns[0].grade.get("no_yes_but").verdict is Verdict.FAIL
    asyncio.run(service.review(users["tess"], cid, 0, "no_yes_but", "pass", "Fine: the policy was the news."))
    seen = asyncio.run(other_process.conversation(users["alice"], cid))
    assert seen.turns[0].grade.get("no_yes_but").verdict is Verdict.PASS
    assert seen.turns[0].grade.get("no_yes_but").review.reviewer == "tess"


def test_only_trainers_review_and_a_comment_is_needed(team_service):
    service, users = team_service
    cid = played(service, users["alice"], ["Please hold on."])
    with pytest.raises(Refusal, match="trainers only") as refused:
        asyncio.run(service.review(users["alice"], cid, 0, "personalize", "pass", "I did fine"))
    assert refused.value.key == "error.trainers_only"
    for turn, criterion, verdict, comment, key in ((0, "personalize", "pass", "  ", "error.comment_needed"),
                                                   (5, "personalize", "pass", "x", "error.no_turn"),
                                                   (0, "nope", "pass", "x", "error.unknown_criterion"),
                                                   (0, "personalize", "great", "x", "error.unknown_verdict")):
        with pytest.raises(Refusal) as refused:
            asyncio.run(service.review(users["tess"], cid, turn, criterion, verdict, comment))
        assert refused.value.key == key


def test_agreement_counts_confirmations_and_corrections_per_criterion_and_language(team_service):
    service, users = team_service
    cid = played(service, users["alice"], ["I understand, but that's our policy.", "Please hold on."])
    asyncio.run(service.review(users["tess"], cid, 0, "no_yes_but", "fail", "Right: a textbook yes-but."))
    asyncio.run(service.review(users["tess"], cid, 1, "no_yes_but", "fail", "Also dismissive."))
    rows = {(a.criterion, a.lang): (a.cases, a.agreed) for a in asyncio.run(service.agreement(users["tess"]))}
    assert rows == {("no_yes_but", "en"): (2, 1)}  # turn 1 confirmed; turn 2 the grader had passed


def test_exported_labels_are_cases_the_eval_runs_on(team_service, tmp_path):
    service, users = team_service
    cid = played(service, users["bob"], ["I understand, but that's our policy.", "Thanks, Gary. I'll check it now."])
    asyncio.run(service.review(users["tess"], cid, 0, "no_yes_but", "fail", "Yes-but."))
    asyncio.run(service.review(users["tess"], cid, 1, "personalize", "fail", "Say your own name too."))
    out = tmp_path / "labels.jsonl"
    env = {"COACH_DB": service.store.db.where}
    exported = run_coach("eval", "export-labels", "--out", str(out), env_extra=env)
    assert exported.returncode == 0, exported.stderr
    cases = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(c["labels"], c["lang"], c["customer_name"]) for c in cases] == [
        ({"no_yes_but": "fail"}, "en", "Gary Thompson"), ({"personalize": "fail"}, "en", "Gary Thompson")]
    assert cases[1]["context"][-1]["role"] == "customer" and cases[1]["reply"].startswith("Thanks, Gary")
    ran = run_coach("eval", "run", str(out), "--out", str(tmp_path / "run"))
    assert ran.returncode == 0, ran.stderr
    report = run_coach("eval", "report", str(tmp_path / "run"))
    assert "| no_yes_but | 1 |" in report.stdout and "| personalize | 1 |" in report.stdout


def test_a_correction_to_n_a_is_shown_with_its_comment(team_service):
    from coach.web import views

    service, users = team_service
    cid = played(service, users["alice"], ["I understand, but that's our policy."])
    asyncio.run(service.review(users["tess"], cid, 0, "no_yes_but", "n/a", "Nothing was asked yet."))
    seen = asyncio.run(service.conversation(users["alice"], cid))
    html = views.grade_panel(seen.turns[0].grade, seen.turns[0].reply, service.rubric)
    assert "data-criterion='no_yes_but' data-verdict='n/a'" in html and "Nothing was asked yet." in html


def test_a_trainer_decides_what_the_grader_could_not_judge_and_agreement_counts_it_apart(tmp_path, unchecked_rubric):
    from coach.web import views
    from tests.conftest import make_team_service

    path, with_warm = unchecked_rubric
    service, users = make_team_service(tmp_path, with_warm, path)
    tess = users["tess"]
    cid = played(service, users["alice"], ["I understand, but that's our policy.", "Please hold on."])
    assert asyncio.run(service.conversation(tess, cid)).turns[0].grade.get("warm_tone").verdict is Verdict.UNJUDGED
    with pytest.raises(Refusal) as refused:  # "unjudged" is only ever the grader's outcome
        asyncio.run(service.review(tess, cid, 0, "warm_tone", "unjudged", "Can't tell."))
    assert refused.value.key == "error.unknown_verdict"
    asyncio.run(service.review(tess, cid, 0, "warm_tone", "fail", "Cold and scripted."))
    asyncio.run(service.review(tess, cid, 1, "warm_tone", "pass", "Fine."))
    asyncio.run(service.review(tess, cid, 0, "no_yes_but", "fail", "Right."))
    rows = {a.criterion: (a.cases, a.agreed, a.unjudged) for a in asyncio.run(service.agreement(tess))}
    assert rows == {"warm_tone": (0, 0, 2), "no_yes_but": (1, 1, 0)}
    html = views.agreement_html(asyncio.run(service.agreement(tess)), with_warm, "pl")
    assert "Nie oceniono offline" in html and "<td>0 (–)</td><td class='unjudged'>2</td>" in html
    seen = asyncio.run(service.conversation(users["alice"], cid))
    warm = seen.turns[0].grade.get("warm_tone")
    assert warm.verdict is Verdict.FAIL and warm.review.original is Verdict.UNJUDGED
    panel = views.grade_panel(seen.turns[0].grade, seen.turns[0].reply, with_warm, ui="en")
    assert "The grader said not judged offline — needs a model:" in panel  # the correction says what it replaced
    cases = [c for c in run_coach("eval", "export-labels", env_extra={"COACH_DB": service.store.db.where})
             .stdout.splitlines()]
    labels = [json.loads(c)["labels"] for c in cases]
    assert labels == [{"warm_tone": "fail", "no_yes_but": "fail"}, {"warm_tone": "pass"}]  # trainers' verdicts


def test_reviews_from_before_the_unjudged_outcome_survive_the_upgrade(tmp_path):
    from coach.db import VERSION, open_database

    path = tmp_path / "v3.sqlite3"
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE conversations (id TEXT PRIMARY KEY, owner TEXT, persona_id TEXT NOT NULL, "
                    "persona_name TEXT NOT NULL, customer_name TEXT NOT NULL, language TEXT NOT NULL, mode TEXT NOT "
                    "NULL DEFAULT 'practice', started_at TEXT NOT NULL, updated_at TEXT NOT NULL, ended_at TEXT, "
                    "outcome TEXT, turns INTEGER NOT NULL, score REAL, version INTEGER NOT NULL DEFAULT 0, "
                    "data TEXT NOT NULL)")
        con.execute("CREATE TABLE reviews (id INTEGER PRIMARY KEY AUTOINCREMENT, conversation_id TEXT NOT NULL "
                    "REFERENCES conversations(id) ON DELETE CASCADE, idx INTEGER NOT NULL, attempt INTEGER NOT NULL, "
                    "criterion TEXT NOT NULL, original TEXT NOT NULL CHECK (original IN ('pass', 'fail', 'n/a')), "
                    "verdict TEXT NOT NULL CHECK (verdict IN ('pass', 'fail', 'n/a')), comment TEXT NOT NULL, "
                    "reviewer TEXT NOT NULL, created_at TEXT NOT NULL)")
        con.execute("INSERT INTO conversations VALUES ('c1', 'u', 'p', 'P', 'Gary', 'en', 'practice', 't', 't', "
                    "NULL, NULL, 1, NULL, 1, '{}')")
        con.execute("INSERT INTO reviews (conversation_id, idx, attempt, criterion, original, verdict, comment, "
                    "reviewer, created_at) VALUES ('c1', 0, 0, 'no_yes_but', 'fail', 'pass', 'ok', 'tess', 't')")
        con.execute("PRAGMA user_version = 3")
    db = open_database(path)
    with db.connect(write=True) as con:
        assert con.execute("SELECT criterion, original, verdict FROM reviews").fetchall() == [("no_yes_but", "fail", "pass")]
        con.execute("INSERT INTO reviews (conversation_id, idx, attempt, criterion, original, verdict, comment, "
                    "reviewer, created_at) VALUES ('c1', 0, 0, 'own_it', 'unjudged', 'pass', 'ok', 'tess', 't')")
        with pytest.raises(sqlite3.IntegrityError):  # a trainer's verdict is still pass, fail or n/a
            con.execute("INSERT INTO reviews (conversation_id, idx, attempt, criterion, original, verdict, comment, "
                        "reviewer, created_at) VALUES ('c1', 0, 0, 'own_it', 'pass', 'unjudged', 'x', 'tess', 't')")
        assert con.execute("PRAGMA user_version").fetchone()[0] == VERSION
        assert con.execute("SELECT name FROM sqlite_master WHERE name = 'reviews_conversation'").fetchone()


def test_the_markdown_download_shows_a_correction_as_the_trainee_sees_it(team_service):
    service, users = team_service
    cid = played(service, users["alice"], ["I understand, but that's our policy."])
    asyncio.run(service.review(users["tess"], cid, 0, "no_yes_but", "pass", "Fine here: the policy was the news."))
    path = asyncio.run(service.export(users["alice"], cid, "md"))
    text = path.read_text(encoding="utf-8")
    line = next(ln for ln in text.splitlines() if "Corrected by tess" in ln)
    assert line.startswith("- ✅") and "Fine here: the policy was the news." in line
    assert "The grader said fail" in text  # what it had said, never shown as the reason for the new verdict
