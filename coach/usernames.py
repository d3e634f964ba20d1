"""User names people can tell apart in a picker.

A name is stored as typed after NFKC normalisation (full-width "ａｄｍｉｎ" becomes "admin").
Names with invisible characters (zero-width spaces, direction marks) or letters from more than
one script ("аdmin" with a Cyrillic а) are refused. Two names are the same account when their
keys match: NFKC, letters of other scripts that pass for Latin ones read as those
(`data/lookalikes.yaml`), case-folded, so "рое" in Cyrillic cannot be added beside "poe".
"""

from __future__ import annotations

import unicodedata
from functools import cache

import yaml

from coach.locations import shipped

# Invisible or unassigned: format characters (U+200B, U+202E ...), controls, surrogates, private
# use, unassigned code points, and separators of every kind.
_INVISIBLE = {"Cf", "Cc", "Cs", "Co", "Cn", "Zs", "Zl", "Zp"}
# Scripts that are written together: Japanese mixes Han and kana, Korean Hangul and Han.
# Arabic-Indic digits are written with Arabic letters.
_FAMILY = {"CJK": "HAN", "HIRAGANA": "HAN", "KATAKANA": "HAN", "HANGUL": "HAN", "KATAKANA-HIRAGANA": "HAN",
           "ARABIC-INDIC": "ARABIC", "EXTENDED": "ARABIC"}


def normalise(name: str) -> str:
    return unicodedata.normalize("NFKC", name).strip()


@cache
def _lookalikes() -> dict[str, str]:
    data = yaml.safe_load(shipped("lookalikes.yaml").read_text(encoding="utf-8")) or {}
    return {str(k): str(v) for script in data.values() for k, v in script.items()}


def name_key(name: str) -> str:
    """What two names are compared by (`Accounts` keeps it unique)."""
    table = _lookalikes()
    latin = "".join(table.get(ch, ch) for ch in normalise(name))
    return unicodedata.normalize("NFKC", latin.casefold())


def _script(ch: str) -> str | None:
    """The script of a letter or digit from its Unicode name ("CYRILLIC SMALL LETTER A" -> CYRILLIC);
    None for marks and punctuation, which go with any script."""
    category = unicodedata.category(ch)
    if not (category.startswith("L") or category == "Nd"):
        return None
    if "0" <= ch <= "9":
        return None  # ASCII digits go with every script
    words = unicodedata.name(ch, "").split()
    if not words:
        return "UNKNOWN"
    head = "CJK" if words[0] == "CJK" else words[0]
    return _FAMILY.get(head, head)


def problem(name: str) -> str | None:
    """Why a (normalised) name cannot be used, as an i18n key; None when it is fine."""
    if any(unicodedata.category(ch) in _INVISIBLE for ch in name):
        return "error.name_invisible"
    scripts = {s for ch in name if (s := _script(ch)) is not None}
    if len(scripts) > 1:
        return "error.name_mixed_scripts"
    return None
