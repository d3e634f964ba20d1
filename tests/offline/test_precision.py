"""Wrong fails on ordinary good replies, by category: a boundary after a "but", the customer's insult
quoted to refuse it, soft boundaries. Each is right, or left to a model; never failed."""

from __future__ import annotations

import pytest

from tests.offline.conversation import FAIL, PASS, UNJUDGED, graded

ABUSE = {
    "en": "You useless idiots, three hours late and nobody tells us anything.",
    "es": "Sois unos inútiles de mierda, tres horas de retraso y nadie dice nada.",
    "sv": "Era jävla idioter, nätet har legat nere i två dagar!",
    "pl": "Banda idiotów, trzy godziny opóźnienia i nikt nic nie mówi!",
    "lv": "Jūs esat stulbi idioti, trīs stundas kavējas un neviens neko nesaka!",
    "ar": "يا شوية حمير، ساعة كاملة على الخط عشان سؤال واحد!!",
}


@pytest.mark.parametrize("lang, reply", [
    ("en", "Three hours without news is a long wait. We want to help, but please keep the language civil. "
           "The new departure time is 21:40."),
    ("pl", "Trzy godziny bez informacji to naprawdę dużo. Chcemy pomóc, ale prosimy o rozmowę bez wulgaryzmów. "
           "Nowa godzina odlotu to 21:40."),
    ("sv", "Två dagar utan internet är för länge, vi förstår det. Vi vill gärna hjälpa dig, men vi ber dig att "
           "inte kalla våra medarbetare idioter. Teknikerna är på plats i dag."),
    ("sv", "Förlåt att du har fått vänta, det ska du inte behöva. Samtidigt ber jag dig att inte kalla mig idiot. "
           "Jag startar återbetalningen nu."),
    ("es", "Entiendo el enfado, tres horas es mucho. Queremos ayudar, pero te pido que sin insultos. "
           "La nueva hora de salida es las 21:40."),
])
def test_a_boundary_after_a_but_takes_nothing_back(grader, lang, reply):
    grade = graded(grader, "no_yes_but", lang, reply, ABUSE[lang])
    assert grade.verdict == PASS, grade.explanation
    assert graded(grader, "set_boundaries", lang, reply, ABUSE[lang]).verdict == PASS


@pytest.mark.parametrize("lang, reply", [
    ("sv", "Vi vill gärna hjälpa dig, men vi ber dig att inte kalla våra medarbetare idioter. Felet är lagat i kväll."),
    ("en", "I'll sort the refund now, and I'd ask you not to call my colleagues idiots."),
    ("pl", "Chętnie to wyjaśnię, proszę tylko, żebyśmy rozmawiali bez nazywania mnie kłamcą."),
])
def test_the_customers_insult_quoted_to_refuse_it_is_a_boundary_not_retaliation(grader, lang, reply):
    assert graded(grader, "stay_professional", lang, reply, ABUSE[lang]).verdict == PASS
    boundary = graded(grader, "set_boundaries", lang, reply, ABUSE[lang])
    assert (boundary.verdict, boundary.reason) == (PASS, "boundary_set"), boundary.explanation


@pytest.mark.parametrize("lang, customer, reply", [
    ("lv", "Pārdevēja lika man justies kā muļķim, kad jautāju par televizoru.",
     "Ļoti žēl to dzirdēt — nevienam klientam pie mums nevajadzētu justies muļķīgi. Lūdzu, uzrakstiet apmeklējuma dienu."),
    ("en", "Your salesman made me feel stupid for asking about the TVs.",
     "I'm so sorry. Nobody should ever feel stupid for asking us a question. Please send us the date of your visit."),
    ("sv", "Säljaren fick mig att känna mig som en idiot när jag frågade om tv-apparaterna.",
     "Så tråkigt att höra. Ingen kund ska behöva känna sig som en idiot hos oss. Skriv gärna vilken dag du var där."),
])
def test_an_insult_word_in_a_negated_sentence_is_not_unprofessional(grader, lang, customer, reply):
    grade = graded(grader, "stay_professional", lang, reply, customer)
    assert grade.verdict == PASS, grade.explanation


@pytest.mark.parametrize("lang, reply", [
    ("en", "Being charged for a phone you sent back is maddening, and we want it off your bill as much as you do; "
           "we'll just need to keep the language out of it while we sort it."),
    ("en", "I'll sort it, and I'm asking you to keep the language out of it."),
    ("es", "Te ayudo con eso, y te pido que sin garabatos. ¿Me das el número de pedido?"),
    ("es", "Como no hemos podido mantener el respeto, le transfiero ahora con mi gerente, que puede revisar su caso."),
    ("ar", "يسعدنا أن نساعدك هنا، ونرجو فقط أن يبقى الحديث بعيدًا عن الإساءة لزملائنا."),
    ("ar", "عشان نقدر نساعدك، ياريت نتكلم من غير شتايم. ابعتلنا رقم الطلب."),
    ("sv", "Det kan jag bara göra om vi pratar utan att du kallar mig saker."),
    ("sv", "Eftersom du hotar oss kan jag inte fortsätta samtalet själv, så jag kopplar dig till vår butikschef."),
    ("pl", "Chętnie pomogę, proszę tylko, żebyśmy rozmawiali bez nazywania mnie oszustem."),
])
def test_soft_boundaries_are_boundaries(grader, lang, reply):
    grade = graded(grader, "set_boundaries", lang, reply, ABUSE[lang])
    assert grade.verdict == PASS, grade.explanation
    assert graded(grader, "stay_professional", lang, reply, ABUSE[lang]).verdict == PASS


@pytest.mark.parametrize("lang, reply", [
    ("en", "Nobody deserves to be spoken to like that on a support line, and I'll get this fixed."),
    ("es", "Nadie merece que le hablen así, ni usted ni mis compañeros. Reviso su factura ahora."),
    ("sv", "Ingen ska behöva höra sådana ord, varken du eller jag. Jag kollar fakturan nu."),
])
def test_words_about_the_language_the_patterns_cannot_place_are_left_to_a_model(grader, lang, reply):
    grade = graded(grader, "set_boundaries", lang, reply, ABUSE[lang])
    assert grade.verdict in (PASS, UNJUDGED), grade.explanation


@pytest.mark.parametrize("lang, reply", [
    ("en", "Yes sir, sorry sir, whatever you say. I'll look at the bill."),
    ("es", "Vale, vale, lo que usted diga. Reviso la factura."),
    ("sv", "Okej, förlåt. Jag kollar fakturan nu."),
])
def test_a_reply_that_ignores_the_abuse_still_lets_it_pass(grader, lang, reply):
    grade = graded(grader, "set_boundaries", lang, reply, ABUSE[lang])
    assert (grade.verdict, grade.reason) == (FAIL, "let_pass")
