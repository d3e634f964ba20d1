"""Guards around the model: a reply that speaks to the grader, and a customer line out of character.

The words are data (`data/guards.yaml`, every language); a reply or a line is checked against its
own language's patterns and English's (people switch to English to address a machine).
"""

from __future__ import annotations

import re
from functools import cache

import yaml
from pydantic import BaseModel

from coach.languages import clearly_not
from coach.locations import shipped
from coach.offline.text import Text

MIN_CUSTOMER_CHARS = 2
MAX_CUSTOMER_CHARS = 700
MIN_WORDS_FOR_LANGUAGE = 4  # shorter lines are too short to tell their language


@cache
def _patterns(group: str, lang: str) -> re.Pattern[str] | None:
    data = yaml.safe_load(shipped("guards.yaml").read_text(encoding="utf-8")) or {}
    found = [p for code in dict.fromkeys([lang, "en"]) for p in (data.get(group) or {}).get(code, [])]
    return re.compile("|".join(f"(?:{p})" for p in found), re.IGNORECASE) if found else None


def grader_address(reply: str, lang: str) -> str | None:
    """The words with which a reply addresses the grader, if it does."""
    pattern = _patterns("grader_address", lang)
    if pattern is None:
        return None
    text = Text.of(reply)
    m = pattern.search(text.norm)
    return text.evidence(m.start(), m.end()).text if m else None


class LineCheck(BaseModel):
    """What was wrong with a customer line the model wrote (codes, in order of discovery)."""

    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


def check_customer_line(text: str, lang: str) -> LineCheck:
    """Before a model's line is shown: it speaks the persona's language, stays a customer (no talk of
    being an AI, a prompt, a rubric), and is a sensible length."""
    problems = []
    stripped = text.strip()
    if len(stripped) < MIN_CUSTOMER_CHARS:
        problems.append("empty")
    elif len(stripped) > MAX_CUSTOMER_CHARS:
        problems.append("too_long")
    pattern = _patterns("out_of_character", lang)
    if pattern is not None and pattern.search(Text.of(stripped).norm):
        problems.append("out_of_character")
    if len(stripped.split()) >= MIN_WORDS_FOR_LANGUAGE and clearly_not(stripped, lang):
        problems.append("wrong_language")
    return LineCheck(problems=problems)
