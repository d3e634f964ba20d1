"""How a better phrasing speaks to the customer: in their language's grammar, not the nominative.

"Dzień dobry, Zbigniew" is wrong in Polish: a customer is addressed "Panie Zbigniewie"; a Latvian
Jānis is addressed "Jāni". The rules (a vocative suffix table and the polite frame, per language)
are data in `address.yaml`; the trainee's own name falls back to a placeholder in the reply's language.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

import yaml
from pydantic import BaseModel, Field


class Vocative(BaseModel):
    female: list[tuple[str, str]] = Field(default_factory=list)
    male: list[tuple[str, str]] = Field(default_factory=list)


class AddressRules(BaseModel):
    your_name: str = "[your name]"
    polite: dict[str, str] = Field(default_factory=dict)  # gender -> "Panie {name}"
    female_endings: list[str] = Field(default_factory=list)
    male_exceptions: list[str] = Field(default_factory=list)
    vocative: Vocative = Field(default_factory=Vocative)


@cache
def rules(lang: str) -> AddressRules:
    data = yaml.safe_load(files("coach.offline").joinpath("address.yaml").read_text(encoding="utf-8")) or {}
    return AddressRules.model_validate(data.get(lang) or data.get("en") or {})


def _inflect(name: str, table: list[tuple[str, str]]) -> str:
    lower = name.lower()
    for suffix, replacement in sorted(table, key=lambda pair: -len(pair[0])):
        if lower.endswith(suffix) and len(name) > len(suffix):
            return name[: len(name) - len(suffix)] + replacement
    return name


def address(customer_name: str, lang: str) -> str:
    """How to call the customer by name in `lang`: the first name, in the vocative where the
    language has one, in the polite frame the language uses."""
    first = customer_name.split()[0]
    r = rules(lang)
    if not r.vocative.female and not r.vocative.male and not r.polite:
        return first
    declines_like_female = first.lower().endswith(tuple(r.female_endings))
    female = declines_like_female and first.lower() not in r.male_exceptions  # Kuba is a man, declined as Kubo
    gender = "female" if female else "male"
    inflected = _inflect(first, r.vocative.female if declines_like_female else r.vocative.male)
    frame = r.polite.get(gender, "{name}")
    return frame.format(name=inflected)


def your_name(lang: str) -> str:
    return rules(lang).your_name
