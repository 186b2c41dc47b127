"""Contributor ranking and plan selection."""

from runwell.paincheck.engine import assess

from .helpers import answers


def ids(result):
    return [c["id"] for c in result["contributors"]]


def test_contributors_are_sorted_by_score_with_reasons_naming_questions():
    result = assess(answers(mileage_increase_pct=45, terrain="hard_hilly"))
    scores = [c["score"] for c in result["contributors"]]
    assert scores == sorted(scores, reverse=True)
    assert all(0 < s <= 1 for s in scores)
    spike = next(c for c in result["contributors"] if c["id"] == "training_load_spike")
    assert spike["reasons"] == ["mileage_increase_pct"]
    assert spike["score"] == 0.55


def test_ties_are_broken_by_catalogue_order():
    # Worn shoes (0.3) and hilly roads (0.3) tie.
    result = assess(
        answers(shoe_km=900, terrain="hard_hilly", pain_region="upper_back", pain_spread="none")
    )
    tied = [c["id"] for c in result["contributors"] if c["score"] == 0.3]
    assert tied == ["footwear_foot_mechanics", "hard_surface_hill_load"]


def test_sciatica_ranks_first_when_pain_runs_below_the_knee_with_tingling():
    result = assess(
        answers(pain_spread="below_knee_one_leg", leg_numbness="one_leg", previous_back_pain=True)
    )
    assert ids(result)[0] == "lumbar_radiculopathy"
    assert result["contributors"][0]["reasons"] == [
        "pain_spread",
        "leg_numbness",
        "previous_back_pain",
    ]


def test_a_teenager_with_extension_pain_for_weeks_ranks_spondylolysis_first():
    result = assess(
        answers(
            age_years=16,
            pain_arching_back=True,
            flexibility_test="hamstrings_tight",
            duration_weeks=3,
        )
    )
    assert ids(result)[0] == "spondylolysis"
    assert result["triage"] == "see_clinician"


def test_extension_pain_of_a_few_days_in_a_teenager_is_only_a_possible_pars_fracture():
    # Strong matches for a bone-stress injury come only with the bone-stress flag.
    result = assess(answers(age_years=16, pain_arching_back=True, duration_weeks=1))
    spondylolysis = next(c for c in result["contributors"] if c["id"] == "spondylolysis")
    assert spondylolysis["score"] < 0.6
    assert result["triage"] == "self_care"


def test_contributors_never_change_triage():
    strong = answers(
        mileage_increase_pct=200, terrain="incline_treadmill", plank_hold_seconds=5, shoe_km=3000
    )
    assert assess(strong)["triage"] == "self_care"


def test_only_positive_scores_are_listed():
    result = assess(answers(pain_region="upper_back", pain_spread="none", duration_weeks=8))
    assert all(c["score"] > 0 for c in result["contributors"])


def test_a_self_care_plan_covers_staying_active_load_and_review():
    plan = assess(answers())["plan"]
    for item in (
        "stay_active_avoid_bed_rest",
        "reduce_load_then_graded_return",
        "review_if_not_better_2_to_6_weeks",
    ):
        assert item in plan
    assert "go_to_emergency_department" not in plan


def test_plan_items_follow_the_contributors():
    plan = assess(
        answers(
            terrain="incline_treadmill",
            flexibility_test="both_tight",
            flat_feet_or_overpronation=True,
            pain_region="both",
            arm_swing="too_much",
        )
    )["plan"]
    for item in (
        "stairclimber_instead_of_incline_treadmill",
        "softer_surfaces_and_shorter_hill_strides",
        "hip_flexor_and_hamstring_stretches",
        "insoles_low_evidence_note",
        "relax_shoulders_and_arm_swing_drills",
    ):
        assert item in plan


def test_an_emergency_plan_is_one_clear_action():
    assert assess(answers(bladder_bowel_change=True))["plan"] == ["go_to_emergency_department"]
    assert assess(answers(chest_pain_or_breathless=True))["plan"] == ["call_ambulance"]


def test_the_ambulance_comes_first_for_the_heart_aorta_lungs_and_major_trauma():
    for change in (
        {"chest_pain_or_breathless": True},
        {"sweating_nausea_or_faint": True},
        {"sudden_severe_onset": True, "age_years": 60},
        {"recent_trauma": "major"},
        {"recent_trauma": "major", "saddle_numbness": True},
    ):
        assert assess(answers(**change))["plan"][0] == "call_ambulance", change


def test_an_urgent_heart_or_lung_flag_does_not_call_an_ambulance():
    # Same-day care, with the safety net on the page saying when to call 999 instead.
    for change in (
        {"pain_on_breathing_in": True},
        {"pain_with_effort_eases_at_rest": True, "pain_region": "upper_back"},
    ):
        result = assess(answers(**change))
        assert result["triage"] == "urgent"
        assert "call_ambulance" not in result["plan"]


def test_an_urgent_plan_says_see_a_doctor_within_24_hours():
    plan = assess(answers(cancer_history=True))["plan"]
    assert plan[:2] == ["see_doctor_within_24h", "stop_running_until_assessed"]


def test_suspected_bone_stress_stops_running_until_assessed():
    plan = assess(answers(hop_pain=True, low_energy_or_amenorrhoea=True))["plan"]
    assert {
        "book_gp_or_physio",
        "stop_running_until_assessed",
        "review_energy_availability",
    } <= set(plan)
    # Nothing beside it says to keep running.
    assert "reduce_load_then_graded_return" not in plan
    assert "limit_single_run_increase" not in plan


def test_a_self_care_plan_keeps_running_within_limits_and_says_when_to_get_reviewed():
    plan = assess(answers())["plan"]
    assert plan[0] == "stay_active_avoid_bed_rest"
    assert "stop_running_until_assessed" not in plan
    assert plan[-1] == "review_if_not_better_2_to_6_weeks"
