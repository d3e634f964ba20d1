"""Login throttling, kept in the database so every `coach serve` process agrees.

Two rules, both checked before any password is hashed:

- **By source.** One address may make `SOURCE_ATTEMPTS` failed logins per `SOURCE_WINDOW_S` (a login
  that succeeds gives its attempt back); more are refused without hashing, so a flood costs the
  server a database row, not Argon2's memory and CPU.
- **By source and name.** `FREE_FAILURES` wrong passwords for one name from one address lock that
  pair, for `LOCK_BASE_S` doubling with each further failure up to `LOCK_MAX_S`. The lock is the
  pair's, not the name's: an anonymous client can lock itself out of an account, never the
  account's owner, who logs in from elsewhere (an admin's `coach users unlock NAME` ends it too).

A source is the client's address as the server sees it (behind a proxy, the one it forwards
when the proxy is trusted); IPv6 addresses count by their /64, which one client usually holds.
"""

from __future__ import annotations

import ipaddress
from datetime import UTC, datetime, timedelta
from enum import Enum

from coach.db import Database
from coach.usernames import name_key

SOURCE_ATTEMPTS = 30
SOURCE_WINDOW_S = 60
FREE_FAILURES = 5
LOCK_BASE_S = 30
LOCK_MAX_S = 3600
FORGET_AFTER = timedelta(days=1)  # a pair with no lock and no failure for a day is forgotten


class Verdict(str, Enum):
    GO = "go"  # hash the password
    SOURCE_BUSY = "source"  # too many attempts from this address just now
    LOCKED = "locked"  # this address has failed this name too often


def source_of(address: str | None) -> str:
    """The throttled unit for a client address: the address, or its /64 for IPv6."""
    try:
        ip = ipaddress.ip_address(address or "")
    except ValueError:
        return str(address or "unknown")[:64]
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def _iso(at: datetime) -> str:
    """One fixed width, so stored times compare as text (in any database)."""
    return at.isoformat(timespec="microseconds")


class LoginThrottle:
    def __init__(self, db: Database):
        self.db = db

    def attempt(self, source: str, name: str) -> Verdict:
        """Count an attempt from `source` and say whether its password may be checked."""
        now = datetime.now(UTC)
        window_over = _iso(now - timedelta(seconds=SOURCE_WINDOW_S))
        with self.db.connect(write=True) as db:
            db.execute(
                "INSERT INTO login_sources (source, window_start, attempts) VALUES (?, ?, 1) "
                "ON CONFLICT (source) DO UPDATE SET "
                "attempts = CASE WHEN login_sources.window_start <= ? THEN 1 ELSE login_sources.attempts + 1 END, "
                "window_start = CASE WHEN login_sources.window_start <= ? THEN excluded.window_start "
                "ELSE login_sources.window_start END",
                (source, _iso(now), window_over, window_over))
            attempts = db.execute("SELECT attempts FROM login_sources WHERE source = ?", (source,)).fetchone()[0]
            lock = db.execute("SELECT locked_until FROM login_failures WHERE source = ? AND name_key = ?",
                              (source, name_key(name))).fetchone()
        if attempts > SOURCE_ATTEMPTS:
            return Verdict.SOURCE_BUSY
        if lock and lock[0] and lock[0] > _iso(now):
            return Verdict.LOCKED
        return Verdict.GO

    def failed(self, source: str, name: str) -> None:
        """A wrong password (or an unknown name): count it; from the `FREE_FAILURES`th on, lock the pair."""
        now = datetime.now(UTC)
        key = name_key(name)
        with self.db.connect(write=True) as db:
            db.execute("DELETE FROM login_failures WHERE updated_at < ? AND (locked_until IS NULL OR locked_until < ?)",
                       (_iso(now - FORGET_AFTER), _iso(now)))
            db.execute("DELETE FROM login_sources WHERE window_start < ?", (_iso(now - FORGET_AFTER),))
            db.execute("INSERT INTO login_failures (source, name_key, failures, locked_until, updated_at) "
                       "VALUES (?, ?, 1, NULL, ?) ON CONFLICT (source, name_key) DO UPDATE SET "
                       "failures = login_failures.failures + 1, updated_at = excluded.updated_at",
                       (source, key, _iso(now)))
            failures = db.execute("SELECT failures FROM login_failures WHERE source = ? AND name_key = ?",
                                  (source, key)).fetchone()[0]
            if failures >= FREE_FAILURES:
                seconds = min(LOCK_MAX_S, LOCK_BASE_S * 2 ** min(failures - FREE_FAILURES, 20))
                db.execute("UPDATE login_failures SET locked_until = ? WHERE source = ? AND name_key = ?",
                           (_iso(now + timedelta(seconds=seconds)), source, key))

    def succeeded(self, source: str, name: str) -> None:
        """A right password: the pair's failures are forgotten, and the attempt is given back to the
        source (an office behind one address, its people logging in at nine, is never held back)."""
        with self.db.connect(write=True) as db:
            db.execute("DELETE FROM login_failures WHERE source = ? AND name_key = ?", (source, name_key(name)))
            db.execute("UPDATE login_sources SET attempts = attempts - 1 WHERE source = ? AND attempts > 0", (source,))

    def unlock(self, name: str) -> int:
        """End every lock and failure count on a name, from every source (an admin's command)."""
        with self.db.connect(write=True) as db:
            return db.execute("DELETE FROM login_failures WHERE name_key = ?", (name_key(name),)).rowcount

    def locks(self, name: str) -> int:
        """How many sources are locked out of a name right now."""
        with self.db.connect() as db:
            return db.execute("SELECT count(*) FROM login_failures WHERE name_key = ? AND locked_until > ?",
                              (name_key(name), _iso(datetime.now(UTC)))).fetchone()[0]
