"""Accounts: who may use the page and what their role allows; login sessions that expire.

Passwords are hashed with Argon2 (argon2-cffi) and never stored or logged in clear. A login
session is a random token kept only as its SHA-256; it ends when it expires, at logout, or
when the user's password changes or the user is removed.
"""

from __future__ import annotations

import builtins
import hashlib
import re
import uuid
from datetime import UTC, datetime, timedelta
from enum import Enum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from pydantic import BaseModel

from coach.db import Database, utcnow
from coach.errors import Refusal
from coach.languages import Address
from coach.usernames import name_key, normalise, problem

MIN_PASSWORD = 8
_NAME = re.compile(r"^[^\s\x00-\x1f\x7f<>&\"'/\\]{1,64}$")
_SPOKEN = re.compile(r"^[^\W\d_]{2,}(?:-[^\W\d_]{2,})*$")  # letters, maybe hyphenated: a person's name
_hasher = PasswordHasher()
_DUMMY = _hasher.hash("coach: a hash to verify against when the user does not exist")


class Role(str, Enum):
    TRAINEE = "trainee"
    TRAINER = "trainer"
    ADMIN = "admin"

    @property
    def reviews(self) -> bool:
        """Sees everyone's conversations (trainers and admins)."""
        return self in (Role.TRAINER, Role.ADMIN)


class User(BaseModel):
    id: str
    name: str
    role: Role
    created_at: str = ""
    address: Address = Address.NEUTRAL  # how customers speak to them where a language marks gender

    @property
    def spoken_name(self) -> str | None:
        """The name the trainee would give a customer, when the account's name is one ("alice" ->
        "Alice", "anna-maria" -> "Anna-Maria"); none for the local user or a name like "trainer2"."""
        if self.id == "local" or not _SPOKEN.match(self.name):
            return None
        if not self.name.islower():
            return self.name
        return "-".join(part[:1].upper() + part[1:] for part in self.name.split("-"))


LOCAL = User(id="local", name="local", role=Role.ADMIN)  # the one user of a page without accounts


class AccountError(Refusal):
    """A user-management request that cannot be done as asked."""


