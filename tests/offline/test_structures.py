"""Structures the offline grader reads in every language, and where it abstains instead of failing:
the customer's feeling as the object of a verb, "anyone would...", a complaint met with blame, a bare
refusal, a third party beside a repair, a hand-over in any wording, an automatic process, a "but"
that weighs the situation more heavily, and a decimal point that ends no sentence."""

from __future__ import annotations

import pytest

from coach.grades import Verdict
from coach.offline.text import Text
from tests.offline.conversation import FAIL, NA, PASS, UNJUDGED, graded

ABUSIVE = {
    "en": "Shut up, you useless idiot.",
    "es": "Cállate, idiota inútil.",
    "sv": "Håll käften, din idiot.",
    "pl": "Zamknij się, idiotko.",
    "lv": "Aizveries, tu idiote.",
    "ar": "اسكتي يا غبية.",
}


@pytest.mark.parametrize("lang, reply, customer", [
    # the customer's feeling as what the situation did to them
    ("pl", "Widzę, że ta faktura mocno Pana zdenerwowała. Sprawdzę odczyt licznika jeszcze dziś.",
     "Faktura za wodę jest trzy razy wyższa niż zwykle! To skandal!"),
    ("ar", "واضح أن الغرامة أغضبتك كثيرًا. سأراجعها معك الآن بندًا بندًا.",
     "الغرامة هذه ظلم! مستحيل أدفعها، أنا غاضب جدًا!"),
    ("lv", "Dzirdu, ka šis sods Jūs ļoti sadusmojis. Es to tūlīt pārbaudīšu.",
     "Šis sods ir absurds! Es esmu nikns!"),
    ("es", "Entiendo que esto le ha molestado mucho. Reviso la factura ahora mismo.",
     "¡La factura es el triple de lo normal! ¡Es un escándalo!"),
    # anyone would feel it
    ("en", "Having to explain this three times would wind anyone up. I've credited the £80 now.",
     "Third time I'm explaining this! Absolutely ridiculous!"),
    ("pl", "Trzy razy to samo zdenerwowałoby każdego. Zwrot już zleciłem.",
     "Trzeci raz to samo! To skandal!"),
    ("sv", "Det skulle göra vem som helst galen. Jag har krediterat beloppet nu.",
     "Tredje gången samma fel! Helt oacceptabelt!"),
    ("lv", "Tas sadusmotu ikvienu. Naudu jau atmaksāju.", "Trešo reizi tas pats! Tas ir nepieņemami!"),
    # understanding with the subject left out, as short written replies do
    ("sv", "Förstår att du tröttnar när samma besked kommer tillbaka. Skicka ditt skadenummer så tittar vi.",
     "Tredje gången jag får samma besked! Helt oacceptabelt!"),
    ("en", "Totally understand why you're fed up. Send me the claim number and I'll look now.",
     "Third time I get the same answer! Absolutely ridiculous!"),
])
def test_feelings_said_through_a_verb_or_a_shared_conditional_pass(grader, lang, reply, customer):
    grade = graded(grader, "acknowledge_feelings", lang, reply, customer)
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("lv", "Biļetē skaidri bija norādīts laiks 17:00. Jums vajadzēja pārbaudīt seansa laiku pirms pirkuma.",
     "Nopirku biļetes uz 19:00 seansu, atnācām, un izrādās, filma sākās 17:00. Jūsu sistēmā ir kļūda!"),
    ("en", "The upgrade was selected from your account, you should have checked the plan before clicking confirm.",
     "I never asked for Premium and you've charged me for it. This is an error on your side!"),
    ("es", "El cambio se hizo desde su cuenta; debió leer bien antes de dar clic en confirmar.",
     "¡Me cobraron el plan anual sin pedirlo! Es un error suyo."),
    ("pl", "Tak jak już tłumaczyłam, transakcję trzeba potwierdzić w aplikacji.",
     "Ale w aplikacji nic nie ma! Jestem na lotnisku bez grosza, co mam zrobić?"),
])
def test_a_complaint_met_with_blame_fails_acknowledge_feelings(grader, lang, reply, customer):
    grade = graded(grader, "acknowledge_feelings", lang, reply, customer)
    assert (grade.verdict, grade.reason) == (FAIL, "feelings_dismissed"), grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("pl", "Rozumiem, że to frustrujące, ale karnetu nie da się zamrozić, taki jest regulamin.",
     "Złamałem nogę i chcę zamrozić karnet! To skandal, jestem wściekły!"),
    ("es", "Comprendo que asuste, pero la lectura estimada la genera el sistema y tendrá que abonarla igualmente.",
     "¡Me ha llegado una factura de 340 euros! ¡Es un escándalo, estoy furioso!"),
    ("sv", "Jag förstår att du är besviken, men hotellet motsvarade beskrivningen, så vi kan inte erbjuda någon ersättning.",
     "Hotellet låg mitt i en byggarbetsplats! Helt oacceptabelt, vi är så besvikna!"),
])
def test_a_bare_refusal_to_an_upset_customer_owns_nothing(grader, lang, reply, customer):
    assert graded(grader, "own_it", lang, reply, customer).verdict is FAIL


@pytest.mark.parametrize("lang, reply, customer", [
    ("sv", "Jag förstår att det känns förtvivlat, men jag kan tyvärr inte säga var väskan är. Du får köpa det du "
           "behöver och spara kvittona.", "Väskan är borta! Jag är helt förtvivlad!"),
    ("pl", "Rozumiem, że to frustrujące, ale karnetu nie da się zamrozić. Czy mogę zaproponować zawieszenie płatności?",
     "Złamałem nogę i chcę zamrozić karnet! To skandal, jestem wściekły!"),
])
def test_a_refusal_with_a_way_on_is_left_to_a_model(grader, lang, reply, customer):
    assert graded(grader, "own_it", lang, reply, customer).verdict is not FAIL


@pytest.mark.parametrize("lang, reply", [
    ("pl", "Druga zgubiona paczka przez niedbałość kuriera. Zgłosiłem reklamację i zwróciłem 189 zł."),
    ("es", "El pago se registró con retraso por el banco y por eso el sistema hizo el corte. Ya reactivé el servicio."),
    ("en", "It was late because the courier was swamped, but I've refunded the delivery fee."),
    ("sv", "Våra bud har väldigt många beställningar på fredagar. Jag skickar en rabattkod på 20 %."),
])
def test_a_third_party_named_beside_a_repair_is_left_to_a_model(grader, lang, reply):
    customer = {"pl": "Kurier znowu zgubił paczkę! Mam dość!", "es": "¡Me cortaron el servicio! ¡Estoy harto!",
                "en": "Wrong wrap AGAIN! I'm furious!", "sv": "Maten kom kall! Helt oacceptabelt!"}[lang]
    assert graded(grader, "own_it", lang, reply, customer).verdict is UNJUDGED


@pytest.mark.parametrize("lang, reply", [
    ("en", "The refund wasn't sent, and that hold-up is on our side. I've sent it now."),
    ("en", "That delay was all down to us, and I've credited the £80."),
])
def test_a_fault_put_on_ourselves_is_owned(grader, lang, reply):
    assert graded(grader, "own_it", lang, reply, "Where is my refund? This is ridiculous!").verdict is PASS


@pytest.mark.parametrize("lang, reply", [
    ("lv", "Mēs labprāt palīdzēsim, un vienlaikus lūdzam runāt ar cieņu pret mūsu darbiniekiem."),
    ("pl", "Prosimy o kulturę wypowiedzi wobec naszych konsultantów, wtedy chętnie pomożemy."),
    ("es", "Le pedimos que nos hable con respeto; así le atendemos mejor."),
    ("en", "We ask that you speak to our staff with respect, and we'll sort this out."),
])
def test_a_request_in_the_plural_we_about_the_language_sets_a_boundary(grader, lang, reply):
    """"We ask you to...": the asking verb in the first person plural, as well as "please"/"I ask"."""
    grade = graded(grader, "set_boundaries", lang, reply, ABUSIVE[lang])
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("lang, reply", [
    ("ar", "بما أن الإهانات مستمرة، سأحوّل مكالمتك الآن إلى مشرفتي لتكمل معك طلب الاسترداد."),
    ("ar", "مع هذه الألفاظ لا أستطيع مواصلة المكالمة. اتصل بنا متى ما كنت مستعدًا لنتحدث بهدوء."),
    ("lv", "Ar šādiem izteicieniem sarunu turpināt nevaru, tāpēc to tagad beigšu."),
    ("pl", "Przy takich obelgach nie mogę kontynuować tej rozmowy. Proszę zadzwonić, gdy będzie Pan gotów."),
])
def test_a_hand_over_or_an_end_in_any_wording_sets_a_boundary(grader, lang, reply):
    grade = graded(grader, "set_boundaries", lang, reply, ABUSIVE[lang])
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("lang, reply", [
    ("en", "The ticket price will be refunded automatically within 14 days."),
    ("lv", "Biļetes cena Jums tiks atmaksāta automātiski 14 dienu laikā."),
    ("ar", "ستُعاد قيمة التذكرة كاملة تلقائيًا خلال 14 يومًا."),
    ("es", "El importe se le devolverá automáticamente en 14 días."),
])
def test_an_automatic_process_with_its_time_is_no_promise_for_others(grader, lang, reply):
    customer = {"en": "The concert was cancelled!", "lv": "Koncertu atcēla!", "ar": "ألغوا الحفل!",
                "es": "¡Cancelaron el concierto!"}[lang]
    assert graded(grader, "under_promise", lang, reply, customer).verdict is not FAIL


@pytest.mark.parametrize("lang, reply", [
    ("pl", "Przykro nam – pomyłka w zamówieniu to jedno, ale składnik, na który jesteś uczulona, to już poważna "
           "sprawa. Napisz nam numer zamówienia, zwrócimy całą kwotę."),
    ("en", "Sorry about this – a wrong order is one thing, but an allergen is really serious. Send us the order "
           "number and we'll refund it in full."),
    ("es", "Lo sentimos: un pedido equivocado es una cosa, pero un alérgeno es muy grave. Escríbenos el número "
           "de pedido y te devolvemos el importe."),
])
def test_a_but_that_weighs_the_situation_more_heavily_takes_nothing_back(grader, lang, reply):
    customer = {"pl": "Dostałam pizzę z pieczarkami, na które mam alergię.",
                "en": "I got a pizza with mushrooms and I'm allergic to them.",
                "es": "Me llegó una pizza con champiñones y soy alérgica."}[lang]
    assert graded(grader, "no_yes_but", lang, reply, customer).verdict is not FAIL


@pytest.mark.parametrize("lang, reply", [
    ("es", "Tortilla sin huevos, y encima por tercera vez seguida: tienes toda la razón. Te hemos devuelto los "
           "huevos; ya lo hemos comentado con el responsable del almacén."),
    ("en", "Missing items for the third time in a row is not on. I've refunded the eggs."),
])
def test_an_ordinal_that_counts_events_is_no_reminder(grader, lang, reply):
    customer = {"es": "Tercera vez que falta algo en mi pedido. Esta vez los huevos.",
                "en": "Third order in a row with something missing. This time the eggs."}[lang]
    assert graded(grader, "no_condescending_apology", lang, reply, customer).verdict is PASS


def test_a_decimal_point_ends_no_sentence():
    text = Text.of("The £129.99 refund was approved. Version 4.2 fixed it.")
    assert [text.norm[a:b] for a, b in text.sentences] == ["The £129.99 refund was approved", "Version 4.2 fixed it"]


@pytest.mark.parametrize("lang, reply, customer", [
    # the complaint set against everyone else's silence
    ("sv", "Konstigt, ingen annan av våra 200 gäster har klagat. Kanske var det något annat ni åt?",
     "Vi blev matförgiftade efter räkmackorna hos er i lördags."),
    ("en", "Strange, no one else at the party has complained about the food.",
     "We got food poisoning after the prawn sandwiches on Saturday."),
    ("pl", "Dziwne, nikt inny z gości się nie skarżył.", "Po kanapkach z krewetkami zatruliśmy się."),
    ("lv", "Dīvaini, neviens cits no viesiem nav sūdzējies.", "Pēc jūsu sviestmaizēm mēs saindējāmies."),
    # ironic praise of the customer's taste after a complaint
    ("pl", "No cóż, widocznie ma Pani bardzo wyrafinowane podniebienie, skoro nasz żurek Pani nie smakuje.",
     "Zamówiłam żurek i był zupełnie zimny."),
    ("lv", "Nu, acīmredzot Jums ir ļoti izsmalcināta garša, ja pat mūsu zirņi negaršo.",
     "Jūsu pelēkie zirņi bija auksti un sāļi."),
    ("ar", "يبدو أن ذوقك رفيع جدًا على مطعمنا المتواضع.", "طلبت منسف واللحم كان ناشف والرز بارد."),
    ("en", "Apparently you have very refined taste if even our soup isn't good enough.", "The soup was stone cold."),
])
def test_a_complaint_set_against_others_or_met_with_ironic_praise_is_condescending(grader, lang, reply, customer):
    grade = graded(grader, "no_condescending_apology", lang, reply, customer)
    assert grade.verdict is FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("pl", "W opisie oferty było napisane, że to egzemplarz po zwrocie. Trzeba było dokładnie przeczytać opis przed zakupem.",
     "Kupiłem laptopa jako nowy, a są ślady używania."),
    ("lv", "Nu, acīmredzot Jums ir ļoti izsmalcināta garša, ja pat mūsu zirņi negaršo.",
     "Jūsu pelēkie zirņi bija auksti un sāļi."),
    ("es", "Mire, a mí no me amenace, que no tengo por qué aguantar a gente como usted.",
     "Como no me devolváis el dinero os denuncio, sinvergüenzas."),
])
def test_a_reply_that_only_blames_mocks_or_hits_back_leaves_no_next_step(grader, lang, reply, customer):
    grade = graded(grader, "next_step", lang, reply, customer)
    assert (grade.verdict, grade.reason) == (FAIL, "no_step"), grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    # a polite request with the verb it asks for
    ("pl", "Proszę zaktualizować aplikację i spróbować ponownie.", "W aplikacji nie ma tej opcji! Co mam zrobić?"),
    ("ar", "يُرجى تحديث التطبيق والمحاولة مرة أخرى.", "ما فيه أي خيار للتفعيل في التطبيق! ماذا أفعل؟"),
    # V2 word order, a second verb of the speaker's, an offer with "I can"
    ("sv", "Eftersom samtalet fortsätter i den här tonen kopplar jag nu över dig till min gruppchef.",
     "Jag kallar dig vad jag vill, din korkade kärring."),
    ("sv", "Jag har öppnat en skadeanmälan och skickar en reparatör i dag.", "Taket läcker efter stormen!"),
    ("en", "Either way I can take the seat off and refund the £12.", "I did NOT add a team seat!"),
    # a passive future with its time
    ("ar", "الدواء الناقص سيُرسل إليكِ غدًا دون رسوم توصيل.", "وصلني نصف الطلب فقط."),
])
def test_steps_in_other_shapes_are_next_steps(grader, lang, reply, customer):
    grade = graded(grader, "next_step", lang, reply, customer)
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("es", "Vaya, qué casualidad, justo a la semana de contratar. En fin, mándeme fotos y lo paso a valoración.",
     "Se me rompió una tubería y tengo el suelo levantado. Contraté el seguro hace una semana."),
    ("pl", "No cóż, widocznie ma Pani bardzo wyrafinowane podniebienie, skoro nasz żurek Pani nie smakuje.",
     "Zamówiłam żurek i był zupełnie zimny."),
    ("sv", "Vilken slump, precis veckan efter att du tecknade försäkringen.", "Ett rör sprack i köket."),
    ("en", "Right, well calling us all scumbags won't get anything fixed any quicker, will it?",
     "Your driver reversed into my gate and drove off. Absolute scumbags, the lot of you."),
])
def test_sarcasm_at_the_customer_is_unprofessional(grader, lang, reply, customer):
    grade = graded(grader, "stay_professional", lang, reply, customer)
    assert grade.verdict is FAIL, grade.explanation


def test_it_is_simple_said_to_a_delighted_customer_mocks_nobody(grader):
    reply = "Tas ir pavisam vienkārši: profila iestatījumos izvēlieties „Ģimenes plāns” → „Uzaicināt”."
    assert graded(grader, "stay_professional", "lv", reply, "Lieliski! Un kā viņiem nosūtīt ielūgumu?").verdict is PASS


@pytest.mark.parametrize("lang, reply", [
    ("es", "Mire, a mí no me amenace, que no tengo por qué aguantar a gente como usted."),
    ("ar", "لا تهددني، فأنا لست مضطرًا لتحمّل أمثالك."),
    ("sv", "Det är folk som du som gör att ingen orkar jobba i restaurang."),
    ("pl", "Z ludźmi takimi jak Pan to same problemy."),
])
def test_contempt_for_people_like_you_talks_down(grader, lang, reply):
    grade = graded(grader, "no_condescending_apology", lang, reply, ABUSIVE[lang])
    assert grade.verdict is FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("en", "That sounds really painful, and I'm sorry. I've got an emergency slot at 8:40 tomorrow.",
     "My appointment was cancelled. I've had toothache for a week and I'm in agony."),
    ("sv", "Tre avbrott på en månad – det är fullt förståeligt att det räcker nu. Kabeln byts nästa vecka.",
     "Tredje strömavbrottet på en månad. Frysen har tinat två gånger. Nu räcker det."),
    ("es", "Una hora esperando en un cumpleaños: lo sentimos, no es lo que os merecíais. Te he devuelto el importe.",
     "Una hora esperando y llega la pizza helada. Es el cumpleaños de mi hijo. Lamentable."),
    ("ar", "أسبوعان بلا سيارة وأنت توصل أطفالك يوميًا مشكلة حقيقية. السيارة جاهزة يوم الأحد.",
     "سيارتي عندكم منذ أسبوعين! أنا غاضب جدًا، هذا غير مقبول."),
])
def test_the_situation_weighed_in_an_evaluative_clause_acknowledges(grader, lang, reply, customer):
    grade = graded(grader, "acknowledge_feelings", lang, reply, customer)
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("lang, customer", [
    ("en", "55710. And don't lecture me, you patronising little prick."),
    ("lv", "Tā ir zādzība, un tu, lohs, tur sēdi un smejies par mani."),
])
def test_an_insult_with_its_adjectives_is_abuse(grader, lang, customer):
    reply = {"en": "What is the order number?", "lv": "Kāds ir līguma numurs?"}[lang]
    assert graded(grader, "set_boundaries", lang, reply, customer).verdict is not Verdict.NA


@pytest.mark.parametrize("customer", [
    "The folders are empty now. I'm shaking.",
    "I've had toothache for a week and I'm in agony.",
    "Honestly I feel sick about it.",
])
def test_distress_in_words_of_pain_or_shock_is_upset(grader, customer):
    grade = graded(grader, "acknowledge_feelings", "en", "Could you send me the account email?", customer)
    assert grade.verdict is not Verdict.NA, grade.explanation


@pytest.mark.parametrize("lang, customer, reply", [
    # "make sure" for one's own step or as an instruction
    ("sv", "Min mammas present är försenad!", "Jag ser till att ärendet flaggas som prioriterat i dag och hör av mig före lunch."),
    ("pl", "Prezent dla mamy się spóźnia!", "Dopilnuję, żeby zgłoszenie dostało dziś priorytet, i odezwę się do południa."),
    ("es", "El regalo de mi madre se retrasa.", "Me aseguro ahora mismo de que el pedido quede marcado como prioritario y te escribo antes de las 12."),
    # hedged effort
    ("sv", "Tre timmars försening vid gaten!", "Vi jobbar så fort vi kan för att få iväg er."),
    ("pl", "Trzy godziny opóźnienia przy bramce!", "Pracujemy najszybciej, jak się da, żeby Państwa wysłać w drogę."),
    ("es", "¡Tres horas de retraso en la puerta!", "Estamos trabajando lo más rápido posible para que salgan cuanto antes."),
])
def test_own_steps_instructions_and_hedged_effort_are_no_over_promise(grader, lang, customer, reply):
    assert graded(grader, "under_promise", lang, reply, customer).verdict is not FAIL


@pytest.mark.parametrize("lang, customer, reply", [
    # sorry to hear about the experience
    ("es", "Nos tocó vista a los contenedores en vez de al mar. Qué decepción.",
     "Sentimos mucho lo ocurrido; hoy mismo pediré en recepción que le cambien de habitación."),
    ("sv", "Vi fick utsikt mot soptunnorna i stället för havet. Besviken.",
     "Tråkigt att höra om er upplevelse; jag ber receptionen flytta er i dag."),
    # instructions, not blame
    ("es", "¿Podemos ir el sábado a las 6 sin reserva?", "Solo tienes que llamarnos al 910 000 000 para reservar y te guardamos mesa."),
    ("pl", "Czy możemy przyjść w sobotę na 18 bez rezerwacji?", "Wystarczy zadzwonić pod 22 000 00 00, żeby zarezerwować, a przytrzymamy stolik."),
    # ownership, not blame
    ("sv", "Duschen var ljummen hela helgen.", "Förlåt för duschen – det var vårt fel och vi ska bli bättre till nästa gång."),
    ("pl", "Prysznic był letni przez cały weekend.", "Przepraszamy za prysznic – to nasz błąd i następnym razem zrobimy to lepiej."),
])
def test_apologies_instructions_and_ownership_are_not_condescending_in_other_languages(grader, lang, customer, reply):
    assert graded(grader, "no_condescending_apology", lang, reply, customer).verdict is PASS


@pytest.mark.parametrize("lang, reply, customer", [
    ("es", "¡NOS HAS ALEGRADO EL DÍA, gracias!", "Vuestro nuevo café con leche es BRUTAL"),
    ("sv", "DU GJORDE VÅR DAG, tack!", "Er nya latte är HELT GRYM"),
    ("pl", "ZROBIŁ PAN NAM DZIEŃ, dziękujemy!", "Wasze nowe latte jest MEGA"),
])
def test_playful_capitals_to_a_delighted_customer_are_no_shouting_in_other_languages(grader, lang, reply, customer):
    assert graded(grader, "stay_professional", lang, reply, customer).verdict is PASS


@pytest.mark.parametrize("lang, reply, customer", [
    ("ar", "ورغم أن الطقس ليس بيدنا، أعدنا لك قيمة التذكرة كاملة وسنُعلمك بالموعد الجديد.", "ألغوا الحفل بسبب العاصفة! أنا زعلان جدًا."),
    ("lv", "Laikapstākļus ietekmēt nevaram, bet biļetes cenu jau atmaksājām, un par jauno datumu paziņosim.",
     "Koncertu atcēla lietus dēļ! Esmu ļoti vīlies."),
    ("en", "The storm was out of our hands, but I've refunded your ticket in full and I'll email you the new date.",
     "The concert was cancelled because of the storm! I'm so disappointed."),
    ("es", "El temporal no depende de nosotros, pero ya te he devuelto la entrada y te escribiré con la nueva fecha.",
     "¡Cancelaron el concierto por el temporal! Estoy muy decepcionada."),
])
def test_a_force_nobody_controls_beside_the_repair_is_no_excuse(grader, lang, reply, customer):
    grade = graded(grader, "own_it", lang, reply, customer)
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("lang, reply", [
    ("en", "Our engineers are stretched, so it was out of our hands."),
    ("sv", "Våra bud har väldigt mycket att göra just nu, så det ligger utanför vår kontroll."),
    ("ar", "المناديب عندهم ضغط كبير هالأيام، والموضوع خارج عن إرادتنا."),
])
def test_an_excuse_that_names_no_force_of_nature_still_fails(grader, lang, reply):
    customer = {"en": "My parcel is a week late!", "sv": "Mitt paket är en vecka sent!", "ar": "طلبي متأخر أسبوع!"}[lang]
    assert graded(grader, "own_it", lang, reply, customer).verdict is FAIL


def test_an_apology_for_the_frustration_they_felt_is_condescending_in_arabic(grader):
    reply = "نعتذر عن الإحباط الذي شعرت به. طلبك لدى المختبر."
    assert graded(grader, "no_condescending_apology", "ar", reply, "طلبي متأخر!").verdict is FAIL
    assert graded(grader, "no_condescending_apology", "ar", "نعتذر عن الإزعاج. طلبك لدى المختبر.",
                  "طلبي متأخر!").verdict is PASS


@pytest.mark.parametrize("lang, reply, customer", [
    ("pl", "Tak jak już tłumaczyłam, transakcję trzeba potwierdzić w aplikacji. Proszę zaktualizować aplikację i spróbować ponownie.",
     "Ale w aplikacji nic nie ma! Jestem na lotnisku bez grosza, co mam zrobić?"),
    ("lv", "Kā jau paskaidroju, karte jāatbloķē internetbankā. Lūdzu, pārbaudiet vēlreiz sadaļu Kartes.",
     "Internetbankā nav tādas pogas! Stāvu pie kases, ko man darīt?"),
    ("ar", "كما شرحتُ لك سابقًا، يتم التفعيل من التطبيق. يُرجى تحديث التطبيق والمحاولة مرة أخرى.",
     "دخلت التطبيق وما فيه أي خيار للتفعيل! ماذا أفعل؟"),
])
def test_a_reminder_before_an_instruction_talks_down_but_leaves_ownership_to_a_model(grader, lang, reply, customer):
    assert graded(grader, "no_condescending_apology", lang, reply, customer).verdict is FAIL
    assert graded(grader, "own_it", lang, reply, customer).verdict is UNJUDGED
    assert graded(grader, "next_step", lang, reply, customer).verdict is PASS


@pytest.mark.parametrize("lang, reply, customer", [
    ("ar", "سنحرص على أن تصل كلماتك إلى أمل، وأكيد ستفرح بها كثيرًا.", "شكرًا من القلب للموظفة أمل في فرعكم!"),
    ("lv", "No savas puses parūpēsimies, lai pieteikums par maksājumu šodien nonāk pie krāpniecības novēršanas komandas.",
     "No mana konta kāds veicis maksājumu 800 eiro apmērā!"),
    ("en", "I'll make sure your claim is escalated today.", "Someone took 800 euros from my account!"),
])
def test_seeing_that_their_words_or_case_reach_a_colleague_is_our_own_step(grader, lang, reply, customer):
    assert graded(grader, "under_promise", lang, reply, customer).verdict is not FAIL


@pytest.mark.parametrize("lang, reply", [
    ("lv", "Parūpēsimies, lai kurjers šodien nonāk pie Jums un paka tiek piegādāta."),
    ("en", "I'll make sure your parcel arrives tomorrow."),
])
def test_seeing_that_a_delivery_reaches_the_customer_is_still_a_promise(grader, lang, reply):
    customer = {"lv": "Kur ir mana paka?!", "en": "Where is my parcel?!"}[lang]
    assert graded(grader, "under_promise", lang, reply, customer).verdict is FAIL


@pytest.mark.parametrize("lang, reply, customer", [
    ("sv", "Hyran kan du betala via telefon på 0771-22 33 44, båda fungerar som vanligt.", "Appen funkar inte! Måste betala hyran i dag!!"),
    ("en", "You can pay by phone on 0800 123 4567, it works as usual.", "The app is down! My bill is due TODAY!!"),
    ("lv", "Varat maksāt pa tālruni līdz 8000-1234, tas darbojas kā parasti.", "Lietotne nedarbojas! Rēķins jāmaksā šodien!!"),
])
def test_a_phone_number_is_no_deadline(grader, lang, reply, customer):
    assert graded(grader, "under_promise", lang, reply, customer).verdict is not FAIL


@pytest.mark.parametrize("lang, reply, customer", [
    ("pl", "Haha, gratulujemy nowej formy! Od przyszłego tygodnia ruszy nowy paczkomat bliżej.",
     "Paczkomat przenieśliście 2 km dalej. Dziękuję, mam teraz codzienne cardio 😂"),
    ("en", "Haha, congrats on the new fitness plan! A new locker opens nearer to you next week.",
     "You moved the parcel locker 2 km away. Thanks, I get daily cardio now 😂"),
    ("es", "¡Jaja, enhorabuena por la nueva forma! La semana que viene abrimos un punto de recogida más cerca.",
     "Habéis movido el punto de recogida a 2 km. Gracias, ahora hago cardio cada día 😂"),
])
def test_thanks_in_a_joke_about_a_complaint_is_no_goodbye(grader, lang, reply, customer):
    assert graded(grader, "positive_close", lang, reply, customer).verdict is not FAIL


def test_ending_the_chat_with_an_invitation_back_closes_warmly(grader):
    reply = ("I'm going to end the chat here because I can't carry on with that kind of language, so please come back "
             "to us on chat or call 0800 123 4567 whenever you're ready.")
    assert graded(grader, "positive_close", "en", reply, "You stupid cow.").verdict is PASS


@pytest.mark.parametrize("lang, reply, customer", [
    ("en", "Hi Daniel, three days without broadband when your job is at home is a proper headache, so I'm sorry it's "
           "dragged on. I've booked an engineer for Friday.",
     "Broadband's been down since Tuesday. THREE DAYS. I work from home and I'm sat in a cafe."),
    ("pl", "Pani Katarzyno, wiercenie od siódmej rano w czasie ferii to nie odpoczynek, na jaki Państwo liczyli, bardzo "
           "przepraszam. Już przenoszę Państwa do pokoju 214.",
     "Przyjechaliśmy do hotelu na ferie, a za ścianą od siódmej rano wiercą. Mieliśmy odpocząć, a tu znowu to samo!"),
    ("es", "Lucía, cuatro días sin conexión cuando trabajas desde casa, lo siento mucho. He revisado tu línea y mañana va un técnico.",
     "Llevo cuatro días sin conexión y trabajo desde casa. Ya llamé el lunes."),
])
def test_their_situation_played_back_with_an_apology_acknowledges_it(grader, lang, reply, customer):
    grade = graded(grader, "acknowledge_feelings", lang, reply, customer)
    assert grade.verdict is PASS, grade.explanation
    assert grade.evidence and grade.evidence[0].text in reply


@pytest.mark.parametrize("lang, reply, customer", [
    ("en", "Yes, sorry, we're having problems this morning and the team are on it. Late fees are paused until tomorrow.",
     "Is the app down?? Can't log in to pay my credit card and it's due TODAY"),
    ("es", "Sí, perdona, esta mañana hay problemas y el equipo está en ello. Los recargos quedan suspendidos hasta mañana.",
     "¿Se ha caído la app?? No puedo entrar para pagar la tarjeta y vence HOY"),
    ("sv", "Ja, tyvärr har vi problem i morse och teamet jobbar på det. Förseningsavgifterna är pausade till i morgon.",
     "Ligger appen nere?? Kan inte logga in och betala kortet och det förfaller IDAG"),
])
def test_a_yes_to_their_question_is_not_failed_as_not_restated(grader, lang, reply, customer):
    assert graded(grader, "restate_problem", lang, reply, customer).verdict is not FAIL


@pytest.mark.parametrize("lang, reply, customer", [
    ("pl", "Błąd 401 oznacza zwykle, że wygasł token. Czy token był generowany w programie, czy na stronie Ministerstwa?",
     "Faktury nie wysyłają się do KSeF, wyskakuje błąd 401. Już mnie nerwy biorą."),
    ("lv", "Kļūda 401 parasti nozīmē, ka beidzies marķieris. Vai marķieris tika ģenerēts programmā vai VID portālā?",
     "Rēķini netiek nosūtīti, parādās kļūda 401. Man jau nervi beigušies."),
    ("ar", "الخطأ 401 يعني عادة أن الرمز انتهت صلاحيته. هل تم إنشاء الرمز من البرنامج أم من موقع الوزارة؟",
     "الفواتير لا تُرسل ويظهر خطأ 401. أعصابي تعبت."),
])
def test_a_yes_no_question_about_the_case_moves_things_on(grader, lang, reply, customer):
    assert graded(grader, "next_step", lang, reply, customer).verdict is PASS


@pytest.mark.parametrize("lang, reply", [
    ("en", "I'm sorry about the scratch. Unfortunately we only accept damage claims within 14 days of delivery."),
    ("pl", "Przykro mi z powodu pęknięcia. Niestety reklamacje przyjmujemy tylko do 14 dni od dostawy."),
    ("lv", "Žēl par skrāpējumu. Diemžēl pretenzijas pieņemam tikai 14 dienu laikā pēc piegādes."),
])
def test_the_time_limit_of_a_rule_is_no_step(grader, lang, reply):
    customer = {"en": "The table arrived scratched. What a waste of money!", "pl": "Szafa przyszła pęknięta. Szkoda pieniędzy!",
                "lv": "Galds atbrauca saskrāpēts. Žēl naudas!"}[lang]
    assert graded(grader, "next_step", lang, reply, customer).verdict is not PASS


@pytest.mark.parametrize("lang, reply, customer", [
    ("pl", "Bardzo mi przykro z powodu pękniętego frontu. Niestety reklamacje przyjmujemy tylko do 14 dni od dostawy.",
     "Szafa przyszła z pękniętym frontem. Zauważyłam dopiero po trzech tygodniach. Szkoda mi pieniędzy."),
    ("lv", "Ļoti žēl par saskrāpēto galda virsmu. Diemžēl pretenzijas pieņemam tikai 14 dienu laikā.",
     "Galds atbrauca bojāts, virsmā dziļš skrāpējums. Kāpēc tā?"),
    ("ar", "يؤسفنا جدًا وجود الخدش في سطح الطاولة. للأسف لا نقبل الشكاوى إلا خلال 14 يومًا.",
     "وصلتني الطاولة مكسورة وفيها خدش عميق، ليش كذا؟"),
    ("en", "I'm really sorry about the scratch on the table. Unfortunately we only accept claims within 14 days.",
     "The table arrived damaged with a deep scratch on the top. Why?"),
])
def test_an_apology_made_stronger_acknowledges_how_it_was(grader, lang, reply, customer):
    grade = graded(grader, "acknowledge_feelings", lang, reply, customer)
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("lang, reply", [
    ("en", "I'm really sorry you feel that way."),
    ("pl", "Bardzo mi przykro, że tak Pan to odebrał."),
])
def test_a_stronger_apology_for_their_feeling_is_still_condescending(grader, lang, reply):
    customer = {"en": "The table arrived scratched!", "pl": "Szafa przyszła pęknięta!"}[lang]
    assert graded(grader, "acknowledge_feelings", lang, reply, customer).verdict is not PASS


