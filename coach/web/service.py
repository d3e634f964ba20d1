"""What the page and its API do, for whoever is asking: one place for every access check.

Every method takes the `User` the server decided is asking (never an id the client sent) and
checks what their role allows: trainees see and continue only their own conversations;
trainers and admins see everyone's; only admins manage users. A conversation's owner is the
user who started it.

Conversations are read from the store (a small cache skips the read when the saved version
has not moved); turns of one conversation run one at a time under a lock that is freed as
soon as nobody holds it. Database work runs off the event loop.
"""

from __future__ import annotations

import asyncio
import hashlib
import re
import time
import weakref
from collections import OrderedDict
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path

from coach.accounts import LOCAL, Accounts, Role, User
from coach.assignments import Assigned, Assignment, Assignments, Status, Team
from coach.datafile import read_text
from coach.db import Database
from coach.engines import make_grader
from coach.errors import DataFileError, DataFileErrors, Refusal
from coach.grades import LABELS, Grade, Verdict
from coach.harness import Report, rehearse
from coach.persona_versions import PUBLISHED, PersonaVersion, PersonaVersions, validate
from coach.personas import Persona
from coach.practice import Conversation, Mode, Practice, TurnConflict, end_conversation, start_practice
from coach.progress import Progress, progress
from coach.reviews import MAX_COMMENT, Agreement, agreement, new_review
from coach.rubric import Rubric
from coach.settings import Settings
from coach.speech.engine import Speech
from coach.speech.features import SpokenReply, measure
from coach.speech.speak import Style
from coach.store import Store, Summary
from coach.textclean import MAX_REPLY_CHARS, clean_reply, clean_text
from coach.transcript import audio_name, transcript_json, transcript_markdown
from coach.usernames import name_key
from coach.web.exports import Exports

CACHE_SIZE = 256  # live conversations kept parsed in memory; the store is the truth
IDLE_S = 15 * 60  # a conversation untouched this long is read again from the store when it goes on


TURN_KEY = re.compile(r"^[A-Za-z0-9_-]{8,64}$")


def turn_key_of(value: object) -> str | None:
    """A client's turn key as given (8 to 64 letters, digits, `-` or `_`); None when none was given."""
    if value is None or value == "":
        return None
    if not isinstance(value, str) or not TURN_KEY.match(value):
        raise Refusal("error.bad_turn_key")
    return value


class Forbidden(Refusal):
    """The person asking may not do this."""


class NotFound(Refusal):
    """No such conversation (said the same way whoever owns it)."""


_ORDER = {"easy": 0, "medium": 1, "hard": 2}


