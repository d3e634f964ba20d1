from __future__ import annotations

import pytest

from coach.personas import load_personas


@pytest.fixture(scope="session")
def personas():
    """The shipped personas, which must all load."""
    personas, errors = load_personas()
    assert not errors, [str(e) for e in errors]
    return personas


# Replies that reliably steer a conversation, per language: a good one (names, empathy,
# own next step), a mildly poor one (no name), a bad one (yes-but, talking down, a guarantee)
# and a boundary for abusive customers. {name} is the customer's first name.
REPLIES = {
    "en": {
        "good": "I'm so sorry, {name}. My name is Sam. That sounds really frustrating, and that's our mistake. "
                "I'll check it myself right now and call you back before 4pm.",
        "mild": "Please hold on a moment.",
        "bad": "Calm down. I understand, but that's our policy. It will arrive tomorrow, guaranteed.",
        "boundary": "{name}, I want to help you, but I can only continue if we keep this respectful.",
    },
    "es": {
        "good": "Lo siento mucho, {name}. Me llamo Sam. Entiendo perfectamente lo frustrante que es esto y ha sido "
                "un error nuestro. Voy a revisarlo yo mismo ahora y le llamo antes de las cuatro.",
        "mild": "Espere un momento, por favor.",
        "bad": "Cálmese. Entiendo, pero esa es nuestra política. Le garantizo que mañana llegará.",
        "boundary": "{name}, quiero ayudarle, pero solo puedo continuar si mantenemos el respeto.",
    },
    "sv": {
        "good": "Jag är så ledsen, {name}. Jag heter Sam. Jag förstår hur frustrerande det här är, och det är vårt "
                "fel. Jag kollar det själv nu och ringer dig före klockan fyra.",
        "mild": "Vänta ett ögonblick, tack.",
        "bad": "Lugna ner dig. Jag förstår, men det är vår policy. Det kommer fram i morgon, det garanterar jag.",
        "boundary": "{name}, jag vill hjälpa dig, men bara om vi håller en respektfull ton.",
    },
    "pl": {
        "good": "Bardzo przepraszam, {name}. Nazywam się Sam. Rozumiem, jak bardzo to frustrujące, to nasz błąd. "
                "Sam to sprawdzę i oddzwonię przed szesnastą.",
        "mild": "Proszę chwilę poczekać.",
        "bad": "Proszę się uspokoić. Rozumiem, ale taka jest nasza polityka. Gwarantuję, że jutro dotrze.",
        "boundary": "{name}, chcę panu pomóc, ale tylko jeśli rozmowa będzie kulturalna.",
    },
    "lv": {
        "good": "Atvainojos, {name}. Mani sauc Sems. Saprotu, cik tas ir nepatīkami, un tā ir mūsu kļūda. Es pats "
                "to pārbaudīšu un piezvanīšu jums līdz plkst. 16.",
        "mild": "Lūdzu, uzgaidiet mirkli.",
        "bad": "Nomierinieties. Saprotu, bet tā ir mūsu politika. Sūtījums noteikti pienāks rīt.",
        "boundary": "{name}, es gribu jums palīdzēt, bet varu turpināt tikai tad, ja saruna būs cieņpilna.",
    },
    "ar": {
        "good": "أعتذر بشدة يا {name}. اسمي سام. أتفهم تمامًا مدى إزعاج هذا الأمر، وهذا خطؤنا. سأتحقق من الأمر "
                "بنفسي الآن وأتصل بك قبل الساعة الرابعة.",
        "mild": "لحظة من فضلك.",
        "bad": "اهدأ. أفهم ذلك، لكن هذه سياسة الشركة. أضمن لك أن الطلب سيصل غدًا.",
        "boundary": "{name}، أريد مساعدتك، لكن لا يمكنني الاستمرار إذا استمرت الإهانات.",
    },
}


def reply(persona, kind: str) -> str:
    return REPLIES[persona.language][kind].format(name=persona.customer_name.split()[0])