@pytest.mark.parametrize("lang, customer", [
    ("sv", "Paketet står som levererat men det finns inte i brevlådan. Jätteirriterande."),
    ("sv", "Jag bet av en bit av en framtand i går. Jag har jätteont och ska hålla tal på fredag."),
    ("es", "Di el parte hace tres semanas y todavía no ha venido nadie. Me estoy cansando."),
])
def test_feelings_in_compounds_and_in_pain_are_upset(grader, lang, customer):
    reply = {"sv": "Vi ber om ursäkt för eventuell besvikelse. Jag startar en eftersökning.",
             "es": "Lamento que tenga la sensación de que no le hemos hecho caso. Hoy le llamo."}[lang]
    grade = graded(grader, "acknowledge_feelings", lang, reply, customer)
    assert (grade.verdict, grade.reason) == (FAIL, "feelings_dismissed"), grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("en", "Sorry about that call. The nearest available appointment is Wednesday at 10:20.",
     "I waited half an hour and they hung up on me. I'm furious."),
    ("pl", "Przepraszam za tę rozmowę. Najbliższy wolny termin to środa, godz. 10:20.",
     "Czekałam pół godziny i rozłączyli się. Jestem wściekła."),
    ("ar", "نأسف على المكالمة. أقرب موعد متاح يوم الأربعاء الساعة 10:20.", "انتظرت نصف ساعة وأغلقوا الخط. أنا غاضبة جدًا."),
    ("lv", "Atvainojos par zvanu. Tuvākais brīvais laiks ir trešdien plkst. 10:20.", "Gaidīju pusstundu, un noliek klausuli. Esmu nikna."),
])
def test_the_first_free_slot_with_its_time_is_a_next_step(grader, lang, reply, customer):
    assert graded(grader, "next_step", lang, reply, customer).verdict is PASS


@pytest.mark.parametrize("lang, reply, customer", [
    # the weight of it said by what nobody would want
    ("en", "Nobody wants to spend their Saturday on hold. I've rebooked the engineer for Monday at 9.",
     "Two hours on hold and the engineer never came! Unbelievable!"),
    ("pl", "Zepsuta pralka tuż przed wyjazdem to ostatnie, czego Pani potrzebuje. Serwisant będzie jutro o 10.",
     "Pralka znowu nie działa, a jutro wyjeżdżamy! Mam dość!"),
    ("sv", "Att stå utan värme i januari är inget man vill vara med om. Jag skickar en tekniker i dag.",
     "Elementen har varit kalla i tre dagar! Det är helt oacceptabelt!"),
    ("lv", "Salūzis ledusskapis svētku priekšvakarā ir pēdējais, kas jums vajadzīgs. Meistars būs rīt plkst. 9.",
     "Ledusskapis atkal nestrādā! Esmu pilnīgi nikna!"),
    ("ar", "ثلاجة معطلة قبل العيد آخر شي تحتاجه. الفني عندك بكرة الساعة ٩.",
     "الثلاجة خربت مرة ثانية! أنا زعلان جداً!"),
    ("es", "Nadie quiere pasar el fin de semana sin agua caliente. El técnico irá mañana a las 9.",
     "¡Llevo tres días sin agua caliente! ¡Estoy harta!"),
])
def test_the_weight_of_it_said_by_what_nobody_wants_acknowledges(grader, lang, reply, customer):
    grade = graded(grader, "acknowledge_feelings", lang, reply, customer)
    assert grade.verdict is PASS, grade.explanation


def test_gulf_i_can_is_not_i_appreciate():
    """أقدّر "I appreciate" and Gulf أقدر "I can" are spelt alike once the shadda is dropped."""
    from coach.offline.lexicon import lexicon

    understanding = lexicon("ar").understanding
    assert understanding.search(Text.of("وهذا شي ما أقدر أغيره").low) is None
    assert understanding.search(Text.of("أقدّر انزعاجك جداً").low) is not None
    assert understanding.search(Text.of("أقدّر تماماً يا أستاذ ماهر أن الانتظار طويل").low) is not None


@pytest.mark.parametrize("lang, reply, customer", [
    # a refusal ends one sentence on a negation; the offer in the next is not negated by it
    ("en", "The date change came from the promoter, so refunds are out of our hands. You're welcome to list "
           "the tickets on our resale page.", "The gig moved to Sunday and I can't go. I want my money back!"),
    ("ar", "الاسترداد ليس بيدنا. يمكنك عرض التذاكر على صفحة إعادة البيع.", "الحفلة تأجلت وما أقدر أحضر! أبي فلوسي!"),
    ("es", "La devolución no depende de nosotros. Puede revender las entradas en nuestra web.",
     "¡Cambiaron la fecha del concierto y no puedo ir! ¡Quiero mi dinero!"),
])
def test_a_way_on_after_a_refusal_is_not_failed_as_no_step(grader, lang, reply, customer):
    assert graded(grader, "next_step", lang, reply, customer).verdict is not FAIL


@pytest.mark.parametrize("lang, reply", [
    # sorry, then bad news turned by "but" to an alternative: the "but" takes back the bad news, not the apology
    ("en", "So sorry! The pool heater is broken and we don't have a date for the part yet, but your membership "
           "covers the Riverside club and its pool is lovely and warm."),
    ("sv", "Förlåt! Bastun är trasig och vi har inget datum för reservdelen än, men ditt medlemskap gäller "
           "även på klubben vid Slussen där bastun fungerar fint."),
    ("es", "¡Perdona! La sauna está averiada y todavía no tenemos fecha para la pieza, pero tu cuota incluye "
           "el club de Gràcia y allí la sauna funciona de maravilla."),
    ("ar", "نعتذر لك! الساونا معطلة وما عندنا موعد لوصول القطعة للحين، لكن اشتراكك يشمل فرع النخيل والساونا فيه ممتازة."),
])
def test_a_but_that_turns_bad_news_into_an_alternative_is_not_failed(grader, lang, reply):
    customer = {"en": "The pool has been freezing for a week!", "sv": "Bastun har varit kall i en vecka!",
                "es": "¡La sauna lleva una semana fría!", "ar": "الساونا باردة من أسبوع!"}[lang]
    assert graded(grader, "no_yes_but", lang, reply, customer).verdict is not FAIL


def test_an_arabic_refusal_word_counts_only_as_a_whole_word():
    """'لن' (will not) is inside 'والنرجس' and 'لنا'; it refuses only standing alone."""
    from coach.offline.lexicon import lexicon

    refusal = lexicon("ar").refusal
    assert refusal.search(Text.of("فرع النرجس مفتوح لنا").low) is None
    assert refusal.search(Text.of("ولن نتمكن من ذلك").low) is not None


@pytest.mark.parametrize("lang, reply", [
    # an excuse, then "you'll just have to wait": nobody does anything next
    ("en", "The warehouse is behind this week and that's out of my control. You'll just have to wait."),
    ("sv", "Lagret ligger efter den här veckan och det kan jag inte påverka. Det är bara att vänta."),
    ("lv", "Noliktava šonedēļ kavējas, un to es nevaru ietekmēt. Atliek vien gaidīt."),
    ("pl", "Magazyn ma w tym tygodniu opóźnienia i nie mam na to wpływu. Musi Pan po prostu poczekać."),
    ("ar", "المستودع متأخر هالأسبوع وهذا مو بيدي. لازم تنتظر."),
])
def test_being_told_to_wait_is_no_next_step(grader, lang, reply):
    customer = {"en": "Where is my parcel?? Third time asking!", "sv": "Var är mitt paket?? Tredje gången jag frågar!",
                "lv": "Kur ir mana paka?? Jau trešo reizi jautāju!", "pl": "Gdzie jest moja paczka?? Pytam trzeci raz!",
                "ar": "وين طردي؟؟ ثالث مرة أسأل!"}[lang]
    assert graded(grader, "next_step", lang, reply, customer).verdict is FAIL


@pytest.mark.parametrize("reply", [
    "Skicka ordernumret så spärrar jag kortet direkt.",   # inverted order after "så", any present-tense verb
    "Jag har nu bett terminalen skicka det med förtur.",  # a perfect of one's own doing
])
def test_swedish_own_steps_in_inverted_order_or_the_perfect_are_steps(grader, reply):
    grade = graded(grader, "next_step", "sv", reply, "Paketet har inte kommit och kortet är borta!")
    assert grade.verdict is PASS, grade.explanation


def test_swedish_verbs_of_knowing_are_no_steps(grader):
    grade = graded(grader, "next_step", "sv", "Jag har förstått att paketet är försenat.", "Paketet har inte kommit!")
    assert grade.verdict is not PASS, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    # the customer's own word, from a customer who insults nobody: their term, not ours
    ("en", "A bitch spay usually heals in ten days; keep her cone on overnight.", "My bitch Poppy was spayed on Tuesday. Is licking normal?"),
    ("sv", "Jävlar i Havet-såsen är tillbaka i butik på fredag!", "När kommer jävlar i havet-såsen tillbaka?"),
    ("es", "El cóctel Puta Madre vuelve a la carta el viernes.", "¿Cuándo vuelve el cóctel puta madre a la carta?"),
])
def test_the_customers_own_word_repeated_is_not_an_insult(grader, lang, reply, customer):
    assert graded(grader, "stay_professional", lang, reply, customer).verdict is not FAIL


@pytest.mark.parametrize("lang, asked, answer", [
    # details given with thanks, answering the trainee's question, wrap nothing up
    ("en", "Hi, I'm Sam. What's the order number?", "It's 88-4120. Thanks!"),
    ("ar", "أهلاً، معك نوف. وش رقم الطلب؟", "رقم الطلب 88-4120. شكراً!"),
    ("pl", "Dzień dobry, tu Ola. Jaki jest numer zamówienia?", "Numer 88-4120. Dziękuję!"),
])
def test_details_given_with_thanks_are_no_wrap_up(grader, lang, asked, answer):
    reply = {"en": "Found it: two tickets for Thursday.", "ar": "لقيته: تذكرتين لحفلة الخميس.",
             "pl": "Mam je: dwa bilety na czwartek."}[lang]
    first = {"en": "I want to upgrade my tickets.", "ar": "أبي أرقّي تذاكري.", "pl": "Chcę zmienić bilety na lepsze."}[lang]
    assert graded(grader, "positive_close", lang, reply, first, asked, answer).verdict is Verdict.NA


@pytest.mark.parametrize("lang, reply", [
    # an apology for the feeling, then the rule: condescension for certain, a yes-but only perhaps
    ("en", "We're sorry you feel that way. The price rise applies to every customer in your area."),
    ("sv", "Vi är ledsna att du känner så. Premiehöjningen gäller alla kunder i ditt område."),
    ("pl", "Przykro nam, że tak Pan to odbiera. Podwyżka dotyczy wszystkich klientów w okolicy."),
])
def test_sorry_you_feel_that_way_before_a_rule_is_left_to_a_model_as_a_yes_but(grader, lang, reply):
    customer = {"en": "A 30% rise with no explanation is outrageous!", "sv": "30 % höjning utan förklaring, helt sjukt!",
                "pl": "Podwyżka o 30% bez wyjaśnienia to skandal!"}[lang]
    assert graded(grader, "no_yes_but", lang, reply, customer).verdict is not FAIL
    assert graded(grader, "no_condescending_apology", lang, reply, customer).verdict is FAIL


def test_an_arabic_purpose_clause_promises_nothing(grader):
    reply = "أوقفت التجديد التلقائي الحين عشان ما يتكرر الخصم الشهر الجاي."
    assert graded(grader, "under_promise", "ar", reply, "انسحب مني مبلغ التجديد وأنا مسافر!").verdict is not FAIL


@pytest.mark.parametrize("lang, customer", [
    # the company's people said to be what they are called
    ("en", "Charged for a class I never booked. Your staff are idiots."),
    ("pl", "Pizza przyszła zimna. Wasz kucharz to chyba debil."),
    ("lv", "Paka izmirka lietū. Jūsu kurjers ir pilnīgs debils!"),
    ("sv", "Kan inte boka ett enda pass, och ni som jobbar där är värdelösa idioter."),
    ("ar", "خصموا مني رسوم بدون سبب. موظفينكم أغبياء."),
    ("es", "Me cobraron dos veces. Sus empleados son unos inútiles."),
    ("pl", "Komisja, kurwa, komisja. Jesteście żałośni, wszyscy w tej szkole."),  # the plural's own letters
])
def test_staff_called_names_is_abuse(grader, lang, customer):
    reply = {"en": "What is the booking number?", "pl": "Jaki jest numer zamówienia?", "lv": "Kāds ir sūtījuma numurs?",
             "sv": "Vilket bokningsnummer gäller det?", "ar": "وش رقم الحجز؟", "es": "¿Cuál es el número de pedido?"}[lang]
    assert graded(grader, "set_boundaries", lang, reply, customer).verdict is not Verdict.NA


@pytest.mark.parametrize("lang, customer", [
    ("en", "Your app is useless and the website is a joke."),
    ("sv", "Appen är värdelös och hemsidan är ett skämt."),
    ("es", "La aplicación es inútil y la web un desastre."),
])
def test_a_thing_called_names_is_no_abuse(grader, lang, customer):
    reply = {"en": "Which page fails?", "sv": "Vilken sida krånglar?", "es": "¿Qué página falla?"}[lang]
    assert graded(grader, "set_boundaries", lang, reply, customer).verdict is Verdict.NA


@pytest.mark.parametrize("lang, reply", [
    ("ar", "ما راح أقدر أكمل وأنا أنشتم، فبنهي المكالمة الحين. اتصل فينا لما تكون جاهز."),
    ("sv", "Jag vill hjälpa dig, men för att vi ska kunna fortsätta behöver jag att vi pratar utan kallnamn."),
])
def test_a_boundary_in_spoken_or_plain_words_is_set(grader, lang, reply):
    customer = ABUSIVE[lang]
    assert graded(grader, "set_boundaries", lang, reply, customer).verdict is PASS


@pytest.mark.parametrize("lang, reply", [
    ("sv", "Jag ställer upp en reservmaskin på plan 3 i eftermiddag."),  # "jag" and any verb of doing, present tense
    ("pl", "Jeśli chcesz wiedzieć od razu, kliknij „Powiadom o dostępności” na stronie produktu."),  # informal imperative
    ("pl", "Wejdźcie w Ustawienia i wybierzcie nowy pakiet."),
])
def test_doing_in_the_present_or_telling_the_customer_what_to_do_is_a_step(grader, lang, reply):
    customer = {"sv": "Kaffemaskinen har varit trasig i en vecka!", "pl": "Kiedy będą większe opakowania??"}[lang]
    assert graded(grader, "next_step", lang, reply, customer).verdict is PASS


@pytest.mark.parametrize("lang, reply", [
    ("en", "The cable across the living room isn't the standard we expect. I'll call you tomorrow to redo it."),
    ("ar", "تركيب الكيبل في وسط الصالة ليس المستوى الذي نريده، وسأتصل بك غداً لإعادة التمديد."),
    ("sv", "Kabeln mitt i vardagsrummet är inte den nivå vi vill hålla. Jag ringer dig i morgon och bokar om."),
    ("es", "El cable en medio del salón no es el nivel que queremos dar. Te llamo mañana para rehacerlo."),
])
def test_our_own_standard_named_as_missed_is_owned(grader, lang, reply):
    customer = {"en": "Your engineer ran the cable across my living room floor!", "ar": "الفني مدّ الكيبل في نص الصالة!",
                "sv": "Er tekniker drog kabeln mitt i vardagsrummet!", "es": "¡Su técnico dejó el cable en medio del salón!"}[lang]
    grade = graded(grader, "own_it", lang, reply, customer)
    assert (grade.verdict, grade.reason) == (PASS, "owned"), grade.explanation


@pytest.mark.parametrize("lang, customer", [
    # thanks with an upside-down face or rolled eyes is irony, not a wrap-up
    ("en", "Your scooter died halfway across the bridge. Thanks for the free walk 🙃"),
    ("sv", "Er sparkcykel dog mitt på bron. Tack för träningspasset 🙃"),
    ("lv", "Jūsu skrejritenis nomira tilta vidū. Paldies par bezmaksas pastaigu 🙄"),
])
def test_ironic_thanks_wrap_nothing_up(grader, lang, customer):
    reply = {"en": "Sorry about that! I've refunded the ride.", "sv": "Förlåt! Jag har återbetalat turen.",
             "lv": "Atvainojiet! Braucienu esmu atmaksājis."}[lang]
    assert graded(grader, "positive_close", lang, reply, customer).verdict is Verdict.NA


def test_a_product_named_with_a_guarantee_promises_nothing(grader):
    reply = "Yes — with Guaranteed Model you get the exact car you booked, not a similar one."
    customer = "Does your 'Guaranteed Model' option mean I get the exact car I booked?"
    assert graded(grader, "under_promise", "en", reply, customer).verdict is not FAIL


def test_a_latvian_but_that_leads_to_a_place_held_takes_nothing_back(grader):
    reply = ("Tas tiešām ir sarūgtinoši. Jūlija maiņa diemžēl ir pilna, taču Jūsu meitai turu vietu augusta maiņā.")
    customer = "Meitai vieta nometnē bija apstiprināta, bet tagad viņa ir rindā. Kā tas var būt?!"
    assert graded(grader, "no_yes_but", "lv", reply, customer).verdict is not FAIL


def test_you_should_not_have_been_left_is_sympathy_not_blame(grader):
    reply = "Six weeks of waiting is frightening, and you shouldn't have been left without a word from us."
    grade = graded(grader, "no_condescending_apology", "en", reply, "Still no news on my referral. I'm scared.")
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("lang, reply", [
    ("ar", "شي مقلق فعلاً، وشكراً إنك نبهتينا. المشكلة في كل الفواتير، ولا بس اللي فيها شعار؟"),
    ("en", "That's worrying, thanks for flagging it. The thing is, does it happen on every invoice or only some?"),
])
def test_a_turning_word_opening_a_question_takes_nothing_back(grader, lang, reply):
    customer = {"ar": "الفواتير صارت تطلع PDF فاضية!", "en": "Our invoices come out as blank PDFs!"}[lang]
    assert graded(grader, "no_yes_but", lang, reply, customer).verdict is not FAIL


@pytest.mark.parametrize("lang, reply", [
    ("pl", "Skoro obelgi trwają, przekazuję rozmowę kierowniczce szkoły."),
    ("sv", "Eftersom samtalet fortsätter med svordomar lämnar jag nu över till min gruppchef Henrik."),
])
def test_a_hand_over_to_a_named_superior_sets_a_boundary(grader, lang, reply):
    assert graded(grader, "set_boundaries", lang, reply, ABUSIVE[lang]).verdict is PASS


@pytest.mark.parametrize("lang, customer", [
    # fear, helplessness and a broken expectation are upset, with no word of anger
    ("en", "The lump hasn't gone away and I'm scared."),
    ("en", "This was supposed to be special."),
    ("ar", "كان المفروض تكون ليلة مميزة."),
    ("lv", "Dēlam ir 39 grādi, un es vairs nezinu, ko darīt."),
    ("sv", "Min dotter har feber och jag vet inte vad jag ska göra."),
    ("es", "Se quedó bloqueado y tuve que volver andando. Muy mal, la verdad."),
])
def test_fear_helplessness_and_broken_expectations_are_upset(grader, lang, customer):
    reply = {"en": "What is your date of birth?", "ar": "ممكن رقم الحجز؟", "lv": "Kāds ir bērna personas kods?",
             "sv": "Vilket personnummer har barnet?", "es": "¿Cuál es el número de la moto?"}[lang]
    assert graded(grader, "acknowledge_feelings", lang, reply, customer).verdict is not Verdict.NA


@pytest.mark.parametrize("lang, customer", [
    ("en", "If my deposit isn't back tonight I'm coming down to your office and I'll smash that rack to bits."),
    ("es", "Si mañana no viene el camión os parto la cara a todos."),
    ("sv", "Kommer inte pengarna i dag så kommer jag ner till ert kontor."),
])
def test_threats_of_harm_are_abuse(grader, lang, customer):
    reply = {"en": "What is the booking number?", "es": "¿Cuál es el número de reserva?", "sv": "Vilket bokningsnummer?"}[lang]
    assert graded(grader, "set_boundaries", lang, reply, customer).verdict is not Verdict.NA


@pytest.mark.parametrize("reply, helps", [
    # a spoken first person doing something for you, "for you" attached; not a plural with "your", not "he"
    ("للأسف مش هقدر أرجّع التحويل، بس هفتحلك دلوقتي طلب استرجاع.", True),
    ("وببعتلك الرابط على الإيميل.", True),
    ("وأنت توصل أطفالك يوميًا.", False),
    ("الفريق غالباً بيوصلك بعد الظهر.", False),
])
def test_arabic_spoken_first_person_for_you_is_an_own_step(reply, helps):
    from coach.offline.lexicon import lexicon

    assert (lexicon("ar").own_action.search(Text.of(reply).low) is not None) is helps


@pytest.mark.parametrize("lang, reply", [
    # honest about not knowing yet: the time beside it is an estimate, not a promise
    ("lv", "Kad elektrība atgriezīsies, pagaidām nezinu, tāpēc ik pēc stundas rakstīšu Jums jaunāko informāciju."),
    ("en", "I don't know yet when the power will be back, so I'll message you every hour with the latest."),
    ("es", "Todavía no sé cuándo volverá la luz, así que te escribo cada hora con lo último."),
])
def test_not_knowing_yet_beside_a_time_promises_nothing(grader, lang, reply):
    customer = {"lv": "Jau piecas stundas nav elektrības!", "en": "Five hours without power!", "es": "¡Cinco horas sin luz!"}[lang]
    assert graded(grader, "under_promise", lang, reply, customer).verdict is not FAIL


@pytest.mark.parametrize("lang, customer", [
    # thanks for help already given, signed or not, wrap the matter up whatever it was about
    ("sv", "Tack för snabb hjälp med fakturan igår! /Malin"),
    ("en", "Thanks so much for the quick help with the invoice yesterday! – Tom"),
    ("es", "¡Gracias por la rápida ayuda con la factura de ayer! ^MR"),
])
def test_thanks_for_help_given_wrap_up(grader, lang, customer):
    reply = {"sv": "Vad roligt att höra! Ha en toppenhelg!", "en": "So glad to hear it! Have a great weekend!",
             "es": "¡Qué alegría! ¡Buen fin de semana!"}[lang]
    assert graded(grader, "restate_problem", lang, reply, customer).verdict is Verdict.NA


@pytest.mark.parametrize("lang, customer", [
    # a rude-looking word capitalised mid-sentence is a name, not an insult at anyone
    ("es", "¿La Cabrona entra en el menú brunch del domingo? 😂"),
    ("en", "Is the Bloody Idiot burger on the kids' menu too?"),
])
def test_a_capitalised_name_is_no_abuse(grader, lang, customer):
    reply = {"es": "¡Sí, entra con un suplemento de 3 €!", "en": "It is, with a smaller patty!"}[lang]
    assert graded(grader, "set_boundaries", lang, reply, customer).verdict is Verdict.NA


@pytest.mark.parametrize("lang, reply", [
    # what the customer can do, with where to do it, is a way on
    ("en", "Refunds are out of our hands, I'm afraid. You can email your photos to claims@sunwheels.example for a review."),
    ("es", "La devolución no depende de nosotros. Puede llamar al 955 123 456 y le atienden en el momento."),
    ("sv", "Återbetalning kan vi tyvärr inte göra. Du kan boka ett hembesök på www.solpanel.example.se."),
])
def test_what_the_customer_can_do_with_its_channel_is_a_step(grader, lang, reply):
    customer = {"en": "You charged me €300 for a scratch that was already there!", "es": "¡Quiero que me devuelvan el dinero!",
                "sv": "Jag vill ha pengarna tillbaka!"}[lang]
    assert graded(grader, "next_step", lang, reply, customer).verdict is PASS


@pytest.mark.parametrize("lang, reply, customer", [
    # the situation weighed in everyday words
    ("es", "Volver de noche por una calle a oscuras da inseguridad, y dos semanas es demasiado tiempo. Lo he registrado.",
     "La farola lleva dos semanas fundida y da miedo volver de noche. ¡Ya está bien!"),
    ("pl", "Zniknięcie kupionego pakietu to naprawdę wkurzająca sprawa. Sprawdzę historię zakupów.",
     "Zniknął mi kupiony pakiet! Oddawajcie kasę, to skandal!"),
    ("sv", "En vecka utan kaffe på ett kontor är en kris. Jag ställer upp en reservmaskin i eftermiddag.",
     "Kaffemaskinen har varit trasig i en vecka! Helt oacceptabelt!"),
    ("lv", "Summa tiešām izskatās liela, un gribam to pārbaudīt kopā ar Jums.",
     "Rēķins par apkuri 210 €?? Tas ir skandāls!"),
])
def test_the_situation_weighed_in_everyday_words_acknowledges(grader, lang, reply, customer):
    grade = graded(grader, "acknowledge_feelings", lang, reply, customer)
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    # a word that only looks like a swear word, and a name in quotes in another case form
    ("lv", "Lēmumu varat apstrīdēt, aizpildot sūdzības veidlapu mūsu mājaslapā.", "Jūs atsakāties maksāt par kaķa zobiem!"),
    ("lv", "Ar atjauninājumu «Sasodītajam Cirvim» bojājums samazinājās — tā ir mūsu kļūda.",
     "Kāpēc mans «Sasodītais Cirvis» sit vājāk??"),
    ("sv", "Uppdateringen gjorde ”Helvetesdraken” för svår — det är vårt misstag.", "Varför är bossen omöjlig nu?!"),
])
def test_a_look_alike_or_a_quoted_name_is_not_swearing(grader, lang, reply, customer):
    assert graded(grader, "stay_professional", lang, reply, customer).verdict is PASS


def test_an_arabic_spoken_past_done_for_you_helps(grader):
    reply = "معك حق تنزعج، وهذا غلط منّا. للأسف الكود نفسه انتهى، لكن سويت لك كود خاص بنفس الخصم."
    assert graded(grader, "no_yes_but", "ar", reply, "الكود طلع منتهي والإعلان لسا ظاهر! 😒").verdict is not FAIL


@pytest.mark.parametrize("lang, reply", [
    # an expectation named as one, beside its time, promises nothing
    ("sv", "Våra tekniker räknar med att basstationen är lagad till fredag."),
    ("pl", "Liczymy, że stacja będzie naprawiona do piątku."),
    ("es", "Calculamos que la antena estará reparada el viernes."),
])
def test_an_expectation_named_as_one_is_no_promise(grader, lang, reply):
    customer = {"sv": "Ingen täckning på en vecka!", "pl": "Od tygodnia nie ma zasięgu!", "es": "¡Una semana sin cobertura!"}[lang]
    assert graded(grader, "under_promise", lang, reply, customer).verdict is not FAIL


@pytest.mark.parametrize("lang, customer", [
    # "thanks for nothing" is sarcasm, not a wrap-up
    ("sv", "Köade i två timmar och sen kraschade sidan. Tack för ingenting."),
    ("en", "Queued for two hours and then the site crashed. Thanks for nothing."),
    ("es", "Dos horas de cola y luego se cayó la web. Gracias por nada."),
])
def test_thanks_for_nothing_wraps_nothing_up(grader, lang, customer):
    reply = {"sv": "Förlåt, det var vårt fel.", "en": "Sorry, that was our fault.", "es": "Perdona, fue culpa nuestra."}[lang]
    assert graded(grader, "positive_close", lang, reply, customer).verdict is Verdict.NA


@pytest.mark.parametrize("lang, customer, reply", [
    # a delighted customer asks for nothing: "if you ever need us..." is no vague step
    ("pl", "Właśnie odkryłem, że w apce można przedłużyć parkowanie z kanapy. Kocham to! 😍",
     "Dzięki za miłe słowa! Jakby kiedyś coś nie działało, pisz śmiało."),
    ("es", "¡¡Primera vez que cojo uno de vuestros patinetes y ha sido una pasada!!",
     "¡Gracias por contarlo! Si algún día algo no va fino, aquí nos tienes."),
])
def test_a_delighted_customer_needs_no_next_step(grader, lang, customer, reply):
    assert graded(grader, "next_step", lang, reply, customer).verdict is not FAIL


@pytest.mark.parametrize("lang, reply", [
    ("en", "I've renewed both books until 14 March, so no fines will be added."),  # what we will not do
    ("pl", "Jeśli prześle Pani fakturę, osobiście dopilnuję, żeby decyzja zapadła w ciągu 5 dni."),  # personally
])
def test_what_we_will_not_do_or_see_to_personally_is_no_promise_for_others(grader, lang, reply):
    customer = {"en": "The app STILL says my books are overdue??", "pl": "Trzy tygodnie i cisza w sprawie refundacji!"}[lang]
    assert graded(grader, "under_promise", lang, reply, customer).verdict is not FAIL


def test_polish_what_should_have_reached_the_customer_is_no_blame(grader):
    reply = "Pakiet obejmował tylko UE — powinien był Pan dostać o tym SMS i nie dostał, więc to po naszej stronie."
    grade = graded(grader, "no_condescending_apology", "pl", reply, "780 zł za internet w Gruzji mimo pakietu!")
    assert grade.verdict is PASS, grade.explanation


def test_polish_so_we_refund_after_but_helps(grader):
    reply = ("Przepraszam, gniazdko jest już wymienione, ale to nie zmienia Państwa weekendu, dlatego zwracamy "
             "dopłatę za prąd.")
    assert graded(grader, "no_yes_but", "pl", reply, "Dwie noce bez prądu! Jesteśmy bardzo rozczarowani.").verdict is not FAIL


@pytest.mark.parametrize("lang, reply, customer", [
    # the cause put beyond the company's reach: a negation, "our"/"us", and reach (control, influence, power)
    ("lv", "Piegādātājs kavējas ar detaļām, un tas nu nav mūsu varā. Tiklīdz tās pienāks, uzstādīsim.",
     "Jau trešo nedēļu gaidu logus! Tas ir nepieņemami!"),
    ("lv", "Kurjeru dienests pārslogots, no mums te nekas nav atkarīgs. Pasūtījumu nosūtīsim vēlreiz.",
     "Paka pazudusi jau otro reizi! Esmu ļoti dusmīga!"),
    ("pl", "Opóźnienia na granicy są niezależne od nas. Paczkę wyślemy ponownie w poniedziałek.",
     "Czekam na paczkę trzy tygodnie! To skandal!"),
    ("pl", "Niestety na terminy dostawcy nie mamy żadnego wpływu. Dam znać, gdy towar dotrze.",
     "Miało być w piątek, a dalej nic! Jestem wściekły!"),
    ("sv", "Leverantören har problem i lagret, så det är ingenting vi kan påverka. Vi skickar när det kommer.",
     "Tre veckor har jag väntat! Helt oacceptabelt!"),
    ("sv", "Banken behandlar återbetalningen och det ligger utom vår kontroll. Jag skickar kvittot igen.",
     "Pengarna har fortfarande inte kommit! Det här är skandal!"),
    ("es", "La aduana retuvo el paquete y eso no dependía de nosotros. Le reenvío el seguimiento.",
     "¡Llevo un mes esperando el pedido! ¡Es indignante!"),
    ("en", "The refund is processed by the card network, so it's really not within our control. I've resent the receipt.",
     "Still no refund after three weeks! This is outrageous!"),
    ("en", "I can't reverse it, that's just how the system works. I've added a note to your account.",
     "You charged me twice and won't fix it? Ridiculous!"),
    ("ar", "التأخير من شركة الشحن وما بإيدي شي، بس رح أبعتلك رقم التتبع.", "صار لي شهر أستنى الطلب! هذا مو معقول!"),
    ("ar", "النظام ما بيسمح أرجّع المبلغ، سجلت ملاحظة على حسابك.", "خصمتوا مني مرتين! شو هالمهزلة!"),
])
def test_the_cause_put_beyond_our_reach_beside_a_repair_fails_own_it(grader, lang, reply, customer):
    grade = graded(grader, "own_it", lang, reply, customer)
    assert grade.verdict is FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    # the cause conceded in an "although" clause, then the answer: honest or an excuse, a model decides
    ("pl", "Szkoda, że tak wyszło 😕 Chociaż na zmianę trasy przez przewoźnika nie mamy wpływu, bilet zachowuje ważność.",
     "Przesunęli mi kurs i przepadł mi nocleg! Jestem zły!"),
    ("en", "Although the venue's new date isn't in our hands, your ticket stays valid and you can swap it for free.",
     "The concert got moved and now I can't go! So annoying!"),
    ("sv", "Även om flygbolagets nya tider ligger utom vår kontroll, gäller din biljett för nästa avgång.",
     "Flyget är flyttat och jag missar mötet! Otroligt irriterande!"),
    # a question answered with a limit, no failure complained of
    ("pl", "Liczba zwrotów nie zależy od nas, ale pule wracają zwykle w czwartki o 9:00.",
     "Kiedy wracają bilety na mecz?"),
    ("lv", "Cik biļešu atgriezīs, nav mūsu ziņā, taču parasti tās parādās piektdienās.",
     "Kad būs pieejamas biļetes uz koncertu?"),
    ("en", "How many seats get released isn't up to us, but they usually appear on Fridays at 10.",
     "When do returned tickets go back on sale?"),
])
def test_a_conceded_cause_or_a_limit_answering_a_question_leaves_own_it_to_a_model(grader, lang, reply, customer):
    grade = graded(grader, "own_it", lang, reply, customer)
    assert grade.verdict is UNJUDGED, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    # an acknowledgement taken back into a rule, then a repair: whether the rule is an excuse needs a model
    ("en", "I get why you'd want the full fare back, but we can't refund the whole ticket, those are the rules. "
           "I've added a £10 voucher to your account.",
     "The train was cancelled and I had to get a taxi! I want my money back!"),
    ("es", "Entiendo que quiera el reembolso completo, pero no podemos devolver todo el mes, es la normativa. "
           "Le he aplicado un descuento de 10 euros en la próxima factura.",
     "¡Estuve una semana sin internet! ¡Quiero que me devuelvan todo!"),
    ("sv", "Jag förstår att du vill ha hela beloppet tillbaka, men vi kan inte återbetala hela månaden, det är våra regler. "
           "Jag har lagt in en rabatt på 100 kronor på nästa faktura.",
     "En hel vecka utan bredband! Jag vill ha alla pengar tillbaka!"),
    ("lv", "Saprotu, ka vēlaties atgūt visu summu, taču visu mēnesi mēs atmaksāt nevaram, tādi ir noteikumi. "
           "Nākamajā rēķinā esmu piemērojis 10 eiro atlaidi.",
     "Veselu nedēļu bez interneta! Gribu atpakaļ visu naudu!"),
])
def test_a_repair_after_an_acknowledgement_taken_back_leaves_both_to_a_model(grader, lang, reply, customer):
    # the refusal, then what is done instead: a refusal done well or a yes-but, as the reader takes it
    assert graded(grader, "no_yes_but", lang, reply, customer).verdict is UNJUDGED
    grade = graded(grader, "own_it", lang, reply, customer)
    assert grade.verdict is not FAIL, grade.explanation  # a rule stated, then put right as far as it goes


