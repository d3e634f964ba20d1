"""Per-language phrase patterns the offline grader matches, kept as data.

Each language has one YAML file in `lexicons/` with regular expressions grouped by
what they signal. Adding a language means adding a file, not code. Patterns are
matched case-insensitively against normalized text (see `text.py`).
"""

from __future__ import annotations

import copy
import re
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from coach.datafile import load_model
from coach.offline.matching import Group, Words, lower
from coach.offline.text import normalize_pattern
from coach.offline.textfold import fold, strip_marks

LEXICON_DIR = Path(__file__).resolve().parent / "lexicons"
Patterns = list[str]
# groups read on the customer's messages rather than on the trainee's reply
CUSTOMER_SIDE = frozenset({"upset", "upset_weak", "disbelief", "calm_cues", "abuse", "self_reference", "problem", "closing_customer",
                           "closing_thanks", "indirect_question", "own_slip"})
# fields of a lexicon that are word lists or tables, not regular expressions
NOT_PATTERNS = frozenset({"lang", "not_names", "name_titles", "name_suffixes", "name_prefixes", "name_variants",
                          "name_stem_changes", "stopwords"})


class Lexicon(BaseModel):
    """Pattern groups for one language. Every group is a list of regexes."""

    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)

    lang: str
    # no_yes_but
    acknowledge: Patterns = Field(description="agreeing or acknowledging: yes, I understand, I'm sorry")
    contrast: Patterns = Field(description="words that turn a statement around: but, however, that said")
    affirmative: Patterns = Field(default_factory=list, description="a plain yes: 'yes', 'sure', 'sí', 'jā' "
                                  "(answering a question, it acknowledges no complaint)")
    contrast_opener: Patterns = Field(default_factory=list, description="a contrast opening a sentence: "
                                      "'However,', 'Still,', 'Unfortunately,' (matched at the sentence's start)")
    contrast_firm: Patterns = Field(default_factory=list, description="contrasts that take back the sentence before "
                                    "even without a refusal ('Sorry! But the outlet says...'); matched where a "
                                    "contrast starts")
    dismissal: Patterns = Field(default_factory=list, description="a clause that refuses or closes the matter: "
                                "'can't', 'is final', 'non-refundable', 'in line with the terms'")
    bad_news: Patterns = Field(default_factory=list, description="after a 'but', what goes against the customer "
                               "without a negation: a rule or term invoked, something lapsed, a cost or duty laid "
                               "on them ('the warranty expired', 'under our terms', 'you'll pay the postage')")
    welcome: Patterns = Field(default_factory=list, description="gladness after a 'but': 'but I'm glad it arrived'")
    consolation: Patterns = Field(default_factory=list, description="after a 'but', consolation or help the "
                                  "customer can use, not a refusal: 'we hope to see you again', 'the team is on "
                                  "it', 'no need to worry'")
    customer_can: Patterns = Field(default_factory=list, description="something the customer can do: 'you can "
                                   "rebook in the app', 'puede cambiarlo'")
    next_time: Patterns = Field(default_factory=list, description="the next occasion, not this problem: 'next "
                                "time', 'la próxima vez'")
    conceding: Patterns = Field(default_factory=list, description="a contrast that concedes ('although', 'aunque', "
                                "'även om'): the main clause after it is what is said")
    concessive: Patterns = Field(default_factory=list, description="'even though' opening a sentence: the turn comes after the comma")
    negation: Patterns = Field(default_factory=list, description="plain negation words: not, inte, nie, ne-...")
    negator: Patterns = Field(default_factory=list, description="any negating word, refusing or not: not, no, "
                              "nie, żaden ('nie będzie straszny' negates the word after it)")
    offer: Patterns = Field(description="what follows a contrast when it leads to help (anchored at its start)")
    refusal: Patterns = Field(default_factory=list, description="what follows a contrast when it refuses (anchored)")
    good_news: Patterns = Field(default_factory=list, description="something the speaker has already done for them")
    expectation: Patterns = Field(default_factory=list, description="an honest estimate of what others usually take")
    # under_promise
    guarantee: Patterns = Field(description="an explicit guarantee: 'I promise', 'guaranteed', '100%'")
    notice: Patterns = Field(default_factory=list, description="a message the company's own system sends: 'a "
                             "confirmation email', 'un SMS', 'potwierdzenie' (its arrival is the speaker's own step)")
    congratulate: Patterns = Field(default_factory=list, description="congratulations: 'enhorabuena', 'grattis', "
                                   "'مبروك' (a warm close on a closing turn)")
    none_at_all: Patterns = Field(default_factory=list, description="'not a single', 'ni un', 'ani jednej': a problem "
                                  "word after it is praise ('not a single scratch'), not a problem")
    purpose: Patterns = Field(default_factory=list, description="a purpose clause's opening: 'to', 'żeby', "
                              "'lai', 'för att', 'para', 'عشان' (a call 'to confirm' is a notice)")
    ready: Patterns = Field(default_factory=list, description="being ready or done: 'ready', 'gotowy', 'klar', "
                            "'gatavs', 'listo', 'جاهز' (the company's own work finished, unless others are named)")
    time_window: Patterns = Field(default_factory=list, description="a booked slot: 'between 8 and 12', 'entre las 8 y "
                                  "las 12' (the company's own scheduling, not a deadline alone)")
    working_days: Patterns = Field(default_factory=list, description="a count of working days: 'within 3 business "
                                   "days', 'w ciągu 3 dni roboczych' (a service's usual time, not a promise alone)")
    habitual: Patterns = Field(default_factory=list, description="a standing rule, not this customer's case: "
                               "'always', 'every', 'on all flights', 'from now on' (a guarantee about it describes "
                               "the service; a time in it is the company's own rule)")
    certainty: Patterns = Field(default_factory=list, description="'definitely', 'rest assured': a guarantee only "
                                "when it vouches for a result in the same sentence")
    relay: Patterns = Field(default_factory=list, description="passing the customer's words on, the speaker's own "
                            "step: 'we'll make sure the team sees this'")
    ensure: Patterns = Field(default_factory=list, description="'I'll make sure it arrives': guaranteeing a result others deliver")
    guarantee_negated: Patterns
    outcome: Patterns = Field(description="a result that depends on others, stated as certain future")
    deadline: Patterns
    never_again: Patterns
    own_refrain: Patterns = Field(default_factory=list, description="the speaker's own act, negated: 'we won't "
                                  "charge you', 'nie naliczymy', 'no le cobraremos' (what the company will not do is "
                                  "in its hands)")
    own_action: Patterns = Field(description="the speaker committing to their own next step")
    from_me: Patterns = Field(default_factory=list, description="'from me', 'myself': the result is the speaker's own doing")
    hedge: Patterns
    # personalize
    own_name: Patterns = Field(description="introductions; the group (?P<name>...) captures the name")
    not_names: list[str] = Field(default_factory=list, description="words an introduction pattern may catch that are not names")
    name_titles: list[str] = Field(default_factory=list)
    name_suffixes: list[str] = Field(default_factory=list, description="inflection endings a name may take")
    name_variants: dict[str, list[str]] = Field(default_factory=dict, description="short forms and diminutives: Tomasz -> Tomek")
    name_prefixes: list[str] = Field(default_factory=list, description="particles that attach before a name")
    name_stem_changes: dict[str, list[str]] = Field(
        default_factory=dict, description="a name's ending and what replaces it before an inflection ending: Latvian "
                                          "'Saulītis' -> 'Saulīša', Polish 'Malinowski' -> 'Malinowscy'")
    generic_address: Patterns = Field(default_factory=list, description="'dear customer' and the like")
    # no_condescending_apology
    feelings_apology: Patterns
    apology_head: Patterns = Field(default_factory=list, description="the words of an apology: sorry, regret...")
    feeling_object: Patterns = Field(default_factory=list, description="right after an apology: its object is the "
                                     "customer's feeling or view ('you feel that way', 'your disappointment')")
    feeling_cause: Patterns = Field(default_factory=list, description="right after the feeling apologised for: what "
                                    "caused it ('the frustration the hold time caused')")
    talking_down: Patterns = Field(description="telling the customer their emotion is unwarranted: 'calm down'")
    reminder: Patterns = Field(default_factory=list, description="'as I already explained', 'as mentioned before'")
    blame: Patterns = Field(default_factory=list, description="second-person blame: 'you should have', "
                            "'if you had read', 'next time, check'")
    sarcasm: Patterns = Field(default_factory=list, description="sarcasm and patronising: 'it's really quite simple'")
    soothe: Patterns = Field(default_factory=list, description="'relax': talking down only to an upset customer")
    reassurance: Patterns = Field(default_factory=list, description="'don't worry', 'you can rest easy': a worry "
                                  "answered, which may be how the worry is acknowledged (a model decides)")
    negated_speech: Patterns = Field(default_factory=list, description="'I won't tell you to': what follows is not said")
    apology: Patterns
    # acknowledge_feelings
    formula_apology: Patterns = Field(default_factory=list, description="the bare set apology: 'sorry for the "
                                      "inconvenience' acknowledges no feeling")
    empathy: Patterns = Field(description="set phrases of empathy: 'in your shoes', 'understandably'")
    understanding: Patterns = Field(default_factory=list, description="the speaker understanding the customer: "
                                    "'I can see why', 'I hear you', 'entiendo que'")
    hardship: Patterns = Field(default_factory=list, description="words that judge what happened as hard: "
                               "frustrating, a nightmare, disruptive, agobiante (not after a negation)")
    hardship_negated: Patterns = Field(default_factory=list, description="what happened judged as falling short: "
                                       "'isn't good enough', 'not acceptable', 'no es normal'")
    speaker_possessive: Patterns = Field(default_factory=list, description="'our', 'nuestro', 'naszym': a cause "
                                         "in the company's own system or team is owned, not an excuse")
    speaker_first: Patterns = Field(default_factory=list, description="the speaker as subject: 'I', 'we', 'veo', "
                                    "'widzę' (an opening that starts with it is about the speaker, not the customer)")
    feeling: Patterns = Field(default_factory=list, description="words for the customer's feeling: worried, "
                              "fed up, su enfado (empathy when said to or of the customer)")
    addressee: Patterns = Field(default_factory=list, description="the customer as the one who feels: you, your, "
                                "usted, esté (near a feeling word)")
    shared_feeling: Patterns = Field(default_factory=list, description="'I'd be fuming too', 'anyone would', "
                                     "'no wonder'")
    conditional: Patterns = Field(default_factory=list, description="'if' before the customer's feeling: "
                                  "'sorry if you are disappointed' doubts it")
    # restate_problem
    restate: Patterns = Field(description="frames that check understanding: 'just to confirm', 'so you're saying'")
    stopwords: list[str] = Field(default_factory=list, description="words that echo nothing of the customer's "
                                 "problem: function words and the words of every service reply")
    problem: Patterns = Field(default_factory=list, description="a customer describing what went wrong or "
                              "what they need done")
    clarifying: Patterns = Field(default_factory=list, description="a question about the problem itself "
                                 "('which dates were you away?'), not for a reference number")
    # own_it
    inquiry: Patterns = Field(default_factory=list, description="finding out whether something is so, which asserts "
                              "nothing: 'we'll see whether', 'zobaczymy, czy', 'kolla om'")
    excuse: Patterns = Field(description="putting the failure outside the company: 'out of our hands'")
    ownership: Patterns = Field(description="the company owning the fault: 'that's our mistake'")
    third_party: Patterns = Field(default_factory=list, description="others a failure can be pinned on: the "
                                  "courier, the bank, the system, the weather")
    cause: Patterns = Field(default_factory=list, description="words that give a cause: because (of), due to, "
                            "down to, por culpa de (before a third party)")
    overload: Patterns = Field(default_factory=list, description="a third party's strain: stretched, swamped, off "
                               "sick, desbordados (after a third party)")
    intensifier: Patterns = Field(default_factory=list, description="words that strengthen an apology: 'really', "
                                  "'so', 'bardzo', 'ļoti', 'جدا' ('I'm really sorry about Saturday')")
    natural_cause: Patterns = Field(default_factory=list, description="a force nobody controls: the weather, a "
                                    "storm, snow, floods, an earthquake ('el temporal', 'الطقس')")
    defensive: Patterns = Field(default_factory=list, description="defending the company instead of fixing: "
                                "'we take safety extremely seriously'")
    # next_step
    vague: Patterns = Field(default_factory=list, description="a step in name only: 'at some point', "
                            "'we'll look into it', 'ya veremos', 'kindly wait'")
    offer_question: Patterns = Field(default_factory=list, description="offering to act: 'shall I', "
                                     "'would you like me to', '¿quiere que'")
    request: Patterns = Field(default_factory=list, description="asking the customer for what moves things on: "
                              "'can you give me the tracking number', 'DM us your booking ref'")
    instruction: Patterns = Field(default_factory=list, description="telling the customer how: 'go to Settings', "
                                  "'you can switch under Account'")
    arranged: Patterns = Field(default_factory=list, description="a step others take, said as arranged: 'it'll be "
                               "rebooked' (a step when a time comes with it)")
    handover: Patterns = Field(default_factory=list, description="passing the customer to a named colleague, "
                               "supervisor or team")
    anything_else: Patterns = Field(default_factory=list, description="asking whether they need anything more: "
                                    "'anything else I can help with?' moves nothing on")
    # stay_professional, set_boundaries
    boundary: Patterns = Field(description="set phrases of a boundary: 'I can't accept being spoken to'")
    abuse_ref: Patterns = Field(default_factory=list, description="the customer's language named: insults, "
                                "name-calling, threats, 'spoken to like that', respect")
    limit: Patterns = Field(default_factory=list, description="a condition or a request about it: 'I need us to', "
                            "'can only', 'I'd ask you', 'le pido que'")
    end_conversation: Patterns = Field(default_factory=list, description="ending the call or chat: "
                                       "'I'm going to end the call', 'voy a cerrar este chat'")
    before_then: Patterns = Field(default_factory=list, description="a time something happens by: 'before we "
                                  "finish this call', 'antes de que cierre el chat', 'innan vi avslutar'")
    unprofessional: Patterns = Field(description="swearing and rude set phrases in the trainee's reply")
    insult: Patterns = Field(default_factory=list, description="insults for a person: idiot, muppet, imbécil")
    threat: Patterns = Field(default_factory=list, description="a threat to the customer: 'you'll regret it'")
    sanction: Patterns = Field(default_factory=list,
                               description="a sanction on the customer if they do it again: 'do that again and we'll block your account'")
    retort: Patterns = Field(default_factory=list, description="hitting back: 'drop the attitude', 'I'm not the "
                             "idiot here'")
    mockery: Patterns = Field(default_factory=list, description="mocking the customer: 'won't magically make it "
                              "disappear'")
    laughter: Patterns = Field(default_factory=list, description="'ha', 'haha', 'jaja': mockery at an upset customer")
    # positive_close
    positive_close: Patterns
    # the customer's side of the conversation
    upset: Patterns = Field(description="strong signs of anger, frustration or worry (each counts two)")
    upset_weak: Patterns = Field(default_factory=list, description="weak signs: 'again', 'still' (each counts one)")
    disbelief: Patterns = Field(default_factory=list, description="disbelief at what happened: 'I can't believe "
                                "this', 'nie do wiary' (a strong sign, unless the message thanks or praises)")
    calm_cues: Patterns = Field(default_factory=list, description="thanks, praise: count against being upset")
    abuse: Patterns = Field(description="an insult or threat aimed at a person (not a complaint or swearing at a thing)")
    self_reference: Patterns = Field(default_factory=list, description="the customer speaking of themselves right "
                                     "before an insult word: 'I'm not an', 'I feel so' (not abuse)")
    closing_customer: Patterns = Field(description="the customer wrapping up: 'that's all', 'bye'")
    indirect_question: Patterns = Field(default_factory=list, description="a question asked without a question "
                                        "mark: 'just wondering if they'll get here before Saturday'")
    own_slip: Patterns = Field(default_factory=list, description="the customer owning a slip of their own: 'what "
                               "did I do wrong?', 'I totally forgot', 'my mistake'")
    closing_thanks: Patterns = Field(default_factory=list, description="thanks as the last words: a goodbye when "
                                     "the message raises no problem ('Got it, thank you so much!')")

    @field_validator("*", mode="after")
    @classmethod
    def _patterns_compile(cls, value, info: ValidationInfo):
        if info.field_name in NOT_PATTERNS:
            return value
        for i, pattern in enumerate(value):
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"pattern {i} does not compile: {exc}") from None
        return value


