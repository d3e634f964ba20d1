"""What a transcription engine heard: the text and, where the engine gives them, each word's time.

Kept on a spoken turn (without the audio) so its pace can be explained and re-checked later.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, Field

Timing = Literal["words", "segments", "none"]
_WORD = re.compile(r"\w+(?:['’\-]\w+)*", re.UNICODE)


class Word(BaseModel):
    text: str
    start: float
    end: float


class Transcript(BaseModel):
    text: str
    duration: float = Field(ge=0, description="seconds of audio")
    words: list[Word] = Field(default_factory=list)
    timing: Timing = "words"  # words: the engine timed each word; segments: spread over timed segments
    engine: str = ""


def spread(text: str, start: float, end: float) -> list[Word]:
    """Words of a segment the engine timed only as a whole, spread evenly over it (pace over a
    segment is still right; where inside it a word fell is an estimate)."""
    tokens = _WORD.findall(text)
    if not tokens:
        return []
    step = max(end - start, 0.0) / len(tokens)
    return [Word(text=w, start=round(start + i * step, 3), end=round(start + (i + 1) * step, 3))
            for i, w in enumerate(tokens)]


def word_spans(reply: str, words: list[Word]) -> list[tuple[int, int] | None]:
    """Where each timed word is in `reply` (the text that was graded), found in order; None for a
    word the text does not have (an engine may spell a word differently in its word list)."""
    low = reply.lower()
    spans: list[tuple[int, int] | None] = []
    at = 0
    for w in words:
        core = _WORD.findall(w.text.lower())
        if not core:
            spans.append(None)
            continue
        first = low.find(core[0], at)
        if first < 0:
            spans.append(None)
            continue
        last_end = first + len(core[0])
        for piece in core[1:]:
            nxt = low.find(piece, last_end)
            if nxt < 0 or nxt - last_end > 3:
                break
            last_end = nxt + len(piece)
        spans.append((first, last_end))
        at = last_end
    return spans


def count_words(text: str) -> int:
    return len(_WORD.findall(text))
