"""The database behind the page: SQLite (one file, WAL) by default, PostgreSQL for a team.

`open_database(where)` takes a file path or a `postgresql://` URL (the `database` setting,
`COACH_DB`). Every module writes its SQL once, in the common dialect both engines run: `?`
placeholders, `ON CONFLICT ... DO UPDATE` upserts, `RETURNING`, `COLLATE NOCASE` for names that
differ only in case (a case-insensitive ICU collation of that name on PostgreSQL). `Connection`
translates what differs (placeholders, DDL types) and adds the two things SQL does not say
alike: `lock(key)` (one writer per key for a read-then-write) and `changed(topic)` (tell other
processes to refresh what they keep in memory).

The schema carries its version (SQLite: `PRAGMA user_version`; PostgreSQL: `coach_schema`).
Opening a database migrates it to the current version in one transaction, the same numbered
steps on both engines; an SQLite file is first copied aside (`<name>.before-v<N>`), so an
upgrade never loses what an older coach saved.

Connections live as long as the database object: on SQLite one writer connection (writes in
this process take turns; `BEGIN IMMEDIATE` makes other processes wait) and a few readers; on
PostgreSQL a `psycopg_pool` pool.
"""

from __future__ import annotations

import json
import os
import queue
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from coach.errors import ConfigError

