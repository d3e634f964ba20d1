"""Conversations kept in SQLite (WAL), saved after every turn, so nothing is lost on a
reload or a server restart. Each row is owned by the browser session that started it;
the owner column is where user accounts would plug in later.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from coach.practice import Conversation
from coach.rubric import Rubric
from coach.scorecard import scorecard

SCHEMA = """
CREATE TABLE IF NOT EXISTS conversations (
    id TEXT PRIMARY KEY,
    owner TEXT,
    persona_id TEXT NOT NULL,
    persona_name TEXT NOT NULL,
    customer_name TEXT NOT NULL,
    language TEXT NOT NULL,
    started_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    ended_at TEXT,
    outcome TEXT,
    turns INTEGER NOT NULL,
    score REAL,
    data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS conversations_owner ON conversations(owner, started_at);
CREATE INDEX IF NOT EXISTS conversations_persona ON conversations(persona_id, started_at);
"""


@dataclass(frozen=True)
class Summary:
    id: str
    owner: str | None
    persona_id: str
    persona_name: str
    customer_name: str
    language: str
    started_at: str
    outcome: str | None
    turns: int
    score: float | None


class Store:
    def __init__(self, path: str | Path, rubric: Rubric):
        self.path = Path(path)
        self.rubric = rubric
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        with self._connect() as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(SCHEMA)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=30)
        try:
            db.execute("PRAGMA synchronous=NORMAL")
            yield db
            db.commit()
        finally:
            db.close()

    def save(self, conversation: Conversation) -> None:
        card = scorecard(conversation, self.rubric)
        row = (conversation.id, conversation.owner, conversation.persona_id, conversation.persona_name,
               conversation.customer_name, conversation.language, conversation.started_at.isoformat(),
               datetime.now().astimezone().isoformat(),
               conversation.ended_at.isoformat() if conversation.ended_at else None,
               conversation.end.value if conversation.end else None, len(conversation.turns), card.score,
               conversation.model_dump_json())
        with self._lock, self._connect() as db:
            db.execute("INSERT OR REPLACE INTO conversations VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", row)

    def get(self, conversation_id: str) -> Conversation | None:
        with self._connect() as db:
            row = db.execute("SELECT data FROM conversations WHERE id = ?", (conversation_id,)).fetchone()
        return Conversation.model_validate_json(row[0]) if row else None

    def active(self, owner: str) -> Conversation | None:
        """The owner's latest unfinished conversation, to resume after a reload or restart."""
        with self._connect() as db:
            row = db.execute("SELECT data FROM conversations WHERE owner = ? AND outcome IS NULL "
                             "ORDER BY updated_at DESC LIMIT 1", (owner,)).fetchone()
        return Conversation.model_validate_json(row[0]) if row else None

    def list(self, *, owner: str | None = None, persona_id: str | None = None, since: str | None = None,
             until: str | None = None, min_score: float | None = None, max_score: float | None = None,
             limit: int = 500) -> list[Summary]:
        where, args = [], []
        for clause, value in (("owner = ?", owner), ("persona_id = ?", persona_id),
                              ("substr(started_at, 1, 10) >= ?", since), ("substr(started_at, 1, 10) <= ?", until),
                              ("score >= ?", min_score), ("score <= ?", max_score)):
            if value not in (None, ""):
                where.append(clause)
                args.append(value)
        sql = ("SELECT id, owner, persona_id, persona_name, customer_name, language, started_at, outcome, turns, score "
               "FROM conversations" + (" WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY started_at DESC LIMIT ?")
        with self._connect() as db:
            rows = db.execute(sql, (*args, limit)).fetchall()
        return [Summary(*row) for row in rows]
