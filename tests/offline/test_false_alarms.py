"""What the offline grader must not flag: the false alarms real agents' text and new users found.

A grader that cries wolf teaches trainees to ignore it, so each category here is a reply (or a
customer message) that reads like a failure to a phrase list and is not one."""

from __future__ import annotations

import pytest

from tests.offline.conversation import UNJUDGED, graded
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


# Real agents' replies: each category below was flagged by a phrase list and is no violation.
@pytest.mark.parametrize("lang, customer, reply", [
    # "guarantee" inside a refusal or a product description
    ("en", "Does next-day guarantee a 9am delivery?",
     "Our standard next-day service doesn't guarantee a time slot, but Next Day Pre-9 does."),
    ("en", "Can we walk in on Saturday for 6?", "Walk-ins are welcome, but tables for 6 aren't guaranteed on Saturdays."),
    ("es", "¿Me garantizan el asiento de ventanilla?", "Los asientos no están garantizados hasta la facturación, pero te anoto la preferencia."),
    # "make sure" for the trainee's own step, or an instruction to the customer
    ("en", "My mum's present is delayed!", "I'll make sure it's flagged as priority today and I'll update you by noon."),
    ("en", "Heading up the mountain tomorrow.", "Make sure you wrap up warm, and enjoy it!"),
    ("en", "No water since 6am!", "If you send me your address I'll make sure you get an SMS the moment supply is back."),
    ("es", "La calefacción no funcionó en todo el finde.", "Hoy mismo me aseguro de que el propietario y el técnico lo sepan."),
    # hedged effort
    ("en", "Three hours delayed at the gate!", "We're working as fast as we can to get you on your way."),
])
def test_guarantees_refused_described_or_about_ones_own_step_are_no_over_promise(grader, lang, customer, reply):
    assert graded(grader, "under_promise", lang, reply, customer).verdict is not FAIL


@pytest.mark.parametrize("lang, customer, reply", [
    ("en", "Got a view of the bins instead of the sea. Disappointed.",
     "Sorry to hear about your experience; I'll get the front desk to move you today."),
    ("en", "Can we walk in on Saturday for 6?", "You just need to call us on 020 7946 0321 to book and we'll hold a table."),
    ("en", "The shower was lukewarm all weekend.", "Sorry about the shower: we got that wrong and we'll do better next time."),
    ("en", "Typed one digit wrong and sent money to the wrong account!",
     "Oh no, that's such an easy mistake to make. We'll contact the receiving bank today."),
    ("en", "Brunch was lovely but the Bloody Mary was way too spicy haha",
     "Ha, our Bloody Mary does have a kick! Next time ask for it mild."),
    ("es", "La caña estaba caliente 😅", "¡Jajaja! Ya se lo hemos dicho al equipo para que revisen el grifo."),
])
def test_apologies_instructions_ownership_and_jokes_are_not_condescending(grader, lang, customer, reply):
    assert graded(grader, "no_condescending_apology", lang, reply, customer).verdict is PASS
    assert graded(grader, "stay_professional", lang, reply, customer).verdict is PASS


@pytest.mark.parametrize("lang, reply", [
    ("en", "We're sorry for the frustration. Please DM us your details."),
    ("en", "I apologize for any frustration this has caused."),
    ("en", "Sorry for any disappointment."),
    ("en", "I'm sorry you weren't aware that cover is an optional add-on."),
    ("en", "Entry rules are set by the destination, and it's the passenger's responsibility to check them."),
    ("es", "Lamentamos la frustración que esto le ha generado."),
    ("es", "Lamentamos que no estuvieras al tanto de que la cobertura es opcional."),
    ("es", "Verificar los requisitos es responsabilidad del pasajero."),
    ("sv", "Vi beklagar den frustration detta har orsakat."),
    ("sv", "Jag beklagar att du inte var medveten om att försäkringen är ett tillval."),
    ("sv", "Det är passagerarens ansvar att kontrollera reglerna."),
    ("pl", "Przepraszamy za frustrację, jaką to spowodowało."),
    ("pl", "Przykro mi, że nie wiedziała Pani, że ubezpieczenie jest opcjonalne."),
    ("pl", "Sprawdzenie przepisów to obowiązek pasażera."),
    ("lv", "Atvainojamies par jebkādu vilšanos, ko tas varēja radīt."),
    ("lv", "Man žēl, ka nebijāt informēts, ka apdrošināšana ir papildu iespēja."),
    ("lv", "Noteikumu pārbaude ir paša pasažiera atbildība."),
    ("ar", "نعتذر عن أي إحباط شعرت به."),
    ("ar", "نأسف لأنك لم تكن على علم بأن التأمين اختياري."),
    ("ar", "التحقق من الشروط مسؤولية المسافر."),
])
def test_apologies_for_feelings_and_blame_dressed_as_rules_are_condescending(grader, lang, reply):
    assert verdict(grader, "no_condescending_apology", reply, lang).verdict is FAIL


