"""Answer sets shared by the pain-check tests."""

from __future__ import annotations

from typing import Any

# A benign, fully answered case: every question answered (optional ones too), nothing alarming.
BENIGN: dict[str, Any] = {
    "age_years": 34,
    "sex": "female",
    "pain_region": "lower_back",
    "pain_spread": "none",
    "leg_numbness": "none",
    "leg_weakness": "none",
    "bladder_bowel_change": False,
    "saddle_numbness": False,
    "fever_or_unwell": False,
    "unexplained_weight_loss": False,
    "cancer_history": False,
    "immunosuppressed_or_iv_drugs": False,
    "osteoporosis_or_steroids": False,
    "recent_trauma": "none",
    "night_pain": "none",
    "morning_stiffness_over_30min": False,
    "chest_pain_or_breathless": False,
    "sweating_nausea_or_faint": False,
    "sudden_severe_onset": False,
    "pain_with_effort_eases_at_rest": False,
    "pain_on_breathing_in": False,
    "urinary_or_loin_symptoms": False,
    "duration_weeks": 2,
    "pain_score": 4,
    "mileage_increase_pct": 0,
    "terrain": "soft_or_mixed",
    "shoe_km": 300,
    "flat_feet_or_overpronation": False,
    "previous_back_pain": False,
    "pain_arching_back": False,
    "hop_pain": False,
    "pain_after_every_run": False,
    "persists_despite_rest": False,
    "low_energy_or_amenorrhoea": False,
    "arm_swing": "normal",
    "flexibility_test": "normal",
    "plank_hold_seconds": 60,
    "buttock_pain_sitting": False,
    "groin_or_hip_pain": False,
    "pain_at_pelvic_dimple": False,
}


def answers(**changes: Any) -> dict[str, Any]:
    out = dict(BENIGN)
    out.update(changes)
    return out


def without(*ids: str, **changes: Any) -> dict[str, Any]:
    out = answers(**changes)
    for qid in ids:
        out.pop(qid, None)
    return out


def form_data(values: dict[str, Any]) -> dict[str, str]:
    """Answers as the HTML form posts them."""
    out: dict[str, str] = {}
    for key, value in values.items():
        out[key] = ("yes" if value else "no") if isinstance(value, bool) else str(value)
    return out


def required_only(**changes: Any) -> dict[str, Any]:
    """The benign case with every optional answer left out."""
    from runwell.paincheck.knowledge import load

    required = set(load().required_ids)
    return {k: v for k, v in answers(**changes).items() if k in required}
