"""Personas: the difficult customers trainees practise with, one YAML file each.

A trainer writes a persona without reading code: who the customer is, what happened,
what they want, how they talk, which rubric criteria set them off or calm them down,
when the conversation ends, and the lines the offline engine speaks. The JSON Schema
(`coach persona schema`, `persona.schema.json` beside the shipped personas) lets editors
autocomplete it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, GetJsonSchemaHandler, TypeAdapter, field_validator, model_validator
from pydantic.json_schema import JsonSchemaValue

from coach.datafile import Source, load_model, read_yaml
from coach.errors import CoachError, DataFileError, DataFileErrors
from coach.languages import Address, Lang
from coach.listening import Heard
from coach.locations import shipped, stem
from coach.rubric import Rubric, load_rubric

SHIPPED = shipped("personas")
class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Difficulty(str, Enum):
    EASY = "easy"
    MEDIUM = "medium"
    HARD = "hard"


class Mood(Strict):
    """Mood runs from 0 (calm, satisfied) to 100 (furious)."""

    start: int = Field(ge=0, le=100, description="the mood when the conversation opens")
    resolved_at: int | None = Field(None, ge=0, le=100, description="at or below this the customer is satisfied: resolved")
    walk_out_at: int | None = Field(None, ge=0, le=100, description="at or above this they walk out / hang up")
    escalate_at: int | None = Field(None, ge=0, le=100, description="at or above this, for `escalate_after` turns, they demand a supervisor")
    escalate_after: int = Field(2, ge=1, description="how many turns in a row at `escalate_at` before they escalate")
    drift: int = Field(0, ge=-20, le=20, description="change every turn regardless of the reply (impatience is positive)")
    max_step: int = Field(15, ge=1, le=100, description="the most one reply moves the mood, up or down: people "
                                                         "rarely go from annoyed to gone, or from furious to fine, "
                                                         "in one exchange")

    @model_validator(mode="after")
    def _thresholds_in_order(self) -> Mood:
        if self.resolved_at is not None and self.resolved_at >= self.start:
            raise ValueError("resolved_at must be below start")
        for name in ("walk_out_at", "escalate_at"):
            value = getattr(self, name)
            if value is not None and value <= self.start:
                raise ValueError(f"{name} must be above start")
        return self


class Abuse(Strict):
    """Whether and how the customer turns abusive, and when the trainee may end the call."""

    starts_at: int = Field(ge=0, le=100, description="mood at or above which the customer insults or threatens")
    threat: str | None = Field(None, description="what they threaten (a lawsuit, a bad review...)")
    release_after_boundaries: int = Field(2, ge=1, description="boundaries the trainee must set before releasing the call")


class Line(Strict):
    """One thing the customer can say. A plain string is said to everyone. Where the language marks
    the listener's gender, give `neutral` (for a trainee who has not chosen a form of address) and
    the `feminine` and `masculine` forms; a form left out falls back to `neutral`."""

    neutral: str = Field(min_length=1)
    feminine: str | None = Field(None, min_length=1)
    masculine: str | None = Field(None, min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _plain(cls, value: Any) -> Any:
        return {"neutral": value} if isinstance(value, str) else value

    @classmethod
    def __get_pydantic_json_schema__(cls, core: Any, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        return {"anyOf": [{"type": "string", "minLength": 1}, handler(core)]}

    def to(self, address: Address) -> str:
        """What is said to a trainee addressed this way."""
        return {Address.FEMININE: self.feminine, Address.MASCULINE: self.masculine}.get(address) or self.neutral

    def forms(self) -> list[str]:
        return [text for text in (self.neutral, self.feminine, self.masculine) if text]


Lines = list[Line]


class Answers(Strict):
    """Lines that answer one thing a reply did, by the customer's mood: `any` suits a calm, annoyed or
    angry customer, `calm` only a calm one, `upset` an annoyed or angry one, and `abusive` a customer
    past `abuse.starts_at` (these must insult, like `lines.abusive`, so the trainee may set a
    boundary). A plain list is `any`."""

    any: Lines = Field(default_factory=list)
    calm: Lines = Field(default_factory=list)
    upset: Lines = Field(default_factory=list)
    abusive: Lines = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _plain(cls, value: Any) -> Any:
        return {"any": value} if isinstance(value, list) else value

    @classmethod
    def __get_pydantic_json_schema__(cls, core: Any, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        plain = handler(TypeAdapter(Lines).core_schema)  # a plain list of lines
        return {"anyOf": [{**plain, "minItems": 1}, handler(core)]}

    @model_validator(mode="after")
    def _some(self) -> Answers:
        if not (self.any or self.calm or self.upset or self.abusive):
            raise ValueError("give at least one line")
        return self

    def fitting(self, band: str) -> Lines:
        """The lines that suit a customer in this mood band."""
        if band == "abusive":
            return list(self.abusive)
        return [*self.any, *(self.calm if band == "calm" else self.upset)]

    def all(self) -> Lines:
        return [*self.any, *self.calm, *self.upset, *self.abusive]


# Reactions in the first persona format, keyed by criterion and verdict, where the verdict alone says
# what the reply did. The others (an under_promise pass, a no_condescending_apology fail...) covered
# replies that did different things, so their lines are not carried over.
_LEGACY_REACTIONS = {
    ("no_yes_but", "fail"): Heard.YES_BUT, ("under_promise", "fail"): Heard.OVER_PROMISE,
    ("personalize", "pass"): Heard.NAME_USED, ("acknowledge_feelings", "pass"): Heard.FEELINGS_HEARD,
    ("own_it", "fail"): Heard.EXCUSE, ("own_it", "pass"): Heard.OWNED, ("positive_close", "pass"): Heard.CLOSING,
    ("set_boundaries", "pass"): Heard.BOUNDARY, ("stay_professional", "fail"): Heard.RUDE,
    ("restate_problem", "pass"): Heard.RESTATED, ("next_step", "pass"): Heard.PROMISE,
}


class Script(Strict):
    """What the offline customer says. The mood lines (`calm`, `annoyed`, `angry`, `abusive`) answer
    nothing in particular: they are what the customer says in that mood when the reply did nothing
    they answer. `answers` are tagged with what the reply did (see `coach.listening.Heard`)."""

    calm: Lines = Field(min_length=1)
    annoyed: Lines = Field(min_length=1)
    angry: Lines = Field(min_length=1)
    abusive: Lines = Field(default_factory=list)
    answers: dict[Heard, Answers] = Field(
        default_factory=dict, description="what the reply did (yes_but, calm_down, promise, closing...) -> the "
                                          "lines that answer it")
    resolved: Lines = Field(min_length=1)
    walked_out: Lines = Field(min_length=1)
    escalated: Lines = Field(default_factory=list)
    released: Lines = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _from_reactions(cls, value: Any) -> Any:
        """Files in the first format (lines keyed by criterion and verdict) still load."""
        if not isinstance(value, dict) or "reactions" not in value:
            return value
        value = dict(value)
        reactions = value.pop("reactions") or {}
        answers = dict(value.get("answers") or {})
        if isinstance(reactions, dict):
            for criterion, by_verdict in reactions.items():
                for verdict, lines in (by_verdict or {}).items() if isinstance(by_verdict, dict) else []:
                    tag = _LEGACY_REACTIONS.get((criterion, verdict))
                    if tag is not None and tag.value not in answers and isinstance(lines, list) and lines:
                        answers[tag.value] = lines
        value["answers"] = answers
        return value

    def every_line(self) -> Lines:
        groups = [self.calm, self.annoyed, self.angry, self.abusive, self.resolved, self.walked_out, self.escalated,
                  self.released, *(a.all() for a in self.answers.values())]
        return [line for group in groups for line in group]


class Persona(Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="file-friendly id, e.g. late-parcel")
    display_name: str = Field(min_length=1, max_length=80)
    customer_name: str = Field(min_length=1, description="how the customer is called; the personalize criterion checks it")
    language: Lang
    difficulty: Difficulty
    situation: str = Field(min_length=1, description="what happened, from the trainee's side of the counter")
    wants: str = Field(min_length=1, description="what the customer asks for")
    satisfied_by: str = Field(min_length=1, description="what would actually satisfy them")
    temperament: str = Field(min_length=1)
    speech: str = Field(min_length=1, description="how they talk")
    sources: list[str] = Field(default_factory=list, description="seed article and item the situation comes from")
    mood: Mood
    triggers: dict[str, int] = Field(description="criterion id -> how much a FAIL raises the mood")
    calmers: dict[str, int] = Field(description="criterion id -> how much a PASS lowers the mood")
    abuse: Abuse | None = None
    opening: str = Field(min_length=1)
    lines: Script
    better: dict[str, str] = Field(
        default_factory=dict, description="criterion id -> a better phrasing after that criterion fails, drawn "
                                          "from this customer's situation, in the persona's language ({customer} "
                                          "and {agent} are filled with the names); the rubric's is the fallback")

    @field_validator("triggers", "calmers")
    @classmethod
    def _positive_amounts(cls, value: dict[str, int]) -> dict[str, int]:
        for criterion, amount in value.items():
            if not 0 < amount <= 50:
                raise ValueError(f"{criterion}: amounts are between 1 and 50 (got {amount})")
        return value

    @model_validator(mode="after")
    def _ends_are_reachable(self) -> Persona:
        if self.abuse and not self.lines.abusive:
            raise ValueError("an abusive persona needs lines.abusive")
        if self.abuse and not self.lines.released:
            raise ValueError("an abusive persona needs lines.released")
        if self.mood.escalate_at is not None and not self.lines.escalated:
            raise ValueError("a persona that escalates needs lines.escalated")
        return self


def _criteria_errors(path: Source, persona: Persona, rubric: Rubric, text: str | None) -> list[DataFileError]:
    """Criteria named in triggers, calmers or better phrasings must exist in the rubric."""
    sections: dict[tuple[str, ...], Mapping[str, object]] = {
                ("triggers",): persona.triggers, ("calmers",): persona.calmers, ("better",): persona.better}
    unknown = [(*section, c) for section, mapping in sections.items() for c in mapping if c not in rubric.ids]
    if not unknown:
        return []
    _, lines = read_yaml(path, text)
    return [DataFileError(path, f"'{loc[-1]}' is not a criterion of the rubric ({', '.join(rubric.ids)})",
                          line=lines.get(loc), field=".".join(loc)) for loc in unknown]


def load_persona(path: Source, rubric: Rubric | None = None, *, text: str | None = None,
                 expected_id: str | None = None) -> Persona:
    """One persona file (or `text` reported as that file); its id must match the file name."""
    path = Path(path) if isinstance(path, str) else path
    persona = load_model(path, Persona, text=text)
    errors = _criteria_errors(path, persona, rubric or load_rubric(), text)
    if errors:
        raise errors[0] if len(errors) == 1 else DataFileErrors(errors)
    expected = expected_id or stem(path)
    if persona.id != expected:
        raise DataFileError(path, f"id '{persona.id}' must match the file name '{expected}'", line=1, field="id")
    return persona


class UnknownPersona(CoachError):
    """A persona id that no persona folder holds."""


@dataclass(frozen=True)
class PersonaFolders:
    """Where personas come from: the shipped ones (unless left out), then the trainer's folders.

    A persona in a later folder with the same id replaces an earlier one, so a trainer can
    change a shipped customer by copying its file into their own folder.
    """

    folders: tuple[Path, ...] = ()
    include_shipped: bool = True

    def files(self) -> dict[str, Source]:
        found: dict[str, Source] = {}
        roots: list[Path | Traversable] = [*([SHIPPED] if self.include_shipped else []), *self.folders]
        for root in roots:
            if not root.is_dir():
                raise DataFileError(root, "persona folder not found")
            for node in sorted(root.iterdir(), key=lambda n: n.name):
                if node.name.endswith((".yaml", ".yml")) and node.is_file():
                    found[stem(node)] = node
        return found


def expand(paths: list[Path]) -> list[Path]:
    """Files as given; a folder stands for every persona file in it."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            files: list[Path] = sorted((p for p in path.iterdir() if p.suffix in {".yaml", ".yml"}), key=lambda p: p.name)
            out += files
        else:
            out.append(path)
    return out


