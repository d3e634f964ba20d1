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


@pytest.mark.parametrize("lang, customer, reply", [
    ("en", "My recharge of 719 went through but the pack never activated. Money debited.",
     "Hi, sorry for the inconvenience caused. We can see your 719 recharge was successful but the pack didn't "
     "activate due to a technical error at our end. It's been activated now."),
    ("es", "Hice una recarga de 200 y no se activó el paquete, ya me descontaron.",
     "¡Hola! Disculpa el inconveniente. Vemos que tu recarga de 200 se hizo correctamente, pero el paquete no se "
     "activó por una falla técnica de nuestra parte. Ya quedó activado."),
    ("ar", "أقدر أسافر للبحرين بالهوية الوطنية بدون جواز؟",
     "أهلاً! نعم، مواطنو دول الخليج يقدرون يسافرون للبحرين بالهوية. بس تأكد إن الهوية سارية. رحلة سعيدة!"),
    ("ar", "بقالنا ٣ أيام من غير شبكة في قريتنا!!",
     "عندك حق تماماً، تلات أيام من غير شبكة ده مش مقبول. فيه عطل في البرج، وبنشتغل بأسرع ما يمكن، وبعتنا فنيين."),
])
def test_a_but_that_turns_against_nothing_is_no_yes_but(grader, lang, customer, reply):
    grade = graded(grader, "no_yes_but", lang, reply, customer)
    assert grade.verdict == PASS, grade.explanation


@pytest.mark.parametrize("lang, customer, reply", [
    ("lv", "Jūsu „Sasodīti labais burgers” patiešām ir sasodīti labs 😂🍔",
     "Hahaha, tā mēs arī cerējām! 😄 Paldies, ka atradāt laiku uzrakstīt!"),
    ("en", "Your Damn Good Burger really is damn good 😂🍔", "Hahaha, that's what we were hoping! Thanks for writing in."),
    ("es", "Vuestra hamburguesa Maldita Buena es buenísima jajaja 😂", "¡Jajaja, eso esperábamos! Gracias por escribirnos."),
])
def test_laughing_along_with_a_laughing_customer_is_not_mockery(grader, lang, customer, reply):
    assert graded(grader, "stay_professional", lang, reply, customer).verdict == PASS
    assert graded(grader, "acknowledge_feelings", lang, reply, customer).verdict != FAIL
    assert graded(grader, "own_it", lang, reply, customer).verdict != FAIL


@pytest.mark.parametrize("lang, customer, reply", [
    ("sv", "Har väntat sedan i våras 😅", "Hej! Vad roligt att du längtar! Planen är att öppna i slutet av oktober."),
    ("en", "JUST GOT MY KEYS!!! thank you for getting us over the line 🏡😭",
     "CONGRATULATIONS!! That's the best news, enjoy every minute in your new home!"),
    ("es", "¡¡YA TENEMOS LAS LLAVES!!! gracias por ayudarnos a conseguirlo 🏡😭",
     "¡¡FELICIDADES!! Qué noticia tan bonita, ¡a disfrutar de vuestro nuevo hogar!"),
    ("pl", "Wróci kiedyś sos Ostry? Od miesiąca go nie ma 😢",
     "Sos ma się dobrze, zrobił sobie krótkie wakacje 🌶️ Wróci w drugiej połowie miesiąca."),
])
def test_a_cheerful_or_playful_customer_is_not_failed_on_feelings_or_tone(grader, lang, customer, reply):
    assert graded(grader, "acknowledge_feelings", lang, reply, customer).verdict != FAIL
    assert graded(grader, "stay_professional", lang, reply, customer).verdict != FAIL


