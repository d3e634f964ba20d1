"""Find the customer's name, in any inflected form, and the trainee's own name.

Names are matched on a folded copy of the text (lower case, no diacritics, one
letter per letter so offsets still line up). A name matches its stems plus the
inflection endings the language allows: Polish 'Anna' -> 'Anno', 'Annę';
Latvian 'Jānis' -> 'Jāni', 'Jāņa'; Arabic 'أحمد' -> 'لأحمد'.
"""

from __future__ import annotations

import re
from functools import lru_cache

from coach.languages import common_words
from coach.offline.lexicon import Compiled
from coach.offline.text import Text, normalize_pattern
from coach.offline.textfold import fold

_VOWELS = set("aeiouy")
_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)


def _stems(base: str, changes: tuple[tuple[str, str], ...] = ()) -> set[str]:
    stems = {base} | {base[:-len(end)] + new for end, new in changes if len(base) > len(end) + 2 and base.endswith(end)}
    if len(base) >= 4 and base[-1] in _VOWELS:
        stems.add(base[:-1])  # anna -> ann, kowalska -> kowalsk
    if len(base) >= 5 and base.endswith(("is", "us")):
        stems.add(base[:-2])  # janis -> jan
    elif len(base) >= 4 and base.endswith("s") and base[-2] not in _VOWELS:
        stems.add(base[:-1])  # kristaps -> kristap
    if len(base) >= 4 and base[-2] == "e" and base[-1] in "klcnr":
        stems.add(base[:-2] + base[-1])  # marek -> mark, pawel -> pawl, kacper -> kacpr(ze) (fleeting e)
    if len(base) >= 4 and base[-1] not in _VOWELS:
        stems.add(base[:-1])  # robert -> rober(cie), piotr -> piot(rze)
    return {s for s in stems if len(s) >= 3 or s == base}


@lru_cache(maxsize=4096)
def name_forms(name: str, suffixes: tuple[str, ...], titles: frozenset[str],
               changes: tuple[tuple[str, str], ...] = ()) -> frozenset[str]:
    """Every folded word form the name may take: its stems, each with any of the language's endings.
    A short name loses its last vowel only before an ending: Polish 'Ewa' -> 'Ewo', 'Ewie'; a stem
    may change before the ending as the language's table says: Latvian 'Saulītis' -> 'Saulīša'."""
    parts = [fold(p) for p in _TOKEN.findall(normalize_pattern(name))]
    parts = [p for p in parts if len(p) >= 2 and p not in titles]
    endings = {fold(s) for s in suffixes if s} | {""}
    forms = {stem + ending for p in parts for stem in _stems(p, changes) for ending in endings}
    # short forms made by cutting a long name: Sofía -> Sofi, Benjamín -> Benja, Christopher -> Chris
    forms |= {p[:n] for p in parts if len(p) >= 6 for n in range(4, len(p) - 1)}
    forms |= {p[:-1] + ending for p in parts if len(p) == 3 and p[-1] in _VOWELS for ending in endings if ending}
    return frozenset(forms)


def with_variants(name: str, lex: Compiled) -> str:
    """The name plus its usual short forms (Tomasz -> Tomek), so they inflect like any name."""
    extra = [v for part in _TOKEN.findall(name) for v in lex.name_variants.get(fold(part), ())]
    return " ".join([name, *extra])


_WORDS = re.compile(r"\w+")


def find_customer_name(text: Text, name: str, lex: Compiled) -> list[tuple[int, int]]:
    """Spans (in text.norm) where the customer is named, in any accepted form: each word of the reply
    is looked up among the name's forms (after an attached particle such as Arabic 'ل' or 'يا')."""
    forms = name_forms(with_variants(name, lex), (*lex.name_suffixes, "s"), lex.name_titles, lex.name_stem_changes)
    if not forms:
        return []
    folded = fold(text.norm)
    cased = any(ch.isupper() for ch in text.norm[:2000])
    spans = []
    prefixes = tuple(lex.name_prefixes)
    for m in _WORDS.finditer(folded):
        word = m.group()
        if word not in forms and not (word.startswith(prefixes) and any(
                word.startswith(p) and word[len(p):] in forms for p in prefixes)):
            continue
        first = text.norm[m.start():m.end()]
        letters = [c for c in first if c.isalpha()]
        has_case = letters and letters[0].upper() != letters[0].lower()
        if has_case and cased and not any(c.isupper() for c in first[:3]):
            continue  # 'bill' the invoice, not Bill the customer
        spans.append((m.start(), m.end()))
    return spans or _short_form_in_address(text, name, lex)


_ADDRESSED = re.compile(r"(?<!\w)([^\W\d_]{3,})(?=\s*[,!])")


def _short_form_in_address(text: Text, name: str, lex: Compiled) -> list[tuple[int, int]]:
    """A short form the name's letters contain, where a name is spoken to ("Hey Bec, ...",
    "Good afternoon Emeka, ..."): capitalized, right before a comma or '!', not a common word."""
    parts = [fold(p) for p in _TOKEN.findall(normalize_pattern(name)) if len(p) >= 5]
    if not parts:
        return []
    common = common_words(lex.lang)
    for m in _ADDRESSED.finditer(text.norm):
        word = m.group(1)
        folded = fold(word)
        if word[0].isupper() and folded not in common and any(folded in part for part in parts):
            return [(m.start(1), m.end(1))]
    return []


def find_own_name(text: Text, lex: Compiled, customer_name: str | None = None) -> tuple[int, int] | None:
    """Span of the name the trainee introduces themself with, if any."""
    customer_parts = {fold(p) for p in _TOKEN.findall(customer_name or "")}
    for m in lex.own_name.finditer(text.low):
        span = _named_group_span(m)
        if span is None:
            continue
        word = text.norm[span[0]:span[1]]
        folded = fold(word)
        if folded in lex.not_names or folded in customer_parts or len(word) < 2:
            continue
        if word[0].upper() != word[0].lower() and not word[0].isupper():
            continue  # 'I'm happy to help' is not an introduction
        return span
    return None


def _named_group_span(m: re.Match) -> tuple[int, int] | None:
    for key, value in m.groupdict().items():
        if key.startswith("name") and value:
            return m.span(key)
    return None
