"""The SQLite database behind the page: one file (WAL) for accounts, login sessions and conversations.

The schema carries its version in `PRAGMA user_version`; opening a database migrates it to
the current version in one transaction, after copying the file aside (`<name>.before-v<N>`),
so an upgrade never loses what an older coach saved.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

VERSION = 4

SCHEMA = """
CREATE TABLE IF NOT EXISTS conversations (
    id TEXT PRIMARY KEY,
    owner TEXT,
    persona_id TEXT NOT NULL,
    persona_name TEXT NOT NULL,
    customer_name TEXT NOT NULL,
    language TEXT NOT NULL,
    mode TEXT NOT NULL DEFAULT 'practice',
    started_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    ended_at TEXT,
    outcome TEXT,
    turns INTEGER NOT NULL,
    score REAL,
    version INTEGER NOT NULL DEFAULT 0,
    data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS conversations_owner ON conversations(owner, started_at);
CREATE INDEX IF NOT EXISTS conversations_persona ON conversations(persona_id, started_at);
CREATE TABLE IF NOT EXISTS turns (
    conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    attempt INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'done', 'retired')),
    reply TEXT NOT NULL,
    token TEXT,
    data TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (conversation_id, idx, attempt)
);
CREATE TABLE IF NOT EXISTS users (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    role TEXT NOT NULL CHECK (role IN ('trainee', 'trainer', 'admin')),
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    password_changed_at TEXT NOT NULL,
    address TEXT NOT NULL DEFAULT 'neutral' CHECK (address IN ('neutral', 'feminine', 'masculine'))
);
CREATE TABLE IF NOT EXISTS reviews (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    attempt INTEGER NOT NULL,
    criterion TEXT NOT NULL,
    original TEXT NOT NULL CHECK (original IN ('pass', 'fail', 'n/a')),
    verdict TEXT NOT NULL CHECK (verdict IN ('pass', 'fail', 'n/a')),
    comment TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS reviews_conversation ON reviews(conversation_id);
CREATE TABLE IF NOT EXISTS teams (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS team_members (
    team_id TEXT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (team_id, user_id)
);
CREATE TABLE IF NOT EXISTS assignments (
    id TEXT PRIMARY KEY,
    persona_id TEXT NOT NULL,
    mode TEXT NOT NULL CHECK (mode IN ('practice', 'exam')),
    due TEXT,
    user_id TEXT REFERENCES users(id) ON DELETE CASCADE,
    team_id TEXT REFERENCES teams(id) ON DELETE CASCADE,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    CHECK ((user_id IS NULL) != (team_id IS NULL))
);
CREATE TABLE IF NOT EXISTS persona_versions (
    persona_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    yaml TEXT NOT NULL,
    author TEXT NOT NULL,
    created_at TEXT NOT NULL,
    published_at TEXT,
    changed TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (persona_id, version)
);
CREATE TABLE IF NOT EXISTS login_sessions (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
"""


def create_schema(db: sqlite3.Connection) -> None:
    """Create what is missing, statement by statement (executescript would commit the transaction)."""
    for statement in SCHEMA.split(";"):
        if statement.strip():
            db.execute(statement)


def utcnow() -> str:
    return datetime.now(UTC).isoformat()


def _from_v1(db: sqlite3.Connection) -> None:
    """v1 kept each conversation as one JSON blob with its turns, owned by a browser id.
    Turns become rows; the browsers' ids (client-supplied) give way to the local user."""
    db.execute("ALTER TABLE conversations ADD COLUMN mode TEXT NOT NULL DEFAULT 'practice'")
    db.execute("ALTER TABLE conversations ADD COLUMN version INTEGER NOT NULL DEFAULT 0")
    create_schema(db)
    rows = db.execute("SELECT id, data FROM conversations").fetchall()
    for conversation_id, data in rows:
        header = json.loads(data)
        turns = header.pop("turns", []) or []
        header["owner"] = "local"
        for turn in turns:
            at = turn.get("at") or utcnow()
            db.execute("INSERT OR IGNORE INTO turns VALUES (?, ?, 0, 'done', ?, NULL, ?, ?, ?)",
                       (conversation_id, turn["index"], turn["reply"], json.dumps(turn, ensure_ascii=False), at, at))
        db.execute("UPDATE conversations SET owner = 'local', version = 1, data = ? WHERE id = ?",
                   (json.dumps(header, ensure_ascii=False), conversation_id))


def _from_v2(db: sqlite3.Connection) -> None:
    """v3 adds trainers' reviews of grades, teams, assignments and personas edited in the page;
    nothing existing changes."""
    create_schema(db)


def _from_v3(db: sqlite3.Connection) -> None:
    """v4 lets each account say how customers address them (neutral unless they choose)."""
    columns = {row[1] for row in db.execute("PRAGMA table_info(users)")}
    if "address" not in columns:
        db.execute("ALTER TABLE users ADD COLUMN address TEXT NOT NULL DEFAULT 'neutral' "
                   "CHECK (address IN ('neutral', 'feminine', 'masculine'))")


MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {1: _from_v1, 2: _from_v2, 3: _from_v3}


class Database:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.migrate()

    @contextmanager
    def connect(self, write: bool = False) -> Iterator[sqlite3.Connection]:
        """A connection for one unit of work; `write` takes the write lock at once (no upgrade deadlocks)."""
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            db.execute("PRAGMA foreign_keys = ON")
            db.execute("PRAGMA synchronous = NORMAL")
            if write:
                db.execute("BEGIN IMMEDIATE")
            yield db
            if write:
                db.execute("COMMIT")
        except BaseException:
            if write and db.in_transaction:
                db.execute("ROLLBACK")
            raise
        finally:
            db.close()

    def migrate(self) -> None:
        with self.connect() as db:
            db.execute("PRAGMA journal_mode = WAL")
            version = db.execute("PRAGMA user_version").fetchone()[0]
            has_tables = db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'conversations'").fetchone()[0]
        if version == 0 and has_tables:
            version = 1  # databases from before versioning
        if version == VERSION or (version == 0 and not has_tables):
            with self.connect(write=True) as db:
                create_schema(db)
                db.execute(f"PRAGMA user_version = {VERSION}")
            return
        if version > VERSION:
            raise RuntimeError(f"{self.path} was written by a newer coach (schema {version}); upgrade coach")
        self._backup(f"before-v{VERSION}")
        with self.connect(write=True) as db:
            for step in range(version, VERSION):
                MIGRATIONS[step](db)
            db.execute(f"PRAGMA user_version = {VERSION}")

    def _backup(self, suffix: str) -> None:
        target = self.path.with_name(f"{self.path.name}.{suffix}")
        if target.exists():
            return
        with sqlite3.connect(self.path) as source, sqlite3.connect(target) as copy:
            source.backup(copy)
