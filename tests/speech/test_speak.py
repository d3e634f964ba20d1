"""The customer's voice: sentence by sentence, and sounding like their mood."""

from __future__ import annotations

from coach.speech.audio import frame_levels, read_wav, speech_level
from coach.speech.speak import EspeakSpeaker, Style, sentences

LINE = {
    "en": "This is the third time I am calling. Where is my parcel?",
    "es": "Es la tercera vez que llamo. ¿Dónde está mi paquete?",
    "sv": "Det här är tredje gången jag ringer. Var är mitt paket?",
    "pl": "Dzwonię już trzeci raz. Gdzie jest moja paczka?",
    "lv": "Es zvanu jau trešo reizi. Kur ir mana paciņa?",
    "ar": "هذه ثالث مرة أتصل فيها. أين الطرد الذي طلبته قبل أسبوعين؟",
}


def test_a_line_is_said_sentence_by_sentence_in_every_language():
    for lang, line in LINE.items():
        parts = sentences(line)
        assert len(parts) == 2, (lang, parts)
        assert " ".join(parts) == line
    assert sentences("No. I want it now!") == ["No. I want it now!"]  # a very short piece joins the next


def test_an_angry_customer_speaks_faster_louder_and_higher_than_a_calm_one():
    espeak = EspeakSpeaker()
    calm_args = espeak.arguments(Style(mood=5, lang="en"))
    angry_args = espeak.arguments(Style(mood=95, lang="en"))
    value = {a: int(b) for a, b in zip(calm_args[2::2], calm_args[3::2], strict=True)}
    hot = {a: int(b) for a, b in zip(angry_args[2::2], angry_args[3::2], strict=True)}
    assert hot["-s"] > value["-s"] and hot["-p"] > value["-p"] and hot["-a"] > value["-a"]
    for lang, line in LINE.items():
        rate_calm, calm = read_wav(espeak.speak(line, Style(mood=5, lang=lang)))
        rate_angry, angry = read_wav(espeak.speak(line, Style(mood=95, lang=lang)))
        assert len(angry) / rate_angry < 0.85 * len(calm) / rate_calm, lang  # faster
        louder = (speech_level(frame_levels(angry, rate_angry)) or 0) - (speech_level(frame_levels(calm, rate_calm)) or 0)
        assert louder > 3.0, lang


def test_what_a_model_wrote_cannot_become_an_espeak_option():
    wav = EspeakSpeaker().speak("--help -w /tmp/owned.wav", Style(mood=50, lang="en"))
    assert wav.startswith(b"RIFF")
    import os

    assert not os.path.exists("/tmp/owned.wav")