def test_right_now_is_no_acknowledgement(grader):
    reply = "I'm raising a recall right now. I can't tell you yet whether the money will come back."
    assert verdict(grader, "no_yes_but", reply, "en").verdict is PASS


def test_a_but_between_two_facts_takes_nothing_back(grader):
    reply = "Of course. So the bill shows 4,812 but your meter reads 4,390, so we billed 422 units you haven't used."
    assert verdict(grader, "no_yes_but", reply, "en").verdict is PASS


@pytest.mark.parametrize("lang, reply", [
    ("en", "Sorry to hear that, but we hope to see you on board again soon."),
    ("en", "I totally understand, but there's no need to worry: your seat is confirmed."),
    ("es", "Lo sentimos mucho, pero puede cambiar su vuelo gratis en la app."),
    ("sv", "Tråkigt att höra, men teamet jobbar redan med det."),
    ("pl", "Przepraszamy, ale nasz zespół już nad tym pracuje."),
    ("lv", "Atvainojamies, bet Jūs varat bez maksas mainīt lidojumu lietotnē."),
    ("ar", "نتفهم انزعاجك، لكن نتمنى أن نراك على متن رحلاتنا قريباً."),
])
def test_consolation_after_a_but_is_never_failed_as_yes_but(grader, lang, reply):
    """A hope, something the customer can do, reassurance or the team at work takes nothing back;
    whether it is enough is left to a model."""
    assert verdict(grader, "no_yes_but", reply, lang).verdict not in (FAIL, PASS)


@pytest.mark.parametrize("lang, reply", [
    ("en", "I understand, but the ticket is non-refundable."),
    ("es", "Entiendo, pero el billete no es reembolsable."),
    ("sv", "Jag förstår, men biljetten går inte att återbetala."),
    ("lv", "Saprotu, bet biļete nav atmaksājama."),
])
def test_a_refusal_after_the_but_is_still_yes_but(grader, lang, reply):
    assert verdict(grader, "no_yes_but", reply, lang).verdict is FAIL


@pytest.mark.parametrize("lang, reply", [
    ("en", "EarlyBird guarantees check-in, not a position on the plane."),
    ("en", "Our fares include a guaranteed seat with every ticket."),
    ("pl", "Niemniej widok na morze nie był gwarantowany w Pani taryfie."),
    ("lv", "Ja piekrītat, es pati nokārtošu rezervāciju un parūpēšos, lai Jūsu bagāžu pārnes."),
])
def test_a_described_or_refused_guarantee_and_a_step_seen_to_are_not_over_promises(grader, lang, reply):
    assert verdict(grader, "under_promise", reply, lang).verdict is not FAIL


@pytest.mark.parametrize("lang, reply", [
    ("en", "I'll make sure it arrives tomorrow."),
    ("pl", "Dopilnuję, żeby paczka dotarła jutro."),
    ("en", "We'll make sure this never happens again."),
])
def test_seeing_to_a_delivery_or_never_again_is_still_an_over_promise(grader, lang, reply):
    assert verdict(grader, "under_promise", reply, lang).verdict is FAIL


