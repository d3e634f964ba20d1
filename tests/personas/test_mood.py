"""The mood moves deterministically with the grade, through the persona's triggers and calmers."""

from __future__ import annotations

from coach.grades import CriterionGrade, Grade, Verdict
from coach.mood import EndState, MoodState, MoodTracker, advance, initial
from coach.personas import find_persona


def grade(**verdicts: str) -> Grade:
    return Grade(lang="en", engine="test", criteria=[
        CriterionGrade(criterion=c, verdict=Verdict(v), explanation="") for c, v in verdicts.items()])


def test_fails_raise_and_passes_lower_by_the_personas_amounts():
    persona = find_persona("lawsuit-19-dollars")
    tracker = MoodTracker(persona)
    change = tracker.update(grade(no_yes_but="fail", personalize="pass", restate_problem="n/a"))
    assert change.before == 70
    assert change.after == 70 + persona.mood.drift + persona.triggers["no_yes_but"] - persona.calmers["personalize"]
    assert [(r.criterion, r.amount) for r in change.reasons] == [("no_yes_but", 15), ("personalize", -6),
                                                                 ("drift", persona.mood.drift)]
    assert sum(r.amount for r in change.reasons) == change.after - change.before  # the reasons add up


def test_unjudged_never_moves_the_mood():
    """A criterion the offline grader could not judge is neither a pass nor a fail to the customer."""
    for persona_id in ("lawsuit-19-dollars", "diner-kept-waiting", "abusive-caller"):
        persona = find_persona(persona_id)
        moving = sorted(set(persona.triggers) | set(persona.calmers))
        assert moving
        for start in (initial(persona), MoodState(mood=95)):
            unjudged = advance(persona, start, grade(**dict.fromkeys(moving, "unjudged")))
            not_applicable = advance(persona, start, grade(**dict.fromkeys(moving, "n/a")))
            assert unjudged.after == not_applicable.after == max(0, min(100, start.mood + persona.mood.drift))
            assert [r.criterion for r in unjudged.reasons if r.criterion in moving] == []
            assert unjudged.end == not_applicable.end


def test_reasons_add_up_even_where_the_scale_ends():
    persona = find_persona("diner-kept-waiting")
    tracker = MoodTracker(persona, MoodState(mood=95))
    change = tracker.update(grade(personalize="fail", own_it="fail"))
    assert change.after == 100 and sum(r.amount for r in change.reasons) == change.after - change.before


def test_advancing_the_mood_changes_nothing_but_the_returned_state():
    persona = find_persona("lawsuit-19-dollars")
    before = initial(persona)
    change = advance(persona, before, grade(no_yes_but="fail"))
    assert before.mood == persona.mood.start and change.state.mood == change.after != before.mood


def test_the_same_grades_give_the_same_moods():
    persona = find_persona("diner-kept-waiting")
    runs = []
    for _ in range(2):
        tracker = MoodTracker(persona)
        runs.append([tracker.update(grade(own_it="fail")).after for _ in range(3)])
    assert runs[0] == runs[1]


def test_end_states_follow_the_thresholds():
    persona = find_persona("diner-kept-waiting")  # starts 60, drift +3, escalates after 2 turns >= 80, walks at 95
    slow = MoodTracker(persona)
    ends = [slow.update(grade()).end for _ in range(8)]  # drift only: 63 66 ... 81 84
    assert ends == [None] * 7 + [EndState.ESCALATED] and slow.mood == 84
    fast = MoodTracker(persona)
    moods = []
    while fast.end is None:
        moods.append(fast.update(grade(personalize="fail", own_it="fail")).after)  # +23 a turn, held to +15
    assert fast.end is EndState.WALKED_OUT and moods == [75, 90, 100]
    calm = MoodTracker(persona)
    while calm.end is None:
        calm.update(grade(own_it="pass", next_step="pass"))
    assert calm.end is EndState.RESOLVED


def test_an_abusive_customer_is_released_after_enough_boundaries():
    persona = find_persona("abusive-caller")
    tracker = MoodTracker(persona, MoodState(mood=persona.abuse.starts_at))
    assert tracker.abusive
    first = tracker.update(grade(set_boundaries="pass"))
    assert first.end is None
    tracker.state = tracker.state.model_copy(update={"mood": persona.abuse.starts_at})
    assert tracker.update(grade(set_boundaries="pass")).end is EndState.RELEASED


def test_one_reply_moves_the_mood_at_most_its_step_and_the_limit_is_a_reason():
    persona = find_persona("diner-kept-waiting")
    change = MoodTracker(persona).update(grade(personalize="fail", own_it="fail"))
    assert change.after - change.before == persona.mood.max_step
    assert ("limit", persona.mood.max_step - 23) in [(r.criterion, r.amount) for r in change.reasons]
    assert sum(r.amount for r in change.reasons) == change.after - change.before


def test_a_boundary_set_on_abuse_never_inflames_the_customer():
    persona = find_persona("abusive-caller")
    tracker = MoodTracker(persona, MoodState(mood=persona.abuse.starts_at + 2))
    change = tracker.update(grade(set_boundaries="pass", no_yes_but="fail", personalize="fail"))
    assert change.after <= change.before and change.end is None
