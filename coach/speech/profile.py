"""The numbers behind the voice criterion and the customer's voice, read from `data/voice.yaml`."""

from __future__ import annotations

import functools

from pydantic import BaseModel, ConfigDict, Field

from coach.datafile import load_model
from coach.languages import Lang
from coach.locations import shipped


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EspeakVoice(Strict):
    rate: int = Field(ge=80, le=450, description="words per minute")
    pitch: int = Field(ge=0, le=99)
    amplitude: int = Field(ge=0, le=200)


class EspeakVoices(Strict):
    calm: EspeakVoice
    furious: EspeakVoice
    voices: dict[Lang, str]


class EndpointVoice(Strict):
    speed: float = Field(ge=0.25, le=4.0)


class EndpointVoices(Strict):
    calm: EndpointVoice
    furious: EndpointVoice


class VoiceProfile(Strict):
    fast_wpm: dict[Lang, int]
    peak_words: int = Field(ge=2, le=20)
    min_words: int = Field(ge=1)
    min_speech_s: float = Field(ge=0)
    raised_db: float = Field(gt=0)
    baseline_turns: int = Field(ge=1)
    long_silence_s: float = Field(gt=0)
    espeak: EspeakVoices
    endpoint: EndpointVoices

    def fast_limit(self, lang: str) -> int:
        return self.fast_wpm.get(lang) or self.fast_wpm["en"]  # type: ignore[call-overload]


@functools.cache
def profile() -> VoiceProfile:
    return load_model(shipped("voice.yaml"), VoiceProfile)


def between(calm: float, furious: float, mood: int) -> float:
    """The value at `mood` (0 calm .. 100 furious) on the line from calm to furious."""
    share = max(0, min(100, mood)) / 100
    return calm + (furious - calm) * share