def load_personas(paths: list[Path] | None = None, rubric: Rubric | None = None,
                  where: PersonaFolders = PersonaFolders()) -> tuple[list[Persona], list[DataFileError]]:
    """Every persona that loads, and the errors of those that don't: one bad file hides nothing.
    `paths` (files or folders) are loaded as given; otherwise every persona `where` finds."""
    sources: list[Source] = [*expand(paths)] if paths else list(where.files().values())
    rubric = rubric or load_rubric()
    personas, errors = [], []
    for path in sources:
        try:
            personas.append(load_persona(path, rubric))
        except DataFileErrors as exc:
            errors.extend(exc.errors)
        except DataFileError as exc:
            errors.append(exc)
    return personas, errors


def find_persona(name: str, rubric: Rubric | None = None, where: PersonaFolders = PersonaFolders()) -> Persona:
    """A persona by id, or a persona file by path."""
    path = Path(name)
    if path.suffix in {".yaml", ".yml"}:
        return load_persona(path, rubric)
    files = where.files()
    if name not in files:
        raise UnknownPersona(f"unknown persona '{name}'; known: {', '.join(sorted(files))}")
    return load_persona(files[name], rubric)


def persona_schema() -> dict:
    """The JSON Schema of a persona file, for editors (yaml-language-server, VS Code...)."""
    schema = Persona.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "coach persona"
    return schema
