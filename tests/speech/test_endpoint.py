"""Speech through an OpenAI-compatible audio endpoint (the loopback fake server, through the real
`openai` client), and the embedded engines standing in when it fails."""

from __future__ import annotations

import socket

import pytest

from coach.notices import NoticeKind
from coach.settings import Settings
from coach.speech.audio import read_wav
from coach.speech.engine import Speech
from coach.speech.speak import Style
from coach.testing.fake_openai import FakeOpenAI, Scripted
from coach.testing.voices import synthesize

REPLY = "I understand how frustrating this is. Let me check your order right now."


@pytest.fixture
def fake():
    with FakeOpenAI(hearing=lambda audio, form: f"heard {len(audio)} bytes in {form.get('language')}") as server:
        yield server


def endpoint_speech(server_url: str, **extra) -> Speech:
    return Speech(Settings(speech_base_url=server_url, speech_api_key="sk-test-0000", speech_timeout=5.0, **extra))


def test_a_reply_is_transcribed_by_the_endpoint_with_word_timings(fake):
    heard = endpoint_speech(fake.base_url).hear(synthesize(REPLY, "en"), "en")
    sent = fake.audio_requests[0]
    assert sent["path"] == "transcriptions" and sent["filename"] == "reply.wav"
    assert sent["fields"]["model"] == "whisper-1" and sent["fields"]["language"] == "en"
    assert sent["fields"]["response_format"] == "verbose_json" and "word" in sent["fields"]["timestamp_granularities"]
    assert heard.transcript.text == f"heard {sent['bytes']} bytes in en" and heard.transcript.timing == "words"
    assert heard.transcript.engine == f"whisper-1 at {fake.base_url}" and not heard.notices
    assert [w.text for w in heard.transcript.words] == heard.transcript.text.split()


def test_a_server_that_times_only_segments_still_gives_a_pace():
    with FakeOpenAI(word_timings=False) as server:
        heard = endpoint_speech(server.base_url).hear(synthesize(REPLY, "en"), "en")
    assert heard.transcript.timing == "segments" and len(heard.transcript.words) == 7


def test_the_customer_is_spoken_by_the_endpoint_streamed_at_the_moods_speed(fake):
    speech = endpoint_speech(fake.base_url, speech_voice="alloy", speech_voice_angry="onyx")
    calm, notices = speech.speak("Thank you, that helps.", Style(mood=10, lang="en"))
    angry, _ = speech.speak("This is the third time I am calling!", Style(mood=90, lang="en"))
    assert calm and angry and calm.startswith(b"RIFF") and not notices
    first, second = fake.audio_requests
    assert first["model"] == "tts-1" and first["voice"] == "alloy" and first["response_format"] == "wav"
    assert second["voice"] == "onyx" and second["speed"] > first["speed"]
    assert read_wav(angry)[1].size > 0


def test_the_chat_models_endpoint_serves_audio_when_asked(fake):
    speech = Speech(Settings(base_url=fake.base_url, api_key="sk-test-0000", speech="endpoint"))
    assert speech.endpoint == fake.base_url
    speech.hear(synthesize(REPLY, "en"), "en")
    assert fake.audio_requests and fake.audio_requests[0]["path"] == "transcriptions"


def dead_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"  # nothing listens there any more


def test_a_dead_audio_endpoint_falls_back_to_the_embedded_engines_with_one_notice(speech):
    remote = endpoint_speech(dead_url())
    remote.whisper = speech.whisper  # the model already loaded
    heard = remote.hear(synthesize(REPLY, "en", rate=140), "en")
    assert heard.transcript.engine == "faster-whisper" and "check your order" in heard.transcript.text
    [fallback] = heard.notices
    assert fallback.kind is NoticeKind.SPEECH_FALLBACK and fallback.params["reason"] == "connection refused"
    assert fallback.text("en").count("\n") == 0 and remote.endpoint in fallback.text("en")
    wav, notices = remote.speak("Fine. Go on.", Style(mood=50, lang="en"))
    assert wav and wav.startswith(b"RIFF")  # espeak-ng spoke it
    assert [n.kind for n in notices] == [NoticeKind.SPEECH_FALLBACK]


def test_after_a_failure_the_endpoint_is_left_alone_for_a_while(fake, speech):
    remote = endpoint_speech(fake.base_url)
    remote.whisper = speech.whisper
    fake.script_audio(Scripted(status=500, error="model crashed"))
    first = remote.hear(synthesize(REPLY, "en", rate=140), "en")
    assert first.notices[0].params["reason"].startswith("HTTP 500")
    second = remote.hear(synthesize(REPLY, "en", rate=140), "en")
    assert len(fake.audio_requests) == 1  # not asked again so soon
    assert second.transcript.engine == "faster-whisper" and second.notices[0].kind is NoticeKind.SPEECH_FALLBACK
