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


FERRY = {"en": "I missed the 7:30 ferry because of an accident on the road. Can I take the next one without paying?",
         "es": "Perdí el ferry de las 7:30 por un accidente en la carretera. ¿Puedo ir en el siguiente sin pagar?",
         "sv": "Jag missade färjan 07.30 på grund av en olycka på vägen. Kan jag åka med nästa utan att betala?",
         "pl": "Spóźniłem się na prom 7:30 przez wypadek na drodze. Czy mogę popłynąć następnym bez płacenia?",
         "lv": "Nokavēju prāmi 7:30 avārijas dēļ uz ceļa. Vai varu braukt ar nākamo bez maksas?",
         "ar": "فاتتني العبارة الساعة 7:30 بسبب حادث على الطريق. هل أستطيع ركوب التالية بدون دفع؟"}


@pytest.mark.parametrize("lang, reply", [
    ("en", "The ticket is only valid for the booked sailing, so you'll need to buy a new ticket for the 10:00."),
    ("es", "El billete solo vale para la salida reservada, así que tendrá que comprar un billete nuevo para las 10:00."),
    ("sv", "Biljetten gäller bara för den bokade avgången, så du behöver köpa en ny biljett till 10.00-turen."),
    ("pl", "Bilet jest ważny tylko na zarezerwowany rejs, więc trzeba kupić nowy bilet na 10:00."),
    ("lv", "Biļete derīga tikai rezervētajam reisam, tāpēc jums jāiegādājas jauna biļete uz 10:00 reisu."),
    ("ar", "التذكرة صالحة فقط للرحلة المحجوزة، لذلك عليك شراء تذكرة جديدة لرحلة الساعة 10:00."),
])
def test_what_the_customer_must_do_next_is_a_step_even_beside_a_refusal(grader, lang, reply):
    grade = graded(grader, "next_step", lang, reply, FERRY[lang])
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("lang, reply", [
    # a rule about everyone, not the customer's way on
    ("es", "Entendemos tu molestia, pero según nuestras condiciones cualquier maleta que supere las medidas debe "
           "facturarse en puerta, por lo que el cargo es correcto."),
    ("pl", "Rozumiem, jednak zgodnie z regulaminem zamrożenie trzeba zgłosić najpóźniej 7 dni przed płatnością, "
           "więc opłata została naliczona prawidłowo."),
    # "I understand you" and "you should have", not an instruction
    ("ar", "أفهم عليك تماماً، لكن هذه سياسة المحل ولا نقبل إرجاع القطع الملبوسة."),
    ("ar", "وفقاً للشروط، كان عليك مراجعة الخريطة قبل إنهاء الرحلة، لذلك لا يمكننا إلغاء الغرامة."),
])
def test_a_rule_or_a_reproach_in_the_obligation_form_is_no_step(grader, lang, reply):
    grade = graded(grader, "next_step", lang, reply, REFUND[lang])
    assert grade.verdict is not PASS, grade.explanation


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


@pytest.mark.parametrize("lang, reply", [
    ("en", "Thanks for letting us know. Is there anything else I can help you with?"),
    ("es", "Gracias por avisarnos. ¿Hay algo más en lo que le pueda ayudar?"),
    ("sv", "Tack för att du hörde av dig. Är det något mer jag kan hjälpa dig med?"),
    ("pl", "Dziękuję za wiadomość. Czy mogę pomóc w czymś jeszcze?"),
    ("lv", "Paldies, ka sazinājāties. Vai vēl kaut ko varu jums palīdzēt?"),
    ("ar", "شكراً لتواصلك. هل فيه شي ثاني أقدر أساعدك فيه؟"),
])
def test_asking_whether_they_need_anything_else_is_no_step(grader, lang, reply):
    grade = graded(grader, "next_step", lang, reply, REFUND[lang])
    assert grade.verdict is not PASS, grade.explanation


def test_a_question_about_anything_else_they_take_moves_things_on(grader):
    reply = "For the cough, is it dry or chesty? And are you taking anything else at the moment?"
    assert graded(grader, "next_step", "en", reply, "I've had a cough for a week, what can I take?").verdict is PASS


def test_a_claim_reviewed_within_a_stated_time_is_a_step(grader):
    reply = "Reklamacja została przyjęta i zostanie rozpatrzona w ciągu 14 dni roboczych."
    assert graded(grader, "next_step", "pl", reply, "Pobraliście mi dwa razy 189,99 zł za tę samą płatność.").verdict is PASS


def test_the_way_through_the_device_is_a_step(grader):
    reply = "Skrivaren hittar inte datorn. Gå in under Wi-Fi på skrivarens display och jämför nätverksnamnet."
    assert graded(grader, "next_step", "sv", reply, "Skrivaren står som offline, hur fixar jag det").verdict is PASS
