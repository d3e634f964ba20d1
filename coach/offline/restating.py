"""restate_problem: the reply refers back to the customer's own words about their problem.

A restatement plays back the customer's content words and numbers ("three missed deliveries",
"order 55120", "so the folder vanished after last night's update?"), in a statement or a clarifying
question, or opens with a frame that checks understanding ("just to confirm", "si le entiendo
bien"). Words are compared by their first letters, so inflected forms still count ("deliveries" and
"delivered"; "paczka" and "paczki"); numbers are compared without their separators ("£1,800" and
"1800"). A reply that echoes nothing the customer said about a problem fails; one stray word is too
little to judge either way.
"""

from __future__ import annotations

import re
from functools import lru_cache

from coach.offline.condescension import condescension
from coach.offline.conduct import unprofessional
from coach.offline.feelings import empathy
from coach.offline.lexicon import lexicon
from coach.offline.situation import FAIL, NA, PASS, Result, Situation, because, quote, shared, unjudged
from coach.offline.text import Text, lowered
from coach.offline.textfold import fold

TOKEN = re.compile(r"\d[\d,.]*\d|\d|[^\W\d_]+(?:['\-][^\W\d_]+)*")
_STEM = 5  # letters compared: enough to tell words apart, few enough to survive inflection ("rise", "rises")
# Content words past which a reply that echoes nothing is still no sure template ("send us your order number")
_SAYS_ITS_OWN = 10
# Content words past which a customer's message tells of something, whether or not it names a known problem
_TELLS = 5
_ARABIC_CLITICS = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل")


@lru_cache(maxsize=65536)
def compared(token: str, lang: str) -> str | None:
    """A token as compared: digits for a number of two or more digits, the folded word (Arabic:
    without its clitics) for a content word, None for a function or service word everyone uses."""
    lex = lexicon(lang)
    if token[0].isdigit():
        digits = token.replace(",", "").replace(".", "")
        return digits if len(digits) >= 2 else None
    word = fold(token)
    if word in lex.stopwords:
        return None
    if lex.lang == "ar":
        for clitic in _ARABIC_CLITICS:
            if word.startswith(clitic) and len(word) - len(clitic) >= 3:
                word = word[len(clitic):]
                break
    shortest = 3 if lex.lang in ("ar", "en") else 4
    return word if len(word) >= shortest and word not in lex.stopwords else None


class Words:
    """The conversation's words, looked up by their first letters: "deliveries" finds "delivered",
    "frysen" finds "frys", "paczki" finds "paczka"."""

    def __init__(self, words: frozenset[str], lang: str):
        self.names: Words | None = None  # words never counted: the customer's and the trainee's names
        self.head = 3 if lang == "ar" else 4
        self.stem = 4 if lang == "ar" else _STEM
        self.numbers = {w for w in words if w[0].isdigit()}
        self.by_head: dict[str, list[str]] = {}
        for w in sorted(words):  # in a fixed order: the same reply is graded the same in every process
            if not w[0].isdigit():
                self.by_head.setdefault(w[:self.head], []).append(w)

    def __bool__(self) -> bool:
        return bool(self.numbers or self.by_head)

    def find(self, word: str, loose: bool = False) -> str | None:
        """The key of the conversation's word this one plays back, if any; `loose` compares only the
        first letters ("cortaron" and "corte"), to be sure a reply echoes nothing at all."""
        key = self._key(word, loose)
        if key is not None and self.names is not None and self.names.find(word):
            return None  # (asked only of a word that plays something back: most play back nothing)
        return key

    def _key(self, word: str, loose: bool) -> str | None:
        if word[0].isdigit():
            return word if word in self.numbers else None
        for theirs in self.by_head.get(word[:self.head], ()):
            k = self.head if loose else min(self.stem, len(word), len(theirs))
            if word[:k] == theirs[:k]:
                return theirs[:self.stem]
        return None


def _words(text: str, lang: str) -> frozenset[str]:
    return frozenset(w for t in TOKEN.findall(text) if (w := compared(t, lang)))


@shared
def _conversation(s: Situation) -> Words:
    """The words of the problem so far: the customer's, and the details the trainee already
    established with them (a claim number, "the 30 days"); never the names."""
    words: frozenset[str] = frozenset()
    for text in [*s.customer_turns, *s.earlier_replies]:
        words |= _words(text.low, s.lang)
    names = " ".join(n for n in (s.customer_name, s.agent_name, s.own_name) if n)
    said = Words(words, s.lang)
    if names:  # "Panie Mikołaju" plays back no problem, in any form of the name
        said.names = Words(_words(lowered(names), s.lang), s.lang)
    return said


