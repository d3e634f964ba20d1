"""Persona files: every one validates, and broken ones are reported precisely."""

from __future__ import annotations

import json

import pytest

from coach.errors import DataFileError
from coach.offline.lexicon import lexicon
from coach.offline.text import Text
from coach.personas import SHIPPED, load_persona, load_personas, persona_schema
from tests.conftest import run_coach


def test_at_least_ten_personas_in_five_languages_and_every_difficulty(personas):
    assert len(personas) >= 10
    assert len({p.language for p in personas}) >= 5
    assert {p.difficulty.value for p in personas} == {"easy", "medium", "hard"}


def test_the_published_schema_matches_the_model():
    published = json.loads((SHIPPED / "persona.schema.json").read_text(encoding="utf-8"))
    assert published == persona_schema(), "run: coach persona schema > coach/data/personas/persona.schema.json"


def test_abusive_lines_are_recognised_as_abuse_so_boundaries_apply(personas):
    for p in [p for p in personas if p.abuse]:
        for line in p.lines.abusive:
            assert lexicon(p.language).abuse.search(Text.of(line).low), f"{p.id}: {line!r} is not detected as abuse"


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_bad_persona_names_file_line_and_field_and_hides_no_good_one(tmp_path):
    good = (SHIPPED / "indecisive-shopper.yaml").read_text(encoding="utf-8")
    ok = _write(tmp_path, "indecisive-shopper.yaml", good)
    bad = _write(tmp_path, "broken.yaml", good.replace("id: indecisive-shopper", "id: broken")
                 .replace("difficulty: easy", "difficulty: brutal"))
    personas, errors = load_personas([bad, ok])
    assert [p.id for p in personas] == ["indecisive-shopper"]
    assert len(errors) == 1 and errors[0].path == str(bad) and errors[0].field == "difficulty"
    assert bad.read_text(encoding="utf-8").splitlines()[errors[0].line - 1] == "difficulty: brutal"


def test_an_unknown_criterion_is_pointed_at(tmp_path):
    good = (SHIPPED / "indecisive-shopper.yaml").read_text(encoding="utf-8")
    path = _write(tmp_path, "indecisive-shopper.yaml", good.replace("calmers: {next_step: 8", "calmers: {next_stpe: 8"))
    with pytest.raises(DataFileError) as err:
        load_persona(path)
    assert err.value.field == "calmers.next_stpe" and "not a criterion" in str(err.value)
    assert path.read_text(encoding="utf-8").splitlines()[err.value.line - 1].startswith("calmers:")


def test_inconsistent_mood_thresholds_are_refused(tmp_path):
    good = (SHIPPED / "indecisive-shopper.yaml").read_text(encoding="utf-8")
    path = _write(tmp_path, "indecisive-shopper.yaml", good.replace("resolved_at: 20", "resolved_at: 60"))
    with pytest.raises(DataFileError, match="resolved_at must be below start"):
        load_persona(path)


def test_the_persona_commands():
    listed = run_coach("persona", "list")
    assert listed.returncode == 0 and "lawsuit-19-dollars" in listed.stdout
    validated = run_coach("persona", "validate")
    assert validated.returncode == 0 and validated.stdout.count("ok: ") >= 10
    by_id = run_coach("persona", "validate", "lawsuit-19-dollars", str(SHIPPED / "repeat-refund.yaml"))
    assert by_id.returncode == 0 and by_id.stdout.splitlines() == ["ok: lawsuit-19-dollars (en, hard)",
                                                                   "ok: repeat-refund (en, hard)"], by_id.stderr
    tested = run_coach("persona", "test", "diner-kept-waiting", timeout=120)
    assert tested.returncode == 0 and tested.stdout.startswith("ok   diner-kept-waiting"), tested.stdout
    unknown = run_coach("persona", "test", "lawsuit-19-dolars")
    assert unknown.returncode != 0 and unknown.stdout == ""
    assert unknown.stderr.count("\n") == 1 and "unknown persona 'lawsuit-19-dolars'" in unknown.stderr
    schema = run_coach("persona", "schema")
    assert json.loads(schema.stdout)["title"] == "coach persona"
