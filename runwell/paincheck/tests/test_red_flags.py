"""Each red flag and see-a-clinician trigger, at and around its edges (contract v2)."""

import pytest

from runwell.paincheck.engine import assess, early_emergency, evaluate_flags
from runwell.paincheck.knowledge import load

from .helpers import answers

WARNING_STEP = {q.id for q in load().questions if q.step in ("about_you", "warning_signs")}


def triage(**changes):
    return assess(answers(**changes))["triage"]


def flags(**changes):
    return assess(answers(**changes))["red_flags"]


def test_a_benign_fully_answered_case_is_self_care():
    result = assess(answers())
    assert result["triage"] == "self_care"
    assert result["red_flags"] == []


# --- cauda equina ----------------------------------------------------------------


@pytest.mark.parametrize(
    "change",
    [
        {"bladder_bowel_change": True},
        {"saddle_numbness": True},
        {"leg_numbness": "both_legs"},
        {"leg_weakness": "both_legs"},
    ],
)
def test_any_one_cauda_equina_symptom_alone_is_an_emergency(change):
    result = assess(answers(**change))
    assert result["triage"] == "emergency"
    assert result["red_flags"] == ["cauda_equina_symptoms"]
    assert result["plan"] == ["go_to_emergency_department"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"leg_numbness": "one_leg"}, "self_care"),
        ({"leg_weakness": "one_leg_stable"}, "see_clinician"),
        ({"leg_weakness": "one_leg_worsening"}, "urgent"),
        ({"pain_spread": "both_legs"}, "urgent"),
    ],
)
def test_one_leg_or_pain_alone_in_both_legs_is_not_cauda_equina(change, expected):
    result = assess(answers(**change))
    assert result["triage"] == expected
    assert "cauda_equina_symptoms" not in result["red_flags"]


# --- heart, aorta, lungs ------------------------------------------------------------


def test_chest_pain_with_upper_back_pain_is_an_emergency_whatever_the_arm_swing():
    result = assess(
        answers(chest_pain_or_breathless=True, pain_region="upper_back", arm_swing="too_much")
    )
    assert result["triage"] == "emergency"
    assert result["plan"] == ["call_ambulance"]


@pytest.mark.parametrize("age", [18, 49, 50, 69])
def test_sweating_nausea_or_faintness_with_the_pain_is_an_emergency_at_any_age(age):
    result = assess(answers(sweating_nausea_or_faint=True, age_years=age))
    assert result["triage"] == "emergency"
    assert result["red_flags"] == ["cardiac_or_vascular_symptoms"]
    assert result["plan"][0] == "call_ambulance"


@pytest.mark.parametrize(
    ("age", "expected", "expected_flags"),
    [
        (49, "urgent", ["sudden_severe_pain"]),
        (50, "emergency", ["cardiac_or_vascular_symptoms", "sudden_severe_pain"]),
        (51, "emergency", ["cardiac_or_vascular_symptoms", "sudden_severe_pain"]),
    ],
)
def test_sudden_severe_pain_is_urgent_and_an_emergency_from_age_50(age, expected, expected_flags):
    result = assess(answers(sudden_severe_onset=True, age_years=age))
    assert result["triage"] == expected
    assert result["red_flags"] == expected_flags


@pytest.mark.parametrize(
    ("region", "expected"),
    [("lower_back", "self_care"), ("upper_back", "urgent"), ("both", "urgent")],
)
def test_effort_pain_that_settles_with_rest_is_urgent_in_the_upper_back(region, expected):
    result = assess(answers(pain_with_effort_eases_at_rest=True, pain_region=region))
    assert result["triage"] == expected
    assert ("possible_angina" in result["red_flags"]) is (expected == "urgent")


def test_effort_pain_with_sweating_is_an_emergency_not_a_clinic_visit():
    result = assess(
        answers(
            pain_with_effort_eases_at_rest=True,
            pain_region="upper_back",
            sweating_nausea_or_faint=True,
        )
    )
    assert result["triage"] == "emergency"
    assert result["red_flags"] == ["cardiac_or_vascular_symptoms", "possible_angina"]


def test_pain_on_breathing_in_is_urgent_and_an_emergency_with_breathlessness():
    assert flags(pain_on_breathing_in=True) == ["pleuritic_pain"]
    assert triage(pain_on_breathing_in=True) == "urgent"
    assert triage(pain_on_breathing_in=True, chest_pain_or_breathless=True) == "emergency"


# --- kidney ------------------------------------------------------------------------


def test_loin_or_urinary_symptoms_are_urgent_and_an_emergency_with_fever():
    assert flags(urinary_or_loin_symptoms=True) == ["kidney_or_urinary_symptoms"]
    assert triage(urinary_or_loin_symptoms=True) == "urgent"
    result = assess(answers(urinary_or_loin_symptoms=True, fever_or_unwell=True))
    assert result["triage"] == "emergency"
    assert result["plan"] == ["go_to_emergency_department"]


