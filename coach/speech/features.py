"""How a spoken reply sounded, in numbers: pace from the word timings, loudness from the audio,
and the long silences between words. Measured once when the reply is heard and kept on the turn."""

from __future__ import annotations

import numpy as np
from pydantic import BaseModel, Field

from coach.speech.audio import FRAME_S, RATE, frame_levels, speech_level, voiced
from coach.speech.profile import profile
from coach.speech.transcript import Transcript, Word, spread


class Stretch(BaseModel):
    """A run of words: from word `first` to word `last` (inclusive), and a number about it."""

    first: int
    last: int
    value: float


class VoiceFeatures(BaseModel):
    duration_s: float
    speech_s: float  # from the first word to the last, long silences left out
    words: int
    wpm: float | None = None  # words per minute over speech_s
    peak: Stretch | None = None  # the fastest stretch, in words per minute
    loudness_db: float | None = None  # the voice's level in dBFS, pauses left out
    loudest: Stretch | None = None  # the loudest stretch, in dBFS
    silences: list[Stretch] = Field(default_factory=list)  # a long gap after word `first`, in seconds
    timing: str = "words"


class Voice(BaseModel):
    """What the voice criterion grades: a spoken reply's words and numbers, and the trainee's own
    loudness in their first spoken turns (None on the first one)."""

    words: list[Word]
    features: VoiceFeatures
    baseline_db: float | None = None


def measure(transcript: Transcript, samples: np.ndarray) -> VoiceFeatures:
    p = profile()
    levels = frame_levels(samples)
    words = list(transcript.words)
    if transcript.timing == "none" and words:
        words = _spread_over_voice(transcript.text, levels) or words
    gaps = [Stretch(first=i, last=i + 1, value=round(words[i + 1].start - words[i].end, 2))
            for i in range(len(words) - 1) if words[i + 1].start - words[i].end >= p.long_silence_s]
    span = (words[-1].end - words[0].start) if words else 0.0
    speech_s = max(0.0, span - sum(g.value for g in gaps))
    wpm = round(len(words) / speech_s * 60, 1) if words and speech_s > 0 else None
    return VoiceFeatures(duration_s=round(len(samples) / RATE, 2), speech_s=round(speech_s, 2), words=len(words),
                         wpm=wpm, peak=_fastest(words, p.peak_words), loudness_db=_round(speech_level(levels)),
                         loudest=_loudest(words, levels, p.peak_words), silences=gaps, timing=transcript.timing)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _spread_over_voice(text: str, levels: np.ndarray) -> list[Word]:
    mask = voiced(levels)
    if not mask.any():
        return []
    frames = np.flatnonzero(mask)
    return spread(text, float(frames[0]) * FRAME_S, float(frames[-1] + 1) * FRAME_S)


def _fastest(words: list[Word], size: int) -> Stretch | None:
    """The stretch of `size` words said fastest (the whole reply when it is shorter)."""
    if len(words) < 2:
        return None
    size = min(size, len(words))
    best: Stretch | None = None
    for i in range(len(words) - size + 1):
        seconds = words[i + size - 1].end - words[i].start
        if seconds <= 0:
            continue
        rate = size / seconds * 60
        if best is None or rate > best.value:
            best = Stretch(first=i, last=i + size - 1, value=round(rate, 1))
    return best


def _loudest(words: list[Word], levels: np.ndarray, size: int) -> Stretch | None:
    """The stretch of `size` words said loudest."""
    if not words or levels.size == 0:
        return None
    size = min(size, len(words))
    best: Stretch | None = None
    for i in range(len(words) - size + 1):
        a = int(words[i].start / FRAME_S)
        b = max(a + 1, int(np.ceil(words[i + size - 1].end / FRAME_S)))
        level = speech_level(levels[a:b])
        if level is not None and (best is None or level > best.value):
            best = Stretch(first=i, last=i + size - 1, value=round(level, 1))
    return best


def baseline(earlier: list[VoiceFeatures]) -> float | None:
    """The trainee's own loudness: the mean level of their first spoken turns (in power)."""
    levels = [f.loudness_db for f in earlier[: profile().baseline_turns] if f.loudness_db is not None]
    if not levels:
        return None
    return round(float(10 * np.log10(np.mean([10 ** (v / 10) for v in levels]))), 1)


class SpokenReply(BaseModel):
    """What a spoken turn keeps besides its text: what was heard, how it sounded, and whether its
    audio was kept (the `keep_audio` setting; off by default)."""

    transcript: Transcript
    features: VoiceFeatures
    kept: bool = False

    def voice(self, earlier: list[SpokenReply]) -> Voice:
        """What the voice criterion grades, against the trainee's own earlier spoken turns."""
        return Voice(words=self.transcript.words, features=self.features,
                     baseline_db=baseline([e.features for e in earlier]))
