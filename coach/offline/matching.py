"""A lexicon group's patterns as one fast regex, matching exactly what the patterns match.

Python's regex engine scans fast only for a pattern that starts with a known character: it then
jumps from one candidate character to the next in C. A pattern that starts with `\\b` or a lookaround
makes it try every position in turn, which costs more than most matches. So each alternative is
rewritten to start with its first letter, the word boundary and any lookbehind checked just after it
(`\\b(?:jag|vi) ` becomes `j(?<!\\w.)(?:ag) |v(?<!\\w.)(?:i) `), and alternatives are grouped by that
letter (only when every alternative has one). On top, `Group` skips a text that holds none of the
words every match must contain: most groups ("never again", insults, threats) match few replies.
`Words` finds, in one scan of a text, which of a lexicon's groups could match it.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from re import _parser  # type: ignore[attr-defined]  # the stdlib's regex parser: what a pattern must contain

_SPECIAL = set("\\.^$*+?{}[]|()")
_QUANTIFIER = set("*+?{")
# inline flags or capturing groups: rewriting would change them (or duplicate a group's name)
_NOT_REWRITTEN = re.compile(r"\(\?[aiLmsux]|\((?!\?)|\(\?P[<=]|\\\d")


def lower(pattern: str) -> str:
    """A pattern in lower case, its escapes (\\W, \\S, \\B, \\D) and (?P...) syntax untouched."""
    out, i = [], 0
    while i < len(pattern):
        if pattern[i] == "\\":
            out.append(pattern[i:i + 2])
            i += 2
        elif pattern.startswith("(?P", i):
            out.append("(?P")
            i += 3
        else:
            out.append(pattern[i].lower())
            i += 1
    return "".join(out)


def _scan(pattern: str, stop_at_bar: bool) -> list[int]:
    """Positions of top-level '|' (stop_at_bar) or the index of the ')' closing the group that
    starts at 0 (not stop_at_bar), skipping escapes and character classes."""
    found, depth, i, in_class = [], 0, 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            if pattern[i + 1:i + 2] == "^":
                i += 1
            if pattern[i + 1:i + 2] == "]":
                i += 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if not stop_at_bar and depth == 0:
                return [i]
        elif ch == "|" and depth == 0 and stop_at_bar:
            found.append(i)
        i += 1
    return found


def alternatives(pattern: str) -> list[str]:
    """A pattern's top-level alternatives (split at '|' outside groups and character classes)."""
    parts, start = [], 0
    for bar in _scan(pattern, True):
        parts.append(pattern[start:bar])
        start = bar + 1
    return [*parts, pattern[start:]]


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _by_letter(led: list[tuple[str, str]]) -> list[tuple[str, list[str]]]:
    """(letter, rests) in order of first appearance: alternatives that start with different letters
    never match at one position, so grouping them by letter keeps the order that matters."""
    groups: dict[str, list[str]] = {}
    for letter, rest in led:
        groups.setdefault(letter, []).append(rest)
    return list(groups.items())


def lead(pattern: str) -> list[tuple[str, str]] | None:
    """`pattern` as an ordered choice of (letter, rest): it matches exactly where letter+rest does,
    trying them in order. None when its first character is not a known letter."""
    if pattern.startswith("\\b"):  # a boundary before a letter: no letter just before it
        led = lead(pattern[2:])
        if led is None or not all(_is_word(letter) for letter, _ in led):
            return None
        return [(letter, r"(?<!\w.)" + rest) for letter, rest in led]
    if pattern.startswith(("(?<!", "(?<=", "(?!", "(?=")):  # a lookaround, checked one letter later
        close = _scan(pattern, False)
        if not close:
            return None
        kind = pattern[:4] if pattern.startswith("(?<") else pattern[:3]
        inner, after = pattern[len(kind):close[0]], pattern[close[0] + 1:]
        led = lead(after)
        if led is None:
            return None
        # (?<!X) before the letter is (?<!(?:X).) after it; (?!Y) before it is (?<!(?=Y).) after it
        check = f"(?:{inner})." if kind.startswith("(?<") else f"(?={inner})."
        behind = "(?<!" if kind in ("(?<!", "(?!") else "(?<="
        return [(letter, f"{behind}{check}){rest}") for letter, rest in led]
    if pattern.startswith("(?:"):
        close = _scan(pattern, False)
        if not close:
            return None
        inner, after = pattern[3:close[0]], pattern[close[0] + 1:]
        if after[:1] == "?" and after[1:2] not in _QUANTIFIER:  # optional: with it first, then without it
            with_it, without = lead(f"(?:{inner}){after[1:]}"), lead(after[1:])
            return None if with_it is None or without is None else with_it + without
        if after[:1] in _QUANTIFIER:
            return None
        led = []
        for alt in alternatives(inner):
            sub = lead(alt)
            if sub is None:
                return None
            led += sub
        return [(letter, f"(?:{'|'.join(rests)}){after}") for letter, rests in _by_letter(led)]
    if pattern and pattern[0] not in _SPECIAL and pattern[1:2] not in _QUANTIFIER:
        return [(pattern[0], pattern[1:])]
    return None