@pytest.mark.parametrize("lang, customer, reply", [
    ("en", "Please. It's Black Friday. This is a disaster for us!!",
     "Forty minutes down on Black Friday is about as bad as it gets. I'll post an update every 20 minutes."),
    ("es", "¿Respeto? Usted es una inútil, me subieron $3,000 la póliza!!",
     "Claro que sí, señor Medina. Sé que un aumento de $3,000 no es poca cosa. Reviso otra cobertura ahora."),
    ("sv", "Jag har blivit lurad av någon som ringde från banken. Vad gör jag???",
     "Hej Marianne, vad otäckt – och bra att du hör av dig direkt. Ring oss på 0771-55 55 55 nu."),
    ("sv", "Nej, ingenting. Börjar bli orolig att det har försvunnit!!",
     "Jag förstår oron efter tre veckor. Jag har skickat en förfrågan till vår tullavdelning."),
    ("es", "Son unos chorros. Me duplicaron la cuota!!", "Veo que el aumento de la cuota te enojó mucho. Reviso la póliza ahora."),
])
def test_weighing_the_customers_situation_acknowledges_it(grader, lang, customer, reply):
    grade = graded(grader, "acknowledge_feelings", lang, reply, customer)
    assert grade.verdict == PASS, grade.explanation


@pytest.mark.parametrize("lang, customer, reply", [
    ("en", "A £220 jump in my bill! You're a parasite, this is outrageous!!",
     "Of course, Nigel. A £220 jump in the bill out of nowhere, right before the holidays. Helen can look at a fixed rate."),
    ("lv", "Izziņa būs tikai pēc operācijas. Es nevaru maksāt par zāli, kurā nevaru iet, tas ir absurdi!",
     "Pēteri, maksāt par zāli, kurā nevarat iet, pēc operācijas — to es dzirdu. Kad izziņa būs, atnāciet uz recepciju."),
    ("ar", "لا تعلميني كيف أتكلم يا تافهة! رجّعي التلفزيون المقطوع بعد ما دفعت الفاتورة!!",
     "أستاذ سالم، تلفزيون مقطوع بعد ما دفعت الفاتورة سبب كافٍ. ودفعتك ظاهرة عندي."),
])
def test_a_reply_that_opens_on_the_customers_situation_is_not_failed_as_passing_it_by(grader, lang, customer, reply):
    assert graded(grader, "acknowledge_feelings", lang, reply, customer).verdict in (PASS, UNJUDGED)


@pytest.mark.parametrize("lang, customer, reply", [
    ("en", "This is the third time my bill is wrong!! I'm furious.", "Please send us your account number via DM."),
    ("es", "¡¡Es la tercera vez que la factura viene mal!! Estoy harta.", "Envíanos tu número de cliente por privado."),
    ("sv", "Tredje gången fakturan är fel!! Jag är så förbannad.", "Skicka ditt kundnummer i ett privat meddelande."),
])
def test_straight_to_process_still_passes_the_feelings_by(grader, lang, customer, reply):
    grade = graded(grader, "acknowledge_feelings", lang, reply, customer)
    assert (grade.verdict, grade.reason) == (FAIL, "passed_by")


@pytest.mark.parametrize("lang, customer, reply", [
    ("sv", "Missade att ansöka om elstödet i tid, sista dagen var i går!! Helt sjukt.",
     "Hej! Efter sista dagen kan vi tyvärr inte ta emot ansökningar, eftersom det är Försäkringskassan som hanterar "
     "stödet – fast ring gärna dem och fråga, de gör ibland undantag."),
    ("ar", "التقرير يطلع بعد العملية. كيف أدفع على نادي ما أقدر أدخله أصلاً؟ هذا مو منطقي!",
     "النظام لا يسمح بإيقاف الاشتراك دون تقرير طبي، لذلك لا أستطيع فعل ذلك الآن. عندما يصدر التقرير، راجع الاستقبال."),
    ("lv", "Rēķins ir 340 eiro par mobilajiem datiem! Neviens man neatsūtīja brīdinājumu!!",
     "Turcija nav ES, tāpēc rēķinu atcelt nevaram. Varu to sadalīt trīs daļās."),
    ("en", "I did that. It's still greyed out. This is so frustrating!!",
     "Unfortunately that can't be changed from our side. Please make sure you're saving the change before leaving the page."),
])
def test_an_instruction_or_an_offer_after_a_refusal_is_not_no_step(grader, lang, customer, reply):
    grade = graded(grader, "next_step", lang, reply, customer)
    assert grade.verdict != FAIL, grade.explanation


