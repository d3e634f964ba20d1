"""own_it: excuses dressed as explanations fail; owning the fault or putting it right passes."""

from __future__ import annotations

import pytest

from tests.offline.conversation import FAIL, PASS, UNJUDGED, graded, outcome

LATE = {"sv": "Min leverans är en vecka sen.", "pl": "Moja przesyłka spóźnia się tydzień.",
        "lv": "Mana paka kavējas nedēļu.", "ar": "طلبي متأخر أسبوع.",
        "en": "My parcel is a week late.", "es": "Mi paquete llega con una semana de retraso."}


@pytest.mark.parametrize("lang, reply, reason", [
    ("en", "Our engineers are stretched, so it was out of our hands.", "excuse"),
    ("en", "The couriers are swamped at the moment, which is why it's late.", "excuse"),
    ("en", "It's the customer's responsibility to check the address before ordering.", "blamed_customer"),
    ("en", "We take deliveries extremely seriously and all our drivers are fully trained.", "defensive"),
    ("es", "Los transportistas van desbordados estos días, por eso se ha retrasado.", "excuse"),
    ("es", "No es culpa nuestra, el retraso es por el tráfico aéreo.", "excuse"),
    ("es", "Nuestro personal está capacitado para brindar el mejor servicio.", "defensive"),
    ("sv", "Våra bud har väldigt mycket att göra just nu, så det ligger utanför vår kontroll.", "excuse"),
    ("sv", "Förseningen beror på budfirman, de är överbelastade.", "excuse"),
    ("pl", "Kurierzy są przeciążeni, więc nie mieliśmy na to wpływu.", "excuse"),
    ("pl", "Opóźnienie jest z winy przewoźnika.", "excuse"),
    ("lv", "Kurjeri šobrīd ir pārslogoti, tāpēc tas nav atkarīgs no mums.", "excuse"),
    ("lv", "Kavējums ir kurjera dēļ.", "excuse"),
    ("ar", "المناديب عندهم ضغط كبير هالأيام، والموضوع خارج عن إرادتنا.", "excuse"),
    ("ar", "التأخير بسبب شركة الشحن.", "excuse"),
])
def test_excuses_fail(grader, lang, reply, reason):
    grade = graded(grader, "own_it", lang, reply, LATE[lang])
    assert (grade.verdict, grade.reason) == (FAIL, reason), grade.explanation
    assert grade.evidence and grade.evidence[0].text in reply


@pytest.mark.parametrize("lang, reply", [
    ("en", "That's our mistake, and I've just rebooked the delivery for tomorrow."),
    ("en", "We got that wrong; I've sent a replacement by express."),
    ("en", "I've put a priority flag on it and I'll call you at 4 with the tracking."),
    ("es", "Es un error nuestro y ya le he enviado uno nuevo por mensajería urgente."),
    ("es", "Le he abierto una incidencia prioritaria y le llamo hoy antes de las seis."),
])
def test_owning_or_putting_it_right_passes(grader, lang, reply):
    assert graded(grader, "own_it", lang, reply, LATE[lang]).verdict is PASS


def test_ownership_beside_an_explanation_passes(grader):
    reply = "There's a fibre cut at the exchange, and it's our fault nobody told you. I've escalated it."
    assert graded(grader, "own_it", "en", reply, "My internet has been down for 4 days!").verdict is PASS


@pytest.mark.parametrize("lang, reply", [
    ("en", "Our terms are clear that renewals are non-refundable, so I can't remove it."),
    ("es", "La política de cambio es de 10 días, así que no se lo podemos cambiar."),
])
def test_a_refusal_that_repairs_nothing_is_left_to_a_model(grader, lang, reply):
    """Whether a refusal owes an apology depends on whose fault it was: the offline grader abstains."""
    assert outcome(graded(grader, "own_it", lang, reply, LATE[lang])) == UNJUDGED


