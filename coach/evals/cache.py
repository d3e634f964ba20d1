"""A content-addressed cache of model calls: the same request (and the same repeat) costs nothing twice.

The key is the sha256 of the request body plus a salt naming the repeat, so repeats of one
case stay separate samples (test-retest needs them) while a re-run of the same prompts is
answered from disk.
"""

from __future__ import annotations

import contextvars
import hashlib
import json
import sqlite3
import threading
from pathlib import Path
from typing import Any

salt: contextvars.ContextVar[str] = contextvars.ContextVar("coach_cache_salt", default="")


class CallCache:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0
        # one connection, used under the lock: opening one per call costs more than the lookup
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("CREATE TABLE IF NOT EXISTS calls (key TEXT PRIMARY KEY, response TEXT NOT NULL)")

    @staticmethod
    def key(body: dict[str, Any]) -> str:
        canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(f"{salt.get()}\n{canonical}".encode()).hexdigest()

    def get(self, key: str) -> dict[str, Any] | None:
        with self._lock:
            row = self._db.execute("SELECT response FROM calls WHERE key = ?", (key,)).fetchone()
        if row:
            self.hits += 1
            return json.loads(row[0])
        self.misses += 1
        return None

    def put(self, key: str, response: dict[str, Any]) -> None:
        with self._lock:
            self._db.execute("INSERT OR REPLACE INTO calls VALUES (?, ?)", (key, json.dumps(response, ensure_ascii=False)))
