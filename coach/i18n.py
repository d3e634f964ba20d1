"""The page's and the notices' words in the six languages, kept as data in `data/i18n/<lang>.yaml`.

Each catalog maps a key to a text with `{named}` slots. A key missing from a language
falls back to English, so a half-translated catalog never breaks the page; the test suite
checks every catalog is complete.
"""

from __future__ import annotations

import string
from functools import cache
from typing import Any

import yaml

from coach.languages import LANGUAGES
from coach.locations import shipped

DEFAULT = "en"


@cache
def catalog(lang: str) -> dict[str, str]:
    node = shipped("i18n", f"{lang}.yaml")
    if not node.is_file():
        return {}
    data = yaml.safe_load(node.read_text(encoding="utf-8")) or {}
    return {str(k): str(v) for k, v in data.items()}


class _Slots(dict):
    """Leave an unknown slot visible rather than failing: a typo shows, it does not crash the page."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fill(template: str, params: dict[str, Any]) -> str:
    return string.Formatter().vformat(template, (), _Slots(params))


def t(key: str, lang: str = DEFAULT, **params: Any) -> str:
    """The text for `key` in `lang` (else English, else the key itself), its slots filled."""
    return fill(catalog(lang).get(key) or catalog(DEFAULT).get(key) or key, params)


def has(key: str) -> bool:
    return key in catalog(DEFAULT)


def locale_of(value: str | None) -> str:
    """A supported language code from a browser locale ('lv-LV', 'ar_EG', 'es-419'), else English."""
    if not value:
        return DEFAULT
    for part in str(value).replace("_", "-").split(","):
        code = part.split(";")[0].strip().split("-")[0].lower()
        if code in LANGUAGES:
            return code
    return DEFAULT
