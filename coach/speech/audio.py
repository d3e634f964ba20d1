"""Audio in and out: any recording the browser or a file gives, decoded to 16 kHz mono; WAV
written for the page and the endpoints; loudness measured as a person hears a raised voice."""

from __future__ import annotations

import io
import wave
from pathlib import Path

import numpy as np

from coach.errors import Refusal

RATE = 16_000  # what Whisper reads
FRAME_S = 0.03
# frames quieter than the loudest by more than this are pauses, not voice
VOICED_RANGE_DB = 30.0
SILENCE_DBFS = -55.0


def decode(source: bytes | str | Path) -> np.ndarray:
    """A recording (WAV, WebM/Opus, MP3, ...) as 16 kHz mono float32 samples."""
    from faster_whisper.audio import decode_audio

    try:
        stream = io.BytesIO(source) if isinstance(source, bytes) else str(source)
        samples = decode_audio(stream, sampling_rate=RATE)
    except Exception:  # PyAV raises its own error types for every kind of bad input
        raise Refusal("error.audio_unreadable") from None
    return np.asarray(samples, dtype=np.float32)


def wav_bytes(samples: np.ndarray, rate: int = RATE) -> bytes:
    """16-bit mono WAV."""
    pcm = (np.clip(samples, -1.0, 1.0) * 32767).astype("<i2")
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(pcm.tobytes())
    return out.getvalue()


def read_wav(data: bytes) -> tuple[int, np.ndarray]:
    """A 16-bit PCM WAV (what espeak-ng writes) as its rate and mono float32 samples."""
    with wave.open(io.BytesIO(data), "rb") as w:
        rate, channels, width = w.getframerate(), w.getnchannels(), w.getsampwidth()
        frames = w.readframes(w.getnframes())
    if width != 2:
        raise ValueError(f"expected 16-bit WAV, got {8 * width}-bit")
    samples = np.frombuffer(frames, dtype="<i2").astype(np.float32) / 32768
    if channels > 1:
        samples = samples.reshape(-1, channels).mean(axis=1)
    return rate, samples


def wav_duration(data: bytes) -> float:
    with wave.open(io.BytesIO(data), "rb") as w:
        return w.getnframes() / w.getframerate()


def frame_levels(samples: np.ndarray, rate: int = RATE) -> np.ndarray:
    """The level of each 30 ms frame in dBFS (full scale = 0)."""
    size = max(1, int(rate * FRAME_S))
    count = len(samples) // size
    if count == 0:
        return np.zeros(0, dtype=np.float32)
    frames = samples[: count * size].reshape(count, size).astype(np.float64)
    rms = np.sqrt(np.mean(frames ** 2, axis=1))
    return (20 * np.log10(np.maximum(rms, 1e-6))).astype(np.float32)


def voiced(levels: np.ndarray) -> np.ndarray:
    """Which frames carry voice: within VOICED_RANGE_DB of the loudest, and above silence."""
    if levels.size == 0:
        return levels.astype(bool)
    floor = max(float(levels.max()) - VOICED_RANGE_DB, SILENCE_DBFS)
    return levels > floor


def speech_level(levels: np.ndarray) -> float | None:
    """The loudness of the voice in dBFS: the mean power of the voiced frames (pauses left out,
    so a slow speaker is not quieter than a fast one)."""
    mask = voiced(levels)
    if not mask.any():
        return None
    power = np.mean(10 ** (levels[mask].astype(np.float64) / 10))
    return float(10 * np.log10(power))


def voiced_seconds(levels: np.ndarray) -> float:
    return float(voiced(levels).sum()) * FRAME_S
