"""Invalid answers raise one error that lists every problem; nothing is ever guessed."""

import pytest

from runwell.paincheck.engine import InvalidAnswers, assess
from runwell.paincheck.knowledge import load

from .helpers import answers, required_only, without

# Contract v2: every question a red flag or see-a-clinician trigger reads is required.
REQUIRED = [
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
    "immunosuppressed_or_iv_drugs",
    "osteoporosis_or_steroids",
    "recent_trauma",
    "night_pain",
    "morning_stiffness_over_30min",
    "chest_pain_or_breathless",
    "sweating_nausea_or_faint",
    "sudden_severe_onset",
    "pain_with_effort_eases_at_rest",
    "pain_on_breathing_in",
    "urinary_or_loin_symptoms",
    "duration_weeks",
    "pain_score",
    "pain_arching_back",
    "hop_pain",
    "pain_after_every_run",
    "persists_despite_rest",
    "low_energy_or_amenorrhoea",
    "buttock_pain_sitting",
    "groin_or_hip_pain",
    "pain_at_pelvic_dimple",
]
OPTIONAL = [
    "mileage_increase_pct",
    "terrain",
    "shoe_km",
    "flat_feet_or_overpronation",
    "previous_back_pain",
    "arm_swing",
    "flexibility_test",
    "plank_hold_seconds",
]


def problems(value):
    with pytest.raises(InvalidAnswers) as caught:
        assess(value)
    return caught.value.problems


def test_the_catalogue_requires_exactly_the_contracts_questions():
    k = load()
    assert sorted(k.required_ids) == sorted(REQUIRED)
    assert sorted(q.id for q in k.questions if not q.required) == sorted(OPTIONAL)


@pytest.mark.parametrize("question", REQUIRED)
def test_a_missing_required_answer_is_an_error_that_names_it(question):
    assert problems(without(question)) == [f"{question}: a required answer is missing"]


@pytest.mark.parametrize("question", ["fever_or_unwell", "hop_pain", "sweating_nausea_or_faint"])
def test_a_missing_red_flag_answer_is_an_error_even_when_another_flag_already_fired(question):
    # Chest pain already makes this an emergency, but the screen is still incomplete.
    assert problems(without(question, chest_pain_or_breathless=True)) == [
        f"{question}: a required answer is missing"
    ]


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


def test_v1_option_ids_are_refused_with_the_v2_options_listed():
    assert problems(answers(leg_weakness="worsening")) == [
        "leg_weakness: unknown option 'worsening'; expected one of"
        " none, one_leg_stable, one_leg_worsening, both_legs"
    ]


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
    assert problems({}) == [
        f"{q.id}: a required answer is missing" for q in load().questions if q.required
    ]
    assert len(problems({})) == 32


def test_an_ordinary_strain_sent_without_the_optional_answers_stays_self_care():
    # v1 read every missing optional screening answer as a fired flag, so this came back urgent.
    result = assess(required_only(duration_weeks=1))
    assert result["triage"] == "self_care"
    assert result["red_flags"] == []
