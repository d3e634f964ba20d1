"""The page's and the notices' words in the six languages, kept as data in `data/i18n/<lang>.yaml`.

Each catalog maps a key to a text with `{named}` slots. A text that counts something is a map of
CLDR plural categories instead (`one`, `few`, `many`, `other`...), chosen by its `{count}` slot
with Babel's plural rules for the language: Polish "3 tury" but "5 tur", Latvian "21 gājiens",
Arabic's six forms. A key missing from a language falls back to English, so a half-translated
catalog never breaks the page; the test suite checks every catalog is complete.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

import yaml
from babel import Locale

from coach.languages import LANGUAGES
from coach.locations import shipped

DEFAULT = "en"
COUNT = "count"  # the slot a plural text is chosen by

Entry = str | dict[str, str]


@cache
def entries(lang: str) -> dict[str, Entry]:
    """The catalog as written: plain texts, and plural texts as {category: text}."""
    node = shipped("i18n", f"{lang}.yaml")
    if not node.is_file():
        return {}
    data = yaml.safe_load(node.read_text(encoding="utf-8")) or {}
    return {str(k): ({str(form): str(text) for form, text in v.items()} if isinstance(v, dict) else str(v))
            for k, v in data.items()}


@cache
def catalog(lang: str) -> dict[str, str]:
    """Plain texts only (a plural text as its `other` form): what Gradio's own i18n is given."""
    return {k: (v.get("other") or next(iter(v.values()))) if isinstance(v, dict) else v
            for k, v in entries(lang).items()}


@cache
def plural_categories(lang: str) -> frozenset[str]:
    """The CLDR plural categories the language distinguishes (English: one, other)."""
    return frozenset(Locale.parse(lang).plural_form.tags)


def plural_form(lang: str, count: Any) -> str:
    try:
        return str(Locale.parse(lang).plural_form(abs(count)))
    except (TypeError, ValueError):
        return "other"


class _Slots(dict):
    """Leave an unknown slot visible rather than failing: a typo shows, it does not crash the page."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fill(template: str, params: dict[str, Any]) -> str:
    return template.format_map(_Slots(params))


def t(key: str, lang: str = DEFAULT, **params: Any) -> str:
    """The text for `key` in `lang` (else English, else the key itself), its slots filled."""
    found = entries(lang).get(key) or entries(DEFAULT).get(key)
    if found is None:
        return fill(key, params)
    if isinstance(found, dict):
        used = lang if key in entries(lang) else DEFAULT
        form = plural_form(used, params.get(COUNT, 0))
        found = found.get(form) or found.get("other") or next(iter(found.values()))
    return fill(found, params)


def listed(items: Iterable[str], lang: str = DEFAULT) -> str:
    """Items joined with the language's list separator (the Arabic comma in Arabic)."""
    return t("list.separator", lang).join(items)


def has(key: str) -> bool:
    return key in entries(DEFAULT)


def locale_of(value: str | None) -> str:
    """A supported language code from a browser locale ('lv-LV', 'ar_EG', 'es-419'), else English."""
    if not value:
        return DEFAULT
    for part in str(value).replace("_", "-").split(","):
        code = part.split(";")[0].strip().split("-")[0].lower()
        if code in LANGUAGES:
            return code
    return DEFAULT