@pytest.mark.parametrize("lang, reply, customer", [
    # the turn rejects the speaker's own explanation: ownership, nothing taken back
    ("en", "Sorry for the silence, Jo: we're short-handed on the desk today, but that's no excuse. Your slot is moved to Tuesday at 4.",
     "Hello?? I've been waiting an hour for an answer!"),
    ("es", "Perdona la tardanza, Jon: hoy vamos justos de personal, pero eso no es excusa. Ya te he cambiado la cita al lunes.",
     "¿Hola? ¡Llevo una hora esperando respuesta!"),
    ("sv", "Förlåt att det dröjde, Eva. Vi är få på kontoret i dag, men det är ingen ursäkt. Tiden är flyttad till fredag kl. 9.",
     "Hallå? Jag har väntat en timme på svar!"),
    ("lv", "Atvainojiet par kavēšanos, Ilze: šodien esam maz, bet tas nav attaisnojums. Pierakstu pārcēlu uz ceturtdienu.",
     "Hallo? Gaidu atbildi jau stundu!"),
    ("pl", "Przepraszam za zwłokę, Pani Ewo, dziś jestem sama na zmianie, ale powinnam była odpisać wcześniej. Termin przeniosłam na środę.",
     "Halo? Czekam na odpowiedź już godzinę!"),
])
def test_a_turn_that_rejects_ones_own_excuse_takes_nothing_back(grader, lang, reply, customer):
    grade = graded(grader, "no_yes_but", lang, reply, customer)
    assert grade.verdict is not FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    # after an apology: relief for the customer, or an honest caveat, dismisses nothing
    ("en", "Sorry about the mix-up with the fine. I've cleared it from your card; there's nothing more you need to do.",
     "I paid that fine last week and you're charging me again?!"),
    ("sv", "Förlåt krånglet med avgiften. Den är struken nu och du behöver inte göra något mer.",
     "Jag betalade avgiften förra veckan och nu kräver ni mig igen?!"),
    ("es", "Perdona el lío con la multa. Ya la hemos anulado y no hace falta que hagas nada más.",
     "¡Pagué la multa la semana pasada y me la volvéis a cobrar!"),
    ("sv", "Förlåt, det är verkligen olägligt. Elektrikern letar efter felet nu, och jag kan inte lova exakt när strömmen är tillbaka.",
     "Strömmen har varit borta i hela huset sedan i morse! Vet någon något?"),
    ("en", "Sorry, that's awful timing. Our engineer is on the fault right now, and I can't promise exactly when it'll be back.",
     "The lift has been out all morning and my mum can't do stairs. Anyone know anything?"),
    ("pl", "Przepraszam, to naprawdę pech. Technik szuka usterki, a ja nie mogę obiecać, kiedy dokładnie winda ruszy.",
     "Winda nie działa od rana, a mama nie chodzi po schodach! Ktoś coś wie?"),
])
def test_relief_or_an_honest_caveat_after_an_apology_dismisses_nothing(grader, lang, reply, customer):
    grade = graded(grader, "no_yes_but", lang, reply, customer)
    assert grade.verdict is not FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    # "but if ..., we can ...": the turn leads to help once its condition is said
    ("es", "Entiendo el susto con la factura. El deducible sí lo pagas tú, pero si el taller es de nuestra red podemos pagarle directamente el resto.",
     "¡Me piden 900 euros por el arreglo del coche! ¿Lo cubre el seguro? Estoy agobiada."),
    ("en", "I understand the worry about the bill. The excess is yours to pay, but if the garage is on our list we can pay them the rest directly.",
     "They want £900 for the car repair! Does my cover pay for it? I'm really stressed."),
    ("pl", "Rozumiem, że ten rachunek martwi. Udział własny płaci Pani, ale jeśli warsztat jest w naszej sieci, możemy zapłacić resztę bezpośrednio.",
     "Chcą ode mnie 3000 zł za naprawę auta! Czy ubezpieczenie to pokryje? Bardzo się martwię."),
])
def test_a_but_that_leads_to_a_conditional_offer_takes_nothing_back(grader, lang, reply, customer):
    grade = graded(grader, "no_yes_but", lang, reply, customer)
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    # thanks in advance under a question: the customer is asking, not wrapping up
    ("en", "Hi Ola! Yes, the Flex plan includes two guest passes a month. Register them in the app before 10 am.",
     "Can I bring two guests to the co-working space on Friday? Thanks, Ola"),
    ("es", "¡Hola, Marta! Sí, el plan Flex incluye dos pases de invitado al mes. Regístralos en la app antes de las 10.",
     "¿Puedo traer dos invitados el viernes? Gracias, Marta"),
    ("sv", "Hej Pia! Ja, Flex-planen har två gästpass i månaden. Registrera dem i appen före kl. 10.",
     "Får jag ta med två gäster på fredag? Tack, Pia"),
    ("pl", "Dzień dobry, Pani Olu! Tak, plan Flex obejmuje dwie wejściówki dla gości miesięcznie. Proszę je zgłosić w aplikacji do 10:00.",
     "Czy mogę przyprowadzić dwoje gości w piątek? Dziękuję, Ola"),
])
def test_thanks_under_a_question_do_not_wrap_the_conversation_up(grader, lang, reply, customer):
    grade = graded(grader, "positive_close", lang, reply, customer)
    assert grade.verdict is Verdict.NA, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    # the time belongs to the speaker's own step in its clause; the notice after it promises no deadline
    ("en", "Sorry you couldn't get through. We've moved your appointment to Tuesday at 4:30, you'll get the confirmation by text.",
     "I need to move my dentist appointment to next week, I couldn't reach you by phone."),
    ("sv", "Förlåt att du inte kom fram. Vi har flyttat din tid till tisdag kl. 16.30, du får bekräftelsen via sms.",
     "Jag behöver flytta min tandläkartid till nästa vecka, jag kom inte fram på telefon."),
    ("es", "Perdona que no pudieras contactar. Hemos cambiado tu cita al martes a las 16:30, recibirás la confirmación por SMS.",
     "Necesito cambiar mi cita del dentista a la semana que viene, no conseguí llamaros."),
    ("pl", "Przepraszamy za kłopot z telefonem. Przesunęliśmy rezerwację na piątek o 18:00, potwierdzenie przyjdzie mailem.",
     "Chcę przenieść rezerwację stolika na piątek, nie mogłem się dodzwonić."),
])
def test_a_notice_after_the_speakers_own_timed_step_promises_no_deadline(grader, lang, reply, customer):
    grade = graded(grader, "under_promise", lang, reply, customer)
    assert grade.verdict is not FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply", [
    # a sanction on the customer if they do it again, to an abusive customer: a threat back
    ("en", "Call my staff that again and we'll block your account for good."),
    ("es", "Si vuelves a insultarme, te cerramos la cuenta y se acabó."),
    ("pl", "Jeśli jeszcze raz Pan tak mnie nazwie, zablokujemy Panu konto."),
    ("lv", "Ja vēlreiz mani tā sauksiet, es nobloķēšu Jūsu kontu."),
    ("sv", "Säger du så en gång till spärrar vi ditt konto."),
    ("ar", "إذا قلت هالكلام مرة تانية رح نحظر حسابك."),
])
def test_a_sanction_threatened_if_the_abuse_comes_again_is_unprofessional(grader, lang, reply):
    grade = graded(grader, "stay_professional", lang, reply, ABUSIVE[lang])
    assert grade.verdict is FAIL, grade.explanation
    assert graded(grader, "no_condescending_apology", lang, reply, ABUSIVE[lang]).verdict is not FAIL


@pytest.mark.parametrize("lang, reply, customer", [
    # ending the call is a boundary, not a sanction; and to a customer who is not abusive, "again" is advice
    ("en", "If the insults come again, I'll end this call, and you're welcome to ring back.", ABUSIVE["en"]),
    ("es", "Si vuelves a ver ese cargo, lo bloqueamos desde aquí al momento.", "Me ha salido un cargo raro en la tarjeta."),
    ("pl", "Jeśli ta transakcja pojawi się jeszcze raz, zablokujemy kartę od ręki.", "Widzę dziwną transakcję na karcie."),
])
def test_a_boundary_or_advice_about_a_next_time_is_no_threat(grader, lang, reply, customer):
    grade = graded(grader, "stay_professional", lang, reply, customer)
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("en", "We're sorry you missed your flight. Unfortunately, we aren't able to control security wait times, "
           "but our agents at the desk can rebook you on the next flight.",
     "Missed my flight because the security line took two hours!"),
    ("pl", "Przepraszamy, to bardzo frustrujące. Niestety nie mamy wpływu na pogodę, ale zapewniamy hotel "
           "i przebukowanie na najbliższy lot.", "Odwołany lot, stracona noc!"),
    ("sv", "Vi ber om ursäkt för förseningen. Tyvärr har vi ett signalfel vid Hallsberg, men tåget är nu på väg "
           "och beräknas vara framme 14:20.", "Tåget är 50 minuter sent igen!"),
    ("lv", "Mums ļoti žēl. Diemžēl bija tehniska kļūme, taču vilciens jau kustas un būs Rīgā pēc 15 minūtēm.",
     "Vilciens atkal kavējas!"),
])
def test_bad_news_that_turns_again_to_something_refusing_nothing_is_not_failed(grader, lang, reply, customer):
    grade = graded(grader, "no_yes_but", lang, reply, customer)
    assert grade.verdict is not FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("es", "Los menores de 12 años siempre se sientan junto a un adulto de su reserva, eso lo garantizamos en "
           "todos los vuelos.", "¿El asiento junto a mi hijo está garantizado?"),
    ("en", "Children under 12 are always seated next to an adult on their booking, we guarantee that on every flight.",
     "Is the seat next to my son guaranteed?"),
    ("pl", "Dzieci do lat 12 zawsze siedzą obok dorosłego z tej samej rezerwacji, gwarantujemy to na każdym locie.",
     "Czy miejsce obok syna jest gwarantowane?"),
])
def test_a_guarantee_about_a_standing_rule_promises_this_customer_nothing(grader, lang, reply, customer):
    grade = graded(grader, "under_promise", lang, reply, customer)
    assert grade.verdict is not FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("pl", "Przepraszamy, to nie powinno się zdarzyć. Paczka czeka w najbliższym paczkomacie. Postaramy się, "
           "żeby następnym razem było lepiej.", "Paczkomat pełny, paczka przekierowana!"),
    ("en", "Sorry, that shouldn't have happened. Your parcel is waiting at the nearest locker. We'll try to do "
           "better next time.", "The locker was full and my parcel got redirected!"),
    ("es", "Perdona, no debería haber pasado. El paquete te espera en el punto más cercano. La próxima vez "
           "intentaremos hacerlo mejor.", "¡La taquilla estaba llena y me desviaron el paquete!"),
])
def test_doing_better_next_time_is_ownership_not_blame(grader, lang, reply, customer):
    grade = graded(grader, "no_condescending_apology", lang, reply, customer)
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("es", "Las tarifas Básico no admiten cambios, como se indica al comprar. Si necesitas flexibilidad, te "
           "recomendamos la tarifa Elige.", "¿Por qué no me dejáis cambiar el billete?"),
    ("sv", "Basbiljetter går inte att ändra, det står i villkoren. Behöver du flexibilitet rekommenderar vi "
           "Flex nästa gång.", "Varför får jag inte ändra biljetten?"),
    ("en", "Basic fares can't be changed, as the booking page shows. If you need flexibility, the Flex fare "
           "allows changes.", "Why can't I change my ticket?"),
])
def test_pointing_to_where_a_rule_is_written_reminds_no_one(grader, lang, reply, customer):
    grade = graded(grader, "no_condescending_apology", lang, reply, customer)
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("pl", "To nasze niedopatrzenie, dlatego połowę kwoty skoryguję na fakturze. Korekta pojawi się na koncie "
           "w ciągu 3 dni roboczych.", "Rachunek 480 zł za roaming?! Miałem wykupiony pakiet."),
    ("lv", "Tā ir mūsu neuzmanība, tāpēc pusi summas koriģēšu rēķinā. Korekcija kontā parādīsies 3 darba dienu laikā.",
     "Rēķins 120 eiro par viesabonēšanu?! Man bija nopirkta datu paka."),
    ("en", "That's our oversight, so I'll take half off the bill. The correction will show on your account "
           "within 3 working days.", "A £120 roaming bill?! I had bought a data pack."),
    ("es", "Es un descuido nuestro, así que te descuento la mitad. La corrección aparecerá en tu cuenta en "
           "3 días hábiles.", "¿120 € de roaming? ¡Tenía un bono de datos!"),
])
def test_a_count_of_working_days_for_the_companys_own_step_is_left_to_a_model(grader, lang, reply, customer):
    grade = graded(grader, "under_promise", lang, reply, customer)
    assert grade.verdict is not FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("en", "I've sent the refund request to your bank, and the bank will definitely return the money within 5 "
     "working days.", "I was charged twice!"),
    ("lv", "Pieteicu atmaksu, un banka naudu noteikti atgriezīs 5 darba dienu laikā.", "Jūs man noņēmāt naudu divreiz!"),
])
def test_working_days_vouched_for_a_named_third_party_still_fail(grader, lang, reply, customer):
    grade = graded(grader, "under_promise", lang, reply, customer)
    assert grade.verdict is FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("en", "I've sent the refund request to your bank, and the bank will return the money within 5 working days.",
     "I was charged twice!"),
    ("lv", "Pieteicu atmaksu, un banka naudu atgriezīs 5 darba dienu laikā.", "Jūs man noņēmāt naudu divreiz!"),
    ("en", "The courier will deliver it on Thursday between 8 and 12.", "When will my sofa arrive?"),
    ("sv", "Budfirman levererar den på torsdag mellan 8 och 12.", "När kommer soffan?"),
    ("pl", "Kurier dostarczy ją w czwartek między 8 a 12.", "Kiedy przyjdzie sofa?"),
])
def test_a_named_third_partys_time_stated_without_a_guarantee_is_left_to_a_model(grader, lang, reply, customer):
    """The rubric forbids guaranteeing what others deliver; real agents state a bank's or a courier's usual
    time without guaranteeing it, and readers differ on whether that is a promise."""
    grade = graded(grader, "under_promise", lang, reply, customer)
    assert grade.verdict is UNJUDGED, grade.explanation


def test_checking_for_oneself_that_a_room_is_ready_is_the_speakers_own_step(grader):
    grade = graded(grader, "under_promise", "pl",
                   "Zmieniłam już pokój na 214. W czwartek jeszcze raz upewnię się na recepcji, że wszystko będzie "
                   "gotowe na Państwa przyjazd.", "W potwierdzeniu widzę dwa pojedyncze łóżka zamiast małżeńskiego.")
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("lv", "Paklau, ja vēl tā rakstīsi, tev vispār nobloķēsim kontu un nekādu naudu neredzēsi.",
     "Meklē pats, sūda firma, dirsā jūs visi. Atdodiet naudu, idioti."),
    ("pl", "Uważaj, bo zaraz zablokuję ci konto i tyle zobaczysz zwrotu.",
     "Sam sobie szukaj, leniu pieprzony. Oddawajcie kasę, idioci."),
    ("es", "A mí no me hable así o le cuelgo y se queda sin nada.", "Sois unos incompetentes y tú el primero, payaso."),
    ("en", "Talk to me like that and you'll get nothing, or else I'll block your account.",
     "You useless idiots, give me my money back."),
])
def test_a_sanction_behind_or_else_or_a_refund_withheld_is_a_threat_back(grader, lang, reply, customer):
    grade = graded(grader, "stay_professional", lang, reply, customer)
    assert grade.verdict is FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("en", "Go ahead and call your solicitor, Mr Collins — we have lawyers too. I've booked a roofer for tomorrow.",
     "If nobody comes tomorrow my solicitor will be ringing you, you clowns."),
    ("ar", "يا أستاذ سعد، التهديد ما يخوفنا وعندنا محامين بعد. حجزت لك فني سطح بكرة.",
     "والله إذا ما جيتوا بكرة لأرفع عليكم قضية يا نصابين."),
    ("sv", "Skärp dig själv först. Vilket pass var det?", "Era instruktörer är inkompetenta, din lilla nolla."),
    ("es", "Denuncie si quiere, también tenemos abogados. Le mando un técnico mañana.",
     "¡Si no venís mañana os denuncio, sinvergüenzas!"),
])
def test_daring_a_customers_threat_is_unprofessional(grader, lang, reply, customer):
    grade = graded(grader, "stay_professional", lang, reply, customer)
    assert grade.verdict is FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("en", "I'VE ALREADY TOLD YOU machine 6 was tested this morning. Give me your card's last four digits.",
     "Well it didn't work for me an hour ago! I want my money back."),
    ("sv", "VI HAR INGA TIDER FÖRRÄN DEN 12 MARS. Vill du ha den eller inte?", "Jag behöver en tid, bilen går inte att köra."),
    ("es", "YA LE DIJE QUE LA MÁQUINA FUNCIONA. Deme los últimos cuatro dígitos.", "La lavadora 6 está rota y me ha cobrado igual. Quiero el reembolso."),
])
def test_capitals_at_a_customer_with_a_problem_are_shouting(grader, lang, reply, customer):
    grade = graded(grader, "stay_professional", lang, reply, customer)
    assert grade.verdict is FAIL, grade.explanation


def test_capitals_with_a_delighted_customer_stay_play(grader):
    grade = graded(grader, "stay_professional", "en", "HAPPY BIRTHDAY TO YOU!! 🎉 Let the crew know when you board.",
                   "It's my birthday and I'm flying with you today!! 🥳")
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("en", "Poor lad, a whole day in boots that don't fit is agony. I've refunded the €45.",
     "My son's boots were two sizes too big, he was in agony all day!"),
    ("en", "Two tablets left going into a weekend is a real worry, so let's sort that first.",
     "I've only got two tablets left and the pharmacy says nothing came through! I'm really worried."),
    ("sv", "Förstår paniken. Jag har skickat inloggningen igen.", "Kursen börjar i morgon och jag har ingen inloggning, panik!"),
    ("sv", "Förstår rädslan. Kom in direkt.", "Min hund har ätit choklad, jag är så rädd!"),
    ("es", "Entiendo el pánico. Te he reenviado el acceso.", "El curso empieza mañana y no tengo acceso, ¡qué pánico!"),
])
def test_the_weight_of_it_named_in_a_word_acknowledges_the_feeling(grader, lang, reply, customer):
    grade = graded(grader, "acknowledge_feelings", lang, reply, customer)
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("ar", "نعتذر منك. صحيح إن الطبيبة اعتذرت بشكل مفاجئ، لكن كان لازم نبلغك بوقت أبكر وهذا علينا. حجزت لك موعد الأربعاء.",
     "المستشفى أجّل موعد قطتي قبل الموعد بساعة، وأنا أخذت إذن من الدوام!"),
    ("en", "Sorry about that. It's true the vet was called away, but we should have told you sooner, that's on us. "
           "I've booked you in for Wednesday.", "You cancelled my cat's appointment an hour before, I took time off work!"),
    ("es", "Lo sentimos. Es cierto que la veterinaria tuvo una urgencia, pero teníamos que haberte avisado antes, "
           "es culpa nuestra. Te he reservado el miércoles.", "¡Me cancelasteis la cita del gato una hora antes y pedí permiso en el trabajo!"),
])
def test_a_but_that_turns_to_owning_the_failure_takes_nothing_back(grader, lang, reply, customer):
    grade = graded(grader, "no_yes_but", lang, reply, customer)
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("en", "I'm sorry you were unwell, I hope you're feeling better now. I've removed the £25 charge.",
     "Why do you want £25 for a missed appointment? I was ill!"),
    ("ar", "أعرف إن ضياع الطرد للمرة الثالثة شي يرفع الضغط، ونعتذر. أرسل لي رقم التتبع وأتواصل مع مكتب التوزيع اليوم.",
     "ثالث مرة البريد يضيع طردي!"),
    ("es", "Siento que estuvieras enfermo, espero que ya te encuentres mejor. He quitado el cargo de 25 €.",
     "¿Por qué me cobráis 25 € por faltar a la cita? ¡Estaba enfermo!"),
])
def test_sympathy_for_an_illness_or_a_count_of_what_went_wrong_talks_no_one_down(grader, lang, reply, customer):
    grade = graded(grader, "no_condescending_apology", lang, reply, customer)
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("sv", "Förstår att tålamodet tryter när det strular för tredje gången. Vilken färg har skjortan?",
     "En skjorta saknas igen. Tredje gången något strular!"),
    ("en", "I can see why you're fed up when it goes wrong for the third time. What colour is the shirt?",
     "A shirt is missing again. Third time something goes wrong!"),
    ("es", "Entiendo que se te agote la paciencia cuando falla por tercera vez. ¿De qué color es la camisa?",
     "Falta una camisa otra vez. ¡Es la tercera vez que algo falla!"),
])
def test_counting_how_often_it_went_wrong_reminds_no_one(grader, lang, reply, customer):
    grade = graded(grader, "no_condescending_apology", lang, reply, customer)
    assert grade.verdict is PASS, grade.explanation


def test_saying_it_for_the_third_time_still_reminds(grader):
    grade = graded(grader, "no_condescending_apology", "sv", "Jag säger det för tredje gången: avgiften gäller.",
                   "Varför ska jag betala avgiften?")
    assert grade.verdict is FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("lv", "Izsakām visdziļāko līdzjūtību. Pieminekli izgatavojam 6–8 nedēļu laikā.",
     "Vīrs aizgāja mūžībā pirms mēneša, gribam pasūtīt pieminekli. Cik ilgi to gatavo?"),
    ("en", "Our deepest condolences. A headstone takes 6-8 weeks.",
     "My husband passed away a month ago, we'd like to order a headstone. How long does it take?"),
    ("sv", "Vi beklagar sorgen. Gravstenen tar 6–8 veckor att tillverka.",
     "Min man dog för en månad sedan, vi vill beställa en gravsten. Hur lång tid tar det?"),
    ("es", "Normal que te sentara mal: la fecha tenía que estar indicada. La hemos reactivado.",
     "La tarjeta regalo ha caducado y no ponía la fecha en ningún sitio. Menuda estafa."),
    ("pl", "Nic dziwnego, że jest Pan zdenerwowany po godzinie czekania. Już się tym zajmuję.",
     "Czekam godzinę i nikt nic nie mówi!"),
])
def test_condolences_and_no_wonder_you_feel_it_acknowledge_the_feeling(grader, lang, reply, customer):
    grade = graded(grader, "acknowledge_feelings", lang, reply, customer)
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("sv", "Hej Lena! Det här är precis vad man inte vill vara med om på flyttdagen, förlåt. Jag ringer dig inom en halvtimme.",
     "Flyttfirman skulle komma kl 8. Nu är den 10.15 och ingen har hörts av!!"),
    ("sv", "Ojdå, det är inte vad man vill se på en ny bil. Skicka bilder på reporna så tittar jag på filmen.",
     "Biltvätten har repat min nya lack. Tack för inget."),
    ("es", "¡Qué agobio, con el partido a punto de empezar y solo dos entradas! Te las acabo de reenviar.",
     "Compré 4 entradas y en la app solo aparecen 2. Estamos en la puerta 😤"),
    ("en", "A charge landing on top of being ill must feel unfair. I've removed the £25.",
     "Why do you want £25 for a missed appointment? I was ill!"),
])
def test_what_nobody_wants_and_how_it_must_feel_acknowledge_the_feeling(grader, lang, reply, customer):
    grade = graded(grader, "acknowledge_feelings", lang, reply, customer)
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("en", "I've cancelled the fine and you'll get a confirmation email within the hour.",
     "I got a £70 fine even though I paid on the app."),
    ("es", "He anulado la multa y recibirás un correo de confirmación en una hora.",
     "Me han puesto una multa de 70 € aunque pagué con la app."),
    ("sv", "Jag har makulerat boten och du får en bekräftelse på mejl inom en timme.",
     "Jag fick en bot på 700 kr fast jag betalade i appen."),
    ("pl", "Anulowałam mandat, a potwierdzenie przyjdzie mailem w ciągu godziny.",
     "Dostałem karę 300 zł, chociaż zapłaciłem w aplikacji."),
])
def test_a_notice_the_companys_own_system_sends_is_no_deadline_for_others(grader, lang, reply, customer):
    grade = graded(grader, "under_promise", lang, reply, customer)
    assert grade.verdict is not FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply", [
    ("ar", "وحقك ترجع لك الـ ٣٠٠ ريال. وعشان نكمل، أحتاج نخلي الألفاظ والإهانات برا المحادثة. أرسل لي رقم الطلب."),
    ("es", "Entiendo su enfado. Las amenazas no puedo aceptarlas, así que le paso ahora mismo con mi supervisora, Elena Gil."),
    ("en", "I understand you're angry. To keep going I need us to leave the insults out. Send me the order number."),
])
def test_a_condition_on_going_on_or_a_hand_over_right_now_sets_a_boundary(grader, lang, reply):
    grade = graded(grader, "set_boundaries", lang, reply, ABUSIVE[lang])
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("ar", "نعتذر منك. فريق التوصيل من شركة خارجية مو من موظفينا، ودايم مستعجلين. أرسلي لي صورة وأفتح لك طلب تعويض اليوم.",
     "الشباب طيّحوا الطاولة وهم ينزلونها من الدرج قدامي!"),
    ("en", "Sorry about that. The delivery crew are contractors, they're not our staff and they're always in a rush. "
           "Send me a photo and I'll open a claim today.", "Your delivery guys dropped my table down the stairs!"),
    ("es", "Lo sentimos. Los repartidores son de una subcontrata, no son empleados nuestros y siempre van con prisa. "
           "Mándame una foto y abro la reclamación hoy.", "¡Vuestros repartidores tiraron mi mesa por las escaleras!"),
])
def test_distancing_the_ones_who_failed_as_not_our_staff_is_an_excuse(grader, lang, reply, customer):
    grade = graded(grader, "own_it", lang, reply, customer)
    assert grade.verdict is FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("pl", "Rozumiem, że to irytujące. Przekażę to dalej i ktoś się tym zajmie w wolnej chwili.",
     "Falownik cały dzień pokazuje błąd E-021 i tracę prąd!"),
    ("en", "I understand it's annoying. I'll pass it on and someone will look at it when they get a free moment.",
     "The inverter shows error E-021 all day and I'm losing power!"),
    ("es", "Entiendo que es molesto. Lo paso al equipo y alguien lo mirará cuando tenga un rato libre.",
     "¡El inversor marca error E-021 todo el día y pierdo producción!"),
])
def test_someone_looking_at_it_in_a_free_moment_is_no_next_step(grader, lang, reply, customer):
    grade = graded(grader, "next_step", lang, reply, customer)
    assert grade.verdict is FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("pl", "Proszę bardzo, Pani Hanno. Gdyby coś jeszcze przyszło Pani do głowy, jestem tu do 18:00. Dużo sił w tym trudnym dniu.",
     "Super, to wszystko, bardzo dziękuję."),
    ("en", "You're welcome, Hanna. If anything else comes to mind, I'm here until 6. Wishing you strength today.",
     "Great, that's everything, thank you so much."),
    ("es", "De nada, Hanna. Si se te ocurre algo más, estoy aquí hasta las 18:00. Mucho ánimo hoy.",
     "Perfecto, eso es todo, muchas gracias."),
])
def test_youre_welcome_and_being_there_for_more_close_warmly(grader, lang, reply, customer):
    grade = graded(grader, "positive_close", lang, reply, customer)
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("sv", "Tråkigt att höra. Du är dock själv ansvarig för att kontrollera tvättrådet.", "Tröjan krympte i tvätten!"),
    ("en", "Sorry to hear that. You are responsible for checking the care label yourself.", "The jumper shrank in your wash!"),
    ("es", "Lo sentimos. Usted es responsable de revisar la etiqueta.", "¡El jersey encogió en vuestro lavado!"),
    ("pl", "Przykro nam. To Pani odpowiedzialność, by sprawdzić metkę.", "Sweter skurczył się w waszym praniu!"),
    ("lv", "Žēl. Jūs pats esat atbildīgs par etiķetes pārbaudi.", "Džemperis sarāvās jūsu mazgātavā!"),
    ("ar", "نأسف لذلك. أنت المسؤول عن قراءة تعليمات الغسيل.", "الكنزة انكمشت عندكم!"),
    ("pl", "Przykro nam, że czas reklam wydał się zbyt długi. Blok reklamowy trwa 15–20 minut.", "Reklamy trwały pół godziny!"),
])
def test_the_customers_own_responsibility_or_their_impression_is_talked_down(grader, lang, reply, customer):
    grade = graded(grader, "no_condescending_apology", lang, reply, customer)
    assert grade.verdict is FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("ar", "الشكر لك على كلماتك الطيبة 🌷 سنوصل رسالتك للدكتور أحمد وأكيد راح تفرحه.",
     "شكراً لفريق الصيدلية، الصيدلي أحمد شرح لي جرعات دواء أمي بكل صبر 🙏"),
    ("en", "Thank you for the kind words 🌷 We'll pass your message to Ahmed and it will definitely make his day.",
     "Thanks to the pharmacy team, Ahmed explained my mum's doses so patiently 🙏"),
    ("es", "¡Gracias por tus palabras! 🌷 Le haremos llegar tu mensaje a Ahmed y seguro que le alegra el día.",
     "Gracias al equipo de la farmacia, Ahmed le explicó las dosis a mi madre con mucha paciencia 🙏"),
])
def test_a_certainty_beside_praise_passed_on_promises_nothing(grader, lang, reply, customer):
    grade = graded(grader, "under_promise", lang, reply, customer)
    assert grade.verdict is not FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("en", "We understand, although this fare is non-refundable you can change it for free up to 24 hours before.",
     "Can I get a refund on my ticket?"),
    ("es", "Lo entendemos, aunque esta tarifa no es reembolsable puedes cambiarla gratis hasta 24 horas antes.",
     "¿Me podéis devolver el billete?"),
    ("sv", "Vi förstår, även om biljetten inte kan återbetalas kan du ändra den gratis fram till 24 timmar innan.",
     "Kan jag få pengarna tillbaka för biljetten?"),
])
def test_a_concession_followed_by_the_way_on_is_left_to_a_model(grader, lang, reply, customer):
    grade = graded(grader, "no_yes_but", lang, reply, customer)
    assert grade.verdict is not FAIL, grade.explanation


def test_spanish_eso_si_is_a_turn_not_a_yes(grader):
    grade = graded(grader, "no_yes_but", "es", "¡Qué pena que te vayas! Eso sí, la baja se aplica al final del mes, "
                   "pero mantienes el acceso completo hasta entonces.", "Quiero cancelar mi suscripción.")
    assert grade.verdict is not FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("en", "Our engineer will be with you on Thursday between 8 and 12 to fix it. He'll call 30 minutes before.",
     "Can you fix my boiler this week?"),
    ("es", "Nuestro técnico irá el jueves entre las 8 y las 12 para arreglarla. Te llamará 30 minutos antes.",
     "¿Podéis arreglar la caldera esta semana?"),
    ("sv", "Vår tekniker kommer på torsdag mellan 8 och 12 och lagar den. Han ringer en halvtimme innan.",
     "Kan ni laga pannan den här veckan?"),
    ("pl", "Nasz technik przyjedzie w czwartek między 8 a 12 i go naprawi. Zadzwoni pół godziny wcześniej.",
     "Czy naprawicie piec w tym tygodniu?"),
])
def test_a_slot_booked_with_the_companys_own_staff_is_left_to_a_model(grader, lang, reply, customer):
    grade = graded(grader, "under_promise", lang, reply, customer)
    assert grade.verdict is not FAIL, grade.explanation


def test_a_slot_for_a_named_third_party_vouched_for_still_fails(grader):
    grade = graded(grader, "under_promise", "en", "The courier will definitely deliver it on Thursday between 8 "
                   "and 12.", "When will my sofa arrive?")
    assert grade.verdict is FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("en", "You're right, that's not high quality. We're reprinting it at our cost, it'll be ready tomorrow evening.",
     "The print came out stepped, bit of a letdown."),
    ("pl", "Masz rację, tak nie powinno być. Drukujemy go jeszcze raz na nasz koszt, jutro wieczorem będzie gotowy.",
     "Wydruk wyszedł schodkowy, trochę zawód."),
    ("lv", "Jums taisnība, tā nedrīkst būt. Drukājam to vēlreiz uz sava rēķina, rīt vakarā būs gatavs.",
     "Izdruka sanāca ar pakāpieniem, mazliet vilšanās."),
    ("es", "Tienes razón, así no debería quedar. La reimprimimos a nuestro cargo, mañana por la tarde estará lista.",
     "La impresión salió escalonada, un poco decepcionante."),
    ("ar", "معك حق، ما لازم تكون كذا. بنعيد طباعتها على حسابنا، وبتكون جاهزة بكرة المسا.",
     "الطباعة طلعت فيها درجات، خيبة أمل شوي."),
])
def test_the_companys_own_work_ready_by_a_time_is_left_to_a_model(grader, lang, reply, customer):
    grade = graded(grader, "under_promise", lang, reply, customer)
    assert grade.verdict is UNJUDGED, grade.explanation


