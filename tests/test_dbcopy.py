"""`coach db copy`: a team's SQLite file moved to PostgreSQL and back, with nothing lost or changed."""

from __future__ import annotations

import asyncio
from datetime import date

from coach.accounts import Accounts, Role
from coach.db import TABLES, open_database
from coach.dbcopy import verify
from coach.personas import load_personas
from coach.settings import Settings
from coach.store import Store
from coach.web.service import Coach
from tests.conftest import run_coach
from tests.test_persona_versions import NEW


async def _team_history(service: Coach, users: dict) -> list[str]:
    """Conversations with graded, retried and pending turns, reviews, a team, assignments, persona versions."""
    tess, alice, bob = users["tess"], users["alice"], users["bob"]
    ids = []
    for user, persona, replies in ((alice, "lawsuit-19-dollars", ["Gary, I'm sorry. Let me look at the $19 now.",
                                                                  "I understand, but that's our policy."]),
                                   (bob, "diner-kept-waiting", ["Lo siento mucho, lo reviso ahora mismo."])):
        c = await service.start(user, persona)
        for reply in replies:
            async for _ in service.turn_stream(user, c.id, reply):
                pass
        ids.append(c.id)
    async for _ in service.turn_stream(alice, ids[0], "Gary, that was my mistake; I'm fixing it now.", retry=1):
        pass  # the retry retires the turn it replaces
    service.store.begin(await service.conversation(bob, ids[1]), 1, 0, "Una respuesta que quedó a medias.")
    await service.review(tess, ids[0], 0, "no_yes_but", "fail", "Say 'and', not 'but'. «Ünïcödé» kept.")
    await service.review(tess, ids[0], 0, "no_yes_but", "pass", "On second thought, fine.")
    await service.save_team(tess, "Night shift", ["alice", "bob"])
    await service.assign(tess, "lawsuit-19-dollars", "exam", date(2030, 1, 31), "team:Night shift")
    await service.assign(tess, "repeat-refund", "practice", None, "user:alice")
    saved = await service.save_persona(tess, NEW)
    await service.publish_persona(tess, saved.persona_id, saved.version)
    await service.save_persona(tess, NEW.replace("customer_name: Gary Thompson", "customer_name: Gavin Thompson"))
    ended = await service.end(alice, ids[0])
    assert ended.finished
    return ids


def _everything(where: str) -> dict[str, list[tuple]]:
    db = open_database(where)
    try:
        with db.connect() as con:
            out = {}
            for table in TABLES:
                columns = [d[0] for d in con.execute(f"SELECT * FROM {table} WHERE 1 = 0").description]
                out[table] = sorted(tuple(r) for r in con.execute(f"SELECT {', '.join(columns)} FROM {table}"))
            return out
    finally:
        db.close()


def test_a_team_database_goes_to_postgresql_and_back_unchanged(tmp_path, rubric, postgres):
    original = str(tmp_path / "team.sqlite3")
    db = open_database(original)
    accounts = Accounts(db)
    users = {n: accounts.add(n, r, "a-long-password") for n, r in
             (("tess", Role.TRAINER), ("alice", Role.TRAINEE), ("bob", Role.TRAINEE))}
    accounts.open_session(users["alice"].id, "a-login-token", hours=12)
    service = Coach(Settings(database=original), rubric, load_personas()[0], db)
    ids = asyncio.run(_team_history(service, users))
    before = _everything(original)
    assert {t: len(rows) for t, rows in before.items() if t in ("turns", "reviews", "persona_versions")} == \
        {"turns": 5, "reviews": 2, "persona_versions": 2}
    assert {r[3] for r in before["turns"]} == {"done", "retired", "pending"}

    server = postgres.new_database()
    there = run_coach("db", "copy", original, server)
    assert there.returncode == 0, there.stderr
    assert "turns: 5 rows copied, 5 in the target; every row's checksum matches" in there.stdout
    back = str(tmp_path / "back.sqlite3")
    again = run_coach("db", "copy", server, back)
    assert again.returncode == 0, again.stderr
    assert _everything(server) == before
    assert _everything(back) == before

    on_server = open_database(server)  # and the copy works as a team store: reads, writes, new ids
    try:
        store = Store(on_server, rubric)
        assert [t.reply for t in store.get(ids[0]).turns] == \
            [t.reply for t in Store(open_database(original), rubric).get(ids[0]).turns]
        service_there = Coach(Settings(database=server), rubric, load_personas()[0], on_server)
        assert service_there.personas["fifty-dollar-lawsuit"].customer_name == "Gary Thompson"
        asyncio.run(service_there.review(users["tess"], ids[1], 0, "no_yes_but", "pass", "Fine."))
        with on_server.connect(write=True) as con:
            assert con.execute("SELECT max(id) FROM reviews").fetchone()[0] == 3
            con.execute("UPDATE turns SET reply = reply || '.' WHERE conversation_id = ? AND idx = 0", (ids[1],))
        report = verify(open_database(original), on_server)  # the check sees a changed turn and a new review
        differing = {t.table: t.differing for t in report.tables if not t.ok}
        assert differing == {"turns": [f'["{ids[1]}", 0, 0]'], "reviews": ["[3]"], "conversations": [f'["{ids[1]}"]']}
    finally:
        on_server.close()


def test_a_copy_never_merges_into_a_database_that_holds_data(tmp_path, postgres):
    source = tmp_path / "a.sqlite3"
    Accounts(open_database(source)).add("alice", "trainee", "a-long-password")
    server = postgres.new_database()
    Accounts(open_database(server)).add("bob", "trainee", "a-long-password")
    refused = run_coach("db", "copy", str(source), server)
    assert refused.returncode == 2 and "already holds data (users" in refused.stderr
    assert [u.name for u in Accounts(open_database(server)).list()] == ["bob"]
    missing = run_coach("db", "copy", str(tmp_path / "nothing-here.sqlite3"), server)
    assert missing.returncode == 2 and "no database at" in missing.stderr
    assert not (tmp_path / "nothing-here.sqlite3").exists()
