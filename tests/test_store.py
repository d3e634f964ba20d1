"""Conversations in the database (SQLite and PostgreSQL): turns as rows, pending replies, conflicts
detected, old databases migrated."""

from __future__ import annotations

import asyncio
import json
import sqlite3

import pytest

from coach.db import VERSION, open_database
from coach.personas import find_persona
from coach.practice import TurnConflict, start_practice
from coach.store import Store
from tests.personas.conftest import reply


@pytest.fixture()
def stores(open_db, rubric):
    """Two stores on one database, as two server processes would have."""
    return Store(open_db(), rubric), Store(open_db(), rubric)


def practice_on(store, persona_id="repeat-refund", conversation=None):
    persona = find_persona(persona_id)
    practice = start_practice(persona, engine="offline", log=store, owner="alice", conversation=conversation)
    if conversation is None:
        store.create(practice.conversation)
    return practice


def test_each_turn_is_a_row_and_the_conversation_reads_back_whole(stores):
    store, _ = stores
    practice = practice_on(store)
    for kind in ("mild", "good"):
        asyncio.run(practice.turn(reply(practice.persona, kind)))
    with store.db.connect() as con:
        rows = con.execute("SELECT idx, attempt, status FROM turns ORDER BY idx").fetchall()
    assert rows == [(0, 0, "done"), (1, 0, "done")]
    back = store.get(practice.conversation.id)
    assert [t.reply for t in back.turns] == [t.reply for t in practice.conversation.turns]
    assert back.version == practice.conversation.version == 2


def test_a_write_from_an_outdated_copy_is_refused_not_merged(stores):
    first, second = stores
    practice = practice_on(first)
    stale = practice_on(second, conversation=second.get(practice.conversation.id))
    asyncio.run(practice.turn("Dana, I will check it today."))
    with pytest.raises(TurnConflict):
        asyncio.run(stale.turn("Dana, this one was typed elsewhere."))
    kept = first.get(practice.conversation.id)
    assert [t.reply for t in kept.turns] == ["Dana, I will check it today."]
    assert stale.conversation.turns == []  # nothing changed in memory either


def test_the_reply_is_saved_before_grading_and_offered_again_after_a_crash(stores):
    store, _ = stores
    practice = practice_on(store)
    store.begin(practice.conversation, 0, 0, "Dana, typed just before the crash.")
    back = store.get(practice.conversation.id)
    assert back.pending is not None and back.pending.reply == "Dana, typed just before the crash."
    resumed = practice_on(store, conversation=back)
    asyncio.run(resumed.turn("Dana, typed again after the restart."))
    again = store.get(practice.conversation.id)
    assert again.pending is None and [t.reply for t in again.turns] == ["Dana, typed again after the restart."]


def test_a_graded_turn_is_never_replaced_by_a_later_begin(stores):
    store, _ = stores
    practice = practice_on(store)
    asyncio.run(practice.turn("Dana, the first."))
    with pytest.raises(TurnConflict):
        store.begin(practice.conversation, 0, 0, "Dana, pretending to be the first.")


V1 = """CREATE TABLE conversations (id TEXT PRIMARY KEY, owner TEXT, persona_id TEXT NOT NULL,
persona_name TEXT NOT NULL, customer_name TEXT NOT NULL, language TEXT NOT NULL, started_at TEXT NOT NULL,
updated_at TEXT NOT NULL, ended_at TEXT, outcome TEXT, turns INTEGER NOT NULL, score REAL, data TEXT NOT NULL)"""


def test_a_database_from_before_accounts_is_migrated_without_loss(tmp_path, rubric):
    practice = practice_on(Store(open_database(tmp_path / "scratch.sqlite3"), rubric), "indecisive-shopper")
    for kind in ("mild", "mild", "mild"):
        asyncio.run(practice.turn(reply(practice.persona, kind)))
    assert not practice.conversation.finished
    old = practice.conversation.model_copy(update={"owner": "3f1c9a-browser-id"})
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as con:
        con.execute(V1)
        con.execute("INSERT INTO conversations VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (old.id, old.owner, old.persona_id, old.persona_name, old.customer_name, old.language,
                     old.started_at.isoformat(), old.started_at.isoformat(), None, None, 3, 0.5,
                     json.dumps(json.loads(old.model_dump_json()))))
    store = Store(open_database(path), rubric)
    back = store.get(old.id)
    assert [t.reply for t in back.turns] == [t.reply for t in practice.conversation.turns]
    assert [t.grade.verdicts() for t in back.turns] == [t.grade.verdicts() for t in practice.conversation.turns]
    assert back.owner == "local"  # browser ids were client-supplied; the local user owns them now
    with sqlite3.connect(path) as con:
        assert con.execute("PRAGMA user_version").fetchone()[0] == VERSION
    assert (tmp_path / f"old.sqlite3.before-v{VERSION}").exists()  # the file as it was, copied aside
    resumed = practice_on(store, conversation=back)
    asyncio.run(resumed.turn("Dana, one more after the upgrade."))
    assert len(store.get(old.id).turns) == 4


