"""Reply text prepared for matching: normalized, with a map back to the original.

Patterns match the normalized text (one apostrophe, no Arabic diacritics, one alef);
every span found is mapped back so quoted evidence is an exact slice of what the
trainee typed.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field

from coach.grades import Evidence

# Arabic letters spelled one way in replies and patterns alike: alef forms -> bare alef, alef maqsura -> ya
_ARABIC_LETTERS = {"\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627", "\u0649": "\u064a"}
_LETTERS_ONLY = str.maketrans(_ARABIC_LETTERS)
# One-to-one substitutions keep offsets unchanged.
_SAME_LENGTH = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00b4": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
    "\u00a0": " ", "\u202f": " ", "\u2009": " ",
    "\u060c": ",", "\u061b": ";", "\u061f": "?",  # Arabic comma, semicolon, question mark
    **_ARABIC_LETTERS,
})
_SUBSTITUTED = re.compile("[" + re.escape("".join(map(chr, _SAME_LENGTH))) + "]")  # translating costs more than looking
# Characters dropped before matching: Arabic harakat, tatweel, zero-width marks.
_DROP = re.compile("[\u064b-\u065f\u0670\u0640\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
# a decimal point ("£129.99", "14.12") ends no sentence, nor an ordinal's ("31. janvārī"); an emoji before a capital or a digit ends one ("delar med
# dig 😄 Ett nytt kort...", an emoji that ends on its variation selector included: "det lovar jag 🙋‍♀️ Förlåt...")
_SENTENCE_END = re.compile(r"(?!(?<=\d)\.\d)(?!(?<=\d)\. [a-zà-þā-ž])[.!?…\n]+[\"')\]]*\s*|;\s+|(?<=[\U0001F300-\U0001FAFF\u2600-\u27BF\uFE0F])\s+(?=[A-ZÀ-ÞĀ-Ž0-9])")
# titles and abbreviations whose dot does not end a sentence ("Entiendo, Sr. Pérez, pero...")
_ABBREVIATIONS = frozenset("""mr mrs ms mx dr st prof sr sra srta sres dña dn lic ing arq hr fr fru ul nr godz tel
    pkt np tzw kung kdze vs approx kl plkst ca tālr apm piem aprox núm pág tfn""".split())  # and "kl. 14", "plkst. 12"
_WORD_BEFORE = re.compile(r"(\w+)$")
_JOINERS = "'-\u2010\u2011"  # inside a word when letters stand on both sides: "don't", "one-bed"


def normalize_pattern(pattern: str) -> str:
    """Spell a pattern the way `Text` spells replies (letters only: regex syntax is untouched)."""
    return _DROP.sub("", pattern.translate(_LETTERS_ONLY))


def lowered(text: str) -> str:
    """Lower case, one character for one character (so offsets into `norm` hold for it too)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


class Prepared(str):
    """A text as lexicon patterns match it, remembering which pattern groups could match it at all
    and the matches of a group over all of it (`matching.Group` fills it in; it lives and dies with
    its `Text`, one reply or turn)."""

    memo: dict


def prepared(text: str) -> Prepared:
    ready = Prepared(text)
    ready.memo = {}
    return ready


@dataclass
class Text:
    original: str
    norm: str
    _index: list[int] | None = None  # norm position -> original position, None when identical
    low: str = ""  # `norm` in lower case, same length: what lexicon patterns match (they are lower-cased too)
    _sentences: list[tuple[int, int]] | None = field(default=None, repr=False)
    _starts: list[int] | None = field(default=None, repr=False)

    @classmethod
    def of(cls, original: str) -> Text:
        mapped = original.translate(_SAME_LENGTH) if _SUBSTITUTED.search(original) else original
        if not _DROP.search(mapped):
            return cls(original, mapped, None, prepared(lowered(mapped)))
        dropped = {m.start() for m in _DROP.finditer(mapped)}  # one character each
        kept = [i for i in range(len(mapped)) if i not in dropped]
        norm = "".join(mapped[i] for i in kept)
        return cls(original, norm, kept, prepared(lowered(norm)))

    def orig(self, pos: int) -> int:
        if self._index is None:
            return pos
        if pos >= len(self._index):
            return len(self.original)
        return self._index[pos]

    def in_word(self, pos: int) -> bool:
        """True when `pos` falls between two characters of one word ("sup|plier", "don|'t")."""
        norm = self.norm
        if pos <= 0 or pos >= len(norm):
            return False
        before, after = norm[pos - 1], norm[pos]
        if before.isalnum() and after.isalnum():
            return True
        return (after in _JOINERS and before.isalnum() and pos + 1 < len(norm) and norm[pos + 1].isalnum()) or (
            before in _JOINERS and after.isalnum() and pos >= 2 and norm[pos - 2].isalnum())

    def word_end(self, pos: int) -> int:
        while self.in_word(pos):
            pos += 1
        return pos

    def word_start(self, pos: int) -> int:
        while self.in_word(pos):
            pos -= 1
        return pos

    def evidence(self, start: int, end: int) -> Evidence:
        """Evidence for norm[start:end] (clamped to the text), widened to whole words and trimmed of
        spaces and punctuation at the edges: a quote never starts or ends inside a word."""
        start, end = max(0, start), min(end, len(self.norm))
        start, end = self.word_start(start), self.word_end(end)
        while start < end and not self.norm[start].isalnum():
            start += 1
        while end > start and not self.norm[end - 1].isalnum():
            end -= 1
        o_start = self.orig(start)
        o_end = self.orig(end - 1) + 1 if end > start else o_start
        while o_end < len(self.original) and unicodedata.combining(self.original[o_end]):
            o_end += 1  # a mark on the last letter belongs to it: "فعلاً", not "فعلا"
        return Evidence(text=self.original[o_start:o_end], start=o_start, end=o_end)

    @property
    def sentences(self) -> list[tuple[int, int]]:
        """(start, end) of each sentence in the normalized text."""
        if self._sentences is None:
            spans, start = [], 0
            for m in _SENTENCE_END.finditer(self.norm):
                if m.group().startswith(".") and m.end() - m.start() <= 2 and m.end() < len(self.norm):
                    before = _WORD_BEFORE.search(self.norm, max(0, m.start() - 8), m.start())
                    if before and before.group(1).lower() in _ABBREVIATIONS:
                        continue  # "Sr." and "Dr." do not end a sentence
                if m.start() > start:
                    spans.append((start, m.start()))
                start = m.end()
            if start < len(self.norm):
                spans.append((start, len(self.norm)))
            self._sentences = spans
        return self._sentences

    def sentence_index(self, pos: int) -> int:
        """Index of the sentence holding `pos` (or the one before a gap)."""
        if self._starts is None:
            self._starts = [start for start, _ in self.sentences]
        return max(bisect_right(self._starts, pos) - 1, 0)

    def sentence_at(self, pos: int) -> tuple[int, int]:
        return self.sentences[self.sentence_index(pos)] if self.sentences else (0, len(self.norm))

    def asks(self, start: int, end: int) -> bool:
        """The sentence `start`..`end` closes with a question mark ("؟" is one after normalizing)."""
        return self.norm[start:end + 1].rstrip().endswith("?")

    def previous_sentence(self, pos: int) -> tuple[int, int] | None:
        i = self.sentence_index(pos)
        return self.sentences[i - 1] if i > 0 else None
