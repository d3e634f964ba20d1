"""acknowledge_feelings: empathy said through the situation counts, in every language; an apology for
the customer's feelings does not; a customer who may or may not be upset is not guessed at."""

from __future__ import annotations

import pytest

from tests.offline.conversation import FAIL, NA, PASS, UNJUDGED, graded, outcome

UPSET = {
    "en": "My son's birthday dinner arrived an hour late and stone cold. I'm absolutely furious.",
    "es": "La cena de cumpleaños de mi hijo llegó una hora tarde y fría. Estoy furiosa.",
    "sv": "Min sons födelsedagsmiddag kom en timme sent och var iskall. Jag är rasande.",
    "pl": "Kolacja urodzinowa syna przyjechała godzinę spóźniona i zimna. Jestem wściekła.",
    "lv": "Dēla dzimšanas dienas vakariņas atveda stundu par vēlu un aukstas. Esmu nikna.",
    "ar": "عشاء عيد ميلاد ابني وصل متأخر ساعة وبارد. أنا غاضبة جداً!",
}


@pytest.mark.parametrize("lang, reply", [
    # a clause that judges what happened
    ("en", "An hour late and cold on his birthday is really disappointing. I've refunded the meal."),
    ("en", "That's a nightmare, and I'm refunding the meal now."),
    ("es", "Una hora tarde y fría en su cumpleaños es muy decepcionante. Ya le he devuelto el importe."),
    ("es", "Vaya faena, en pleno cumpleaños. Ya le he devuelto el importe."),
    # the feeling shared or named for them
    ("en", "I'd be fuming too. I've refunded the meal."),
    ("en", "No wonder you're upset; I've refunded the meal."),
    ("es", "Yo también estaría furiosa. Ya le he devuelto el importe."),
    ("es", "Es normal que esté enfadada; ya le he devuelto el importe."),
    # falling short of what they should have had
    ("en", "That isn't the birthday dinner anyone should get, and I've refunded it."),
    ("es", "No es la cena que usted merecía, y ya le he devuelto el importe."),
    ("sv", "En timme sent och kall mat på hans födelsedag är verkligen tråkigt. Jag har återbetalat maten."),
    ("sv", "Jag hade också blivit arg. Jag har återbetalat maten."),
    ("pl", "Godzina spóźnienia i zimne jedzenie w urodziny to naprawdę przykre. Zwróciłam już pieniądze."),
    ("pl", "Nic dziwnego, że jest Pani zła. Zwróciłam już pieniądze."),
    ("lv", "Stundu par vēlu un aukstas vakariņas dzimšanas dienā — tas tiešām ir nepatīkami. Naudu jau atmaksāju."),
    ("lv", "Nav brīnums, ka esat dusmīga. Naudu jau atmaksāju."),
    ("ar", "ساعة تأخير وأكل بارد في عيد ميلاده أمر مزعج فعلاً. أعدت لك المبلغ."),
    ("ar", "من حقك أن تغضبي. أعدت لك المبلغ."),
    ("ar", "معك كل الحق تنزعجي، بعد مبلغ متل هيك. رجّعتلك المبلغ."),
    # an intensifier grown onto the word, a feeling they would share, what it was like
    ("sv", "Det låter jättejobbigt, och på hans födelsedag. Jag har återbetalat maten."),
    ("sv", "Det låter verkligen slitsamt. Jag har återbetalat maten."),
    ("en", "An hour late on his birthday would drive me mad too. I've refunded the meal."),
    ("en", "Cold food in front of his friends is embarrassing, and I've refunded the meal."),
    ("pl", "Wiem, że tak zimna kolacja w urodziny złości. Zwróciłam już pieniądze."),
])
def test_empathy_through_the_situation_passes(grader, lang, reply):
    grade = graded(grader, "acknowledge_feelings", lang, reply, UPSET[lang])
    assert grade.verdict is PASS, grade.explanation
    assert grade.evidence and grade.evidence[0].text in reply


@pytest.mark.parametrize("lang, reply", [
    ("en", "What is your order number?"),
    ("en", "I'm sorry you feel that way. What is your order number?"),
    ("es", "¿Cuál es su número de pedido?"),
    ("es", "Lamentamos que se haya sentido así. ¿Cuál es su número de pedido?"),
    ("sv", "Vad är ditt ordernummer?"),
    ("pl", "Jaki jest numer zamówienia?"),
])
def test_a_reply_that_passes_by_an_upset_customer_fails(grader, lang, reply):
    assert graded(grader, "acknowledge_feelings", lang, reply, UPSET[lang]).verdict is FAIL


def test_the_customer_is_still_upset_when_their_last_message_only_answers_a_question(grader):
    conversation = ["My card was blocked abroad and I'm stuck at the hotel desk. This is a disgrace!",
                    "Can you confirm the last four digits of your phone?", "4471."]
    assert graded(grader, "acknowledge_feelings", "en", "Thanks, it's verified.", *conversation).verdict is FAIL


@pytest.mark.parametrize("lang, customer", [
    ("en", "Thanks, that's everything I needed."),
    ("es", "Gracias, eso era todo."),
])
def test_a_calm_customer_needs_no_empathy(grader, lang, customer):
    assert graded(grader, "acknowledge_feelings", lang, "Done.", customer).verdict is NA


def test_a_customer_who_may_be_upset_is_not_guessed_at(grader):
    grade = graded(grader, "acknowledge_feelings", "en", "What is the booking reference?",
                   "My flight was moved again.")
    assert outcome(grade) == UNJUDGED
    assert "cannot" in grade.explanation