# --- trauma and fragility ------------------------------------------------------------


@pytest.mark.parametrize(
    ("trauma", "expected"), [("none", "self_care"), ("minor", "self_care"), ("major", "emergency")]
)
def test_only_major_trauma_is_an_emergency_for_a_young_runner(trauma, expected):
    assert triage(recent_trauma=trauma) == expected


def test_major_trauma_calls_an_ambulance():
    assert assess(answers(recent_trauma="major"))["plan"] == ["call_ambulance"]


@pytest.mark.parametrize(("age", "expected"), [(69, "self_care"), (70, "urgent"), (71, "urgent")])
def test_a_minor_fall_is_urgent_from_age_70(age, expected):
    assert triage(recent_trauma="minor", age_years=age, duration_weeks=8) == expected


@pytest.mark.parametrize(
    ("weeks", "expected"),
    [(0, "urgent"), (6, "urgent"), (7, "see_clinician"), (20, "see_clinician")],
)
def test_long_term_steroids_make_new_pain_urgent_without_any_fall(weeks, expected):
    result = assess(answers(osteoporosis_or_steroids=True, duration_weeks=weeks))
    assert result["triage"] == expected
    assert ("fragility_fracture_risk" in result["red_flags"]) is (expected == "urgent")


def test_long_term_steroids_with_a_sudden_start_or_a_slip_are_urgent_however_long_the_pain():
    assert triage(osteoporosis_or_steroids=True, duration_weeks=20, sudden_severe_onset=True) in (
        "urgent",
        "emergency",
    )
    assert (
        triage(osteoporosis_or_steroids=True, duration_weeks=20, recent_trauma="minor") == "urgent"
    )


@pytest.mark.parametrize(
    ("age", "weeks", "expected"),
    [(69, 2, "self_care"), (70, 2, "urgent"), (70, 6, "urgent"), (70, 7, "self_care")],
)
def test_new_pain_from_age_70_is_urgent_even_without_a_fall(age, weeks, expected):
    assert triage(age_years=age, duration_weeks=weeks) == expected


# --- infection and cancer ---------------------------------------------------------------


def test_fever_alone_is_urgent():
    assert flags(fever_or_unwell=True) == ["infection_risk"]
    assert triage(fever_or_unwell=True) == "urgent"


@pytest.mark.parametrize("weeks", [0, 6, 9, 52])
def test_weakened_immunity_is_urgent_however_long_the_pain_has_lasted(weeks):
    assert flags(immunosuppressed_or_iv_drugs=True, duration_weeks=weeks) == ["infection_risk"]


@pytest.mark.parametrize(
    "risk", ["fever_or_unwell", "immunosuppressed_or_iv_drugs", "cancer_history"]
)
@pytest.mark.parametrize(
    "deficit",
    [
        {"leg_weakness": "one_leg_stable"},
        {"leg_weakness": "one_leg_worsening"},
        {"leg_numbness": "one_leg"},
    ],
)
def test_a_leg_deficit_with_fever_weak_immunity_or_past_cancer_is_an_emergency(risk, deficit):
    result = assess(answers(**{risk: True}, **deficit))
    assert result["triage"] == "emergency"
    assert "neuro_deficit_with_infection_or_cancer" in result["red_flags"]
    assert result["plan"] == ["go_to_emergency_department"]


@pytest.mark.parametrize(
    ("spread", "expected"),
    [
        ("none", "urgent"),
        ("buttock_or_thigh", "urgent"),
        ("below_knee_one_leg", "emergency"),
        ("both_legs", "emergency"),
    ],
)
def test_past_cancer_with_nerve_pain_below_the_knee_is_an_emergency(spread, expected):
    assert triage(cancer_history=True, pain_spread=spread) == expected


def test_fever_with_nerve_pain_but_no_deficit_stays_urgent():
    assert triage(fever_or_unwell=True, pain_spread="below_knee_one_leg") == "urgent"


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
        ({"age_years": 69, "duration_weeks": 8}, "self_care"),
    ],
)
def test_cancer_features_count_together_and_age_alone_counts_for_nothing(changes, expected):
    assert triage(**changes) == expected


# --- nerves in the legs --------------------------------------------------------------------


def test_worsening_weakness_in_one_leg_is_urgent():
    assert triage(leg_weakness="one_leg_worsening", pain_spread="below_knee_one_leg") == "urgent"
    assert flags(leg_weakness="one_leg_worsening") == ["progressive_weakness"]


def test_worsening_weakness_with_pain_in_both_legs_is_an_emergency():
    result = assess(answers(leg_weakness="one_leg_worsening", pain_spread="both_legs"))
    assert result["triage"] == "emergency"
    assert result["red_flags"] == ["progressive_weakness", "bilateral_leg_symptoms"]


