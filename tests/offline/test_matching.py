"""A lexicon group's fast regexes match exactly what its patterns, simply joined, match."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from coach.cases import read_cases
from coach.datafile import load_model
from coach.offline.lexicon import (
    CUSTOMER_SIDE,
    LEXICON_DIR,
    NOT_PATTERNS,
    Lexicon,
    available,
    lexicon,
    unmarked_lexicon,
)
from coach.offline.matching import Group, _joined, alternatives, join, lead, lower, required_words
from coach.offline.text import Text, normalize_pattern

EVALS = Path(__file__).resolve().parents[2] / "evals"


def _plain(patterns: list[str]) -> re.Pattern[str]:
    """The patterns joined as they are written (boundary-led alternatives first), no rewriting."""
    alts = [alt for pattern in patterns for alt in alternatives(pattern)]
    return re.compile(_joined([a for a in alts if a.startswith("\\b")] + [a for a in alts if not a.startswith("\\b")]))


def _texts(lang: str) -> list[str]:
    cases = [c for path in [EVALS / "dev.jsonl", *sorted((EVALS / "probes").glob("*.jsonl"))] for c in read_cases(path)]
    rng = random.Random(lang)
    own = [c for c in cases if c.lang == lang]
    chosen = rng.sample(own, min(40, len(own))) + rng.sample(cases, 10)
    texts = [t for c in chosen for t in (c.reply, *(turn.content for turn in c.context))]
    return [str(Text.of(t).low) for t in texts] + ["", "a", "\n"]


def _spans(found) -> list[tuple[int, int]]:
    return [m.span() for m in found]


@pytest.mark.parametrize("lang", available())
def test_every_group_matches_what_its_patterns_match(lang):
    lexicon = load_model(LEXICON_DIR / f"{lang}.yaml", Lexicon)
    texts = _texts(lang)
    rng = random.Random(0)
    rewritten = split = 0
    for name, value in lexicon:
        if name in NOT_PATTERNS or not value:
            continue
        patterns = [lower(normalize_pattern(p).replace("(?P<name>", f"(?P<name_{i}>")) for i, p in enumerate(value)]
        plain, fast = _plain(patterns), re.compile(join(patterns))
        rewritten += plain.pattern != fast.pattern
        group = Group(patterns)
        split += len(group.parts) > 1
        for text in texts:
            assert _spans(fast.finditer(text)) == _spans(plain.finditer(text)), (name, text)
            assert _spans(group.finditer(text)) == _spans(plain.finditer(text)), (name, text)  # never skips a match
            assert [m.groupdict() for m in group.finditer(text)] == [m.groupdict() for m in plain.finditer(text)]
            assert group.findall(text) == plain.findall(text), (name, text)
            for _ in range(4):
                pos = rng.randrange(len(text) + 1)
                end = rng.randrange(pos, len(text) + 2)
                for args in ((pos,), (pos, end)):
                    for found in (fast, group):
                        a, b = found.search(text, *args), plain.search(text, *args)
                        assert (a and a.span()) == (b and b.span()), (name, text, args)
                        a, b = found.match(text, *args), plain.match(text, *args)
                        assert (a and a.span()) == (b and b.span()), (name, text, args)
                    assert _spans(group.finditer(text, *args)) == _spans(plain.finditer(text, *args)), (name, text)
    assert rewritten > 0 and split > 0


def test_alternatives_that_start_anywhere_are_scanned_apart_and_the_leftmost_match_wins():
    group = Group([r"\bwill be fine\b", r"\w+ will be\b", r"\bit will\b"])
    assert len(group.parts) == 2  # the letter-led alternatives, and the one that may start anywhere
    plain = re.compile(_joined([r"\bwill be fine\b", r"\bit will\b", r"\w+ will be\b"]))
    for text in ("it will be fine", "so it will", "that will be fine, it will", "nothing here", "will be fine"):
        assert _spans(group.finditer(text)) == _spans(plain.finditer(text)), text
        assert (group.search(text) and group.search(text).span()) == (plain.search(text) and plain.search(text).span())
    # both parts match at "it": the whole is tried there, boundary-led alternatives first, as ever
    assert group.search("x it will be").group() == plain.search("x it will be").group() == "it will"


def test_a_class_of_characters_or_an_escaped_one_leads_as_each_of_them():
    assert lead(r"[.!?]\s*so") == [(".", r"\s*so"), ("!", r"\s*so"), ("?", r"\s*so")]
    assert lead(r"\.x") == [(".", "x")]
    assert lead(r"[a-z]x") is None and lead(r"[^a]x") is None
    group = Group([r"(?:^|[.!?]\s*)(?:totally )?understood\b", r"\bi see\b"])
    assert group.parts[-1].pattern.pattern.startswith("^")  # tried at the start of the text only
    plain = re.compile(_joined([r"\bi see\b", r"(?:^|[.!?]\s*)(?:totally )?understood\b"]))
    for text in ("understood. i see", "ok! totally understood", "misunderstood? understood", "i see! understood."):
        assert _spans(group.finditer(text)) == _spans(plain.finditer(text)), text


def test_shared_beginnings_are_written_once_in_the_same_order():
    # every alternative at a word boundary: the boundary checked first, once
    assert join([r"\bno (?:way|chance)\b", r"\bnot now\b"]) == r"\b(?:n(?:o(?: (?:way\b|chance\b)|t now\b)))"
    assert join([r"\bno way\b", r"nope"]) == r"n(?:(?<!\w.)o way\b|ope)"
    for text in ("no way", "not now", "no chance, not now", "piano way"):
        assert _spans(re.finditer(join([r"\bno (?:way|chance)\b", r"\bnot now\b"]), text)) == _spans(
            re.finditer(r"\bno (?:way|chance)\b|\bnot now\b", text))


@pytest.mark.parametrize("pattern, text, expected", [
    (r"\b(?:jag|vi) kollar", "nu kollar vi kollar jag kollar", [(10, 19), (20, 30)]),
    (r"(?<!\bnie )\bsprawdzę", "nie sprawdzę, ale sprawdzę", [(18, 26)]),
    (r"(?!nie\b)\bn\w+", "nie nic nowego", [(4, 7), (8, 14)]),
    (r"\b(?:det|den) (?:kommer|är)", "detta är den är", [(9, 15)]),
])
def test_rewriting_keeps_boundaries_and_lookarounds(pattern, text, expected):
    assert lead(pattern) is not None  # rewritten, dispatched on its first letter
    assert _spans(re.compile(join([pattern])).finditer(text)) == expected
    assert _spans(re.finditer(pattern, text)) == expected


def test_an_optional_start_is_tried_with_it_then_without_it():
    assert lead(r"(?:en )?del av") == [("e", "(?:n )del av"), ("d", "el av")]


def test_an_alternative_that_may_start_anywhere_is_left_as_written():
    assert lead(r"(?:^|\s)korrekt") is None
    assert lead(r"\w+avdelningen") is None
    assert join([r"(?P<name>\w+)"]) == r"(?:(?P<name>\w+))"  # a captured name is never duplicated


def test_a_group_skips_a_text_without_the_words_every_match_needs():
    group = Group([r"\b(?:never|not) again\b"])
    assert group.required == (" again",)
    assert group.search("we will fix it") is None and list(group.finditer("we will fix it")) == []
    assert group.search("this will never again happen").span() == (10, 21)
    assert required_words(re.compile(r"(?:a|b)?c")) == ("c",)
    assert required_words(re.compile(r"\w+")) is None


@pytest.mark.parametrize("lang", available())
def test_one_scan_finds_which_groups_could_match(lang):
    lex = lexicon(lang)
    parts = [p for g in vars(lex).values() if isinstance(g, Group) for p in g.parts if p.required]
    assert parts and all(p.index in (lex.words, lex.customer_words) for p in parts)
    for text in _texts(lang):
        found = {index: index.groups_in(text) for index in (lex.words, lex.customer_words)}
        for part in parts:
            assert part.index is not None
            assert bool(found[part.index] & part.bit) == any(word in text for word in part.required or ()), (part.required, text)


@pytest.mark.parametrize("lang", ["es", "lv", "pl", "sv"])
def test_a_customer_typing_without_marks_is_read_with_only_the_customer_side_spelt_plain(lang):
    own, plain = lexicon(lang), unmarked_lexicon(lang)
    for name in Lexicon.model_fields:
        if name in NOT_PATTERNS or not isinstance(getattr(own, name), Group):
            continue
        if name in CUSTOMER_SIDE:
            assert getattr(plain, name) is not getattr(own, name)
            assert all(p.index is plain.customer_words for p in getattr(plain, name).parts if p.required)
        else:  # the reply's groups are compiled once, shared with the language's own lexicon
            assert getattr(plain, name) is getattr(own, name)
    thanks = {"es": "ok gracias, ya esta todo", "lv": "paldies, viss ok", "pl": "ok dzieki, to wszystko",
              "sv": "tack sa mycket, det var allt"}[lang]
    assert plain.closing_customer.search(thanks) or plain.closing_thanks.search(thanks)