VERSION = 9

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
    data TEXT NOT NULL,
    preview INTEGER NOT NULL DEFAULT 0,
    reviewed INTEGER NOT NULL DEFAULT 0
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
CREATE TABLE IF NOT EXISTS turn_audio (
    conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    attempt INTEGER NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('trainee', 'customer')),
    part INTEGER NOT NULL,
    data BLOB NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (conversation_id, idx, attempt, role, part)
);
CREATE TABLE IF NOT EXISTS login_sessions (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS changes (
    topic TEXT PRIMARY KEY,
    version INTEGER NOT NULL
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

# Columns added (v9) to tables older databases already have, and the indexes on them: added by
# `create_schema` when missing, before the indexes, so every earlier migration step that calls it
# leaves a table it can index.
ADDED_COLUMNS = [
    ("users", "name_key", "TEXT"),  # the name as compared: NFKC, look-alikes read as Latin, case-folded
    ("turns", "turn_key", "TEXT"),  # the client's key for a send: a retried send returns the stored turn
    ("persona_versions", "base", "INTEGER"),  # the version a save started from
]
# (named unlike PostgreSQL's own constraint names, such as users_name_key for UNIQUE (name))
ADDED_INDEXES = [
    "CREATE UNIQUE INDEX IF NOT EXISTS users_by_name_key ON users(name_key)",
    "CREATE UNIQUE INDEX IF NOT EXISTS turns_by_turn_key ON turns(conversation_id, turn_key)",
]

# Tables in an order that satisfies every foreign key (for copying a database).
TABLES = ("users", "conversations", "turns", "reviews", "teams", "team_members", "assignments", "persona_versions",
          "login_sessions", "changes")

IDENTITIES = {"reviews": "id"}  # columns the database numbers itself

def utcnow() -> str:
    return datetime.now(UTC).isoformat()


class Dialect:
    """What differs between the engines, in one place."""

    name = "sqlite"
    placeholder = "?"

    def sql(self, text: str) -> str:
        return text

    def ddl(self, text: str) -> str:
        return text


class _Postgres(Dialect):
    name = "postgresql"
    placeholder = "%s"
    _DDL = ((re.compile(r"\bINTEGER PRIMARY KEY AUTOINCREMENT\b"), "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"),
            (re.compile(r"\bREAL\b"), "DOUBLE PRECISION"), (re.compile(r"\bBLOB\b"), "BYTEA"))

    def sql(self, text: str) -> str:
        return text.replace("%", "%%").replace("?", "%s")

    def ddl(self, text: str) -> str:
        for pattern, replacement in self._DDL:
            text = pattern.sub(replacement, text)
        return text


SQLITE, POSTGRES = Dialect(), _Postgres()


class Connection:
    """One unit of work on either engine: SQL in the common dialect, translated once per statement text."""

    def __init__(self, raw: Any, dialect: Dialect, write: bool):
        self.raw = raw
        self.dialect = dialect
        self.write = write

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """A cursor with fetchone/fetchall/rowcount; rows are tuples on both engines."""
        return self.raw.execute(_translated(self.dialect, sql), tuple(params))

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if self.dialect is POSTGRES:
            with self.raw.cursor() as cursor:
                cursor.executemany(_translated(self.dialect, sql), rows)
        else:
            self.raw.executemany(sql, rows)

    def lock(self, key: str) -> None:
        """Hold `key` until this write commits: a read-then-write under it sees no other writer's change.
        (SQLite's write transaction already excludes every other writer.)"""
        assert self.write, "lock() is for write transactions"
        if self.dialect is POSTGRES:
            self.raw.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (key,))

    def changed(self, topic: str) -> None:
        """Record that `topic` changed, for every process watching it (see `Database.watch`)."""
        self.execute("INSERT INTO changes (topic, version) VALUES (?, 1) "
                     "ON CONFLICT (topic) DO UPDATE SET version = changes.version + 1", (topic,))
        if self.dialect is POSTGRES:
            self.raw.execute("SELECT pg_notify('coach_changes', %s)", (topic,))


_TRANSLATED: dict[tuple[str, str], str] = {}


def _translated(dialect: Dialect, sql: str) -> str:
    key = (dialect.name, sql)
    out = _TRANSLATED.get(key)
    if out is None:
        out = _TRANSLATED[key] = dialect.sql(sql)
    return out


# -- migrations: the same numbered steps on both engines -----------------------------------------


def columns(db: Connection, table: str) -> set[str]:
    """A table's column names (from the cursor's description: plain DB-API, either engine)."""
    return {d[0] for d in db.execute(f"SELECT * FROM {table} WHERE 1 = 0").description}


def create_schema(db: Connection) -> None:
    """Create what is missing, statement by statement."""
    for statement in SCHEMA.split(";"):
        if statement.strip():
            db.raw.execute(db.dialect.ddl(statement))
    for table, column, kind in ADDED_COLUMNS:
        if column not in columns(db, table):
            db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")
    for statement in ADDED_INDEXES:
        db.execute(statement)


def _from_v1(db: Connection) -> None:
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
            db.execute("INSERT INTO turns (conversation_id, idx, attempt, status, reply, token, data, created_at, "
                       "updated_at) VALUES (?, ?, 0, 'done', ?, NULL, ?, ?, ?) ON CONFLICT DO NOTHING",
                       (conversation_id, turn["index"], turn["reply"], json.dumps(turn, ensure_ascii=False), at, at))
        db.execute("UPDATE conversations SET owner = 'local', version = 1, data = ? WHERE id = ?",
                   (json.dumps(header, ensure_ascii=False), conversation_id))


def _from_v2(db: Connection) -> None:
    """v3 adds trainers' reviews of grades, teams, assignments and personas edited in the page."""
    create_schema(db)


def _from_v3(db: Connection) -> None:
    """v4: a trainer may review a grade the offline grader could not judge, so a review's original
    verdict may be 'unjudged' (the trainer's own verdict stays pass, fail or n/a). SQLite cannot
    change a CHECK in place: the table is rebuilt with its rows."""
    db.execute("ALTER TABLE reviews RENAME TO reviews_v3")
    db.execute("DROP INDEX IF EXISTS reviews_conversation")
    create_schema(db)
    db.execute("INSERT INTO reviews SELECT * FROM reviews_v3")
    db.execute("DROP TABLE reviews_v3")


def _from_v4(db: Connection) -> None:
    """v5 marks a trainer's preview of an unpublished persona draft, which stays out of every
    list but its author's own."""
    db.execute("ALTER TABLE conversations ADD COLUMN preview INTEGER NOT NULL DEFAULT 0")


def _from_v5(db: Connection) -> None:
    """v6: a conversation counts the reviews laid over it (so a process's cached copy knows it is
    out of date), and `changes` tells every process what to refresh."""
    db.execute("ALTER TABLE conversations ADD COLUMN reviewed INTEGER NOT NULL DEFAULT 0")
    create_schema(db)


def _from_v6(db: Connection) -> None:
    """v7 keeps the audio of spoken turns, when the `keep_audio` setting asks for it; nothing
    existing changes."""
    create_schema(db)


def _from_v7(db: Connection) -> None:
    """v8 lets each account say how customers address its owner (neutral unless chosen). A database
    whose users table an earlier step created from the current schema has the column already."""
    if "address" not in {d[0] for d in db.execute("SELECT * FROM users LIMIT 0").description}:
        db.execute("ALTER TABLE users ADD COLUMN address TEXT NOT NULL DEFAULT 'neutral' "
                   "CHECK (address IN ('neutral', 'feminine', 'masculine'))")


def _from_v8(db: Connection) -> None:
    """v9: login throttle counters (every process agrees on them); each user's name key, so
    look-alike names cannot coexist; a client's key per turn (a retried send returns the stored
    turn); the version a persona save started from."""
    from coach.usernames import name_key

    create_schema(db)
    seen: set[str] = set()
    for user_id, name in db.execute("SELECT id, name FROM users ORDER BY created_at, id").fetchall():
        key = name_key(name)
        if key in seen:  # two old names that now read as one: the later keeps a key of its own
            key = f"{key}#{user_id}"
        seen.add(key)
        db.execute("UPDATE users SET name_key = ? WHERE id = ?", (key, user_id))


# Step N takes a database at version N to N + 1. A fresh database gets SCHEMA as it is now.
MIGRATIONS: dict[int, Callable[[Connection], None]] = {1: _from_v1, 2: _from_v2, 3: _from_v3, 4: _from_v4,
                                                     5: _from_v5, 6: _from_v6, 7: _from_v7, 8: _from_v8}


# -- the two engines ------------------------------------------------------------------------------


class Watch:
    """Whether a topic changed since this watch last said so (a persona published in any process)."""

    def __init__(self, check: Callable[[], bool]):
        self._check = check

    def stale(self) -> bool:
        """True once per change (and the first time): the caller refreshes what it keeps."""
        return self._check()


class Database:
    """What every module talks to; `open_database` picks the engine."""

    dialect: Dialect = SQLITE
    where: str  # the path or URL, as `COACH_DB` takes it
    # a short read can run on the event loop instead of a worker thread (it never waits for a
    # writer or the network): SQLite in WAL mode, not a database server
    reads_inline = False

    @contextmanager
    def connect(self, write: bool = False) -> Iterator[Connection]:
        """A transaction: all of it or none of it. `write` takes the write lock at once (no upgrade deadlocks)."""
        raise NotImplementedError
        yield  # pragma: no cover

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        """One read statement on its own, outside a transaction (nothing else needs its snapshot):
        the cheapest read there is, for what every request asks (who is logged in, a version)."""
        raise NotImplementedError

    def watch(self, topic: str) -> Watch:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def describe(self) -> str:
        return self.where

    # migrations
    def _version(self, db: Connection) -> int:
        raise NotImplementedError

    def _set_version(self, db: Connection, version: int) -> None:
        raise NotImplementedError

    def _has_tables(self, db: Connection) -> bool:
        raise NotImplementedError

    def _before_migrating(self, version: int) -> None:
        """A hook to keep a copy of the database as it was."""

    def migrate(self) -> None:
        with self.connect(write=True) as db:
            db.lock("coach-schema")  # processes starting together migrate once
            version = self._version(db)
            has_tables = self._has_tables(db)
            if version == 0 and has_tables:
                version = 1  # databases from before versioning
            if version > VERSION:
                raise ConfigError(f"{self.describe()} was written by a newer coach (schema {version}); upgrade coach")
            if version == VERSION or (version == 0 and not has_tables):
                create_schema(db)
                self._set_version(db, VERSION)
                return
        self._before_migrating(version)
        with self.connect(write=True) as db:
            db.lock("coach-schema")
            version = max(self._version(db), 1)
            for step in range(version, VERSION):
                MIGRATIONS[step](db)
            self._set_version(db, VERSION)


def private_file(path: Path) -> None:
    """Make `path` readable by its owner only (0600), creating it empty if missing: SQLite gives
    its -wal and -shm files the database file's mode, so they stay private too."""
    os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
    if path.stat().st_mode & 0o077:
        path.chmod(0o600)


class SQLiteDatabase(Database):
    """One file in WAL mode: one long-lived writer connection that writes take turns on, and
    readers kept for reuse (WAL lets them read while another connection writes)."""

    dialect = SQLITE
    READERS = 8
    reads_inline = True

    def __init__(self, path: str | Path):
        self.path = Path(path).expanduser()
        self.where = str(self.path)
        if not self.path.parent.exists():
            self.path.parent.mkdir(parents=True, mode=0o700)  # accounts and transcripts: the owner's alone
        private_file(self.path)
        self._write_lock = threading.Lock()
        self._writer: sqlite3.Connection | None = None
        self._readers: queue.LifoQueue[sqlite3.Connection] = queue.LifoQueue()
        self._watched: dict[str, tuple[float, int | None]] = {}
        self.migrate()

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA synchronous = NORMAL")
        return db

    @contextmanager
    def connect(self, write: bool = False) -> Iterator[Connection]:
        if write:
            with self._write_lock:
                if self._writer is None:
                    self._writer = self._open()
                yield from self._transaction(self._writer, "BEGIN IMMEDIATE", write=True)
            return
        with self._reader() as raw:
            yield from self._transaction(raw, "BEGIN", write=False)  # one snapshot for every read in it

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        with self._reader() as raw:
            return raw.execute(sql, tuple(params)).fetchall()

    @contextmanager
    def _reader(self) -> Iterator[sqlite3.Connection]:
        """A reader connection from those kept (a new one when all are busy; at most READERS kept)."""
        try:
            raw = self._readers.get_nowait()
        except queue.Empty:
            raw = self._open()
        try:
            yield raw
        finally:
            if self._readers.qsize() < self.READERS:
                self._readers.put(raw)
            else:
                raw.close()

    @staticmethod
    def _transaction(raw: sqlite3.Connection, begin: str, write: bool) -> Iterator[Connection]:
        raw.execute(begin)
        try:
            yield Connection(raw, SQLITE, write)
            raw.execute("COMMIT")
        except BaseException:
            if raw.in_transaction:
                raw.execute("ROLLBACK")
            raise

    def watch(self, topic: str) -> Watch:
        """A version check, at most every 0.2 s: cheap enough to ask on every request."""
        seen: list[int | None] = [-1]
        checked = [0.0]

        def check() -> bool:
            now = time.monotonic()
            if now - checked[0] < 0.2:
                return False
            checked[0] = now
            rows = self.query("SELECT version FROM changes WHERE topic = ?", (topic,))
            version = rows[0][0] if rows else None
            if version == seen[0]:
                return False
            seen[0] = version
            return True

        return Watch(check)

    def close(self) -> None:
        with self._write_lock:
            if self._writer is not None:
                self._writer.close()
                self._writer = None
        while True:
            try:
                self._readers.get_nowait().close()
            except queue.Empty:
                break

    def _version(self, db: Connection) -> int:
        return int(db.execute("PRAGMA user_version").fetchone()[0])

    def _set_version(self, db: Connection, version: int) -> None:
        db.execute(f"PRAGMA user_version = {int(version)}")

    def _has_tables(self, db: Connection) -> bool:
        return db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'conversations'").fetchone()[0] > 0

    def _before_migrating(self, version: int) -> None:
        target = self.path.with_name(f"{self.path.name}.before-v{VERSION}")
        if target.exists():
            return
        private_file(target)
        with sqlite3.connect(self.path) as source, sqlite3.connect(target) as copy:
            source.backup(copy)
        copy.close()
        source.close()


class PostgresDatabase(Database):
    """A PostgreSQL database shared by every coach process, through a pool of connections.
    Writes run under READ COMMITTED (a conditional UPDATE re-checks the row it waited for);
    reads under REPEATABLE READ, so a conversation and its turns come from one snapshot."""

    dialect = POSTGRES

    def __init__(self, url: str, min_size: int = 1, max_size: int = 8):
        import psycopg
        from psycopg_pool import ConnectionPool

        self.where = url
        self._psycopg = psycopg
        self.pool = ConnectionPool(url, min_size=min_size, max_size=max_size, open=False,
                                   kwargs={"autocommit": True}, name="coach")
        try:
            self.pool.open(wait=True, timeout=15)
        except psycopg.Error as exc:
            self.pool.close()
            raise ConfigError(f"cannot reach the database at {self.describe()}: {exc}") from None
        except Exception as exc:  # the pool's own timeout
            self.pool.close()
            raise ConfigError(f"cannot reach the database at {self.describe()}: {exc}") from None
        self._listener: _Listener | None = None
        self._listener_lock = threading.Lock()
        self.migrate()

    def describe(self) -> str:
        return redacted(self.where)

    @contextmanager
    def connect(self, write: bool = False) -> Iterator[Connection]:
        psycopg = self._psycopg
        with self.pool.connection() as raw:
            raw.isolation_level = (psycopg.IsolationLevel.READ_COMMITTED if write
                                   else psycopg.IsolationLevel.REPEATABLE_READ)
            raw.read_only = not write
            with raw.transaction():
                yield Connection(raw, POSTGRES, write)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        with self.pool.connection() as raw:  # autocommit: one round trip, no BEGIN and COMMIT
            return raw.execute(_translated(POSTGRES, sql), tuple(params)).fetchall()

    def watch(self, topic: str) -> Watch:
        """LISTEN/NOTIFY: a change is known here as soon as it commits anywhere."""
        with self._listener_lock:
            if self._listener is None:
                self._listener = _Listener(self.where)
        return self._listener.watch(topic)

    def close(self) -> None:
        if self._listener is not None:
            self._listener.stop()
        self.pool.close()

    def _version(self, db: Connection) -> int:
        # the collation every COLLATE NOCASE names: equal whatever the case, in any script
        db.execute("CREATE COLLATION IF NOT EXISTS nocase (provider = icu, locale = 'und-u-ks-level2', "
                   "deterministic = false)")
        db.execute("CREATE TABLE IF NOT EXISTS coach_schema (version INTEGER NOT NULL)")
        row = db.execute("SELECT version FROM coach_schema").fetchone()
        return int(row[0]) if row else 0

    def _set_version(self, db: Connection, version: int) -> None:
        db.execute("DELETE FROM coach_schema")
        db.execute("INSERT INTO coach_schema (version) VALUES (?)", (version,))

    def _has_tables(self, db: Connection) -> bool:
        return db.execute("SELECT to_regclass('conversations') IS NOT NULL").fetchone()[0]


class _Listener:
    """One connection per process listening on `coach_changes`; reconnects, and then calls
    everything stale (a change may have been missed while it was away)."""

    def __init__(self, url: str):
        self.url = url
        self._flags: dict[str, list[threading.Event]] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._ready = threading.Event()
        self._conn: Any = None
        self._thread = threading.Thread(target=self._run, name="coach-listen", daemon=True)
        self._thread.start()
        self._ready.wait(10)

    def watch(self, topic: str) -> Watch:
        flag = threading.Event()
        flag.set()  # the first ask loads
        with self._lock:
            self._flags.setdefault(topic, []).append(flag)

        def check() -> bool:
            if flag.is_set():
                flag.clear()
                return True
            return False

        return Watch(check)

    def _mark(self, topic: str | None) -> None:
        with self._lock:
            for name, flags in self._flags.items():
                if topic is None or name == topic:
                    for flag in flags:
                        flag.set()

    def _run(self) -> None:
        import psycopg

        while not self._stop.is_set():
            try:
                with psycopg.connect(self.url, autocommit=True) as conn:
                    self._conn = conn
                    conn.execute("LISTEN coach_changes")
                    self._mark(None)
                    self._ready.set()
                    while not self._stop.is_set():
                        for note in conn.notifies(timeout=1.0):
                            self._mark(note.payload)
            except psycopg.Error:
                self._mark(None)
                self._ready.set()
                self._stop.wait(1.0)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=3)


def redacted(where: str) -> str:
    """A database URL without its password, to show or log."""
    return re.sub(r"(://[^:/@]*):[^@]*@", r"\1:***@", where)


def is_url(where: str | Path) -> bool:
    return str(where).startswith(("postgresql://", "postgres://"))


def open_database(where: str | Path) -> Database:
    """The database at `where`: a `postgresql://` URL, else an SQLite file path."""
    if is_url(where):
        return PostgresDatabase(str(where))
    return SQLiteDatabase(where)
