"""Safety properties over random complete answer sets (hypothesis)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from runwell.paincheck.engine import RANK, assess, early_emergency
from runwell.paincheck.knowledge import load

K = load()
CONTRACT_TRIAGE = {"emergency", "urgent", "see_clinician", "self_care"}
CONTRACT_FLAGS = {
    "cauda_equina_symptoms",
    "chest_or_breathing_symptoms",
    "cardiac_or_vascular_symptoms",
    "major_trauma",
    "neuro_deficit_with_infection_or_cancer",
    "progressive_weakness",
    "bilateral_leg_symptoms",
    "possible_angina",
    "sudden_severe_pain",
    "pleuritic_pain",
    "kidney_or_urinary_symptoms",
    "fragility_fracture_risk",
    "infection_risk",
    "cancer_risk",
    "inflammatory_pattern",
    "bone_stress_suspected",
}
CONTRACT_CONTRIBUTORS = [
    "muscle_strain",
    "lumbar_radiculopathy",
    "spondylolysis",
    "sacral_stress_fracture",
    "vertebral_fracture",
    "sacroiliac_joint_pain",
    "facet_joint_pain",
    "deep_gluteal_syndrome",
    "hip_joint_referral",
    "thoracic_muscular_pain",
    "axial_spondyloarthritis",
    "training_load_spike",
    "hip_flexor_hamstring_tightness",
    "core_weakness_poor_form",
    "footwear_foot_mechanics",
    "hard_surface_hill_load",
]
CONTRACT_PLAN = {
    "call_ambulance",
    "go_to_emergency_department",
    "see_doctor_within_24h",
    "book_gp_or_physio",
    "stop_running_until_assessed",
    "stay_active_avoid_bed_rest",
    "heat_and_short_nsaid_course",
    "reduce_load_then_graded_return",
    "limit_single_run_increase",
    "softer_surfaces_and_shorter_hill_strides",
    "stairclimber_instead_of_incline_treadmill",
    "hip_flexor_and_hamstring_stretches",
    "general_strength_and_trunk_endurance",
    "relax_shoulders_and_arm_swing_drills",
    "check_or_replace_worn_shoes",
    "insoles_low_evidence_note",
    "review_energy_availability",
    "review_if_not_better_2_to_6_weeks",
}
AMBULANCE_FLAGS = {"chest_or_breathing_symptoms", "cardiac_or_vascular_symptoms", "major_trauma"}
# Every red-flag answer as a chain from the least to the most worrying value: moving
# one step up a chain must never lower urgency. (Age and duration are not chains:
# youth raises some risks and age others, new pain some and long pain others.)
CHAINS: dict[str, list[list[object]]] = {
    **{
        q: [[False, True]]
        for q in (
            "bladder_bowel_change",
            "saddle_numbness",
            "chest_pain_or_breathless",
            "sweating_nausea_or_faint",
            "sudden_severe_onset",
            "pain_with_effort_eases_at_rest",
            "pain_on_breathing_in",
            "urinary_or_loin_symptoms",
            "fever_or_unwell",
            "unexplained_weight_loss",
            "cancer_history",
            "immunosuppressed_or_iv_drugs",
            "osteoporosis_or_steroids",
            "morning_stiffness_over_30min",
            "pain_arching_back",
            "hop_pain",
            "pain_after_every_run",
            "persists_despite_rest",
            "low_energy_or_amenorrhoea",
            "buttock_pain_sitting",
            "groin_or_hip_pain",
            "pain_at_pelvic_dimple",
        )
    },
    "recent_trauma": [["none", "minor", "major"]],
    "leg_weakness": [["none", "one_leg_stable", "one_leg_worsening", "both_legs"]],
    "leg_numbness": [["none", "one_leg", "both_legs"]],
    "pain_spread": [
        ["none", "buttock_or_thigh", "both_legs"],
        ["none", "below_knee_one_leg", "both_legs"],
    ],
    "night_pain": [["none", "wakes_eases_with_moving"], ["none", "constant_unrelieved"]],
    "pain_region": [["lower_back", "upper_back"], ["lower_back", "both"]],
}


def value_for(question):
    if question.type == "bool":
        return st.booleans()
    if question.type == "choice":
        return st.sampled_from(question.option_ids)
    return st.integers(min_value=question.min, max_value=question.max)


@st.composite
def complete_answer_sets(draw):
    """Every question answered, optional ones included."""
    return {q.id: draw(value_for(q)) for q in K.questions}


@st.composite
def valid_answer_sets(draw):
    """Every required question answered; optional ones only sometimes."""
    return {q.id: draw(value_for(q)) for q in K.questions if q.required or draw(st.booleans())}


@st.composite
def chain_steps(draw):
    question = draw(st.sampled_from(sorted(CHAINS)))
    chain = draw(st.sampled_from(CHAINS[question]))
    lower = draw(st.integers(min_value=0, max_value=len(chain) - 2))
    higher = draw(st.integers(min_value=lower + 1, max_value=len(chain) - 1))
    return question, chain[lower], chain[higher]


def test_every_rule_question_has_a_chain():
    rule_questions = {q for r in K.red_flags for c in r.clauses for q in _questions(c.when)} | {
        q for t in K.triggers for q in _questions(t.when)
    }
    assert rule_questions - set(CHAINS) == {"age_years", "duration_weeks"}


def _questions(cond):
    from runwell.paincheck.knowledge.conditions import question_ids

    return question_ids(cond)


@settings(max_examples=600, deadline=None)
@given(complete_answer_sets(), chain_steps())
def test_a_more_worrying_red_flag_answer_never_lowers_urgency(ans, step):
    question, less, more = step
    before = RANK[assess({**ans, question: less})["triage"]]
    after = RANK[assess({**ans, question: more})["triage"]]
    assert after <= before, f"{question}: {less} -> {more}"


@settings(max_examples=400, deadline=None)
@given(valid_answer_sets())
def test_the_engine_always_answers_with_contract_ids(ans):
    result = assess(ans)
    assert list(result) == ["triage", "red_flags", "contributors", "plan"]
    assert result["triage"] in CONTRACT_TRIAGE
    assert set(result["red_flags"]) <= CONTRACT_FLAGS
    assert set(result["plan"]) <= CONTRACT_PLAN
    question_ids = {q.id for q in K.questions}
    keys = [(-c["score"], CONTRACT_CONTRIBUTORS.index(c["id"])) for c in result["contributors"]]
    assert keys == sorted(keys)
    for c in result["contributors"]:
        assert c["id"] in CONTRACT_CONTRIBUTORS
        assert 0 < c["score"] <= 1
        assert c["reasons"] and set(c["reasons"]) <= question_ids
    if result["red_flags"]:
        assert result["triage"] != "self_care"
    assert assess(ans) == result  # deterministic


@settings(max_examples=400, deadline=None)
@given(complete_answer_sets(), st.data())
def test_leaving_out_optional_answers_never_changes_the_triage_or_flags(ans, data):
    optional = sorted(q.id for q in K.questions if not q.required)
    removed = data.draw(st.lists(st.sampled_from(optional), unique=True))
    before = assess(ans)
    after = assess({k: v for k, v in ans.items() if k not in removed})
    assert (after["triage"], after["red_flags"]) == (before["triage"], before["red_flags"])


@settings(max_examples=200, deadline=None)
@given(
    complete_answer_sets(),
    st.sampled_from(
        [
            ("bladder_bowel_change", True),
            ("saddle_numbness", True),
            ("leg_numbness", "both_legs"),
            ("leg_weakness", "both_legs"),
            ("chest_pain_or_breathless", True),
            ("sweating_nausea_or_faint", True),
            ("recent_trauma", "major"),
        ]
    ),
)
def test_each_emergency_sign_is_always_an_emergency(ans, sign):
    question, value = sign
    result = assess({**ans, question: value})
    assert result["triage"] == "emergency"
    assert result["plan"] and result["plan"][0] in ("call_ambulance", "go_to_emergency_department")


@settings(max_examples=400, deadline=None)
@given(complete_answer_sets())
def test_plans_agree_with_themselves_and_with_the_triage(ans):
    result = assess(ans)
    plan, triage = result["plan"], result["triage"]
    if triage == "emergency":
        expected_first = (
            "call_ambulance"
            if AMBULANCE_FLAGS & set(result["red_flags"])
            else "go_to_emergency_department"
        )
        assert plan == [expected_first]
    if "stop_running_until_assessed" in plan:
        assert "reduce_load_then_graded_return" not in plan
        assert "limit_single_run_increase" not in plan
    if "bone_stress_suspected" in result["red_flags"] and triage != "emergency":
        assert "stop_running_until_assessed" in plan
    assert ("see_doctor_within_24h" in plan) is (triage == "urgent")
    assert ("book_gp_or_physio" in plan) is (triage == "see_clinician")


@settings(max_examples=400, deadline=None)
@given(complete_answer_sets())
def test_a_bone_stress_contributor_is_a_strong_match_only_when_the_bone_stress_flag_fires(ans):
    result = assess(ans)
    strong = {c["id"] for c in result["contributors"] if c["score"] >= 0.6}
    if strong & {"sacral_stress_fracture", "spondylolysis"}:
        assert "bone_stress_suspected" in result["red_flags"]


@settings(max_examples=300, deadline=None)
@given(complete_answer_sets())
def test_the_early_stop_agrees_with_the_full_assessment(ans):
    early = early_emergency(ans)
    result = assess(ans)
    assert (early is not None) is (result["triage"] == "emergency")
    if early is not None:
        assert early["plan"] == result["plan"]
