"""Text to speech in the customer's mood: espeak-ng on this machine, or any OpenAI-compatible speech
endpoint through the `openai` client. An angry customer speaks faster, louder and higher."""

from __future__ import annotations

import re
import shutil
import subprocess
from typing import Protocol

import openai
from pydantic import BaseModel

from coach.errors import ConfigError
from coach.speech.profile import between, profile

_SENTENCE = re.compile(r"[^.!?…؟\n]+(?:[.!?…؟]+[\"'”»)]*|\n|$)", re.UNICODE)
MIN_SENTENCE_CHARS = 12  # a shorter piece ("No." "Well...") is said together with the next


class Style(BaseModel):
    """How the customer sounds right now."""

    mood: int  # 0 calm .. 100 furious
    lang: str


def sentences(text: str) -> list[str]:
    """The text in sentences, each said (and sent to the page) as soon as it is ready."""
    pieces = [m.group().strip() for m in _SENTENCE.finditer(text) if m.group().strip()]
    out: list[str] = []
    for piece in pieces:
        if out and len(out[-1]) < MIN_SENTENCE_CHARS:
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    if len(out) > 1 and len(out[-1]) < MIN_SENTENCE_CHARS:
        out[-2:] = [f"{out[-2]} {out[-1]}"]
    return out


class Speaker(Protocol):
    def describe(self) -> str: ...

    def speak(self, text: str, style: Style) -> bytes: ...


class EspeakSpeaker:
    """Debian's espeak-ng: robotic, but in all six languages, offline, and in tens of milliseconds."""

    def __init__(self, binary: str | None = None):
        self.binary = binary or shutil.which("espeak-ng") or ""

    @property
    def available(self) -> bool:
        return bool(self.binary)

    def describe(self) -> str:
        return "espeak-ng (on this machine)"

    def arguments(self, style: Style) -> list[str]:
        p = profile().espeak
        voice = p.voices.get(style.lang) or p.voices["en"]  # type: ignore[call-overload]
        return ["-v", voice,
                "-s", str(round(between(p.calm.rate, p.furious.rate, style.mood))),
                "-p", str(round(between(p.calm.pitch, p.furious.pitch, style.mood))),
                "-a", str(round(between(p.calm.amplitude, p.furious.amplitude, style.mood)))]

    def speak(self, text: str, style: Style) -> bytes:
        if not self.available:
            raise ConfigError("espeak-ng is not installed (apt-get install espeak-ng; scripts/start installs it)")
        # the text goes in on standard input: nothing a model wrote can become an option
        done = subprocess.run([self.binary, *self.arguments(style), "--stdout"], input=text.encode("utf-8"),
                              capture_output=True, timeout=30, check=False)
        if done.returncode != 0 or not done.stdout.startswith(b"RIFF"):
            raise ConfigError(f"espeak-ng failed: {done.stderr.decode('utf-8', 'replace').strip()[:200]}")
        return _fix_wav_sizes(done.stdout)


def _fix_wav_sizes(data: bytes) -> bytes:
    """espeak-ng writing to a pipe cannot seek back, so its WAV header says 'unknown length'
    (0x7fffffff); set the real sizes so every player and the wave module read it."""
    if len(data) < 44 or data[36:40] != b"data":
        return data
    body = len(data) - 44
    return data[:4] + (36 + body).to_bytes(4, "little") + data[8:40] + body.to_bytes(4, "little") + data[44:]


class EndpointSpeaker:
    """`audio.speech.create`, streamed, at an OpenAI-compatible server; the mood sets the speed and,
    when an angry voice is configured, the voice."""

    def __init__(self, client: openai.OpenAI, model: str, voice: str, angry_voice: str | None, endpoint: str,
                 timeout: float):
        self.client = client
        self.model = model
        self.voice = voice
        self.angry_voice = angry_voice
        self.endpoint = endpoint
        self.timeout = timeout

    def describe(self) -> str:
        return f"{self.model} ({self.voice}) at {self.endpoint}"

    def speak(self, text: str, style: Style) -> bytes:
        p = profile().endpoint
        voice = self.angry_voice if self.angry_voice and style.mood >= 60 else self.voice
        speed = round(between(p.calm.speed, p.furious.speed, style.mood), 2)
        with self.client.audio.speech.with_streaming_response.create(
                model=self.model, voice=voice, input=text, response_format="wav", speed=speed,
                timeout=self.timeout) as response:
            return b"".join(response.iter_bytes())
