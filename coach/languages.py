"""The languages coach grades in, and a cheap guess at which one a text is in."""

from __future__ import annotations

import re
from typing import Literal

Lang = Literal["en", "es", "sv", "pl", "lv", "ar"]
LANGUAGES: dict[str, str] = {
    "en": "English",
    "es": "Español",
    "sv": "Svenska",
    "pl": "Polski",
    "lv": "Latviešu",
    "ar": "العربية",
}
RTL = {"ar"}

_ARABIC = re.compile(r"[\u0600-\u06FF]")
_MARKS = {
    "pl": re.compile(r"[ąęłśźżćńĄĘŁŚŹŻĆŃ]"),
    "lv": re.compile(r"[āēīūķļņģĀĒĪŪĶĻŅĢ]"),
    "sv": re.compile(r"[åÅ]"),
    "es": re.compile(r"[ñÑ¿¡]"),
}
_WORDS = {
    "en": {"the", "and", "you", "your", "is", "to", "i", "it", "we", "can", "will", "with", "for", "that", "this", "of"},
    "es": {"el", "la", "que", "de", "y", "es", "su", "usted", "lo", "por", "para", "con", "una", "pero", "muy", "le", "no"},
    "sv": {"och", "att", "det", "är", "jag", "du", "inte", "en", "som", "på", "för", "med", "har", "vi", "kan", "men", "din"},
    "pl": {"i", "nie", "się", "jest", "to", "na", "że", "w", "pan", "pani", "z", "ale", "mogę", "jak", "do", "co", "czy"},
    "lv": {"un", "ir", "es", "jūs", "jums", "ka", "bet", "nav", "lai", "par", "ar", "no", "to", "jūsu", "uz", "var", "kā"},
}
_TOKEN = re.compile(r"\w+", re.UNICODE)


def detect(text: str, default: str = "en") -> str:
    """Guess the language from script, telltale letters, then common words."""
    sample = text[:4000]
    if _ARABIC.search(sample):
        return "ar"
    scores = {lang: 0.0 for lang in _WORDS}
    for lang, pattern in _MARKS.items():
        scores[lang] += 3 * len(pattern.findall(sample))
    for token in _TOKEN.findall(sample.lower()):
        for lang, words in _WORDS.items():
            if token in words:
                scores[lang] += 1
    best = max(scores, key=scores.get)
    return best if scores[best] > 0 else default
