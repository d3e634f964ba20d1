"""Spoken replies for tests and benchmarks: espeak-ng says a text at a chosen pace and loudness.

A robot's voice, not a person's, but a real recording: it goes through the same decoding,
transcription and measuring as a trainee's microphone.
"""

from __future__ import annotations

import shutil
import subprocess

from coach.speech.profile import profile
from coach.speech.speak import _fix_wav_sizes


def espeak_available() -> bool:
    return shutil.which("espeak-ng") is not None


def synthesize(text: str, lang: str, *, rate: int = 150, amplitude: int = 100, pitch: int = 50,
               pause_after: float = 0.0) -> bytes:
    """A 16-bit mono WAV of `text` in `lang` (espeak-ng's voice for it); `pause_after`: seconds of
    silence added at the end, as a trainee leaves before letting go of the button."""
    voice = profile().espeak.voices.get(lang) or lang  # type: ignore[call-overload]
    done = subprocess.run(["espeak-ng", "-v", voice, "-s", str(rate), "-a", str(amplitude), "-p", str(pitch),
                           "--stdout"], input=text.encode("utf-8"), capture_output=True, check=True, timeout=60)
    wav = _fix_wav_sizes(done.stdout)
    if pause_after > 0:
        rate_hz = int.from_bytes(wav[24:28], "little")
        silence = b"\0\0" * int(rate_hz * pause_after)
        body = wav[44:] + silence
        wav = wav[:4] + (36 + len(body)).to_bytes(4, "little") + wav[8:40] + len(body).to_bytes(4, "little") + body
    return wav


def word_error_rate(reference: str, hypothesis: str) -> float:
    """Word error rate: edits (substitutions, insertions, deletions) over the reference's words,
    compared in lower case without punctuation."""
    import re

    def words(text: str) -> list[str]:
        return re.findall(r"\w+(?:['’]\w+)?", text.lower())

    ref, hyp = words(reference), words(hypothesis)
    if not ref:
        return 0.0 if not hyp else 1.0
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        prev, row[0] = row[0], i
        for j, h in enumerate(hyp, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (r != h))
    return row[-1] / len(ref)
