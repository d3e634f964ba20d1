"""Every catalog says everything the English one says, with the same slots."""

from __future__ import annotations

import string

import pytest

from coach.i18n import catalog, locale_of, t
from coach.languages import LANGUAGES
from coach.rubric import load_rubric


def slots(text: str) -> set[str]:
    return {name.split(":")[0] for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
def test_every_catalog_is_complete_with_the_same_slots(lang):
    english, other = catalog("en"), catalog(lang)
    assert set(other) == set(english), sorted(set(english) ^ set(other))
    assert [k for k in english if slots(english[k]) != slots(other[k])] == []


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
