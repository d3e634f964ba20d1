"""Personas edited in the page: validated like files, versioned, published, played as recorded."""

from __future__ import annotations

import asyncio
import time

import pytest

from coach.accounts import Accounts
from coach.errors import Refusal
from coach.locations import shipped
from tests.conftest import run_coach

LAWSUIT = shipped("personas", "lawsuit-19-dollars.yaml").read_text(encoding="utf-8")
NEW = LAWSUIT.replace("id: lawsuit-19-dollars", "id: fifty-dollar-lawsuit").replace(
    "display_name: The $19 lawsuit", "display_name: The $50 lawsuit")


def test_problems_are_named_by_line_and_field_as_for_files(team_service):
    service, users = team_service
    broken = NEW.replace("start: 70", "start: 170")
    problems = asyncio.run(service.check_persona(users["tess"], broken))
    assert len(problems) == 1
    line = next(i for i, text in enumerate(broken.splitlines(), 1) if "170" in text)
    assert problems[0].startswith(f"fifty-dollar-lawsuit.yaml:{line}: field 'mood.start'")
    assert asyncio.run(service.check_persona(users["tess"], NEW)) == []
    with pytest.raises(Refusal) as refused:
        asyncio.run(service.save_persona(users["tess"], broken))
    assert refused.value.key == "error.persona_invalid"


def test_a_saved_draft_is_tested_published_and_conversations_keep_their_version(team_service):
    service, users = team_service
    tess, alice = users["tess"], users["alice"]
    first = asyncio.run(service.save_persona(tess, NEW))
    assert (first.persona_id, first.version, first.published_at, first.changed) == ("fifty-dollar-lawsuit", 1, None, "")
    assert "fifty-dollar-lawsuit" not in service.personas  # a draft is not offered to trainees
    report = asyncio.run(service.rehearse_persona(tess, "fifty-dollar-lawsuit", 1))
    assert report.ok, report.text()
    asyncio.run(service.publish_persona(tess, "fifty-dollar-lawsuit", 1))
    assert service.personas["fifty-dollar-lawsuit"].display_name == "The $50 lawsuit"

    played = asyncio.run(service.start(alice, "fifty-dollar-lawsuit"))
    assert played.persona_version == 1
    second = asyncio.run(service.save_persona(tess, NEW.replace("customer_name: Gary Thompson",
                                                                "customer_name: Gavin Thompson")))
    assert second.version == 2 and second.changed == "customer_name"
    asyncio.run(service.publish_persona(tess, "fifty-dollar-lawsuit", 2))
    assert service.personas["fifty-dollar-lawsuit"].customer_name == "Gavin Thompson"
    reread = asyncio.run(service.conversation(alice, played.id))
    assert service.played_with(reread).customer_name == "Gary Thompson"  # the version it was played with
    history = asyncio.run(service.persona_history(tess, "fifty-dollar-lawsuit"))
    assert [(v.version, v.author, v.published_at is not None) for v in history] == [(2, "tess", True), (1, "tess", True)]


def test_a_persona_published_through_one_process_is_offered_by_the_others_within_a_second(team_service,
                                                                                        other_process):
    service, users = team_service
    assert "fifty-dollar-lawsuit" not in other_process.personas
    saved = asyncio.run(service.save_persona(users["tess"], NEW))
    asyncio.run(service.publish_persona(users["tess"], saved.persona_id, saved.version))
    deadline = time.monotonic() + 1.0
    while "fifty-dollar-lawsuit" not in other_process.personas and time.monotonic() < deadline:
        time.sleep(0.05)
    assert other_process.personas["fifty-dollar-lawsuit"].display_name == "The $50 lawsuit"
    played = asyncio.run(other_process.start(users["alice"], "fifty-dollar-lawsuit"))
    assert played.persona_version == 1


def test_trainees_cannot_edit_personas_or_preview_drafts(team_service):
    service, users = team_service
    alice = users["alice"]
    for call in (lambda: service.save_persona(alice, NEW), lambda: service.check_persona(alice, NEW),
                 lambda: service.persona_text(alice, "lawsuit-19-dollars"),
                 lambda: service.start(alice, "lawsuit-19-dollars", "practice", draft=1)):
        with pytest.raises(Refusal, match="trainers only"):
            asyncio.run(call())


def test_export_and_import_move_personas_between_files_and_the_database(team_service, tmp_path):
    service, users = team_service
    env = {"COACH_DB": service.store.db.where}
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "fifty-dollar-lawsuit.yaml").write_text(NEW, encoding="utf-8")
    imported = run_coach("persona", "import", str(folder), "--publish", env_extra=env)
    assert imported.returncode == 0, imported.stderr
    assert "fifty-dollar-lawsuit: version 1 published" in imported.stdout
    exported = run_coach("persona", "export", "--out", str(tmp_path / "out"), env_extra=env)
    assert exported.returncode == 0, exported.stderr
    assert (tmp_path / "out" / "fifty-dollar-lawsuit.yaml").read_text(encoding="utf-8") == NEW
    (folder / "broken.yaml").write_text(NEW.replace("id: fifty-dollar-lawsuit", "id: broken").replace(
        "language: en", "language: xx"), encoding="utf-8")
    bad = run_coach("persona", "import", str(folder / "broken.yaml"), env_extra=env)
    assert bad.returncode == 1 and "field 'language'" in bad.stderr and "Traceback" not in bad.stderr