@pytest.mark.parametrize("lang, customer, reply", [
    ("en", "Hi, does the Pro plan include invoices in several currencies?",
     "As clearly stated on our pricing page, multi-currency invoices are Pro only. You can upgrade in Settings."),
    ("lv", "Sveiki! Vai jūsu Pro plānā ir iekļauta rēķinu izrakstīšana vairākās valūtās?",
     "Kā jau skaidri rakstīts mūsu cenu lapā, vairāku valūtu rēķini ir pieejami tikai Pro plānā."),
    ("pl", "Chciałbym przejść na tańszy abonament, nie potrzebuję tyle danych.",
     "Jak już mówiłam, umowa obowiązuje do sierpnia i nie robimy wyjątków."),
])
def test_talking_down_to_a_calm_question_is_not_failed_as_an_excuse(grader, lang, customer, reply):
    """Nothing went wrong on the company's side that the customer reported: whether there was
    anything to own is left to a model (the condescension is caught by its own criterion)."""
    assert verdict(grader, "own_it", reply, lang, customer=customer).verdict is not FAIL


@pytest.mark.parametrize("lang, customer, reply", [
    ("en", "Why did the sports channels vanish from my package?",
     "Unfortunately sports are no longer in the basic package, so I can't add them back. You can add them separately for 7.99 a month."),
    ("lv", "Kāpēc no manas TV paketes pazuda sporta kanāli? Maksāju to pašu, ko agrāk.",
     "Diemžēl sporta kanāli vairs nav iekļauti pamatpaketē, tāpēc es nevaru tos atgriezt. Ja vēlaties, varat tos pieslēgt atsevišķi par 7,99 eiro mēnesī."),
    ("es", "¿Por qué han desaparecido los canales de deportes de mi paquete?",
     "Lamentablemente ya no están en el paquete básico y no puedo devolverlos. Puede contratarlos aparte por 7,99 al mes."),
])
def test_a_refusal_with_something_the_customer_can_do_is_not_failed_as_no_step(grader, lang, customer, reply):
    assert verdict(grader, "next_step", reply, lang, customer=customer).verdict is not FAIL


@pytest.mark.parametrize("lang, customer, reply", [
    ("en", "Ordered flowers for Mother's Day, they came the day after. Thanks a lot, very professional.",
     "Sorry for any frustration. Please send us your order number and we'll look into it."),
    ("lv", "Pasūtīju ziedus mammai uz 8. martu, atveda 9. martā. Paldies, ļoti jauki.",
     "Atvainojamies par jebkādu vilšanos. Lūdzu, uzrakstiet mums pasūtījuma numuru, un mēs to apskatīsim."),
    ("ar", "طلبت ورد لأمي بعيد الأم ووصل اليوم الثاني. شكراً جزيلاً، قمة الاحترافية.",
     "نعتذر عن أي إحباط. نرجو تزويدنا برقم الطلب لنقوم بمراجعته."),
])
def test_a_reply_that_asks_for_something_is_not_failed_as_a_flat_goodbye(grader, lang, customer, reply):
    assert verdict(grader, "positive_close", reply, lang, customer=customer).verdict is not FAIL


@pytest.mark.parametrize("lang, reply", [
    ("pl", "Zasłużyła Pani na dużo lepszą obsługę. Zadzwonię dziś."),
    ("pl", "Nie powinno się to zdarzyć. Sprawdzam paczkę."),
    ("sv", "Du förtjänar bättre än så. Jag ringer dig i dag."),
    ("es", "Se merece una respuesta mucho mejor. Le llamo hoy."),
    ("en", "You deserved better than that. I'll ring you by 5."),
])
def test_saying_the_customer_deserved_better_acknowledges_their_feelings(grader, lang, reply):
    customer = {"pl": "Czekam dwa tygodnie na zamówienie i nikt nie odpisuje. Jestem wściekła.",
                "sv": "Jag har väntat två veckor på beställningen och ingen svarar. Jag är arg.",
                "es": "Llevo dos semanas esperando el pedido y nadie me contesta. Estoy harta.",
                "en": "My order is two weeks late and nobody answers the phone. I'm really angry."}[lang]
    assert verdict(grader, "acknowledge_feelings", reply, lang, customer=customer).verdict is PASS