@shared
def echoes(s: Situation) -> list[tuple[int, int, str]]:
    """(start, end, key) of each reply word that plays back the conversation's, outside sentences
    that talk down to or mock the customer ("as already informed, the refund is processed")."""
    theirs = _conversation(s)
    if not theirs:
        return []
    sentence_index, lang, find = s.reply.sentence_index, s.lex.lang, theirs.find
    talking_down = {sentence_index(a) for a, _, _ in [*condescension(s), *unprofessional(s)]}
    found = []
    for m in TOKEN.finditer(s.reply.low):
        word = compared(m.group(), lang)
        key = find(word) if word else None
        if key and sentence_index(m.start()) not in talking_down:
            found.append((m.start(), m.end(), key))
    return found


def _weight(found: list[tuple[int, int, str]]) -> int:
    """Distinct words played back; a number or a code counts double."""
    return sum(2 if k[0].isdigit() else 1 for k in {k for _, _, k in found})


def _quote_span(s: Situation, found: list[tuple[int, int, str]]) -> tuple[int, int]:
    """The sentence that plays back most, from its first echoed word to its last."""
    by_sentence: dict[int, list[tuple[int, int, str]]] = {}
    for item in found:
        by_sentence.setdefault(s.reply.sentence_index(item[0]), []).append(item)
    best = max(by_sentence.values(), key=_weight)
    return best[0][0], best[-1][1]


def restate_problem(s: Situation) -> Result:
    norm, lex = s.reply.low, s.lex
    m = lex.restate.search(norm)
    if m:
        ev = s.clause(m.start(), m.end(), 90)
        return (PASS, because("restated", quote=quote(ev)), [ev], "high")
    found = echoes(s)
    if _weight(found) >= 2:
        start, end = _quote_span(s, found)
        ev = s.clause(start, end, max(60, end - start))
        return (PASS, because("echoed", quote=quote(ev)), [ev], "high")
    if not s.problem_raised:
        if s.problem_raised is False and _may_tell_of_one(s):
            # "Pianostämmaren kom aldrig idag", "I didn't go anywhere": an account of what happened in words no
            # list of problems holds; whether it is one to play back needs a model
            return unjudged()
        return (NA, because("no_problem"), [], "low" if s.problem_raised is None else "high")
    if not found and not _played_back_anywhere(s) and not _asks_about_it(s) and not empathy(s) and not _confirms(s) \
            and not lex.ownership.search(norm):
        # (an acknowledgement may name the problem in other words: "sorry about another price rise"; so may
        # words of fault, owned or denied: "el retraso (...) no es responsabilidad nuestra" speaks of the delay)
        if s.customers[-1].asks and s.upset_points <= 0:
            return unjudged()  # a calm question answered may need nothing played back; a model decides
        if _content_words(s.reply, s.lex.lang) >= _SAYS_ITS_OWN:
            # "Förseningen beror på att PostNord har stora volymer...", "Tu cuenta fue suspendida porque...": a
            # reply this full speaks of the matter, in words of its own (its cause, what was done); a model decides
            return unjudged()
        return (FAIL, because("not_restated"), [], "high")
    return unjudged()


def _content_words(text: Text, lang: str) -> int:
    return sum(1 for m in TOKEN.finditer(text.low) if compared(m.group(), lang))


def _may_tell_of_one(s: Situation) -> bool:
    """The customer's last message tells of something (several content words, not only a question) with no
    thanks, praise or polite request in it: it may describe a problem the patterns do not know."""
    last, text = s.customers[-1], s.customer_turns[-1]
    if last.calm or last.closing or last.laughs:
        return False
    if last.asks and len(text.sentences) <= 1:
        return False  # one question ("Får man lämna bildäck på återvinningscentralen?") asks, it tells nothing
    return _content_words(text, s.lex.lang) >= _TELLS


def _played_back_anywhere(s: Situation) -> bool:
    """Any word of the conversation's in the reply at all, even in a sentence that talks down."""
    theirs = _conversation(s)
    return any((word := compared(m.group(), s.lex.lang)) and theirs.find(word, loose=True)
               for m in TOKEN.finditer(s.reply.low))


def _asks_about_it(s: Situation) -> bool:
    """A question about the problem itself (not for an order number) may restate it in other words."""
    return bool(s.lex.clarifying.search(s.reply.low))


def _confirms(s: Situation) -> bool:
    """The reply opens with a "yes" to the customer's question ("Is the app down??" "Yes, sorry, the app and
    online banking are having problems"): the confirmation may play their problem back in other words."""
    asked = s.last_customer is not None and "?" in s.last_customer.norm
    return asked and bool(s.lex.affirmative.match(s.reply.low, len(s.reply.low) - len(s.reply.low.lstrip())))
