"""A lexicon group's fast regex matches exactly what its patterns, simply joined, match."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from coach.cases import read_cases
from coach.datafile import load_model
from coach.offline.lexicon import LEXICON_DIR, NOT_PATTERNS, Lexicon, available, lexicon
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
    rewritten = 0
    for name, value in lexicon:
        if name in NOT_PATTERNS or not value:
            continue
        patterns = [lower(normalize_pattern(p).replace("(?P<name>", f"(?P<name_{i}>")) for i, p in enumerate(value)]
        plain, fast = _plain(patterns), re.compile(join(patterns))
        rewritten += plain.pattern != fast.pattern
        group = Group(fast)
        for text in texts:
            assert _spans(fast.finditer(text)) == _spans(plain.finditer(text)), (name, text)
            assert _spans(group.finditer(text)) == _spans(plain.finditer(text)), (name, text)  # never skips a match
            for _ in range(4):
                pos = rng.randrange(len(text) + 1)
                end = rng.randrange(pos, len(text) + 2)
                for args in ((pos,), (pos, end)):
                    a, b = fast.search(text, *args), plain.search(text, *args)
                    assert (a and a.span()) == (b and b.span()), (name, text, args)
                    a, b = fast.match(text, *args), plain.match(text, *args)
                    assert (a and a.span()) == (b and b.span()), (name, text, args)
    assert rewritten > 0


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
    group = Group(re.compile(join([r"\b(?:never|not) again\b"])))
    assert group.required == (" again",)
    assert group.search("we will fix it") is None and list(group.finditer("we will fix it")) == []
    assert group.search("this will never again happen").span() == (10, 21)
    assert required_words(re.compile(r"(?:a|b)?c")) == ("c",)
    assert required_words(re.compile(r"\w+")) is None


@pytest.mark.parametrize("lang", available())
def test_one_scan_finds_which_groups_could_match(lang):
    lex = lexicon(lang)
    groups = [g for g in vars(lex).values() if isinstance(g, Group) and g.required]
    assert groups and all(g.index is lex.words for g in groups)
    for text in _texts(lang):
        found = lex.words.groups_in(text)
        for group in groups:
            assert bool(found & group.bit) == any(word in text for word in group.required or ()), (group.required, text)
