"""Better phrasings speak to the customer in their language's grammar, and name the trainee in it."""

from __future__ import annotations

import pytest

from coach.offline.address import address, your_name
from coach.offline.grader import fill_better


@pytest.mark.parametrize(("name", "lang", "spoken"), [
    ("Zbigniew Nowak", "pl", "Panie Zbigniewie"), ("Anna Kowalska", "pl", "Pani Anno"), ("Tomasz", "pl", "Panie Tomaszu"),
    ("Piotr Wiśniewski", "pl", "Panie Piotrze"), ("Paweł", "pl", "Panie Pawle"), ("Kasia", "pl", "Pani Kasiu"),
    ("Marek", "pl", "Panie Marku"), ("Agnieszka", "pl", "Pani Agnieszko"), ("Kuba", "pl", "Panie Kubo"),
    ("Jānis Bērziņš", "lv", "Jāni"), ("Kristaps", "lv", "Kristap"), ("Pēteris", "lv", "Pēteri"), ("Ilze Ozola", "lv", "Ilze"),
    ("Gary Thompson", "en", "Gary"), ("Carmen Ruiz", "es", "Carmen"), ("أحمد المنصوري", "ar", "أحمد"),
])
def test_the_customer_is_addressed_as_the_language_does(name, lang, spoken):
    assert address(name, lang) == spoken


def test_the_trainees_name_is_theirs_or_a_placeholder_in_the_replys_language():
    template = "Dzień dobry, {customer}, nazywam się {agent} i zajmę się tą sprawą."
    assert fill_better(template, "Zbigniew Nowak", None, "pl") == \
        "Dzień dobry, Panie Zbigniewie, nazywam się [Twoje imię] i zajmę się tą sprawą."
    assert fill_better(template, "Zbigniew Nowak", "Marta", "pl").endswith("nazywam się Marta i zajmę się tą sprawą.")
    assert "[your name]" not in fill_better("مرحباً {customer}، اسمي {agent}", "أحمد", None, "ar")
    assert {your_name(lang) for lang in ("en", "es", "sv", "pl", "lv", "ar")} == {
        "[your name]", "[su nombre]", "[ditt namn]", "[Twoje imię]", "[jūsu vārds]", "[اسمك]"}