def test_a_delivery_vouched_for_by_a_time_still_fails_beside_readiness_elsewhere(grader):
    grade = graded(grader, "under_promise", "en", "Your parcel will definitely arrive tomorrow before noon.",
                   "Where is my parcel?")
    assert grade.verdict is FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("en", "Sorry for the wait. The refund will be back in your account within 48 hours.", "Where is my refund?"),
    ("pl", "Przepraszamy za czekanie. Zwrot wróci na Pana konto w ciągu 48 godzin.", "Gdzie jest mój zwrot?"),
    ("sv", "Förlåt att det dröjt. Återbetalningen kommer tillbaka till ditt konto inom 48 timmar.",
     "Var är min återbetalning?"),
    ("es", "Perdona la espera. El reembolso volverá a tu cuenta en 48 horas.", "¿Dónde está mi reembolso?"),
    ("lv", "Atvainojamies par gaidīšanu. Atmaksa atgriezīsies jūsu kontā 48 stundu laikā.", "Kur ir mana atmaksa?"),
    ("ar", "آسفين على التأخير. المبلغ هيرجع على حسابك خلال ٤٨ ساعة.", "فين فلوسي اللي رجعتها؟"),
])
def test_a_time_stated_flatly_for_an_outcome_is_left_to_a_model(grader, lang, reply, customer):
    """Real agents state usual processing times this way; whether it is a promise for others needs a model."""
    grade = graded(grader, "under_promise", lang, reply, customer)
    assert grade.verdict is UNJUDGED, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("en", "The refund will definitely be back in your account within 48 hours.", "Where is my refund?"),
    ("pl", "Zwrot na pewno wróci na Pana konto w ciągu 48 godzin.", "Gdzie jest mój zwrot?"),
    ("sv", "Återbetalningen kommer garanterat tillbaka till ditt konto inom 48 timmar.", "Var är min återbetalning?"),
    ("es", "El reembolso volverá a tu cuenta en 48 horas sin falta.", "¿Dónde está mi reembolso?"),
    ("en", "The bank will return the money within five working days for sure.", "When do I get my money?"),
    ("sv", "Banken kommer garanterat att betala tillbaka pengarna inom fem bankdagar.", "När får jag pengarna?"),
])
def test_a_time_vouched_for_is_a_promise(grader, lang, reply, customer):
    grade = graded(grader, "under_promise", lang, reply, customer)
    assert grade.verdict is FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("en", "Lovely, you're booked for Saturday at 10. Our sweep Valdis will call you on Friday evening to confirm.",
     "Great, see you Saturday!"),
    ("lv", "Lieliski, pierakstīju Jūs uz sestdienu plkst. 10:00. Meistars Jānis piektdienas vakarā piezvanīs, lai "
     "apstiprinātu.", "Jā, der, paldies! Līdz tikšanās!"),
    ("es", "Perfecto, queda reservado el sábado a las 10. Nuestro deshollinador Valdis le llamará el viernes por la "
     "tarde para confirmar.", "¡Genial, nos vemos el sábado!"),
])
def test_a_call_to_confirm_a_booking_is_a_notice_not_a_deadline_for_others(grader, lang, reply, customer):
    grade = graded(grader, "under_promise", lang, reply, customer)
    assert grade.verdict is not FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("en", "We're sorry if the cleaning result didn't satisfy you. Please bring the coat with the receipt.",
     "My wool coat came back shrunk a whole size! It was new!!"),
    ("sv", "Vi beklagar om resultatet av tvätten inte motsvarade dina förväntningar. Ta med kappan och kvittot.",
     "Min ullkappa krympte en hel storlek! Den var ny!!"),
    ("pl", "Przykro nam, jeśli efekt czyszczenia Pani nie zadowolił. Prosimy przynieść płaszcz z paragonem.",
     "Oddałam płaszcz wełniany do czyszczenia, wrócił skurczony o rozmiar. Był nowy!!"),
    ("lv", "Atvainojamies, ja tīrīšanas rezultāts jūs neapmierināja. Lūdzu, atnesiet mēteli ar čeku.",
     "Mans vilnas mētelis sarāvās par visu izmēru! Tas bija jauns!!"),
    ("es", "Lamentamos si el resultado de la limpieza no le dejó satisfecha. Por favor, traiga el abrigo con el ticket.",
     "¡Mi abrigo de lana volvió encogido una talla! ¡Era nuevo!"),
    ("ar", "نعتذر إذا كانت نتيجة التنظيف لم ترضك. نرجو إحضار المعطف مع الإيصال.",
     "المعطف الصوف رجع منكمش مقاس كامل! كان جديد!!"),
])
def test_an_apology_on_condition_they_were_not_satisfied_is_condescending(grader, lang, reply, customer):
    grade = graded(grader, "no_condescending_apology", lang, reply, customer)
    assert grade.verdict is FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("en", "I understand the worry, that's years of notes. Relax, switching plans doesn't touch your data.",
     "I'm scared to switch to Pro, will I lose years of client history?"),
    ("pl", "Rozumiem obawę, to w końcu lata notatek o klientkach. Spokojnie, zmiana planu nie rusza danych.",
     "Boję się przejść na plan Pro – czy nie stracę historii wizyt moich klientek? To lata pracy."),
    ("sv", "Jag förstår oron, det är många års anteckningar. Lugn, bytet rör inte dina data.",
     "Jag är rädd att byta till Pro, försvinner min kundhistorik?"),
    ("lv", "Saprotu bažas, tie ir gadiem krāti dati. Mierīgi, plāna maiņa datus neskar.",
     "Baidos pāriet uz Pro plānu – vai nezaudēšu klientu vēsturi?"),
])
def test_soothing_after_the_worry_was_understood_is_left_to_a_model(grader, lang, reply, customer):
    grade = graded(grader, "no_condescending_apology", lang, reply, customer)
    assert grade.verdict is UNJUDGED, grade.explanation


def test_soothing_an_upset_customer_with_no_understanding_still_talks_down(grader):
    grade = graded(grader, "no_condescending_apology", "pl", "Spokojnie, zmiana planu nie rusza danych.",
                   "To skandal! Znowu straciłam dane klientek!")
    assert grade.verdict is FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("lv", "Saprotu, slēdzene iestrēga un tas sabojā spēli. Lūdzu tikai neaizskart mūsu kolēģi – tad ar prieku turpināšu "
     "risināt jautājumu.", "Jūsu kvestu istaba ir sūds, operators ir pilnīgs idiots. Atdodiet naudu!"),
    ("lv", "Labprāt palīdzēšu, bet lūdzu mani neapsaukāt. Vai varat atsūtīt pasūtījuma numuru?",
     "Tu esi pilnīgs idiots? Es tev to jau trešo reizi skaidroju."),
    ("ar", "أفهمك، القفل اللي علق خرب اللعبة. بس أرجو ما تغلط على زميلنا، وبكمل معك بكل سرور.",
     "غرفة الهروب عندكم زفت والموظف غبي تماماً. رجعوا فلوسي!"),
    ("pl", "Rozumiem, zacięty zamek psuje całą grę. Proszę tylko nie obrażać naszego kolegi – wtedy chętnie dalej się "
     "tym zajmę.", "Wasz escape room to gówno, a operator to kompletny idiota. Oddajcie kasę!"),
])
def test_a_request_not_to_insult_someone_sets_a_boundary(grader, lang, reply, customer):
    grade = graded(grader, "set_boundaries", lang, reply, customer)
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("lang, customer", [
    ("ar", "حبيت أشكركم، التوصيل ممتاز ولا أي مشكلة!"),
    ("es", "Solo quería dar las gracias, la entrega genial, ¡ni un solo problema!"),
    ("en", "Just want to say thanks to the lads who moved us on Saturday, not a single scratch on anything."),
])
def test_thanks_that_name_a_problem_that_never_happened_raise_no_problem(grader, lang, customer):
    grade = graded(grader, "restate_problem", lang, "Thank you, that's lovely to hear! Enjoy the new place.", customer)
    assert grade.verdict is Verdict.NA, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("es", "Lamentamos la noche que pasó. Ya lo tratamos con el gerente y, a partir de este fin de semana, los eventos "
     "en terraza terminarán a la 1:00.", "Pasamos la noche sin dormir por la fiesta en la terraza hasta las 3 am. Pésimo."),
    ("pl", "Przepraszamy za tę noc. Od tego weekendu imprezy na tarasie będą się kończyć o 1:00.",
     "Nie spaliśmy przez imprezę na tarasie do 3 w nocy. Fatalnie."),
    ("en", "We're sorry about the night you had. From now on, terrace events will end at 1am.",
     "We didn't sleep because of the terrace party until 3am. Awful."),
])
def test_a_rule_taking_effect_from_now_on_is_no_deadline_for_others(grader, lang, reply, customer):
    grade = graded(grader, "under_promise", lang, reply, customer)
    assert grade.verdict is not FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("es", "JAJAJA ¡misión cumplida! 👻 Te prometemos que el aire en la nuca no lo echa nadie escondido detrás de la "
     "butaca… o eso creemos.", "Fui a ver la peli de terror en 4DX y casi me da algo cuando me soplaron en la nuca JAJAJA"),
    ("en", "HAHAHA mission accomplished! 👻 We promise the air on your neck isn't someone hiding behind your seat.",
     "Went to the horror film in 4DX and nearly died when something blew on my neck HAHAHA 10/10"),
])
def test_a_promise_in_a_joke_with_a_laughing_customer_is_left_to_a_model(grader, lang, reply, customer):
    grade = graded(grader, "under_promise", lang, reply, customer)
    assert grade.verdict is UNJUDGED, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("es", "¡¡¡ENHORABUENA!!! 🎉💐 Nos ha hecho muchísima ilusión leerte. ¡Felicidades a los dos!",
     "¡¡Ha dicho que sí!!! Gracias por el ramo, fue perfecto 💍😭"),
    ("en", "CONGRATULATIONS!!! 🎉💐 We're so thrilled to read this. Congratulations to you both!",
     "She said yes!!! Thanks for the bouquet, it was perfect 💍😭"),
    ("sv", "GRATTIS!!! 🎉💐 Vi blev så glada av att läsa det här. Grattis till er båda!",
     "Hon sa ja!!! Tack för buketten, den var perfekt 💍😭"),
])
def test_congratulations_close_warmly(grader, lang, reply, customer):
    grade = graded(grader, "positive_close", lang, reply, customer)
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("sv", "Jag förstår att det känns snopet. Det är kommunen som beslutar om startdatum, inte vi.",
     "Varför får min dotter inte börja på förskolan förrän i februari? Vi sökte i maj!"),
    ("en", "I understand it's frustrating. It's the council that decides start dates, not us.",
     "Why can't my daughter start nursery until February? We applied in May!"),
    ("pl", "Rozumiem, że to przykre. O terminach decyduje gmina, a nie my.",
     "Dlaczego córka może zacząć przedszkole dopiero w lutym? Składaliśmy w maju!"),
    ("lv", "Saprotu, ka tas ir nepatīkami. Sākuma datumu nosaka pašvaldība, nevis mēs.",
     "Kāpēc meita var sākt bērnudārzu tikai februārī? Pieteicāmies maijā!"),
    ("es", "Entiendo que es frustrante. Es el ayuntamiento quien decide las fechas, no nosotros.",
     "¿Por qué mi hija no puede empezar la guardería hasta febrero? ¡Lo pedimos en mayo!"),
    ("ar", "أفهم إن الموضوع مزعج. البلدية هي اللي تقرر مواعيد البدء، مو احنا.",
     "ليش بنتي ما تقدر تبدأ الروضة إلا في فبراير؟ قدمنا في مايو!"),
])
def test_the_decision_put_on_others_and_off_the_company_is_an_excuse(grader, lang, reply, customer):
    grade = graded(grader, "own_it", lang, reply, customer)
    assert grade.verdict is FAIL, grade.explanation


def test_swedish_du_borde_alltsa_ha_blames_the_customer(grader):
    grade = graded(grader, "no_condescending_apology", "sv", "Enligt våra villkor ansvarar kunden för att tömma lådor. "
                   "Du borde alltså ha plockat ur och tejpat lådorna själv.", "Flyttgubbarna tappade min byrå i trappan!")
    assert grade.verdict is FAIL, grade.explanation


@pytest.mark.parametrize("customer", [
    "Vilken kväll! Er nya salong 3 med reclinerstolar är helt sjukt skön 🙌",
    "Kommer ni släppa ett julevent i år igen? Förra årets var bäst!!",
])
def test_swedish_praise_in_slang_is_not_upset(grader, customer):
    grade = graded(grader, "acknowledge_feelings", "sv", "Haha, vad kul att höra! Välkommen tillbaka! 🍿", customer)
    assert grade.verdict is not FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("lv", "Redzu, ka sertifikāts sistēmā iestrēga – tā ir mūsu kļūme. Sertifikātu izveidoju manuāli.",
     "Kursu pabeidzu pirms nedēļas, sertifikāta joprojām nav!"),
    ("pl", "Zakończyłem wypożyczenie ręcznie, zapłacisz tylko za 18 minut. Błąd był po naszej stronie.",
     "Zwróciłem rower na stacji, a aplikacja dalej liczy czas. Już 2 godziny!"),
])
def test_the_fault_placed_on_our_side_is_owned(grader, lang, reply, customer):
    grade = graded(grader, "own_it", lang, reply, customer)
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("en", "No problem at all – I've updated the message on your order to 'Happy 40th Paul'.",
     "Can I change the writing on my cake from 'Happy 40th Dad' to 'Happy 40th Paul'?"),
    ("pl", "Przepraszamy! Zwrot 15 zł poszedł właśnie na Twoje saldo, a pralkę nr 4 wyłączyliśmy do wizyty serwisanta.",
     "Pralka nr 4 pobrała 15 zł i nie ruszyła, co teraz?"),
    ("sv", "Förlåt! Pengarna har gått tillbaka till ditt saldo och vi har stängt av maskin 4 tills teknikern kommer.",
     "Tvättmaskin 4 tog 15 kr och startade inte, vad gör jag nu?"),
    ("es", "¡Perdona! Ya tienes el reembolso en tu saldo y hemos apagado la lavadora 4 hasta que venga el técnico.",
     "La lavadora 4 me cobró 15 € y no arrancó, ¿y ahora?"),
    ("lv", "Atvainojiet! Atmaksa jau ir Jūsu kontā, un mašīnu nr. 4 esam izslēguši līdz meistara vizītei.",
     "Veļasmašīna nr. 4 paņēma 15 eiro un neieslēdzās, ko tagad?"),
])
def test_what_the_speaker_has_already_done_for_them_is_a_step(grader, lang, reply, customer):
    grade = graded(grader, "next_step", lang, reply, customer)
    assert grade.verdict is PASS, grade.explanation


def test_a_check_reported_in_capitals_is_no_step(grader):
    grade = graded(grader, "next_step", "en", "I HAVE CHECKED AND THE PARCEL IS STILL AT THE DEPOT. YOU WILL HAVE TO WAIT.",
                   "I've called four times about my parcel. Where is it??")
    assert grade.verdict is not PASS, grade.explanation


def test_a_deadline_for_others_after_an_own_step_done_still_fails(grader):
    grade = graded(grader, "under_promise", "en", "I've chased the insurer today, and they'll definitely pay out "
                   "the full value by the end of next week.", "How long until the insurer pays out?")
    assert grade.verdict is FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("lv", "Aija, atvainojos, ka tā sanāca — jūs saņēmāt apstiprinājumu, bet aptiekā rezervācija neparādījās. Mēs "
     "paskatīsimies, kad būs nākamā piegāde.", "Vakar rezervēju zāles, saņēmu apstiprinājumu, ka varu izņemt aptiekā. "
     "Atbraucu — man saka, ka tādas rezervācijas nav!"),
    ("en", "Sorry about that, Aija — you got the confirmation, but the booking never showed up at the pharmacy. I'm "
     "checking the next delivery now.", "I booked online yesterday, got a confirmation to collect at the pharmacy. I get "
     "there and they say there's no booking!"),
    ("es", "Lo siento mucho: te llegó la confirmación, pero la reserva no apareció en la farmacia. Ya estoy mirando la "
     "próxima entrega.", "Reservé online ayer, me llegó la confirmación para recoger en la farmacia. Llego y me dicen que "
     "no hay reserva."),
])
def test_a_but_inside_their_own_story_played_back_after_an_apology_takes_nothing_back(grader, lang, reply, customer):
    grade = graded(grader, "no_yes_but", lang, reply, customer)
    assert grade.verdict is not FAIL, grade.explanation


def test_understanding_then_a_but_to_a_refusal_in_their_words_still_takes_it_back(grader):
    grade = graded(grader, "no_yes_but", "en", "I understand you can't go to the concert, but the concert tickets are "
                   "non-refundable.", "I want a refund for the concert tickets, I can't go.")
    assert grade.verdict is FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("es", "Graciela, el error es nuestro y me da mucha pena que hoy tengas que estar lidiando con esto. Ya mandé a "
     "imprimir la cinta nueva.", "La corona está ahí con el nombre mal. Es horrible, de verdad."),
    ("ar", "أستاذة سارة، معك حمد. أقدّر خوفك، الأنسولين ما يتحمل التأخير. برفع طلب إفراج مستعجل الحين.",
     "الأدوية اللي عنده تخلص بعد ٣ أيام، وأنا مرة خايفة."),
])
def test_the_speakers_own_sorrow_or_their_fear_named_acknowledges_it(grader, lang, reply, customer):
    grade = graded(grader, "acknowledge_feelings", lang, reply, customer)
    assert grade.verdict is PASS, grade.explanation


def test_a_hand_over_to_a_named_colleague_with_their_role_sets_a_boundary(grader):
    grade = graded(grader, "set_boundaries", "ar", "أبشر يا أستاذ ماجد. بحوّلك الحين للأستاذ سامي مشرف العمليات، "
                   "وعنده صلاحية يراجع الرسوم.", "لا تعلمني كيف أتكلم يا فاشل، حوّلني لأحد يفهم.")
    assert grade.verdict is PASS, grade.explanation


def test_pointing_to_where_a_rule_is_set_out_blames_no_one(grader):
    grade = graded(grader, "no_condescending_apology", "en", "Congratulations on the new job! Unfortunately, places are "
                   "personal, so your sister can't take over your place, as set out in the enrolment terms.",
                   "Could my sister take my place on the course instead?")
    assert grade.verdict is not FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("lv", "Ak, Gunti, cik oriģināli. Varbūt vispirms izlasiet statūtus, ko pats parakstījāt.",
     "Jūs tur valdē esat pēdējie zagļi un liekuļi, sasodīts!"),
    ("en", "Oh, how original. Maybe read the rules you signed first.", "You lot on the board are thieves and hypocrites, damn it!"),
    ("pl", "Wiązanie sprawdzimy. Natomiast debili to proszę szukać gdzie indziej.",
     "Macie złom zamiast sprzętu i debili za ladą. Oddawajcie kasę."),
    ("es", "Vamos a ver, a mí no me amenace, que aquí hay cámaras y el que termina en la comisaría es usted.",
     "Si mañana no está mi paquete voy a la agencia y te rompo la cara, ¿me entendiste?"),
])
def test_mocking_their_words_or_turning_their_threat_back_is_unprofessional(grader, lang, reply, customer):
    grade = graded(grader, "stay_professional", lang, reply, customer)
    assert grade.verdict is FAIL, grade.explanation


def test_swedish_impatience_makes_capitals_shouting(grader):
    grade = graded(grader, "stay_professional", "sv", "Som jag redan skrev så återkommer vi med en ny tid. JAG KAN INTE "
                   "TROLLA FRAM EN STÄMMARE.", "Det räcker inte. Jag vill ha en TID. Konserten är på lördag, fattar ni det?")
    assert grade.verdict is FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("es", "Los retrasos no son culpa nuestra, así que llame mañana a ver si hay novedades.",
     "¡Tres semanas esperando el paquete! ¿Dónde está?"),
    ("pl", "Instruktor złapał gumę, a grafik układa biuro w Krakowie, więc z naszej strony nie dało się nic zrobić. "
     "Mogę zaproponować jazdę w czwartek.", "Czekałem 40 minut na placu! Egzamin mam za tydzień!"),
    ("sv", "Föraren fick punktering och schemat läggs centralt, så det gick inte att göra något. Jag kan erbjuda torsdag.",
     "Jag väntade i 40 minuter! Uppkörningen är om en vecka!"),
])
def test_ownership_denied_or_nothing_could_be_done_is_an_excuse(grader, lang, reply, customer):
    grade = graded(grader, "own_it", lang, reply, customer)
    assert grade.verdict is FAIL, grade.explanation


def test_polish_slabo_z_naszej_strony_owns_it(grader):
    grade = graded(grader, "own_it", "pl", "Przepraszamy, że czekałeś tydzień bez odpowiedzi — to faktycznie słabo z "
                   "naszej strony. Karnet jest już zamrożony.", "Od tygodnia nikt mi nie odpisał w sprawie zamrożenia!")
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("lang, reply", [
    ("lv", "Telšu firmai jau piezvanīju, un viņi telti noteikti uzcels līdz piektdienas vakaram, to garantēju."),
    ("pl", "Już dzwoniłam do firmy namiotowej i na pewno postawią namiot do piątku wieczorem, gwarantuję."),
])
def test_a_guarantee_of_the_time_others_keep_fails_beside_an_own_step_done(grader, lang, reply):
    grade = graded(grader, "under_promise", lang, reply, "Co będzie, jak będzie padać?" if lang == "pl" else "Kas notiks, ja līs?")
    assert grade.verdict is FAIL, grade.explanation


def test_a_promise_of_the_speakers_own_call_by_a_time_passes(grader):
    grade = graded(grader, "under_promise", "en", "I'll call you by 5pm today, I promise.", "When will you call me?")
    assert grade.verdict is not FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("lv", "Atvainojos, ka tā sanāca. Mēs paskatīsimies, kad būs nākamā piegāde, un kāds ar jums sazināsies.",
     "Rezervācijas nav un zāles beigušās! Man tās jādzer katru dienu!"),
    ("en", "Sorry about that. We'll check when the next delivery is, and someone will be in touch.",
     "There's no booking and the medicine is gone! I need it every day!"),
    ("sv", "Förlåt för det. Vi kollar när nästa leverans kommer, och någon hör av sig.",
     "Bokningen finns inte och medicinen är slut! Jag behöver den varje dag!"),
    ("es", "Perdone. Miraremos cuándo llega el próximo envío y alguien se pondrá en contacto con usted.",
     "¡No hay reserva y el medicamento se acabó! ¡Lo necesito todos los días!"),
])
def test_somebody_unnamed_in_touch_at_no_time_is_vague(grader, lang, reply, customer):
    grade = graded(grader, "next_step", lang, reply, customer)
    assert grade.verdict is FAIL, grade.explanation


def test_arabic_wa_ma_negates_a_promise(grader):
    grade = graded(grader, "under_promise", "ar", "حجزنا فني يزورها بكرة، وراح أحدثك هنا أول ما يعطينا موعد، وما أقدر "
                   "أوعدك بوقت الإصلاح قبل ما يشوفها.", "الإنترنت فاصل عندي للمرة الثالثة هالأسبوع!")
    assert grade.verdict is not FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("sv", "Att stå i hamnen med två barn och en hund utan besked är verkligen ingen rolig sits. Jag har flyttat er "
     "bokning till 17.00.", "Färjan är inställd och ingen har sagt ett ord. Jag står i hamnen med två barn och en hund!"),
    ("pl", "Stać w porcie z dwójką dzieci i psem bez żadnej informacji to naprawdę nic przyjemnego. Przeniosłam "
     "rezerwację na 17:00.", "Prom odwołany i nikt nic nie powiedział. Stoję w porcie z dwójką dzieci i psem!"),
    ("es", "Estar en el puerto con dos niños y un perro sin ningún aviso no tiene nada de agradable. Ya cambié su reserva "
     "a las 17:00.", "¡El ferry está cancelado y nadie nos avisó! Estoy en el puerto con dos niños y un perro."),
    ("lv", "Stāvēt ostā ar diviem bērniem un suni bez ziņas tiešām nav nekas patīkams. Jūsu rezervāciju pārcēlu uz "
     "17:00.", "Prāmis atcelts, un neviens neko neteica! Stāvu ostā ar diviem bērniem un suni."),
])
def test_their_situation_judged_no_fun_acknowledges_it(grader, lang, reply, customer):
    grade = graded(grader, "acknowledge_feelings", lang, reply, customer)
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("lv", "Tas tiešām nav no mums atkarīgs — piegādātājs kavē sūtījumus. Pirmdien līdz plkst. 12 es jums piezvanīšu.",
     "Uzstādīšana atlikta jau trīs reizes! Lūdzu, šoreiz bez pasaciņām."),
    ("lv", "Laivu jums izsniedza mans kolēģis, tāpēc es par to atbildēt nevaru. Pajautāšu viņam.",
     "Motors noslāpa, un mums nācās stundu airēt atpakaļ!"),
    ("en", "My colleague should have put it in the system, so it's not something I could have known about. I've now "
     "added the 2pm checkout.", "Housekeeping walked in on me at 10:30 despite my late checkout. Not impressed."),
    ("sv", "Dubbelbokade platser kan hända när bokningssystemet strular. Skicka bokningsnumret så kollar jag.",
     "Det satt folk på våra platser, hela födelsedagskvällen förstörd!!"),
    ("es", "Son cosas que pasan con tanta demanda. Le mando otra cinta hoy.", "¡La corona llegó con el nombre mal escrito!"),
])
def test_responsibility_declined_or_the_failure_made_ordinary_is_an_excuse(grader, lang, reply, customer):
    grade = graded(grader, "own_it", lang, reply, customer)
    assert grade.verdict is FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    # the customer's own arrival, asked of them
    ("en", "Pitch 14 is 9m deep, so it should fit. Just make sure you arrive before 8pm, as the barrier locks after "
     "that.", "Will an 8.2m caravan fit on pitch 14?"),
    ("en", "It should fit. Please arrive before 8pm, as the barrier locks after that.", "Will it fit?"),
    # a time offered with "can" and asked about: a proposal, not a promise
    ("sv", "Jag har pratat med stämmaren och han kan vara hos dig kl. 14 i dag – passar det?",
     "Stämmaren skulle komma kl 10 men ingen har dykt upp."),
    ("pl", "Rozmawiałem z technikiem i może być u Pani dziś o 14:00 – czy to Pani pasuje?", "Nikt nie przyszedł."),
    ("lv", "Runāju ar meistaru, un viņš var būt pie jums šodien plkst. 14 – vai jums der?", "Neviens neatnāca."),
    # a closure announced
    ("en", "The studio will be closed on Monday, but anything uploaded over the weekend joins the queue on Tuesday.",
     "Are you open on bank holiday Monday?"),
    # "most likely": an estimate
    ("ar", "نعتذر منك على التأخير. طلبك طلع اليوم للتوصيل وبيوصلك على الأغلب بكرة.", "الطلب متأخر ليش؟"),
])
def test_an_instruction_a_proposal_a_closure_or_an_estimate_promises_nothing(grader, lang, reply, customer):
    grade = graded(grader, "under_promise", lang, reply, customer)
    assert grade.verdict is not FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("pl", "Rozumiem, że odmowa zwrotu Pana zdenerwowała, i naprawdę chcę pomóc, ale nie mogę kontynuować rozmowy przy "
     "takich słowach.", "Jesteś bezużyteczna, szkoda gadać z taką idiotką."),
    ("ar", "أنا عايزة أساعد حضرتك ونفهم سبب الفاتورة دي، بس مش هقدر أكمل لو الكلام فيه شتيمة.",
     "انتو شوية حرامية ونصابين يا ولاد الكلب"),
    ("lv", "Saprotu, ka tas kaitina, bet lūdzu, sarunāsimies bez aizvainojumiem, tad varēšu palīdzēt ātrāk.",
     "Tu esi galīgi stulba vai?"),
])
def test_a_but_that_leads_to_a_boundary_takes_nothing_back(grader, lang, reply, customer):
    assert graded(grader, "set_boundaries", lang, reply, customer).verdict is PASS
    grade = graded(grader, "no_yes_but", lang, reply, customer)
    assert grade.verdict is not FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("sv", "Jag förstår att du blir arg – du sa upp dig i januari och har ändå blivit debiterad, och det ska inte hända.",
     "Ni har dragit avgiften trots att jag sa upp mig!"),
    ("es", "Entiendo tu enfado: te diste de baja en enero y aun así te cobramos, y eso no debería pasar.",
     "¡Me cobrasteis aunque me di de baja!"),
    ("lv", "Saprotu jūsu dusmas — jūs atteicāties janvārī, bet tomēr maksa tika iekasēta, un tā nedrīkstēja notikt.",
     "Jūs iekasējāt maksu, lai gan atteicos!"),
])
def test_what_went_wrong_said_to_be_wrong_is_owned_not_taken_back(grader, lang, reply, customer):
    assert graded(grader, "no_yes_but", lang, reply, customer).verdict is not FAIL
    assert graded(grader, "own_it", lang, reply, customer).verdict is PASS


@pytest.mark.parametrize("lang, reply", [
    ("en", "I'm sorry for any frustration the hold time caused; 50 minutes is far too long to wait."),
    ("es", "Sentimos mucho la frustración que te ha causado esta subida. Te explico qué ha pasado."),
    ("sv", "Vi beklagar den frustration som prishöjningen har orsakat. Jag kan byta ditt abonnemang."),
    ("pl", "Przepraszamy za frustrację, którą spowodowała podwyżka. Mogę zmienić taryfę."),
    ("lv", "Atvainojamies par vilšanos, ko radīja cenu pieaugums. Varu mainīt tarifu."),
])
def test_the_feeling_tied_to_the_companys_own_doing_is_left_to_a_model(grader, lang, reply):
    assert graded(grader, "no_condescending_apology", lang, reply, "Why did you do this?!").verdict is UNJUDGED


@pytest.mark.parametrize("lang, reply", [
    ("en", "We apologise for any frustration this may have caused. Please try reinstalling the driver."),
    ("en", "We apologise for any frustration caused."),
    ("lv", "Atvainojos par jebkādu vilšanos, ko tas varētu būt radījis."),
    ("es", "Sentimos mucho su frustración. Las tarifas se actualizan cada año."),
])
def test_the_feeling_apologised_for_with_a_vague_cause_still_fails(grader, lang, reply):
    assert graded(grader, "no_condescending_apology", lang, reply, "Why did you do this?!").verdict is FAIL


@pytest.mark.parametrize("lang, reply, customer", [
    ("en", "No worries, let's get you the right size! You did select a medium, so the small was a packing mistake on our "
     "end.", "I ordered a medium but got a small? Or maybe I clicked the wrong one."),
    ("en", "I want to look into this properly for you, and I'd ask that we keep things respectful towards our drivers.",
     "Your bloody bus driver shut the doors in my face. Absolute moron."),
])
def test_their_part_then_our_fault_or_our_own_careful_look_is_no_blame(grader, lang, reply, customer):
    grade = graded(grader, "no_condescending_apology", lang, reply, customer)
    assert grade.verdict is not FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply", [
    ("en", "It's well within the 2-year guarantee, so you're covered for a free replacement."),
    ("en", "Your savings are also protected up to £85,000 under the FSCS guarantee."),
])
def test_a_warranty_named_is_no_promise(grader, lang, reply):
    grade = graded(grader, "under_promise", lang, reply, "Can I get a refund?")
    assert grade.verdict is not FAIL, grade.explanation


@pytest.mark.parametrize("text, time", [
    ("Tehniķis ieradīsies plkst. 14 un visu salabos.", "plkst. 14"),
    ("Han kan vara hos dig kl. 14 i dag.", "kl. 14"),
])
def test_a_time_abbreviation_ends_no_sentence(text, time):
    t = Text.of(text)
    assert len(t.sentences) == 1 and time in t.norm[slice(*t.sentences[0])]


@pytest.mark.parametrize("lang, reply, customer", [
    ("sv", "Jag förstår att du blir arg. Jag ser att uppsägningen registrerades den 12 januari men att dragningen aldrig "
     "stoppades hos oss, så felet ligger helt hos oss.", "Ni har dragit avgiften trots att jag sa upp mig!!"),
    ("en", "I understand why you're annoyed. The cancellation came through on the 12th, but the payment was never "
     "stopped, so the fault lies entirely with us.", "You charged me even though I cancelled!!"),
    ("es", "Entiendo tu molestia. La baja llegó el día 12, pero el cobro no se paró, así que el error es totalmente "
     "nuestro.", "¡Me cobrasteis aunque me di de baja!"),
])
def test_the_fault_placed_with_us_owns_it_and_takes_nothing_back(grader, lang, reply, customer):
    assert graded(grader, "own_it", lang, reply, customer).verdict is PASS
    assert graded(grader, "no_yes_but", lang, reply, customer).verdict is not FAIL


@pytest.mark.parametrize("lang, customer", [
    ("pl", "Przelew zleciłem w piątek, a on do dziś nie ma pieniędzy. Przez was zapłacę karę umowną."),
    ("en", "I sent the transfer on Friday and he still hasn't got the money. Because of you I'll pay a penalty."),
    ("es", "Hice la transferencia el viernes y todavía no le ha llegado. Por vuestra culpa voy a pagar una penalización."),
    ("sv", "Jag gjorde överföringen i fredags och han har inte fått pengarna. På grund av er får jag betala vite."),
])
def test_the_company_blamed_for_what_it_will_cost_them_is_upset(grader, lang, customer):
    grade = graded(grader, "acknowledge_feelings", lang, {"pl": "Sprawdziłam przelew.", "en": "I checked the transfer.",
                                                          "es": "He revisado la transferencia.",
                                                          "sv": "Jag har kollat överföringen."}[lang], customer)
    assert grade.verdict is FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    # the contrast opens onto understanding of their worry
    ("pl", "Doceniam poczucie humoru, choć rozumiem, że przy takim rachunku wcale nie jest do śmiechu. Sprawdzam to.",
     "Rachunek 1200 zł za roaming. Chyba rozmawiałem z samym Federerem 🙃"),
    ("en", "I love the joke, though I understand a bill like that is no laughing matter. I'm checking it now.",
     "A £1,200 roaming bill. I must have called Federer himself 🙃"),
    ("es", "Me encanta el chiste, aunque entiendo que con esa factura no hay nada de gracia. Lo reviso ahora.",
     "1.200 € de roaming. Debí de llamar al mismísimo Federer 🙃"),
    # a contrast inside a condition: advice, not a turn
    ("lv", "Saprotu, ka uztraucaties. Ja suns tomēr dzer ūdeni un reaģē uz jums, parasti var vērot vēl dienu.",
     "Sunim nav apetītes. Vai jābrauc uzreiz?"),
    ("en", "I understand you're worried. If he still drinks and responds to you, it's usually fine to watch him a day.",
     "My dog won't eat. Should I come in straight away?"),
    ("sv", "Jag förstår att du är orolig. Om hunden ändå dricker och är pigg kan ni oftast vänta en dag.",
     "Hunden äter inte. Ska jag komma direkt?"),
    # the fault owned in the sentence after the "but"
    ("lv", "Saprotu jūsu sašutumu – jūs pasūtījāt tikai klučus, bet rēķinā parādījās diski. Tā ir mūsu kļūda.",
     "Rēķinā ir diski, ko neprasīju!"),
    ("en", "I understand your frustration - you only asked for pads, but the bill shows discs too. That's our mistake.",
     "The bill has discs I never asked for!"),
    ("pl", "Rozumiem Pana złość – zamówił Pan tylko klocki, ale na rachunku są też tarcze. To nasz błąd.",
     "Na rachunku są tarcze, których nie zamawiałem!"),
])
def test_a_turn_to_their_worry_a_condition_or_a_fault_owned_after_takes_nothing_back(grader, lang, reply, customer):
    grade = graded(grader, "no_yes_but", lang, reply, customer)
    assert grade.verdict is not FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("es", "Entiendo la molestia, aunque como le comenté ayer, la portabilidad depende del otro operador. Si ellos se "
     "tardan, no es culpa nuestra.", "Ya pasaron 72 horas y sigo sin línea."),
    ("en", "I can see you're in a hurry, however I'm sorry you found the instructions confusing. Please try again.",
     "I've been standing here 20 minutes and I'm late for work."),
])
def test_a_fault_denied_or_a_feeling_apologised_for_after_the_turn_still_takes_it_back(grader, lang, reply, customer):
    assert graded(grader, "no_yes_but", lang, reply, customer).verdict is FAIL


