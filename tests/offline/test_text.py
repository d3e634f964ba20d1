"""Whatever the reply is, the grade comes back and its quotes are exact slices of it."""

from __future__ import annotations

import random

from coach.cases import Turn
from coach.grades import Verdict


def _all_evidence(grade):
    return [e for g in grade.criteria for e in g.evidence]


def test_quotes_are_exact_slices_even_with_arabic_diacritics(grader):
    reply = "أَفْهَمُ ذَلِكَ، لَكِنْ هَذِهِ سِيَاسَةُ الشَّرِكَةِ."
    grade = grader.grade(reply, lang="ar")
    assert grade.get("no_yes_but").verdict is Verdict.FAIL
    for ev in _all_evidence(grade):
        assert reply[ev.start:ev.end] == ev.text


def test_quotes_are_exact_with_curly_apostrophes(grader):
    reply = "I’m sorry you feel that way."
    ev = grader.grade(reply, lang="en").get("no_condescending_apology").evidence[0]
    assert reply[ev.start:ev.end] == ev.text and "’" in reply


def test_an_empty_reply_gets_a_grade(grader):
    grade = grader.grade("", lang="en")
    assert {g.verdict for g in grade.criteria} == {Verdict.NA}
    assert grader.grade("   \n ", lang="pl").criteria


def test_a_one_megabyte_reply_gets_a_grade(grader):
    reply = ("I understand, but that's our policy. " * 30000)[:1_000_000]
    grade = grader.grade(reply, lang="en")
    assert grade.get("no_yes_but").verdict is Verdict.FAIL
    assert grade.notices and "1,000,000" in grade.notices[0].text()


def test_any_unicode_gets_a_grade(grader):
    rng = random.Random(7)
    for _ in range(200):
        reply = "".join(chr(rng.randrange(1, 0x2FFFF)) for _ in range(rng.randrange(0, 80)))
        try:
            reply.encode("utf-8")
        except UnicodeEncodeError:
            reply = reply.encode("utf-8", "replace").decode("utf-8")
        grade = grader.grade(reply, customer_name="Ånna ٱحمد")
        assert len(grade.criteria) == 12
        for ev in _all_evidence(grade):
            assert reply[ev.start:ev.end] == ev.text


def test_the_language_is_guessed_when_not_given(grader):
    assert grader.grade("Rozumiem, ale taka jest nasza polityka.").lang == "pl"
    assert grader.grade("Saprotu, bet tā ir mūsu politika.").lang == "lv"
    assert grader.grade("أفهم ذلك، لكن هذه سياسة الشركة.").lang == "ar"
    assert grader.grade("Jag förstår, men det är vår policy.").lang == "sv"
    assert grader.grade("Entiendo, pero esa es nuestra política.").lang == "es"


def test_every_prefix_of_a_reply_grades_without_error(grader):
    """Hints grade a reply as it is typed: every unfinished prefix must grade, evidence exact."""
    replies = [("en", "I hear you, but refunds take 10 days, that's the rule. I'm sorry you feel that way, Dana."),
               ("pl", "Rozumiem, ale taka jest nasza polityka. Gwarantuję, że jutro paczka dotrze."),
               ("ar", "أفهم ذلك، لكن هذه سياسة الشركة. نضمن لك وصول الطلب غدًا."),
               ("lv", "Saprotu, bet tā ir mūsu politika, Jāni.")]
    for lang, reply in replies:
        for end in range(1, len(reply) + 1):
            draft = reply[:end]
            grade = grader.grade(draft, lang=lang, customer_name="Dana Miller")
            for g in grade.criteria:
                assert all(draft[e.start:e.end] == e.text for e in g.evidence), (draft, g.criterion)


def test_quotes_start_and_end_on_word_boundaries(grader):
    """A quote cut mid-word ("…email you the supplie") reads as a bug; evidence widens to whole words."""
    reply = ("I'm really sorry about the delay with your order and I will email you the supplier's tracking "
             "link before five o'clock today, and I promise it will definitely arrive tomorrow morning at home.")
    context = [Turn(role="customer", content="Where is my order? This is the third time I've asked!!")]
    for g in grader.grade(reply, lang="en", context=context).criteria:
        for e in g.evidence:
            assert reply[e.start:e.end] == e.text
            assert e.start == 0 or not (reply[e.start - 1].isalnum() and reply[e.start].isalnum()), e.text
            assert e.end == len(reply) or not (reply[e.end - 1].isalnum() and reply[e.end].isalnum()), e.text
