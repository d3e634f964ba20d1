"""The languages coach grades in, and a cheap guess at which one a text is in."""

from __future__ import annotations

import re
from enum import Enum
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


class Address(str, Enum):
    """How the trainee is spoken to where a language marks the listener's gender (Polish "pan" /
    "pani", Spanish "señor" / "señora", Arabic verb forms): chosen in their account, neutral unless
    they choose otherwise."""

    NEUTRAL = "neutral"
    FEMININE = "feminine"
    MASCULINE = "masculine"

_ARABIC = re.compile(r"[\u0600-\u06FF]")
_MARKS = {
    "pl": re.compile(r"[ąęłśźżćńĄĘŁŚŹŻĆŃ]"),
    "lv": re.compile(r"[āēīūķļņģšžčĀĒĪŪĶĻŅĢŠŽČ]"),
    "sv": re.compile(r"[åÅ]"),
    "es": re.compile(r"[ñÑ¿¡]"),
}
_WORDS = {  # frequent function words; a word shared by two languages counts for both
    "en": set("""the and you your is are was were be been to of in on at for with that this it its we our us i me
        my not no do does did can could will would should have has had what when where why how there here
        from by about so but if or an a all just get got very please thank thanks sorry yes okay""".split()),
    "es": set("""el la los las que de y es son está están su sus usted ustedes lo por para con una uno un pero muy le
        les no sí se me mi mis te tu del al como más ya hay este esta eso esto también cuando porque gracias
        nos nuestro nuestra ha he han qué dónde cuándo""".split()),
    "sv": set("""och att det är jag du inte en ett som på för med har vi kan men din ditt dina mig mitt min oss vår
        vara var den de om så till av från här där vad när hur varför tack ja nej också bara ska skulle
        kommer något vill ha mina nu då eller efter innan""".split()),
    "pl": set("""i nie się jest to na że w pan pani z ale mogę jak do co czy są być był była tak jestem państwo
        mnie mi mój moja nasz nasza już tylko bardzo dla przez o po od jeszcze może proszę dziękuję gdzie
        kiedy dlaczego który która""".split()),
    "lv": set("""un ir es jūs jums ka bet nav lai par ar no to jūsu uz var kā mēs mums mūsu man mans mana tas tā
        vai arī jau tikai ļoti pie pēc kad kur kāpēc paldies jā nē lūdzu esmu esam bija būs šo šis""".split()),
}
_TOKEN = re.compile(r"\w+", re.UNICODE)


def scores(text: str) -> dict[str, float]:
    """Evidence for each language: Arabic script, telltale letters (three points each), common words."""
    sample = text[:4000]
    found = {lang: 0.0 for lang in LANGUAGES}
    found["ar"] = 3.0 * len(_ARABIC.findall(sample))
    for lang, pattern in _MARKS.items():
        found[lang] += 3 * len(pattern.findall(sample))
    for token in _TOKEN.findall(sample.lower()):
        for lang, words in _WORDS.items():
            if token in words:
                found[lang] += 1
    return found


def detect(text: str, default: str = "en") -> str:
    """Guess the language from script, telltale letters, then common words."""
    found = scores(text)
    best = max(found, key=lambda lang: found[lang])
    return best if found[best] > 0 else default


def clearly_not(text: str, lang: str) -> str | None:
    """Another language, when the text is clearly in it rather than in `lang` (twice the evidence)."""
    found = scores(text)
    best = max(found, key=lambda code: found[code])
    if best != lang and found[best] >= 3 and found[best] >= 2 * max(1.0, found[lang]):
        return best
    return None


def common_words(lang: str) -> frozenset[str]:
    """The language's frequent function words (empty for languages listed by script)."""
    return frozenset(_WORDS.get(lang, ()))