@pytest.mark.parametrize("lang, reply", [
    ("en", "For a delay of over two hours that's 100% of your ticket price back: just claim on our website."),
    ("es", "Por un retraso de más de dos horas le devolvemos el 100 % del precio del billete: solo tiene que pedirlo."),
    ("lv", "Par vairāk nekā divu stundu kavējumu atmaksājam 100% no biļetes cenas: pieteikumu iesniedziet mājaslapā."),
])
def test_a_hundred_percent_of_an_amount_vouches_for_nothing(grader, lang, reply):
    grade = graded(grader, "under_promise", lang, reply, "Two hours late! I want compensation.")
    assert grade.verdict is not FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply", [
    ("ar", "يعني لو فهمت صح: الباقة بتخلص بعد أسبوع رغم إن استخدامك عادي؟"),
    ("en", "So if I've got it right, the bundle runs out after a week even though your use is normal?"),
    ("sv", "Så om jag förstått rätt tar paketet slut efter en vecka fast du använder det som vanligt?"),
])
def test_a_question_promises_nothing(grader, lang, reply):
    grade = graded(grader, "under_promise", lang, reply, "My data runs out after one week every month!")
    assert grade.verdict is not FAIL, grade.explanation


def test_swedish_you_should_have_heard_from_us_blames_no_one(grader):
    grade = graded(grader, "no_condescending_apology", "sv", "Jag förstår att det är frustrerande, och du borde ha hört "
                   "från oss.", "Tre dagar utan internet och ni har inte ens hört av er!")
    assert grade.verdict is not FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("es", "¡Hola Romi! Qué bajón abrir la caja y encontrarte una botella rota. Hoy mismo te mandamos otra.",
     "Me llegó una botella rota y todo el cartón empapado 😤"),
    ("es", "Hola Karla. Qué coraje que te cobren después de haber cancelado. Ya solicité el reembolso.",
     "Cancelé la suscripción y hoy me cobraron otra vez. ¿Es en serio?"),
    ("sv", "Hej! Jag förstår, det blir tjatigt när frågan dyker upp om och om igen. Du kan slå på fingeravtryck.",
     "Varför tvingar ni mig att byta lösenord HELA TIDEN? Jag blir galen."),
])
def test_their_situation_exclaimed_over_or_called_tiresome_acknowledges_it(grader, lang, reply, customer):
    assert graded(grader, "acknowledge_feelings", lang, reply, customer).verdict is PASS


def test_arabic_so_we_can_go_on_the_talk_must_be_respectful_sets_a_boundary(grader):
    grade = graded(grader, "set_boundaries", "ar", "أبغى أساعدك. بس عشان نقدر نكمل، لازم يكون الكلام باحترام.",
                   "يا حمير، رابع مرة أتصل والنت مقطوع")
    assert grade.verdict is PASS, grade.explanation


def test_you_will_need_to_call_them_on_a_number_is_a_step(grader):
    grade = graded(grader, "next_step", "en", "That's a network fault, which is a different department. You'll need to "
                   "call technical support on 0800 123 4567, they deal with mast issues.",
                   "No signal at all. I work from home and I'm getting really fed up.")
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("en", "We value your loyalty. The change fee on your fare is fixed, but your gold membership lets you pay it in "
     "miles.", "I want to change my flight for free, I've been gold for 10 years!"),
    ("ar", "نقدّر ولاءك. رسوم التغيير على فئة تذكرتك ثابتة، لكن عضويتك الذهبية تتيح لك تغطيتها بالأميال.",
     "أبي أغير تاريخ رحلتي بدون رسوم، أنا عضو ذهبي عندكم من ١٠ سنين!"),
    ("sv", "Vi uppskattar att du är medlem. Ombokningsavgiften är fast, men guldkortet låter dig betala den med poäng.",
     "Jag vill boka om gratis, jag har varit guldmedlem i tio år!"),
    ("lv", "Saprotam, ka cena šķiet augsta 🙂 Bet ir arī lētāki varianti, ja pērkat biļeti nedēļu iepriekš.",
     "Biļete 25 eiro. Par šo naudu varu aizbraukt ar taksi 🙃"),
    ("en", "We understand the price feels high. But there are also cheaper fares if you book a week ahead.",
     "25 quid for a train ticket? A taxi is cheaper 🙃"),
    ("es", "Entendemos que el precio parezca alto. Pero también hay tarifas más baratas si compras con una semana.",
     "¿25 euros el billete? Sale más barato el taxi 🙃"),
])
def test_a_but_that_opens_a_way_for_them_takes_nothing_back_for_certain(grader, lang, reply, customer):
    """What the customer can do instead, or cheaper options, after the "but": a model decides, never a fail."""
    grade = graded(grader, "no_yes_but", lang, reply, customer)
    assert grade.verdict is not FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("en", "We know how hard it is to be without your bag, but threats towards our staff aren't something we can "
     "accept. Your bag is on the 14:30 flight.", "If my bag isn't here tonight somebody is going to get hurt. Pathetic"),
    ("pl", "Chcemy pomóc w sprawie zwrotu, ale tylko w rozmowie bez obraźliwych słów. Prześlij numer rezerwacji.",
     "Jak nie oddacie mi kasy, to przyjadę i zrobię awanturę, debile."),
    ("es", "Entendemos el enfado, pero los insultos hacia nuestro equipo no los aceptamos. Envíanos tu localizador.",
     "Sois unos inútiles y unos ladrones, devolvedme el dinero ya, imbéciles."),
    ("sv", "Vi förstår att du är arg, men hot mot vår personal accepterar vi inte. Skicka bokningsnumret i DM.",
     "Om väskan inte kommer i kväll så ska någon få ångra sig, era idioter."),
])
def test_a_calm_limit_on_insults_or_threats_after_a_but_is_a_boundary(grader, lang, reply, customer):
    assert graded(grader, "no_yes_but", lang, reply, customer).verdict is not FAIL
    grade = graded(grader, "set_boundaries", lang, reply, customer)
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("es", "Tienes razón, la red está saturada. Mientras, aunque no es lo ideal, en la zona de restauración va mejor.",
     "El wifi del aeropuerto va lentísimo, es una vergüenza."),
    ("en", "You're right, the network is overloaded. Meanwhile, although it isn't ideal, the food court has a faster "
     "connection.", "The airport wifi is painfully slow, it's a disgrace."),
    ("pl", "Ma Pan rację, sieć jest przeciążona. Tymczasem, choć to nie jest idealne, w strefie gastronomicznej działa "
     "szybciej.", "Wifi na lotnisku jest strasznie wolne, to skandal."),
])
def test_what_an_although_concedes_is_not_a_refusal(grader, lang, reply, customer):
    grade = graded(grader, "no_yes_but", lang, reply, customer)
    assert grade.verdict is not FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("pl", "Rozumiemy obawy i dopilnujemy, żeby asysta dla mamy była zgłoszona – wystarczy DM z numerem rezerwacji "
     "(najpóźniej 48 h przed lotem).", "Mama jeździ na wózku, lecimy w sobotę. Czy ktoś jej pomoże?"),
    ("en", "We'll make sure assistance for your mum is booked – just DM us the booking reference (at the latest 48 "
     "hours before the flight).", "My mum uses a wheelchair, we fly on Saturday. Will someone help her?"),
    ("sv", "Vi ser till att assistansen för din mamma blir bokad – skicka bara bokningsnumret i DM (senast 48 timmar "
     "före avgång).", "Mamma sitter i rullstol, vi flyger på lördag. Får hon hjälp?"),
])
def test_a_time_past_a_dash_belongs_to_the_instruction_not_to_what_is_seen_to(grader, lang, reply, customer):
    grade = graded(grader, "under_promise", lang, reply, customer)
    assert grade.verdict is not FAIL, grade.explanation


def test_swedish_it_usually_sorts_itself_out_vouches_for_nothing(grader):
    grade = graded(grader, "under_promise", "sv", "Lägg till passnumret under Mina resor så brukar det lösa sig. Annars "
                   "checkar jag in dig härifrån i kväll.", "Kan inte checka in online, får bara felkod PAX-ERR.")
    assert grade.verdict is not FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("en", "I understand how stressful this is, but the bag is on the evening flight from Oslo.",
     "Why hasn't my bag arrived? This is ridiculous."),
    ("sv", "Jag förstår att det är stressigt, men väskan är med på kvällsflyget från Oslo.",
     "Varför har inte min väska kommit? Det här är löjligt."),
    ("pl", "Rozumiem, że to stresujące, ale walizka leci wieczornym lotem z Oslo.",
     "Dlaczego moja walizka nie dotarła? To jakiś żart."),
    ("es", "Entiendo que es estresante, pero la maleta viaja en el vuelo de la tarde desde Oslo.",
     "¿Por qué no ha llegado mi maleta? Esto es ridículo."),
    ("lv", "Saprotu, ka tas ir stresaini, bet soma ir vakara reisā no Oslo.",
     "Kāpēc mana soma nav atnākusi? Tas ir smieklīgi."),
    ("ar", "أتفهم إن الموضوع مزعج، لكن الشنطة على رحلة المساء من أوسلو.",
     "ليش شنطتي ما وصلت؟ هذا شي سخيف."),
])
def test_a_but_followed_by_plain_news_is_left_to_a_model(grader, lang, reply, customer):
    """Nothing refused, ruled, lapsed, charged or laid at their door after the turn: whether it takes the
    acknowledgement back is for a model, not a fail."""
    grade = graded(grader, "no_yes_but", lang, reply, customer)
    assert grade.verdict is UNJUDGED, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("en", "I understand how stressful this is, but under our terms delayed bags are only delivered to home addresses.",
     "Why hasn't my bag arrived? This is ridiculous."),
    ("sv", "Jag förstår att det är stressigt, men enligt våra villkor levereras försenade väskor bara till hemadresser.",
     "Varför har inte min väska kommit? Det här är löjligt."),
    ("es", "Entiendo que es estresante, pero según nuestras condiciones las maletas retrasadas solo se entregan en domicilios.",
     "¿Por qué no ha llegado mi maleta? Esto es ridículo."),
    ("pl", "Rozumiem, ale gwarancja skończyła się w zeszłym miesiącu.",
     "Gwarancja przecież obejmuje wymianę!"),
    ("lv", "Saprotu, taču garantija beidzās pagājušajā mēnesī.",
     "Garantija taču sedz nomaiņu!"),
    ("ar", "أتفهم، لكن الضمان انتهى الشهر الماضي.",
     "الضمان يغطي الاستبدال!"),
])
def test_a_but_followed_by_a_rule_or_a_lapse_takes_the_acknowledgement_back(grader, lang, reply, customer):
    grade = graded(grader, "no_yes_but", lang, reply, customer)
    assert grade.verdict is FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("lv", "Atvainojos par to — Jūsu maksājums ir saņemts, taču mūsu sistēmā tas iestrēga un netika pievienots kontam. Es to tikko pievienoju manuāli.",
     "Papildināju kartes kredītu par 10 eur, nauda noņemta, bet kredīts nav pienācis."),
    ("en", "Sorry about that — your payment was received, but our system got stuck and didn't add it to your balance. I've just added it manually.",
     "I topped up 10 euros, the money's gone but no credit arrived."),
    ("pl", "Przepraszam za to — płatność dotarła, ale nasz system się zawiesił i nie dodał jej do konta. Właśnie dodałem ją ręcznie.",
     "Doładowałem 10 zł, pieniądze zeszły, a kredytu nie ma."),
])
def test_our_own_system_failing_is_owned_not_taken_back(grader, lang, reply, customer):
    assert graded(grader, "no_yes_but", lang, reply, customer).verdict is not FAIL
    grade = graded(grader, "own_it", lang, reply, customer)
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("es", "Es un problema nuestro y el equipo ya está con ello. Aún no tengo hora de solución, pero te prometo que te aviso por este chat en cuanto esté resuelto.",
     "Desde esta mañana la app no sincroniza con el banco. Me sale 'Error 503'."),
    ("en", "It's a problem on our side and the team is on it. I don't have a fix time yet, but I promise I'll message you here as soon as it's resolved.",
     "Since this morning the app won't sync with the bank. It says 'Error 503'."),
    ("sv", "Felet ligger hos oss och teamet jobbar på det. Jag har ingen tid än, men jag lovar att jag skriver till dig här så fort det är löst.",
     "Sedan i morse synkar inte appen med banken. Det står 'Error 503'."),
    ("es", "Siento mucho el error, he parado la devolución. Te prometo que mañana a las 9:00 te escribo yo para confirmarte si va en ruta.",
     "¿Cómo que devuelto al remitente? Esto es increíble."),
    ("en", "I'm so sorry, I've stopped the return. I promise that tomorrow at 9:00 I'll write to you myself to confirm it's on its way.",
     "Returned to sender? This is unbelievable."),
    ("pl", "Bardzo przepraszam, zatrzymałam zwrot. Obiecuję, że jutro o 9:00 sama napiszę do Pana z potwierdzeniem, czy paczka jest w drodze.",
     "Jak to zwrócona do nadawcy? To niewiarygodne."),
])
def test_a_promise_of_the_speakers_own_message_is_theirs_to_keep(grader, lang, reply, customer):
    """What is promised is the speaker's own step, even with a time ("9:00" splits no clause)."""
    grade = graded(grader, "under_promise", lang, reply, customer)
    assert grade.verdict is not FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("en", "Sorry about the fee. The gym requested the payment twice, so you're covered by the Direct Debit Guarantee: I've raised a claim and put the money back.",
     "Why has my gym membership come out twice this month??"),
    ("ar", "أتفهم قلقك. أقدر أرفع لك الآن طلب استرجاع للبنك المستفيد، يصل الرد عادةً خلال 7 إلى 10 أيام عمل، ولا أستطيع أن أضمن موافقة المستفيد.",
     "حولت 2000 ريال لحساب غلط بالخطأ، تكفون ساعدوني"),
])
def test_a_schemes_name_or_a_guarantee_refused_after_and_promises_nothing(grader, lang, reply, customer):
    grade = graded(grader, "under_promise", lang, reply, customer)
    assert grade.verdict is not FAIL, grade.explanation


def test_polish_i_will_not_continue_the_conversation_if_insults_fall_is_a_boundary(grader):
    customer, reply = ("Nie będę ci nic podawał, głupia babo, oddaj mi moje pieniądze!!!",
                       "Chcę Panu pomóc, ale nie będę kontynuować rozmowy, jeśli będą padać obraźliwe słowa. Możemy kontynuować po podaniu 4 ostatnich cyfr karty.")
    assert graded(grader, "no_yes_but", "pl", reply, customer).verdict is not FAIL
    grade = graded(grader, "set_boundaries", "pl", reply, customer)
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("sv", "Krya på dig! Biljettpriset kan vi tyvärr inte återbetala, men skatterna får du tillbaka – ansök på vår webb under Återbetalning.",
     "Kan jag få pengarna tillbaka för min biljett? Jag har blivit sjuk."),
    ("en", "Get well soon! We can't refund the fare itself, but you'll get the taxes back – visit our website and open Refunds.",
     "Can I get my money back for my ticket? I've fallen ill."),
    ("es", "¡Que te mejores! El precio del billete no se puede devolver, pero las tasas sí – entra en nuestra web, en Reembolsos.",
     "¿Me devolvéis el dinero del billete? Me he puesto enfermo."),
    ("es", "Nosotros solo transportamos el paquete; el embalaje es responsabilidad del remitente, así que tendrá que reclamar a la tienda donde lo compró.",
     "El paquete ha llegado con la caja destrozada y el jarrón roto."),
])
def test_an_instruction_after_a_dash_or_you_will_have_to_is_a_step(grader, lang, reply, customer):
    grade = graded(grader, "next_step", lang, reply, customer)
    assert grade.verdict is PASS, grade.explanation


def test_arabic_thanks_for_solving_the_problem_wraps_up(grader):
    grade = graded(grader, "restate_problem", "ar", "العفو يا رهف 🌸 سعدت بخدمتك.", "شكراً يا مها، حليتي مشكلة الحجز في دقايق 🌸")
    assert grade.verdict is NA, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("en", "I'm sorry the result has been disappointing. Unfortunately the policy doesn't cover the boiler itself. However, "
     "the water damage to your floor is covered and we'll pay £900 within 5 working days.",
     "Why was my claim only partly paid? I've paid premiums for years."),
    ("es", "Siento mucho que el resultado le haya decepcionado. Lamentablemente la póliza no cubre la caldera. Sin embargo, "
     "los daños del agua en el suelo sí están cubiertos y le abonaremos 900 € en cinco días hábiles.",
     "¿Por qué solo me pagan una parte del siniestro? Llevo años pagando."),
    ("sv", "Jag förstår att beskedet är en besvikelse. Tyvärr täcker försäkringen inte själva pannan. Däremot är "
     "vattenskadan på golvet täckt, och vi betalar ut 9 000 kr inom fem bankdagar.",
     "Varför får jag bara en del av ersättningen? Jag har betalat i tolv år."),
    ("pl", "Przykro mi, że decyzja Pana rozczarowała. Niestety polisa nie obejmuje samego pieca. Natomiast szkody w kuchni "
     "są objęte ochroną i wypłacimy 3 000 zł w ciągu 5 dni roboczych.",
     "Dlaczego wypłacono mi tylko część odszkodowania? Płacę składki od lat."),
])
def test_a_refusal_turned_to_what_is_covered_in_the_next_sentence_is_not_taken_back_for_certain(grader, lang, reply,
                                                                                                customer):
    grade = graded(grader, "no_yes_but", lang, reply, customer)
    assert grade.verdict is not FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("pl", "Przykro nam, że nowy termin Ci nie pasuje. Choć koncertu nie da się przenieść, możesz oddać bilet i dostać "
     "pełny zwrot.", "Koncert przełożony na październik, a ja wtedy nie mogę 😭"),
    ("en", "We're sorry the new date doesn't suit you. Although the concert can't be moved, you can return the ticket for "
     "a full refund.", "The concert's been moved to October and I can't go then 😭"),
    ("es", "Sentimos que la nueva fecha no te venga bien. Aunque el concierto no se puede mover, puedes devolver la entrada "
     "y recuperar todo el dinero.", "Han pasado el concierto a octubre y no puedo ir 😭"),
])
def test_an_apology_then_a_concession_with_a_way_on_dismisses_nothing(grader, lang, reply, customer):
    grade = graded(grader, "no_yes_but", lang, reply, customer)
    assert grade.verdict is not FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("sv", "Haha, det är nog första gången vi hör om ett chipsformat kort – tack för att du delar med dig 😄 Ett nytt kort "
     "kostar normalt 100 kr, men eftersom våra kort uppenbarligen inte klarar bastun bjuder vi på det den här gången.",
     "Jag tappade mitt passerkort i bastun och nu ser det ut som ett chips 😅 Kan jag få ett nytt?"),
    ("en", "Haha, a crisp-shaped key card is a first for us – thanks for sharing 😄 A new card normally costs £10, but as "
     "our cards clearly can't take the sauna heat this one is on us.",
     "I dropped my key card in the sauna and now it looks like a crisp 😅 Can I get a new one?"),
    ("es", "Jaja, una tarjeta con forma de patata frita es nueva para nosotros, gracias por contarlo 😄 Una tarjeta nueva "
     "cuesta normalmente 10 €, pero como nuestras tarjetas no aguantan el calor de la sauna, esta vez corre de nuestra cuenta.",
     "Se me cayó la tarjeta en la sauna y ahora parece una patata frita 😅 ¿Me dais otra?"),
    ("lv", "Sveika, Anna! Saprotu, 2 svītriņas mūsdienās nav nekāds prieks 😅 5G Siguldas centrā jau darbojas, bet jūsu "
     "rajonam jaunā bāzes stacija plānota gada beigās. Tikmēr varu pārbaudīt pārklājumu jūsu adresē, ja atsūtīsiet to DM.",
     "kad beidzot Siguldā būs normāls 5G? Mājās 2 svītriņas 😒"),
    ("en", "Hi Anna! I get it, two bars in 2026 is no fun 😅 5G already works in the centre, but a new mast for your area is "
     "planned for the end of the year. Meanwhile I can check coverage at your address if you DM it to us.",
     "when will we finally get proper 5G here? Two bars at home 😒"),
])
def test_an_emoji_before_a_capital_or_digit_ends_the_sentence_of_thanks(grader, lang, reply, customer):
    grade = graded(grader, "no_yes_but", lang, reply, customer)
    assert grade.verdict is not FAIL, grade.explanation


@pytest.mark.parametrize("text, count", [
    ("Līgums tiks izbeigts 31. janvārī. Rēķinu nosūtīsim e-pastā.", 2),
    ("Pieraksts ir 5. martā plkst. 10:00, lūdzu ierodieties laikus.", 1),
    ("Remonts tiks pabeigts līdz 12. decembrim. Paldies par pacietību!", 2),
    ("Ett nytt kort kostar 100 kr 😄 Vi bjuder på det.", 2),
    ("Saprotu, 2 svītriņas nav nekāds prieks 😅 5G centrā jau darbojas, bet jūsu rajonā būs gada beigās.", 2),
    ("Sorry about the signal 😕 4G works in town, but your street gets a new mast in spring.", 2),
])
def test_an_ordinal_date_ends_no_sentence_and_an_emoji_before_a_capital_or_digit_does(text, count):
    assert len(Text.of(text).sentences) == count


@pytest.mark.parametrize("lang, reply, customer", [
    ("lv", "Labdien! Līgumu varat uzteikt ar divu mēnešu termiņu, tāpēc izņēmumu mēs nevaram veidot. Līgums tiks izbeigts "
     "31. janvārī.", "Lūdzu atcelt manu līgumu no nākamā mēneša. Kāpēc man jāmaksā vēl divi mēneši? Tas ir negodīgi."),
    ("en", "Hello! The notice period is two months, so we can't make an exception. The contract ends on 31 January.",
     "Please cancel my contract from next month. Why do I have to pay two more months? It's unfair."),
    ("es", "¡Hola! El preaviso es de dos meses, así que no podemos hacer una excepción. El contrato termina el 31 de enero.",
     "Quiero cancelar mi contrato desde el mes que viene. ¿Por qué tengo que pagar dos meses más? Es injusto."),
    ("ar", "مرحباً، مدة الإشعار شهران، لذلك لا نستطيع عمل استثناء. سينتهي العقد في ٣١ يناير.",
     "أبغى ألغي عقدي من الشهر الجاي. ليش أدفع شهرين زيادة؟ هذا ظلم."),
])
def test_a_refusal_followed_by_what_happens_on_a_date_is_not_a_missing_step(grader, lang, reply, customer):
    grade = graded(grader, "next_step", lang, reply, customer)
    assert grade.verdict is not FAIL, grade.explanation


@pytest.mark.parametrize("reply, customer", [
    ("You're very welcome, Jamie! Just make sure it's in before the 5pm deadline on Friday, and attach the tutor's "
     "feedback.", "Thanks Anna, that's really helpful. I'll submit the appeal form today."),
    ("Great, see you then! Please make sure the car is at the garage by 9am on Monday so we can start on time.",
     "Thanks, I'll bring the car in on Monday."),
])
def test_make_sure_said_to_the_customer_is_an_instruction_not_a_promise(grader, reply, customer):
    grade = graded(grader, "under_promise", "en", reply, customer)
    assert grade.verdict is not FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("es", "Desde noviembre puedes darte de baja desde la app. La baja será efectiva el 31 de diciembre y te garantizamos "
     "que no se pasará ningún recibo más a partir de esa fecha.",
     "Quiero darme de baja y me dicen que tengo que ir en persona. Es ridículo."),
    ("en", "You can now cancel in the app. The cancellation takes effect on 31 December, and I guarantee you won't be "
     "charged again after that date.", "I want to cancel and they say I must come in person. Ridiculous."),
    ("sv", "Du kan nu säga upp dig i appen. Uppsägningen gäller från 31 december och vi garanterar att inga fler dragningar "
     "kommer att göras efter det.", "Jag vill säga upp mig och ni säger att jag måste komma dit. Löjligt."),
])
def test_a_guarantee_that_we_will_not_charge_again_is_our_own_billing(grader, lang, reply, customer):
    grade = graded(grader, "under_promise", lang, reply, customer)
    assert grade.verdict is not FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("pl", "Bardzo przepraszam, to nasz błąd: ekipa pominęła apartament, a ja nie sprawdziłam go przed przyjazdem. Dziś o "
     "11 przyjdzie sprzątanie.", "Apartament był brudny, włosy w łazience. Z dziećmi po 6 godzinach jazdy!"),
    ("pl", "Przepraszam, szkoda, że nie zadzwoniłem do Pani wcześniej. Naprawę zrobimy jutro.",
     "Nikt mnie nie poinformował o opóźnieniu naprawy!"),
    ("es", "Muchas gracias por avisarnos y disculpe la molestia de tener que revisar su factura. Ya he anulado el cargo.",
     "Me han cobrado 38 € de minibar y no consumimos nada. Les agradecería que lo revisaran."),
])
def test_the_speakers_own_omission_and_sorry_for_the_trouble_are_not_talking_down(grader, lang, reply, customer):
    grade = graded(grader, "no_condescending_apology", lang, reply, customer)
    assert grade.verdict is not FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("pl", "Dzień dobry, rozumiem, że to stresujące. Przekażę fakturę do odprawy jeszcze dziś.\nZ pozdrowieniami,\n"
     "Agnieszka Baran\nObsługa Klienta", "Paczka stoi od 3 tygodni w urzędzie celnym. Czy zdąży???"),
    ("pl", "Dzień dobry, już sprawdzam status przesyłki i oddzwonię do 15:00.\nPozdrawiam\nMarek Cham",
     "Gdzie jest moja paczka?"),
    ("sv", "Hej! Jag har bokat om tiden till tisdag kl. 10.\nHälsningar\nErik Idiot", "Kan jag byta tid?"),
])
def test_a_word_that_is_a_name_in_the_signature_insults_nobody(grader, lang, reply, customer):
    grade = graded(grader, "stay_professional", lang, reply, customer)
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("lang, reply, name", [
    ("pl", "Panie Baranie, paczka jest już w drodze, kurier będzie jutro do 12.", "Tomasz Baran"),
    ("pl", "Dzień dobry, Panie Baranie! Zwrot wyślemy jeszcze dziś.", "Jan Baran"),
    ("lv", "Labdien, Muļķes kundze! Rēķinu izlabosim šodien.", "Anna Muļķe"),
])
def test_the_customers_name_in_any_of_its_forms_insults_nobody(grader, lang, reply, name):
    grade = graded(grader, "stay_professional", lang, reply, "Gdzie jest moja paczka?", name=name)
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("reply", [
    "مرحباً، معك حمد. أريد أن أساعدك في مراجعة هذه المخالفة، وأرجو أن نُبقي المراسلة باحترام حتى نصل لحل.",
    "أهلاً، نرجو أن يبقى الحوار محترماً حتى نتمكن من مساعدتك. أرسل لي رقم الطلب.",
])
def test_arabic_asking_to_keep_the_exchange_respectful_is_a_boundary(grader, reply):
    grade = graded(grader, "set_boundaries", "ar", reply, "مخالفة ٥٠٠ ريال وأنا ما رميت شي! يا فاشلين يا حرامية.")
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("pl", "Rozumiemy, to nie do przyjęcia przy małym dziecku. Dzieciom do 12 lat gwarantujemy miejsce obok "
     "co najmniej jednego opiekuna, to nasza zasada. Podeślij numer rezerwacji w DM.",
     "Lecę z 4-latkiem, a system przydzielił nam miejsca w różnych rzędach. Serio?"),
    ("sv", "Förstår, det går inte med ett litet barn. Barn upp till 12 år garanterar vi plats bredvid minst "
     "en vuxen, det är vår regel. Skicka bokningsnumret i DM.",
     "Jag flyger med min 4-åring och vi har fått platser i olika rader. Seriöst?"),
    ("lv", "Saprotam, ar mazu bērnu tā nedrīkst. Bērniem līdz 12 gadiem garantējam vietu blakus vismaz "
     "vienam pieaugušajam, tāds ir mūsu noteikums. Atsūtiet rezervācijas numuru DM.",
     "Lidoju ar 4 gadus vecu bērnu, un sistēma mūs sasēdināja dažādās rindās. Nopietni?"),
])
def test_an_age_or_a_weight_limit_is_no_deadline(grader, lang, reply, customer):
    grade = graded(grader, "under_promise", lang, reply, customer)
    assert grade.verdict is not FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("pl", "Spokojnie, Zenek wraca! 😄 Nowy sezon startuje 12 marca o 20:00, a pierwsze dwa odcinki "
     "dostaniesz od razu.",
     "kiedy wracają Idioci z sąsiedztwa?? nie mogę żyć bez Zenka 😭"),
    ("en", "Relax, Marco is back! 😄 The new season starts on 12 March at 8pm, and the first two episodes "
     "drop on day one.",
     "when is Night Shift back?? I can't live without Marco 😭"),
    ("sv", "Lugn, Marco är tillbaka! 😄 Nya säsongen har premiär 12 mars kl. 20 och de två första avsnitten "
     "släpps direkt.",
     "när kommer Nattskiftet tillbaka?? jag klarar mig inte utan Marco 😭"),
])
def test_relax_to_a_fan_whose_upset_is_a_crying_emoji_is_play(grader, lang, reply, customer):
    grade = graded(grader, "no_condescending_apology", lang, reply, customer)
    assert grade.verdict is not FAIL, grade.explanation


@pytest.mark.parametrize("reply, customer", [
    ("بدنا نساعدك ونحل مشكلة الانقطاع، بس منطلب منك نحافظ على لغة محترمة لنقدر نكمل 🙏 منفهم إنو انقطاع النت كل يوم بيعصّب. ابعتلنا رقم الاشتراك عالخاص ومنفحصلك الخط اليوم.",
     "شو هالشركة الوسخة، كل يوم النت بيقطع، انتو حمير"),
    ("منتفهم انزعاجك، وبنطلب منك نخلي الحكي باحترام. ابعتلنا رقم الطلب ومنرجعلك المبلغ اليوم.",
     "الطلب وصل بارد وناقص، انتو فاشلين"),
    ("منفهم قديش هالشي بيضايق، والحق معك. ابعتلنا رقم الحساب ومنصلّح الفاتورة اليوم.",
     "ثالث مرة الفاتورة غلط!! شو هالاستهتار"),
])
def test_levantine_we_understand_and_we_ask_you_are_heard(grader, reply, customer):
    """Levantine first person plural takes "م" ("منفهم", "منطلب منك"), as Gulf and Egyptian take "ب"."""
    grade = graded(grader, "acknowledge_feelings", "ar", reply, customer)
    assert grade.verdict is PASS, grade.explanation
    assert graded(grader, "set_boundaries", "ar", reply, customer).verdict is not FAIL


@pytest.mark.parametrize("reply, customer, verdicts", [
    ("I want to help get your bag back, and I can only do that if we keep things civil. Please DM us your reference and "
     "I'll check where it's been traced to.", "you absolute muppets, lost my bag AGAIN. Useless the lot of you.",
     (PASS, UNJUDGED)),
    ("Sorry about that! That fee shouldn't be there – I've taken it off and you'll see the credit on your next bill.",
     "Why is there a £5 fee on my bill this month??", (PASS,)),
    ("Sorry, the car wasn't ready when we said. It's washed and waiting now, and the loan car is yours until Friday.",
     "I came for my car at 5 like you said and it wasn't ready. Again.", (PASS,)),
])
def test_a_three_letter_word_of_theirs_is_played_back_in_english(grader, reply, customer, verdicts):
    """English names its problems in short words ("bag", "fee", "car"); "the" and "you" play back nothing."""
    grade = graded(grader, "restate_problem", "en", reply, customer)
    assert grade.verdict in verdicts, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("es", "¡Hola, Carmen! Puedes estar tranquila: la recepción está abierta 24 h, así que te estaremos "
     "esperando el viernes. Si el vuelo se retrasa, avísanos y te guardamos la habitación.",
     "buenas, tengo reserva el viernes y llego a las 23:30, ¿hay recepción? Me da miedo quedarme "
     "fuera"),
    ("pl", "Dzień dobry, Pani Karolino! Proszę się nie martwić: recepcja działa całą dobę, więc czekamy na "
     "Panią w piątek. Jeśli lot się opóźni, wystarczy napisać, a pokój będzie na Panią czekał.",
     "Ląduję w piątek o 23:30, czy recepcja będzie otwarta?? Strasznie się boję, że zostanę na ulicy!"),
    ("lv", "Labdien, Karolīna! Neuztraucieties: reģistratūra strādā visu diennakti, tāpēc piektdien jūs "
     "gaidīsim. Ja reiss kavēsies, uzrakstiet mums, un numuru paturēsim.",
     "Piektdien ielidoju 23:30, vai reģistratūra strādās?? Ļoti baidos palikt uz ielas!"),
    ("en", "Hi Carmen! Don't worry: reception is open 24 hours, so we'll be waiting for you on Friday. If "
     "the flight is late, just message us and we'll hold the room.",
     "I land at 11:30pm Friday and NOBODY answers the phone!! Is reception even open? Terrified I'll "
     "be stuck outside"),
])
def test_a_worry_answered_with_dont_worry_is_left_to_a_model(grader, lang, reply, customer):
    grade = graded(grader, "acknowledge_feelings", lang, reply, customer)
    assert grade.verdict is not FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("pl", "Zapewniam Panią, że nie naliczymy odsetek za ten miesiąc, bo opóźnienie było po naszej stronie.",
     "Czy naliczycie mi odsetki za spóźnienie? To wasza wina, że przelew nie doszedł!"),
    ("en", "I promise we won't charge you any interest for this month, the delay was on our side.",
     "Will you charge me interest for this? It's your fault the transfer didn't arrive!"),
    ("sv", "Jag lovar att vi inte tar ut någon ränta för den här månaden, förseningen var vårt fel.",
     "Kommer ni ta ut ränta för det här? Det är ert fel att överföringen inte kom fram!"),
    ("sv", "Uppsägningen är registrerad och jag kan lova att du inte debiteras något efter trettonde maj.",
     "Kommer jag att debiteras för maj också? Jag sa ju upp avtalet!"),
    ("en", "Your cancellation is registered, and I can promise you won't be charged anything after 13 May.",
     "Will I be charged for May too? I cancelled!"),
    ("pl", "Wypowiedzenie jest zarejestrowane i obiecuję, że nie zostanie Pani obciążona niczym po 13 maja.",
     "Czy zapłacę jeszcze za maj? Przecież wypowiedziałam umowę!"),
])
def test_a_promise_of_what_we_will_not_do_is_ours_to_keep(grader, lang, reply, customer):
    grade = graded(grader, "under_promise", lang, reply, customer)
    assert grade.verdict is not FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("en", "I guarantee it won't happen again and the courier will deliver by Friday.", "Late AGAIN. Useless."),
    ("pl", "Gwarantuję, że to się więcej nie powtórzy i kurier dowiezie paczkę w piątek.", "Znowu spóźnienie. Beznadzieja."),
])
def test_a_promise_that_it_will_never_happen_again_still_fails(grader, lang, reply, customer):
    assert graded(grader, "under_promise", lang, reply, customer).verdict is FAIL


