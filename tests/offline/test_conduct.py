"""stay_professional and set_boundaries: threats, retorts and mockery fail; a calm condition on
going on, a hand-over or an ended call is a boundary; a customer's "I'm not an idiot" is no abuse."""

from __future__ import annotations

import pytest

from tests.offline.conversation import FAIL, NA, PASS, graded

ABUSE = {
    "en": "Sort it out, you useless muppet.",
    "es": "Arréglalo ya, pedazo de inútil, sois unos ladrones.",
    "sv": "Ni är ett gäng jävla idioter, fixa det nu.",
    "pl": "Jesteście bandą idiotów, naprawcie to.",
    "lv": "Jūs esat stulbi idioti, salabojiet to.",
    "ar": "أنتم كلكم أغبياء، صلحوها الحين.",
}


@pytest.mark.parametrize("lang, reply, reason", [
    ("en", "Threaten me again and you'll regret it.", "threatened"),
    ("en", "I'm not the idiot who can't read a router manual. Drop the attitude.", "unprofessional"),
    ("en", "Ha, well, a voucher's better than nothing, right?", "mocked"),
    ("es", "El idiota será usted, que no sabe ni pedir las cosas.", "unprofessional"),
    ("es", "Como vuelva a amenazarme, se va a arrepentir.", "threatened"),
    ("sv", "Hota mig igen så kommer du att ångra dig.", "threatened"),
    ("pl", "Jeszcze raz mi pan zagrozi, to pan pożałuje.", "threatened"),
    ("lv", "Vēl reiz man draudēsiet, un jūs to nožēlosiet.", "threatened"),
    ("ar", "هددني مرة ثانية وبتندم.", "threatened"),
])
def test_hitting_back_is_unprofessional(grader, lang, reply, reason):
    grade = graded(grader, "stay_professional", lang, reply, ABUSE[lang])
    assert (grade.verdict, grade.reason) == (FAIL, reason), grade.explanation
    boundary = graded(grader, "set_boundaries", lang, reply, ABUSE[lang])
    assert (boundary.verdict, boundary.reason) == (FAIL, "retaliated")


@pytest.mark.parametrize("lang, reply", [
    ("en", "I'd ask you not to call us idiots, please; I'm on this personally."),
    ("en", "You're not stupid at all, these scams are very convincing."),
    ("es", "Le pido que no me insulte; estoy aquí para ayudarle."),
])
def test_quoting_an_insult_to_stop_it_or_to_deny_it_is_professional(grader, lang, reply):
    assert graded(grader, "stay_professional", lang, reply, ABUSE[lang]).verdict is PASS


def test_playful_capitals_to_a_delighted_customer_are_no_shouting(grader):
    grade = graded(grader, "stay_professional", "en", "YOU MADE OUR DAY, thank you!", "Your new latte is ELITE")
    assert grade.verdict is PASS


@pytest.mark.parametrize("lang, reply", [
    ("en", "I can only keep helping if we leave the insults out."),
    ("en", "I want to get this parcel to you, and I need us to leave the name-calling out of it."),
    ("en", "I've asked once, so I'm transferring you now to my team leader, Sandra."),
    ("en", "Being called names isn't okay, so I'm ending this chat now. You're welcome to start a new one."),
    ("es", "Para seguir necesito que dejemos los insultos."),
    ("es", "Le pido que no usemos insultos: quiero ayudarle y así es muy difícil."),
    ("es", "Ya le he pedido que no me insulte, así que le paso con mi coordinadora, Elena."),
    ("es", "Con insultos no puedo seguir, así que voy a cerrar este chat."),
    ("sv", "Jag kan bara fortsätta hjälpa dig om vi lämnar förolämpningarna utanför."),
    ("sv", "För att vi ska kunna fortsätta behöver jag att du slutar med personangreppen."),
    ("pl", "Mogę dalej pomagać tylko wtedy, gdy zostawimy obelgi na boku."),
    ("pl", "Żeby kontynuować, potrzebuję, żebyśmy rozmawiali bez wyzwisk."),
    ("lv", "Es varu turpināt palīdzēt tikai tad, ja iztiksim bez apvainojumiem."),
    ("ar", "أقدر أكمل مساعدتك فقط إذا تركنا الشتائم جانباً."),
    ("ar", "حتى نكمل، أرجو أن نتحدث بدون إهانات."),
])
def test_a_calm_boundary_passes(grader, lang, reply):
    grade = graded(grader, "set_boundaries", lang, reply, ABUSE[lang])
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("lang, reply", [
    ("en", "Thanks. The parcel is at the depot and I'll book a slot now."),
    ("es", "Gracias. El paquete está en el almacén y le reservo una entrega ahora."),
])
def test_abuse_let_pass_fails(grader, lang, reply):
    assert graded(grader, "set_boundaries", lang, reply, ABUSE[lang]).verdict is FAIL


