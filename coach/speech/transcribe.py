"""Speech to text with word timings: faster-whisper on this machine, or any OpenAI-compatible
transcription endpoint through the `openai` client."""

from __future__ import annotations

import os
import threading
from typing import Any, Protocol

import numpy as np
import openai

from coach.errors import EndpointError
from coach.speech.audio import RATE, wav_bytes
from coach.speech.model import model_folder
from coach.speech.transcript import Timing, Transcript, Word, spread

# A segment Whisper itself thinks is probably not speech, and that it is unsure of, is dropped:
# on silence or noise Whisper tends to invent a polite sentence.
NO_SPEECH = 0.6
UNSURE_LOGPROB = -1.0
NO_REPEAT_NGRAM = 4


class Transcriber(Protocol):
    def describe(self) -> str: ...

    def transcribe(self, samples: np.ndarray, lang: str) -> Transcript: ...


class WhisperTranscriber:
    """faster-whisper with a CTranslate2 Whisper model, loaded once and shared (it is thread-safe
    for one call at a time per model; calls are serialized)."""

    def __init__(self, folder: str | None = None, threads: int | None = None):
        self.folder = folder
        self.threads = threads or max(1, os.cpu_count() or 1)
        self._model: Any = None
        self._load = threading.Lock()
        self._run = threading.Lock()

    def describe(self) -> str:
        return f"faster-whisper ({model_folder(self.folder).name if self.folder else 'Whisper base'}, on this machine)"

    def model(self) -> Any:
        with self._load:
            if self._model is None:
                from faster_whisper import WhisperModel

                self._model = WhisperModel(str(model_folder(self.folder)), device="cpu", compute_type="int8",
                                           cpu_threads=self.threads)
        return self._model

    def warm_up(self) -> None:
        """Load the model and run it once, so the first trainee does not wait for either."""
        self.transcribe(np.zeros(RATE, dtype=np.float32), "en")

    def transcribe(self, samples: np.ndarray, lang: str) -> Transcript:
        model = self.model()
        with self._run:
            # one greedy pass, no temperature fallback: a reply is short, and a re-decode on a doubtful
            # segment would double the trainee's wait; repeated n-grams are refused (hallucination loops)
            segments, info = model.transcribe(samples, language=lang, beam_size=1, word_timestamps=True,
                                              condition_on_previous_text=False, vad_filter=False, temperature=0.0,
                                              no_repeat_ngram_size=NO_REPEAT_NGRAM)
            kept = [s for s in segments if not (s.no_speech_prob > NO_SPEECH and s.avg_logprob < UNSURE_LOGPROB)]
        words = [Word(text=w.word.strip(), start=round(w.start, 3), end=round(w.end, 3))
                 for s in kept for w in (s.words or []) if w.word.strip()]
        text = " ".join(s.text.strip() for s in kept if s.text.strip())
        return Transcript(text=text, duration=round(len(samples) / RATE, 3), words=words, timing="words",
                          engine="faster-whisper")


class EndpointTranscriber:
    """`audio.transcriptions.create` at an OpenAI-compatible server, asking for word timestamps;
    a server that only times segments (or nothing) still gives a usable transcript."""

    def __init__(self, client: openai.OpenAI, model: str, endpoint: str, timeout: float):
        self.client = client
        self.model = model
        self.endpoint = endpoint
        self.timeout = timeout
        self._plain = False  # the server refused verbose_json once: ask for plain JSON from then on

    def describe(self) -> str:
        return f"{self.model} at {self.endpoint}"

    def transcribe(self, samples: np.ndarray, lang: str) -> Transcript:
        upload = ("reply.wav", wav_bytes(samples), "audio/wav")
        duration = round(len(samples) / RATE, 3)
        if not self._plain:
            try:
                result = self.client.audio.transcriptions.create(
                    model=self.model, file=upload, language=lang, response_format="verbose_json",
                    timestamp_granularities=["word", "segment"], timeout=self.timeout)
                return _from_verbose(result, duration, self.describe())
            except openai.BadRequestError:
                self._plain = True  # e.g. a model that only answers json or text
        plain = self.client.audio.transcriptions.create(model=self.model, file=upload, language=lang,
                                                        response_format="json", timeout=self.timeout)
        text = str(getattr(plain, "text", "") or "").strip()
        return Transcript(text=text, duration=duration, words=spread(text, 0.0, duration) if text else [],
                          timing="none", engine=self.describe())


def _from_verbose(result: Any, duration: float, engine: str) -> Transcript:
    text = str(getattr(result, "text", "") or "").strip()
    words = [Word(text=str(w.word).strip(), start=float(w.start), end=float(w.end))
             for w in (getattr(result, "words", None) or []) if str(w.word).strip()]
    if words:
        return Transcript(text=text, duration=float(getattr(result, "duration", None) or duration), words=words,
                          timing="words", engine=engine)
    segments = getattr(result, "segments", None) or []
    spread_words = [w for s in segments for w in spread(str(s.text), float(s.start), float(s.end))]
    timing: Timing = "segments" if spread_words else "none"
    if not spread_words and text:
        spread_words = spread(text, 0.0, duration)
    return Transcript(text=text, duration=duration, words=spread_words, timing=timing, engine=engine)


def endpoint_failed(exc: BaseException, endpoint: str) -> EndpointError:
    from coach.llm.client import describe

    return EndpointError(endpoint, describe(exc))