@pytest.mark.parametrize("lang, reply, customer", [
    ("lv", "Marta, atvainojos par šo vilšanos – trīs reizes pa 30 minūtēm ir daudz par daudz. Varu palīdzēt "
     "tepat čatā, lai jums vairs nebūtu jāzvana.",
     "Trešo reizi zvanu uz jūsu infolīniju, katru reizi 30 min gaidīšana un tad savienojums "
     "pārtrūkst. Tas ir kāds joks?"),
    ("en", "Marta, sorry for the frustration – three 30-minute waits is far too long. I can help you right "
     "here in the chat so you don't have to call again.",
     "Third time calling your line, 30 minutes on hold every time and then it cuts off. Is this a "
     "joke?"),
    ("es", "Marta, disculpa la frustración: tres esperas de 30 minutos es demasiado. Te ayudo aquí mismo "
     "por el chat para que no tengas que volver a llamar.",
     "Tercera vez que llamo, 30 minutos de espera cada vez y luego se corta. ¿Es una broma?"),
    ("pl", "Pani Marto, przepraszam za tę frustrację – trzy razy po 30 minut to o wiele za długo. Pomogę "
     "tutaj na czacie, żeby nie musiała Pani znowu dzwonić.",
     "Trzeci raz dzwonię, za każdym razem 30 minut czekania i potem się rozłącza. To jakiś żart?"),
])
def test_a_frustration_apologised_for_with_its_cause_weighed_after_a_dash_is_left_to_a_model(grader, lang, reply, customer):
    grade = graded(grader, "no_condescending_apology", lang, reply, customer)
    assert grade.verdict is UNJUDGED, grade.explanation


def test_sorry_for_the_frustration_alone_still_talks_down(grader):
    grade = graded(grader, "no_condescending_apology", "en", "Sorry for the frustration. I can help you right here in "
                   "the chat.", "Third time calling, 30 minutes on hold every time and then it cuts off. A joke?")
    assert grade.verdict is FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, conversation", [
    ("es", "Gracias por esperar. Veo que los consumos de roaming son del 14 y 15 de marzo, con una red de Uruguay; eso pasa "
     "a veces en zonas de costa cerca del límite, aunque no hayas salido del país. Lamentablemente no puedo anular el "
     "cargo desde el chat, pero sí te cargo ahora un reclamo para que lo bonifiquen.",
     ("me vino la factura con 18 mil pesos de roaming y yo no sali del pais", "Ya reviso tu línea, aguardame.", "dale")),
    ("en", "Thanks for waiting. I can see the roaming charges are from 14 and 15 March, on a French network; that happens "
     "sometimes near the coast, although you didn't leave the country. Unfortunately I can't cancel the charge from "
     "chat, but I'm opening a claim now to get them refunded.",
     ("my bill has £180 of roaming on it and I never left the country", "Let me check your line.", "ok")),
    ("sv", "Tack för att du väntade. Jag ser att roamingavgifterna är från 14 och 15 mars, i ett norskt nät; det händer "
     "ibland nära gränsen, även om du inte har lämnat landet. Tyvärr kan jag inte ta bort avgiften i chatten, men jag "
     "öppnar ett ärende nu så att de krediteras.",
     ("min faktura har 1 800 kr i roaming och jag har inte lämnat landet", "Jag kollar ditt abonnemang.", "ok")),
    ("es", "Listo, pedido 44102: te cambio la remera M gris por una L verde sin costo. Te aviso solo una cosa: el verde en "
     "la foto sale un poco más claro y no te puedo garantizar que sea idéntico en persona, pero si no te convence la "
     "podés devolver gratis en 30 días.",
     ("compre la remera en M y me queda chica, la puedo cambiar por L verde?", "¡Hola! Sí, claro, ¿me pasás tu número "
      "de pedido?", "44102. en la foto el verde se ve re lindo")),
])
def test_what_although_grants_and_a_lighter_colour_take_nothing_back(grader, lang, reply, conversation):
    grade = graded(grader, "no_yes_but", lang, reply, *conversation)
    assert grade.verdict is not FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("sv", "Tack! Förlåt för förseningen i går – det var ett signalfel, men det påverkar inte din rätt till ersättning: "
     "för 16:12 från Uppsala får du tillbaka 50 % av biljettpriset.", "tåget var 50 min försenat, kan jag få pengar tillbaka"),
    ("en", "Thanks! Sorry about yesterday's delay – it was a signal failure, but that doesn't affect your right to "
     "compensation: for the 16:12 from York you get 50% of the fare back.", "train was 50 min late, can I get money back"),
    ("es", "¡Gracias! Perdona el retraso de ayer: fue una avería de señalización, pero eso no afecta a tu derecho a "
     "compensación: por el de las 16:12 recuperas el 50 % del billete.", "el tren llegó 50 min tarde, me devolvéis algo?"),
    ("pl", "Dziękuję! Przepraszam za wczorajsze opóźnienie – to była awaria sygnalizacji, ale nie wpływa to na Pana "
     "prawo do odszkodowania: za pociąg 16:12 należy się zwrot 50% ceny biletu.", "pociąg miał 50 min opóźnienia, "
     "dostanę zwrot?"),
])
def test_a_but_that_leaves_their_right_untouched_is_good_news(grader, lang, reply, customer):
    grade = graded(grader, "no_yes_but", lang, reply, customer)
    assert grade.verdict is not FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("en", "You're right, the documents arrived, but the payslip is for August and the loan needs the last "
     "three months — sorry we didn't explain that more clearly in our letter. One new payslip is enough, and "
     "I'll check it the same day.",
     "why do you keep asking me to resend my documents for the loan, I sent everything"),
    ("lv", "Jums taisnība, dokumenti ir saņemti, bet algas izziņa ir par augustu, un kredītam vajag pēdējo "
     "triju mēnešu izziņu — atvainojos, ka iepriekšējā vēstulē to neizskaidrojām skaidrāk. Pietiks ar vienu "
     "jaunu izziņu, un es to pārbaudīšu tajā pašā dienā.",
     "kāpēc man atkal jāsūta dokumenti kredītam, es visu jau sūtīju"),
    ("pl", "Ma Pani rację, dokumenty dotarły, ale zaświadczenie jest za sierpień, a do kredytu potrzebne są "
     "trzy ostatnie miesiące — przepraszam, że nie wyjaśniliśmy tego jaśniej w piśmie. Wystarczy jedno nowe "
     "zaświadczenie, sprawdzę je tego samego dnia.",
     "dlaczego znowu mam wysyłać dokumenty do kredytu, wysłałam wszystko"),
    ("es", "Tiene razón, los documentos llegaron, pero la nómina es de agosto y para el préstamo hacen "
     "falta los tres últimos meses — perdone que no lo explicáramos mejor en la carta. Basta con una nómina "
     "nueva y la reviso el mismo día.",
     "por qué me piden otra vez los documentos del préstamo, ya lo mandé todo"),
])
def test_sorry_we_didnt_explain_owns_the_omission_and_takes_nothing_back(grader, lang, reply, customer):
    assert graded(grader, "own_it", lang, reply, customer).verdict is PASS
    grade = graded(grader, "no_yes_but", lang, reply, customer)
    assert grade.verdict is not FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("es", "Listo, Andrés, ya anoté la llegada a las 2:00. Como su reserva está garantizada con tarjeta, la "
     "habitación se le guarda toda la noche aunque llegue tarde.",
     "llego al hotel a las 2 de la mañana, me guardan la habitacion?"),
    ("en", "Done, Andrew, I've noted your 2am arrival. As your booking is guaranteed by card, the room is "
     "held all night even if you arrive late.",
     "I land at 2am, will you hold my room?"),
    ("sv", "Klart, Anders, jag har noterat ankomst kl 2. Eftersom din bokning är garanterad med kort hålls "
     "rummet hela natten även om du kommer sent.",
     "Jag kommer till hotellet kl 2 på natten, håller ni rummet?"),
])
def test_a_booking_guaranteed_by_card_is_a_kind_of_booking(grader, lang, reply, customer):
    grade = graded(grader, "under_promise", lang, reply, customer)
    assert grade.verdict is not FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("ar", "أسبوع من غير نت حاجة تضايق فعلاً، وأنا عايز أحلها معاك، بس محتاج نكمل الكلام باحترام عشان أقدر أساعدك. "
     "فتحتلك بلاغ وهكلمك بكرة الساعة 1.", "يا شوية فاشلين بقالي اسبوع من غير نت ومحدش بيرد"),
    ("ar", "أفهم إن الانتظار طويل، لكن لازم نتكلم باحترام حتى أقدر أكمل معك. أرسل لي رقم الطلب.",
     "انتو حرامية ونصابين، وين فلوسي؟"),
    ("sv", "Jag förstår att en vecka utan ditt nummer är frustrerande, och jag hjälper dig gärna, men jag ber dig skippa "
     "de personliga påhoppen. Jag skickar in en ny begäran nu.", "för en vecka sen. du är helt värdelös, ge mig nån som kan nåt"),
])
def test_asking_to_go_on_respectfully_or_drop_the_insults_is_a_boundary(grader, lang, reply, customer):
    grade = graded(grader, "set_boundaries", lang, reply, customer)
    assert grade.verdict is PASS, grade.explanation


def test_egyptian_and_levantine_it_annoys_weighs_their_situation(grader):
    grade = graded(grader, "acknowledge_feelings", "ar", "أوف، تدفع وبعدين تلاقي الرصيد نفسه، أكيد بيعصّب. "
                   "رجعتلك المبلغ دلوقتي.", "دفعت ٥٠ جنيه والرصيد ما اتغيرش!! ده نصب")
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("criterion, lang, reply, conversation, verdict", [
    ("positive_close", "pl", "Ok. Zamykam czat.", ("chcialam potwierdzic ze zwrot poszedl", "Tak, zwrot został zlecony.",
                                                   "ok dzieki"), FAIL),
    ("positive_close", "sv", "Ok.", ("har ni fatt min retur?", "Ja, returen är registrerad.", "tack sa mycket, ha en bra dag"),
     FAIL),
    ("set_boundaries", "es", "Quiero ayudarle, pero necesito que sigamos sin insultos para poder continuar.",
     ("sois unos inutiles y unos ladrones, devolvedme mi dinero",), PASS),
    ("set_boundaries", "pl", "Chcę pomóc, ale proszę nie używać takich słów.", ("jestescie banda zlodziei i idiotow",), PASS),
])
def test_a_customer_typing_without_diacritics_is_read_all_the_same(grader, criterion, lang, reply, conversation, verdict):
    """Chat customers type "ok dzieki", "sois unos inutiles": read with the words spelt without their marks."""
    grade = graded(grader, criterion, lang, reply, *conversation)
    assert grade.verdict is verdict, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("sv", "Hej! Det är verkligen frustrerande, förlåt. Jag vill gärna hjälpa dig, men jag ber dig låta bli att kalla "
     "våra förare idioter. Skicka kolli-ID i DM så bokar jag en ny utkörning i morgon.",
     "era chaufförer är idioter, lappen säger 'ingen hemma' men jag satt HEMMA hela dagen"),
    ("lv", "Tas tiešām kaitina, atvainojos. Gribu palīdzēt, tikai lūdzu, nesauciet mūsu kurjerus par idiotiem. "
     "Atsūtiet sūtījuma numuru DM, un es pieteikšu jaunu piegādi rīt.",
     "jūsu kurjeri ir idioti, raksta «neviena nav mājās», bet es visu dienu biju MĀJĀS"),
    ("pl", "To naprawdę frustrujące, przepraszam. Chcę pomóc, ale proszę nie nazywać naszych kurierów idiotami. "
     "Proszę podesłać numer przesyłki w DM, a umówię nową dostawę na jutro.",
     "wasi kurierzy to idioci, piszą że nikogo nie było a ja siedziałem W DOMU cały dzień"),
    ("ar", "هذا شي مزعج فعلاً، نعتذر لك. نبي نساعدك، بس نرجو عدم الإساءة لمناديبنا. أرسل لنا رقم الشحنة بالخاص "
     "ونرتب توصيل جديد بكرة.",
     "مناديبكم أغبياء، كاتبين ما في أحد بالبيت وأنا كنت بالبيت طول اليوم"),
])
def test_asking_not_to_call_our_people_names_is_a_boundary_not_an_insult(grader, lang, reply, customer):
    assert graded(grader, "set_boundaries", lang, reply, customer).verdict is PASS
    assert graded(grader, "stay_professional", lang, reply, customer).verdict is PASS


@pytest.mark.parametrize("lang, reply, customer", [
    ("en", "Sorry about the wait! The discount was part of our BLACK FRIDAY SALE, which ended on Sunday, so I've applied "
     "a 10% code to your account instead.", "Why didn't I get the discount? This is so annoying!"),
    ("sv", "Förlåt väntan! Rabatten gällde under vår BLACK WEEK REA som slutade i söndags, så jag har lagt in en kod på "
     "10 % på ditt konto i stället.", "Varför fick jag ingen rabatt? Så irriterande!"),
    ("pl", "Przepraszam za czekanie! Rabat obowiązywał w ramach akcji SUPER WYPRZEDAŻ ZIMOWA, która skończyła się w "
     "niedzielę, więc dodałam na konto kod na 10%.", "Dlaczego nie dostałam rabatu? To irytujące!"),
])
def test_a_label_in_capitals_is_not_shouting(grader, lang, reply, customer):
    grade = graded(grader, "stay_professional", lang, reply, customer)
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("en", "You HAD TO ASK before booking, it's on the page.", "Why wasn't the seat reserved? Ridiculous!"),
    ("pl", "NIKT NIE MÓWI, że to nasza wina.", "Paczka zaginęła! To skandal, to wasza wina!!"),
    ("sv", "SOM JAG REDAN HAR SAGT gäller avtalet ett år.", "Varför kan jag inte säga upp avtalet? Löjligt!"),
])
def test_a_sentence_in_capitals_is_still_shouting(grader, lang, reply, customer):
    grade = graded(grader, "stay_professional", lang, reply, customer)
    assert grade.verdict is FAIL, grade.explanation


def test_capitalised_insults_on_a_line_of_their_own_above_the_end_still_insult(grader):
    reply = "Ty Baranie Jeden\nNie będę tego powtarzać.\nSprawdź maila.\nI nie pisz więcej.\nKoniec."
    grade = graded(grader, "stay_professional", "pl", reply, "Gdzie jest moja paczka?! To skandal!")
    assert grade.verdict is FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("pl", "Rozumiem, że jest pan zdenerwowany, ale proszę nie używać takich słów, wtedy szybciej pomogę. Proszę podać "
     "numer umowy.", "Jesteście bandą złodziei i idiotów!"),
    ("lv", "Saprotu, ka esat dusmīgs, bet lūdzu, nelietojiet tādus vārdus, tad es jums palīdzēšu ātrāk. Kāds ir jūsu "
     "klienta numurs?", "Jūs esat idioti, visi kā viens!"),
    ("en", "I can hear you're really angry, but I'd ask you not to use language like that, and then I can sort this out "
     "faster. Can I take your account number?", "You lot are a bunch of thieving idiots!"),
    ("es", "Entiendo que esté muy enfadado, pero le pido que no me hable así, que así le ayudo más rápido. ¿Me da su "
     "número de cliente?", "¡Sois unos ladrones y unos idiotas!"),
])
def test_asking_a_caller_not_to_use_such_words_is_a_boundary(grader, lang, reply, customer):
    assert graded(grader, "no_yes_but", lang, reply, customer).verdict is not FAIL
    grade = graded(grader, "set_boundaries", lang, reply, customer)
    assert grade.verdict is PASS, grade.explanation


def test_polish_please_do_not_use_such_words_to_a_swearing_caller_takes_nothing_back(grader):
    grade = graded(grader, "no_yes_but", "pl", "Rozumiem, że jest pan zdenerwowany, ale proszę nie używać takich słów, "
                   "bo inaczej nie będę mogła pomóc. Już sprawdzam pana zgłoszenie.",
                   "Ja pierdolę, co za burdel, trzeci raz dzwonię!")
    assert grade.verdict is not FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("ar", "نتفهم استياءك من دفع رسوم على طلب لم يُقبل. الرسوم تُستوفى مقابل الفحص نفسه، ولا تُسترد وفق اللائحة. غير "
     "أنه يحق لك إعادة تقديم الطلب خلال 60 يوماً دون رسوم جديدة.", "رفضتم طلبي وأريد استرداد الرسوم، هذا ظلم."),
    ("es", "Entiendo lo molesto que es pagar por una solicitud denegada. La tasa de estudio no es reembolsable según "
     "la normativa. Sin embargo, puede volver a presentarla en 60 días sin coste adicional.",
     "Me han denegado la solicitud y se quedan con la tasa. Es injusto, quiero que me la devuelvan."),
    ("pl", "Rozumiem, że płacenie za odrzucony wniosek jest irytujące. Zgodnie z regulaminem opłata za rozpatrzenie "
     "wniosku nie podlega zwrotowi. Może Pan jednak złożyć wniosek ponownie w ciągu 60 dni bez dodatkowej opłaty.",
     "Odrzuciliście mój wniosek i zatrzymaliście opłatę. To niesprawiedliwe, chcę zwrotu."),
    ("sv", "Jag förstår att det är irriterande att betala för en ansökan som avslogs. Enligt reglerna återbetalas inte "
     "handläggningsavgiften. Däremot har du rätt att lämna in ansökan igen inom 60 dagar utan extra kostnad.",
     "Ni avslog min ansökan och behöll avgiften. Det är orättvist, jag vill ha tillbaka den."),
])
def test_a_dismissal_the_next_sentence_turns_to_what_they_can_do_is_left_to_a_model(grader, lang, reply, customer):
    grade = graded(grader, "no_yes_but", lang, reply, customer)
    assert grade.verdict is not FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("en", "I'm sorry, that's worrying. I've frozen the card now and ordered a new one. I'll text you the case "
     "reference before we finish this call.", "My card was used in a shop I've never been to. Can you stop it?"),
    ("sv", "Jag beklagar, det är oroande. Jag har spärrat kortet och beställt ett nytt. Jag sms:ar ärendenumret "
     "innan vi avslutar samtalet.", "Mitt kort har använts i en butik jag aldrig varit i. Kan ni stoppa det?"),
    # Egyptian "أنهي واحدة" asks "which one", it ends nothing
    ("ar", "حضرتك عندك حق تتضايق. أقدر أجمّد الاشتراك 3 شهور ببلاش أو أخفّض الرسوم للنص. تحب نمشي في أنهي واحدة؟",
     "يعني إيه لازم أدفع 500 جنيه عشان ألغي الاشتراك؟! ده نصب."),
])
def test_what_happens_before_the_call_ends_does_not_end_it(grader, lang, reply, customer):
    assert graded(grader, "positive_close", lang, reply, customer).verdict is NA


def test_levantine_please_keep_the_insults_aside_is_a_boundary(grader):
    grade = graded(grader, "set_boundaries", "ar", "أنا شغّال عليها، ورجاءً خلّي الإهانات على جنب وأنا عم ساعدك. "
                   "أنهيت الرحلة على السكوتر والعداد توقف هلّق.", "العداد لسّه شغّال، بسرعة يا فاشل يا مهرّج.")
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("customer, verdict", [
    ("Kontrolieris man uzlika 30 eiro sodu, jo nebiju validējis e-talonu. Man ir mēnešbiļete!!! Tas ir idiotiski.", NA),
    ("Man ir mēnešbiļete!!! Jūs esat idioti.", FAIL),  # the same anger at people is abuse
])
def test_latvian_calling_a_rule_idiotic_is_no_abuse(grader, customer, verdict):
    reply = ("Saprotu, cik aizvainojoši ir saņemt sodu. Jūs varat iesniegt apstrīdēšanas iesniegumu 15 dienu laikā "
             "mūsu mājaslapā.")
    assert graded(grader, "set_boundaries", "lv", reply, customer).verdict is verdict


@pytest.mark.parametrize("reply, verdict", [
    ("It's outside the 30-day refund window, but a faulty zip is covered by our quality guarantee, so we can "
     "repair it free of charge. I'll email you a prepaid returns label today.", PASS),
    ("The kettle is still within the manufacturer's two-year guarantee, so I've booked a free collection for "
     "Thursday.", PASS),
    ("Our price-match guarantee covers the same model, so I've refunded the £20 difference to your card today.", PASS),
    # the verb after a modal and an adverb still vouches for the courier
    ("I can personally guarantee the courier will deliver it tomorrow morning.", FAIL),
])
def test_a_guarantee_named_as_a_noun_is_a_policy_not_a_promise(grader, reply, verdict):
    grade = graded(grader, "under_promise", "en", reply, "The zip on my coat broke after two wears. I want my money back.")
    assert grade.verdict is verdict, grade.explanation


def test_arabic_i_raised_your_request_is_a_step_done_not_prices_raised(grader):
    customer = "شنطتي وصلت من الرحلة وعجلتها مكسورة! أبي شنطة جديدة"
    raised = graded(grader, "next_step", "ar", "آسفين جداً على هالشي. رفعت طلبك الحين، وبيتواصل معك وكيل الإصلاح.", customer)
    assert raised.verdict is PASS, raised.explanation
    prices = graded(grader, "next_step", "ar", "آسفين جداً على هالشي. رفعت الشركة الأسعار هذا الشهر.", customer)
    assert prices.verdict is not PASS, prices.explanation


@pytest.mark.parametrize("reply", [
    "Entiendo el disgusto. Para valorarlo, mándame unas fotos de las zonas peladas y un técnico te responde en 7 a 10 días.",
    "Qué rabia, lo sentimos. Pásanos por DM tu número de pedido y te decimos hoy dónde está.",
    "Lo siento mucho. Facilíteme el número de contrato y lo reviso ahora mismo.",
])
def test_spanish_asking_for_what_moves_things_on_with_a_clitic_is_a_step(grader, reply):
    grade = graded(grader, "next_step", "es", reply, "El sillón se pela a los dos años y el pedido no llega. ¡Qué vergüenza!")
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("ar", "آسفين جداً إن شنطتك وصلت بهالحالة، أكيد شي يضايق. حسب سياسة الأمتعة الاستبدال يكون فقط إذا الإصلاح غير "
     "ممكن. رفعت طلبك الحين، وبيتواصل معك وكيل الإصلاح.", "شنطتي الجديدة وصلت مكسورة! أبي شنطة جديدة مو تصليح"),
    ("sv", "Jag förstår att det är frustrerande att skriva flera gånger. Fakturan stämmer enligt prislistan. Jag har "
     "spärrat betalnummer på abonnemanget nu, så nya samtal går inte fram.",
     "Fjärde gången jag skriver om samma faktura. 600 kr för betalsamtal! Kan någon där läsa??"),
    ("en", "I understand how frustrating a charge like that is. The invoice is correct under the price list. I've "
     "blocked premium numbers on your plan now, so it can't happen again.",
     "Fourth time I'm writing about the same bill. £60 for premium calls! Can anyone there read??"),
])
def test_a_ruling_followed_by_what_was_done_for_them_dismisses_nothing(grader, lang, reply, customer):
    grade = graded(grader, "no_yes_but", lang, reply, customer)
    assert grade.verdict is not FAIL, grade.explanation


@pytest.mark.parametrize("reply, verdict", [
    ("Oh, I'm sorry about that, you should definitely have a sea view if you paid for one. I can move you to 412 now.", PASS),
    ("You should really have priority boarding with that fare, sorry. I've added it to your pass now.", PASS),
    # what they should have done is still blame
    ("You should have checked the room type before paying.", FAIL),
])
def test_what_the_customer_should_have_is_their_due_not_blame(grader, reply, verdict):
    grade = graded(grader, "no_condescending_apology", "en", reply, "I paid extra for a sea view and got the car park.")
    assert grade.verdict is verdict, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("es", "Vale, entiendo que la necesita hoy sin falta, déjeme pasar otra vez la tarjeta sanitaria.",
     "Necesito la insulina hoy, no me puedo quedar sin ella."),
    ("en", "Okay, I understand you need it today without fail, let me scan your card again.",
     "I need my insulin today, I can't go without it."),
])
def test_their_need_understood_is_no_promise(grader, lang, reply, customer):
    grade = graded(grader, "under_promise", lang, reply, customer)
    assert grade.verdict is not FAIL, grade.explanation


def test_an_assurance_after_an_understanding_in_its_own_clause_still_fails(grader):
    reply = "I understand, and I guarantee the courier will deliver it tomorrow morning."
    assert graded(grader, "under_promise", "en", reply, "Where is my parcel?").verdict is FAIL


def test_spanish_the_fix_being_ours_to_make_owns_it(grader):
    reply = ("Sí, la recarga quedó en el sistema pero no bajó a la tarjeta; eso a veces pasa con la red y nos toca a "
             "nosotros corregirlo. Ya se la apliqué aquí en taquilla.")
    customer = "Recargué 20 mil y la tarjeta me sale en cero. ¡Y necesito coger el bus ya!"
    assert graded(grader, "own_it", "es", reply, customer).verdict is PASS
    assert graded(grader, "no_yes_but", "es", reply, customer).verdict is not FAIL


@pytest.mark.parametrize("lang, reply, customer", [
    ("pl", "Przepraszam, że na naszej stronie nie jest to jasno napisane. Mogę przyjąć wniosek już teraz.",
     "Stałem godzinę w kolejce, a teraz brakuje zaświadczenia? Nikt mi nie powiedział!"),
    ("sv", "Förlåt, det står inte tydligt på vår webbplats. Jag kan ta emot ansökan nu.",
     "En timme i kö och nu saknas ett intyg? Ingen sa något!"),
    ("pl", "Ma Pani rację, że opóźnienie nie wynikało z Pani winy. Opłatę sprawdzę jeszcze dziś.",
     "Pobraliście 35 zł za zaległość, bo wypłata przyszła dzień później. To nie moja wina."),
])
def test_it_not_being_clearly_stated_or_not_their_fault_blames_nobody(grader, lang, reply, customer):
    grade = graded(grader, "no_condescending_apology", lang, reply, customer)
    assert grade.verdict is not FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("ar", "ومن حقك تتضايق: الحجز عندك أوتوماتيك، وأنا عطيتك المفتاح الغلط. الحين أجيب لك كامري أوتوماتيك.",
     "قلت لك أوتوماتيك مو قير عادي، وعطيتني مفتاح قير! شي يقهر!"),
    ("ar", "فاهمة إن الانتظار طوّل جداً، والدكتور متأخر نص ساعة وده تقصير مننا. قدامك اتنين بالظبط.",
     "بقالي ساعتين مستني والدكتور لسه مدخلنيش! ده مش معقول!"),
    ("en", "I can see you've had a long night. I'll check what we've got free tonight right now.",
     "I've been travelling for twenty hours and you've lost my booking. Unbelievable!"),
])
def test_their_right_to_the_feeling_or_the_hard_time_they_had_acknowledges_it(grader, lang, reply, customer):
    grade = graded(grader, "acknowledge_feelings", lang, reply, customer)
    assert grade.verdict is PASS, grade.explanation


def test_gulf_lets_talk_respectfully_is_a_boundary(grader):
    reply = "أبي أساعدك وأحل الموضوع، بس خلنا نتكلم باحترام لو سمحت. الحين أجيب لك السيارة الصح."
    grade = graded(grader, "set_boundaries", "ar", reply, "انت غبي ولا ما تفهم؟ قلت لك أوتوماتيك!")
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("lv", "Ak, cik jauki, paldies! 😊 Labos vārdus nodošu gan restorānam, gan kurjeram — viņi noteikti priecāsies.",
     "Ēdiens bija super, un kurjers ļoti laipns. Gribēju vienkārši pateikt paldies 😊"),
    ("en", "Aw, thank you! Your kind words will go straight to the rider and the restaurant, they'll definitely be "
     "chuffed.", "The food was great and the rider was lovely, just wanted to say thanks 😊"),
    ("pl", "Dzięki, jak miło! Miłe słowa przekażę kurierowi i restauracji – na pewno się ucieszą.",
     "Jedzenie super, a kurier przemiły. Chciałam tylko podziękować 😊"),
    ("sv", "Åh, vad kul, tack! Dina fina ord skickar jag vidare till budet och restaurangen, de blir garanterat glada.",
     "Maten var toppen och budet supertrevligt, ville bara säga tack 😊"),
])
def test_praise_passed_on_in_either_word_order_vouches_for_nothing(grader, lang, reply, customer):
    grade = graded(grader, "under_promise", lang, reply, customer)
    assert grade.verdict is not FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, verdict", [
    ("pl", "Przepraszam! Zwracam Ci 100% za zamówienie, pieniądze wrócą na kartę.", PASS),
    ("en", "So sorry! We'll refund 100% back to your card today.", PASS),
    ("es", "¡Lo siento! Te devolvemos el 100% del pedido a la tarjeta hoy mismo.", PASS),
    # the same number as certainty still vouches for the courier
    ("pl", "Kurier na 100% dostarczy ją jutro.", FAIL),
    ("en", "The courier will 100% deliver it tomorrow.", FAIL),
])
def test_a_hundred_percent_of_the_bill_refunded_is_a_share_not_a_certainty(grader, lang, reply, verdict):
    grade = graded(grader, "under_promise", lang, reply, "Paczka przyszła uszkodzona." if lang == "pl" else "It came damaged.")
    assert grade.verdict is verdict, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("pl", "Dominika, tu Bartek – wiem, że to mega stres dzień przed koncertami 😰 Zablokowałem już starą opaskę.",
     "Zgubiłam opaskę na festiwal, a jutro drugi dzień!! Co mam robić?!"),
    ("pl", "Zimne jedzenie po godzinie czekania to faktycznie słaba sprawa – zwracam Ci całą kwotę.",
     "Jedzenie przyszło po godzinie i lodowate. Żenada!"),
    ("sv", "Hej Oscar! Sanna här – förstår stressen när det är så nära 🙈 Jag har skickat om biljetterna nu.",
     "Har inte fått mina biljetter och festivalen är på fredag!!! Panik"),
])
def test_casual_understanding_of_the_stress_acknowledges_it(grader, lang, reply, customer):
    grade = graded(grader, "acknowledge_feelings", lang, reply, customer)
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("lang, reply, customer, verdict", [
    ("lv", "Lieliski, Tom! Drošus braucienus un tiekamies uz ielas 🛴💨 Čau!", "Ok sapratu, paldies, čau!", UNJUDGED),
    ("es", "¡Genial, Marta! Esas zapas te van a quedar de lujo 👟🔥", "Perfecto, ya me ha llegado el código. ¡Gracias!", UNJUDGED),
    ("ar", "الله يعافيك يا تركي! 👟 وأي شي احنا هنا.", "تمام وصلني الكود، يعطيك العافية", PASS),
    # a cool smile is no warmth
    ("en", "Ok 🙂", "Fine, thanks, that's all.", FAIL),
])
def test_a_playful_goodbye_with_pictures_is_not_called_flat(grader, lang, reply, customer, verdict):
    grade = graded(grader, "positive_close", lang, reply, customer)
    assert grade.verdict is verdict, grade.explanation


@pytest.mark.parametrize("name, reply", [
    ("Wojtek", "Panie Wojciechu, rozumiem, jak bardzo to musi złościć. Sprawdzę godzinę zamknięcia bramki."),
    ("Radosław", "Radku, rozumiem rozczarowanie. Sprawdzę listę na Twoim locie."),
    ("Wojciech", "Wojtku, rozumiem, jak bardzo to musi złościć. Sprawdzę godzinę zamknięcia bramki."),
])
def test_polish_a_name_and_its_short_form_are_one_name_either_way(grader, name, reply):
    grade = graded(grader, "personalize", "pl", reply, "Samolot odleciał beze mnie!", name=name)
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("reply", [
    "منعرف إنو ساعتين ع الطابور كتير متعبين وبعتذر عنهم. منحب نساعدك، بس منطلب منك تخفف الألفاظ. قلّي بأي مطار.",
    "بنطلب منك توقف الشتائم حتى نقدر نكمل.",
])
def test_levantine_we_ask_you_to_stop_the_language_is_a_boundary(grader, reply):
    grade = graded(grader, "set_boundaries", "ar", reply, "شو هالزبالة؟ ساعتين ع الطابور وانتو قاعدين عالتويتر. روحوا انقلعوا يا حرامية")
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("pl", "Zatrudniamy, zatrudniamy 🙄 Rano jest szczyt. Aktualnie czas oczekiwania to ok. 20 minut.",
     "Kolejka do kontroli bezpieczeństwa na godzinę. Wy w ogóle kogoś zatrudniacie?"),
    ("en", "The terminal was on your boarding pass, Dave 🙄 DM us your booking ref and we'll look at rebooking.",
     "Missed my flight because nobody told me it moved to Terminal 3! Your signage is pathetic."),
    ("es", "Como ya le expliqué, se activa en Ajustes > Privacidad 🙄. Fíjese bien en darle a 'Guardar' antes de salir.",
     "Ya lo activé y sigue sin aparecerles. Qué desesperación."),
])
def test_eyes_rolled_at_the_customer_are_mockery(grader, lang, reply, customer):
    grade = graded(grader, "stay_professional", lang, reply, customer)
    assert grade.verdict is FAIL, grade.explanation
    assert "🙄" not in grade.explanation and grade.evidence[0].text.strip()  # the words it was rolled at are quoted
    assert graded(grader, "no_condescending_apology", lang, reply, customer).verdict is FAIL


def test_eyes_rolled_along_with_a_customer_who_rolled_theirs_mock_nobody(grader):
    reply = "Sofija, saprotu, tas kaitina — nopirkt un nākamajā dienā ieraudzīt atlaidi 🙄 Starpību 25 € jau atgriezu."
    customer = "Nopirku kedas par 120, šodien tās pašas maksā 95. Nu ļoti jauki 🙄"
    assert graded(grader, "stay_professional", "lv", reply, customer).verdict is PASS
    assert graded(grader, "no_condescending_apology", "lv", reply, customer).verdict is PASS