def test_a_database_one_schema_version_behind_is_migrated_on_either_engine(database_at, open_db, rubric):
    """v5 had no review counter on conversations and no `changes` table; opening it upgrades it in place."""
    store = Store(open_db(), rubric)
    practice = practice_on(store)
    asyncio.run(practice.turn("Dana, I will check it today."))
    with store.db.connect(write=True) as db:  # wind the schema back to v5
        db.execute("ALTER TABLE conversations DROP COLUMN reviewed")
        db.execute("DROP TABLE changes")
        store.db._set_version(db, 5)
    store.db.close()
    again = Store(open_db(), rubric)
    with again.db.connect(write=True) as db:
        assert again.db._version(db) == VERSION
        assert db.execute("SELECT reviewed FROM conversations").fetchall() == [(0,)]
    back = again.get(practice.conversation.id)
    assert [t.reply for t in back.turns] == ["Dana, I will check it today."]
    assert again.version(back.id) == (1, 0)


def test_a_trainers_draft_preview_is_in_no_list_but_its_authors_own(stores):
    store, _ = stores
    practice_on(store)
    preview = start_practice(find_persona("repeat-refund"), engine="offline", log=store, owner="alice")
    preview.conversation.preview = True
    store.create(preview.conversation)
    everyone = store.list()
    assert preview.conversation.id not in [s.id for s in everyone] and len(everyone) == 1
    own = store.list(owner="alice", previews=True)
    assert [s.preview for s in own if s.id == preview.conversation.id] == [1]


def test_a_database_from_before_previews_gains_the_mark_and_keeps_its_conversations(tmp_path, rubric):
    path = tmp_path / "coach.sqlite3"
    store = Store(open_database(path), rubric)
    practice_on(store)
    store.db.close()
    with sqlite3.connect(path) as con:  # as coach before previews were marked (v4) left it
        con.execute("ALTER TABLE conversations DROP COLUMN preview")
        con.execute("ALTER TABLE conversations DROP COLUMN reviewed")
        con.execute("DROP TABLE changes")
        con.execute("PRAGMA user_version = 4")
    again = Store(open_database(path), rubric)
    assert [s.preview for s in again.list()] == [0]
    assert (tmp_path / f"coach.sqlite3.before-v{VERSION}").exists()


def test_a_send_repeated_with_its_key_after_a_crash_stores_one_turn(stores, rubric):
    store, other = stores
    practice = practice_on(store)
    store.begin(practice.conversation, 0, 0, "Dana, typed just before the crash.", "send-key-0001")
    resumed = practice_on(other, conversation=other.get(practice.conversation.id))  # another process, after it
    asyncio.run(resumed.turn("Dana, typed just before the crash.", turn_key="send-key-0001"))
    back = store.get(practice.conversation.id)
    assert [t.reply for t in back.turns] == ["Dana, typed just before the crash."] and back.pending is None
    kept = store.keyed_turn(back.id, "send-key-0001")
    assert kept is not None and kept.index == 0
    with pytest.raises(TurnConflict):  # a key already answered cannot make a second turn
        store.begin(back, 1, 0, "Dana, again.", "send-key-0001")
    assert store.keyed_turn(back.id, "send-key-0002") is None


def test_the_database_file_and_its_folder_are_the_owners_alone(tmp_path, rubric, monkeypatch):
    from coach.locations import data_dir

    home = tmp_path / "home"
    monkeypatch.setenv("COACH_HOME", str(home))
    assert data_dir().stat().st_mode & 0o777 == 0o700
    path = home / "coach.sqlite3"
    store = Store(open_database(path), rubric)
    practice_on(store)
    for name in ("coach.sqlite3", "coach.sqlite3-wal"):
        assert (home / name).stat().st_mode & 0o777 == 0o600, name
    fresh = tmp_path / "new-folder" / "coach.sqlite3"
    open_database(fresh).close()
    assert fresh.parent.stat().st_mode & 0o777 == 0o700 and fresh.stat().st_mode & 0o777 == 0o600
