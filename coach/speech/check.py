"""The voice criterion: did the trainee sound calm? From the audio's numbers, never from the words'
meaning (and never asked of a model judge).

A fail rests on a measurement and says it: the pace in words per minute against the calm limit for
the language, with the words where it peaked; the loudness against the trainee's own first spoken
turns; a long silence and where it fell. Too little speech to measure is said as such.
"""

from __future__ import annotations

from coach.grades import Evidence, Verdict
from coach.offline.checks import Because, Result, because
from coach.speech.features import Stretch, Voice
from coach.speech.profile import profile
from coach.speech.transcript import word_spans

TYPED = "typed"  # the reply was typed: how it sounded does not apply
TOO_SHORT = "too_short"  # spoken, but too little to measure


def _evidence(reply: str, spans: list[tuple[int, int] | None], first: int, last: int) -> Evidence | None:
    found = [s for s in spans[first:last + 1] if s is not None]
    if not found:
        return None
    start, end = found[0][0], found[-1][1]
    return Evidence(text=reply[start:end], start=start, end=end)


def _quote(ev: Evidence | None) -> str:
    return f"“{ev.text}”" if ev else "—"


def _db(value: float, signed: bool = False) -> str:
    return f"{value:+.1f}" if signed else f"{abs(value):.1f}"


def voice_check(voice: Voice | None, reply: str, lang: str) -> tuple[Result, bool]:
    """The verdict and whether it is an abstention (spoken, but not enough to judge)."""
    if voice is None:
        return (Verdict.NA, because(TYPED), [], "high"), False
    p, f = profile(), voice.features
    limit = p.fast_limit(lang)
    if f.words < p.min_words or f.speech_s < p.min_speech_s or f.wpm is None or f.peak is None:
        return (Verdict.UNJUDGED, because(TOO_SHORT, words=str(f.words), seconds=f"{f.speech_s:.1f}",
                                    min_words=str(p.min_words)), [], "low"), True
    spans = word_spans(reply, voice.words)

    def stretch(s: Stretch | None) -> Evidence | None:
        return _evidence(reply, spans, s.first, s.last) if s else None

    peak_ev = stretch(f.peak)
    pace = {"wpm": str(round(f.wpm)), "limit": str(limit), "peak": str(round(f.peak.value)), "quote": _quote(peak_ev)}
    rise = (f.loudness_db - voice.baseline_db) if f.loudness_db is not None and voice.baseline_db is not None else None
    fast = f.wpm > limit
    loud = rise is not None and rise >= p.raised_db
    loud_ev = stretch(f.loudest)
    found = [e for e in (peak_ev,) if e]
    why: Because
    if fast and loud:
        why = because("too_fast_and_loud", **pace, db=_db(rise or 0), quote2=_quote(loud_ev))
        return (Verdict.FAIL, why, [*found, *([loud_ev] if loud_ev and loud_ev != peak_ev else [])], "high"), False
    if fast:
        return (Verdict.FAIL, because("too_fast", **pace), found, "high"), False
    if loud:
        why = because("raised_voice", db=_db(rise or 0), quote=_quote(loud_ev), wpm=pace["wpm"], limit=pace["limit"])
        return (Verdict.FAIL, why, [loud_ev] if loud_ev else [], "high"), False
    if f.silences:
        gap = max(f.silences, key=lambda s: s.value)
        ev = _evidence(reply, spans, gap.first, gap.first)
        why = because("long_silence", seconds=f"{gap.value:.1f}", quote=_quote(ev), wpm=pace["wpm"])
        return (Verdict.FAIL, why, [ev] if ev else [], "high"), False
    if rise is None:
        return (Verdict.PASS, because("calm_first", **pace), found, "high"), False
    return (Verdict.PASS, because("calm", **pace, db=_db(rise, signed=True)), found, "high"), False