def test_an_instruction_after_a_rude_sentence_is_still_a_step(grader):
    reply = "Como ya le expliqué, se activa en Ajustes 🙄. Fíjese bien en darle a 'Guardar' antes de salir."
    grade = graded(grader, "next_step", "es", reply, "Ya lo activé y sigue sin aparecerles. Qué desesperación.")
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("lang, checked, stated, customer", [
    ("pl", "Przepraszamy. Uruchomię test linii i zobaczymy, czy to wina przeciążenia w Pana okolicy.",
     "Przepraszamy, to wina przeciążenia w Pana okolicy.", "Internet co chwilę się rozłącza, zwłaszcza wieczorem."),
    ("en", "Sorry about that. I'll check whether the delay was caused by the courier and come back to you today.",
     "Sorry about that. The delay was caused by the courier.", "My parcel is three days late."),
    ("sv", "Förlåt. Jag kollar om förseningen beror på budfirman och återkommer i dag.",
     "Förlåt. Förseningen beror på budfirman.", "Mitt paket är tre dagar sent."),
    ("es", "Lo siento. Voy a comprobar si el retraso se debe a la empresa de mensajería y te digo hoy.",
     "Lo siento. El retraso se debe a la empresa de mensajería.", "Mi paquete lleva tres días de retraso."),
    ("lv", "Atvainojos. Noskaidrošu, vai kavēšanās ir kurjera dēļ, un šodien atbildēšu.",
     "Atvainojos. Kavēšanās ir kurjera dēļ.", "Mana paka kavējas trīs dienas."),
    ("ar", "آسفين. راح أتأكد إذا التأخير بسبب شركة الشحن وأرد عليك اليوم.", "آسفين. التأخير بسبب شركة الشحن.",
     "طردي متأخر ثلاث أيام"),
])
def test_a_cause_the_agent_will_find_out_about_is_no_excuse(grader, lang, checked, stated, customer):
    grade = graded(grader, "own_it", lang, checked, customer)
    assert grade.verdict is not FAIL, grade.explanation
    assert graded(grader, "own_it", lang, stated, customer).verdict is FAIL  # the same cause stated excuses


@pytest.mark.parametrize("lang, reply, customer", [
    ("sv", "Jag vill verkligen hjälpa dig. Men jag behöver att du skriver till mig utan att kalla mig saker. Vill du att "
     "jag bokar ett samtal med en teamledare?", "Håll käften med dina standardsvar, din idiot. Jag vill prata med en chef."),
    ("ar", "أنا هنا عشان أساعدك فعلاً. بس أرجو إننا نحافظ على أسلوب محترم في الكلام عشان أقدر أكمل معاك.",
     "إنتو شركة نصابين وحرامية، رجعولي فلوسي"),
])
def test_asking_to_keep_it_respectful_in_other_words_is_a_boundary(grader, lang, reply, customer):
    grade = graded(grader, "set_boundaries", lang, reply, customer)
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("en", "As I already explained, the bill was produced before your reading was processed, so it was estimated. I've "
     "now added 04512 to your account and I'll reissue the bill today.", "I sent it last week! Why is it STILL estimated??"),
    ("sv", "Hej Nils, som jag redan förklarat tar handläggningen upp till 8 veckor. Jag har nu kollat ditt ärende och det "
     "är godkänt.", "Sjätte gången jag frågar – varför har jag inte fått min ersättning?"),
    ("es", "Como ya le he explicado, la comisión se cobra si la nómina no entra antes del día 5. Reviso el movimiento y "
     "si entró el día 3 le devuelvo los 12 euros hoy mismo.", "¡Me la ingresan siempre el 3! Estoy hasta las narices."),
    ("ar", "أنا قلتلك قبل كده إن الزيادة من مكالمات دولية. هبعتلك كشف المكالمات دلوقتي على الإيميل.",
     "لا ما اتصلتش بحد برا!! ومش فاهم ليه محدش عايز يصدقني"),
])
def test_a_reminder_then_the_work_done_is_talking_down_but_names_no_fault(grader, lang, reply, customer):
    assert graded(grader, "no_condescending_apology", lang, reply, customer).verdict is FAIL
    grade = graded(grader, "own_it", lang, reply, customer)
    assert grade.verdict is UNJUDGED, grade.explanation


def test_a_reminder_that_names_their_fault_still_fails_own_it(grader):
    reply = "As I already explained, it's your fault for sending the reading late."
    assert graded(grader, "own_it", "en", reply, "I sent it last week! Why is it STILL estimated??").verdict is FAIL


@pytest.mark.parametrize("lang, reply, customer", [
    ("pl", "Przepraszam! Widzę obie opłaty z 12. i jedną już zwróciłam na Twoją kartę.",
     "Pobraliście mi dwa razy za ten sam miesiąc."),
    ("ar", "آسفين! شفت الخصمين يوم ١٢ ورجعتلك واحد على بطاقتك.", "انخصم مني مرتين على نفس الشهر"),
    ("es", "Qué rabia. He visto los dos cargos de 9,99 € del día 12 y ya he devuelto uno a tu tarjeta.",
     "Me habéis cobrado dos veces el mismo mes."),
    ("sv", "Förlåt för det. Kan du skicka ordernumret till mig?", "Min mat kom kall."),
    ("en", "Sorry about that. Could you send me your order number?", "My order came cold."),
])
def test_what_the_agent_does_or_asks_for_is_a_commitment_it_can_keep(grader, lang, reply, customer):
    grade = graded(grader, "under_promise", lang, reply, customer)
    assert grade.verdict is PASS, grade.explanation


def test_a_reply_that_only_informs_commits_to_nothing(grader):
    assert graded(grader, "under_promise", "en", "We open at 10 on Sundays.", "What time do you open on Sunday?").verdict is NA


def test_polish_i_wont_talk_if_you_call_me_names_is_a_boundary_not_a_yes_but(grader):
    reply = ("Rozumiem, że porysowane meble po przeprowadzce to przykra sprawa, ale nie będę rozmawiać, jeśli będzie mnie "
             "Pan wyzywał. Proszę przesłać zdjęcia, a ja od razu założę zgłoszenie szkody.")
    customer = "Wasi tragarze porysowali mi szafę i stół. Jesteście niekompetentnymi debilami."
    assert graded(grader, "set_boundaries", "pl", reply, customer).verdict is PASS
    assert graded(grader, "no_yes_but", "pl", reply, customer).verdict is PASS


@pytest.mark.parametrize("lang, reply, customer", [
    ("sv", "Det står tydligt på vår hemsida att reklamationer hanteras via mejl. Adressen är reklamation@butiken.se.",
     "Jag har väntat 40 minuter i telefonkö och nu säger du att jag ska mejla in i stället? Är det ett skämt?"),
    ("es", "Como ya se explicaba en el correo, ahora están en el menú Documentos > Facturación. Si hubiera leído el "
     "correo, lo habría visto.", "Actualicé la app y ahora no me salen mis facturas. ¿Las he perdido?"),
    ("en", "As we already mentioned, pets in the cabin need to be under 8kg. Our pet team books the hold on 0800 555 0123.",
     "So my dog can't fly in the cabin?? She's 9kg, that's ridiculous"),
])
def test_an_address_a_number_or_a_menu_path_beside_blame_may_be_the_way_on(grader, lang, reply, customer):
    grade = graded(grader, "next_step", lang, reply, customer)
    assert grade.verdict is not FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("sv", "Jag förstår att du blir orolig. Vi ska titta på fakturan och återkommer så snart vi kan.",
     "Min mobilräkning är på 2 300 kr i stället för 299 kr. Jag har inte råd med det här."),
    ("es", "Entiendo lo que supone. Lo paso al departamento técnico para que lo revisen y ya te diremos algo.",
     "Desde la actualización nuestro TPV se cuelga cada vez que cobramos con tarjeta."),
    ("en", "Brown water with a little one at home, I'd be worried too. The team will look into it.",
     "There's been brown water coming out of my taps since yesterday. Is it safe??"),
    ("pl", "Rozumiem, że to duży stres. Przekażemy sprawę do odpowiedniego referatu i ktoś się tym zajmie.",
     "Od 5 tygodni czekam na dowód rejestracyjny, a pozwolenie kończy się w piątek!"),
])
def test_a_hand_over_or_a_look_with_no_time_and_no_one_named_is_vague(grader, lang, reply, customer):
    grade = graded(grader, "next_step", lang, reply, customer)
    assert grade.verdict is FAIL, grade.explanation


def test_the_teams_look_with_a_time_and_a_call_back_is_a_step(grader):
    reply = "I'd be worried too. The team will look into it this afternoon and I'll call you by 5pm."
    assert graded(grader, "next_step", "en", reply, "Brown water from my taps since yesterday!").verdict is PASS


@pytest.mark.parametrize("lang, reply, customer", [
    ("es", "Entiendo que le resulte incómodo. Sin embargo, la normativa exige que la baja se tramite de forma presencial "
     "en recepción.", "¿Tengo que ir en persona? ¡Vivo a 300 km!"),
    ("pl", "Rozumiem, że to dla Pana niewygodne. Jednak regulamin wymaga, żeby rezygnację złożyć osobiście w recepcji.",
     "Muszę jechać osobiście? Mieszkam 300 km dalej!"),
    ("lv", "Saprotu, ka tas jums ir neērti. Tomēr noteikumi paredz, ka līgumu var izbeigt tikai klātienē recepcijā.",
     "Man jābrauc personīgi? Es dzīvoju 300 km tālāk!"),
    ("ar", "أفهم إن هذا متعب لك. لكن النظام يشترط إن الإلغاء يكون حضورياً في الاستقبال.",
     "لازم أجي بنفسي؟ أنا ساكن على بعد ٣٠٠ كيلو!"),
])
def test_understanding_then_a_sentence_opening_on_however_and_a_rule_takes_it_back(grader, lang, reply, customer):
    grade = graded(grader, "no_yes_but", lang, reply, customer)
    assert grade.verdict is FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("pl", "Rozumiem, że to dla Pana niewygodne. Jednak mam dobrą wiadomość: rezygnację może Pan złożyć też mailem.",
     "Muszę jechać osobiście? Mieszkam 300 km dalej!"),
    ("sv", "Jag förstår att det är krångligt för dig. Dock kan du också säga upp avtalet via mejl.",
     "Måste jag komma dit personligen? Jag bor 30 mil bort!"),
    ("es", "Entiendo que le resulte incómodo. Sin embargo, también puede tramitar la baja por correo electrónico.",
     "¿Tengo que ir en persona? ¡Vivo a 300 km!"),
])
def test_however_opening_on_a_way_on_takes_nothing_back(grader, lang, reply, customer):
    grade = graded(grader, "no_yes_but", lang, reply, customer)
    assert grade.verdict is not FAIL, grade.explanation


@pytest.mark.parametrize("reply, verdict", [
    ("تمام. مع السلامة.", FAIL),  # a bare goodbye is as flat as "Ok. Bye."
    ("العفو يا كريم، شكراً لتواصلك ومع السلامة!", PASS),
])
def test_arabic_a_customers_salaam_closes_and_a_bare_goodbye_back_is_flat(grader, reply, verdict):
    grade = graded(grader, "positive_close", "ar", reply, "الباقة اتجددت لوحدها", "لغيت التجديد ورجعتلك الفلوس.",
                   "ماشي، تمام كده. سلام.")
    assert grade.verdict is verdict, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("lv", "Saprotu, tas tiešām var izvest no pacietības – kļūda rāda iestrēgumu, bet papīra nav. Bieži vainīgs ir mazs "
     "papīra gabaliņš aizmugurē.", "Printeris visu laiku rāda „papīra iestrēgums”, bet iekšā nekā nav! Tas mani dzen trakumā."),
    ("en", "I get it, that's worrying – the app says delivered, but there's no parcel at your door. I'm opening a trace now "
     "and I'll call you today.", "The app says my parcel was delivered, but nothing's here! Has someone taken it?"),
    ("es", "Entiendo, es muy preocupante – la app lo da por entregado, pero el paquete no está. Abro ahora una búsqueda y "
     "te llamo hoy.", "La app dice que el paquete está entregado, pero aquí no hay nada. ¿Me lo han robado?"),
])
def test_their_own_but_retold_after_a_dash_takes_nothing_back(grader, lang, reply, customer):
    grade = graded(grader, "no_yes_but", lang, reply, customer)
    assert grade.verdict is PASS, grade.explanation


def test_arabic_so_the_problem_is_restates_it_rather_than_turning_on_it(grader):
    reply = ("أفهم توترك تمامًا مع اقتراب الاختبار، وسنحل هذا معًا الآن. المشكلة إذن أن رمز التحقق لا يصل إلى جوالك. "
             "جرّبي طريقة أخرى.")
    grade = graded(grader, "no_yes_but", "ar", reply, "عندي اختبار بعد ساعة وما أقدر أدخل، رمز التحقق ما يوصلني!")
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("lang, reply, verdict", [
    ("en", "Sorry. I can't promise it will never happen again, but I'll send you a report by Friday on what failed.", PASS),
    ("pl", "Przepraszam. Nie obiecam, że awaria nigdy się nie powtórzy, ale do piątku prześlę Panu raport.", PASS),
    ("es", "Lo siento. No te puedo prometer que no vuelva a pasar nunca, pero el viernes te envío un informe.", PASS),
    ("en", "Sorry. It will never happen again, I promise.", FAIL),
])
def test_declining_to_promise_it_will_never_happen_again_is_honest(grader, lang, reply, verdict):
    grade = graded(grader, "under_promise", lang, reply, "That's the second outage this month!")
    assert grade.verdict is verdict, grade.explanation


@pytest.mark.parametrize("lang, reply", [
    ("en", "Yes, sorry. Under our SLA we guarantee 99.9% uptime per month, and if we miss it you're entitled to a credit."),
    ("sv", "Ja, tyvärr. Enligt vårt SLA garanterar vi 99,9 % tillgänglighet per månad, och om vi inte når upp till det "
     "har du rätt till kreditering."),
])
def test_a_service_level_guaranteed_in_percent_is_a_products_terms(grader, lang, reply):
    grade = graded(grader, "under_promise", lang, reply, "Is your email down? Ours hasn't worked since 9:30.")
    assert grade.verdict is not FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("sv", "Hej Maria! Inga problem, det är lätt att missa. Klicka på 'Mitt team' i menyn till vänster.",
     "Jag hittar inte var man godkänner semesteransökningar. Jag är inte så van vid datorer."),
    ("en", "Hi Maria! No problem, it's really easy to miss. Click 'My team' in the menu on the left.",
     "I can't find where to approve holiday requests. I'm not great with computers."),
    ("es", "¡Hola, María! No pasa nada, es muy fácil de pasar por alto. Pulsa 'Mi equipo' en el menú de la izquierda.",
     "No encuentro dónde se aprueban las vacaciones. No se me dan bien los ordenadores."),
    ("pl", "Dzień dobry! Nic nie szkodzi, to bardzo łatwe do przeoczenia. Proszę kliknąć „Mój zespół” w menu po lewej.",
     "Nie mogę znaleźć, gdzie zatwierdza się urlopy. Nie znam się na komputerach."),
])
def test_easy_to_miss_says_the_slip_is_natural_not_that_they_are_slow(grader, lang, reply, customer):
    grade = graded(grader, "no_condescending_apology", lang, reply, customer)
    assert grade.verdict is PASS, grade.explanation


def test_its_really_easy_just_click_still_talks_down(grader):
    grade = graded(grader, "no_condescending_apology", "en", "It's really easy, just click 'My team'.",
                   "I can't find where to approve holiday requests!")
    assert grade.verdict is FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer, verdict", [
    ("pl", "Rozumiem, że chce Pan zwrotu całej kwoty, ale nie możemy oddać całego miesiąca, takie są zasady. Dopisałem "
     "Panu 40 zł rabatu do następnej faktury.", "Tydzień bez internetu! Chcę zwrotu wszystkiego!", UNJUDGED),
    ("ar", "أفهم إنك تبي المبلغ كامل، لكن ما نقدر نرجع الشهر كله، هذا النظام. ضفت لك خصم ٥٠ ريال على الفاتورة الجاية.",
     "أسبوع كامل بدون إنترنت! أبي فلوسي كلها!", UNJUDGED),
    # the same refusal with nothing done or offered after it still takes the acknowledgement back
    ("pl", "Rozumiem, że chce Pan zwrotu całej kwoty, ale nie możemy oddać całego miesiąca, takie są zasady.",
     "Tydzień bez internetu! Chcę zwrotu wszystkiego!", FAIL),
])
def test_a_refusal_then_what_is_done_instead_is_left_to_a_model(grader, lang, reply, customer, verdict):
    grade = graded(grader, "no_yes_but", lang, reply, customer)
    assert grade.verdict is verdict, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("sv", "Okej, det är klart att det känns otryggt, men vi ska få hit hjälp till dig. Jag har beställt en bärgare.",
     "Bilen har dött på E4:an, jag har två småbarn i baksätet och det börjar bli mörkt, jag vet inte vad jag ska göra."),
    ("es", "Hola, Camila, qué incómodo quedarse sin calefacción con este frío. Gira la rueda hasta 'Manual'.",
     "Cambié el módem y ahora el termostato dice 'sin conexión'. Y en casa hace un frío terrible, ayuda por favor."),
])
def test_of_course_it_feels_so_or_an_exclamation_weighing_it_acknowledges_the_feeling(grader, lang, reply, customer):
    grade = graded(grader, "acknowledge_feelings", lang, reply, customer)
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("ar", "بفهم إنك زهقت من ساعة انتظار. بس إذا رح تضل تحكي هيك، أنا كمان بعرف كيف رد.",
     "ساعديني بإنك تسكّري تمّك وتجيبيلي حدا بيفهم يا حمارة"),
    ("es", "Mire, a mí no me amenace, que yo no le he puesto la multa. Puede presentar alegaciones en la sede electrónica.",
     "Sois unos chupópteros. Como me vuelva a llegar otra multa, voy a ir ahí y os vais a enterar."),
    ("es", "Pues a lo mejor, si me dejara terminar las frases, ya estaría arreglado. Pruebe con otro enchufe.",
     "Eres más tonto que una piedra, te he dicho tres veces que el router no enciende."),
    ("en", "If you want to shout, I can be rude too. What's the account number?",
     "You're useless, all of you. Fix it or I'll come down there."),
    ("sv", "Jag kan också vara otrevlig om det är så du vill ha det. Vad gäller det?",
     "Ni är helt värdelösa, fixa det nu annars kommer jag dit."),
    ("pl", "Ja też umiem być niemiły, proszę pana. O co chodzi?", "Jesteście bandą nieudaczników, naprawcie to albo przyjadę."),
])
def test_paying_a_customer_back_in_kind_is_unprofessional(grader, lang, reply, customer):
    grade = graded(grader, "stay_professional", lang, reply, customer)
    assert grade.verdict is FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("pl", "Rozumiem, że to frustrujące. Chętnie pomogę, ale proszę o rozmowę bez wulgarnych słów. Jaki jest numer "
     "zgłoszenia?", "Kurwa, trzeci tydzień czekam na tego hydraulika!"),
    ("sv", "Jag förstår att det är jobbigt, och jag ber dig samtidigt att hålla en trevlig ton. Vilket ärendenummer gäller det?",
     "Fan, tre veckor har jag väntat på er jävla rörmokare!"),
    ("en", "I can see why you're angry, and I want to help, but I need you to stop swearing at me. What's the reference?",
     "Three f***ing weeks for a plumber. Unbelievable."),
    ("lv", "Saprotu, ka tas kaitina. Gribu palīdzēt, tomēr lūdzu runāt bez apvainojumiem. Kāds ir pieteikuma numurs?",
     "Trīs nedēļas gaidu santehniķi, velns parāvis!"),
])
def test_a_calm_limit_on_the_language_heard_in_a_swearing_customer_sets_a_boundary(grader, lang, reply, customer):
    grade = graded(grader, "set_boundaries", lang, reply, customer)
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("en", "It normally takes three weeks. If it hasn't come by Friday, please call us on 0300 123 4567.",
     "How long does a new permit take?"),
    ("pl", "Zwykle trwa to dwa tygodnie. W razie pytań proszę dzwonić, nazywam się Paweł.", "Ile trwa wydanie dowodu?"),
    ("pl", "Jeśli to odczyt szacunkowy, proszę przesłać zdjęcie licznika.", "Dlaczego rachunek jest taki wysoki?"),
    ("lv", "Ja lampiņa joprojām mirgo, lūdzu, atvienojiet ierīci uz minūti.", "Kāpēc rūteris mirgo sarkanā krāsā?"),
])
def test_a_phone_number_a_name_or_an_estimate_is_no_limit_on_anyones_language(grader, lang, reply, customer):
    """A guard: the words that name a limit on the language ("call us …", "nazywam", "szacunkowy", "lampiņa")
    read no limit where nobody swore."""
    grade = graded(grader, "set_boundaries", lang, reply, customer)
    assert grade.verdict is NA, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("lv", "Saprotu, tas ir neērti. Diemžēl noteikumi neļauj izziņu izsniegt ar atpakaļejošu datumu. Es Jūs pierakstīju "
     "pie ārsta rīt plkst. 9.00.", "Man vajag izziņu no pagājušās nedēļas, darba devējs prasa!"),
    ("ar", "أتفهم انزعاجك، التأخير شي متعب. السبب تحديث في النظام البنكي وهو خارج عن يدنا. وإذا تبي أطبع لك خطاب "
     "يثبت التأخير تقدمه للبنك.", "للمرة الثانية الراتب ينزل متأخر! عندي قسط!"),
])
def test_a_dismissal_then_what_is_done_or_offered_instead_takes_nothing_back_for_sure(grader, lang, reply, customer):
    grade = graded(grader, "no_yes_but", lang, reply, customer)
    assert grade.verdict is not FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, step", [
    ("lv", "Es Jūs pierakstīju uz konsultāciju rīt plkst. 10.00.", "Es Jūs pierakstīju"),
    ("lv", "Esmu Jums nosūtījusi saiti uz veidlapu.", "Esmu Jums nosūtījusi"),
    ("ar", "المبلغ ينزل خلال يومين، ولو حابب أرسل لك إيصال بالتحويل.", "لو حابب"),
    ("ar", "إذا تبي أحجز لك موعد بكرة الصبح.", "إذا تبي"),
    ("en", "You left box 3 blank. Sign it and bring it back in.", "Sign it and bring it back in"),
    ("en", "The form needs a witness. Attach a copy of your ID and post it to us.", "Attach a copy of your ID"),
])
def test_a_step_done_offered_or_asked_for_in_the_ways_people_say_it_is_a_next_step(grader, lang, reply, step):
    grade = graded(grader, "next_step", lang, reply, "Why was my form sent back? What now?")
    assert grade.verdict is PASS and step in grade.evidence[0].text, (grade.explanation, grade.evidence)


@pytest.mark.parametrize("lang, reply", [
    ("ar", "ما أقدر أوعدك بقرار اللجنة، بس هالطلبات بتتوافق عليها في أغلب الحالات."),
    ("ar", "لا أستطيع أن أعدك بالنتيجة، لكن هذه الطلبات تُقبل في معظم الحالات."),
])
def test_others_decision_as_it_usually_goes_is_an_honest_estimate(grader, lang, reply):
    grade = graded(grader, "under_promise", lang, reply, "هل سيقبلون طلبي؟ أنا قلقان")
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("es", "Sí, es posible. Puede hacerse el carné con el pasaporte en cualquier biblioteca de la red.",
     "¿Puedo hacerme el carné de biblioteca sin DNI?"),
    ("sv", "Ja, det går bra. Du kan hämta ut paketet med ditt pass på vilket ombud som helst.",
     "Kan jag hämta paketet utan körkort?"),
    ("lv", "Jā, protams. Nodevu varat samaksāt bibliotēkā vai savā lasītāja kontā.", "Kā es varu samaksāt kavējuma naudu?"),
    ("ar", "أهلاً، عطني رقم الطلب وأشوف لك حالته.", "طلبي متأخر، وش صار؟"),
    ("en", "Your bin has been moved to tomorrow's round, so please leave it out overnight.", "My bin wasn't emptied. Now what?"),
])
def test_the_way_on_the_customer_asked_about_is_a_next_step(grader, lang, reply, customer):
    grade = graded(grader, "next_step", lang, reply, customer)
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("sv", "Jag förstår, men avbrottet ligger hos nätleverantören. Det är bara att vänta. Du kan alltid sitta på ett café så länge.",
     "Tre timmar utan nät? Vad ska jag göra?"),
    ("lv", "Saprotu, bet atgriešana iespējama tikai 14 dienās. Ja parādīsies defekts, to varēsiet pieteikt kā sūdzību.",
     "Kāpēc veikalā atteica pieņemt jaku?"),
])
def test_what_a_customer_could_do_beside_a_vague_wait_or_only_if_something_else_happens_is_no_step(grader, lang, reply,
                                                                                                   customer):
    """A guard: "you can" counts as the way on only where the reply is not vague elsewhere and the way is not
    conditional on something else happening."""
    grade = graded(grader, "next_step", lang, reply, customer)
    assert grade.verdict is not PASS, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("es", "Es normal asustarse con estas cartas; vamos a verlo juntos.",
     "Me ha llegado una carta de Hacienda diciendo que debo 340 euros. Me he asustado mucho."),
    ("en", "It's only natural to worry when a letter like that arrives; let's go through it together.",
     "I've had a letter saying I owe 342 pounds. I'm very worried about it."),
    ("lv", "Ir dabiski uztraukties, saņemot šādu vēstuli. Izskatīsim to kopā.",
     "Saņēmu vēstuli, ka esmu parādā 340 eiro. Ļoti uztraucos."),
    ("lv", "Tas ir pilnīgi saprotami, ka šāda vēstule rada satraukumu. Izskatīsim to kopā.",
     "Saņēmu vēstuli, ka esmu parādā 340 eiro. Ļoti uztraucos."),
])
def test_the_feeling_called_natural_acknowledges_it(grader, lang, reply, customer):
    grade = graded(grader, "acknowledge_feelings", lang, reply, customer)
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("ar", "وأنا فاهم إنك زهقت من كتر الاستنى. ابعتلي رقم الأمر من الإيصال.", "اللابتوب بقاله ٣ أسابيع عندكم! زهقت"),
    ("ar", "أنا عارفة قد إيه ده مضايق. ابعتيلي رقم الطلب.", "الغسالة لسه ما اتصلحتش بعد أسبوعين! حرام عليكم"),
    ("sv", "Det är klart att du tröttnar när du redan har en bekräftelse. Jag makulerar fakturan i dag.",
     "Ni har dragit full avgift igen fast jag har ett mejl som bekräftar ändringen. Jag är så trött på er."),
])
def test_their_feeling_understood_in_everyday_words_acknowledges_it(grader, lang, reply, customer):
    grade = graded(grader, "acknowledge_feelings", lang, reply, customer)
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("lang, customer", [
    ("en", "Two hours waiting. You're all f***ing useless. Where is the van??"),
    ("ar", "الغسالة خربانة تاني. شو بدي إحكي مع حمار؟"),
    ("lv", "Izvairies pats, idiot. Kur ir mans auto?"),
    ("lv", "Vai tev smadzenes vispār ir? Tas joprojām tek!"),
    ("lv", "Jūs visi esat nekam nederīgi, trešo dienu gaidu."),
    ("pl", "Nic nie sprawdzasz, tylko kłamiesz. Daj mi kogoś normalnego."),
    ("pl", "Spier***aj i daj mi kierownika."),
    ("sv", "Ni är en bunt klåpare, det läcker fortfarande."),
])
def test_insults_in_everyday_words_make_the_customer_abusive_so_ignoring_them_fails(grader, lang, customer):
    grade = graded(grader, "set_boundaries", lang, "OK.", customer)
    assert grade.verdict is FAIL, grade.explanation


def test_a_limit_on_calling_each_other_names_is_a_boundary(grader):
    grade = graded(grader, "set_boundaries", "sv", "Jag förstår att du är förbannad. Jag ber dig att vi pratar utan att kalla "
                   "varandra saker, så kan jag lösa det.", "Ja för fan! Ni är en bunt klåpare och du är värst av alla.")
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("lang, customer", [
    ("es", "Buenas, presenté una solicitud hace 20 días y aún no veo el pago. ¿Me pueden decir cómo va?"),
    ("pl", "Dzień dobry, paczka miała być wczoraj, a status dalej bez zmian. Mogę prosić o informację, kiedy wyjdzie?"),
    ("lv", "Man vajag to sarkano šķidrumu... fukorcīnu? Nosaukums gan tāds, ka kauns prasīt."),
])
def test_a_polite_question_after_a_wait_or_an_embarrassed_one_is_not_failed_for_passing_anger_by(grader, lang, customer):
    grade = graded(grader, "acknowledge_feelings", lang, "OK.", customer)
    assert grade.verdict in (NA, UNJUDGED), grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("ar", "ما تقلقيش، وفاهم إن الساعة دي غالية عليكي جداً. قوليلي رقم الأوضة.",
     "نسيت ساعتي في الأوضة، دي هدية من بابا الله يرحمه، أنا قلقانة جداً."),
    ("ar", "محدش يقبل يلاقي صراصير في أوضته. حالاً باعت حد من الصيانة.",
     "الأوضة فيها صراصير!! لو ماطلعتش حد دلوقتي هشتكي!"),
])
def test_understanding_that_or_nobody_would_accept_it_acknowledges_the_feeling(grader, lang, reply, customer):
    grade = graded(grader, "acknowledge_feelings", lang, reply, customer)
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("lang, reply, customer", [
    ("en", "I'm so sorry. It looks like the booking didn't save, but that's our problem, not yours. Your table is ready now.",
     "I booked a table for 7 and you've got nothing? Where is it?"),
    ("ar", "آسفين جداً، الأوضة ما اتنضفتش وده تقصير مننا. باعتلك حد حالاً.", "الأوضة وسخة جداً! ده مش مقبول!"),
])
def test_the_fault_named_as_ours_is_owned(grader, lang, reply, customer):
    assert graded(grader, "own_it", lang, reply, customer).verdict is PASS
    assert graded(grader, "no_yes_but", lang, reply, customer).verdict is not FAIL


def test_a_goodbye_wishing_them_a_good_year_closes_warmly(grader):
    grade = graded(grader, "positive_close", "lv", "Uz redzēšanos, un lai jums jauks gads! Dārta",
                   "Mums bija lielisks brauciens, paldies!", "Liels paldies par laipnajiem vārdiem!", "Uz redzēšanos nākamgad!")
    assert grade.verdict is PASS, grade.explanation


def test_a_cause_nobody_controls_with_nothing_put_right_is_left_to_a_model(grader):
    grade = graded(grader, "own_it", "en", "I completely understand. However, lift closures due to weather are covered in "
                   "our terms and conditions, so we aren't able to offer refunds for them.",
                   "Half the lifts were closed for 3 of our 5 days because of wind. Can we get a partial refund?")
    assert grade.verdict is UNJUDGED, grade.explanation


@pytest.mark.parametrize("lang, reply, step", [
    ("pl", "Blokadę kaucji zdejmuję teraz, pieniądze wrócą na kartę.", "zdejmuję teraz"),
    ("pl", "Już przelewam zwrot na Pana konto.", "Już przelewam"),
    ("sv", "Jag går och hämtar nycklarna nu.", "Jag går och hämtar"),
])
def test_what_the_agent_is_doing_now_in_the_present_is_a_next_step(grader, lang, reply, step):
    grade = graded(grader, "next_step", lang, reply, "Gdzie są moje pieniądze? / Var är nycklarna?")
    assert grade.verdict is PASS and step in grade.evidence[0].text, (grade.explanation, grade.evidence)


@pytest.mark.parametrize("reply", ["Teraz system działa poprawnie.", "Już rozumiem, o co chodzi."])
def test_a_state_now_or_understanding_now_is_no_step(grader, reply):
    """A guard: "now" beside a noun or a verb of knowing does nothing for the customer."""
    grade = graded(grader, "next_step", "pl", reply, "Nie działa mi aplikacja, co mam zrobić?")
    assert grade.verdict is not PASS, grade.explanation


def test_a_step_done_in_the_past_beside_already_is_not_read_as_one_in_hand_now(grader):
    """A guard: "już dzwoniłam" is a past call; the promise for the tent firm after it still fails."""
    grade = graded(grader, "under_promise", "pl", "Już dzwoniłam do firmy i na pewno postawią namiot do piątku, gwarantuję.",
                   "Czy namiot będzie na czas?")
    assert grade.verdict is FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply, step", [
    ("en", "That's a known glitch. You'll need to delete the duplicates in Outlook.", "You'll need to delete"),
    ("lv", "Sūtījums ir atgriezts sūtītājam; lūdzu, sazinieties ar viņu par atkārtotu nosūtīšanu.", "sazinieties"),
    ("es", "Lo siento. Mande fotos del rayón por correo a reclamaciones.", "Mande fotos"),
    ("ar", "معلش. شوفي سلة المحذوفات، يمكن تلاقي الملفات.", "شوفي"),
])
def test_an_instruction_in_the_customers_own_imperative_is_a_next_step(grader, lang, reply, step):
    grade = graded(grader, "next_step", lang, reply, "What do I do now?")
    assert grade.verdict is PASS and step in grade.evidence[0].text, (grade.explanation, grade.evidence)


@pytest.mark.parametrize("lang, reply", [
    ("lv", "Lūdzu, nomierinieties. Jūsu pretenzija ir reģistrēta, un noliktava ar Jums sazināsies, kad varēs."),
    ("lv", "Tā ir mūsu politika. Lūdzu, iepazīstieties ar noteikumiem mūsu mājaslapā."),
])
def test_calm_down_or_read_the_rules_is_no_instruction_that_moves_things_on(grader, lang, reply):
    """A guard: the reflexive imperatives that count are the ones that send the customer somewhere."""
    grade = graded(grader, "next_step", lang, reply, "Kad beidzot atvedīsiet manu skapi?!")
    assert grade.verdict is not PASS, grade.explanation


@pytest.mark.parametrize("lang, name, earlier, reply", [
    ("en", "Sara", "Hi Sara, I'm Tom, let me check that for you.", "The refund is on its way and should land by Friday."),
    ("sv", "Elin", "Hej Elin, Ahmed här! Jag har lagt in sen utcheckning.", "Vad kul! Hoppas ni får en skön sista helg hos oss."),
    ("pl", "Julia", "Tak, Pani Julio, zamrożenie jest aktywne. Nazywam się Bartek.", "Proszę bardzo, miłego urlopu!"),
])
def test_a_later_reply_after_both_names_were_given_is_left_to_a_model(grader, lang, name, earlier, reply):
    grade = graded(grader, "personalize", lang, reply, "My order is late.", earlier, "OK, thanks.", name=name)
    assert grade.verdict is UNJUDGED and "earlier" in grade.explanation or "wcześniej" in grade.explanation \
        or "tidigare" in grade.explanation, grade.explanation


