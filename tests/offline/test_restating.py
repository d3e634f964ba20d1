"""restate_problem: playing the customer's own details back, in a statement or a question, passes;
a reply that refers to nothing they said fails; one stray word is left to a model."""

from __future__ import annotations

import pytest

from tests.offline.conversation import FAIL, NA, PASS, UNJUDGED, graded, outcome


@pytest.mark.parametrize("lang, customer, reply", [
    ("en", "My shared folder vanished after last night's update and I can't find it anywhere.",
     "So the folder vanished after last night's update?"),
    ("en", "I was charged £35 for going £2 overdrawn.", "A £35 fee for being £2 over is steep; let me look at it."),
    ("es", "Mi carpeta compartida desapareció después de la actualización de anoche.",
     "¿O sea que la carpeta desapareció tras la actualización de anoche?"),
    ("es", "Me cobraron 79,80 € dos veces en marzo.", "Veo el doble cobro de 79,80 €; lo reviso ahora."),
    ("sv", "Min delade mapp försvann efter gårdagens uppdatering.", "Så mappen försvann efter gårdagens uppdatering?"),
    ("pl", "Mój folder zniknął po wczorajszej aktualizacji.", "Czyli folder zniknął po wczorajszej aktualizacji?"),
    ("lv", "Mana mape pazuda pēc vakardienas atjauninājuma.", "Tātad mape pazuda pēc vakardienas atjauninājuma?"),
    ("ar", "المجلد اختفى بعد تحديث البارحة.", "يعني المجلد اختفى بعد تحديث البارحة؟"),
])
def test_the_customers_details_played_back_pass(grader, lang, customer, reply):
    grade = graded(grader, "restate_problem", lang, reply, customer)
    assert grade.verdict is PASS, grade.explanation
    assert grade.evidence[0].text in reply


@pytest.mark.parametrize("lang, customer, reply", [
    ("en", "My son's birthday dinner arrived an hour late and stone cold.", "We apologise. Hopefully we'll see you again."),
    ("es", "La cena de cumpleaños de mi hijo llegó una hora tarde y fría.", "Disculpe. Esperamos verle pronto."),
])
def test_a_reply_that_refers_to_nothing_the_customer_said_fails(grader, lang, customer, reply):
    assert graded(grader, "restate_problem", lang, reply, customer).verdict is FAIL


def test_the_names_are_no_restatement(grader):
    grade = graded(grader, "restate_problem", "en", "Hello Harriet, I'm Joe.", "Hi, my order hasn't arrived.",
                   name="Harriet Jones")
    assert grade.verdict is FAIL


def test_one_echoed_word_is_too_little_to_judge(grader):
    grade = graded(grader, "restate_problem", "en", "Can I have your mother's date of birth?",
                   "My mother's physio appointment was moved and she can't get there.")
    assert outcome(grade) == UNJUDGED


def test_a_closing_turn_has_nothing_to_restate(grader):
    assert graded(grader, "restate_problem", "en", "Great, have a lovely day!",
                  "Thanks, that's everything.").verdict is NA


def test_the_same_conversation_is_quoted_the_same_in_every_process():
    """Which reply word counts as the echo must not depend on the process's string hashing."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    script = ("import json; from coach.cases import read_cases; from coach.offline import OfflineGrader; g = OfflineGrader(); "
              "print(json.dumps([[c.model_dump() for c in g.grade_case(case).criteria if c.criterion == 'restate_problem'] "
              "for case in read_cases('evals/probes/conv-ar-t.jsonl')], default=str))")
    runs = {subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "7")}
    assert len(runs) == 1 and "echoed" in next(iter(runs))


@pytest.mark.parametrize("lang, reply, customer", [
    ("pl", "Przepraszam, to nasz błąd – widzę dwie płatności po 49 zł z 3 czerwca. Zwrot drugiej zleciłam przed chwilą.",
     "obciazyliscie mnie dwa razy za plan Pro w tym miesiacu"),
    ("en", "Sorry, that's our mistake – I can see two £49 payments from 3 June. I've just refunded the second one.",
     "you charged me twice for the Pro plan this month"),
    ("es", "Perdona, es un error nuestro: veo dos pagos de 49 € del 3 de junio. Acabo de devolverte el segundo.",
     "me cobraron doble el plan Pro este mes"),
])
def test_a_reply_that_owns_the_fault_in_other_words_is_left_to_a_model(grader, lang, reply, customer):
    """"Two £49 payments from 3 June" plays back "charged twice" in words of its own; owning the fault says it
    was heard, so a reply that echoes nothing is not failed."""
    grade = graded(grader, "restate_problem", lang, reply, customer)
    assert grade.verdict is UNJUDGED, grade.explanation
