"""positive_close: on a closing turn, warmth passes and a flat "Ok. Bye." fails."""

from __future__ import annotations

import pytest

from tests.offline.conversation import FAIL, NA, PASS, graded


@pytest.mark.parametrize("lang, customer, reply", [
    ("en", "Brilliant, it's back. Thanks a million, that's all I needed.", "Delighted to hear it! Enjoy the rest of your day."),
    ("en", "Got it, thank you so much!", "If it acts up again, just reply here and I'll pick it up."),
    ("es", "Genial, pues eso es todo. ¡Gracias!", "¡A ti! Que disfrutes del sofá."),
    ("es", "Listo, ya funciona. Muchas gracias, eso era.", "¡Qué buena noticia! Cualquier otra cosa, escríbenos."),
    # a good wish or the next meeting, whatever the day it names
    ("en", "Amazing, thanks Olu, see you Saturday!", "Brilliant, see you all on Saturday, Niamh — have a great week till then!"),
    ("ar", "ممتاز، شكراً، نشوفكم السبت!", "نشوفكم السبت يا نيام، أسبوع سعيد!"),
    ("ar", "تمام، هذا كل شيء.", "إقامة ممتعة!"),
])
def test_a_warm_close_passes(grader, lang, customer, reply):
    assert graded(grader, "positive_close", lang, reply, customer).verdict is PASS


@pytest.mark.parametrize("lang, customer, reply", [
    ("en", "Oh ok, found it with security. Thanks.", "Noted. Ticket closed."),
    ("en", "Got it, thank you so much!", "Ok. Bye."),
    ("es", "Vale, gracias, era solo eso.", "Ok."),
])
def test_a_flat_close_fails(grader, lang, customer, reply):
    assert graded(grader, "positive_close", lang, reply, customer).verdict is FAIL


def test_a_reply_that_ends_the_conversation_is_a_closing_turn(grader):
    reply = "I won't be spoken to like that, so I'm going to end the call here."
    assert graded(grader, "positive_close", "en", reply, "Get lost, you useless cow.").verdict is FAIL


def test_a_question_about_whether_it_is_fixed_is_no_goodbye(grader):
    assert graded(grader, "positive_close", "es", "Todavía no.", "¿Ya está arreglado el fallo?").verdict is NA


@pytest.mark.parametrize("lang, customer, reply", [
    ("sv", "ÄNTLIGEN fick jag biljetter, tack för att ni fixade det!", "Hurra!! Ha en magisk kväll på Ullevi!"),
    ("pl", "Bukiet był przepiękny, mama się popłakała. Dziękuję! Ola", "Przekażemy to Magdzie. Wszystkiego najlepszego dla rodziców!"),
    ("pl", "Dzięki, to wszystko.", "Smacznego!"),
    ("es", "Gracias, eso era todo.", "¡Feliz compra! 🛍️"),
    ("lv", "Paldies, tas arī viss.", "Gaidīsim jūs atkal!"),
    ("ar", "شكراً لفريق الصيدلية، خلاص هذا كل شي 🙏", "نتمنى لوالدتك دوام الصحة والعافية."),
])
def test_a_good_wish_in_its_grammar_closes_warmly(grader, lang, customer, reply):
    assert graded(grader, "positive_close", lang, reply, customer).verdict is PASS


def test_another_time_slot_is_no_good_wish(grader):
    reply = "Vill du ha en annan tid?"
    assert graded(grader, "positive_close", "sv", reply, "Tack, det var allt.").verdict is not PASS


@pytest.mark.parametrize("lang, customer", [
    ("en", "Tracking says dispatched Tuesday. Just wondering if they'll get here before Saturday. Thanks, Lisa"),
    ("es", "Quería saber si os ha llegado ya la receta del omeprazol. Gracias"),
    ("sv", "Jag undrar om paketet hinner fram före lördag. Tack!"),
    ("pl", "Chciałam zapytać, czy paczka dojdzie przed sobotą. Dziękuję"),
    ("lv", "Gribēju pajautāt, vai paka pienāks līdz sestdienai. Paldies"),
    ("ar", "حابة أعرف إذا الطلب بيوصل قبل السبت. شكراً"),
])
def test_thanks_under_a_question_without_its_mark_are_no_goodbye(grader, lang, customer):
    assert graded(grader, "positive_close", lang, "Ok.", customer).verdict is NA


def test_see_you_later_closes_warmly_and_a_bare_you_are_welcome_does_not(grader):
    customer = "Genial, paso sobre las 7. ¡Gracias!"
    assert graded(grader, "positive_close", "es", "Te la dejo preparada. ¡Hasta luego!", customer).verdict is PASS
    assert graded(grader, "positive_close", "es", "Ok, de nada.", customer).verdict is FAIL
