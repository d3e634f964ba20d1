"""Live practice sessions for the page: who owns what, resuming from the store, one turn at a time.

A browser session is identified by an id kept in the browser (localStorage); every
conversation records its owner, and only the owner may continue or download it. User
accounts would replace that id with a user id here and nowhere else.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict

from coach.engines import make_grader
from coach.errors import CoachError
from coach.personas import Persona
from coach.practice import Conversation, Practice, start_practice
from coach.rubric import Rubric
from coach.settings import Settings
from coach.store import Store

LIVE_LIMIT = 500  # conversations kept in memory; older ones are rebuilt from the store on demand


class NotYours(CoachError):
    """The conversation belongs to another browser session."""


class Sessions:
    def __init__(self, settings: Settings, store: Store, rubric: Rubric, personas: list[Persona]):
        self.settings = settings
        self.store = store
        self.rubric = rubric
        self.personas = {p.id: p for p in personas}
        self.grader = make_grader(settings, rubric=rubric)  # one grader and model client for every session
        self._live: OrderedDict[str, Practice] = OrderedDict()
        self._locks: dict[str, asyncio.Lock] = {}

    def persona(self, persona_id: str) -> Persona:
        try:
            return self.personas[persona_id]
        except KeyError:
            raise CoachError(f"unknown customer '{persona_id}'") from None

    def _keep(self, practice: Practice) -> Practice:
        self._live[practice.conversation.id] = practice
        self._live.move_to_end(practice.conversation.id)
        while len(self._live) > LIVE_LIMIT:
            self._live.popitem(last=False)
        return practice

    def start(self, owner: str, persona_id: str, seed: int = 0) -> Practice:
        """A new conversation; the owner's unfinished one, if any, is ended (it stays in their list)."""
        previous = self.active(owner)
        if previous is not None:
            previous.end()
        practice = start_practice(self.persona(persona_id), settings=self.settings, rubric=self.rubric,
                                  save=self.store.save, seed=seed, owner=owner, grader=self.grader)
        return self._keep(practice)

    def _resume(self, conversation: Conversation) -> Practice:
        persona = self.personas.get(conversation.persona_id)
        if persona is None:
            raise CoachError(f"the customer '{conversation.persona_id}' of this conversation no longer exists")
        practice = start_practice(persona, settings=self.settings, rubric=self.rubric, save=self.store.save,
                                  seed=conversation.seed, owner=conversation.owner, conversation=conversation,
                                  grader=self.grader)
        return self._keep(practice)

    def get(self, owner: str, conversation_id: str) -> Practice:
        practice = self._live.get(conversation_id)
        if practice is None:
            conversation = self.store.get(conversation_id)
            if conversation is None:
                raise CoachError("that conversation does not exist")
            if conversation.owner != owner:
                raise NotYours("that conversation belongs to another session")
            practice = self._resume(conversation)
        if practice.conversation.owner != owner:
            raise NotYours("that conversation belongs to another session")
        return practice

    def active(self, owner: str) -> Practice | None:
        conversation = self.store.active(owner)
        if conversation is None:
            return None
        live = self._live.get(conversation.id)
        return live if live is not None else self._resume(conversation)

    def lock(self, conversation_id: str) -> asyncio.Lock:
        """Turns of one conversation run one after another, even if the page sends two at once."""
        return self._locks.setdefault(conversation_id, asyncio.Lock())

    def conversation_for_viewer(self, conversation_id: str) -> Conversation | None:
        """Read-only access for the trainers' view (no accounts yet: everyone may review)."""
        return self.store.get(conversation_id)