class Compiled:
    """A lexicon with each pattern group joined into one compiled regex (`lex.<group>`)."""

    def __getattr__(self, name: str) -> Group:  # the groups are set in __init__; this types them
        raise AttributeError(name)

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        self.lang = lexicon.lang
        for name, value in lexicon:
            if name not in NOT_PATTERNS:
                setattr(self, name, _group(value))
        groups = {name: group for name, group in vars(self).items() if isinstance(group, Group)}
        # a customer's message is searched only for the words of the groups read on it
        self.words = Words([part for name, group in groups.items() if name not in CUSTOMER_SIDE for part in group.parts])
        self._index_customer_side()
        for name, group in groups.items():
            if name not in CUSTOMER_SIDE:
                group.indexed()
        self.not_names = {fold(normalize_pattern(w)) for w in lexicon.not_names}
        self.stopwords = frozenset(fold(normalize_pattern(w)) for w in lexicon.stopwords)
        self.name_titles = frozenset(fold(normalize_pattern(w)) for w in lexicon.name_titles)  # hashed once
        self.name_suffixes = tuple(sorted(lexicon.name_suffixes, key=len, reverse=True))
        self.name_variants = _families(lexicon.name_variants)
        self.name_prefixes = sorted((fold(normalize_pattern(p)) for p in lexicon.name_prefixes), key=len, reverse=True)
        self.name_stem_changes = tuple((fold(normalize_pattern(end)), fold(normalize_pattern(new)))
                                       for end, news in lexicon.name_stem_changes.items() for new in news)

    def _index_customer_side(self) -> None:
        """Index the groups read on a customer's message by their words, apart from the reply's."""
        groups = [group for name in Lexicon.model_fields if name in CUSTOMER_SIDE
                  and isinstance(group := getattr(self, name), Group)]
        self.customer_words = Words([part for group in groups for part in group.parts])
        for group in groups:
            group.indexed()


