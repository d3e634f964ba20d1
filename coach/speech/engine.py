"""Speech for calls: transcription and the customer's voice, through an OpenAI-compatible audio
endpoint when one is configured, else (and whenever it fails) the embedded engines.

A failed endpoint call falls back at once to faster-whisper or espeak-ng with a one-line notice,
and the endpoint is left alone for 30 seconds so the next turns do not wait on it again. The
`openai` client never retries on its own: a spoken turn cannot wait for backoffs.
"""

from __future__ import annotations

import subprocess
import threading
import time
from collections.abc import Iterator

import numpy as np
import openai

from coach.errors import ConfigError, EndpointError, Refusal
from coach.notices import Notice, NoticeKind, notice
from coach.settings import Settings
from coach.speech.audio import RATE, decode, frame_levels, voiced_seconds
from coach.speech.speak import EndpointSpeaker, EspeakSpeaker, Speaker, Style, sentences
from coach.speech.transcribe import EndpointTranscriber, Transcriber, WhisperTranscriber, endpoint_failed
from coach.speech.transcript import Transcript

PAUSE_AFTER_FAILURE_S = 30.0
MIN_VOICED_S = 0.3  # less voice than this is no reply at all (and Whisper would invent one)


class Heard:
    """A recording decoded once: its samples and what was said."""

    def __init__(self, samples: np.ndarray, transcript: Transcript, notices: list[Notice]):
        self.samples = samples
        self.transcript = transcript
        self.notices = notices


class Speech:
    def __init__(self, settings: Settings):
        self.settings = settings
        self.whisper = WhisperTranscriber(settings.whisper_model)
        self.espeak = EspeakSpeaker()
        self.endpoint = settings.speech_endpoint
        self.remote_transcriber: Transcriber | None = None
        self.remote_speaker: Speaker | None = None
        if self.endpoint:
            client = openai.OpenAI(api_key=settings.speech_key(), base_url=self.endpoint,
                                   timeout=settings.speech_timeout, max_retries=0)
            self.remote_transcriber = EndpointTranscriber(client, settings.transcription_model, self.endpoint,
                                                          settings.speech_timeout)
            self.remote_speaker = EndpointSpeaker(client, settings.speech_model, settings.speech_voice,
                                                  settings.speech_voice_angry, self.endpoint, settings.speech_timeout)
        self._paused_until = 0.0
        self._pause_reason = ""
        self._lock = threading.Lock()

    def describe(self) -> str:
        if self.remote_transcriber and self.remote_speaker:
            return (f"transcription {self.remote_transcriber.describe()}, voice {self.remote_speaker.describe()} "
                    "(faster-whisper and espeak-ng stand in if it fails)")
        return f"transcription {self.whisper.describe()}, voice {self.espeak.describe()}"

    @property
    def max_recording_bytes(self) -> int:
        """The largest upload that can hold a reply of the longest length allowed (48 kHz stereo
        16-bit WAV, the largest a browser sends): anything bigger is refused unread."""
        return int(self.settings.max_speech_seconds * 48_000 * 2 * 2) + 64_000

    @property
    def can_speak(self) -> bool:
        return self.remote_speaker is not None or self.espeak.available

    # -- the endpoint, and when to leave it alone ------------------------------------------------
    def _remote_ok(self) -> str | None:
        """None when the endpoint may be tried; else why not (it failed moments ago)."""
        return self._pause_reason if time.monotonic() < self._paused_until else None

    def _failed(self, exc: BaseException) -> Notice:
        error = exc if isinstance(exc, EndpointError) else endpoint_failed(exc, self.endpoint or "")
        with self._lock:
            self._paused_until = time.monotonic() + PAUSE_AFTER_FAILURE_S
            self._pause_reason = error.reason
        return notice(NoticeKind.SPEECH_FALLBACK, endpoint=self.endpoint, reason=error.reason)

    def _skipped(self, reason: str) -> Notice:
        return notice(NoticeKind.SPEECH_FALLBACK, endpoint=self.endpoint, reason=reason)

    # -- hearing -------------------------------------------------------------------------------------
    def hear(self, recording: bytes | str, lang: str) -> Heard:
        """Decode and transcribe a spoken reply. Refuses (in words a trainee can act on) a recording
        that is unreadable, too long, or silent."""
        if isinstance(recording, bytes) and len(recording) > self.max_recording_bytes:
            raise Refusal("error.audio_too_long", seconds="?", limit=round(self.settings.max_speech_seconds))
        samples = decode(recording)
        seconds = len(samples) / RATE
        if seconds > self.settings.max_speech_seconds:
            raise Refusal("error.audio_too_long", seconds=round(seconds), limit=round(self.settings.max_speech_seconds))
        if voiced_seconds(frame_levels(samples)) < MIN_VOICED_S:
            raise Refusal("error.audio_silent")
        transcript, notices = self.transcribe(samples, lang)
        if not transcript.text.strip():
            raise Refusal("error.audio_silent")
        return Heard(samples, transcript, notices)

    def transcribe(self, samples: np.ndarray, lang: str) -> tuple[Transcript, list[Notice]]:
        notices: list[Notice] = []
        if self.remote_transcriber is not None:
            paused = self._remote_ok()
            if paused is None:
                try:
                    return self.remote_transcriber.transcribe(samples, lang), notices
                except (openai.OpenAIError, EndpointError) as exc:
                    notices.append(self._failed(exc))
            else:
                notices.append(self._skipped(paused))
        return self.whisper.transcribe(samples, lang), notices

    # -- speaking ------------------------------------------------------------------------------------
    def say(self, text: str, style: Style) -> Iterator[tuple[str, bytes | None, list[Notice]]]:
        """The line sentence by sentence, each spoken as soon as it is ready: (sentence, WAV or None
        when no engine could speak it, notices)."""
        for sentence in sentences(text):
            yield (sentence, *self.speak(sentence, style))

    def speak(self, text: str, style: Style) -> tuple[bytes | None, list[Notice]]:
        notices: list[Notice] = []
        if self.remote_speaker is not None:
            paused = self._remote_ok()
            if paused is None:
                try:
                    return self.remote_speaker.speak(text, style), notices
                except (openai.OpenAIError, EndpointError) as exc:
                    notices.append(self._failed(exc))
            else:
                notices.append(self._skipped(paused))
        try:
            return self.espeak.speak(text, style), notices
        except (ConfigError, OSError, subprocess.SubprocessError) as exc:
            return None, [*notices, notice(NoticeKind.NO_VOICE, reason=str(exc)[:160])]
