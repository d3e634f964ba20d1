"""The case format is a public interface: read it leniently, report bad lines precisely."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from coach.cases import Case, read_cases_lines
from coach.errors import DataFileError


def test_language_names_and_regional_codes_are_understood():
    assert Case(id=1, reply="x", lang="pl-PL").lang == "pl"
    assert Case(id=1, reply="x", lang="Arabic").lang == "ar"
    assert Case(id=1, reply="x", lang="").lang is None
    with pytest.raises(ValidationError):
        Case(id=1, reply="x", lang="klingon")


def test_label_spellings_are_normalized_and_unknown_fields_ignored():
    case = Case.model_validate({"id": "a", "reply": "x", "labels": {"personalize": "N/A", "no_yes_but": "FAIL"},
                                "note": "written by a trainer"})
    assert case.labels["personalize"].value == "n/a"
    assert case.labels["no_yes_but"].value == "fail"


def test_bad_lines_are_reported_with_their_line_and_the_rest_still_read(tmp_path):
    path = tmp_path / "cases.jsonl"
    path.write_text("\n".join([
        json.dumps({"id": 1, "reply": "Hello"}),
        "{not json",
        json.dumps({"id": 3}),
        json.dumps({"id": 4, "reply": "Bye"}),
    ]), encoding="utf-8")
    items = list(read_cases_lines(path))
    assert [line for line, _ in items] == [1, 2, 3, 4]
    assert isinstance(items[1][1], DataFileError) and items[1][1].line == 2
    assert isinstance(items[2][1], DataFileError) and items[2][1].field == "reply"
    assert items[3][1].reply == "Bye"


def test_unjudged_is_the_graders_outcome_never_a_gold_label(tmp_path):
    path = tmp_path / "cases.jsonl"
    path.write_text(json.dumps({"id": 1, "reply": "Hello", "labels": {"own_it": "unjudged"}}) + "\n", encoding="utf-8")
    [(line, error)] = list(read_cases_lines(path))
    assert isinstance(error, DataFileError) and line == 1
    assert "'unjudged' is not a gold label" in str(error) and "\n" not in str(error)
