"""Per-language phrase patterns the offline grader matches, kept as data.

Each language has one YAML file in `lexicons/` with regular expressions grouped by
what they signal. Adding a language means adding a file, not code. Patterns are
matched case-insensitively against normalized text (see `text.py`).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from coach.datafile import load_model
from coach.offline.text import normalize_pattern
from coach.offline.textfold import fold

LEXICON_DIR = Path(__file__).resolve().parent / "lexicons"
Patterns = list[str]
# fields of a lexicon that are word lists or tables, not regular expressions
NOT_PATTERNS = frozenset({"lang", "not_names", "name_titles", "name_suffixes", "name_prefixes", "name_variants"})


class Lexicon(BaseModel):
    """Pattern groups for one language. Every group is a list of regexes."""

    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)

    lang: str
    # no_yes_but
    acknowledge: Patterns = Field(description="agreeing or acknowledging: yes, I understand, I'm sorry")
    contrast: Patterns = Field(description="words that turn a statement around: but, however, that said")
    concessive: Patterns = Field(default_factory=list, description="'even though' opening a sentence: the turn comes after the comma")
    negation: Patterns = Field(default_factory=list, description="plain negation words: not, inte, nie, ne-...")
    offer: Patterns = Field(description="what follows a contrast when it leads to help (anchored at its start)")
    refusal: Patterns = Field(default_factory=list, description="what follows a contrast when it refuses (anchored)")
    good_news: Patterns = Field(default_factory=list, description="something the speaker has already done for them")
    expectation: Patterns = Field(default_factory=list, description="an honest estimate of what others usually take")
    # under_promise
    guarantee: Patterns
    ensure: Patterns = Field(default_factory=list, description="'I'll make sure it arrives': guaranteeing a result others deliver")
    guarantee_negated: Patterns
    outcome: Patterns = Field(description="a result that depends on others, stated as certain future")
    deadline: Patterns
    never_again: Patterns
    own_action: Patterns = Field(description="the speaker committing to their own next step")
    from_me: Patterns = Field(default_factory=list, description="'from me', 'myself': the result is the speaker's own doing")
    hedge: Patterns
    # personalize
    own_name: Patterns = Field(description="introductions; the group (?P<name>...) captures the name")
    not_names: list[str] = Field(default_factory=list, description="words an introduction pattern may catch that are not names")
    name_titles: list[str] = Field(default_factory=list)
    name_suffixes: list[str] = Field(default_factory=list, description="inflection endings a name may take")
    name_variants: dict[str, list[str]] = Field(default_factory=dict, description="short forms and diminutives: Tomasz -> Tomek")
    name_prefixes: list[str] = Field(default_factory=list, description="particles that attach before a name")
    generic_address: Patterns = Field(default_factory=list, description="'dear customer' and the like")
    # no_condescending_apology
    feelings_apology: Patterns
    talking_down: Patterns
    negated_speech: Patterns = Field(default_factory=list, description="'I won't tell you to': what follows is not said")
    apology: Patterns
    # the other criteria
    empathy: Patterns
    restate: Patterns
    excuse: Patterns
    ownership: Patterns
    boundary: Patterns
    unprofessional: Patterns
    positive_close: Patterns
    # the customer's side of the conversation
    upset: Patterns
    abuse: Patterns
    closing_customer: Patterns

    @field_validator("*", mode="after")
    @classmethod
    def _patterns_compile(cls, value, info: ValidationInfo):
        if info.field_name in NOT_PATTERNS:
            return value
        for i, pattern in enumerate(value):
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"pattern {i} does not compile: {exc}") from None
        return value


class Compiled:
    """A lexicon with each pattern group joined into one compiled regex."""

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        self.lang = lexicon.lang
        flags = re.IGNORECASE | re.UNICODE
        for name, value in lexicon:
            if name in NOT_PATTERNS:
                continue
            # several patterns may each capture (?P<name>...); number them apart
            joined = "|".join(f"(?:{normalize_pattern(p).replace('(?P<name>', f'(?P<name_{i}>')})"
                              for i, p in enumerate(value))
            setattr(self, name, re.compile(joined, flags) if value else _NEVER)  # an empty group never matches
        self.not_names = {fold(normalize_pattern(w)) for w in lexicon.not_names}
        self.name_titles = {fold(normalize_pattern(w)) for w in lexicon.name_titles}
        self.name_suffixes = sorted(lexicon.name_suffixes, key=len, reverse=True)
        self.name_variants = {fold(k): tuple(fold(v) for v in vs) for k, vs in lexicon.name_variants.items()}
        self.name_prefixes = sorted((normalize_pattern(p) for p in lexicon.name_prefixes), key=len, reverse=True)


_NEVER = re.compile(r"(?!x)x")


def available() -> list[str]:
    return sorted(p.stem for p in LEXICON_DIR.glob("*.yaml"))


@cache
def lexicon(lang: str) -> Compiled:
    path = LEXICON_DIR / f"{lang}.yaml"
    if not path.exists():
        path = LEXICON_DIR / "en.yaml"
    return Compiled(load_model(path, Lexicon))
