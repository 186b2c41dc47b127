"""Each red flag and see-a-clinician trigger, at and around its thresholds."""

import pytest

from runwell.paincheck.engine import assess, early_emergency

from .helpers import answers, without


def triage(**changes):
    return assess(answers(**changes))["triage"]


def flags(**changes):
    return assess(answers(**changes))["red_flags"]


def test_a_benign_fully_answered_case_is_self_care():
    result = assess(answers())
    assert result["triage"] == "self_care"
    assert result["red_flags"] == []


@pytest.mark.parametrize("question", ["bladder_bowel_change", "saddle_numbness"])
def test_one_cauda_equina_symptom_alone_is_an_emergency(question):
    result = assess(answers(**{question: True}))
    assert result["triage"] == "emergency"
    assert result["red_flags"] == ["cauda_equina_symptoms"]
    assert result["plan"][0] == "go_to_emergency_department"


def test_chest_pain_with_upper_back_pain_is_an_emergency_whatever_the_arm_swing():
    assert (
        triage(chest_pain_or_breathless=True, pain_region="upper_back", arm_swing="too_much")
        == "emergency"
    )


@pytest.mark.parametrize(
    ("trauma", "expected"), [("none", "self_care"), ("minor", "self_care"), ("major", "emergency")]
)
def test_only_major_trauma_is_an_emergency_for_a_young_runner(trauma, expected):
    assert triage(recent_trauma=trauma) == expected


def test_worsening_weakness_in_one_leg_is_urgent():
    assert triage(leg_weakness="worsening", pain_spread="below_knee_one_leg") == "urgent"
    assert flags(leg_weakness="worsening") == ["progressive_weakness"]


@pytest.mark.parametrize(
    "extra",
    [
        {"pain_spread": "both_legs"},
        {"leg_numbness": "both_legs"},
        {"fever_or_unwell": True},
        {"cancer_history": True},
    ],
)
def test_worsening_weakness_becomes_an_emergency_with_both_legs_fever_or_past_cancer(extra):
    assert triage(leg_weakness="worsening", **extra) == "emergency"


def test_stable_weakness_is_a_reason_to_see_a_clinician_not_a_red_flag():
    result = assess(answers(leg_weakness="stable"))
    assert result["triage"] == "see_clinician"
    assert result["red_flags"] == []


@pytest.mark.parametrize("change", [{"pain_spread": "both_legs"}, {"leg_numbness": "both_legs"}])
def test_symptoms_in_both_legs_are_urgent(change):
    assert triage(**change) == "urgent"
    assert "bilateral_leg_symptoms" in flags(**change)


def test_symptoms_in_one_leg_are_not_a_red_flag():
    assert flags(leg_numbness="one_leg", pain_spread="below_knee_one_leg") == []


@pytest.mark.parametrize(("age", "expected"), [(69, "self_care"), (70, "urgent"), (71, "urgent")])
def test_a_minor_fall_is_urgent_from_age_70(age, expected):
    assert triage(recent_trauma="minor", age_years=age) == expected


def test_a_minor_fall_with_long_term_steroids_is_urgent_at_any_age():
    assert triage(recent_trauma="minor", osteoporosis_or_steroids=True, age_years=30) == "urgent"


def test_steroids_at_70_are_urgent_even_without_a_fall():
    assert triage(osteoporosis_or_steroids=True, age_years=70) == "urgent"
    assert triage(osteoporosis_or_steroids=True, age_years=69) == "self_care"


def test_fever_alone_is_urgent():
    assert flags(fever_or_unwell=True) == ["infection_risk"]
    assert triage(fever_or_unwell=True) == "urgent"


@pytest.mark.parametrize(("weeks", "expected"), [(6, "urgent"), (7, "self_care")])
def test_weakened_immunity_is_urgent_for_pain_of_6_weeks_or_less(weeks, expected):
    # 7 weeks without other triggers: duration alone only matters over 12 weeks.
    assert triage(immunosuppressed_or_iv_drugs=True, duration_weeks=weeks) == expected


def test_weakened_immunity_with_constant_night_pain_is_urgent_even_when_long_standing():
    assert (
        triage(
            immunosuppressed_or_iv_drugs=True, duration_weeks=30, night_pain="constant_unrelieved"
        )
        == "urgent"
    )


def test_any_past_cancer_is_urgent():
    assert triage(cancer_history=True) == "urgent"


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"age_years": 49, "unexplained_weight_loss": True}, "see_clinician"),
        ({"age_years": 50, "unexplained_weight_loss": True}, "urgent"),
        ({"age_years": 50, "night_pain": "constant_unrelieved"}, "urgent"),
        (
            {"age_years": 30, "unexplained_weight_loss": True, "night_pain": "constant_unrelieved"},
            "urgent",
        ),
        ({"age_years": 30, "night_pain": "constant_unrelieved"}, "see_clinician"),
        ({"age_years": 80}, "self_care"),
    ],
)
def test_cancer_features_count_together_and_age_alone_counts_for_nothing(changes, expected):
    assert triage(**changes) == expected