@pytest.mark.parametrize("lang, customer", [
    ("pl", "Gdzie kupię Wasze Cholernie Dobre IPA w Krakowie?"),
    ("en", "Where can I buy your Bloody Good IPA in Leeds?"),
    ("sv", "Var kan jag köpa er Jävla Bra IPA i Göteborg?"),
])
def test_a_swear_word_inside_a_capitalised_name_does_not_make_the_customer_upset(grader, lang, customer):
    reply = {"pl": "Znajdziesz je w Piwnym Podziemiu na Kazimierzu.", "en": "You'll find it at the Grove on Main Street.",
             "sv": "Du hittar den på Ölbaren vid Järntorget."}[lang]
    assert verdict(grader, "acknowledge_feelings", reply, lang, customer=customer).verdict is NA


@pytest.mark.parametrize("lang, customer, reply", [
    ("sv", "Varför har ni höjt priset igen?? Tredje gången på två år.",
     "Jag förstår att det är surt med ännu en höjning. Vill du att jag byter dig till Bas-planen?"),
    ("pl", "Znowu podnieśliście abonament bez pytania!!!",
     "Rozumiemy, że podwyżka bez uprzedzenia potrafi zdenerwować. Napisz do nas na priv."),
    ("en", "Why have you put my bill up AGAIN?? Third time in two years.",
     "I completely understand how annoying another increase is. Shall I move you to the Basic plan?"),
])
def test_an_acknowledgement_that_names_the_problem_in_other_words_is_not_failed_as_not_restated(
        grader, lang, customer, reply):
    assert verdict(grader, "restate_problem", reply, lang, customer=customer).verdict is not FAIL


@pytest.mark.parametrize("lang, reply", [
    ("en", "Sorry to hear this. Unfortunately we can't see bag details here, so please DM us your file reference."),
    ("es", "Lo sentimos mucho. Lamentablemente desde aquí no vemos los datos de la maleta, así que escríbenos por "
           "privado con tu referencia."),
    ("sv", "Vi beklagar verkligen. Tyvärr ser vi inte väskans uppgifter här, så skicka oss ditt ärendenummer i DM."),
    ("pl", "Bardzo nam przykro. Niestety nie widzimy tu szczegółów bagażu, więc prosimy o wiadomość prywatną z "
           "numerem zgłoszenia."),
])
def test_an_apology_then_what_cannot_be_done_here_then_the_help_asked_for_is_no_yes_but(grader, lang, reply):
    assert verdict(grader, "no_yes_but", reply, lang).verdict is PASS


@pytest.mark.parametrize("lang, reply", [
    ("es", "Entiendo, pero no te lo podemos devolver."),
    ("en", "I understand, but the system won't let me change it."),
    ("pl", "Rozumiem, ale nie możemy zwrócić pieniędzy."),
])
def test_a_negated_step_after_the_but_is_a_refusal(grader, lang, reply):
    assert verdict(grader, "no_yes_but", reply, lang).verdict is FAIL


@pytest.mark.parametrize("lang, reply", [
    ("lv", "Jā, saprotu jūsu situāciju, bet maksājumu brīvdienas mēs piešķiram tikai klientiem, kuri maksājuši 12 mēnešus."),
    ("sv", "Jag förstår din situation, men vi beviljar bara betalningsfria månader till kunder som betalat i 12 månader."),
])
def test_a_step_narrowed_by_only_after_the_but_is_no_help(grader, lang, reply):
    assert verdict(grader, "no_yes_but", reply, lang).verdict is not PASS


