"""next_step: someone doing something definite passes; a vague future or a refusal with nothing
after it fails; nothing to do on a closing turn is n/a."""

from __future__ import annotations

import pytest

from tests.offline.conversation import FAIL, NA, PASS, graded

REFUND = {"sv": "Min återbetalning har fortfarande inte kommit.", "pl": "Mój zwrot wciąż nie dotarł.",
          "lv": "Mana atmaksa joprojām nav pienākusi.", "ar": "المبلغ المسترد ما وصلني لحد الآن.",
          "en": "My refund still hasn't arrived after three weeks.", "es": "Mi reembolso sigue sin llegar después de tres semanas."}


@pytest.mark.parametrize("lang, reply", [
    ("en", "We'll look into it at some point."),
    ("en", "Hopefully it will sort itself out. Kindly wait."),
    ("es", "Ya veremos qué se puede hacer."),
    ("es", "Quedamos atentos a cualquier comentario."),
    ("sv", "Vi får se vad vi kan göra så småningom."),
    ("pl", "Zobaczymy, co da się zrobić w swoim czasie."),
    ("lv", "Redzēsim, ko varēsim izdarīt tuvākajā laikā."),
    ("ar", "سنرى ما يمكن فعله في أقرب وقت."),
])
def test_a_vague_step_fails(grader, lang, reply):
    grade = graded(grader, "next_step", lang, reply, REFUND[lang])
    assert (grade.verdict, grade.reason) == (FAIL, "vague_step"), grade.explanation


@pytest.mark.parametrize("lang, reply", [
    ("en", "I'm booking a line test now and I'll text you the result before 5 today."),
    ("en", "Could you send me the order number so I can trace it?"),
    ("en", "I've refunded the full amount to your card just now."),
    ("en", "Shall I reissue it to the same card?"),
    ("en", "Go to Settings > Members and choose 'Make admin'."),
    ("es", "Le he abierto una incidencia y yo misma la llamo hoy antes de las seis."),
    ("es", "¿Me confirma el número de pedido para localizarlo?"),
    ("es", "Entre en Configuración > Usuarios y pulse 'Invitar'."),
])
def test_a_concrete_step_passes(grader, lang, reply):
    assert graded(grader, "next_step", lang, reply, REFUND[lang]).verdict is PASS


@pytest.mark.parametrize("lang, reply", [
    ("en", "Our terms are clear that refunds take 30 days, so I can't speed it up."),
    ("es", "Las condiciones dicen 30 días, así que no lo podemos adelantar."),
])
def test_a_refusal_with_no_step_fails(grader, lang, reply):
    grade = graded(grader, "next_step", lang, reply, REFUND[lang])
    assert (grade.verdict, grade.reason) == (FAIL, "no_step"), grade.explanation


def test_a_step_inside_a_refusal_is_no_step(grader):
    grade = graded(grader, "next_step", "es", "Lo siento, no te lo podemos devolver.", REFUND["es"])
    assert grade.verdict is FAIL


def test_nothing_is_needed_when_the_customer_wraps_up(grader):
    assert graded(grader, "next_step", "en", "Lovely.", "Thanks, that's everything.").verdict is NA
