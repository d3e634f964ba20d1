"""The case format: one labelled reply in its conversation (a public interface).

`coach grade --cases`, the eval runs and outside checks all read and write it:
{"id", "lang", "customer_name", "context": [{"role", "content"}], "reply", "labels"?}.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from coach.datafile import iter_jsonl, iter_jsonl_lines
from coach.errors import DataFileError, DataFileErrors
from coach.grades import LABELS, Verdict
from coach.languages import LANGUAGES

GOLD = {v.value for v in LABELS}  # "unjudged" is the grader's outcome, never a label
_LANG_NAMES = {name.casefold(): code for code, name in LANGUAGES.items()} | {
    "english": "en", "spanish": "es", "swedish": "sv", "polish": "pl", "latvian": "lv", "arabic": "ar",
}


class Turn(BaseModel):
    model_config = ConfigDict(extra="ignore")

    role: Literal["customer", "trainee"]
    content: str


class Case(BaseModel):
    # Unknown fields are ignored: outside datasets may carry notes of their own.
    model_config = ConfigDict(extra="ignore")

    id: str | int
    lang: str | None = None
    customer_name: str | None = None
    agent_name: str | None = None
    context: list[Turn] = Field(default_factory=list)
    reply: str
    labels: dict[str, Verdict] = Field(default_factory=dict)
    group: str | None = None

    @field_validator("lang", mode="before")
    @classmethod
    def _lang_code(cls, value):
        if value is None or value == "":
            return None
        text = str(value).strip()
        code = _LANG_NAMES.get(text.casefold(), text.split("-")[0].split("_")[0].lower())
        if code not in LANGUAGES:
            raise ValueError(f"unknown language {value!r}; use one of {', '.join(LANGUAGES)}")
        return code

    @field_validator("labels", mode="before")
    @classmethod
    def _label_spellings(cls, value):
        if isinstance(value, dict):
            fixed = {}
            for key, verdict in value.items():
                v = str(verdict).strip().lower() if verdict is not None else "n/a"
                fixed[key] = {"na": "n/a", "n.a.": "n/a", "none": "n/a", "null": "n/a"}.get(v, v)
                if fixed[key] not in GOLD:
                    raise ValueError(f"{key}: {verdict!r} is not a gold label; a label says pass, fail or n/a")
            return fixed
        return value


def read_cases(path: str | Path) -> Iterator[Case]:
    return iter_jsonl(path, Case)


def read_cases_lines(path: str | Path) -> Iterator[tuple[int, Case | DataFileError | DataFileErrors]]:
    """Each case with its line number, or the error for a line that is not a valid case."""
    return iter_jsonl_lines(path, Case)
