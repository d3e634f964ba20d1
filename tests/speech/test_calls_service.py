"""Spoken turns through the page's service: who may speak into a conversation, what is kept, and
what the downloads carry."""

from __future__ import annotations

import asyncio
import io
import zipfile

import pytest

from coach.accounts import Accounts, Role
from coach.db import open_database
from coach.errors import Refusal
from coach.personas import load_personas
from coach.settings import Settings
from coach.testing.voices import synthesize
from coach.web.service import Coach

REPLY = "Hello Gary, my name is Sam. I understand how frustrating this is. Let me check the case for you right now."


def service(tmp_path, rubric, speech, **settings) -> tuple[Coach, dict]:
    db_path = tmp_path / "coach.sqlite3"
    personas, _ = load_personas()
    coach = Coach(Settings(database=str(db_path), engine="offline", **settings), rubric, personas, open_database(db_path))
    coach.speech.whisper = speech.whisper  # the model already loaded
    accounts = Accounts(coach.store.db)
    users = {name: accounts.add(name, Role.TRAINEE, "a-long-password") for name in ("alice", "bob")}
    return coach, users


async def events(stream) -> list[tuple[str, object]]:
    return [event async for event in stream]


def test_a_spoken_turn_is_heard_graded_and_answered_aloud_and_its_audio_is_not_kept(tmp_path, rubric, speech):
    coach, users = service(tmp_path, rubric, speech)
    c = asyncio.run(coach.start(users["alice"], "lawsuit-19-dollars"))
    got = asyncio.run(events(coach.spoken_turn_stream(users["alice"], c.id, synthesize(REPLY, "en", rate=140))))
    kinds = [k for k, _ in got]
    assert kinds[0] == "heard" and kinds.index("customer") < kinds.index("voice") < kinds.index("turn")
    turn = next(v for k, v in got if k == "turn")
    assert turn.voice is not None and not turn.voice.kept and "frustrating" in turn.reply  # type: ignore[attr-defined]
    assert coach.store.audio(c.id) == []
    assert asyncio.run(coach.export_audio(users["alice"], c.id)) is None
    # the same recording arriving twice (a page that fired twice) is one turn
    again = asyncio.run(events(coach.spoken_turn_stream(users["alice"], c.id, synthesize(REPLY, "en", rate=140))))
    assert again == [] and len(asyncio.run(coach.conversation(users["alice"], c.id)).turns) == 1


def test_nobody_speaks_into_someone_elses_conversation(tmp_path, rubric, speech):
    coach, users = service(tmp_path, rubric, speech)
    c = asyncio.run(coach.start(users["alice"], "lawsuit-19-dollars"))
    with pytest.raises(Refusal):
        asyncio.run(events(coach.spoken_turn_stream(users["bob"], c.id, synthesize(REPLY, "en"))))


def test_with_keep_audio_the_recordings_and_the_customers_voice_come_with_the_download(tmp_path, rubric, speech):
    coach, users = service(tmp_path, rubric, speech, keep_audio=True)
    c = asyncio.run(coach.start(users["alice"], "lawsuit-19-dollars"))
    got = asyncio.run(events(coach.spoken_turn_stream(users["alice"], c.id, synthesize(REPLY, "en", rate=140))))
    said = [v for k, v in got if k == "voice"]
    turn = next(v for k, v in got if k == "turn")
    assert turn.voice.kept  # type: ignore[attr-defined]
    path = asyncio.run(coach.export_audio(users["alice"], c.id))
    assert path is not None
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        assert "transcript.json" in names and "transcript.md" in names and "turn-1-trainee.wav" in names
        assert sum(n.startswith("turn-1-customer-") for n in names) == len(said) >= 1
        assert z.read("turn-1-trainee.wav").startswith(b"RIFF")
        assert "turn-1-trainee.wav" in z.read("transcript.md").decode()
        assert zipfile.is_zipfile(io.BytesIO(path.read_bytes()))
    with pytest.raises(Refusal):
        asyncio.run(coach.export_audio(users["bob"], c.id))  # another trainee's audio is not theirs to take
