"""Personas edited in the page: every save a version in the database (who, when, what changed),
drafts until published. A conversation records the version it was played with, so its transcript
always reads against that persona. Files in the persona folders still load; a published version
with the same id takes their place in the list."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from coach.datafile import MAX_FILE_CHARS
from coach.db import Database, utcnow
from coach.errors import DataFileError, DataFileErrors, Refusal
from coach.personas import Persona, load_persona
from coach.rubric import Rubric

PUBLISHED = "personas"  # the topic every process watches to refresh its published personas
_ID = re.compile(r"""^id:[ \t]*["']?([a-z0-9][a-z0-9_-]{0,63})["']?[ \t]*(?:#.*)?$""", re.M)


class PersonaVersion(BaseModel):
    persona_id: str
    version: int
    author: str
    created_at: str
    published_at: str | None
    changed: str  # the top-level fields that differ from the version before ("" for the first)


def validate(text: str, rubric: Rubric, path: Path | None = None) -> tuple[Persona | None, list[DataFileError]]:
    """The persona in `text`, or every problem with it as file:line: field messages. `path`: the
    file it comes from (its name must be the id); else it is named after the id it declares."""
    if path is None:
        declared = _ID.search(text[:MAX_FILE_CHARS])
        pid = declared.group(1) if declared else "persona"
        path = Path(f"{pid}.yaml")
    try:
        return load_persona(path, rubric, text=text), []
    except DataFileErrors as exc:
        return None, exc.errors
    except DataFileError as exc:
        return None, [exc]


def _changed(before: str | None, after: str) -> str:
    if before is None:
        return ""
    old: dict[str, Any] = yaml.safe_load(before) or {}
    new: dict[str, Any] = yaml.safe_load(after) or {}
    return ", ".join(k for k in dict.fromkeys([*old, *new]) if old.get(k) != new.get(k))


class PersonaVersions:
    def __init__(self, db: Database, rubric: Rubric):
        self.db = db
        self.rubric = rubric
        self._parsed: dict[tuple[str, int], Persona | None] = {}  # a version's text never changes

    def save(self, text: str, author: str, path: Path | None = None,
             base: tuple[str | None, int] | None = None) -> PersonaVersion:
        """A new draft version of the persona the text declares (validated first, as `path` if given).

        `base`: (persona id, version) the editor started from (version 0: no saved version, a file
        or a new persona). When someone saved that persona since, the save is refused, naming who
        and which fields they changed: two trainers editing at once never silently lose an edit.
        None (a file imported from the command line) saves on top of whatever is there."""
        persona, errors = validate(text, self.rubric, path)
        if persona is None:
            raise errors[0] if len(errors) == 1 else DataFileErrors(errors)
        with self.db.connect(write=True) as db:
            db.lock(f"persona:{persona.id}")
            row = db.execute("SELECT version, yaml FROM persona_versions WHERE persona_id = ? ORDER BY version DESC "
                             "LIMIT 1", (persona.id,)).fetchone()
            latest = row[0] if row else 0
            started = None if base is None else (int(base[1]) if base[0] == persona.id else 0)
            if started is not None and started != latest:
                self._refuse_stale(db, persona.id, started, latest)
            version = latest + 1
            changed = _changed(row[1] if row else None, text)
            db.execute("INSERT INTO persona_versions (persona_id, version, yaml, author, created_at, changed, base) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?)", (persona.id, version, text, author, utcnow(), changed, started))
        return self.version(persona.id, version)  # type: ignore[return-value]

    @staticmethod
    def _refuse_stale(db: Any, persona_id: str, started: int, latest: int) -> None:
        rows = db.execute("SELECT version, yaml, author FROM persona_versions WHERE persona_id = ? AND version IN (?, ?)",
                          (persona_id, started, latest)).fetchall()
        texts = {r[0]: r[1] for r in rows}
        authors = db.execute("SELECT DISTINCT author FROM persona_versions WHERE persona_id = ? AND version > ? "
                             "ORDER BY author", (persona_id, started)).fetchall()
        fields = _changed(texts.get(started, ""), texts.get(latest, "")) or "-"
        raise Refusal("error.persona_stale", id=persona_id, base=started, latest=latest,
                      authors=", ".join(a[0] for a in authors), fields=fields)

    def publish(self, persona_id: str, version: int) -> PersonaVersion | None:
        with self.db.connect(write=True) as db:
            published = db.execute("UPDATE persona_versions SET published_at = ? WHERE persona_id = ? AND version = ?",
                                   (utcnow(), persona_id, version)).rowcount
            if published:
                db.changed(PUBLISHED)
        return self.version(persona_id, version)

    def version(self, persona_id: str, version: int) -> PersonaVersion | None:
        with self.db.connect() as db:
            row = db.execute("SELECT persona_id, version, author, created_at, published_at, changed FROM "
                             "persona_versions WHERE persona_id = ? AND version = ?", (persona_id, version)).fetchone()
        return PersonaVersion(**dict(zip(PersonaVersion.model_fields, row, strict=True))) if row else None

    def history(self, persona_id: str) -> list[PersonaVersion]:
        with self.db.connect() as db:
            rows = db.execute("SELECT persona_id, version, author, created_at, published_at, changed FROM "
                              "persona_versions WHERE persona_id = ? ORDER BY version DESC", (persona_id,)).fetchall()
        return [PersonaVersion(**dict(zip(PersonaVersion.model_fields, row, strict=True))) for row in rows]

    def ids(self) -> list[str]:
        with self.db.connect() as db:
            return [row[0] for row in db.execute("SELECT DISTINCT persona_id FROM persona_versions ORDER BY persona_id")]

    def text(self, persona_id: str, version: int) -> str | None:
        with self.db.connect() as db:
            row = db.execute("SELECT yaml FROM persona_versions WHERE persona_id = ? AND version = ?",
                             (persona_id, version)).fetchone()
        return row[0] if row else None

    def persona(self, persona_id: str, version: int) -> Persona | None:
        key = (persona_id, version)
        if key not in self._parsed:
            text = self.text(persona_id, version)
            self._parsed[key] = validate(text, self.rubric)[0] if text is not None else None
        return self._parsed[key]

    def published(self) -> dict[str, tuple[int, Persona]]:
        """The live version of every persona edited in the page: the one published last (publishing
        an older version brings it back)."""
        with self.db.connect() as db:
            rows = db.execute("SELECT persona_id, version FROM persona_versions p WHERE published_at = "
                              "(SELECT MAX(published_at) FROM persona_versions q WHERE q.persona_id = p.persona_id)"
                              ).fetchall()
        out = {}
        for pid, version in rows:
            persona = self.persona(pid, version)
            if persona is not None:  # a rubric change may have made an old version invalid: the file stands
                out[pid] = (version, persona)
        return out