class Accounts:
    def __init__(self, db: Database):
        self.db = db

    # -- users ------------------------------------------------------------------------------
    def any(self) -> bool:
        with self.db.connect() as db:
            return db.execute("SELECT 1 FROM users LIMIT 1").fetchone() is not None

    def list(self) -> list[User]:
        with self.db.connect() as db:
            rows = db.execute(f"SELECT {_COLUMNS} FROM users ORDER BY name COLLATE NOCASE").fetchall()
        return [_user(r) for r in rows]

    def get(self, user_id: str) -> User | None:
        rows = self.db.query(f"SELECT {_COLUMNS} FROM users WHERE id = ?", (user_id,))
        return _user(rows[0]) if rows else None

    def by_name(self, name: str) -> User | None:
        """The account a name means: compared by its key, so "ALICE" and full-width "ａｌｉｃｅ" are alice."""
        rows = self.db.query(f"SELECT {_COLUMNS} FROM users WHERE name_key = ?", (name_key(name),))
        return _user(rows[0]) if rows else None

    def _existing(self, name: str) -> User:
        user = self.by_name(name)
        if user is None:
            raise AccountError("error.no_user", name=name)
        return user

    def add(self, name: str, role: Role | str, password: str) -> User:
        name = normalise(name)
        if not _NAME.match(name):
            raise AccountError("error.bad_user_name")
        why = problem(name)
        if why:
            raise AccountError(why)
        check_password(password)
        role = Role(role)
        user = User(id=uuid.uuid4().hex, name=name, role=role, created_at=utcnow())
        key = name_key(name)
        with self.db.connect(write=True) as db:
            db.lock("users")
            same = db.execute("SELECT name FROM users WHERE name_key = ? OR name = ?", (key, name)).fetchone()
            if same:
                raise AccountError("error.user_exists", name=same[0])
            db.execute("INSERT INTO users (id, name, role, password_hash, created_at, password_changed_at, name_key) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?)",
                       (user.id, name, role.value, _hasher.hash(password), user.created_at, user.created_at, key))
        return user

    def _admins_left_without(self, db, user: User) -> int:
        return db.execute("SELECT count(*) FROM users WHERE role = 'admin' AND id != ?", (user.id,)).fetchone()[0]

    def set_role(self, name: str, role: Role | str) -> User:
        user, role = self._existing(name), Role(role)
        with self.db.connect(write=True) as db:
            db.lock("users")
            if user.role is Role.ADMIN and role is not Role.ADMIN and not self._admins_left_without(db, user):
                raise AccountError("error.last_admin", name=name)
            db.execute("UPDATE users SET role = ? WHERE id = ?", (role.value, user.id))
        return user.model_copy(update={"role": role})

    def set_address(self, name: str, address: Address | str) -> User:
        """How customers address this person from their next conversation on."""
        user = self._existing(name)
        try:
            form = Address(address)
        except ValueError:
            raise AccountError("error.unknown_address", address=str(address)[:20]) from None
        with self.db.connect(write=True) as db:
            db.execute("UPDATE users SET address = ? WHERE id = ?", (form.value, user.id))
        return user.model_copy(update={"address": form})

    def set_password(self, name: str, password: str) -> None:
        """A new password; every open login of the user ends."""
        user = self._existing(name)
        check_password(password)
        with self.db.connect(write=True) as db:
            db.execute("UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?",
                       (_hasher.hash(password), utcnow(), user.id))
            db.execute("DELETE FROM login_sessions WHERE user_id = ?", (user.id,))

    def remove(self, name: str) -> None:
        """The account and its logins go; its conversations stay, as the training record they are."""
        user = self._existing(name)
        with self.db.connect(write=True) as db:
            db.lock("users")
            if user.role is Role.ADMIN and not self._admins_left_without(db, user):
                raise AccountError("error.last_admin", name=name)
            db.execute("DELETE FROM login_sessions WHERE user_id = ?", (user.id,))
            db.execute("DELETE FROM users WHERE id = ?", (user.id,))

    def verify(self, name: str, password: str) -> User | None:
        """The user when the password is right; the same work is done when the name is unknown."""
        with self.db.connect() as db:
            r = db.execute("SELECT id, password_hash FROM users WHERE name_key = ?", (name_key(name),)).fetchone()
        try:
            _hasher.verify(r[1] if r else _DUMMY, password)
        except (VerificationError, InvalidHashError):
            return None
        if r is None:
            return None
        if _hasher.check_needs_rehash(r[1]):
            with self.db.connect(write=True) as db:
                db.execute("UPDATE users SET password_hash = ? WHERE id = ?", (_hasher.hash(password), r[0]))
        return self.get(r[0])

    # -- login sessions -----------------------------------------------------------------------
    def open_session(self, user_id: str, token: str, hours: float) -> None:
        created = datetime.now(UTC)
        with self.db.connect(write=True) as db:
            db.execute("DELETE FROM login_sessions WHERE expires_at < ?", (created.isoformat(),))
            db.execute("INSERT INTO login_sessions VALUES (?, ?, ?, ?) ON CONFLICT (token_hash) DO UPDATE SET "
                       "user_id = excluded.user_id, created_at = excluded.created_at, expires_at = excluded.expires_at",
                       (token_hash(token), user_id, created.isoformat(),
                        (created + timedelta(hours=hours)).isoformat()))

    def session_user(self, hashed: str) -> str | None:
        """The user name of a live session (by the token's hash), None when expired or closed."""
        rows = self.db.query("SELECT users.name FROM login_sessions JOIN users ON users.id = login_sessions.user_id "
                             "WHERE token_hash = ? AND expires_at > ?", (hashed, datetime.now(UTC).isoformat()))
        return rows[0][0] if rows else None

    def end_sessions(self, name: str) -> int:
        """End every open login of the user (their password stays)."""
        user = self._existing(name)
        with self.db.connect(write=True) as db:
            return db.execute("DELETE FROM login_sessions WHERE user_id = ?", (user.id,)).rowcount

    def close_session(self, hashed: str) -> None:
        with self.db.connect(write=True) as db:
            db.execute("DELETE FROM login_sessions WHERE token_hash = ?", (hashed,))

    def session_hashes(self) -> builtins.list[str]:  # `list` here is the method above
        with self.db.connect() as db:
            return [r[0] for r in db.execute("SELECT token_hash FROM login_sessions").fetchall()]


_COLUMNS = "id, name, role, created_at, address"


def _user(row: tuple) -> User:
    return User(id=row[0], name=row[1], role=Role(row[2]), created_at=row[3], address=Address(row[4]))


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError("error.short_password", length=MIN_PASSWORD)
    if "\x00" in password:
        raise AccountError("error.bad_password")
