"""What the offline grader says about replies, criterion by criterion, in all six languages."""

from __future__ import annotations

import pytest

from coach.cases import Turn
from coach.grades import Verdict

PASS, FAIL, NA = Verdict.PASS, Verdict.FAIL, Verdict.NA


def verdict(grader, criterion, reply, lang, name=None, customer=None):
    context = [Turn(role="customer", content=customer)] if customer else []
    return grader.grade(reply, lang=lang, customer_name=name, context=context).get(criterion)


@pytest.mark.parametrize("lang, reply, expected", [
    ("en", "I understand, but that's our policy.", FAIL),
    ("en", "I hear you. That said, rules are rules.", FAIL),
    ("en", "I can't refund it today, but I can send a replacement right now.", PASS),
    ("en", "Sure, but first let me pull up your order.", PASS),
    ("es", "Sí, pero usted debió leer las condiciones.", FAIL),
    ("es", "No puedo reembolsarlo hoy, pero puedo enviarle otro ahora mismo.", PASS),
    ("sv", "Jag förstår, men det står i villkoren.", FAIL),
    ("sv", "Du har rätt. Med det sagt kan vi inte ändra priset.", FAIL),
    ("sv", "Jag kan inte återbetala i dag, men jag kan skicka en ny vara.", PASS),
    ("pl", "Rozumiem, ale taka jest nasza polityka.", FAIL),
    ("pl", "Rozumiem, ale mogę od razu wysłać nowy egzemplarz.", PASS),
    ("lv", "Saprotu, bet tā ir mūsu politika.", FAIL),
    ("lv", "Saprotu, bet varu uzreiz nosūtīt jaunu preci.", PASS),
    ("ar", "أفهم ذلك، لكن هذه سياسة الشركة.", FAIL),
    ("ar", "أفهم ذلك، لكنني أستطيع أن أرسل لك بديلاً اليوم.", PASS),
    ("en", "I know it's been a long wait, but I've just found your parcel and I'm booking a courier now.", PASS),
    ("en", "Sorry about that, but the system won't let me change it.", FAIL),  # "let me" deep in a refusal
    ("pl", "Wiem, że czekała pani długo, ale właśnie znalazłem paczkę.", PASS),
    ("pl", "Rozumiem. Niestety jednak nic więcej nie mogę zrobić.", FAIL),  # contrast after a short adverb
    ("en", "Absolutely, but first could you tell me the order number?", PASS),
    ("en", "Even though I understand, the rules don't allow it.", FAIL),  # the concession comes first
    ("en", "Although I understand, I'll do my best to fix it today.", PASS),
    ("sv", "Även om jag förstår dig tillåter reglerna inte det.", FAIL),  # no comma: verb-second order
    ("ar", "مع أنني أتفهمك، إلا أن القوانين لا تسمح بذلك.", FAIL),
])
def test_no_yes_but(grader, lang, reply, expected):
    grade = verdict(grader, "no_yes_but", reply, lang)
    assert grade.verdict is expected, grade.explanation
    if expected is FAIL:
        assert grade.evidence and grade.better and grade.confidence == "high"


@pytest.mark.parametrize("lang, reply, expected", [
    ("en", "It will arrive tomorrow, guaranteed.", FAIL),
    ("en", "This will never happen again.", FAIL),
    ("en", "I'll make sure your parcel is there by Friday.", FAIL),
    ("en", "I'll call you back before 4pm with what I find.", PASS),
    ("en", "I promise I'll call you back before 4pm.", PASS),
    ("en", "I can't guarantee when the courier arrives, but I'll chase them today.", PASS),
    ("en", "Your order number is 4471.", NA),
    ("en", "Your refund is issued; banks usually take 3-5 days to show it.", PASS),  # an honest estimate
    ("en", "Refunds take 14 days.", NA),  # policy, not a promise
    ("es", "Le garantizo que mañana tendrá su dinero en la cuenta.", FAIL),
    ("es", "Voy a consultarlo con mi supervisora y le llamo antes de las cuatro.", PASS),
    ("sv", "Paketet kommer fram i morgon, det garanterar jag.", FAIL),
    ("sv", "Jag gör mitt bästa för att lösa det så snabbt som möjligt.", PASS),
    ("sv", "Absolut, det löser vi. Jag har bytt dina biljetter till 21.15.", PASS),  # a yes, then the step
    ("sv", "Skicka kvittot, så gör jag en reklamationsanmälan åt dig i dag.", PASS),
    ("sv", "Åh, vad glad jag blir – jag ska absolut hälsa Jonas, det kommer han att uppskatta.", PASS),  # greetings passed on
    ("ar", "أصلحناه اليوم. ما أقدر أقول لك إن ما راح يصير أي خلل أبداً، بس بنراقب حسابك هالأسبوع.", PASS),  # not "never again"
    ("sv", "Konserten blir av den 3 september, det lovar jag.", FAIL),  # a promise, not the speaker's step
    ("en", "Definitely, it will arrive tomorrow.", FAIL),
    ("pl", "Gwarantuję, że paczka dotrze jutro.", FAIL),
    ("pl", "Sprawdzę status przesyłki i oddzwonię do pani przed 16:00.", PASS),
    ("lv", "Sūtījums noteikti pienāks rīt, es apsolu.", FAIL),
    ("lv", "Es pārbaudīšu sūtījumu un piezvanīšu jums līdz plkst. 15.", PASS),
    ("ar", "أضمن لك أن الطلب سيصل غداً.", FAIL),
    ("ar", "سأتحقق من الأمر وأعاود الاتصال بك خلال ساعة.", PASS),
    ("ar", "مرحباً أحمد، اسمي سارة.", NA),  # a name that starts like a future verb is not a promise
    ("ar", "انتهى العرض قبل ساعة، وسيارتك في الموقف.", NA),
])
def test_under_promise(grader, lang, reply, expected):
    grade = verdict(grader, "under_promise", reply, lang)
    assert grade.verdict is expected, grade.explanation