@pytest.mark.parametrize("lang, customer", [
    ("en", "Yes, obviously. I'm not an idiot. Find my package."),
    ("en", "I think I've been scammed. I feel so stupid."),
    ("es", "No soy tonta, ya lo he comprobado dos veces."),
    ("sv", "Jag är inte dum, jag har redan testat två gånger."),
])
def test_a_customer_speaking_of_themselves_is_not_abusive(grader, lang, customer):
    assert graded(grader, "set_boundaries", lang, "Let me check.", customer).verdict is NA


@pytest.mark.parametrize("lang, customer", [
    ("en", "F*** you. I'll call you whatever I want."),
    ("en", "Hurry up you stupid b*tch, I've got no roof."),
    ("en", "If my claim isn't paid by Friday I'll come down to your office and you'll find out what happens."),
    ("es", "Si no me devuelven mi dinero voy a ir a su sucursal a romperles la cara a todos."),
    ("es", "No me revise nada, pendeja, manden a alguien."),
])
def test_masked_swearing_and_threats_are_abuse(grader, lang, customer):
    assert graded(grader, "set_boundaries", lang, "Let me check.", customer).verdict is FAIL


@pytest.mark.parametrize("lang, reply", [
    ("en", "If you can't speak politely, that's your problem, not mine."),
    ("es", "Si no sabe hablar con educación, es su problema, no el mío."),
    ("sv", "Kan du inte prata trevligt är det ditt problem, inte mitt."),
    ("pl", "Jak Pan nie umie rozmawiać kulturalnie, to Pana problem, nie mój."),
    ("lv", "Ja nevarat runāt pieklājīgi, tā ir jūsu problēma, nevis mana."),
    ("ar", "لو حضرتك مش عارف تتكلم بأدب يبقى دي مشكلتك إنت مش مشكلتي."),
])
def test_telling_an_abusive_customer_it_is_their_problem_hits_back(grader, lang, reply):
    for criterion in ("stay_professional", "set_boundaries", "no_condescending_apology"):
        grade = graded(grader, criterion, lang, reply, ABUSE[lang])
        assert grade.verdict is FAIL, (criterion, grade.explanation)


@pytest.mark.parametrize("lang, customer", [
    ("en", "Last Friday, idiot. Pay for the paint or else."),
    ("sv", "I fredags, idiot. Betala lacken annars."),
])
def test_a_name_called_on_its_own_after_a_comma_is_abuse(grader, lang, customer):
    assert graded(grader, "set_boundaries", lang, "Skicka bilder.", customer).verdict is FAIL


def test_what_the_workman_broke_is_told_not_threatened(grader):
    customer = "الكهربائي اللي بعتوه خرم الحيطة في مكان غلط وكسر حتة من الجبس ومشي! ده اسمه شغل؟"
    assert graded(grader, "set_boundaries", "ar", "أنا آسف جداً، ده غلطنا.", customer).verdict is NA
    threat = "وإذا ما وصلت بكرا، والله لإجي لعندكن وكسّر المحل فوق راسكن."
    assert graded(grader, "set_boundaries", "ar", "شفت الطلب.", threat).verdict is FAIL


@pytest.mark.parametrize("lang, customer", [
    ("pl", "10 minut?! Ja pierdolę, wy tam wszyscy jesteście nienormalni, kto was zatrudnia, jełopy jedne."),
    ("ar", "والله لو ما اتحلتش دلوقتي لهكسر المكان ده على دماغكم"),
    ("lv", "Ja jūs man neatdosiet naudu, es atradīšu to jūsu šoferi, viņam būs slikti."),
])
def test_names_and_threats_in_everyday_forms_are_abuse(grader, lang, customer):
    assert graded(grader, "set_boundaries", lang, "Pārbaudu." if lang == "lv" else "Ok.", customer).verdict is FAIL


def test_a_darija_limit_on_the_language_is_a_boundary(grader):
    customer = "واش نتا بهيم ولا شنو؟ هادي تالت مرة كنعيط!"
    reply = "بغيت نعاونك، ولكن خاصنا نهضرو بلا سبان. التقني طالع دابا للبيت."
    assert graded(grader, "set_boundaries", "ar", reply, customer).verdict is PASS


def test_thanks_with_the_and_prefix_close_the_conversation(grader):
    customer = "تمام مددوه لين ٢ الله يعافيك. وشكراً على كل شي، الإقامة كانت حلوة"
    assert graded(grader, "positive_close", "ar", "تم.", customer).verdict is FAIL
