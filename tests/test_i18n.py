"""Every catalog says everything the English one says, with the same slots and every plural form."""

from __future__ import annotations

import string

import pytest

from coach.i18n import COUNT, catalog, entries, listed, locale_of, plural_categories, t
from coach.languages import LANGUAGES
from coach.rubric import load_rubric


def slots(text: str) -> set[str]:
    return {name.split(":")[0] for _, name, _, _ in string.Formatter().parse(text) if name}


def entry_slots(entry: str | dict[str, str]) -> set[str]:
    """A plural text's forms may write a count out ("one turn"): compare what else they fill."""
    if isinstance(entry, dict):
        return set().union(*(slots(text) for text in entry.values())) - {COUNT}
    return slots(entry)


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
def test_every_catalog_is_complete_with_the_same_slots(lang):
    english, other = entries("en"), entries(lang)
    assert set(other) == set(english), sorted(set(english) ^ set(other))
    assert [k for k in english if entry_slots(english[k]) != entry_slots(other[k])] == []
    assert [k for k in english if isinstance(english[k], dict) != isinstance(other[k], dict)] == []


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_every_plural_text_has_each_form_the_language_needs(lang):
    needed = plural_categories(lang) | {"other"}
    for key, entry in entries(lang).items():
        if isinstance(entry, dict):
            assert set(entry) == needed, (key, sorted(needed ^ set(entry)))
            assert all(slots(text) - {COUNT} == entry_slots(entry) for text in entry.values()), key


def test_counts_read_as_the_language_counts():
    assert t("score.retries", "en", count=1).startswith("You tried 1 turn again")
    assert t("score.retries", "en", count=3).startswith("You tried 3 turns again")
    assert "2 tury" in t("score.retries", "pl", count=2) and "5 tur;" in t("score.retries", "pl", count=5)
    assert "21 replika;" in t("score.retries", "lv", count=21) and "11 replikas" in t("score.retries", "lv", count=11)
    assert "جولتين" in t("score.retries", "ar", count=2) and "3 جولات" in t("score.retries", "ar", count=3)
    assert [key for key, text in catalog("en").items() if "(s)" in text] == []


def test_lists_use_the_languages_own_comma():
    assert listed(["a", "b"], "en") == "a, b"
    assert listed(["أ", "ب"], "ar") == "أ، ب"


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_the_rubric_explains_every_reason_and_names_every_criterion_in_every_language(lang):
    for criterion in load_rubric().criteria:
        assert criterion.name_in(lang)
        for reason, texts in criterion.explanations.items():
            assert lang in texts, (criterion.id, reason)
            assert slots(texts[lang]) == slots(texts["en"]), (criterion.id, reason)


def test_the_browser_language_picks_the_catalog():
    assert locale_of("lv-LV,lv;q=0.9,en;q=0.8") == "lv"
    assert locale_of("de-DE") == "en"
    assert t("practise.send", "lv") != t("practise.send", "en")
    assert t("no.such.key", "lv") == "no.such.key"