@pytest.mark.parametrize("lang, name, reply, expected", [
    ("en", "Anna Smith", "Hi Anna, my name is Tom.", PASS),
    ("en", "Anna Smith", "Good morning, Ms. Smith.", PASS),
    ("en", "Anna", "Dear customer, we received your complaint.", FAIL),
    ("en", "Bill", "I checked your bill and it is correct.", FAIL),
    ("pl", "Anna Nowak", "Pani Anno, nazywam się Marek.", PASS),
    ("pl", "Piotr", "Panie Piotrze, już sprawdzam.", PASS),
    ("pl", "Marek", "Panie Marku, przepraszam za kłopot.", PASS),
    ("pl", "Ewa", "Pani Ewo, dziękuję za cierpliwość.", PASS),
    ("pl", "Paweł", "Rozmawiałam o tym z panem Pawłem wczoraj.", PASS),
    ("lv", "Jānis", "Labdien, Jāni! Mani sauc Līga.", PASS),
    ("lv", "Kristaps", "Paldies, Kristap.", PASS),
    ("lv", "Jānis", "Labdien! Kā varu palīdzēt?", FAIL),
    ("lv", "Egils Saulītis", "Paldies, Saulīša kungs. Mani sauc Dainis.", PASS),
    ("lv", "Anna Kalvīte", "Paldies, Kalvīša kungs. Mani sauc Dainis.", FAIL),
    ("pl", "Jakub Malinowski", "Drodzy Państwo Malinowscy, nazywam się Michał.", PASS),
    ("pl", "Jan Nowak", "Szanowni Państwo Nowakowie, nazywam się Michał.", PASS),
    ("sv", "Erik", "Hej Erik, jag heter Sara.", PASS),
    ("es", "Lucía Fernández", "Hola, señora Fernández, soy Pedro.", PASS),
    ("ar", "أحمد", "مرحباً يا أحمد، اسمي سارة.", PASS),
    ("ar", "أحمد", "شكراً لأحمد على صبره.", PASS),
    ("ar", "أحمد", "عزيزي العميل، سننظر في طلبك.", FAIL),
    ("en", None, "Thanks for waiting.", NA),
])
def test_personalize_finds_inflected_names(grader, lang, name, reply, expected):
    grade = verdict(grader, "personalize", reply, lang, name=name)
    assert grade.verdict is expected, grade.explanation


def test_personalize_quotes_both_names(grader):
    grade = verdict(grader, "personalize", "Hi Anna, my name is Tom.", "en", name="Anna")
    assert [e.text for e in grade.evidence] == ["Anna", "Tom"]


def test_an_introduction_after_with_names_the_trainee(grader):
    grade = verdict(grader, "personalize", "Labdien, Rihard, jūs runājat ar Zani.", "lv", name="Rihards Krūmiņš")
    assert [e.text for e in grade.evidence] == ["Rihard", "Zani"]