@pytest.mark.parametrize("lang, customer, reply", [
    ("sv", "Jag fick höra att barnkortet har gått ut!! Ingen har sagt något, det var pinsamt.",
     "Ledsen för det, men barnkorten måste förnyas varje år enligt våra regler. Du kan förnya dem i receptionen nästa gång."),
    ("en", "Nobody told me the kids' cards expire every year!! So embarrassing.",
     "Sorry about that, but the cards must be renewed every year under our rules. Next time you can renew them at reception."),
    ("es", "¡¡Nadie me dijo que la tarjeta infantil caduca cada año!! Qué vergüenza.",
     "Lo siento, pero las tarjetas se renuevan cada año según nuestras normas. La próxima vez puede renovarlas en recepción."),
])
def test_what_the_customer_can_do_next_time_is_left_to_a_model(grader, lang, customer, reply):
    assert graded(grader, "next_step", lang, reply, customer).verdict == UNJUDGED


@pytest.mark.parametrize("lang, reply", [
    ("pl", "Przepraszamy – faktura nie wysłała się z powodu błędu w naszym systemie. Właśnie przesłaliśmy ją ponownie."),
    ("en", "Sorry, the invoice didn't go out because of a fault in our system. We've just sent it again."),
    ("es", "Perdona, la factura no salió por un fallo de nuestro sistema. Acabamos de enviártela de nuevo."),
    ("sv", "Förlåt, fakturan skickades inte på grund av ett fel i vårt system. Vi har precis skickat den igen."),
])
def test_a_fault_in_our_own_system_is_owned_not_an_excuse(grader, lang, reply):
    grade = graded(grader, "own_it", lang, reply, "I never got my invoice and it's due tomorrow!!")
    assert grade.verdict == PASS, grade.explanation


@pytest.mark.parametrize("lang, customer, reply", [
    ("en", "Can you guarantee my parcel arrives before Christmas if I send it today?",
     "We can't guarantee it for standard post. If you send it Special Delivery by 1pm, it's guaranteed for the next working day."),
    ("es", "¿Me garantizan que el paquete llega antes de Navidad si lo envío hoy?",
     "Con el envío económico no podemos garantizarlo. Si lo envías hoy por Express, la entrega está garantizada en 72 horas."),
    ("es", "Buenas, ¿la lavadora LX-900 tiene garantía de 3 años o de 2?",
     "¡Hola! La LX-900 tiene 3 años de garantía del fabricante, y el motor está garantizado 10 años."),
    ("en", "Does the X200 washer come with a 2 or 3 year warranty?",
     "The X200 has a 3-year warranty, and the motor is guaranteed 10 years."),
])
def test_a_services_or_products_guarantee_is_no_promise(grader, lang, customer, reply):
    assert graded(grader, "under_promise", lang, reply, customer).verdict != FAIL


@pytest.mark.parametrize("lang, customer, reply", [
    ("lv", "Ja iesniegšu apstrīdējumu, vai sodu atcels?", "Ja iesniegsiet apstrīdējumu, komisija sodu noteikti atcels."),
    ("en", "If I appeal, will they cancel the fine?", "If you appeal, I guarantee the commission will cancel the fine by Friday."),
    ("es", "Si recurro, ¿me quitan la multa?", "Si recurre, le garantizo que la comisión le anulará la multa el viernes."),
])
def test_a_certain_outcome_others_decide_is_still_an_over_promise(grader, lang, customer, reply):
    assert graded(grader, "under_promise", lang, reply, customer).verdict == FAIL