@pytest.mark.parametrize("lang, reply", [
    ("pl", "Rozumiem, to nie Pana wina. Sprawdzę wolne terminy i odpiszę do 15:00."),
    ("pl", "To naprawdę nie Pani wina, już przebukowałam bilet."),
])
def test_telling_the_customer_it_was_not_their_fault_blames_nobody(grader, lang, reply):
    customer = "Parafia przesunęła komunię i nie mieliśmy na to wpływu. Czy możemy przenieść rezerwację?"
    for criterion in ("own_it", "no_condescending_apology"):
        grade = graded(grader, criterion, lang, reply, customer)
        assert grade.verdict is not FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply", [
    ("es", "Debimos avisarle nosotros en cuanto hubo fecha. La visita está asignada para el miércoles 14."),
    ("es", "Deberíamos haberle llamado antes; la visita está asignada para el miércoles 14."),
    ("ar", "شفت البلاغين، وانقفلوا بالغلط عندنا. فتحت بلاغ جديد بأولوية عاجلة."),
    ("lv", "Redzu abus pieteikumus; tie tika slēgti kļūdas pēc no mūsu puses."),
])
def test_what_we_should_have_done_or_did_by_mistake_is_owned(grader, lang, reply):
    grade = graded(grader, "own_it", lang, reply, LATE[lang])
    assert (grade.verdict, grade.reason) == (PASS, "owned"), grade.explanation


@pytest.mark.parametrize("lang, reply", [
    ("en", "It looks like my colleague set your delivery up for the wrong date, so that's where it went wrong."),
    ("ar", "زميلي سجّل العنوان غلط، فالمندوب راح للعنوان الغلط. مو خطأي أنا."),
])
def test_a_colleague_blamed_for_the_mistake_is_an_excuse(grader, lang, reply):
    grade = graded(grader, "own_it", lang, reply, LATE[lang])
    assert grade.verdict is FAIL, grade.explanation


def test_the_mistake_named_as_the_teams_and_owned_passes(grader):
    reply = "I'm so sorry, our team set your delivery up for the wrong date, that's our mistake. I've rebooked it."
    assert graded(grader, "own_it", "en", reply, LATE["en"]).verdict is PASS


@pytest.mark.parametrize("lang, reply", [
    ("lv", "Tā nav mūsu kļūda. Pievienojiet TXT ierakstu no jauna."),
    ("ar", "المشكلة من إعدادات الـDNS عندك مو من عندنا. لازم تغير سجلات MX."),
    ("ar", "الشركة المصنعة هي اللي تأخرت مو احنا."),
])
def test_the_fault_said_to_be_not_ours_is_an_excuse(grader, lang, reply):
    grade = graded(grader, "own_it", lang, reply, LATE[lang] + " " + {"lv": "Esmu dusmīga.", "ar": "زهقت!"}[lang])
    assert (grade.verdict, grade.reason) == (FAIL, "excuse"), grade.explanation


def test_a_message_said_to_be_not_from_us_is_no_excuse(grader):
    reply = "هالرسالة مش منّا، نحنا أبداً ما منطلب رقم البطاقة برسالة. احذفها وما تضغط على الرابط."
    grade = graded(grader, "own_it", "ar", reply, "وصلتني رسالة من رقم غريب يطلب رقم بطاقتي، هل هي منكم؟")
    assert grade.verdict is not FAIL, grade.explanation


@pytest.mark.parametrize("lang, customer, reply", [
    ("es", "He generado las nóminas y salen con el IRPF a 0. ¿Qué he hecho mal??",
     "Como ya se explica en el tutorial, hay que configurar el IRPF en cada ficha. Si lo hubiera leído no le pasaría esto."),
    ("en", "I booked the wrong date for my lesson, my mistake. Can it be moved?",
     "You chose the wrong date at checkout, so a change fee applies."),
])
def test_blame_beside_a_slip_the_customer_owns_is_left_to_a_model(grader, lang, customer, reply):
    assert graded(grader, "own_it", lang, reply, customer).verdict is UNJUDGED
