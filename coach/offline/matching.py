"""A lexicon group's patterns as one fast regex, matching exactly what the patterns match.

Python's regex engine scans fast only for a pattern that starts with a known character: it then
jumps from one candidate character to the next in C. A pattern that starts with `\\b` or a lookaround
makes it try every position in turn, which costs more than most matches. So each alternative is
rewritten to start with its first letter, the word boundary and any lookbehind checked just after it
(`\\b(?:jag|vi) ` becomes `j(?<!\\w.)(?:ag) |v(?<!\\w.)(?:i) `), and alternatives are grouped by that
letter (only when every alternative has one). On top, `Group` skips a text that holds none of the
words every match must contain: most groups ("never again", insults, threats) match few replies.
`Words` finds, in one pass over a text, which of a lexicon's groups could match it.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from re import _parser  # type: ignore[attr-defined]  # the stdlib's regex parser: what a pattern must contain

import ahocorasick

_SPECIAL = set("\\.^$*+?{}[]|()")
_QUANTIFIER = set("*+?{")
_ESCAPED = {"n": "\n", "t": "\t", **{ch: ch for ch in " .,;:!?'\"-()[]{}|*+$^/\\"}}  # escapes of one character
# inline flags or capturing groups: rewriting would change them (or duplicate a group's name)
_NOT_REWRITTEN = re.compile(r"\(\?[aiLmsux]|\((?!\?)|\(\?P[<=]|\\\d")
_NAMED = re.compile(r"\(\?P<\w+>")


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
        by_letter: dict[str, list[str]] = {}  # letters apart never match at one position: order kept where it matters
        for letter, rest in led:
            by_letter.setdefault(letter, []).append(rest)
        return [(letter, f"(?:{'|'.join(rests)}){after}") for letter, rests in by_letter.items()]
    if pattern and pattern[0] not in _SPECIAL and pattern[1:2] not in _QUANTIFIER:
        return [(pattern[0], pattern[1:])]
    if pattern[:1] == "\\" and pattern[1:2] in _ESCAPED and pattern[2:3] not in _QUANTIFIER:  # "\\n", "\\."
        return [(_ESCAPED[pattern[1]], pattern[2:])]
    shut = pattern.find("]", 2)
    if pattern[:1] == "[" and shut > 1 and not set(pattern[1:shut]) & set("\\-[^") and pattern[shut + 1:shut + 2] not in _QUANTIFIER:
        return [(char, pattern[shut + 1:]) for char in dict.fromkeys(pattern[1:shut])]  # "[.!?]": one of them
    return None


def ordered(patterns: list[str]) -> list[str]:
    """A group's alternatives in the order its regex tries them: those that start at a word boundary
    first (as they always have), then the rest as written."""
    alts = [alt for pattern in patterns for alt in alternatives(pattern)]
    return [a for a in alts if a.startswith("\\b")] + [a for a in alts if not a.startswith("\\b")]


def join(patterns: list[str]) -> str:
    """One regex for a group, dispatched on the first letter when every alternative has one (then the
    engine jumps between candidate letters in C); else the alternatives as written."""
    alts = ordered(patterns)
    if all(a.startswith("^") for a in alts):  # only at the start of the text: no other position is tried
        return f"^(?:{join([a[1:] for a in alts])})"
    bounded = all(a.startswith("\\b") for a in alts)
    led = _led([a[2:] for a in alts] if bounded else alts)
    if led is None:  # one alternative may start anywhere: the engine must try every position anyway
        return _joined(alts)
    dispatched = _shared_starts([[re.escape(letter), *seq] for letter, rest in led for seq in _expand(rest)])
    return f"\\b(?:{dispatched})" if bounded else dispatched


def _led(alts: list[str]) -> list[tuple[str, str]] | None:
    if any(_NOT_REWRITTEN.search(a) for a in alts):
        return None
    led: list[tuple[str, str]] = []
    for alt in alts:
        sub = lead(alt)
        if sub is None:
            return None
        led += sub
    return led


def _joined(alts: list[str]) -> str:
    """Alternatives as they are; those at a word boundary share one leading \\b, so inside a word
    they fail once rather than once each."""
    bounded = [a[2:] for a in alts if a.startswith("\\b")]
    other = [a for a in alts if not a.startswith("\\b")]
    parts = ([r"\b(?:" + "|".join(f"(?:{a})" for a in bounded) + ")"] if bounded else []) + [f"(?:{a})" for a in other]
    return "|".join(parts)


def _split(alts: list[str]) -> tuple[list[str], list[str]] | None:
    """The alternatives that can be dispatched on their first letter and those that cannot (each in
    order), when matching them apart is exact: no backreference (its number would change) and no
    empty match (the scan steps from one match's end). Named groups are left unnamed: where a group
    captures, its match is taken from the group as written. The second list may be empty when the
    group captures names (then only the dispatched part is scanned)."""
    if any(re.search(r"\\\d|\(\?P=", a) for a in alts):
        return None
    named = any(_NAMED.search(a) for a in alts)
    unnamed = [piece for a in alts for piece in _distributed(_NAMED.sub("(?:", a))]
    fast = [a for a in unnamed if _led([a]) is not None]
    slow = [a for a in unnamed if a not in fast]
    if not fast or not (slow or named) or _parser.parse(_joined(alts)).getwidth()[0] == 0:
        return None
    return fast, slow



def _distributed(alt: str) -> list[str]:
    """An alternative that cannot be dispatched, split by the alternatives it opens with into those
    that can and those that cannot ("\\b(?:den|\\w+teamet) kommer" as "\\b(?:den) kommer" and
    "\\b(?:\\w+teamet) kommer"): the first are then dispatched apart from the others."""
    if _led([alt]) is not None:
        return [alt]
    bound = "\\b" if alt.startswith("\\b") else ""
    body = alt[len(bound):]
    close = _scan(body, False) if body.startswith("(?:") else None
    if not close:
        return [alt]
    inner, after = body[3:close[0]], body[close[0] + 1:]
    if after[:1] == "?" and after[1:2] not in ("?", "+"):  # greedy optional: with it first, then without
        variants, after = [*alternatives(inner), ""], after[1:]
    elif after[:1] in _QUANTIFIER:
        return [alt]
    else:
        variants = alternatives(inner)
    led = [variant for variant in variants if _led([bound + variant + after]) is not None]
    if not led:
        return [alt]
    other = [variant for variant in variants if variant not in led]
    return [bound + (some[0] if len(some) == 1 else f"(?:{'|'.join(some)})") + after for some in (led, other) if some]


_LOOKAROUND = ("(?<!", "(?<=", "(?!", "(?=")
_CAPTURE = re.compile(r"\((?!\?)|\(\?P<")


def _atoms(rest: str) -> list[str]:
    """The leading atoms of `rest` that match in one way only (a letter, an escape like \\s or \\b, a
    class, a lookaround), then what is left as one last string (maybe empty)."""
    out, i = [], 0
    while i < len(rest):
        ch = rest[i]
        if ch == "\\":
            if rest[i + 1:i + 2] in ("", *"xuUN0123456789"):  # longer escapes and backreferences
                break
            j = i + 2
        elif ch == "[":
            j = i + 1 + (rest[i + 1:i + 2] == "^")
            j += rest[j:j + 1] == "]"
            while j < len(rest) and rest[j] != "]":
                j += 2 if rest[j] == "\\" else 1
            j += 1
        elif rest.startswith(_LOOKAROUND, i):
            close = _scan(rest[i:], False)
            if not close or _CAPTURE.search(rest, i, i + close[0]):
                break
            j = i + close[0] + 1
        elif ch in "()|*+?{":
            break
        else:
            j = i + 1
        if j > len(rest) or rest[j:j + 1] in _QUANTIFIER:
            break
        out.append(rest[i:j])
        i = j
    return [*out, rest[i:]]


def _expand(rest: str, budget: int = 4) -> list[list[str]]:
    """`rest` as an ordered choice of atom lists (each ending in its last string): a group of
    alternatives, or an optional group, in the way of more atoms is multiplied out ("(?:a|b)c" is
    "ac|bc"; "(?:a)?b" is "ab|b"), within a budget."""
    seq = _atoms(rest)
    tail = seq[-1]
    if not tail.startswith("(?:") or _CAPTURE.search(tail):  # a captured group is never written twice
        return [seq]
    close = _scan(tail, False)
    if not close or _CAPTURE.search(tail, 0, close[0]):
        return [seq]
    inner, after = tail[3:close[0]], tail[close[0] + 1:]
    if after[:1] == "?" and after[1:2] not in ("?", "+"):  # greedy optional: with it first, then without
        variants = [alt + after[1:] for alt in alternatives(inner)] + [after[1:]]
    elif after[:1] in _QUANTIFIER:
        return [seq]
    else:
        variants = [alt + after for alt in alternatives(inner)]
    if len(variants) > budget:
        return [seq]
    out = [seq[:-1] + sub for variant in variants for sub in _expand(variant, max(1, budget // len(variants)))]
    return out if len(out) <= budget else [seq]


def _literal(atom: str) -> str | None:
    if len(atom) == 1 and atom not in ".^$":
        return atom
    return atom[1] if len(atom) == 2 and atom[0] == "\\" and not atom[1].isalnum() else None


def _shared_starts(seqs: list[list[str]]) -> str:
    """Alternatives (atom lists) with the atoms they start with written once ("ab|ac" is "a(?:b|c)"),
    as the engine tries them: only alternatives next to each other, or apart from ones that start
    with a different letter (those never match at the same position), are brought together. An
    atom matches in one way only, so nothing is tried in a different order."""
    buckets: list[tuple[str | None, list[list[str]]]] = []
    for seq in seqs:
        head = seq[0] if len(seq) > 1 else None
        target = None
        if head is not None:
            for bucket_head, members in reversed(buckets):
                if bucket_head == head:
                    target = members
                    break
                if _literal(head) is None or bucket_head is None or _literal(bucket_head) is None:
                    break
        if target is None:
            buckets.append((head, [seq]))
        else:
            target.append(seq)
    out = []
    for head, members in buckets:
        if head is None or len(members) == 1:
            out += ["".join(member) for member in members]
        else:
            out.append(f"{head}(?:{_shared_starts([member[1:] for member in members])})")
    return "|".join(out)


class Part:
    """One regex with the strings one of which every match contains: a text holding none of them is
    not scanned at all. A lexicon's parts share a `Words` index, and a prepared text
    (`text.Prepared`) remembers, for itself, which of them could match it."""

    __slots__ = ("pattern", "required", "index", "bit")

    def __init__(self, pattern: re.Pattern[str], plain: re.Pattern[str] | None = None):
        self.pattern = pattern
        # the words are read from the alternatives as written (`plain`, matching the same): a first
        # letter dispatched apart would cut "you can" into "y" and "ou can"
        self.required = required_words(plain or pattern)
        self.index: Words | None = None  # set by the lexicon's index, with this part's bit in it
        self.bit = 0

    def possible(self, string: str) -> bool:
        """False only when no match can exist anywhere in `string`."""
        if self.required is None:
            return True
        memo: dict | None = getattr(string, "memo", None)
        if memo is None or self.index is None:  # a text not prepared, or a part of no lexicon
            return any(word in string for word in self.required)
        found = memo.get(self.index)
        if found is None:
            found = memo[self.index] = self.index.groups_in(string)
        return bool(found & self.bit)


class Group:
    """One lexicon group's patterns, answering exactly as their alternatives joined in one regex
    (`pattern`) do, but faster.

    Python's engine scans fast only for alternatives it can dispatch on a first letter; one that may
    start anywhere makes it try every alternative at every position. So such alternatives are kept
    apart (`parts`: the dispatched ones, the rest), each part skipped where the words it needs are
    absent. The leftmost match of the whole is at the leftmost position either part matches; where
    both match at one position, or the patterns capture a name, the whole regex is matched there. A
    prepared text keeps the matches of a group over all of it, which several checks read."""

    __slots__ = ("pattern", "parts", "captures", "only", "index", "mask")

    def __init__(self, patterns: list[str], flags: int = 0):
        alts = ordered(patterns)
        self.pattern = re.compile(_joined(alts), flags)  # what the group means
        split = _split(alts)
        if split is None:
            self.parts = [Part(re.compile(join(alts), flags), self.pattern)]
        else:
            self.parts = [Part(re.compile(join(some), flags), re.compile(_joined(some), flags)) for some in split if some]
        self.captures = self.pattern.groups > 0
        self.only = self.parts[0] if split is None else None  # one part: its regex answers as the group
        self.index: Words | None = None  # when every part is in one index: the bits of them all (`mask`)
        self.mask = 0

    def indexed(self) -> None:
        """Read the bits the lexicon's index gave the parts: a text none of them could match is
        answered at once, before any part is looked at."""
        indexes = {part.index for part in self.parts}
        if len(indexes) == 1 and all(part.required for part in self.parts):
            self.index, self.mask = indexes.pop(), _or(part.bit for part in self.parts)

    def _hopeless(self, memo: dict, string: str) -> bool:
        index = self.index
        if index is None:
            return False
        found = memo.get(index)
        if found is None:
            found = memo[index] = index.groups_in(string)
        return not found & self.mask

    @property
    def required(self) -> tuple[str, ...] | None:
        """The words every match needs (of a group scanned in one part)."""
        return self.only.required if self.only else None

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        only = self.only
        if only is not None:
            return only.pattern.search(string, pos, endpos) if only.possible(string) else None
        first, tied = None, self.captures
        for part in self.parts:
            m = part.pattern.search(string, pos, endpos) if part.possible(string) else None
            if m is not None and (first is None or m.start() <= first.start()):
                tied = tied or (first is not None and m.start() == first.start())
                first = m
        return self.pattern.match(string, first.start(), endpos) if first is not None and tied else first

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        only = self.only
        if only is not None:
            return only.pattern.match(string, pos, endpos) if only.possible(string) else None
        found = [m for part in self.parts if part.possible(string) and (m := part.pattern.match(string, pos, endpos))]
        if len(found) == 1 and not self.captures:
            return found[0]
        return self.pattern.match(string, pos, endpos) if found else None

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        if pos == 0 and endpos == sys.maxsize:  # over all of a prepared text: kept for the other checks
            memo = getattr(string, "memo", None)
            if memo is not None:
                found = memo.get(self)
                if found is None:
                    found = memo[self] = [] if self._hopeless(memo, string) else list(self._scan(string, 0, endpos))
                return iter(found)
        only = self.only
        if only is not None:
            return only.pattern.finditer(string, pos, endpos) if only.possible(string) else iter(())
        return self._scan(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list:
        only = self.only
        if only is not None:
            return only.pattern.findall(string, pos, endpos) if only.possible(string) else []
        if self.captures:
            return self.pattern.findall(string, pos, endpos) if self._possible(string) else []
        return [m.group() for m in self.finditer(string, pos, endpos)]

    def _possible(self, string: str) -> bool:
        return any(part.possible(string) for part in self.parts)

    def _scan(self, string: str, pos: int, endpos: int) -> Iterator[re.Match[str]]:
        parts = [part.pattern for part in self.parts if part.possible(string)]
        if len(parts) == 1 and (self.only or not self.captures):
            return parts[0].finditer(string, pos, endpos)
        return self._merged(string, parts, pos, endpos)

    def _merged(self, string: str, parts: list[re.Pattern[str]], pos: int, endpos: int) -> Iterator[re.Match[str]]:
        """The matches of two parts (or one, of a group that captures) as the whole group's: each
        part's next match from `pos` stays its next until a match passes its start."""
        if not parts:
            return
        first, second = parts[0], parts[-1]
        a = first.search(string, pos, endpos)
        b = second.search(string, pos, endpos) if len(parts) > 1 else None
        while a is not None or b is not None:
            if b is None or (a is not None and a.start() < b.start()):
                m, start = a, a.start()  # type: ignore[union-attr]  # a is set: b is None or later
            else:
                m, start = b, b.start()
                if a is not None and a.start() == start:
                    m = None  # both start here: the whole group decides which alternative matches
            if m is None or self.captures:
                m = self.pattern.match(string, start, endpos)
                if m is None:  # cannot happen: some alternative matches here
                    raise AssertionError(self.pattern.pattern)
            yield m
            pos = m.end()
            if a is not None and a.start() < pos:
                a = first.search(string, pos, endpos)
            if b is not None and b.start() < pos:
                b = second.search(string, pos, endpos)


class Words:
    """The required words of all a lexicon's parts, found in one pass over a text by an Aho-Corasick
    automaton (every occurrence of every word, overlapping, in C), each word carrying the bits of the
    parts that need it."""

    def __init__(self, parts: list[Part]):
        needed: dict[str, int] = {}
        for bit, part in enumerate(p for p in parts if p.required):
            part.index, part.bit = self, 1 << bit
            for word in part.required or ():
                needed[word] = needed.get(word, 0) | part.bit
        self.automaton = None  # an automaton with no words cannot search
        if needed:
            self.automaton = ahocorasick.Automaton()
            for word, bits in needed.items():
                self.automaton.add_word(word, bits)
            self.automaton.make_automaton()

    def groups_in(self, string: str) -> int:
        """The bits of the parts one of whose required words occurs in `string`."""
        found = 0
        if self.automaton is not None:
            for _, bits in self.automaton.iter(string):
                found |= bits
        return found


def _or(bits: Iterable[int]) -> int:
    total = 0
    for bit in bits:
        total |= bit
    return total


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