def test_the_persona_commands_see_what_the_page_published(team_service, tmp_path):
    """`persona list` shows a page-published version (and that it replaces the file), and
    `persona validate` / `persona test` take its id as trainees meet it."""
    service, users = team_service
    env = {"COACH_DB": service.store.db.where}
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "lawsuit-19-dollars.yaml").write_text(LAWSUIT.replace("Gary Thompson", "Gavin Thompson"), encoding="utf-8")
    (folder / "fifty-dollar-lawsuit.yaml").write_text(NEW, encoding="utf-8")
    assert run_coach("persona", "import", str(folder), "--publish", env_extra=env).returncode == 0
    listed = run_coach("persona", "list", env_extra=env)
    assert listed.returncode == 0, listed.stderr
    rows = {line.split()[0]: line for line in listed.stdout.splitlines()}
    assert "page v1" in rows["fifty-dollar-lawsuit"] and "The $50 lawsuit" in rows["fifty-dollar-lawsuit"]
    assert "page v1" in rows["lawsuit-19-dollars"] and "Gavin Thompson" in rows["lawsuit-19-dollars"]
    assert " file " in rows["repeat-refund"]
    validated = run_coach("persona", "validate", "fifty-dollar-lawsuit", "repeat-refund", env_extra=env)
    assert validated.returncode == 0, validated.stderr
    assert validated.stdout.splitlines() == ["ok: fifty-dollar-lawsuit (en, hard, page version 1)",
                                             "ok: repeat-refund (en, hard)"]
    tested = run_coach("persona", "test", "lawsuit-19-dollars", env_extra=env, timeout=120)
    assert tested.returncode == 0, tested.stdout + tested.stderr
    assert tested.stdout.startswith("ok   lawsuit-19-dollars") and "1 of 1 personas" in tested.stdout


def test_files_that_could_freeze_the_server_are_refused_at_once(team_service):
    service, users = team_service
    bomb = 'a0: &a0 ["lol"]\n' + "".join(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n" for i in range(1, 10))
    problems = asyncio.run(service.check_persona(users["tess"], bomb))
    assert problems == ["persona.yaml:2: is not valid YAML: aliases (*name) are not allowed; write the value out"]
    huge = NEW + "# " + "x" * 300_000 + "\n"
    assert "is too long" in asyncio.run(service.check_persona(users["tess"], huge))[0]


def test_publishing_an_older_version_brings_it_back_and_unsaved_text_is_not_published(team_service):
    service, users = team_service
    tess = users["tess"]
    asyncio.run(service.save_persona(tess, NEW))
    asyncio.run(service.save_persona(tess, NEW.replace("customer_name: Gary Thompson", "customer_name: Gavin Thompson")))
    asyncio.run(service.publish_persona(tess, "fifty-dollar-lawsuit", 2))
    asyncio.run(service.publish_persona(tess, "fifty-dollar-lawsuit", 1))
    assert service.personas["fifty-dollar-lawsuit"].customer_name == "Gary Thompson"
    with pytest.raises(Refusal) as refused:
        asyncio.run(service.publish_persona(tess, "fifty-dollar-lawsuit", 2, on_screen=NEW + "# edited\n"))
    assert refused.value.key == "error.unsaved"


def test_a_save_from_a_version_someone_has_since_replaced_is_refused_with_their_changes(team_service):
    service, users = team_service
    tess = users["tess"]
    mine = asyncio.run(service.save_persona(tess, NEW, [None, 0]))  # a new persona
    assert mine.version == 1
    # two trainers open version 1; the other saves first
    tina = Accounts(service.store.db).add("tina", "trainer", "a-long-password")
    theirs = NEW.replace("display_name: The $50 lawsuit", "display_name: The $60 lawsuit")
    assert asyncio.run(service.save_persona(tina, theirs, ["fifty-dollar-lawsuit", 1])).version == 2
    stale = NEW.replace("start: 70", "start: 60")
    with pytest.raises(Refusal) as refused:
        asyncio.run(service.save_persona(tess, stale, ["fifty-dollar-lawsuit", 1]))
    assert refused.value.key == "error.persona_stale"
    assert "tina saved version 2" in str(refused.value) and "display_name" in str(refused.value)
    assert [v.version for v in asyncio.run(service.persona_history(tess, "fifty-dollar-lawsuit"))] == [2, 1]
    with pytest.raises(Refusal):  # a "new" persona that someone else already made
        asyncio.run(service.save_persona(tess, stale, [None, 0]))
    redone = asyncio.run(service.save_persona(tess, theirs.replace("start: 70", "start: 60"), ["fifty-dollar-lawsuit", 2]))
    assert redone.version == 3 and redone.changed == "mood"


def test_yaml_nested_too_deep_or_with_a_huge_number_is_a_line_and_field_problem(team_service):
    service, users = team_service
    deep = NEW + "extra:\n  more: " + "[" * 90_000 + "]" * 90_000 + "\n"
    problems = asyncio.run(service.check_persona(users["tess"], deep))
    line = len(NEW.splitlines()) + 2
    assert len(problems) == 1 and problems[0].startswith(f"fifty-dollar-lawsuit.yaml:{line}: field 'extra.more")
    assert "nests deeper than" in problems[0]
    huge = NEW.replace("start: 70", "start: " + "7" * 150_001)
    problems = asyncio.run(service.check_persona(users["tess"], huge))
    line = next(i for i, text in enumerate(huge.splitlines(), 1) if "777" in text)
    assert problems == [f"fifty-dollar-lawsuit.yaml:{line}: field 'mood.start' is a number of more than 100 characters"]
