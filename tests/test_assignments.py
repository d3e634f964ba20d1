"""Assignments: to a trainee or a team, with a mode and a due date; done when finished in that mode."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta

import pytest

from coach.assignments import Status
from coach.errors import Refusal


def finish(service, user, persona_id, mode, replies=("Please hold on a moment.",)):
    async def go():
        c = await service.start(user, persona_id, mode)
        for reply in replies:
            async for _ in service.turn_stream(user, c.id, reply):
                pass
        await service.end(user, c.id)
    asyncio.run(go())


def statuses(service, user, today=None):
    return [(i.assignment.persona_id, i.assignment.mode, i.status) for i in
            service.assignments.for_user(user, today=today)]


def test_an_exam_assigned_to_a_team_is_done_only_when_finished_as_an_exam(team_service):
    service, users = team_service
    tess, alice, bob = users["tess"], users["alice"], users["bob"]
    asyncio.run(service.save_team(tess, "Night shift", ["alice", "bob"]))
    due = date.today() + timedelta(days=3)
    asyncio.run(service.assign(tess, "lawsuit-19-dollars", "exam", due, "team:night shift"))
    assert statuses(service, alice, due - timedelta(days=1)) == [("lawsuit-19-dollars", "exam", Status.OPEN)]
    finish(service, alice, "lawsuit-19-dollars", "practice")  # practising it is not sitting the exam
    finish(service, alice, "lawsuit-19-dollars", "exam", replies=())  # nor is ending it without a word
    assert statuses(service, alice, due + timedelta(days=1)) == [("lawsuit-19-dollars", "exam", Status.OVERDUE)]
    finish(service, alice, "lawsuit-19-dollars", "exam")
    assert statuses(service, alice)[0][2] is Status.DONE
    progress = asyncio.run(service.assignment_progress(tess))
    assert [(a.persona_id, done, total) for a, done, total in progress] == [("lawsuit-19-dollars", 1, 2)]
    assert statuses(service, bob)[0][2] is not Status.DONE


def test_assigning_to_one_trainee_and_what_a_trainee_cannot_do(team_service):
    service, users = team_service
    tess, alice, bob = users["tess"], users["alice"], users["bob"]
    asyncio.run(service.assign(tess, "repeat-refund", "practice", None, "user:bob"))
    assert statuses(service, alice) == [] and len(statuses(service, bob)) == 1
    for call in (lambda: service.assign(alice, "repeat-refund", "practice", None, "user:bob"),
                 lambda: service.save_team(alice, "Mine", ["alice"]),
                 lambda: service.assignment_progress(alice), lambda: service.people(alice)):
        with pytest.raises(Refusal) as refused:
            asyncio.run(call())
        assert refused.value.key == "error.trainers_only"
    for to, key in (("user:nobody", "error.no_user"), ("team:ghosts", "error.assign_to"), ("bob", "error.assign_to")):
        with pytest.raises(Refusal) as refused:
            asyncio.run(service.assign(tess, "repeat-refund", "practice", None, to))
        assert refused.value.key == key
    with pytest.raises(Refusal):
        asyncio.run(service.assign(tess, "no-such-persona", "practice", None, "user:bob"))


def test_a_due_date_that_has_passed_is_refused_and_nothing_is_assigned(team_service):
    service, users = team_service
    with pytest.raises(Refusal) as refused:
        asyncio.run(service.assign(users["tess"], "repeat-refund", "practice", date.today() - timedelta(days=1),
                                   "user:bob"))
    assert refused.value.key == "error.due_past"
    assert "has passed" in refused.value.text("en")
    assert statuses(service, users["bob"]) == []
    asyncio.run(service.assign(users["tess"], "repeat-refund", "practice", date.today(), "user:bob"))  # today is fine
    assert len(statuses(service, users["bob"])) == 1
