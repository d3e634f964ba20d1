"""The rubric: criteria a reply is graded on, each traceable to the source articles.

The default rubric ships inside the package (`coach/data/rubrics/default.yaml`); a trainer
edits a copy and points the `rubric` setting or `--rubric` at it, to change wording,
examples and weights without touching code. The offline grader and the LLM judge both read it.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from enum import Enum
from pathlib import Path
from typing import cast

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from coach.datafile import Source as FileSource
from coach.datafile import load_model
from coach.i18n import fill
from coach.languages import Lang
from coach.locations import shipped

DEFAULT_RUBRIC = shipped("rubrics", "default.yaml")

# Other tools (eval sets, personas, outside checks) refer to these ids.
REQUIRED_CRITERIA = ("no_yes_but", "under_promise", "personalize", "no_condescending_apology")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Applies(str, Enum):
    """When a criterion is judged at all; otherwise its verdict is n/a."""

    ALWAYS = "always"
    COMMITMENT = "commitment"  # the reply promises or commits to something
    CUSTOMER_NAME_KNOWN = "customer_name_known"
    CUSTOMER_UPSET = "customer_upset"
    CUSTOMER_ABUSIVE = "customer_abusive"
    PROBLEM_RAISED = "problem_raised"
    CLOSING = "closing"
    SPOKEN = "spoken"  # the reply was spoken (a call): graded from the audio, never by the model judge


class Source(Strict):
    seed: str = Field(pattern=r"^\d{3}_[0-9a-f]{16}\.txt$", description="file name of the article in shared/seeds")
    item: str = Field(min_length=1, description="which item or passage of that article")


class Example(Strict):
    lang: Lang
    text: str = Field(min_length=1)
    customer_name: str | None = None
    why: str | None = None


class Criterion(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str = Field(min_length=1, max_length=60)
    good: str = Field(min_length=1, description="what good looks like, in a sentence or two")
    applies: Applies
    applies_note: str = Field(min_length=1)
    weight: float = Field(default=1.0, gt=0)
    resolution: str | None = Field(default=None, description="how the rubric settles a point the articles disagree on")
    pass_examples: list[Example] = Field(min_length=1)
    fail_examples: list[Example] = Field(min_length=1)
    better: dict[Lang, str] = Field(min_length=1, description="a better phrasing to offer after a fail, per language")
    names: dict[Lang, str] = Field(default_factory=dict, description="the name in other languages")
    explanations: dict[str, dict[Lang, str]] = Field(
        default_factory=dict, description="what the offline grader says, per reason and language")
    sources: list[Source] = Field(min_length=1)

    @model_validator(mode="after")
    def _examples_in_several_languages(self) -> Criterion:
        langs = {e.lang for e in self.pass_examples + self.fail_examples}
        if len(langs) < 2:
            raise ValueError("examples must cover at least two languages")
        return self

    @field_validator("explanations")
    @classmethod
    def _explanations_have_english(cls, explanations: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
        missing = sorted(key for key, texts in explanations.items() if "en" not in texts)
        if missing:
            raise ValueError(f"explanations need an English text (the fallback): {', '.join(missing)}")
        return explanations

    def better_for(self, lang: str) -> str:
        better = cast(Mapping[str, str], self.better)  # any code may be looked up; one not in Lang is just absent
        return better.get(lang) or better.get("en") or next(iter(better.values()))

    def name_in(self, lang: str) -> str:
        return self.names.get(lang) or self.name  # type: ignore[call-overload]

    def explanation(self, reason: str, lang: str, params: dict[str, str]) -> str | None:
        """The explanation for a reason in `lang` (else English) with its slots filled; None when
        this rubric has no text for the reason."""
        texts = self.explanations.get(reason)
        if not texts:
            return None
        template = texts.get(lang) or texts["en"]  # type: ignore[call-overload]
        return fill(template, params)  # an unknown slot stays visible: a typo must not break grading


class Outcome(Strict):
    """How the end of a conversation weighs in its score: a walk-out after well-phrased replies is
    not a good result. `share` of the score is the outcome's value (0..1); the rest is the share of
    judged criteria passed. A conversation the trainee ended is valued by how calm the customer was
    left (100 - mood, over 100); one still going on is scored on its replies alone."""

    share: float = Field(default=0.4, ge=0, le=1)
    resolved: float = Field(default=1.0, ge=0, le=1)
    released: float = Field(default=1.0, ge=0, le=1)
    escalated: float = Field(default=0.25, ge=0, le=1)
    walked_out: float = Field(default=0.0, ge=0, le=1)


class Rubric(Strict):
    id: str
    version: str
    title: str
    outcome: Outcome = Field(default_factory=Outcome)
    criteria: list[Criterion] = Field(min_length=1)

    @field_validator("criteria")
    @classmethod
    def _ids_unique_and_required_present(cls, criteria: list[Criterion]) -> list[Criterion]:
        ids = [c.id for c in criteria]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"criterion ids must be unique; repeated: {', '.join(dupes)}")
        missing = [r for r in REQUIRED_CRITERIA if r not in ids]
        if missing:
            raise ValueError(f"required criteria missing: {', '.join(missing)}")
        return criteria

    def explanation(self, criterion_id: str, reason: str, lang: str, params: dict[str, str]) -> str | None:
        """What the grader says for `reason`, in `lang`: from this rubric, else from the shipped one
        (so a trainer's rubric without explanations still explains itself)."""
        for rubric in (self, None):
            rubric = rubric or _shipped()  # only when this rubric has no words for the reason
            try:
                text = rubric.get(criterion_id).explanation(reason, lang, params)
            except KeyError:
                continue
            if text is not None:
                return text
        return None

    def get(self, criterion_id: str) -> Criterion:
        for c in self.criteria:
            if c.id == criterion_id:
                return c
        raise KeyError(criterion_id)

    @property
    def ids(self) -> list[str]:
        return [c.id for c in self.criteria]

    @property
    def judged_ids(self) -> list[str]:
        """The criteria a model judge may be asked about: what the words say, not how they sounded."""
        return [c.id for c in self.criteria if c.applies is not Applies.SPOKEN]


_cache: dict[str, tuple[float, Rubric]] = {}


@functools.cache
def _shipped() -> Rubric:
    """The shipped rubric, read once: it is package data and does not change while coach runs."""
    return load_model(DEFAULT_RUBRIC, Rubric)


def load_rubric(path: FileSource | None = None) -> Rubric:
    """Load and validate a rubric file (the shipped default when no path is given)."""
    source: FileSource = Path(path) if isinstance(path, str) else (path or DEFAULT_RUBRIC)
    try:
        mtime = Path(str(source)).stat().st_mtime
    except OSError:
        mtime = -1.0
    cached = _cache.get(str(source))
    if cached and cached[0] == mtime:
        return cached[1]
    rubric = load_model(source, Rubric)
    _cache[str(source)] = (mtime, rubric)
    return rubric