def join(patterns: list[str]) -> str:
    """One regex for a group, dispatched on the first letter when every alternative has one (then the
    engine jumps between candidate letters in C); else the alternatives as written. Alternatives
    that start at a word boundary come first (as they always have)."""
    alts = [alt for pattern in patterns for alt in alternatives(pattern)]
    ordered = [a for a in alts if a.startswith("\\b")] + [a for a in alts if not a.startswith("\\b")]
    if any(_NOT_REWRITTEN.search(a) for a in ordered):
        return _joined(ordered)
    led: list[tuple[str, str]] = []
    for alt in ordered:
        sub = lead(alt)
        if sub is None:  # one alternative may start anywhere: the engine must try every position anyway
            return _joined(ordered)
        led += sub
    return "|".join(f"{re.escape(letter)}(?:{'|'.join(rests)})" for letter, rests in _by_letter(led))


def _joined(alts: list[str]) -> str:
    """Alternatives as they are; those at a word boundary share one leading \\b, so inside a word
    they fail once rather than once each."""
    bounded = [a[2:] for a in alts if a.startswith("\\b")]
    other = [a for a in alts if not a.startswith("\\b")]
    parts = ([r"\b(?:" + "|".join(f"(?:{a})" for a in bounded) + ")"] if bounded else []) + [f"(?:{a})" for a in other]
    return "|".join(parts)


class Group:
    """One pattern group's regex, with the strings one of which every match contains: a text holding
    none of them is not scanned at all. Answers exactly as the regex does. A lexicon's groups share a
    `Words` index, and a prepared text (`text.Prepared`) remembers, for itself, which of them could
    match it."""

    __slots__ = ("pattern", "required", "index", "bit")

    def __init__(self, pattern: re.Pattern[str]):
        self.pattern = pattern
        self.required = required_words(pattern)
        self.index: Words | None = None  # set by the lexicon's index, with this group's bit in it
        self.bit = 0

    def possible(self, string: str) -> bool:
        """False only when no match can exist anywhere in `string`."""
        if self.required is None:
            return True
        memo: dict[Words, int] | None = getattr(string, "possible", None)
        if memo is None or self.index is None:  # a text not prepared, or a group of no lexicon
            return any(word in string for word in self.required)
        found = memo.get(self.index)
        if found is None:
            found = memo[self.index] = self.index.groups_in(string)
        return bool(found & self.bit)

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.pattern.search(string, pos, endpos) if self.possible(string) else None

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.pattern.match(string, pos, endpos) if self.possible(string) else None

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return self.pattern.finditer(string, pos, endpos) if self.possible(string) else iter(())

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list:
        return self.pattern.findall(string, pos, endpos) if self.possible(string) else []


class Words:
    """The required words of all a lexicon's groups, found in one scan of a text: at each position the
    longest word starting there (every shorter one starting there is its prefix), each word carrying
    the bits of the groups that need it or one of its prefixes."""

    def __init__(self, groups: list[Group]):
        needed: dict[str, int] = {}
        for bit, group in enumerate(g for g in groups if g.required):
            group.index, group.bit = self, 1 << bit
            for word in group.required or ():
                needed[word] = needed.get(word, 0) | group.bit
        self.bits = {word: _or(needed.get(word[:i], 0) for i in range(1, len(word) + 1)) for word in needed}
        self.scan = re.compile(f"(?=({_longest(sorted(needed))}))") if needed else None

    def groups_in(self, string: str) -> int:
        """The bits of the groups one of whose required words occurs in `string`."""
        found = 0
        if self.scan is not None:
            for word in set(self.scan.findall(string)):
                found |= self.bits[word]
        return found


def _or(bits: Iterable[int]) -> int:
    total = 0
    for bit in bits:
        total |= bit
    return total


def _longest(words: list[str]) -> str:
    """A regex for `words` that finds the longest one at a position: shared beginnings written once,
    and a word that goes on into longer ones tried long first ("de", "den" -> "de(?:n)?")."""
    by_first: dict[str, list[str]] = {}
    for word in words:
        by_first.setdefault(word[0], []).append(word[1:])
    parts = []
    for first, rests in by_first.items():
        longer = [rest for rest in rests if rest]
        if not longer:
            parts.append(re.escape(first))
        else:
            parts.append(re.escape(first) + f"(?:{_longest(longer)})" + ("?" if "" in rests else ""))
    return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"


def required_words(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Strings one of which every match of `pattern` contains (None when it promises none). Only
    characters a match consumes count: lookarounds and optional parts are skipped."""
    if pattern.flags & re.IGNORECASE:
        return None
    found = _required(list(_parser.parse(pattern.pattern, pattern.flags & ~re.UNICODE)))
    return tuple(sorted(found, key=len, reverse=True)) if found else None


def _required(items: list) -> frozenset[str] | None:
    options: list[frozenset[str] | None] = []
    run: list[str] = []
    for op, av in [*items, (None, None)]:
        if op is _parser.LITERAL:
            run.append(chr(av))
            continue
        if run:  # a stretch of literal characters: all of it is in every match
            options.append(frozenset(["".join(run)]))
            run = []
        if op is _parser.SUBPATTERN:
            if av[1] & re.IGNORECASE:
                return None
            options.append(_required(list(av[3])))
        elif op is _parser.ATOMIC_GROUP:
            options.append(_required(list(av)))
        elif op is _parser.BRANCH:  # one of the alternatives' own
            branches = [_required(list(branch)) for branch in av[1]]
            if all(branches):
                options.append(frozenset().union(*branches))  # type: ignore[arg-type]
        elif op in (_parser.MAX_REPEAT, _parser.MIN_REPEAT, _parser.POSSESSIVE_REPEAT) and av[0] >= 1:
            options.append(_required(list(av[2])))
    usable = [option for option in options if option]
    # the most selective: the longest shortest string, then the fewest strings
    return max(usable, key=lambda option: (min(map(len, option)), -len(option))) if usable else None
