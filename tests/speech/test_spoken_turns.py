"""Spoken turns through the turn loop: heard, measured, graded with everything else, and kept as
text (the audio only when asked)."""

from __future__ import annotations

import asyncio

from coach.grades import Verdict
from coach.personas import load_personas
from coach.practice import start_practice
from coach.settings import Settings
from coach.speech.features import SpokenReply, measure
from coach.testing.voices import synthesize

CALM = "I understand how frustrating this is. Let me check your order right now, and I will call you back today."
RUSHED = "Look I already told you the parcel is on its way so there is nothing more I can do about it right now okay."


def spoken(speech, wav: bytes, lang: str = "en") -> tuple[str, SpokenReply]:
    heard = speech.hear(wav, lang)
    return heard.transcript.text, SpokenReply(transcript=heard.transcript,
                                              features=measure(heard.transcript, heard.samples))


def practice(persona_id: str = "indecisive-shopper"):
    personas, _ = load_personas()
    persona = next(p for p in personas if p.id == persona_id)
    return start_practice(persona, settings=Settings(engine="offline"))


def test_a_fast_shouted_reply_fails_the_voice_criterion_quoting_its_pace_and_a_calm_one_passes(speech):
    p = practice()
    calm_text, calm = spoken(speech, synthesize(CALM, "en", rate=125, amplitude=50))
    first = asyncio.run(p.turn(calm_text, spoken=calm))
    g = first.grade.get("calm_voice")
    assert g.verdict is Verdict.PASS, g.explanation
    assert f"{round(calm.features.wpm or 0)} words a minute" in g.explanation
    assert first.voice is not None and first.voice.transcript.text == calm_text and not first.voice.kept

    fast_text, fast = spoken(speech, synthesize(RUSHED, "en", rate=300, amplitude=200))
    second = asyncio.run(p.turn(fast_text, spoken=fast))
    g = second.grade.get("calm_voice")
    assert g.verdict is Verdict.FAIL and g.reason == "too_fast_and_loud", g.explanation
    assert f"You spoke at {round(fast.features.wpm or 0)} words a minute" in g.explanation
    assert fast.features.wpm and fast.features.wpm > 250
    assert g.evidence and all(fast_text[e.start:e.end] == e.text for e in g.evidence)
    assert g.evidence[0].text in g.explanation  # the words where the pace peaked, quoted

    typed = asyncio.run(p.turn("Thank you for waiting. I have found your parcel and it arrives tomorrow."))
    assert typed.grade.get("calm_voice").verdict is Verdict.NA and typed.voice is None


def test_loudness_is_compared_with_the_trainees_own_first_spoken_turns(speech):
    p = practice("lawsuit-19-dollars")  # a customer who stays on the line for three calm replies
    for _ in range(2):
        text, quiet = spoken(speech, synthesize(CALM, "en", rate=125, amplitude=40))
        assert asyncio.run(p.turn(text, spoken=quiet)).grade.get("calm_voice").verdict is Verdict.PASS
    text, loud = spoken(speech, synthesize(CALM, "en", rate=125, amplitude=200))
    g = asyncio.run(p.turn(text, spoken=loud)).grade.get("calm_voice")
    assert g.verdict is Verdict.FAIL and g.reason == "raised_voice", g.explanation
    assert "dB louder than in your first turns" in g.explanation


def test_a_long_silence_in_a_spoken_reply_is_measured(speech):
    first = synthesize("Let me check your order in the system.", "en", rate=140, pause_after=5.0)
    second = synthesize("Thank you for waiting, I have found it and it ships today.", "en", rate=140)
    import io
    import wave

    def frames(data: bytes) -> tuple[bytes, wave._wave_params]:
        with wave.open(io.BytesIO(data)) as w:
            return w.readframes(w.getnframes()), w.getparams()

    a, params = frames(first)
    b, _ = frames(second)
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setparams(params)
        w.writeframes(a + b)
    text, reply = spoken(speech, out.getvalue())
    assert reply.features.silences and reply.features.silences[0].value >= 4.0
    g = asyncio.run(practice().turn(text, spoken=reply)).grade.get("calm_voice")
    assert g.verdict is Verdict.FAIL and g.reason == "long_silence" and "system" in g.explanation


def test_silence_and_noise_are_refused_in_words_not_transcribed(speech):
    import numpy as np
    import pytest

    from coach.errors import Refusal
    from coach.speech.audio import wav_bytes

    with pytest.raises(Refusal) as silent:
        speech.hear(wav_bytes(np.zeros(32000, dtype=np.float32)), "en")
    assert silent.value.key == "error.audio_silent"
    with pytest.raises(Refusal) as garbage:
        speech.hear(b"not audio at all" * 100, "en")
    assert garbage.value.key == "error.audio_unreadable"
