"""The voice criterion from the numbers alone: what fails, what passes, and what it says."""

from __future__ import annotations

from coach.grades import Verdict
from coach.offline import OfflineGrader
from coach.speech.features import Stretch, Voice, VoiceFeatures
from coach.speech.transcript import Word

REPLY = "I understand how frustrating this is. Let me check your order right now for you."


def timed(reply: str, seconds_per_word: float, gap_after: int | None = None, gap: float = 0.0) -> list[Word]:
    words, t = [], 0.0
    for i, w in enumerate(reply.split()):
        words.append(Word(text=w, start=round(t, 3), end=round(t + seconds_per_word * 0.9, 3)))
        t += seconds_per_word + (gap if i == gap_after else 0.0)
    return words


def voice(words: list[Word], wpm: float, loudness: float = -20.0, baseline: float | None = None,
          silences: list[Stretch] | None = None) -> Voice:
    features = VoiceFeatures(duration_s=words[-1].end + 0.5, speech_s=words[-1].end - words[0].start,
                             words=len(words), wpm=wpm, peak=Stretch(first=7, last=10, value=wpm * 1.2),
                             loudness_db=loudness, loudest=Stretch(first=2, last=4, value=loudness + 2),
                             silences=silences or [])
    return Voice(words=words, features=features, baseline_db=baseline)


def grade(reply: str, v: Voice | None, lang: str = "en"):
    return OfflineGrader().grade(reply, lang=lang, voice=v).get("calm_voice")


def test_a_typed_reply_shows_the_voice_criterion_as_not_applicable():
    g = grade(REPLY, None)
    assert g.verdict is Verdict.NA and g.reason == "typed"


def test_a_fast_reply_fails_quoting_its_pace_and_the_words_where_it_peaked():
    g = grade(REPLY, voice(timed(REPLY, 0.25), wpm=240))
    assert g.verdict is Verdict.FAIL and g.reason == "too_fast"
    assert "240 words a minute" in g.explanation and "up to 195" in g.explanation
    assert "“me check your order”" in g.explanation and "288 a minute" in g.explanation
    assert [e.text for e in g.evidence] == ["me check your order"]
    assert REPLY[g.evidence[0].start:g.evidence[0].end] == "me check your order"
    assert g.better


def test_a_calm_reply_passes_and_says_its_pace_and_loudness():
    g = grade(REPLY, voice(timed(REPLY, 0.45), wpm=135, loudness=-21.0, baseline=-20.0))
    assert g.verdict is Verdict.PASS and g.reason == "calm"
    assert "135 words a minute" in g.explanation and "-1.0 dB" in g.explanation


def test_the_first_spoken_turn_has_no_loudness_to_compare_with():
    g = grade(REPLY, voice(timed(REPLY, 0.45), wpm=135))
    assert g.verdict is Verdict.PASS and g.reason == "calm_first"


def test_a_raised_voice_fails_against_the_trainees_own_first_turns():
    g = grade(REPLY, voice(timed(REPLY, 0.45), wpm=140, loudness=-12.0, baseline=-20.0))
    assert g.verdict is Verdict.FAIL and g.reason == "raised_voice"
    assert "8.0 dB louder" in g.explanation and [e.text for e in g.evidence] == ["how frustrating this"]


def test_fast_and_loud_says_both():
    g = grade(REPLY, voice(timed(REPLY, 0.25), wpm=250, loudness=-10.0, baseline=-20.0))
    assert g.verdict is Verdict.FAIL and g.reason == "too_fast_and_loud"
    assert "250 words a minute" in g.explanation and "10.0 dB louder" in g.explanation


def test_a_long_silence_fails_and_says_where_it_fell():
    words = timed(REPLY, 0.45, gap_after=5, gap=5.0)
    g = grade(REPLY, voice(words, wpm=140, silences=[Stretch(first=5, last=6, value=5.4)]))
    assert g.verdict is Verdict.FAIL and g.reason == "long_silence"
    assert "5.4 seconds" in g.explanation and g.evidence[0].text == "is"


def test_too_little_speech_is_an_abstention_not_a_pass():
    short = "Okay, sure."
    words = timed(short, 0.4)
    v = Voice(words=words, features=VoiceFeatures(duration_s=1.0, speech_s=0.8, words=2, wpm=150.0,
                                                  peak=Stretch(first=0, last=1, value=150.0)))
    g = grade(short, v)
    assert g.verdict is Verdict.UNJUDGED and g.reason == "too_short"  # abstains: neither pass nor fail


def test_the_pace_limit_depends_on_the_language():
    reply = "Rozumiem, jakie to frustrujące. Już sprawdzam zamówienie i oddzwonię do pana przed piątą."
    g = grade(reply, voice(timed(reply, 0.33), wpm=180), lang="pl")
    assert g.verdict is Verdict.FAIL and "up to 170" in g.explanation
    assert "180 słów na minutę" in OfflineGrader().rubric.explanation("calm_voice", g.reason or "", "pl", g.params)


def test_the_explanations_exist_in_every_language(rubric):
    criterion = rubric.get("calm_voice")
    for reason, texts in criterion.explanations.items():
        assert set(texts) == {"en", "es", "sv", "pl", "lv", "ar"}, reason
    assert set(criterion.names) == {"es", "sv", "pl", "lv", "ar"}


def test_the_model_judge_is_never_asked_about_the_voice(rubric):
    from coach.engines import judge_criteria

    offline = OfflineGrader(rubric).grade(REPLY, lang="en", customer_name="Anna")
    assert "calm_voice" not in judge_criteria(offline, "Anna", rubric, ask_all=True)
    assert "calm_voice" not in rubric.judged_ids
