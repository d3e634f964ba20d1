"""Team progress: pass rates per trainee and criterion, by week, from the conversations as read."""

from __future__ import annotations

import asyncio
import csv
import io

import pytest

from coach.errors import Refusal
from tests.test_reviews import played


def test_pass_rates_per_trainee_and_criterion_follow_the_grades_and_the_reviews(team_service):
    service, users = team_service
    tess = users["tess"]
    played(service, users["alice"], ["I understand, but that's our policy.", "Thanks for your patience."])
    played(service, users["bob"], ["I'm so sorry, Gary. That sounds frustrating. I'll check it myself today."])
    found = asyncio.run(service.progress(tess))
    rates = {(r.trainee, r.criterion): (r.passed, r.judged) for r in found.criteria}
    assert rates[("alice", "no_yes_but")] == (1, 2)  # failed once, passed once
    assert rates[("bob", "no_yes_but")] == (1, 1)
    assert {w.trainee for w in found.weeks} == {"alice", "bob"}
    assert sum(w.judged for w in found.weeks if w.trainee == "alice") == sum(
        r.judged for r in found.criteria if r.trainee == "alice")
    assert [a.trainee for a in found.latest] == ["alice", "bob"]

    cid = asyncio.run(service.my_sessions(users["alice"]))[0].id
    asyncio.run(service.review(tess, cid, 0, "no_yes_but", "pass", "Fine in context."))
    again = {(r.trainee, r.criterion): (r.passed, r.judged) for r in asyncio.run(service.progress(tess)).criteria}
    assert again[("alice", "no_yes_but")] == (2, 2)

    rows = list(csv.DictReader(io.StringIO(asyncio.run(service.progress(tess)).csv({"no_yes_but": "No yes-but"}))))
    alice = next(r for r in rows if r["trainee"] == "alice" and r["criterion"] == "no_yes_but")
    assert alice == {"trainee": "alice", "criterion": "no_yes_but", "criterion_name": "No yes-but", "judged": "2",
                     "passed": "2", "pass_rate": "1.000", "unjudged": "0"}


def test_progress_filters_by_team_and_is_for_trainers_only(team_service):
    service, users = team_service
    played(service, users["alice"], ["Please hold on."])
    played(service, users["bob"], ["Please hold on."])
    asyncio.run(service.save_team(users["tess"], "Days", ["bob"]))
    found = asyncio.run(service.progress(users["tess"], team="days"))
    assert {r.trainee for r in found.criteria} == {"bob"}
    with pytest.raises(Refusal, match="trainers only"):
        asyncio.run(service.progress(users["alice"]))


def test_trainers_previews_are_not_progress_and_names_stay_text_in_the_csv(team_service):
    service, users = team_service
    played(service, users["tess"], ["Please hold on."])  # a trainer trying a customer
    played(service, users["alice"], ["Please hold on."])
    found = asyncio.run(service.progress(users["tess"]))
    assert {r.trainee for r in found.criteria} == {"alice"}
    found.criteria[0].trainee = "=HYPERLINK(1)"
    assert "\n'=HYPERLINK(1)," in found.csv({})


def test_pass_rates_are_over_judged_verdicts_and_unjudged_ones_are_counted_apart(tmp_path, unchecked_rubric):
    from coach.web.views import rate_cell
    from tests.conftest import make_team_service

    path, with_warm = unchecked_rubric
    service, users = make_team_service(tmp_path, with_warm, path)
    tess = users["tess"]
    played(service, users["alice"], ["I understand, but that's our policy.", "Thanks for your patience."])
    found = asyncio.run(service.progress(tess))
    cells = {r.criterion: r for r in found.criteria if r.trainee == "alice"}
    assert (cells["warm_tone"].judged, cells["warm_tone"].passed, cells["warm_tone"].unjudged) == (0, 0, 2)
    assert cells["warm_tone"].rate is None and cells["no_yes_but"].rate == 0.5
    assert sum(w.unjudged for w in found.weeks) == sum(r.unjudged for r in found.criteria) >= 2
    assert sum(w.judged for w in found.weeks) == sum(r.judged for r in found.criteria)
    assert rate_cell(cells["warm_tone"], "en") == "– · 2 not judged offline"
    assert rate_cell(cells["warm_tone"], "ar") == "– · 2 لم تُقيَّم دون اتصال"
    assert rate_cell(cells["no_yes_but"], "pl").startswith("50% (1/2)")
    rows = list(csv.DictReader(io.StringIO(found.csv({}))))
    warm = next(r for r in rows if r["trainee"] == "alice" and r["criterion"] == "warm_tone")
    assert (warm["judged"], warm["pass_rate"], warm["unjudged"]) == ("0", "", "2")
    cid = asyncio.run(service.my_sessions(users["alice"]))[0].id
    asyncio.run(service.review(tess, cid, 0, "warm_tone", "pass", "Warm enough."))
    again = {r.criterion: r for r in asyncio.run(service.progress(tess)).criteria if r.trainee == "alice"}
    assert (again["warm_tone"].judged, again["warm_tone"].passed, again["warm_tone"].unjudged) == (1, 1, 1)