@pytest.mark.parametrize("lang, customer, reply", [
    ("ar", "جربت برجر الوحش مع صوص الشيطان… لساني لسه مولّع 🔥😂 بس يستاهل!",
     "ههههه صوص الشيطان ما يرحم أحد! شكراً إنك جربته. المرة الجاية جرب معه ميلك شيك الفانيلا، يطفي النار 😄"),
    ("en", "Tried the Monster burger with the Devil sauce… my tongue is still on fire 😂 worth it though!",
     "Hahaha the Devil sauce spares no one! Thanks for trying it. Next time try it with a vanilla shake, it puts the fire out 😄"),
    ("es", "Probé la hamburguesa Monstruo con la salsa Diablo… todavía me arde la lengua jajaja 😂 ¡pero vale la pena!",
     "¡Jajaja, la salsa Diablo no perdona! Gracias por probarla. La próxima vez pruébala con un batido de vainilla 😄"),
])
def test_advice_for_next_time_to_a_laughing_customer_is_not_blame(grader, lang, customer, reply):
    assert graded(grader, "no_condescending_apology", lang, reply, customer).verdict != FAIL


@pytest.mark.parametrize("lang, reply", [
    ("pl", "Nie ma sprawy, Mateusz! Niech kości będą łaskawe 😄 Miłej gry!"),
    ("pl", "Proszę bardzo, udanych wakacji!"),
    ("en", "No problem, Matthew! May the dice be kind 😄 Have a great game!"),
    ("es", "¡De nada, Mateo! Que los dados te acompañen 😄 ¡Que disfrutes la partida!"),
])
def test_a_wish_for_what_the_customer_does_next_closes_positively(grader, lang, reply):
    assert graded(grader, "positive_close", lang, reply, "Super, dzięki, to wszystko!" if lang == "pl"
                  else "Great, thanks, that's all!").verdict == PASS


@pytest.mark.parametrize("lang, customer, reply", [
    ("es", "Eres una payasa. ¡¡Tres días sin agua!!", "Señor Herrera, sé que tres días sin agua son desesperantes. Reviso el corte ahora."),
    ("sv", "4 800 kr i elräkning för en etta!! Helt sjukt.", "En elräkning på 4 800 kronor för en etta låter orimligt. Jag tittar på den nu."),
    ("sv", "Elementen har varit kalla i tre dagar. Jag är orolig på riktigt!!",
     "Sofia, 16 grader inomhus med en bebis är inget ni ska behöva stå ut med. Jag ringer dig inom en timme."),
    ("lv", "Internets nestrādā jau trešo dienu!! Neviens nav atbraucis.",
     "Jāni, trīs dienas bez interneta ir pamatīgas galvassāpes. Tehniķis būs pie Jums rīt no rīta."),
    ("ar", "الكهرباء مقطوعة منذ ست ساعات ووالدي مريض. أنا خائفة عليه!!",
     "أستاذة ريم، والدكِ على جهاز أكسجين، وخوفكِ عليه في محله. سجّلتُ بلاغكِ الآن."),
])
def test_the_situation_judged_in_plural_or_in_other_words_acknowledges_it(grader, lang, customer, reply):
    grade = graded(grader, "acknowledge_feelings", lang, reply, customer)
    assert grade.verdict == PASS, grade.explanation


def test_make_sure_you_do_is_an_instruction_not_sarcasm(grader):
    reply = "Good question! Take a photo of both meters and make sure you do it the day you get the keys."
    grade = graded(grader, "no_condescending_apology", "en", reply, "Moving house on the 28th, how do I give a meter reading?")
    assert grade.verdict == PASS, grade.explanation
    sarcastic = graded(grader, "no_condescending_apology", "en", "Sure you did.", "I did restart the router!!")
    assert sarcastic.verdict == FAIL