@pytest.mark.parametrize("lang, reply, expected", [
    ("en", "I'm sorry you feel that way.", FAIL),
    ("en", "Sorry if my colleague's comment upset you.", FAIL),
    ("en", "Calm down, there's no reason to be upset.", FAIL),
    ("en", "As I already explained, the offer has ended.", FAIL),
    ("en", "I'm sorry we sent the wrong size; that's on us.", PASS),
    ("en", "I'm sorry you had to wait so long.", PASS),
    ("es", "Lamento que se sienta así.", FAIL),
    ("es", "Lamento mucho el retraso de su pedido.", PASS),
    ("sv", "Jag är ledsen att du känner så.", FAIL),
    ("sv", "Jag är ledsen att vi inte kan ge dig en återbetalning.", PASS),
    ("pl", "Proszę się uspokoić, już to panu tłumaczyłem.", FAIL),
    ("pl", "Przepraszam za opóźnienie, to nasz błąd.", PASS),
    ("lv", "Man žēl, ka jūs tā jūtaties.", FAIL),
    ("lv", "Atvainojos par kavēšanos.", PASS),
    ("ar", "آسف إذا شعرت بالإهانة.", FAIL),
    ("ar", "أعتذر عن التأخير، هذا خطؤنا.", PASS),
    ("en", "I won't tell you to calm down: I'd be upset too.", PASS),  # reported, not said
    ("en", "I'm sorry that you're disappointed with our service.", FAIL),
    ("pl", "Spokojnie, wszystko będzie dobrze.", FAIL),
    ("pl", "Przepraszam, że wysłaliśmy zły rozmiar.", PASS),  # 'zły' here is the size, not the customer
])
def test_no_condescending_apology(grader, lang, reply, expected):
    grade = verdict(grader, "no_condescending_apology", reply, lang)
    assert grade.verdict is expected, grade.explanation


def test_boundaries_apply_only_when_the_customer_is_abusive(grader):
    reply = "I want to help you, but I can only continue if we keep this respectful."
    assert verdict(grader, "set_boundaries", reply, "en").verdict is NA
    abusive = "You useless idiots!"
    assert verdict(grader, "set_boundaries", reply, "en", customer=abusive).verdict is PASS
    assert verdict(grader, "set_boundaries", "Yes sir, whatever you say.", "en", customer=abusive).verdict is FAIL


def test_feelings_are_judged_against_an_upset_customer(grader):
    angry = "This is ridiculous, I've waited two weeks!"
    assert verdict(grader, "acknowledge_feelings", "Order number?", "en", customer=angry).verdict is FAIL
    assert verdict(grader, "acknowledge_feelings", "That sounds really frustrating.", "en", customer=angry).verdict is PASS
    assert verdict(grader, "acknowledge_feelings", "Order number?", "en").verdict is NA


def test_excuses_fail_and_ownership_passes(grader):
    assert verdict(grader, "own_it", "It's not my fault, the warehouse sent the wrong item.", "en").verdict is FAIL
    assert verdict(grader, "own_it", "To nie moja wina, to kurier się spóźnił.", "pl").verdict is FAIL
    assert verdict(grader, "own_it", "That's our mistake and I'll fix it.", "en").verdict is PASS


def test_closing_turns_are_graded_for_a_positive_close(grader):
    bye = "OK thanks, that's all."
    assert verdict(grader, "positive_close", "Fine.", "en", customer=bye).verdict is FAIL
    assert verdict(grader, "positive_close", "Thank you for your patience! Have a great day.", "en", customer=bye).verdict is PASS
    assert verdict(grader, "positive_close", "Let me check.", "en").verdict is NA
    mid = "Yes. Frustrating is the word. Thank you."  # thanks in passing is not a goodbye
    assert verdict(grader, "positive_close", "I'll check it now.", "en", customer=mid).verdict is NA
    assert verdict(grader, "positive_close", "Jag kollar.", "sv", customer="Tack så mycket!").verdict is FAIL


def test_unprofessional_language_fails(grader):
    assert verdict(grader, "stay_professional", "Are you stupid? READ THE EMAIL AGAIN.", "en").verdict is FAIL
    assert verdict(grader, "stay_professional", "I'm here to help.", "en").verdict is PASS


@pytest.mark.parametrize("criterion", ["no_yes_but", "under_promise", "personalize", "no_condescending_apology"])
def test_the_rubric_examples_are_graded_as_the_rubric_says(grader, rubric, criterion):
    c = rubric.get(criterion)
    for example, expected in [(e, PASS) for e in c.pass_examples] + [(e, FAIL) for e in c.fail_examples]:
        grade = verdict(grader, criterion, example.text, example.lang, name=example.customer_name)
        assert grade.verdict is expected, f"{criterion} {example.lang}: {example.text!r}: {grade.explanation}"


def test_the_better_phrasing_uses_the_names(grader):
    grade = grader.grade("Dear customer, I'm Tom. I understand, but that's policy.", lang="en", customer_name="Anna")
    assert grade.get("no_yes_but").better.startswith("I hear you, Anna.")
    assert "Tom" in grade.get("personalize").better
