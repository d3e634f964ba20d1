"""Teams and assignments: a trainer assigns a persona, in practice or exam mode and by a date,
to a trainee or a team; each trainee sees what is assigned, what is due and what is done.

An assignment is done for a trainee when they finished a conversation with that persona, in that
mode, after it was assigned, having replied at least once: nothing extra to record, and nothing a
trainee can mark themselves."""

from __future__ import annotations

import uuid
from datetime import date
from enum import Enum

from pydantic import BaseModel

from coach.accounts import User
from coach.db import Database, utcnow
from coach.errors import Refusal


class Team(BaseModel):
    id: str
    name: str
    members: list[str]  # user ids


class Assignment(BaseModel):
    id: str
    persona_id: str
    mode: str
    due: str | None  # YYYY-MM-DD
    user_id: str | None
    team_id: str | None
    created_by: str
    created_at: str


class Status(str, Enum):
    DONE = "done"
    OVERDUE = "overdue"
    OPEN = "open"


class Assigned(BaseModel):
    """One assignment as one trainee sees it."""

    assignment: Assignment
    status: Status
    conversation_id: str | None = None  # the conversation that completed it


_ASSIGNMENT = "id, persona_id, mode, due, user_id, team_id, created_by, created_at"


class Assignments:
    def __init__(self, db: Database):
        self.db = db

    # -- teams ------------------------------------------------------------------------------
    def teams(self) -> list[Team]:
        with self.db.connect() as db:
            rows = db.execute("SELECT id, name FROM teams ORDER BY name COLLATE NOCASE").fetchall()
            members = db.execute("SELECT team_id, user_id FROM team_members").fetchall()
        return [Team(id=tid, name=name, members=[u for t, u in members if t == tid]) for tid, name in rows]

    def save_team(self, name: str, member_ids: list[str]) -> Team:
        """Create the team, or set the members of the team with that name."""
        name = name.strip()
        if not name or len(name) > 60:
            raise Refusal("error.team_name")
        with self.db.connect(write=True) as db:
            db.lock("teams")
            row = db.execute("SELECT id FROM teams WHERE name = ?", (name,)).fetchone()
            team_id = row[0] if row else uuid.uuid4().hex
            if row is None:
                db.execute("INSERT INTO teams VALUES (?, ?, ?)", (team_id, name, utcnow()))
            db.execute("DELETE FROM team_members WHERE team_id = ?", (team_id,))
            for user_id in dict.fromkeys(member_ids):
                db.execute("INSERT INTO team_members VALUES (?, ?)", (team_id, user_id))
        return Team(id=team_id, name=name, members=list(dict.fromkeys(member_ids)))

    # -- assignments ------------------------------------------------------------------------
    def assign(self, *, persona_id: str, mode: str, due: date | None, by: User, user_id: str | None = None,
               team_id: str | None = None) -> Assignment:
        if (user_id is None) == (team_id is None):
            raise Refusal("error.assign_to")
        a = Assignment(id=uuid.uuid4().hex[:12], persona_id=persona_id, mode=mode,
                       due=due.isoformat() if due else None, user_id=user_id, team_id=team_id, created_by=by.name,
                       created_at=utcnow())
        with self.db.connect(write=True) as db:
            db.execute(f"INSERT INTO assignments ({_ASSIGNMENT}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       (a.id, a.persona_id, a.mode, a.due, a.user_id, a.team_id, a.created_by, a.created_at))
        return a

    def all(self) -> list[Assignment]:
        with self.db.connect() as db:
            rows = db.execute(f"SELECT {_ASSIGNMENT} FROM assignments ORDER BY created_at DESC").fetchall()
        return [Assignment(**dict(zip(_ASSIGNMENT.split(", "), row, strict=True))) for row in rows]

    def members(self) -> dict[str, list[str]]:
        """Each team's member ids, read once for a pass over many assignments."""
        return {t.id: t.members for t in self.teams()}

    @staticmethod
    def assignees(a: Assignment, members: dict[str, list[str]]) -> list[str]:
        """The user ids an assignment is for (a team's members as they are now)."""
        return [a.user_id] if a.user_id else members.get(a.team_id or "", [])

    def status(self, a: Assignment, user_id: str, today: date | None = None) -> Assigned:
        with self.db.connect() as db:
            row = db.execute("SELECT id FROM conversations WHERE owner = ? AND persona_id = ? AND mode = ? "
                             "AND outcome IS NOT NULL AND turns > 0 AND preview = 0 AND started_at >= ? ORDER BY started_at LIMIT 1",
                             (user_id, a.persona_id, a.mode, a.created_at)).fetchone()
        if row:
            return Assigned(assignment=a, status=Status.DONE, conversation_id=row[0])
        today = today or date.today()
        overdue = a.due is not None and date.fromisoformat(a.due) < today
        return Assigned(assignment=a, status=Status.OVERDUE if overdue else Status.OPEN)

    def for_user(self, user: User, today: date | None = None) -> list[Assigned]:
        """What is assigned to this user, directly or through a team: open and overdue first, by due date."""
        members = self.members()
        mine = [a for a in self.all() if user.id in self.assignees(a, members)]
        out = [self.status(a, user.id, today) for a in mine]
        out.sort(key=lambda s: (s.status is Status.DONE, s.assignment.due or "9999"))
        return out
