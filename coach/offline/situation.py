"""The reply being graded and the conversation around it.

A check reads the customer's state from their last message and the turns before it (upset,
abusive, wrapping up), and what the trainee already did in earlier turns (their own name, a
boundary already set). Everything is computed once per reply, on first use.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, NamedTuple, TypeVar

from coach.cases import Turn
from coach.grades import Evidence, Verdict
from coach.offline import names
from coach.offline.lexicon import Compiled, unmarked_lexicon
from coach.offline.matching import Group
from coach.offline.text import Text

PASS, FAIL, NA = Verdict.PASS, Verdict.FAIL, Verdict.NA
# three words in capitals, or two long ones ("LÄSA INSTRUKTIONERNA")
SHOUT = re.compile(r"\b[A-ZÀ-ÞĀ-Ž]{3,}(?:\s+[A-ZÀ-ÞĀ-Ž]{2,}){2,}\b|\b[A-ZÀ-ÞĀ-Ž]{4,}\s+[A-ZÀ-ÞĀ-Ž]{4,}\b")
_EMPHATIC = re.compile(r"[!?]{2,}")
_FROWN = re.compile("[\U0001F44E\U0001F620\U0001F621\U0001F624\U0001F92C\U0001F622\U0001F62D\u2639\U0001F641\U0001F644\U0001F612\U0001F643\U0001F61F\U0001F61E\U0001F614\U0001F623\U0001F616]")
# a sign-off after the last sentence: "/Malin", "— أبو فهد", "^AS", "-- Tom"
_SIGNATURE = re.compile(r"(?<=[.!?])\s*(?:/|—|–|-{1,2}|\^)\s*\w+(?: \w+)?\s*$")
_IRONY = re.compile("[\U0001F643\U0001F644]")  # an upside-down face or rolled eyes: "thanks for the free walk 🙃"
# laughing and joking: a customer who laughs is not upset, and a laugh back is laughing along
_LAUGH = re.compile("|".join([*"\U0001F602\U0001F923\U0001F606\U0001F605\U0001F604\U0001F601\U0001F61C\U0001F61D",
                              r"h(?<!\w.)(?:a(?:ha)+|e(?:he)+)\b", r"j(?<!\w.)a(?:ja)+\b", r"l(?<!\w.)ol\b", r"x(?<!\w.)d\b",
                              "ههه+"]))  # each way led by its own character: only those are tried
# tears alone on a question ("the sauce is gone 😭") are play as often as grief
TEARS = re.compile("[\U0001F622\U0001F62D\U0001F97A]")
_SMILEY = re.compile("[:;]-?[)D]|[\U0001F600-\U0001F60F\U0001F642\U0001F44D\U0001F64F\u2764\U0001F60A\U0001F970]")


class Because(NamedTuple):
    """Why a check decided: a reason the rubric explains in each language, and the slots to fill
    (`quote`, `quote2`: the quoted words; `name`: the customer's name)."""

    reason: str
    params: dict[str, str]


def because(reason: str, **params: str) -> Because:
    return Because(reason, params)


# The reason a check gives when deciding would need judgment it cannot make: the page says so
# instead of calling the criterion "not applicable".
CANNOT_JUDGE = "cannot_judge"

Result = tuple[Verdict, Because, list[Evidence], str]  # verdict, why, evidence, confidence


def quote(ev: Evidence) -> str:
    return f"“{ev.text}”"


def _count(pattern: Group, text: Text) -> int:
    """Matches that are not inside a name: "Wasze Cholernie Dobre IPA" names a beer, it swears at nobody."""
    return sum(1 for m in pattern.finditer(text.low) if not _named(text, m.start()))


def _named(text: Text, pos: int) -> bool:
    """A capitalised word in mid-sentence (its sentence started before it): part of a name."""
    if not text.norm[pos:pos + 1].isupper() or text.norm[pos + 1:pos + 2].isupper():
        return False  # lower case, or shouted in capitals
    before = text.norm[:pos].rstrip()
    return bool(before) and (before[-1].isalnum() or before[-1] == ",") and text.sentence_at(pos)[0] < pos


def unjudged() -> Result:
    return (NA, because(CANNOT_JUDGE), [], "low")


@dataclass
class Customer:
    """What the customer's messages show, strongest signal first."""

    upset: int  # points of anger, worry or frustration (two make a customer upset)
    abusive: bool
    laughs: bool  # laughs or jokes ("Hahaha", "😂"): cheerful, whatever strong words they use
    closing: bool
    problem: bool  # describes something that went wrong or that they need done
    asks: bool  # asks a question ("Can I bring two guests? Thanks, Tomasz")
    calm: bool = False  # thanks, praise or a polite request ("Toppen, tack Linda!", "could you let me know")
    owns_slip: bool = False  # owns a slip of their own ("¿Qué he hecho mal?", "I totally forgot")


@dataclass
class Situation:
    """The reply being graded and what the grader knows around it."""

    reply: Text
    lex: Compiled
    lang: str
    customer_name: str | None = None
    context: list[Turn] = field(default_factory=list)
    agent_name: str | None = None  # the trainee's name when the case or persona gives it
    memo: dict[Any, Any] = field(default_factory=dict, repr=False)  # findings several checks share

    # -- the conversation

    @cached_property
    def customer_turns(self) -> list[Text]:
        return [Text.of(t.content) for t in self.context if t.role == "customer"]

    @cached_property
    def last_customer(self) -> Text | None:
        return self.customer_turns[-1] if self.customer_turns else None

    @cached_property
    def rolled_eyes(self) -> list[tuple[int, int]]:
        """Rolled eyes or an upside-down face in the reply, unless the customer's last message rolled theirs:
        "Zatrudniamy, zatrudniamy 🙄" mocks them, "nopirkt un nākamajā dienā ieraudzīt atlaidi 🙄" to a
        customer who wrote "Nu ļoti jauki 🙄" rolls them along."""
        if self.last_customer is not None and _IRONY.search(self.last_customer.original):
            return []
        # (from the start of its sentence: the words the eyes are rolled at are what is quoted)
        return [(self.reply.sentence_at(m.start())[0], m.end()) for m in _IRONY.finditer(self.reply.low)]

    @cached_property
    def earlier_replies(self) -> list[Text]:
        return [Text.of(t.content) for t in self.context if t.role == "trainee"]

    @cached_property
    def own_name(self) -> str | None:
        for text in [self.reply, *self.earlier_replies]:
            span = names.find_own_name(text, self.lex, self.customer_name)
            if span:
                return text.norm[span[0]:span[1]]
        return None

    @cached_property
    def customers(self) -> list[Customer]:
        return [self._read(text) for text in self.customer_turns]

    def customer_lex(self, text: Text) -> Compiled:
        """The lexicon a customer's message is read with: spelt without diacritics when they typed none."""
        return unmarked_lexicon(self.lex.lang) if text.low.isascii() else self.lex

    def _read(self, text: Text) -> Customer:
        norm, lex = text.low, self.customer_lex(text)
        abusive = self._abusive(text)
        upset = [m.span() for m in lex.upset.finditer(norm) if not _named(text, m.start())]
        # a calm word inside the upset words is no calm: the thanks of "gracias por nada", "thanks for nothing"
        calm = sum(1 for m in lex.calm_cues.finditer(norm) if not any(a <= m.start() < b for a, b in upset))
        strong = len(upset)
        if not calm:  # "I can't believe this" is shock; "I can't believe how quick that was, thanks!" is delight
            strong += _count(lex.disbelief, text)
        score = 2 * strong + _count(lex.upset_weak, text)
        score += 2 * bool(SHOUT.search(text.original)) + len(_EMPHATIC.findall(norm))
        score += len(_FROWN.findall(text.original))
        score -= calm + len(_SMILEY.findall(text.original))
        laughs = bool(_LAUGH.search(text.original.lower()))
        score -= 2 * laughs  # "your Damn Good Burger is damn good 😂" praises
        if calm and not strong and not abusive:
            score = min(score, 1)  # "JUST GOT MY KEYS!!! thank you 🏡😭": capitals and tears of joy, at most a doubt
        if abusive:
            score = max(score, 2)
        problem = any(not _none_before(norm, lex, m.start()) for m in lex.problem.finditer(norm)) or score >= 2
        unsigned = _SIGNATURE.sub("", norm)  # "Tack för snabb hjälp! /Malin": the thanks end the message
        asks = any(mark in norm for mark in "?؟")
        # thanks under a question are thanks in advance, not a goodbye (a question without its mark too: "Just
        # wondering if they'll get here before Saturday. Thanks, Lisa")
        in_advance = asks or lex.indirect_question.search(norm)
        wraps_up = lex.closing_customer.search(norm) or (lex.closing_thanks.search(unsigned) and not problem and not in_advance)
        closing = bool(wraps_up) and not abusive and score <= 0 and not _IRONY.search(text.original)
        return Customer(upset=score, abusive=abusive, laughs=laughs, closing=closing, problem=problem, asks=asks,
                        calm=calm > 0, owns_slip=bool(lex.own_slip.search(norm)))

    def _abusive(self, text: Text) -> bool:
        """An insult or threat aimed at a person, not a complaint, a bad day or the customer's own
        "I'm not an idiot"."""
        norm, lex = text.low, self.customer_lex(text)
        for m in lex.abuse.finditer(norm):
            if _proper_name(text, m.start()):
                continue  # "¿La Cabrona entra en el menú?": a dish's name, capitalised mid-sentence
            if not lex.self_reference.search(norm, max(0, m.start() - 25), m.start() + 1):
                return True
        return False

    @cached_property
    def customer_upset(self) -> bool | None:
        """Upset takes more than one weak cue: a strong word ("unacceptable", "furious") counts two, a weak
        one ("again", "still", "!!") one, shouting two; thanks and smileys count against it. A last
        message that only answers a question ("It's 4471.") keeps the mood of the one before."""
        if not self.customers:
            return None
        return self.upset_points >= 2

    @cached_property
    def upset_points(self) -> int:
        if not self.customers:
            return 0
        last = self.customers[-1]
        if len(self.customers) >= 2 and not last.closing and last.upset >= 0:
            answer_only = len(self.customer_turns[-1].low.split()) <= 8
            if answer_only or last.upset == 1:  # "It's 4471." keeps the mood of the message before
                return max(last.upset, min(self.customers[-2].upset, 2))
        return last.upset

    @cached_property
    def customer_laughs(self) -> bool:
        return bool(self.customers) and self.customers[-1].laughs

    @cached_property
    def tearful_only(self) -> bool:
        """The last message's upset rests on crying emoji ("still no hot sauce 😭"): play as often as grief."""
        if not self.customers or self.customer_turns[-1] is None:
            return False
        tears = len(TEARS.findall(self.customer_turns[-1].original))
        return tears > 0 and self.upset_points - tears < 2

    @cached_property
    def customer_abusive(self) -> bool | None:
        return self.customers[-1].abusive if self.customers else None

    @cached_property
    def customer_closing(self) -> bool:
        """The customer wraps up. Details given with thanks for a question just asked ("Order 88-4120.
        Thanks!") wrap up nothing, unless they also say goodbye."""
        if not self.customers or not self.customers[-1].closing:
            return False
        last = self.customer_turns[-1]
        asked = len(self.context) >= 2 and self.context[-2].role == "trainee" and any(mark in self.context[-2].content for mark in "?؟")
        if asked and any(ch.isdigit() for ch in last.low):
            return bool(self.customer_lex(last).closing_customer.search(last.low))
        return True

    @cached_property
    def problem_raised(self) -> bool | None:
        """The customer described something that went wrong or that they need done, and is not
        wrapping up."""
        if not self.customers:
            return None
        return any(c.problem for c in self.customers) and not self.customer_closing

    def earlier(self, pattern: Group) -> bool:
        return any(pattern.search(text.low) for text in self.earlier_replies)

    # -- evidence

    def ev(self, start: int, end: int) -> Evidence:
        return self.reply.evidence(start, end)

    def clause(self, start: int, end: int, limit: int = 90) -> Evidence:
        """Evidence from `start` to `end`, widened to the end of its clause."""
        s_end = self.reply.sentence_at(start)[1]
        stop = min(max(end, s_end), start + max(limit, end - start))
        if stop > end and self.reply.in_word(stop):  # cut before a word the limit would split
            stop = max(end, self.reply.word_start(stop))
        return self.ev(start, stop)


    def sentence(self, start: int, end: int, limit: int = 140) -> Evidence:
        """The whole sentence around norm[start:end] when it is short enough to quote, else the clause
        from `start`: "an hour late and cold on his birthday is really disappointing", not just
        "disappointing"."""
        s_start, s_end = self.reply.sentence_at(start)
        if s_end - s_start <= limit and s_start <= start:
            return self.ev(s_start, max(s_end, end))
        return self.clause(start, end, limit // 2)


Check = Callable[[Situation], Result]
T = TypeVar("T")


def negated(s: Situation, at: int) -> bool:
    """A negation just before `at` in its own sentence ("no te lo podemos devolver"); the sentence
    before may end on one ("ليس بيدنا. يمكنك عرض التذاكر") without touching this one."""
    return bool(s.lex.negator.search(s.reply.low, max(s.reply.sentence_at(at)[0], at - 12), at))


def owned(s: Situation, start: int = 0, end: int | None = None) -> re.Match[str] | None:
    """The first words in the span that own the fault, not denied ("es un error nuestro", not "no es culpa nuestra")."""
    low = s.reply.low
    return next((m for m in s.lex.ownership.finditer(low, start, len(low) if end is None else end)
                 if not negated(s, m.start())), None)


def shared(find: Callable[[Situation], T]) -> Callable[[Situation], T]:
    """A finding several checks use (the condescending phrases, the trainee's own steps), computed
    once per reply."""
    def once(s: Situation) -> T:
        if find not in s.memo:
            s.memo[find] = find(s)
        return s.memo[find]
    once.__doc__ = find.__doc__
    return once


def _none_before(norm: str, lex: Compiled, at: int) -> bool:
    """"Not a single" just before `at` in its clause: "not a single scratch", "ni un rasguño" is praise, no problem."""
    start = max([0, at - 24, *(norm.rfind(mark, 0, at) + 1 for mark in ",;:.!?")])
    return bool(lex.none_at_all.search(norm, start, at))


def _proper_name(text: Text, at: int) -> bool:
    """The word at `at` is capitalised inside a sentence: a name ("La Cabrona", "Helvetesdraken")."""
    start = text.sentence_at(at)[0]
    word = text.original[text.orig(at):text.orig(at) + 1]
    return at > start and word.isupper() and text.low[at - 1:at] == " " and not text.original.isupper()