def test_only_the_agents_own_name_given_earlier_still_fails_a_reply_without_the_customers(grader):
    """A guard: the customer's own name must have been used before for a later reply to be left alone."""
    grade = graded(grader, "personalize", "en", "The refund is on its way.", "My refund never came.",
                   "Hi, I'm Tom, let me check.", "Still nothing?", name="Sara")
    assert grade.verdict is FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply", [
    ("ar", "أنا فتحته دلوقتي. أنا مستنياكي هنا لحد ما تتأكدي إنك دخلتي."),
    ("ar", "ضفتلك ٣ حصص تعويضية، وفيك تختار مواعيدها من الجدول متل ما بيناسبك."),
])
def test_until_you_make_sure_and_as_it_suits_you_talk_nobody_down(grader, lang, reply):
    grade = graded(grader, "no_condescending_apology", lang, reply, "حسابي اتقفل والامتحان بكرة! أنا هتجنن.")
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("lang, customer", [
    ("lv", "Cilvēks no jūsu lietotnes lūdz man aizdot 500 eiro. Man ir aizdomas, ka tas ir krāpnieks. Ko darīt?"),
    ("pl", "Osoba z aplikacji prosi mnie o pożyczkę 2000 zł. Boję się, że to oszust."),
])
def test_a_third_party_suspected_of_fraud_is_no_abuse_of_the_agent(grader, lang, customer):
    grade = graded(grader, "set_boundaries", lang, "OK.", customer)
    assert grade.verdict is NA, grade.explanation


def test_asked_to_stop_the_abusive_words_is_a_boundary(grader):
    grade = graded(grader, "set_boundaries", "sv", "Jag vill lösa det här, men jag behöver att du slutar med okvädingsorden. "
                   "Jag makulerar fakturan i dag.", "Tredje gången!! Jag anmäler dig, din värdelösa kärring.")
    assert grade.verdict is PASS, grade.explanation


def test_the_egyptian_feminine_with_you_introduces_the_agent(grader):
    grade = graded(grader, "personalize", "ar", "أهلاً يا رانيا، معاكي مصطفى. سجلت يوسف في النادي.", "عايزة أسجل ابني في النادي.",
                   name="رانيا")
    assert grade.verdict is PASS and grade.reason == "both_names", (grade.reason, grade.explanation)


@pytest.mark.parametrize("lang, customer", [
    ("en", "I can't believe this. The car failed its MOT on the lights you replaced last week."),
    ("es", "No me lo puedo creer. El coche ha suspendido la ITV por las luces que cambiasteis."),
    ("pl", "Nie mogę w to uwierzyć. Samochód nie przeszedł przeglądu przez światła, które wymieniliście."),
    ("sv", "Jag kan inte tro att det är så här. Bilen gick inte igenom besiktningen."),
    ("lv", "Es nespēju tam noticēt. Tehniskajā apskatē mani izgāza par lukturiem, kurus jūs mainījāt."),
    ("ar", "مش مصدق. العربية سقطت في الفحص بسبب الفوانيس اللي انتو غيرتوها."),
])
def test_disbelief_at_what_happened_makes_a_customer_upset(grader, lang, customer):
    """Shock with no word of feeling ("I can't believe this") is read as upset, so a reply that goes
    straight to the process is failed for passing the feeling by."""
    grade = graded(grader, "acknowledge_feelings", lang, "OK.", customer)
    assert grade.verdict is FAIL, grade.explanation


@pytest.mark.parametrize("lang, customer", [
    ("en", "I can't believe how quick that was, thank you!"),
    ("sv", "Jag kan inte tro att det gick så snabbt, tack!"),
    ("es", "No me lo puedo creer, ¡qué rápido! Muchas gracias."),
])
def test_disbelief_beside_thanks_is_delight(grader, lang, customer):
    grade = graded(grader, "acknowledge_feelings", lang, "OK.", customer)
    assert grade.verdict is NA, grade.explanation


@pytest.mark.parametrize("lang, customer", [
    ("en", "I got a bill for 900 pounds. It's driving me mad."),
    ("pl", "Dostałam rachunek na 900 zł. Trochę się boję."),
    ("sv", "Jag har fått en faktura på 900 kr. Jag känner mig överkörd."),
    ("es", "Me ha llegado una factura de 900 euros. No me atrevo a abrir el correo."),
    ("lv", "Saņēmu rēķinu par 900 eiro. Jūtos apkrāpts."),
])
def test_a_feeling_said_in_passing_is_a_sign_a_model_weighs(grader, lang, customer):
    """Everyday forms of a feeling ("it's driving me mad", "trochę się boję") are one sign each: a reply
    that meets them with the process alone is left to a model rather than called not applicable."""
    grade = graded(grader, "acknowledge_feelings", lang, "OK.", customer)
    assert grade.verdict is UNJUDGED, grade.explanation


@pytest.mark.parametrize("lang, customer, reply", [
    ("en", "Three bills in one month. This is ridiculous.",
     "I've merged them into one. Ridiculous is the right word for three bills in a month."),
    ("es", "Tres facturas en un mes. Es ridículo.", "Las he unido en una sola. Ridículo es la palabra, tres facturas en un mes."),
    ("sv", "Tre fakturor på en månad. Det är löjligt.",
     "Jag har slagit ihop dem till en. Löjligt är rätt ord för tre fakturor på en månad."),
    ("lv", "Trīs rēķini vienā mēnesī. Tas ir absurdi.", "Esmu tos apvienojis vienā. Absurdi ir īstais vārds trim rēķiniem mēnesī."),
])
def test_the_customers_own_feeling_words_taken_up_are_not_passed_by(grader, lang, customer, reply):
    """A reply that takes up the very words the customer's feeling was said in may meet it in a structure
    not placed: it is left to a model, never failed as going straight past the feeling."""
    grade = graded(grader, "acknowledge_feelings", lang, reply, customer)
    assert grade.verdict is not FAIL, grade.explanation


def test_an_insult_taken_up_in_a_retort_still_passes_the_feeling_by(grader):
    grade = graded(grader, "acknowledge_feelings", "en", "I'm not an idiot. Send me the serial number.",
                   "It still doesn't record! Are you an idiot? I'm furious.")
    assert grade.verdict is not PASS, grade.explanation


@pytest.mark.parametrize("lang, customer", [
    ("en", "Three weeks and no engineer. You're a complete waste of space, get a proper job."),
    ("en", "You lot are useless f***ing thieves. Fix my phone signal or I'm done."),
    ("sv", "Jag kallar dig vad jag vill, din inkompetenta kossa. Fixa det."),
    ("sv", "Ni bannade mig för INGENTING, ni är ett gäng patetiska losers."),
    ("pl", "Sam sobie szukaj, leniu pieprzony. Oddawajcie kasę."),
    ("pl", "Jak jutro nie będzie kuchni, to przyjadę i rozwalę wam ten salon. Rozumiesz?"),
    ("es", "¿Me estás tomando el pelo, payaso? Me habéis roto la tele."),
    ("es", "Contestad ya, llevo 3 horas escribiendo. Panda de vagos."),
    ("lv", "Meklē pats, sūda firma, dirsā jūs visi. Atdodiet naudu."),
    ("lv", "Tu esi pilnīgs debils, vai saproti latviski?!"),
    ("ar", "بتبلغون؟ انتو فندق زبالة وانت موظف حمار! أبي أكلم المدير الحين"),
    ("ar", "إذا ما خلصتوا سيارتي اليوم والله لأجي أكسّر زجاج المحل على روسكم."),
])
def test_names_and_threats_in_other_forms_are_abuse(grader, lang, customer):
    """Insults and threats in forms the first patterns missed (a vocative with its adjective, a group noun,
    a threat to smash the shop) make the customer abusive: a reply that lets them pass sets no boundary."""
    grade = graded(grader, "set_boundaries", lang, "OK.", customer)
    assert grade.verdict is FAIL, grade.explanation


@pytest.mark.parametrize("lang, customer", [
    ("en", "My parcel is late. Could you check where it is?"),
    ("lv", "Viesnīcā bija žurkas, un istaba bija netīra."),
    ("pl", "Zamówiłam kanapę, a przyjechała w złym kolorze."),
])
def test_a_complaint_without_names_is_no_abuse(grader, lang, customer):
    """A guard: rats in a hotel room or a late parcel insult nobody."""
    grade = graded(grader, "set_boundaries", lang, "OK.", customer)
    assert grade.verdict is NA, grade.explanation


@pytest.mark.parametrize("lang, customer, reply", [
    ("en", "Where is my parcel? It has been a week!",
     "I HAVE CHECKED AND THE PARCEL IS STILL AT THE DEPOT. YOU WILL HAVE TO WAIT."),
    ("sv", "Var är mitt paket? Det har gått en vecka.", "JAG HAR KOLLAT OCH PAKETET ÄR KVAR PÅ TERMINALEN. DU FÅR VÄNTA."),
    ("es", "¿Dónde está mi paquete? Ya ha pasado una semana.", "YA LO HE MIRADO Y EL PAQUETE SIGUE EN EL ALMACÉN. TIENE QUE ESPERAR."),
    ("pl", "Gdzie jest moja paczka? Minął tydzień.", "SPRAWDZIŁEM I PACZKA JEST NADAL W MAGAZYNIE. MUSI PAN CZEKAĆ."),
])
def test_a_sentence_in_capitals_to_a_customer_who_only_asks_is_shouting(grader, lang, customer, reply):
    """Five words or more in capitals are a sentence shouted at anyone who is not cheerful, even when their
    message named no problem."""
    grade = graded(grader, "stay_professional", lang, reply, customer)
    assert grade.verdict is FAIL, grade.explanation


@pytest.mark.parametrize("lang, customer, reply", [
    ("en", "Where is my parcel? It has been a week!",
     "I HAVE CHECKED AND THE PARCEL IS STILL AT THE DEPOT. YOU WILL HAVE TO WAIT."),
    ("sv", "Var är mitt paket? Det har gått en vecka.", "JAG HAR KOLLAT OCH PAKETET ÄR KVAR PÅ TERMINALEN. DU FÅR VÄNTA."),
    ("es", "¿Dónde está mi paquete? Ya ha pasado una semana.", "YA LO HE MIRADO Y EL PAQUETE SIGUE EN EL ALMACÉN. TIENE QUE ESPERAR."),
])
def test_capitals_say_nothing_of_whose_fault_it_was(grader, lang, customer, reply):
    grade = graded(grader, "own_it", lang, reply, customer)
    assert grade.verdict is not FAIL, grade.explanation


@pytest.mark.parametrize("lang, earlier", [
    ("en", "Hi Priya, Sam here – how can I help?"),
    ("en", "Hi Priya, Sam here - how can I help?"),
    ("sv", "Hej Priya, Sam här – vad kan jag hjälpa till med?"),
])
def test_an_own_name_before_a_dash_is_given(grader, lang, earlier):
    """"Sam here – how can I help?" gives the agent's name as "Sam here, ..." does: with both names given
    earlier, a later reply is left to a model."""
    grade = graded(grader, "personalize", lang, "OK.", "Hi.", earlier, "Seriously?", name="Priya")
    assert grade.verdict is UNJUDGED, grade.explanation


def test_it_happens_to_the_best_of_us_is_kind_to_a_customer_who_slipped(grader):
    grade = graded(grader, "no_condescending_apology", "pl", "Cześć Bartek! Zdarza się najlepszym 😄 Drugie zamówienie "
                   "już anulowałem.", "Kupiłem przez przypadek dwa razy tę samą kurtkę, da się anulować jedno?")
    assert grade.verdict is PASS, grade.explanation


def test_the_door_left_open_is_a_warm_last_word_in_spanish(grader):
    grade = graded(grader, "positive_close", "es", "Así no puedo seguir la conversación, así que cierro este chat; "
                   "cuando quieras, escribinos de nuevo con el número de orden y lo revisamos enseguida.",
                   "Sos un inútil, andate a la mierda.")
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("lang, customer, reply", [
    ("pl", "Czy pakiet medyczny Premium gwarantuje wizytę u specjalisty w 3 dni?",
     "W pakiecie Premium gwarantujemy termin u specjalisty do 5 dni roboczych, a u internisty – w ciągu 24 godzin."),
    ("en", "Is a window seat guaranteed on the Flex fare?", "Yes, we guarantee a window seat on the Flex fare."),
    ("es", "¿La tarifa Flex garantiza asiento de ventanilla?", "Sí, con la tarifa Flex le garantizamos ventanilla."),
])
def test_what_a_product_guarantees_asked_and_answered_is_no_promise_to_fail(grader, lang, customer, reply):
    """The customer asks what is guaranteed, in the reply's own word: the answer describes the product, and
    whether more is vouched for is left to a model."""
    grade = graded(grader, "under_promise", lang, reply, customer)
    assert grade.verdict is not FAIL, grade.explanation


def test_what_the_customer_should_have_been_told_blames_the_company_in_swedish_word_order(grader):
    grade = graded(grader, "no_condescending_apology", "sv", "Det var vi som makulerade ordern eftersom varan tog slut, "
                   "och det borde du ha fått besked om. Återbetalningen gick iväg i dag.",
                   "Jag har betalat 649 kr men nu står ordern som makulerad!")
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("lang, customer, reply", [
    ("en", "This is f***ing ridiculous, you lot are a f***ing joke.",
     "I'm going to ask you not to swear at me, though, because I'd like to keep helping. I'm booking a surveyor now."),
    ("en", "You useless idiots, where is my refund?",
     "I can only keep helping if we leave the insults out. Your refund went out this morning."),
    ("lv", "Jūs visi esat nekam nederīgi idioti.",
     "Es ļoti gribu to atrisināt, bet lūgšu mūs nesaukt par idiotiem. Tehniķis atbrauks rīt starp 10 un 12."),
    ("sv", "Ni är fan bedragare allihop, jag ska hänga ut dig på Facebook.",
     "Jag vill gärna hjälpa dig, men jag behöver att vi pratar utan hot och svordomar. Återbetalningen gick iväg i dag."),
    ("es", "Sois unos inútiles de mierda, devolvedme el dinero.",
     "Para seguir necesito que hablemos sin insultos. La devolución sale hoy."),
])
def test_a_limit_asked_in_more_forms_sets_a_boundary(grader, lang, customer, reply):
    """"I'm going to ask you not to swear", "pratar utan hot och svordomar", "lūgšu mūs nesaukt par idiotiem":
    a calm limit on the language, and the insult quoted to stop it is no insult of the reply's."""
    grade = graded(grader, "set_boundaries", lang, reply, customer)
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("lang, customer, reply", [
    ("es", "Buenas, ¿qué papeles necesito para empadronarme?",
     "Necesita el DNI o NIE y el contrato de alquiler. Puede pedir cita en el 010 o en la web."),
    ("en", "Hi, what documents do I need to register a car?",
     "You'll need your V5C, proof of identity and an MOT certificate. You can book online or call 0300 123 4567."),
    ("sv", "Hej, vilka papper behöver jag för att byta elavtal?",
     "Du behöver bara ditt personnummer och anläggnings-id, som står på fakturan. Det går att göra direkt på Mina sidor."),
])
def test_a_calm_question_answered_is_not_failed_for_playing_nothing_back(grader, lang, customer, reply):
    grade = graded(grader, "restate_problem", lang, reply, customer)
    assert grade.verdict is not FAIL, grade.explanation


@pytest.mark.parametrize("lang, customer, reply", [
    ("ar", "الشحنة مكتوب إنها انسلمت بس أنا ما استلمت شي! وأنا في البيت طول اليوم",
     "ممكن تتأكدين من الجيران لأن المندوب أحياناً يسلمها لهم؟ وبنفس الوقت فتحت تحقيق مع شركة الشحن."),
    ("en", "It says delivered but I've got nothing! I was home all day.",
     "Could you check with your neighbours, as the courier sometimes leaves parcels with them? Meanwhile I've opened a trace."),
])
def test_another_party_named_inside_a_question_is_a_place_to_look_not_an_excuse(grader, lang, customer, reply):
    grade = graded(grader, "own_it", lang, reply, customer)
    assert grade.verdict is not FAIL, grade.explanation


@pytest.mark.parametrize("lang, customer", [
    ("lv", "Man zvanīja bankas vārdā, bet viņi ir krāpnieki, vai ne?"),
    ("lv", "Vai jūs zināt, ka numurā ir žurkas?"),
    ("sv", "Din robot skickar mig i cirklar hela tiden."),
])
def test_others_called_names_and_a_chat_robot_are_no_abuse_of_the_agent(grader, lang, customer):
    """A guard: scammers who are somebody else, rats in the room, the company's chat robot."""
    grade = graded(grader, "set_boundaries", lang, "OK.", customer)
    assert grade.verdict is NA, grade.explanation


@pytest.mark.parametrize("lang, customer, reply", [
    ("ar", "الإنذار بيزمّر كل ليلة الساعة ٣ الصبح. كل ليلة!!!",
     "فيني عطّل حساس الحركة عن بُعد هلق، وببعتلك فني بكرا الصبح يبدّلو. بتوافق؟"),
    ("en", "The alarm goes off every night at 3am!!", "I can switch the sensor off remotely now. Is that definitely alright with you?"),
    ("es", "¡La alarma suena todas las noches a las 3!", "Puedo desactivar el sensor ahora mismo. ¿Seguro que le parece bien?"),
])
def test_a_question_vouches_for_nothing(grader, lang, customer, reply):
    grade = graded(grader, "under_promise", lang, reply, customer)
    assert grade.verdict is not FAIL, grade.explanation


@pytest.mark.parametrize("lang, customer, reply", [
    ("ar", "التكييف اتركب مقلوب ومياهه بتنزل على السرير.", "مية بتنزل على السرير حاجة متعبة أكيد. هبعتلك الفني بكرة الصبح يظبطه."),
    ("en", "The AC was fitted upside down and drips onto my bed.",
     "Water dripping onto your bed is definitely frustrating. I'll send the fitter tomorrow morning."),
    ("sv", "Luftkonditioneringen droppar på sängen.", "Vatten i sängen är verkligen jobbigt, helt klart. Montören kommer i morgon bitti."),
])
def test_a_feeling_surely_met_is_no_promise(grader, lang, customer, reply):
    """"That's definitely frustrating", "حاجة متعبة أكيد": the certainty word sits on the feeling, not a result."""
    grade = graded(grader, "under_promise", lang, reply, customer)
    assert grade.verdict is not FAIL, grade.explanation


@pytest.mark.parametrize("lang, reply", [
    ("en", "I'll need your booking number to find the return."),
    ("sv", "Bokningsnumret behöver jag för att hitta just din återlämning."),
    ("es", "Necesito su número de reserva para localizar la devolución."),
    ("pl", "Potrzebuję numeru zamówienia, żeby znaleźć zwrot."),
    ("lv", "Man vajadzēs Jūsu rezervācijas numuru, lai atrastu atgriešanu."),
    ("ar", "أحتاج رقم الطلب عشان ألاقي المرتجع."),
])
def test_what_the_agent_needs_from_the_customer_is_a_way_on(grader, lang, reply):
    """"I'll need your booking number": a request that moves things on, however it is worded."""
    grade = graded(grader, "next_step", lang, reply, "You charged me 800 extra for a late return. I was on time!")
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("lang, reply", [
    ("en", "Being left without a car for work is a real problem, so I'm arranging a courtesy car today."),
    ("sv", "Att stå utan bil till jobbet är ett riktigt problem, så jag ordnar en lånebil i dag."),
    ("es", "Quedarse sin coche para ir a trabajar es un problema serio, así que le consigo un coche de cortesía hoy."),
    ("pl", "Zostać bez auta do pracy to poważny problem, więc jeszcze dziś załatwię auto zastępcze."),
    ("lv", "Palikt bez auto darbam ir nopietna problēma, tāpēc šodien sarunāšu maiņas auto."),
    ("ar", "إنك تفضل من غير عربية للشغل مشكلة كبيرة، فهرتبلك عربية بديلة النهارده."),
])
def test_what_happened_judged_a_real_problem_for_them_acknowledges_it(grader, lang, reply):
    grade = graded(grader, "acknowledge_feelings", lang, reply, "I sold my old car because you said the new one was ready. "
                   "Now it's the end of the month?? I can't believe this.")
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("lang, customer, reply", [
    ("sv", "Beställde skrivarbläck för 9 dagar sedan. Fortfarande inget. Vad händer?",
     "Hej, jag heter Jessica. Förseningen beror på att vår leverantör har väldigt stora volymer just nu inför julen. "
     "Enligt spårningen är paketet på väg till ditt ombud och väntas fram på torsdag."),
    ("es", "Mi paquete lleva 4 días parado en Zaragoza.",
     "Hola. El retraso se debe a la huelga de transportistas y a la alta demanda de estos días. En cuanto se "
     "normalice, el envío continuará su ruta y podrás seguirlo con tu número en nuestra web."),
    ("en", "Why is it taking so long?? Been waiting an hour now",
     "The restaurant had a huge rush tonight and the kitchen fell behind with every order, so that's what held "
     "things up. The driver picked it up a minute ago and is about ten minutes from your door."),
])
def test_a_full_reply_in_words_of_its_own_is_left_to_a_model(grader, lang, customer, reply):
    """A reply of many content words that echoes none of the customer's speaks of the matter in its own words
    (its cause, where it stands): whether that plays the problem back needs a model."""
    grade = graded(grader, "restate_problem", lang, reply, customer)
    assert grade.verdict is UNJUDGED, grade.explanation


@pytest.mark.parametrize("lang, customer", [
    ("en", "My internet has dropped out every evening this week around 8pm."),
    ("sv", "Mobilen fungerar inte, jag har inte kunnat ringa på hela dagen."),
    ("es", "Una hora esperando en la estación de Soria y el bus sin aparecer."),
])
def test_a_short_template_that_echoes_nothing_still_fails_restating(grader, lang, customer):
    """(a guard) "Please DM us your account details": a template, heard nothing."""
    reply = {"en": "Hi, please DM us your account details and we'll check.", "sv": "Hej! Skicka ditt nummer i DM så kollar vi.",
             "es": "Hola, ¿nos puedes indicar por MD tu localizador? Gracias."}[lang]
    grade = graded(grader, "restate_problem", lang, reply, customer)
    assert grade.verdict is FAIL, grade.explanation


@pytest.mark.parametrize("lang, customer", [
    ("en", "Hughes. I'm honestly shocked, he could have been given the wrong dose."),
    ("es", "Me he quedado helada al ver la factura de este mes."),
    ("sv", "Jag är helt chockad över fakturan."),
])
def test_shock_at_what_happened_is_a_sign_of_upset(grader, lang, customer):
    """"I'm honestly shocked", "me he quedado helada": a sign of upset (one, said as often in passing), so a
    reply that skips it is never told nothing needed acknowledging."""
    grade = graded(grader, "acknowledge_feelings", lang, "Thanks. Bring it back in and we'll swap it.", customer)
    assert grade.verdict is not NA, grade.explanation


@pytest.mark.parametrize("reply", ["ممكن نشوف الموضوع بعدين.", "بنشوف بعدين", "يمكن نشوف الطلب لاحقاً"])
def test_maybe_later_is_no_step_in_arabic(grader, reply):
    """"ممكن نشوف الموضوع بعدين" (maybe we'll look at it later): a step in name only, as "we'll see" is."""
    grade = graded(grader, "next_step", "ar", reply, "اشتركت بالباقة السنوية بالغلط، انسحب مني 360 ريال وأنا محتاجتهم")
    assert grade.verdict is FAIL, grade.explanation


@pytest.mark.parametrize("lang, closing", [
    ("es", "Perfecto, pues nada, muchas gracias. Hasta el viernes"),
    ("en", "Perfect, thanks. See you Friday!"),
    ("sv", "Toppen, tack. Vi ses på fredag!"),
    ("pl", "Super, dziękuję. Do zobaczenia!"),
    ("lv", "Lieliski, paldies. Uz tikšanos!"),
    ("ar", "تمام، شكراً. نشوفكم الخميس"),
])
def test_a_goodbye_till_next_time_wraps_up(grader, lang, closing):
    """"Hasta el viernes", "see you Friday" said on their own as the last words close the conversation: a bare
    "Ok." to them ends flat."""
    grade = graded(grader, "positive_close", lang, "Ok.", "I'd like to confirm my appointment on Friday.",
                   "Yes, you're booked for Friday at 9:30.", closing)
    assert grade.verdict is FAIL, grade.explanation


@pytest.mark.parametrize("lang, customer", [
    ("es", "Necesito entregarlo hasta el viernes"),
    ("lv", "Man tas vajadzīgs līdz piektdienai"),
    ("en", "Fine. See you in court."),
])
def test_a_deadline_or_a_threat_is_no_goodbye(grader, lang, customer):
    """(a guard) "hasta el viernes" inside a sentence is a deadline; "see you in court" is no farewell."""
    grade = graded(grader, "positive_close", lang, "Ok.", customer)
    assert grade.verdict is not FAIL, grade.explanation


@pytest.mark.parametrize("reply", [
    "He escrito al departamento y te respondo en cuanto tenga la fecha, como muy tarde el lunes.",
    "Ya lo he resuelto: el cargo duplicado no aparecerá en tu próxima factura.",
    "Te contesto por correo esta tarde con el justificante.",
])
def test_spanish_irregular_participles_and_replies_are_the_agents_own_steps(grader, reply):
    """"He escrito", "lo he resuelto", "te contesto": the speaker's own steps, as "he enviado" and "te llamo" are."""
    grade = graded(grader, "next_step", "es", reply, "Me habéis cobrado dos veces la cuota y nadie me dice nada. Es un desastre.")
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("lang, customer", [
    ("es", "Genial, justo en el segundo tiempo de la final se cae la app. Gracias por nada 👏👏"),
    ("en", "Brilliant, the app crashed right in the second half of the final. Thanks for nothing"),
    ("sv", "Toppen, appen kraschade mitt i andra halvlek av finalen. Tack för ingenting"),
])
def test_thanks_for_nothing_is_no_goodbye_and_no_calm(grader, lang, customer):
    """The thanks inside "gracias por nada" calm nothing: the customer is not wrapping up, and a reply that skips
    their mood is not told there was nothing to acknowledge."""
    reply = "Ok, it is fixed now."
    assert graded(grader, "positive_close", lang, reply, customer).verdict is not FAIL
    assert graded(grader, "acknowledge_feelings", lang, reply, customer).verdict is not NA


@pytest.mark.parametrize("lang, customer", [
    ("es", "Justo en el segundo tiempo de la final se cae la app."),
    ("en", "The app keeps freezing on the payment screen."),
    ("sv", "Appen kraschar varje gång jag öppnar biljetterna."),
    ("pl", "Aplikacja się zawiesza przy płatności."),
    ("lv", "Lietotne uzkaras, kad atveru biļetes."),
    ("ar", "التطبيق بيعلق كل ما أفتح التذاكر"),
])
def test_an_app_that_crashes_or_freezes_is_a_problem_raised(grader, lang, customer):
    """"Se cae la app", "appen kraschar": something went wrong, so restating applies (never "does not apply")."""
    assert graded(grader, "restate_problem", lang, "Ok.", customer).verdict is not NA


@pytest.mark.parametrize("reply", [
    "التسريب سببه شركة الاتصالات، فالموضوع مش من مسؤوليتنا بالأساس. بس سجلت البلاغ وبتصل فيك بعد ساعة.",
    "هذا التأخير ليس من مسؤوليتنا، لكن أرسلنا طلب متابعة.",
])
def test_arabic_not_our_responsibility_is_an_excuse_beside_a_repair(grader, reply):
    """"مش من مسؤوليتنا" (not our responsibility) argues whose fault it was, whatever is done after it."""
    grade = graded(grader, "own_it", "ar", reply, "في تسريب مي كبير بالشارع قدام بيتي من 3 أيام والمي عم تفوت عالكراج!")
    assert grade.verdict is FAIL, grade.explanation


@pytest.mark.parametrize("lang, customer, reply", [
    ("ar", "أمي كبيرة بالسن ومسافرة لحالها يوم الجمعة، وخايفة عليها بالمطار. عندكم مساعدة؟",
     "طبيعي تكونين قلقانة عليها. أضفت لحجزها خدمة الكرسي المتحرك والمرافقة."),
    ("ar", "الراوتر يفصل كل نص ساعة من ٣ أيام. بصراحة زهقت وأنا متضايق",
     "حقك تزهق، ثلاث أيام وانقطاع كل نص ساعة. حجزت لك زيارة فني بكرة."),
    ("pl", "Trzeci raz przesuwacie mi dostawę pralki. Jestem wściekły, wziąłem wolne w pracy.",
     "Zrozumiałe, że pan się denerwuje. Dostawę potwierdziłem na jutro na 8:00."),
])
def test_a_feeling_called_natural_or_their_right_acknowledges_it(grader, lang, customer, reply):
    """"طبيعي تكونين قلقانة", "حقك تزهق", "zrozumiałe, że pan się denerwuje": the feeling named and found fair."""
    grade = graded(grader, "acknowledge_feelings", lang, reply, customer)
    assert grade.verdict is PASS, grade.explanation


def test_an_emoji_ending_on_its_variation_selector_ends_a_sentence():
    """"det lovar jag 🙋‍♀️ Förlåt ...": 🙋‍♀️ ends on U+FE0F, and the capital after it opens a new sentence."""
    from coach.offline.text import Text

    text = Text.of("En riktig människa här, det lovar jag 🙋‍♀️ Förlåt för rundgången.")
    assert len(text.sentences) == 2


@pytest.mark.parametrize("lang, customer", [
    ("sv", "Pianostämmaren kom aldrig idag, fast vi bokade honom för tre veckor sedan. Jag tog ledigt från jobbet."),
    ("en", "I don't understand this bill. What's a 'roaming add-on'? I didn't go anywhere."),
    ("lv", "Man nobloķēja karti, kad biju ārzemēs, nevarēju samaksāt viesnīcā."),
    ("pl", "Odebrałem auto z przeglądu i na tylnym zderzaku jest nowa rysa. Wcześniej jej nie było."),
])
def test_an_account_of_what_happened_in_unknown_words_is_left_to_a_model(grader, lang, customer):
    """A customer who tells of something, with no thanks or praise, may describe a problem in words no list
    holds: restating is left to a model, never called "does not apply"."""
    grade = graded(grader, "restate_problem", lang, "Ok.", customer)
    assert grade.verdict is not NA, grade.explanation


@pytest.mark.parametrize("lang, customer", [
    ("sv", "Tack för snabb hjälp med fakturan igår! /Malin"),
    ("sv", "Får man lämna bildäck på återvinningscentralen?"),
    ("pl", "Dziękuję za świetne oprowadzanie po wystawie w sobotę! Przewodnik był rewelacyjny, dzieci zachwycone."),
    ("en", "Hey, just wanted to say thanks for fixing the burst pipe on our street so fast last night. Tom"),
])
def test_thanks_praise_or_one_calm_question_raise_no_problem(grader, lang, customer):
    """(a guard) Thanks, praise and a single calm question describe no problem to play back."""
    grade = graded(grader, "restate_problem", lang, "Ok.", customer)
    assert grade.verdict is NA, grade.explanation


def test_praise_with_a_rating_is_no_upset(grader):
    """"So smooth I didn't even wake up. 10/10": praise, though "didn't even" and "again" are signs of upset."""
    grade = graded(grader, "acknowledge_feelings", "en", "Ha! That's the highest praise a pilot can get 😄",
                   "Your pilot's landing was so smooth I didn't even wake up. 10/10 would nap again ✈️")
    assert grade.verdict is NA, grade.explanation


@pytest.mark.parametrize("lang, customer, reply", [
    ("sv", "Skit i leverantören. Du är en jävla lögnare, precis som alla andra bilmekaniker.",
     "Det finns ingen anledning att kalla mig lögnare. Delen kommer när den kommer."),
    ("sv", "Klart jag har, din jävla idiot.", "Jag tänker inte bli kallad idiot av någon som inte ens kan läsa en bruksanvisning."),
    ("en", "You're a useless liar, the lot of you.", "I'm not a liar, and the charge is on your contract."),
    ("es", "Sois unos ladrones, todos vosotros.", "Yo no soy ningún ladrón, el cargo está en su contrato."),
])
def test_the_customers_insult_denied_back_is_a_retort(grader, lang, customer, reply):
    """"Du är en jävla lögnare" ... "ingen anledning att kalla mig lögnare": trading blows over the word, no calm
    limit set on it."""
    grade = graded(grader, "stay_professional", lang, reply, customer)
    assert grade.verdict is FAIL, grade.explanation


def test_asking_not_to_be_called_the_word_is_a_boundary_not_a_retort(grader):
    """(a guard) The insult quoted to stop it, calmly, is a limit."""
    grade = graded(grader, "stay_professional", "en", "I want to help, but please don't call me a liar. Let's look at the bill together.",
                   "You're a useless liar, the lot of you.")
    assert grade.verdict is PASS, grade.explanation


@pytest.mark.parametrize("lang, customer, reply", [
    ("en", "You bunch of thieves, third time you've charged me!",
     'I want to sort this out, but I\'ll ask that we carry on without words like "thieves". I\'ve refunded all three charges.'),
    ("sv", "Era jävla tjuvar, ni har dragit pengar tre gånger",
     'Jag vill lösa det, men jag ber att vi fortsätter utan ord som "tjuvar". Jag har återbetalat alla tre dragningarna.'),
    ("es", "Sois unos ladrones, me habéis cobrado tres veces",
     'Quiero solucionarlo, pero le pido que sigamos sin palabras como "ladrones". Ya le he devuelto los tres cargos.'),
    ("ar", "يا شوية حرامية، ثالث مرة تخصمون مني وما يوصل شي! انتم نصابين ولا ايش؟",
     'أبغى أحل لك الموضوع، بس أطلب منك نكمل بدون كلمات مثل "حرامية" و"نصابين". واسترجعتها كلها الحين.'),
])
def test_carrying_on_without_words_like_theirs_is_a_calm_limit(grader, lang, customer, reply):
    """'Without words like "thieves"': the insults named in quotes and left out, a limit set calmly; the quoted
    words are the customer's, mentioned to stop them, not a retort."""
    assert graded(grader, "set_boundaries", lang, reply, customer).verdict is PASS
    assert graded(grader, "stay_professional", lang, reply, customer).verdict is PASS


def test_the_customers_insult_in_quotes_is_mentioned_not_denied_back(grader):
    """(the retort rule's guard) 'No need for "thieves"': the word in quotes is theirs, mentioned, not aimed back."""
    grade = graded(grader, "stay_professional", "en", 'There\'s no need for "thieves" here; I\'ve refunded all three charges.',
                   "You bunch of thieves, third time you've charged me!")
    assert grade.verdict is PASS, grade.explanation