def test_stable_weakness_in_one_leg_is_a_reason_to_see_a_clinician_not_a_red_flag():
    result = assess(answers(leg_weakness="one_leg_stable"))
    assert result["triage"] == "see_clinician"
    assert result["red_flags"] == []


# --- see a clinician: inflammatory pattern and bone stress ---------------------------------


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
    for third in ({"pain_at_pelvic_dimple": True}, {"buttock_pain_sitting": True}):
        assert "inflammatory_pattern" in flags(
            duration_weeks=13, age_years=30, morning_stiffness_over_30min=True, **third
        )
    # Age 46 with 52 weeks of pain: onset at 45, not before.
    assert "inflammatory_pattern" not in flags(**{**base, "age_years": 46}, duration_weeks=52)
    assert "inflammatory_pattern" in flags(**{**base, "age_years": 45}, duration_weeks=52)


def test_pain_on_hopping_suggests_bone_stress_and_stops_running():
    result = assess(answers(hop_pain=True))
    assert result["red_flags"] == ["bone_stress_suspected"]
    assert result["triage"] == "see_clinician"
    assert "stop_running_until_assessed" in result["plan"]
    assert "reduce_load_then_graded_return" not in result["plan"]
    assert "limit_single_run_increase" not in result["plan"]


@pytest.mark.parametrize(
    ("age", "weeks", "fires"), [(22, 6, True), (25, 2, True), (26, 2, False), (19, 1, False)]
)
def test_runners_under_26_with_extension_pain_for_two_weeks_suggest_bone_stress(age, weeks, fires):
    got = "bone_stress_suspected" in flags(
        age_years=age, duration_weeks=weeks, pain_arching_back=True
    )
    assert got is fires


@pytest.mark.parametrize(("weeks", "fires"), [(1, False), (2, True), (8, True)])
def test_low_energy_availability_suggests_bone_stress_even_with_a_painless_hop(weeks, fires):
    result = assess(answers(low_energy_or_amenorrhoea=True, hop_pain=False, duration_weeks=weeks))
    assert ("bone_stress_suspected" in result["red_flags"]) is fires
    assert "review_energy_availability" in result["plan"]


# --- see-a-clinician triggers ------------------------------------------------------------------


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
        ({"osteoporosis_or_steroids": True, "duration_weeks": 8}, "see_clinician"),
        ({"age_years": 15, "duration_weeks": 3}, "see_clinician"),
        ({"age_years": 15, "duration_weeks": 1}, "self_care"),
        ({"age_years": 16, "duration_weeks": 3, "pain_arching_back": False}, "self_care"),
    ],
)
def test_see_a_clinician_triggers_at_their_thresholds(changes, expected):
    assert triage(**changes) == expected


# --- red flags always win ------------------------------------------------------------------------


def test_many_benign_answers_never_outvote_one_red_flag():
    result = assess(
        answers(saddle_numbness=True, pain_score=1, duration_weeks=0, plank_hold_seconds=600)
    )
    assert result["triage"] == "emergency"
    assert result["contributors"][0]["id"] == "muscle_strain"


def test_each_flag_names_the_answers_that_raised_it():
    fired = {
        f.id: f.because
        for f in evaluate_flags(
            answers(fever_or_unwell=True, leg_numbness="one_leg", cancer_history=False)
        )
    }
    assert fired["neuro_deficit_with_infection_or_cancer"] == ("fever_or_unwell", "leg_numbness")
    assert fired["infection_risk"] == ("fever_or_unwell",)


# --- the early emergency stop ---------------------------------------------------------------------


def test_partial_answers_with_a_cauda_equina_sign_are_already_an_emergency():
    partial = {"age_years": 40, "sex": "male", "saddle_numbness": True}
    result = early_emergency(partial)
    assert result is not None
    assert result["triage"] == "emergency"
    assert result["red_flags"] == ["cauda_equina_symptoms"]
    assert result["plan"] == ["go_to_emergency_department"]


def test_partial_answers_decide_only_the_clauses_whose_answers_are_in():
    # Sudden severe pain is an emergency from 50, but the age is not known yet.
    assert early_emergency({"sudden_severe_onset": True}) is None
    assert early_emergency({"sudden_severe_onset": True, "age_years": 50}) is not None
    # Fever with a weak leg stops the questionnaire at the warning signs, before the
    # pain's spread (which another clause of the same flag reads) is asked.
    screen = {k: v for k, v in answers().items() if k in WARNING_STEP}
    fever = early_emergency({**screen, "fever_or_unwell": True, "leg_weakness": "one_leg_stable"})
    assert fever is not None
    assert fever["red_flags"] == ["neuro_deficit_with_infection_or_cancer"]


def test_partial_answers_without_an_emergency_sign_go_on():
    assert early_emergency({"age_years": 40, "sex": "male", "saddle_numbness": False}) is None
    # An urgent flag does not stop the questionnaire.
    assert early_emergency({"age_years": 40, "fever_or_unwell": True}) is None
