"""Safety properties over random valid answer sets (hypothesis)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from runwell.paincheck.engine import RANK, assess
from runwell.paincheck.knowledge import load

K = load()
CONTRACT_TRIAGE = {"emergency", "urgent", "see_clinician", "self_care"}
CONTRACT_FLAGS = {
    "cauda_equina_symptoms",
    "chest_or_breathing_symptoms",
    "major_trauma",
    "progressive_weakness",
    "bilateral_leg_symptoms",
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
# For each red-flag question: its benign value and its alarming values.
ALARMING: dict[str, tuple[object, list[object]]] = {
    "bladder_bowel_change": (False, [True]),
    "saddle_numbness": (False, [True]),
    "chest_pain_or_breathless": (False, [True]),
    "fever_or_unwell": (False, [True]),
    "unexplained_weight_loss": (False, [True]),
    "cancer_history": (False, [True]),
    "immunosuppressed_or_iv_drugs": (False, [True]),
    "osteoporosis_or_steroids": (False, [True]),
    "hop_pain": (False, [True]),
    "recent_trauma": ("none", ["minor", "major"]),
    "leg_weakness": ("none", ["stable", "worsening"]),
    "leg_numbness": ("none", ["one_leg", "both_legs"]),
    "pain_spread": ("none", ["buttock_or_thigh", "below_knee_one_leg", "both_legs"]),
    "night_pain": ("none", ["wakes_eases_with_moving", "constant_unrelieved"]),
}


def value_for(question):
    if question.type == "bool":
        return st.booleans()
    if question.type == "choice":
        return st.sampled_from(question.option_ids)
    return st.integers(min_value=question.min, max_value=question.max)


@st.composite
def answer_sets(draw):
    out = {}
    for q in K.questions:
        if q.required or draw(st.booleans()):
            out[q.id] = draw(value_for(q))
    return out


@settings(max_examples=400, deadline=None)
@given(answer_sets())
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


@settings(max_examples=200, deadline=None)
@given(answer_sets(), st.sampled_from(["bladder_bowel_change", "saddle_numbness"]))
def test_bladder_bowel_or_saddle_symptoms_are_always_an_emergency(ans, question):
    ans[question] = True
    result = assess(ans)
    assert result["triage"] == "emergency"
    assert "cauda_equina_symptoms" in result["red_flags"]


@settings(max_examples=400, deadline=None)
@given(answer_sets(), st.sampled_from(sorted(ALARMING)), st.data())
def test_turning_a_red_flag_answer_from_benign_to_alarming_never_lowers_triage(ans, question, data):
    benign, alarming = ALARMING[question]
    ans[question] = benign
    before = RANK[assess(ans)["triage"]]
    ans[question] = data.draw(st.sampled_from(alarming))
    assert RANK[assess(ans)["triage"]] <= before


@settings(max_examples=400, deadline=None)
@given(answer_sets(), st.data())
def test_removing_optional_answers_never_lowers_urgency(ans, data):
    optional = sorted(q.id for q in K.questions if not q.required and q.id in ans)
    before = RANK[assess(ans)["triage"]]
    removed = data.draw(st.lists(st.sampled_from(optional), unique=True)) if optional else []
    for qid in removed:
        del ans[qid]
    assert RANK[assess(ans)["triage"]] <= before
