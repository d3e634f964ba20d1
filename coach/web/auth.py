"""Login for the page: Gradio's login form, answered by coach's own `/login` route.

Gradio's login page posts a name and password to `/login`; coach answers that route itself
(it is mounted in front of Gradio's) so that a login flood cannot take the server down and
cannot lock anyone out:

- the source is throttled before any hashing (`coach.throttle`, counters in the database);
- Argon2 runs in a small pool of its own, at a lower CPU priority, so handlers keep their
  threads and cores while logins queue; when the queue is full a login is refused at once;
- locked, wrong and unknown all get the same answer after the same time (a refusal that did
  not hash waits as long as a hash takes).

A login is a random token in a cookie named `access-token-coach` (HttpOnly, SameSite=Lax,
Secure over HTTPS), kept in the database only as its SHA-256 (`LoginTokens`, which Gradio
reads as its `app.tokens`): it survives a restart, expires after `session_hours`, and ends at
logout, on a password change or when the user is removed. Logging out is a POST from the page.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import secrets
import threading
import time
from collections.abc import Iterator, MutableMapping
from concurrent.futures import ThreadPoolExecutor
from contextvars import ContextVar

from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response

from coach.accounts import LOCAL, Accounts, User, token_hash
from coach.throttle import LoginThrottle, Verdict, source_of

# Gradio reads `access-token-<id>`: one name across restarts and processes (deploy/nginx-coach.conf routes by it)
COOKIE_ID = "coach"
COOKIE = f"access-token-{COOKIE_ID}"
MAX_NAME_CHARS = 256
MAX_PASSWORD_CHARS = 1024
REFUSED = {"detail": "Incorrect credentials."}  # what Gradio's login page expects, whatever the reason


# The login the session guard resolved for this request (token hash, user name or None): Gradio's
# own lookup of the same cookie later in the same request reuses it rather than asking the
# database again. A ContextVar lives in one request's task, so no request sees another's.
_RESOLVED: ContextVar[tuple[str, str | None] | None] = ContextVar("coach_resolved_login", default=None)


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

    def __setitem__(self, token: str, name: str) -> None:  # a login succeeded
        _RESOLVED.set(None)
        user = self.accounts.by_name(name)
        if user is not None:
            self.accounts.open_session(user.id, token, self.hours)

    def __getitem__(self, key: str) -> str:
        if not key:
            raise KeyError(key)
        hashed = self._hash(key)
        resolved = _RESOLVED.get()
        name = resolved[1] if resolved and resolved[0] == hashed else self.accounts.session_user(hashed)
        if name is None:
            raise KeyError(key)
        return name

    def __delitem__(self, key: str) -> None:  # logout
        _RESOLVED.set(None)
        self.accounts.close_session(self._hash(key))

    def __iter__(self) -> Iterator[str]:
        return iter([_Hashed(h) for h in self.accounts.session_hashes()])

    def __len__(self) -> int:
        return len(self.accounts.session_hashes())


def _lower_priority() -> None:
    """Run this worker thread (and the threads Argon2 starts from it) at nice 10: Linux sets
    priority per thread, so page handlers keep the CPU while logins wait."""
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)


def _timed_verify(accounts: Accounts, name: str, password: str) -> tuple[User | None, float]:
    """The check and how long it took itself: time spent waiting for the pool (a flood) is not
    what a refusal should imitate, or a lock would show as the slower answer once the flood ends."""
    started = time.perf_counter()
    user = accounts.verify(name, password)
    return user, time.perf_counter() - started


class HashPool:
    """Argon2 checks in threads of their own, at most `workers` at once and `queue` waiting;
    `typical` is how long one takes, for refusals to wait as long."""

    def __init__(self, workers: int = 1, queue: int = 8):
        self.executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="coach-argon2",
                                           initializer=_lower_priority)
        self.capacity = workers + queue
        self.busy = 0
        self.typical = 0.1

    async def verify(self, accounts: Accounts, name: str, password: str) -> tuple[bool, User | None]:
        """(checked, user): checked is False when the pool was full and nothing was hashed."""
        if self.busy >= self.capacity:
            return False, None
        self.busy += 1
        try:
            user, took = await asyncio.get_running_loop().run_in_executor(self.executor, _timed_verify, accounts,
                                                                          name, password)
            self.typical = 0.8 * self.typical + 0.2 * took
            return True, user
        finally:
            self.busy -= 1

    async def pad(self, since: float) -> None:
        """Wait until a refusal has taken as long as a check would have since `since` (perf_counter)."""
        left = self.typical - (time.perf_counter() - since)
        if left > 0:
            await asyncio.sleep(left)

    def close(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)


class Login:
    """The `/login` and `/logout` routes."""

    def __init__(self, accounts: Accounts, tokens: LoginTokens, throttle: LoginThrottle,
                 secure_cookies: bool | None = None, pool: HashPool | None = None):
        self.accounts = accounts
        self.tokens = tokens
        self.throttle = throttle
        self.secure_cookies = secure_cookies
        self.pool = pool or HashPool()

    def _secure(self, request: Request) -> bool:
        return self.secure_cookies if self.secure_cookies is not None else request.url.scheme == "https"

    async def login(self, request: Request) -> Response:
        try:
            form = await request.form(max_files=0, max_fields=8)
            name, password = str(form.get("username") or ""), str(form.get("password") or "")
        except Exception:  # not a form (or files in it): refused like any other bad login
            name, password = "", ""
        source = source_of(request.client.host if request.client else None)
        verdict = Verdict.LOCKED
        if name and password and len(name) <= MAX_NAME_CHARS and len(password) <= MAX_PASSWORD_CHARS:
            verdict = await asyncio.to_thread(self.throttle.attempt, source, name)
        decided = time.perf_counter()
        checked, user = False, None
        if verdict is Verdict.GO:
            checked, user = await self.pool.verify(self.accounts, name, password)
        if user is None:
            if not checked:
                await self.pool.pad(decided)
            # the failure is counted after the answer, so a wrong password answers as fast as a lock
            after = BackgroundTask(self.throttle.failed, source, name) if checked else None
            return JSONResponse(REFUSED, status_code=400, headers={"cache-control": "no-store"}, background=after)
        await asyncio.to_thread(self.throttle.succeeded, source, name)
        token = secrets.token_urlsafe(32)
        await asyncio.to_thread(self.accounts.open_session, user.id, token, self.tokens.hours)
        response = JSONResponse({"success": True}, headers={"cache-control": "no-store"})
        response.set_cookie(COOKIE, token, httponly=True, samesite="lax", secure=self._secure(request), path="/")
        return response

    async def logout(self, request: Request) -> Response:
        token = request.cookies.get(COOKIE)
        if token:
            _RESOLVED.set(None)
            await asyncio.to_thread(self.accounts.close_session, token_hash(token))
        response = JSONResponse({"success": True}, headers={"cache-control": "no-store"})
        response.delete_cookie(COOKIE, path="/", httponly=True, samesite="lax", secure=self._secure(request))
        return response

    @staticmethod
    async def logout_by_link(request: Request) -> Response:
        """A link cannot log anyone out (another site could send one): the page's button posts."""
        return PlainTextResponse("log out with the page's Log out button\n", status_code=405, headers={"allow": "POST"})

    async def user_of(self, token: str | None) -> str | None:
        if not token:
            return None
        hashed = token_hash(token)
        if self.accounts.db.reads_inline:  # a hand-off to a thread costs more than this read
            name = self.accounts.session_user(hashed)
        else:
            name = await asyncio.to_thread(self.accounts.session_user, hashed)
        _RESOLVED.set((hashed, name))
        return name


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
