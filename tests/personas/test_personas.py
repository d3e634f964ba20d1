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
    """Every line an abusive customer can say, in every form of address, including the answers it
    gives while abusive: a boundary can only be set on abuse the grader sees."""
    for p in [p for p in personas if p.abuse]:
        lines = [*p.lines.abusive, *(line for a in p.lines.answers.values() for line in a.abusive)]
        assert len(lines) > 12
        for line in lines:
            for text in line.forms():
                assert lexicon(p.language).abuse.search(Text.of(text).low), f"{p.id}: {text!r} is not detected as abuse"


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


def test_every_better_phrasing_a_persona_offers_passes_what_it_is_offered_for(personas, grader, rubric):
    """A better phrasing drawn from the persona's situation, said as the first reply, never fails the
    criterion it is offered for, nor any other but acknowledging feelings, restating the problem or a
    concrete next step (one phrasing need not do everything); a persona offers them for the criteria its customer reacts to in words (how a call
    sounded is advice about the voice, the rubric's own)."""
    from coach.cases import Turn
    from coach.offline.grader import fill_better

    for p in personas:
        worded = set(p.triggers) & set(rubric.judged_ids)
        assert worded <= set(p.better), (p.id, worded - set(p.better))
        for criterion, template in p.better.items():
            text = fill_better(template, p.customer_name, "Sam", p.language)
            grade = grader.grade(text, lang=p.language, customer_name=p.customer_name,
                                 context=[Turn(role="customer", content=p.opening)])
            failed = {g.criterion for g in grade.criteria if g.verdict.value == "fail"}
            assert criterion not in failed and failed <= {"acknowledge_feelings", "restate_problem", "next_step"}, (p.id, criterion, failed, text)


def test_a_persona_better_phrasing_reaches_the_grade_and_the_rubric_stays_the_fallback(personas, grader):
    from coach.cases import Turn

    gary = next(p for p in personas if p.id == "lawsuit-19-dollars")
    context = [Turn(role="customer", content=gary.opening)]
    reply = "I understand, but that's our policy."
    situated = grader.grade(reply, lang="en", customer_name=gary.customer_name, context=context, better=gary.better)
    plain = grader.grade(reply, lang="en", customer_name=gary.customer_name, context=context)
    assert "logo" in (situated.get("no_yes_but").better or "")
    assert plain.get("no_yes_but").better and "logo" not in plain.get("no_yes_but").better
    assert situated.get("no_yes_but").better.startswith("I hear you, Gary")


def test_a_line_tagged_with_something_no_reply_does_is_pointed_at(tmp_path):
    good = (SHIPPED / "indecisive-shopper.yaml").read_text(encoding="utf-8")
    path = _write(tmp_path, "indecisive-shopper.yaml", good.replace("    yes_but:\n", "    yes_butt:\n", 1))
    with pytest.raises(DataFileError) as err:
        load_persona(path)
    assert err.value.field == "lines.answers.yes_butt" and "'yes_but'" in str(err.value)
    assert path.read_text(encoding="utf-8").splitlines()[err.value.line - 1].strip() == "yes_butt:"
    empty = _write(tmp_path, "indecisive-shopper.yaml", good.replace(
        '      any: ["Oh, no need to apologise. I\'m the one taking ages."]', "      any: []"))
    with pytest.raises(DataFileError, match="give at least one line") as err:
        load_persona(empty)
    assert err.value.field == "lines.answers.apologised"


def test_a_persona_in_the_first_format_still_loads_keeping_only_reactions_that_say_what_the_reply_did(tmp_path):
    """Before lines were tagged by what the reply did, they were keyed by criterion and verdict. Those
    whose verdict alone says what was done carry over; the rest (an under_promise pass was a call-back
    as well as an email) are dropped rather than said to replies they do not fit."""
    good = (SHIPPED / "indecisive-shopper.yaml").read_text(encoding="utf-8")
    head = good[:good.index("  answers:\n")]
    tail = good[good.index("  resolved:"):]
    old = head + """  reactions:
    no_yes_but:
      fail: ["Always a 'but' with you."]
    under_promise:
      pass: ["OK. Call me when you know."]
    positive_close:
      pass: ["Bye, thanks!"]
""" + tail
    persona = load_persona(_write(tmp_path, "indecisive-shopper.yaml", old))
    answers = {h.value: [line.neutral for line in a.all()] for h, a in persona.lines.answers.items()}
    assert answers == {"yes_but": ["Always a 'but' with you."], "closing": ["Bye, thanks!"]}
