"""What the offline grader must not flag: the false alarms real agents' text and new users found.

A grader that cries wolf teaches trainees to ignore it, so each category here is a reply (or a
customer message) that reads like a failure to a phrase list and is not one."""

from __future__ import annotations

import pytest

from tests.offline.test_checks import FAIL, NA, PASS, verdict


@pytest.mark.parametrize("lang, reply", [
    ("en", "We certainly understand how frustrating this is, and I'm looking into your booking now."),
    ("en", "Rest assured, I've passed your details to our baggage team and I'll update you by 5 pm."),
    ("en", "That was without a doubt a long wait. I'm checking why it happened."),
    ("en", "We'll make sure your comments reach the team that planned the route."),
    ("en", "I can't guarantee a seat on the earlier flight, but I'll put you on the standby list now."),
    ("es", "Sin duda ha sido una espera larga; ya estoy revisando su pedido."),
    ("sv", "Jag kan inte garantera att den kommer i morgon, men jag följer upp den i dag."),
    ("pl", "Nie mogę zagwarantować terminu, ale sprawdzę status paczki jeszcze dziś."),
])
def test_intensifiers_relays_and_refused_guarantees_are_not_over_promises(grader, lang, reply):
    assert verdict(grader, "under_promise", reply, lang).verdict is not FAIL


@pytest.mark.parametrize("lang, reply", [
    ("en", "Sorry to hear about the delay, but glad you enjoyed the flight itself!"),
    ("en", "Thanks for flying with us, but most of all thanks for the kind words about our crew."),
    ("es", "Lamento el retraso, pero me alegra que haya disfrutado del viaje."),
])
def test_a_but_that_refuses_nothing_is_not_yes_but(grader, lang, reply):
    assert verdict(grader, "no_yes_but", reply, lang).verdict is not FAIL


def test_relax_and_enjoy_is_condescending_only_to_an_upset_customer(grader):
    reply = "Relax and enjoy the rest of your trip!"
    happy = "Thanks so much, the upgrade was lovely :)"
    upset = "This is the third time you've lost my bag. I'm furious."
    assert verdict(grader, "no_condescending_apology", reply, "en", customer=happy).verdict is PASS
    assert verdict(grader, "no_condescending_apology", "Relax, it's only a bag.", "en", customer=upset).verdict is FAIL


@pytest.mark.parametrize("lang, customer", [
    ("lv", "Es rakstīšu oficiālu sūdzību, jo pasūtījums nav atnācis jau divas nedēļas."),
    ("es", "Le enviaré la factura por correo para que la revise."),
    ("en", "You people are usually so helpful, so I'm surprised nobody has called me back."),
    ("pl", "Czuję się trochę głupio, że dzwonię drugi raz w tej sprawie."),
    ("en", "Thank you!"),
    ("en", "Great, see you on Friday :)"),
])
def test_neutral_customer_words_are_not_abuse(grader, lang, customer):
    reply = {"lv": "Paldies, ka rakstījāt. Es pārbaudīšu jūsu pasūtījumu šodien.",
             "es": "Gracias, revisaré la factura hoy mismo.",
             "pl": "Nie ma się czego wstydzić, sprawdzę to od razu.",
             "en": "Thanks for letting us know. I'll check it today."}[lang]
    assert verdict(grader, "set_boundaries", reply, lang, customer=customer).verdict is NA


@pytest.mark.parametrize("customer", ["Thank you!", "Great, see you on Friday :)", "Perfect, thanks a lot."])
def test_thanks_and_smileys_are_not_an_upset_customer(grader, customer):
    assert verdict(grader, "acknowledge_feelings", "You're welcome!", "en", customer=customer).verdict is NA


@pytest.mark.parametrize("lang, customer", [
    ("en", "I've been on hold for an hour and nobody can tell me where my luggage is. This is a joke."),
    ("lv", "Es esmu ļoti dusmīga, jūs jau trešo reizi atsūtāt nepareizo preci!"),
    ("es", "Estoy harta, es la tercera vez que llamo y nadie me da una solución."),
])
def test_a_really_upset_customer_still_needs_their_feelings_acknowledged(grader, lang, customer):
    reply = {"en": "What is your booking reference?", "lv": "Kāds ir pasūtījuma numurs?",
             "es": "¿Cuál es su número de pedido?"}[lang]
    assert verdict(grader, "acknowledge_feelings", reply, lang, customer=customer).verdict is FAIL