class Coach:
    def __init__(self, settings: Settings, rubric: Rubric, personas: list[Persona], db: Database):
        self.settings = settings
        self.rubric = rubric
        self.file_personas = {p.id: p for p in personas}
        try:
            self.persona_files = settings.persona_folders().files()  # what the editor starts from
        except DataFileError:
            self.persona_files = {}
        self.persona_versions = PersonaVersions(db, rubric)
        self._personas: dict[str, Persona] = {}
        self._persona_version: dict[str, int] = {}  # the published version of each page-edited persona
        self._published = db.watch(PUBLISHED)  # publishing in any process reaches this one
        self.refresh_personas()
        self.store = Store(db, rubric)
        self.accounts = Accounts(db)
        self.assignments = Assignments(db)
        self.grader = make_grader(settings, rubric=rubric)  # one grader and model client for everyone
        self._cache: OrderedDict[str, tuple[int | None, Conversation, float]] = OrderedDict()
        self._locks: weakref.WeakValueDictionary[str, asyncio.Lock] = weakref.WeakValueDictionary()
        self.exports = Exports()
        self.speech = Speech(settings)  # calls: the engines load on first use (warm_speech loads them early)
        self._last_recording: dict[str, str] = {}  # conversation -> the last recording heard (its SHA-256)

    def warm_speech(self) -> None:
        """Load the transcription model before the first call (a few seconds, once)."""
        if self.speech.remote_transcriber is None:
            self.speech.whisper.warm_up()

    def warm(self) -> None:
        """Load what the first turn in each language would otherwise load (lexicons, compiled
        patterns): at start, not in a trainee's turn, where it stalls every other request."""
        from coach.offline import OfflineGrader
        from coach.offline.lexicon import available

        offline = OfflineGrader(self.rubric)
        for lang in available():
            offline.grade("Thank you for waiting, I am sorry. I will check it now and call you back today.",
                          lang=lang, customer_name="Dana")
        if self.settings.use_llm:  # the token counter's encoding (a 0.3 s load) for the prompts' budget
            from coach.llm.tokens import count_text

            count_text("warm", self.settings.judge_model)
            count_text("warm", self.settings.customer_model)

    # -- personas ---------------------------------------------------------------------------
    @property
    def personas(self) -> dict[str, Persona]:
        """Every persona trainees can meet, as published now in any process."""
        if self._published.stale():
            self.refresh_personas()
        return self._personas

    @property
    def persona_version(self) -> dict[str, int]:
        if self._published.stale():
            self.refresh_personas()
        return self._persona_version

    def refresh_personas(self) -> None:
        """Files, with the latest published page-edited versions in place of (or beside) them."""
        published = self.persona_versions.published()
        merged = {**self.file_personas, **{pid: persona for pid, (_, persona) in published.items()}}
        self._personas = dict(sorted(merged.items(), key=lambda kv: (_ORDER[kv[1].difficulty.value],
                                                                      kv[1].display_name)))
        self._persona_version = {pid: version for pid, (version, _) in published.items()}

    def played_with(self, c: Conversation) -> Persona:
        """The persona a conversation was played with: its recorded version, else the current one."""
        if c.persona_version is not None:
            persona = self.persona_versions.persona(c.persona_id, c.persona_version)
            if persona is not None:
                return persona
        persona = self.personas.get(c.persona_id)
        if persona is None:
            raise Refusal("error.persona_gone", persona=c.persona_id)
        return persona

    def persona(self, persona_id: str) -> Persona:
        persona = self.personas.get(str(persona_id))
        if persona is None:
            raise Refusal("error.unknown_persona", persona=clean_text(persona_id)[:80])
        return persona

    # -- reading conversations ----------------------------------------------------------------
    def _remember(self, c: Conversation, reviewed: int | None = None) -> Conversation:
        """Keep the parsed copy of a live conversation with the review count it was read with (None:
        unknown, read again). Finished conversations and those idle for IDLE_S are let go: memory
        follows the conversations going on, not those the process has ever served."""
        now = time.monotonic()
        if c.finished:
            self._cache.pop(c.id, None)
        else:
            self._cache[c.id] = (reviewed, c, now)
            self._cache.move_to_end(c.id)
        while self._cache and (len(self._cache) > CACHE_SIZE or next(iter(self._cache.values()))[2] < now - IDLE_S):
            self._cache.popitem(last=False)
        return c

    async def _load(self, conversation_id: str) -> Conversation:
        """The saved conversation; the parsed copy in the cache when its version and its reviews are
        current (another process may have saved a turn or a review since).
        (The cache is touched on the event loop only; the reads run in worker threads.)"""
        if self.store.db.reads_inline:  # a hand-off to a thread costs more than this read
            stamp = self.store.version(conversation_id)
        else:
            stamp = await asyncio.to_thread(self.store.version, conversation_id)
        if stamp is None:
            raise NotFound("error.no_conversation")
        version, reviewed = stamp
        cached = self._cache.get(conversation_id)
        if cached is not None and cached[1].version == version and cached[0] == reviewed:
            return self._remember(cached[1], reviewed)
        c = await asyncio.to_thread(self.store.get, conversation_id)  # read after the stamp: at least as new
        if c is None:
            raise NotFound("error.no_conversation")
        return self._remember(c, reviewed)

    def _check(self, user: User, c: Conversation, *, write: bool) -> Conversation:
        if c.owner == user.id or (not write and user.role.reviews):
            return c
        raise Forbidden("error.not_yours")

    async def conversation(self, user: User, conversation_id: str, *, write: bool = False) -> Conversation:
        c = await self._load(str(conversation_id or ""))
        return self._check(user, c, write=write)

    async def latest(self, user: User) -> Conversation | None:
        """The user's most recent conversation, finished or not: what a reload or restart shows."""
        cid = await asyncio.to_thread(self.store.latest_id, user.id)
        return await self.conversation(user, cid) if cid else None

    def practice(self, c: Conversation) -> Practice:
        return start_practice(self.played_with(c), settings=self.settings, rubric=self.rubric, conversation=c,
                              grader=self.grader, log=self.store)

    # -- writing ------------------------------------------------------------------------------
    async def start(self, user: User, persona_id: str, mode: Mode = "practice",
                    draft: int | None = None, language: str | None = None) -> Conversation:
        """A new conversation; `draft`: a page-edited version not yet published (trainers previewing it)."""
        if draft is not None:
            require_reviewer(user)
            persona = self.persona_versions.persona(str(persona_id), int(draft))
            if persona is None:
                raise Refusal("error.unknown_persona", persona=clean_text(str(persona_id))[:80])
            version: int | None = int(draft)
        else:
            persona = self.persona(persona_id)
            version = self.persona_version.get(persona.id)
        if mode not in ("practice", "exam"):
            raise Refusal("error.unknown_mode", mode=clean_text(mode)[:20])
        address = self.settings.address if user.id == LOCAL.id else user.address
        practice = start_practice(persona, settings=self.settings, rubric=self.rubric, grader=self.grader,
                                  owner=user.id, mode=mode, seed=int(time.time()) % 100_000, address=address)
        practice.conversation.persona_version = version
        practice.conversation.preview = draft is not None and version != self.persona_version.get(persona.id)
        practice.conversation.trainee_language = language
        practice.conversation.trainee_name = user.spoken_name  # the grader knows whose name the trainee may give
        await asyncio.to_thread(self.store.create, practice.conversation)
        for earlier in [cid for cid, (_, c, _) in self._cache.items() if c.owner == user.id]:
            del self._cache[earlier]  # left for the new one: no longer live (read again should it go on)
        return self._remember(practice.conversation, 0)

    def _lock(self, conversation_id: str) -> asyncio.Lock:
        lock = self._locks.get(conversation_id)
        if lock is None:
            lock = asyncio.Lock()
            self._locks[conversation_id] = lock
        return lock

    async def turn_stream(self, user: User, conversation_id: str, reply: object, retry: int | None = None, *,
                          spoken: SpokenReply | None = None, recording: bytes | None = None,
                          voice: bool = False, turn_key: object = None) -> AsyncIterator[tuple[str, object]]:
        """The turn's events (see Practice.turn_stream), for the conversation's owner only. On a call
        (`voice`), the customer's line is also spoken: ("voice", (sentence, WAV)) for each sentence
        as soon as it is said, and ("speech_notice", Notice) when an engine had to stand in.

        `turn_key`: the client's key for this send (the page makes one per reply sent). A send
        repeated with the same key (the answer was lost: a dropped connection, a server restart)
        gets the turn the first one stored, ("customer", text) and ("turn", record), and adds none."""
        text = clean_reply(reply, MAX_REPLY_CHARS)
        key = turn_key_of(turn_key)
        lock = self._lock(str(conversation_id))
        async with lock:
            c = await self.conversation(user, conversation_id, write=True)
            if key is not None:
                stored = await asyncio.to_thread(self.store.keyed_turn, c.id, key)
                if stored is not None:
                    yield "customer", stored.customer
                    yield "turn", stored
                    return
            if retry is not None and c.mode == "exam":
                raise Forbidden("error.exam_no_retry")
            mood = c.mood
            said: list[bytes] = []
            try:
                async for kind, value in self.practice(c).turn_stream(text, retry=retry, spoken=spoken, turn_key=key):
                    if kind == "mood":
                        mood = value.after  # type: ignore[attr-defined]
                    if kind == "turn" and self.settings.keep_audio and (recording or said):
                        await asyncio.to_thread(self._keep, c.id, value, recording, said)
                    yield kind, value
                    if kind == "customer" and voice:
                        async for event in self._say(str(value), Style(mood=mood, lang=c.language)):
                            if event[0] == "voice":
                                said.append(event[1][1])  # type: ignore[index]
                            yield event
            except TurnConflict:
                self._cache.pop(c.id, None)
                raise

    def _keep(self, conversation_id: str, record, recording: bytes | None, said: list[bytes]) -> None:
        if recording:
            self.store.keep_audio(conversation_id, record.index, record.attempt, "trainee", 0, recording)
        for part, wav in enumerate(said):
            self.store.keep_audio(conversation_id, record.index, record.attempt, "customer", part, wav)

    async def _say(self, text: str, style: Style) -> AsyncIterator[tuple[str, object]]:
        """The customer's line, spoken sentence by sentence off the event loop; each sentence is sent
        as soon as it is ready, the next one synthesized meanwhile."""
        told: set[str] = set()
        pieces = self.speech.say(text, style)
        while True:
            piece = await asyncio.to_thread(next, pieces, None)
            if piece is None:
                return
            sentence, wav, notices = piece
            for n in notices:
                if n.kind.value not in told:  # one notice per kind and turn
                    told.add(n.kind.value)
                    yield "speech_notice", n
            if wav is not None:
                yield "voice", (sentence, wav)

    async def spoken_turn_stream(self, user: User, conversation_id: str, recording: str | bytes,
                                 retry: int | None = None) -> AsyncIterator[tuple[str, object]]:
        """A reply spoken on a call: heard (("heard", Transcript) first), then the turn as for a typed
        reply, with the customer's line spoken back. The recording is kept only with `keep_audio`."""
        c = await self.conversation(user, conversation_id, write=True)  # whose it is, before any work
        if c.finished and retry is None:
            raise Refusal("error.ended")
        digest = hashlib.sha256(recording if isinstance(recording, bytes) else Path(recording).read_bytes()).hexdigest()
        if self._last_recording.get(c.id) == digest:
            return  # the same recording sent again (a page that fired twice): one turn, not two
        self._last_recording[c.id] = digest
        while len(self._last_recording) > CACHE_SIZE:
            self._last_recording.pop(next(iter(self._last_recording)))
        heard = await asyncio.to_thread(self.speech.hear, recording, c.language)
        features = await asyncio.to_thread(measure, heard.transcript, heard.samples)
        yield "heard", heard.transcript
        for n in heard.notices:
            yield "speech_notice", n
        kept = None
        if self.settings.keep_audio:
            from coach.speech.audio import wav_bytes

            kept = wav_bytes(heard.samples)  # 16 kHz mono: what was graded, at a third of a browser's size
        spoken = SpokenReply(transcript=heard.transcript, features=features, kept=kept is not None)
        async for event in self.turn_stream(user, conversation_id, heard.transcript.text, retry, spoken=spoken,
                                            recording=kept, voice=True):
            yield event

    async def opening_voice(self, user: User, conversation_id: str) -> AsyncIterator[tuple[str, object]]:
        """The customer's opening line, spoken (a call starting before the first reply)."""
        c = await self.conversation(user, conversation_id)
        async for event in self._say(c.opening, Style(mood=c.mood_start, lang=c.language)):
            yield event

    async def hint(self, user: User, conversation_id: str, draft: str, retry: int | None = None) -> Grade | None:
        """The offline grade of a reply being typed, for its owner, in practice mode only (an exam
        gives no hints); None when there is nothing to hint on."""
        c = await self.conversation(user, conversation_id)
        if c.owner != user.id or c.mode != "practice" or (c.finished and retry is None):
            return None
        text = clean_text(str(draft or "")[:MAX_REPLY_CHARS]).strip()  # a hint never refuses
        if not text:
            return None
        return self.practice(c).draft(text, retry=retry)

    # -- personas edited in the page (trainers and admins) -------------------------------------------
    async def persona_text(self, user: User, persona_id: str) -> str:
        """What to edit: the persona's latest page version (draft or published), else its file."""
        return (await self.persona_draft(user, persona_id))[0]

    async def persona_draft(self, user: User, persona_id: str) -> tuple[str, int]:
        """(text, version) to edit: the latest page version, else the file (version 0). A save names
        that version as its base."""
        require_reviewer(user)
        history = await asyncio.to_thread(self.persona_versions.history, str(persona_id))
        if history:
            return self.persona_versions.text(history[0].persona_id, history[0].version) or "", history[0].version
        source = self.persona_files.get(str(persona_id))
        if source is None:
            raise Refusal("error.unknown_persona", persona=clean_text(str(persona_id))[:80])
        return read_text(source), 0

    async def check_persona(self, user: User, text: str) -> list[str]:
        """Every problem with a persona being written, as file:line: field messages."""
        require_reviewer(user)
        problems = await asyncio.to_thread(validate, str(text or ""), self.rubric)  # never on the event loop
        return [str(e) for e in problems[1]]

    async def save_persona(self, user: User, text: str, base: object = None) -> PersonaVersion:
        """Save a draft on top of `base`, the [persona id, version] the editor started from ([None, 0]:
        a new persona); refused when someone else saved that persona since. None: no check."""
        require_reviewer(user)
        started: tuple[str | None, int] | None = None
        if base is not None:
            if not (isinstance(base, list | tuple) and len(base) == 2 and isinstance(base[1], int)):
                raise Refusal("error.save_first")
            started = (str(base[0]) if base[0] else None, base[1])
        try:
            return await asyncio.to_thread(self.persona_versions.save, str(text or ""), user.name, None, started)
        except DataFileErrors as exc:
            raise Refusal("error.persona_problems", problem=str(exc.errors[0]), count=len(exc.errors) - 1) from None
        except DataFileError as exc:
            raise Refusal("error.persona_invalid", problem=str(exc)) from None

    async def rehearse_persona(self, user: User, persona_id: str, version: int) -> Report:
        """The persona test harness on a saved version, before trainees meet it."""
        require_reviewer(user)
        persona = self.persona_versions.persona(str(persona_id), int(version))
        if persona is None:
            raise Refusal("error.unknown_persona", persona=clean_text(str(persona_id))[:80])
        return await rehearse(persona, self.rubric, self.settings)

    async def publish_persona(self, user: User, persona_id: str, version: int,
                              on_screen: str | None = None) -> PersonaVersion:
        """Publish a saved version; `on_screen`: the editor's text, which must be what was saved."""
        require_reviewer(user)
        if on_screen is not None and on_screen != self.persona_versions.text(str(persona_id), int(version)):
            raise Refusal("error.unsaved")
        published = await asyncio.to_thread(self.persona_versions.publish, str(persona_id), int(version))
        if published is None:
            raise Refusal("error.unknown_persona", persona=clean_text(str(persona_id))[:80])
        self.refresh_personas()
        return published

    async def editable_personas(self, user: User) -> list[tuple[str, str]]:
        """Every persona a trainer can open in the editor: files, and page-edited ones (drafts too)."""
        require_reviewer(user)
        ids = {**{pid: p.display_name for pid, p in self.personas.items()},
               **{pid: pid for pid in await asyncio.to_thread(self.persona_versions.ids) if pid not in self.personas}}
        return sorted(((name, pid) for pid, name in ids.items()), key=lambda pair: pair[0].lower())

    async def persona_history(self, user: User, persona_id: str) -> list[PersonaVersion]:
        require_reviewer(user)
        return await asyncio.to_thread(self.persona_versions.history, str(persona_id))

    # -- teams and assignments ---------------------------------------------------------------------
    async def teams(self, user: User) -> list[Team]:
        require_reviewer(user)
        return await asyncio.to_thread(self.assignments.teams)

    async def save_team(self, user: User, name: object, member_names: list[str]) -> Team:
        require_reviewer(user)
        members = [self._user_named(str(n)) for n in member_names or []]
        return await asyncio.to_thread(self.assignments.save_team, clean_text(str(name or "")), [m.id for m in members])

    def _user_named(self, name: str) -> User:
        found = self.accounts.by_name(name)
        if found is None:
            raise Refusal("error.no_user", name=clean_text(name)[:64])
        return found

    async def assign(self, user: User, persona_id: str, mode: str, due: date | None, to: str) -> Assignment:
        """`to` is "user:NAME" or "team:NAME"."""
        require_reviewer(user)
        persona = self.persona(persona_id)
        if mode not in ("practice", "exam"):
            raise Refusal("error.unknown_mode", mode=clean_text(str(mode))[:20])
        if due is not None and due < date.today():  # nobody can do it by a day that has gone
            raise Refusal("error.due_past", value=due.isoformat())
        kind, _, name = str(to or "").partition(":")
        if kind == "user":
            return await asyncio.to_thread(self.assignments.assign, persona_id=persona.id, mode=mode, due=due, by=user,
                                           user_id=self._user_named(name).id)
        team = next((t for t in self.assignments.teams() if t.name.lower() == name.lower()), None) if kind == "team" else None
        if team is None:
            raise Refusal("error.assign_to")
        return await asyncio.to_thread(self.assignments.assign, persona_id=persona.id, mode=mode, due=due, by=user,
                                       team_id=team.id)

    async def assignment_progress(self, user: User) -> list[tuple[Assignment, int, int]]:
        """Every assignment with how many of its trainees have done it, of how many."""
        require_reviewer(user)

        def count() -> list[tuple[Assignment, int, int]]:
            out = []
            members = self.assignments.members()
            for a in self.assignments.all():
                people = self.assignments.assignees(a, members)
                done = sum(self.assignments.status(a, p).status is Status.DONE for p in people)
                out.append((a, done, len(people)))
            return out
        return await asyncio.to_thread(count)

    async def progress(self, user: User, *, team: str | None = None, persona_id: str | None = None,
                       since: str | None = None, until: str | None = None) -> Progress:
        """Pass rates per trainee and criterion, by week, and the latest attempts (trainers and admins)."""
        require_reviewer(user)

        def compute() -> Progress:
            owners = None
            if team:
                found = next((t for t in self.assignments.teams() if t.name.lower() == team.lower()), None)
                if found is None:
                    raise Refusal("error.assign_to")
                owners = set(found.members)
            summaries = self.store.list(persona_id=persona_id, since=since, until=until, limit=2000)
            trainees = {u.id for u in self.accounts.list() if u.role is Role.TRAINEE}
            conversations = [c for s in summaries
                             if (owners is None or s.owner in owners) and (not trainees or s.owner in trainees)
                             if (c := self.store.get(s.id)) is not None]  # trainers' previews are not progress
            return progress(conversations, self.user_names(), self.rubric)
        return await asyncio.to_thread(compute)

    async def my_assignments(self, user: User) -> list[Assigned]:
        return await asyncio.to_thread(self.assignments.for_user, user)

    # -- trainers' reviews -----------------------------------------------------------------------
    async def review(self, user: User, conversation_id: str, turn: int, criterion: str, verdict: object,
                     comment: object) -> Conversation:
        """A trainer corrects (or confirms) one criterion of one turn, with a comment the trainee sees."""
        require_reviewer(user)
        c = await self.conversation(user, conversation_id)
        if not isinstance(turn, int) or not 0 <= turn < len(c.turns):
            raise Refusal("error.no_turn", turn=turn + 1 if isinstance(turn, int) else "?")
        if criterion not in self.rubric.ids:
            raise Refusal("error.unknown_criterion", criterion=clean_text(str(criterion))[:40])
        text = clean_text(str(comment or "")).strip()
        if not text:
            raise Refusal("error.comment_needed")
        if len(text) > MAX_COMMENT:
            raise Refusal("error.comment_too_long", limit=MAX_COMMENT)
        review = new_review(c, c.turns[turn], criterion, _verdict(verdict), text, user.name)
        self._cache.pop(c.id, None)
        updated = await asyncio.to_thread(self.store.review, review)
        if updated is None:
            raise NotFound("error.no_conversation")
        return self._remember(updated)

    async def agreement(self, user: User) -> list[Agreement]:
        require_reviewer(user)
        return agreement(await asyncio.to_thread(self.store.reviews.all))

    async def end(self, user: User, conversation_id: str) -> Conversation:
        async with self._lock(str(conversation_id)):
            c = await self.conversation(user, conversation_id, write=True)
            if not c.finished:
                ended = c.model_copy(deep=True)
                end_conversation(ended)
                try:
                    await asyncio.to_thread(self.store.save_header, ended)
                except TurnConflict:
                    self._cache.pop(c.id, None)
                    raise
                c = self._remember(ended)
            return c

    # -- lists ----------------------------------------------------------------------------------
    async def my_sessions(self, user: User) -> list[Summary]:
        """The caller's own conversations, their draft previews included (marked as such)."""
        return await asyncio.to_thread(self.store.list, owner=user.id, previews=True)

    async def all_sessions(self, user: User, **filters) -> list[Summary]:
        require_reviewer(user)
        return await asyncio.to_thread(self.store.list, **filters)

    def user_names(self) -> dict[str, str]:
        """Account id -> name, for showing whose a conversation is."""
        return {u.id: u.name for u in self.accounts.list()} | {"local": "local"}

    # -- downloads ----------------------------------------------------------------------------
    async def export(self, user: User, conversation_id: str, fmt: str, lang: str = "en") -> Path:
        """A transcript file for the person asking (see `Exports`: nothing to guess)."""
        c = await self.conversation(user, conversation_id)
        text = transcript_json(c, self.rubric) if fmt == "json" else transcript_markdown(c, self.rubric, lang)
        name = f"coach-{c.persona_id}-{c.started_at:%Y%m%d-%H%M}.{'json' if fmt == 'json' else 'md'}"
        return await asyncio.to_thread(self.exports.write, user.id, name, text)

    async def export_audio(self, user: User, conversation_id: str, lang: str = "en") -> Path | None:
        """The kept audio of a conversation as one ZIP with its transcripts; None when none was kept."""
        import zipfile

        c = await self.conversation(user, conversation_id)
        pieces = await asyncio.to_thread(self.store.audio, c.id)
        if not pieces:
            return None
        path = self.exports.fresh(user.id) / f"coach-{c.persona_id}-{c.started_at:%Y%m%d-%H%M}-audio.zip"
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as z:
            z.writestr("transcript.json", transcript_json(c, self.rubric))
            z.writestr("transcript.md", transcript_markdown(c, self.rubric, lang))
            for index, attempt, role, part, wav in pieces:
                z.writestr(audio_name(index, attempt, role, part), wav)
        return path

    async def write_export(self, user: User, name: str, text: str) -> Path:
        """A trainer's export (CSV) written for this request."""
        require_reviewer(user)
        return await asyncio.to_thread(self.exports.write, user.id, name, text)

    def close(self) -> None:
        """The server is stopping: its download files go."""
        self.exports.close()

    # -- accounts (admins) ------------------------------------------------------------------------
    async def people(self, user: User) -> list[User]:
        """Everyone's name and role, for trainers building teams and assigning practice."""
        require_reviewer(user)
        return await asyncio.to_thread(self.accounts.list)

    async def users(self, user: User) -> list[User]:
        require_admin(user)
        return await asyncio.to_thread(self.accounts.list)

    async def add_user(self, user: User, name: str, role: str, password: str) -> User:
        require_admin(user)
        return await asyncio.to_thread(self.accounts.add, clean_text(name), _role(role), password)

    async def set_role(self, user: User, name: str, role: str) -> None:
        require_admin(user)
        await asyncio.to_thread(self.accounts.set_role, clean_text(name), _role(role))

    async def set_password(self, user: User, name: str, password: str) -> None:
        require_admin(user)
        await asyncio.to_thread(self.accounts.set_password, clean_text(name), password)

    async def set_address(self, user: User, name: str, address: str) -> User:
        """How customers address someone: an admin sets anyone's, everyone else only their own."""
        if clean_text(name).strip().casefold() != user.name.casefold():
            require_admin(user)
        return await asyncio.to_thread(self.accounts.set_address, clean_text(name), clean_text(str(address)))

    async def remove_user(self, user: User, name: str) -> None:
        require_admin(user)
        if name_key(clean_text(name)) == name_key(user.name):
            raise Refusal("error.remove_self")
        await asyncio.to_thread(self.accounts.remove, clean_text(name))


def _role(value: str) -> Role:
    try:
        return Role(str(value))
    except ValueError:
        raise Refusal("error.unknown_role", role=clean_text(value)[:20]) from None


def _verdict(value: object) -> Verdict:
    """A trainer's verdict: pass, fail or n/a ("unjudged" is only ever the grader's)."""
    try:
        verdict = Verdict(str(value))
    except ValueError:
        verdict = None
    if verdict not in LABELS:
        raise Refusal("error.unknown_verdict", verdict=clean_text(str(value))[:10])
    return verdict


def require_reviewer(user: User) -> None:
    if not user.role.reviews:
        raise Forbidden("error.trainers_only")


def require_admin(user: User) -> None:
    if user.role is not Role.ADMIN:
        raise Forbidden("error.admins_only")
