"""Invalid answers raise one error that lists every problem."""

import pytest

from runwell.paincheck.engine import InvalidAnswers, assess

from .helpers import answers, without


def problems(value):
    with pytest.raises(InvalidAnswers) as caught:
        assess(value)
    return caught.value.problems


def test_every_problem_is_listed_at_once():
    got = problems(
        {**without("age_years", "saddle_numbness"), "sex": "robot", "pain_score": 11, "mystery": 1}
    )
    assert got == [
        "age_years: a required answer is missing",
        "sex: unknown option 'robot'; expected one of female, male, other",
        "saddle_numbness: a required answer is missing",
        "pain_score: must be between 0 and 10, got 11",
        "mystery: unknown question id",
    ]


def test_json_true_is_not_a_number_and_one_is_not_a_boolean():
    assert problems(answers(age_years=True)) == ["age_years: must be a whole number, got true"]
    assert problems(answers(saddle_numbness=1)) == ["saddle_numbness: must be true or false, got 1"]


@pytest.mark.parametrize("value", [30.5, "30", None])
def test_numbers_must_be_whole_json_numbers(value):
    assert problems(answers(age_years=value))[0].startswith("age_years: must be a whole number")


def test_optional_answers_are_checked_too():
    assert problems(answers(terrain="moon")) == [
        "terrain: unknown option 'moon'; expected one of"
        " soft_or_mixed, hard_flat, hard_hilly, incline_treadmill"
    ]
    assert problems(answers(shoe_km=-1)) == ["shoe_km: must be between 0 and 5000, got -1"]


@pytest.mark.parametrize("value", [[], "answers", 3, None])
def test_answers_must_be_an_object(value):
    assert problems(value) == ["answers must be a JSON object keyed by question id"]


def test_an_empty_object_lists_every_required_question():
    assert len(problems({})) == 16


def test_optional_questions_may_be_absent():
    required_only = {k: v for k, v in answers().items() if k in REQUIRED}
    assert assess(required_only)["triage"] in ("emergency", "urgent", "see_clinician", "self_care")


REQUIRED = {
    "age_years",
    "sex",
    "pain_region",
    "pain_spread",
    "leg_numbness",
    "leg_weakness",
    "bladder_bowel_change",
    "saddle_numbness",
    "fever_or_unwell",
    "unexplained_weight_loss",
    "cancer_history",
    "recent_trauma",
    "night_pain",
    "chest_pain_or_breathless",
    "duration_weeks",
    "pain_score",
}
