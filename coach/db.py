"""The SQLite database behind the page: one file (WAL) for accounts, login sessions and conversations.

The schema carries its version in `PRAGMA user_version`; opening a database migrates it to
the current version in one transaction, after copying the file aside (`<name>.before-v<N>`),
so an upgrade never loses what an older coach saved.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

VERSION = 5

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
    password_changed_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS reviews (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    attempt INTEGER NOT NULL,
    criterion TEXT NOT NULL,
    original TEXT NOT NULL CHECK (original IN ('pass', 'fail', 'n/a', 'unjudged')),
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
CREATE TABLE IF NOT EXISTS login_sources (
    source TEXT PRIMARY KEY,
    window_start TEXT NOT NULL,
    attempts INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS login_failures (
    source TEXT NOT NULL,
    name_key TEXT NOT NULL,
    failures INTEGER NOT NULL,
    locked_until TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (source, name_key)
);
"""


# Columns added to tables that already existed (v5), and the indexes on them.
ADDED_COLUMNS = [
    ("users", "name_key", "TEXT"),  # the name as compared: NFKC, case-folded (coach.usernames)
    ("turns", "turn_key", "TEXT"),  # the client's key for a send: a retried send returns the stored turn
    ("persona_versions", "base", "INTEGER"),  # the version a save started from
]
ADDED_INDEXES = [
    "CREATE UNIQUE INDEX IF NOT EXISTS users_name_key ON users(name_key)",
    "CREATE UNIQUE INDEX IF NOT EXISTS turns_turn_key ON turns(conversation_id, turn_key)",
]


def columns(db: sqlite3.Connection, table: str) -> set[str]:
    """A table's column names (from the cursor's description: plain DB-API, any database)."""
    return {d[0] for d in db.execute(f"SELECT * FROM {table} LIMIT 0").description}


def create_schema(db: sqlite3.Connection) -> None:
    """Create what is missing, statement by statement (executescript would commit the transaction)."""
    for statement in SCHEMA.split(";"):
        if statement.strip():
            db.execute(statement)
    for table, column, kind in ADDED_COLUMNS:
        if column not in columns(db, table):
            db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")
    for statement in ADDED_INDEXES:
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
            db.execute("INSERT OR IGNORE INTO turns (conversation_id, idx, attempt, status, reply, token, data, "
                       "created_at, updated_at) VALUES (?, ?, 0, 'done', ?, NULL, ?, ?, ?)",
                       (conversation_id, turn["index"], turn["reply"], json.dumps(turn, ensure_ascii=False), at, at))
        db.execute("UPDATE conversations SET owner = 'local', version = 1, data = ? WHERE id = ?",
                   (json.dumps(header, ensure_ascii=False), conversation_id))


def _from_v2(db: sqlite3.Connection) -> None:
    """v3 adds trainers' reviews of grades, teams, assignments and personas edited in the page;
    nothing existing changes."""
    create_schema(db)


def _from_v3(db: sqlite3.Connection) -> None:
    """v4: a trainer may review a grade the offline grader could not judge, so a review's original
    verdict may be 'unjudged' (the trainer's own verdict stays pass, fail or n/a). SQLite cannot
    change a CHECK in place: the table is rebuilt with its rows."""
    db.execute("ALTER TABLE reviews RENAME TO reviews_v3")
    db.execute("DROP INDEX IF EXISTS reviews_conversation")
    create_schema(db)
    db.execute("INSERT INTO reviews SELECT * FROM reviews_v3")
    db.execute("DROP TABLE reviews_v3")


def _from_v4(db: sqlite3.Connection) -> None:
    """v5: login throttle counters; each user's name key (NFKC, case-folded) so look-alike names
    cannot coexist; a client's key per turn (a retried send returns the stored turn); the version
    a persona save started from."""
    from coach.usernames import name_key

    create_schema(db)
    seen: set[str] = set()
    for user_id, name in db.execute("SELECT id, name FROM users ORDER BY created_at").fetchall():
        key = name_key(name)
        if key in seen:  # two old names that now read as one: the later keeps a key of its own
            key = f"{key}#{user_id}"
        seen.add(key)
        db.execute("UPDATE users SET name_key = ? WHERE id = ?", (key, user_id))


MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {1: _from_v1, 2: _from_v2, 3: _from_v3, 4: _from_v4}


def private_file(path: Path) -> None:
    """Make `path` readable by its owner only (0600), creating it empty if missing: SQLite gives
    its -wal and -shm files the database file's mode, so they stay private too."""
    os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
    if path.stat().st_mode & 0o077:
        path.chmod(0o600)


class Database:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        if not self.path.parent.exists():
            self.path.parent.mkdir(parents=True, mode=0o700)  # accounts and transcripts: the owner's alone
        private_file(self.path)
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
        private_file(target)
        with sqlite3.connect(self.path) as source, sqlite3.connect(target) as copy:
            source.backup(copy)