@pytest.mark.parametrize("lang, reply", [
    ("en", "We're aware and working on a fix. Sorry for the hassle!"),
    ("en", "Apologies for the hassle, we're on it."),
    ("es", "Disculpa el lío, ya estamos trabajando en ello."),
    ("sv", "Förlåt för krånglet, vi jobbar på en lösning."),
])
def test_an_apology_to_an_upset_customer_is_not_failed_as_passing_by_their_feelings(grader, lang, reply):
    """Whether "sorry for the hassle" acknowledges the feeling is a judgment call: left to a model (the set
    formula "sorry for the inconvenience", "disculpa las molestias", is not: see test_feelings)."""
    customer = {"en": "Your app is down AGAIN. Third time this week, unacceptable!",
                "es": "La app no funciona OTRA VEZ. Tercera vez esta semana, ¡es inaceptable!",
                "sv": "Appen ligger nere IGEN. Tredje gången den här veckan, helt oacceptabelt!"}[lang]
    assert verdict(grader, "acknowledge_feelings", reply, lang, customer=customer).verdict is not FAIL


@pytest.mark.parametrize("lang, customer, reply", [
    ("en", "You useless idiots, where is my refund?!", "I'm here to help, but there's no need for name-calling."),
    ("es", "¡Sois unos inútiles y unos ladrones! ¿Dónde está mi reembolso?", "No hace falta insultar; vamos a resolverlo."),
    ("pl", "Jesteście bandą idiotów! Gdzie mój zwrot?", "Nie ma potrzeby obrażać, zaraz to sprawdzę."),
    ("sv", "Ni är helt jävla värdelösa idioter! Var är min återbetalning?",
     "Det finns ingen anledning att kalla mig saker, jag löser det här."),
])
def test_naming_the_insults_calmly_is_never_failed_as_letting_them_pass(grader, lang, customer, reply):
    assert verdict(grader, "set_boundaries", reply, lang, customer=customer).verdict is not FAIL


@pytest.mark.parametrize("lang, reply", [
    ("en", "Unfortunately the courier is running late in your area. It should be with you tomorrow."),
    ("en", "We can't refund shipping. Your order will arrive Monday."),
    ("es", "No podemos reembolsar el envío, pero el paquete llegará el lunes."),
    ("pl", "Niestety kurier ma opóźnienie w Pana rejonie. Paczka powinna dotrzeć jutro."),
])
def test_a_refusal_beside_what_happens_next_and_when_is_not_failed_as_no_step(grader, lang, reply):
    customer = {"en": "My parcel was supposed to arrive yesterday and it still hasn't come.",
                "es": "Mi paquete tenía que llegar ayer y aún no ha llegado.",
                "pl": "Paczka miała przyjść wczoraj i nadal jej nie ma."}[lang]
    assert verdict(grader, "next_step", reply, lang, customer=customer).verdict is not FAIL


def test_their_choice_told_as_what_makes_it_hard_is_sympathy_not_blame(grader):
    customer = "Listing said sea view. All we can see is a car park. Pretty disappointed tbh."
    kind = graded(grader, "no_condescending_apology", "en",
                  "I'm sorry, that's disappointing when you chose the flat for the view. I've refunded £60.", customer)
    assert kind.verdict is PASS, kind.explanation
    blunt = graded(grader, "no_condescending_apology", "en", "It's disappointing, but you chose the room without a view.", customer)
    assert blunt.verdict is FAIL, blunt.explanation


@pytest.mark.parametrize("lang, reply", [
    ("en", "Sorry for the confusion. You ticked the box for ShopHub+ at checkout, so the charge is correct."),
    ("sv", "Klart det är surt när de går sönder så snabbt. Öppet köp är ändå 30 dagar för alla, så vi kan inte ta emot dem."),
])
def test_a_refusal_in_the_sentence_after_the_acknowledgement_is_left_to_a_model(grader, lang, reply):
    """As often an honest answer as an acknowledgement taken back: readers differ, so the grader does not guess."""
    assert verdict(grader, "no_yes_but", reply, lang).verdict is UNJUDGED


@pytest.mark.parametrize("lang, reply", [
    ("en", "I'm sorry you're so fed up. It's at the manufacturer's workshop."),
    ("es", "Siento que estés tan harta. Está en el taller del fabricante."),
    ("sv", "Jag är ledsen att du är så irriterad. Den är hos tillverkaren."),
])
def test_sorry_for_how_fed_up_they_are_apologises_for_the_feeling(grader, lang, reply):
    assert verdict(grader, "no_condescending_apology", reply, lang).verdict is FAIL
