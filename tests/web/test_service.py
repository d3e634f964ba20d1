"""The page's service, without a browser."""

from __future__ import annotations

import shutil

from tests.aio import run


def test_downloads_still_work_after_a_tmp_cleaner_removed_the_exports_folder(team_service):
    service, users = team_service
    shutil.rmtree(service.exports.folder)
    path = run(service.write_export(users["tess"], "team-progress.csv", "trainee\n"))
    assert path.read_text(encoding="utf-8") == "trainee\n" and path.parent.parent == service.exports.folder


def turns(service, user, persona_id, replies):
    async def go():
        c = await service.start(user, persona_id)
        for reply in replies:
            async for _ in service.turn_stream(user, c.id, reply):
                pass
        return await service.conversation(user, c.id)
    return run(go())


def test_the_turn_loop_grades_each_reply_in_its_whole_conversation(team_service):
    """The trainee's earlier replies reach the grader: a name given in the first reply counts in the second."""
    service, users = team_service
    c = turns(service, users["alice"], "lawsuit-19-dollars", ["Hello Gary, I'm Sam. Let me look at your order.",
                                                                "Gary, I'll check the logo with the supplier now."])
    assert c.turns[1].grade.get("personalize").reason == "own_given_earlier"
    alone = turns(service, users["bob"], "lawsuit-19-dollars", ["Gary, I'll check the logo with the supplier now."])
    assert alone.turns[0].grade.get("personalize").reason == "give_yours_too"


def test_the_trainees_own_name_comes_from_their_account(team_service):
    service, users = team_service
    c = turns(service, users["alice"], "diner-kept-waiting", ["Por favor, espere un momento."])
    assert c.trainee_name == "Alice"
    personalize = c.turns[0].grade.get("personalize")
    assert personalize.verdict.value == "fail" and "soy Alice" in personalize.better


def test_memory_holds_the_conversations_going_on_not_those_left_for_a_new_one(team_service):
    """A trainee who starts again leaves the earlier conversation to the store: it is read back,
    whole, should they go on with it."""
    service, users = team_service
    first = turns(service, users["alice"], "repeat-refund", ["Dana, let me check your refund now."])
    second = turns(service, users["alice"], "lawsuit-19-dollars", [])
    kept_by_bob = turns(service, users["bob"], "repeat-refund", [])
    assert set(service._cache) == {second.id, kept_by_bob.id}
    again = turns(service, users["alice"], "repeat-refund", [])
    resumed = run(service.conversation(users["alice"], first.id))
    assert [t.reply for t in resumed.turns] == ["Dana, let me check your refund now."]
    assert again.id in service._cache and second.id not in service._cache
