"""Find the customer's name, in any inflected form, and the trainee's own name.

Names are matched on a folded copy of the text (lower case, no diacritics, one
letter per letter so offsets still line up). A name matches its stems plus the
inflection endings the language allows: Polish 'Anna' -> 'Anno', 'Annę';
Latvian 'Jānis' -> 'Jāni', 'Jāņa'; Arabic 'أحمد' -> 'لأحمد'.
"""

from __future__ import annotations

import re
from functools import lru_cache

from coach.offline.lexicon import Compiled
from coach.offline.text import Text, normalize_pattern
from coach.offline.textfold import fold

_VOWELS = set("aeiouy")
_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)


def _stems(base: str) -> set[str]:
    stems = {base}
    if len(base) >= 4 and base[-1] in _VOWELS:
        stems.add(base[:-1])  # anna -> ann, kowalska -> kowalsk
    if len(base) >= 5 and base.endswith(("is", "us")):
        stems.add(base[:-2])  # janis -> jan
    elif len(base) >= 4 and base.endswith("s") and base[-2] not in _VOWELS:
        stems.add(base[:-1])  # kristaps -> kristap
    if len(base) >= 4 and base[-2] == "e" and base[-1] in "klcn":
        stems.add(base[:-2] + base[-1])  # marek -> mark, pawel -> pawl (fleeting e)
    if len(base) >= 4 and base[-1] not in _VOWELS:
        stems.add(base[:-1])  # robert -> rober(cie), piotr -> piot(rze)
    return {s for s in stems if len(s) >= 3 or s == base}


@lru_cache(maxsize=512)
def name_pattern(name: str, suffixes: tuple[str, ...], prefixes: tuple[str, ...], titles: frozenset[str]) -> re.Pattern | None:
    parts = [fold(p) for p in _TOKEN.findall(normalize_pattern(name))]
    parts = [p for p in parts if len(p) >= 2 and p not in titles]
    if not parts:
        return None
    stems = sorted({s for p in parts for s in _stems(p)}, key=len, reverse=True)
    suffix = "|".join(re.escape(fold(s)) for s in suffixes if s)
    prefix = "|".join(re.escape(fold(p)) for p in prefixes if p)
    body = "(?:" + "|".join(re.escape(s) for s in stems) + ")" + (f"(?:{suffix})?" if suffix else "")
    # a short name loses its last vowel only before an ending: Polish 'Ewa' -> 'Ewo', 'Ewie'
    short = sorted({p[:-1] for p in parts if len(p) == 3 and p[-1] in _VOWELS})
    if short and suffix:
        body = f"(?:{body}|(?:{'|'.join(map(re.escape, short))})(?:{suffix}))"
    if prefix:
        body = f"(?:{prefix})?" + body
    return re.compile(rf"(?<!\w){body}(?!\w)")


def with_variants(name: str, lex: Compiled) -> str:
    """The name plus its usual short forms (Tomasz -> Tomek), so they inflect like any name."""
    extra = [v for part in _TOKEN.findall(name) for v in lex.name_variants.get(fold(part), ())]
    return " ".join([name, *extra])


def find_customer_name(text: Text, name: str, lex: Compiled) -> list[tuple[int, int]]:
    """Spans (in text.norm) where the customer is named, in any accepted form."""
    pattern = name_pattern(with_variants(name, lex), tuple(lex.name_suffixes) + ("s", "'s"), tuple(lex.name_prefixes),
                           frozenset(lex.name_titles))
    if pattern is None:
        return []
    folded = fold(text.norm)
    cased = any(ch.isupper() for ch in text.norm[:2000])
    spans = []
    for m in pattern.finditer(folded):
        start = m.start()
        # skip an attached prefix when checking the capital letter
        first = text.norm[start:m.end()]
        letters = [c for c in first if c.isalpha()]
        has_case = letters and letters[0].upper() != letters[0].lower()
        if has_case and cased and not any(c.isupper() for c in first[:3]):
            continue  # 'bill' the invoice, not Bill the customer
        spans.append((m.start(), m.end()))
    return spans


def find_own_name(text: Text, lex: Compiled, customer_name: str | None = None) -> tuple[int, int] | None:
    """Span of the name the trainee introduces themself with, if any."""
    customer_parts = {fold(p) for p in _TOKEN.findall(customer_name or "")}
    for m in lex.own_name.finditer(text.norm):
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
