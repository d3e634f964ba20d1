"""Conversations in the database: a header row each, and every turn a row of its own.

A turn is written twice: as `pending` with the trainee's reply before grading starts (a
crash mid-turn loses nothing typed), then as `done` with its grade. Saving a turn writes only
that row and the conversation's summary, and checks the conversation's version: a write
based on an outdated copy (another tab, another server process) is refused, never merged
or overwritten. A retried turn retires the turns it replaces; they stay in the record.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from coach.db import Database, utcnow
from coach.practice import Conversation, TurnConflict, TurnRecord
from coach.reviews import Review, Reviews, apply
from coach.rubric import Rubric
from coach.scorecard import scorecard


@dataclass(frozen=True)
class Summary:
    id: str
    owner: str | None
    persona_id: str
    persona_name: str
    customer_name: str
    language: str
    mode: str
    started_at: str
    outcome: str | None
    turns: int
    score: float | None
    preview: bool = False  # a trainer's try of an unpublished draft


_SUMMARY = ("id, owner, persona_id, persona_name, customer_name, language, mode, started_at, outcome, turns, score, "
            "preview")


class Store:
    def __init__(self, db: Database, rubric: Rubric):
        self.db = db
        self.rubric = rubric
        self.reviews = Reviews(db)

    # -- writing ---------------------------------------------------------------------------
    def _summary(self, c: Conversation) -> dict[str, Any]:
        card = scorecard(c, self.rubric)
        return {"updated_at": utcnow(), "ended_at": c.ended_at.isoformat() if c.ended_at else None,
                "outcome": c.end.value if c.end else None, "turns": len(c.turns), "score": card.score}

    @staticmethod
    def _header(c: Conversation) -> str:
        return c.model_dump_json(exclude={"turns", "retired", "pending", "version"})

    def create(self, c: Conversation) -> None:
        s = self._summary(c)
        with self.db.connect(write=True) as db:
            db.execute("INSERT INTO conversations (id, owner, persona_id, persona_name, customer_name, language, mode, "
                       "started_at, updated_at, ended_at, outcome, turns, score, version, data, preview) "
                       "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,0,?,?)",
                       (c.id, c.owner, c.persona_id, c.persona_name, c.customer_name, c.language, c.mode,
                        c.started_at.isoformat(), s["updated_at"], s["ended_at"], s["outcome"], s["turns"],
                        s["score"], self._header(c), int(c.preview)))
        c.version = 0

    def begin(self, c: Conversation, index: int, attempt: int, reply: str, turn_key: str | None = None) -> str:
        """Save the reply as pending; a pending reply at the same place (a turn a crash cut
        short) is replaced, a graded one never is. `turn_key`: the client's key for the send
        (unique in the conversation: `keyed_turn` finds the turn it made)."""
        token = secrets.token_hex(8)
        at = utcnow()
        with self.db.connect(write=True) as db:
            if turn_key is not None:
                db.lock(f"turn-key:{c.id}")
                used = db.execute("SELECT status FROM turns WHERE conversation_id = ? AND turn_key = ?",
                                  (c.id, turn_key)).fetchall()
                if any(status != "pending" for (status,) in used):
                    raise TurnConflict()  # another process finished this send meanwhile
                db.execute("UPDATE turns SET turn_key = NULL WHERE conversation_id = ? AND turn_key = ?",
                           (c.id, turn_key))  # a pending row a crash left: this send takes its key over
            cursor = db.execute(
                "INSERT INTO turns (conversation_id, idx, attempt, status, reply, token, data, created_at, updated_at, "
                "turn_key) VALUES (?, ?, ?, 'pending', ?, ?, NULL, ?, ?, ?) "
                "ON CONFLICT (conversation_id, idx, attempt) DO UPDATE SET reply = excluded.reply, "
                "token = excluded.token, updated_at = excluded.updated_at, turn_key = excluded.turn_key "
                "WHERE turns.status = 'pending'",
                (c.id, index, attempt, reply, token, at, at, turn_key))
            if cursor.rowcount != 1:
                raise TurnConflict()
        return token

    def finish(self, c: Conversation, record: TurnRecord, token: str) -> None:
        """Save the graded turn, retire what a retry replaces, bump the version: all or nothing."""
        after = c.model_copy(deep=False)
        after.turns = [*c.turns[:record.index], record]
        after.end, after.ended_at = record.end, (record.at if record.end else None)
        s = self._summary(after)
        with self.db.connect(write=True) as db:
            updated = db.execute(
                "UPDATE conversations SET version = version + 1, updated_at = ?, ended_at = ?, outcome = ?, turns = ?, "
                "score = ?, data = ? WHERE id = ? AND version = ?",
                (s["updated_at"], s["ended_at"], s["outcome"], s["turns"], s["score"], self._header(after), c.id,
                 c.version))
            if updated.rowcount != 1:
                raise TurnConflict()
            db.execute("UPDATE turns SET status = 'retired', updated_at = ? WHERE conversation_id = ? AND idx >= ? "
                       "AND status = 'done'", (s["updated_at"], c.id, record.index))
            done = db.execute(
                "UPDATE turns SET status = 'done', data = ?, updated_at = ? WHERE conversation_id = ? AND idx = ? "
                "AND attempt = ? AND status = 'pending' AND token = ?",
                (record.model_dump_json(), s["updated_at"], c.id, record.index, record.attempt, token))
            if done.rowcount != 1:
                raise TurnConflict()
        c.version += 1

    def save_header(self, c: Conversation) -> None:
        """Save a change to the conversation itself (ended by the trainee), if nobody saved first."""
        s = self._summary(c)
        with self.db.connect(write=True) as db:
            updated = db.execute(
                "UPDATE conversations SET version = version + 1, updated_at = ?, ended_at = ?, outcome = ?, data = ? "
                "WHERE id = ? AND version = ?", (s["updated_at"], s["ended_at"], s["outcome"], self._header(c), c.id,
                                                 c.version))
            if updated.rowcount != 1:
                raise TurnConflict()
        c.version += 1

    def keep_audio(self, conversation_id: str, index: int, attempt: int, role: str, part: int, wav: bytes) -> None:
        """Keep one piece of a turn's audio: the trainee's recording (part 0) or a sentence the customer
        said (parts 0, 1, ...). Only called when the `keep_audio` setting is on."""
        with self.db.connect(write=True) as db:
            db.execute("INSERT INTO turn_audio (conversation_id, idx, attempt, role, part, data, created_at) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (conversation_id, idx, attempt, role, part) "
                       "DO UPDATE SET data = excluded.data, created_at = excluded.created_at",
                       (conversation_id, index, attempt, role, part, wav, utcnow()))

    def audio(self, conversation_id: str) -> list[tuple[int, int, str, int, bytes]]:
        """Every kept piece of a conversation's audio: (turn index, attempt, role, part, WAV)."""
        with self.db.connect() as db:
            rows = db.execute("SELECT idx, attempt, role, part, data FROM turn_audio WHERE conversation_id = ? "
                              "ORDER BY idx, attempt, role DESC, part", (conversation_id,)).fetchall()
        return [(int(i), int(a), str(r), int(p), bytes(d)) for i, a, r, p, d in rows]

    # -- reading ---------------------------------------------------------------------------
    def keyed_turn(self, conversation_id: str, turn_key: str) -> TurnRecord | None:
        """The graded turn a send with this client key made (a retried send gets it back), if any."""
        rows = self.db.query("SELECT data FROM turns WHERE conversation_id = ? AND turn_key = ? "
                             "AND status IN ('done', 'retired')", (conversation_id, turn_key))
        return TurnRecord.model_validate_json(rows[0][0]) if rows else None

    def version(self, conversation_id: str) -> tuple[int, int] | None:
        """(version, reviews laid over it): what a copy kept in memory must match to be current."""
        rows = self.db.query("SELECT version, reviewed FROM conversations WHERE id = ?", (conversation_id,))
        return (rows[0][0], rows[0][1]) if rows else None

    def get(self, conversation_id: str) -> Conversation | None:
        with self.db.connect() as db:
            row = db.execute("SELECT data, version FROM conversations WHERE id = ?", (conversation_id,)).fetchone()
            if row is None:
                return None
            turns = db.execute("SELECT idx, attempt, status, reply, data FROM turns WHERE conversation_id = ? "
                               "ORDER BY idx, attempt", (conversation_id,)).fetchall()
        return apply(_assemble(row[0], row[1], turns), self.reviews.of(conversation_id))

    def review(self, review: Review) -> Conversation | None:
        """Record a trainer's review and refresh the conversation's score. The version is left
        alone: a review must not turn a trainee's turn in flight into a conflict."""
        self.reviews.add(review)
        c = self.get(review.conversation_id)
        if c is not None:
            with self.db.connect(write=True) as db:
                db.execute("UPDATE conversations SET score = ?, reviewed = reviewed + 1 WHERE id = ?",
                           (scorecard(c, self.rubric).score, c.id))
        return c

    def owner_of(self, conversation_id: str) -> tuple[bool, str | None]:
        """(exists, owner) without reading the conversation."""
        rows = self.db.query("SELECT owner FROM conversations WHERE id = ?", (conversation_id,))
        return (bool(rows), rows[0][0] if rows else None)

    def active_id(self, owner: str) -> str | None:
        """The owner's latest unfinished conversation, to resume after a reload or restart."""
        with self.db.connect() as db:
            row = db.execute("SELECT id FROM conversations WHERE owner = ? AND outcome IS NULL "
                             "ORDER BY updated_at DESC LIMIT 1", (owner,)).fetchone()
        return row[0] if row else None

    def latest_id(self, owner: str) -> str | None:
        """The owner's most recently touched conversation, finished or not."""
        with self.db.connect() as db:
            row = db.execute("SELECT id FROM conversations WHERE owner = ? ORDER BY updated_at DESC LIMIT 1",
                             (owner,)).fetchone()
        return row[0] if row else None

    def list(self, *, owner: str | None = None, persona_id: str | None = None, since: str | None = None,
             until: str | None = None, min_score: float | None = None, max_score: float | None = None,
             limit: int = 500, previews: bool = False) -> list[Summary]:
        """Conversations, newest first; trainers' draft previews only when asked (`previews`: an
        owner's own list)."""
        where, args = ([] if previews else ["preview = 0"]), []
        for clause, value in (("owner = ?", owner), ("persona_id = ?", persona_id),
                              ("substr(started_at, 1, 10) >= ?", since), ("substr(started_at, 1, 10) <= ?", until),
                              ("score >= ?", min_score), ("score <= ?", max_score)):
            if value not in (None, ""):
                where.append(clause)
                args.append(value)
        sql = (f"SELECT {_SUMMARY} FROM conversations" + (" WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY started_at DESC LIMIT ?")
        with self.db.connect() as db:
            rows = db.execute(sql, (*args, limit)).fetchall()
        return [Summary(*row) for row in rows]  # preview comes back as 0 or 1


def _assemble(header: str, version: int, turns: Sequence[Sequence[Any]]) -> Conversation:
    data = json.loads(header)
    active, retired, pendings = [], [], []
    for idx, _attempt, status, reply, turn_data in turns:
        if status == "pending":
            pendings.append({"index": idx, "reply": reply})
        elif status == "done":
            active.append(json.loads(turn_data))
        else:
            retired.append(json.loads(turn_data))
    # a pending reply still fits where it was typed unless a retry has since cut the conversation short
    fitting = [p for p in pendings if p["index"] <= len(active)]
    data.update(turns=active, retired=retired, pending=fitting[-1] if fitting else None, version=version)
    return Conversation.model_validate(data)