def _families(variants: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    """A name and its short forms as one family, each member leading to the others: a customer signed
    'Wojtek' is also addressed 'Panie Wojciechu', and 'Wojciech' is called 'Wojtku'."""
    family_of: dict[str, set[str]] = {}
    for full, short in variants.items():
        family = {fold(full), *(fold(v) for v in short)}
        for member in family:
            family_of.setdefault(member, set()).update(family - {member})
    return {member: tuple(sorted(others)) for member, others in family_of.items()}


def _group(patterns: list[str]) -> Group | re.Pattern[str]:
    """A pattern group compiled; an empty one never matches."""
    if not patterns:
        return _NEVER
    # several patterns may each capture (?P<name>...); number them apart
    numbered = [normalize_pattern(p).replace("(?P<name>", f"(?P<name_{i}>") for i, p in enumerate(patterns)]
    # patterns and text are both lower-cased: far faster than re.IGNORECASE
    return Group([lower(p) for p in numbered], re.UNICODE)


_NEVER = re.compile(r"(?!x)x")


def available() -> list[str]:
    return sorted(p.stem for p in LEXICON_DIR.glob("*.yaml"))


@cache
def lexicon(lang: str) -> Compiled:
    path = LEXICON_DIR / f"{lang}.yaml"
    if not path.exists():
        path = LEXICON_DIR / "en.yaml"
    return Compiled(load_model(path, Lexicon))


# languages whose customers often type without their letters' marks ("dzieki", "paldies, viss ok", "tack sa mycket")
_MARKED = frozenset({"es", "lv", "pl", "sv"})


@cache
def unmarked_lexicon(lang: str) -> Compiled:
    """The lexicon with the customer-side groups spelt without diacritics, for a customer's message typed
    without them ("obciazyliscie mnie dwa razy", "ok dzieki"); the language's own lexicon elsewhere."""
    own = lexicon(lang)
    if lang not in _MARKED:
        return own
    unmarked = copy.copy(own)  # every other group (and `lexicon`, the source) is the language's own, compiled once
    for name in CUSTOMER_SIDE:
        setattr(unmarked, name, _group([strip_marks(p) for p in getattr(own.lexicon, name)]))
    unmarked._index_customer_side()
    return unmarked
