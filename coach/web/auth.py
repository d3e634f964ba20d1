"""Login for the page, with Gradio's own authentication (so `gradio_client`'s `auth=` works).

Gradio checks a name and password with the callable we give it and keeps each login as a
token in `app.tokens`. We give it `LoginTokens` instead of a plain dict: tokens live in the
database (as their SHA-256), expire after `session_hours`, survive a restart, and end when the
user's password changes or the user is removed. Gradio then knows each request's user by
their account name; every handler looks the account up from it.

Repeated wrong passwords for one name are slowed down: after 5 failures in 15 minutes that
name is refused for 15 minutes, whatever the password.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import defaultdict, deque
from collections.abc import Iterator, MutableMapping

from coach.accounts import LOCAL, Accounts, User, token_hash

MAX_FAILURES = 5
FAILURE_WINDOW_S = 15 * 60


class _Hashed(str):
    """A token's hash, as `keys()` hands it out; accepted back as a key without hashing again."""


class LoginTokens(MutableMapping[str, str]):
    """Gradio's token -> user mapping, kept in the database with an expiry."""

    def __init__(self, accounts: Accounts, hours: float):
        self.accounts = accounts
        self.hours = hours

    @staticmethod
    def _hash(key: str) -> str:
        return str(key) if isinstance(key, _Hashed) else token_hash(str(key))

    def __setitem__(self, token: str, name: str) -> None:  # Gradio: a login succeeded
        user = self.accounts.by_name(name)
        if user is not None:
            self.accounts.open_session(user.id, token, self.hours)

    def __getitem__(self, key: str) -> str:
        if not key:
            raise KeyError(key)
        name = self.accounts.session_user(self._hash(key))
        if name is None:
            raise KeyError(key)
        return name

    def __delitem__(self, key: str) -> None:  # Gradio: logout
        self.accounts.close_session(self._hash(key))

    def __iter__(self) -> Iterator[str]:
        return iter([_Hashed(h) for h in self.accounts.session_hashes()])

    def __len__(self) -> int:
        return len(self.accounts.session_hashes())


class PasswordCheck:
    """The `auth` callable Gradio calls with the name and password typed at login. Gradio calls
    a plain function on its event loop, so `as_gradio_auth` hands it a coroutine function that
    runs the (deliberately slow) Argon2 check in a worker thread instead."""

    def __init__(self, accounts: Accounts):
        self.accounts = accounts
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def __call__(self, name: str, password: str) -> bool:
        key = (name or "").strip().casefold()
        now = time.monotonic()
        with self._lock:
            recent = self._failures[key]
            while recent and now - recent[0] > FAILURE_WINDOW_S:
                recent.popleft()
            if len(recent) >= MAX_FAILURES:
                return False
        user = self.accounts.verify(name or "", password or "")
        if user is None:
            with self._lock:
                self._failures[key].append(now)
            return False
        with self._lock:
            self._failures.pop(key, None)
        return True

    def as_gradio_auth(self):
        async def check(name: str, password: str) -> bool:
            return await asyncio.to_thread(self, name, password)

        return check


class Identity:
    """Who is asking: the logged-in account (from Gradio's session, never from the client's
    data), or the one local user when the page runs without accounts."""

    def __init__(self, accounts: Accounts, local: bool):
        self.accounts = accounts
        self.local = local

    def user(self, username: str | None) -> User | None:
        if self.local:
            return LOCAL
        if not username:
            return None
        return self.accounts.by_name(username)
