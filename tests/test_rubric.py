"""The rubric file: valid, traceable to the articles, and helpful when broken."""

from __future__ import annotations

import re

import pytest

from coach.errors import DataFileError, DataFileErrors
from coach.rubric import REQUIRED_CRITERIA, load_rubric
from tests.conftest import SEEDS, run_coach


def test_default_rubric_holds_the_required_criteria_and_the_articles_further_practices(rubric):
    assert set(REQUIRED_CRITERIA) <= set(rubric.ids)
    for practice in ("acknowledge_feelings", "restate_problem", "own_it", "next_step",
                     "stay_professional", "set_boundaries", "positive_close"):
        assert practice in rubric.ids


def test_every_criterion_cites_existing_seed_articles(rubric):
    seeds = {p.name for p in SEEDS.glob("*.txt")} if SEEDS.is_dir() else None
    for criterion in rubric.criteria:
        assert criterion.sources, criterion.id
        for source in criterion.sources:
            assert re.fullmatch(r"\d{3}_[0-9a-f]{16}\.txt", source.seed)
            if seeds is not None:
                assert source.seed in seeds, f"{criterion.id} cites {source.seed}, which is not in shared/seeds"


def test_the_rubric_says_how_it_settles_the_call_back_disagreement(rubric):
    resolution = rubric.get("under_promise").resolution
    assert resolution and "call-back" in resolution


def test_criteria_have_pass_and_fail_examples_in_several_languages(rubric):
    for criterion in rubric.criteria:
        langs = {e.lang for e in criterion.pass_examples + criterion.fail_examples}
        assert len(langs) >= 2, criterion.id
        assert criterion.pass_examples and criterion.fail_examples


def _write(tmp_path, text: str):
    path = tmp_path / "rubric.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _broken(default_text: str, old: str, new: str) -> str:
    assert old in default_text
    return default_text.replace(old, new, 1)


@pytest.fixture()
def default_text():
    from coach.rubric import DEFAULT_RUBRIC
    return DEFAULT_RUBRIC.read_text(encoding="utf-8")


def test_a_missing_field_is_reported_with_file_line_and_field(tmp_path, default_text):
    path = _write(tmp_path, _broken(default_text, "    name: Promise only what you control\n", ""))
    with pytest.raises(DataFileError) as err:
        load_rubric(path)
    assert err.value.path == str(path)
    assert err.value.field == "criteria[1].name"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[err.value.line - 1].strip() == "- id: under_promise"
    assert f"{path}:{err.value.line}: field 'criteria[1].name' is required" in str(err.value)


def test_a_misspelled_field_points_at_its_line(tmp_path, default_text):
    path = _write(tmp_path, _broken(default_text, "    applies: commitment\n", "    aplies: commitment\n"))
    with pytest.raises(DataFileErrors) as err:  # the misspelling, and the field it left missing
        load_rubric(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    unknown = [e for e in err.value.errors if e.field == "criteria[1].aplies"]
    assert unknown and lines[unknown[0].line - 1].strip() == "aplies: commitment"
    assert any(e.field == "criteria[1].applies" for e in err.value.errors)


def test_a_bad_value_names_the_field(tmp_path, default_text):
    path = _write(tmp_path, _broken(default_text, "applies: commitment", "applies: sometimes"))
    with pytest.raises(DataFileError) as err:
        load_rubric(path)
    assert err.value.field == "criteria[1].applies"
    assert "sometimes" not in err.value.field
    assert path.read_text(encoding="utf-8").splitlines()[err.value.line - 1].strip() == "applies: sometimes"


def test_broken_yaml_syntax_gives_the_line(tmp_path, default_text):
    path = _write(tmp_path, _broken(default_text, "    weight: 1.5\n", "    weight: [1.5\n"))
    with pytest.raises(DataFileError) as err:
        load_rubric(path)
    assert err.value.line is not None and "YAML" in str(err.value)


def test_a_key_given_twice_is_an_error_not_a_silent_override(tmp_path, default_text):
    path = _write(tmp_path, _broken(default_text, "    weight: 1.5\n", "    weight: 1.5\n    weight: 2\n"))
    with pytest.raises(DataFileError) as err:  # one problem: named by its line and field
        load_rubric(path)
    assert "given twice" in str(err.value) and err.value.field == "criteria[0].weight" and err.value.line


def test_removing_a_required_criterion_is_refused(tmp_path, default_text):
    path = _write(tmp_path, default_text.replace("id: no_yes_but", "id: something_else"))
    with pytest.raises(DataFileError) as err:
        load_rubric(path)
    assert "no_yes_but" in str(err.value) and err.value.field == "criteria"


def test_rubric_validate_command_reports_errors_without_a_traceback(tmp_path, default_text):
    path = _write(tmp_path, _broken(default_text, "applies: commitment", "applies: sometimes"))
    result = run_coach("rubric", "validate", str(path))
    assert result.returncode == 1  # checked, and found wanting (2 is for a command the user mistyped)
    assert f"{path}:" in result.stderr and "criteria[1].applies" in result.stderr
    assert "Traceback" not in result.stderr
    ok = run_coach("rubric", "validate")
    assert ok.returncode == 0 and "12 criteria" in ok.stdout
    folder = run_coach("rubric", "validate", str(tmp_path))  # a folder: every rubric in it
    assert folder.returncode == 1 and folder.stderr.count("criteria[1].applies") == 1