@pytest.mark.parametrize("lang, customer", [
    ("en", "The lift has been out for two weeks and I have a baby. I feel like you just don't care about the tenants."),
    ("es", "El ascensor lleva dos semanas roto y tengo un bebé. Siento que os da igual los inquilinos."),
    ("sv", "Hissen har varit trasig i två veckor och jag har en bebis. Det känns som att ni inte bryr er om oss."),
    ("pl", "Winda nie działa od dwóch tygodni, a mam małe dziecko. Mam wrażenie, że macie lokatorów gdzieś."),
    ("lv", "Lifts nestrādā jau divas nedēļas, un man ir mazulis. Man šķiet, ka jums ir vienalga par īrniekiem."),
    ("ar", "المصعد معطل من أسبوعين وعندي طفل رضيع. حاسة إنكم ما يهمكم السكان أبداً."),
])
def test_a_customer_who_says_the_company_does_not_care_is_upset(grader, lang, customer):
    grade = graded(grader, "acknowledge_feelings", lang, "Ok, noted.", customer)
    assert grade.verdict is FAIL, grade.explanation


@pytest.mark.parametrize("lang, customer", [
    ("en", "My instructor didn't turn up and I waited 40 minutes. Not impressed."),
    ("es", "Llevo tres correos y nadie me contesta. Es muy frustrante."),
    ("es", "Las nóminas son para mañana y no sé qué tocar, estoy de los nervios."),
    ("lv", "Lūdzu ātrāk, es jau sāku nervozēt, bez tām zālēm es nevaru."),
])
def test_upset_said_in_everyday_words_is_upset(grader, lang, customer):
    assert graded(grader, "acknowledge_feelings", lang, "Ok.", customer).verdict is FAIL


@pytest.mark.parametrize("lang, customer", [
    ("sv", "Jag har betalat men det står obetald. Blir jag avstängd nu? Det vore jättedåligt mitt i terminen"),
    ("pl", "Brakuje syropu dla dziecka, potrzebny właśnie na dziś, no trochę słabo."),
])
def test_a_mild_let_down_is_not_called_calm(grader, lang, customer):
    assert graded(grader, "acknowledge_feelings", lang, "Ok.", customer).verdict is not NA


@pytest.mark.parametrize("lang, reply", [
    ("en", "Sorry for the inconvenience. Would you like to book another lesson?"),
    ("es", "Lamentamos las molestias. Hemos trasladado su caso al departamento técnico."),
    ("sv", "Vi ber om ursäkt för besväret. Ärendet är skickat till teknikerna."),
    ("pl", "Przepraszamy za utrudnienia. Nowy termin proszę wybrać w aplikacji."),
    ("lv", "Atvainojamies par sagādātajām neērtībām. Lieta nodota tehniķiem."),
    ("ar", "نعتذر عن الإزعاج. تم تحويل التذكرة للقسم المختص."),
])
def test_a_bare_sorry_for_the_inconvenience_passes_the_feeling_by(grader, lang, reply):
    grade = graded(grader, "acknowledge_feelings", lang, reply, UPSET[lang])
    assert grade.verdict is FAIL, grade.explanation


def test_a_sorry_for_what_happened_to_them_is_left_to_a_model(grader):
    grade = graded(grader, "acknowledge_feelings", "en", "Sorry your lesson was missed. Would you like another?", UPSET["en"])
    assert grade.verdict is not FAIL, grade.explanation


@pytest.mark.parametrize("lang, customer", [
    ("ar", "حجزت حصة الساعة 7 وانتظرت ساعة والمدرب ما جا ولا أحد اتصل! وش هالاستهتار؟"),
    ("sv", "har startat om skrivaren TRE gånger nu och den säger fortfarande offline. börjar bli galen"),
    ("lv", "Man 14 darbinieki gaida algas, grāmatvede sēž un nezina, ko darīt."),
    ("es", "Me pide la contraseña una y otra vez. Tengo a 5 empleados igual, esto es un caos."),
])
def test_a_customer_at_the_end_of_their_tether_is_upset(grader, lang, customer):
    assert graded(grader, "acknowledge_feelings", lang, "Ok.", customer).verdict is FAIL


@pytest.mark.parametrize("lang, reply", [
    ("es", "Si lo hubiera leído no le pasaría esto. Vaya a Empleados > Ficha > Retenciones y rellénelo."),  # "go to", not "oh no"
    ("pl", "No cóż, jeśli wpisuje Pan stare hasło, to trudno, żeby zadziałało."),  # "hardly likely", not "it's hard"
])
def test_words_that_only_look_like_sympathy_acknowledge_nothing(grader, lang, reply):
    grade = graded(grader, "acknowledge_feelings", lang, reply, UPSET[lang])
    assert grade.verdict is not PASS, grade.explanation


@pytest.mark.parametrize("lang, customer", [
    ("ar", "الأكل واصل بارد تماماً والصوص مدلوق على الكيس كله، بجد قرف"),
    ("pl", "Bilet 32 zł, popcorn u was 28 zł, to jest zwykłe zdzierstwo i tyle. Wstyd."),
])
def test_disgust_or_outrage_in_a_word_is_upset(grader, lang, customer):
    assert graded(grader, "acknowledge_feelings", lang, "Ok.", customer).verdict is FAIL


@pytest.mark.parametrize("lang, customer", [
    ("sv", "Jag anmälde det redan igår och ingen har gjort nåt. Kan inte sova i den här värmen."),
    ("lv", "Un kondicionieris arī neiet, te ir +28, nav iespējams."),
])
def test_pressing_for_it_or_what_it_costs_them_is_not_called_calm(grader, lang, customer):
    assert graded(grader, "acknowledge_feelings", lang, "Ok.", customer).verdict is not NA