def test_inflammatory_pattern_needs_onset_before_45_over_12_weeks_and_two_features():
    base = {
        "age_years": 30,
        "morning_stiffness_over_30min": True,
        "night_pain": "wakes_eases_with_moving",
    }
    assert "inflammatory_pattern" in flags(duration_weeks=13, **base)
    assert "inflammatory_pattern" not in flags(duration_weeks=12, **base)
    assert "inflammatory_pattern" not in flags(
        duration_weeks=13, age_years=30, morning_stiffness_over_30min=True
    )
    assert "inflammatory_pattern" in flags(
        duration_weeks=13,
        age_years=30,
        morning_stiffness_over_30min=True,
        pain_at_pelvic_dimple=True,
    )
    # Age 46 with 52 weeks of pain: onset at 45, not before.
    assert "inflammatory_pattern" not in flags(**{**base, "age_years": 46}, duration_weeks=52)
    assert "inflammatory_pattern" in flags(**{**base, "age_years": 45}, duration_weeks=52)


def test_inflammatory_pattern_leads_to_a_clinician_not_urgency():
    assert (
        triage(
            age_years=30,
            duration_weeks=20,
            morning_stiffness_over_30min=True,
            night_pain="wakes_eases_with_moving",
        )
        == "see_clinician"
    )


def test_pain_on_hopping_suggests_bone_stress():
    assert flags(hop_pain=True) == ["bone_stress_suspected"]
    assert triage(hop_pain=True) == "see_clinician"


@pytest.mark.parametrize(("age", "weeks", "fires"), [(19, 2, True), (20, 2, False), (19, 1, False)])
def test_young_runners_with_extension_pain_for_two_weeks_suggest_bone_stress(age, weeks, fires):
    got = "bone_stress_suspected" in flags(
        age_years=age, duration_weeks=weeks, pain_arching_back=True
    )
    assert got is fires


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"pain_spread": "below_knee_one_leg", "duration_weeks": 6}, "self_care"),
        ({"pain_spread": "below_knee_one_leg", "duration_weeks": 7}, "see_clinician"),
        ({"duration_weeks": 12}, "self_care"),
        ({"duration_weeks": 13}, "see_clinician"),
        ({"persists_despite_rest": True}, "see_clinician"),
        ({"pain_after_every_run": True}, "see_clinician"),
        ({"groin_or_hip_pain": True, "duration_weeks": 6}, "self_care"),
        ({"groin_or_hip_pain": True, "duration_weeks": 7}, "see_clinician"),
        ({"age_years": 15, "duration_weeks": 3}, "see_clinician"),
        ({"age_years": 15, "duration_weeks": 2}, "self_care"),
        ({"age_years": 16, "duration_weeks": 3}, "self_care"),
    ],
)
def test_see_a_clinician_triggers_at_their_thresholds(changes, expected):
    assert triage(**changes) == expected


def test_an_unanswered_optional_red_flag_question_counts_as_the_worrying_answer():
    result = assess(without("immunosuppressed_or_iv_drugs", duration_weeks=3))
    assert result["triage"] == "urgent"
    assert result["red_flags"] == ["infection_risk"]
    # When the rule cannot fire whatever the answer, skipping it changes nothing.
    assert (
        assess(without("immunosuppressed_or_iv_drugs", duration_weeks=8))["triage"] == "self_care"
    )


def test_an_unanswered_trigger_question_leads_to_a_clinician():
    assert assess(without("pain_after_every_run"))["triage"] == "see_clinician"


def test_many_benign_answers_never_outvote_one_red_flag():
    result = assess(
        answers(saddle_numbness=True, pain_score=1, duration_weeks=0, plank_hold_seconds=600)
    )
    assert result["triage"] == "emergency"
    assert result["contributors"][0]["id"] == "muscle_strain"


def test_partial_answers_with_a_cauda_equina_sign_are_already_an_emergency():
    partial = {"age_years": 40, "sex": "male", "saddle_numbness": True}
    result = early_emergency(partial)
    assert result is not None
    assert result["triage"] == "emergency"
    assert result["red_flags"] == ["cauda_equina_symptoms"]
    assert "go_to_emergency_department" in result["plan"]


def test_partial_answers_without_an_emergency_sign_go_on():
    assert early_emergency({"age_years": 40, "sex": "male", "saddle_numbness": False}) is None
