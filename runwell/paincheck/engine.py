"""Answers in, assessment out: the pain check's pure core (no Django).

Red flags decide triage and are never outvoted; contributor scores only rank
explanations. Rules are evaluated in three-valued logic: an optional answer
that is absent is *unknown*, and a rule that could fire on some value of its
unknown answers counts as fired ("could not be ruled out"). That is how an
absent answer never lowers urgency.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from runwell.paincheck.knowledge import TRIAGE_LEVELS, Condition, Knowledge, load

Answers = Mapping[str, Any]
Tri = bool | None  # True, False, or None for "unknown"

RANK = {level: i for i, level in enumerate(TRIAGE_LEVELS)}  # 0 = most urgent


class InvalidAnswers(ValueError):
    """The answers cannot be assessed; `problems` lists every reason, in catalogue order."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def most_urgent(levels: Iterable[str]) -> str:
    return min(levels, key=RANK.__getitem__, default="self_care")


# --- validation -------------------------------------------------------------


def validate(answers: object, knowledge: Knowledge | None = None) -> dict[str, Any]:
    """Return a clean copy of the answers or raise InvalidAnswers with every problem."""
    k = knowledge or load()
    if not isinstance(answers, Mapping):
        raise InvalidAnswers(["answers must be a JSON object keyed by question id"])
    problems: list[str] = []
    for q in k.questions:
        if q.id not in answers:
            if q.required:
                problems.append(f"{q.id}: a required answer is missing")
            continue
        value = answers[q.id]
        if q.type == "bool":
            if not isinstance(value, bool):
                problems.append(f"{q.id}: must be true or false, got {_show(value)}")
        elif q.type == "int":
            if isinstance(value, bool) or not isinstance(value, int):
                problems.append(f"{q.id}: must be a whole number, got {_show(value)}")
            elif not (q.min is not None and q.max is not None and q.min <= value <= q.max):
                problems.append(f"{q.id}: must be between {q.min} and {q.max}, got {value}")
        elif not isinstance(value, str) or value not in q.option_ids:
            problems.append(
                f"{q.id}: unknown option {_show(value)}; expected one of " + ", ".join(q.option_ids)
            )
    known = k.questions_by_id
    problems += [
        f"{key}: unknown question id" for key in sorted(map(str, answers)) if key not in known
    ]
    if problems:
        raise InvalidAnswers(problems)
    return {q.id: answers[q.id] for q in k.questions if q.id in answers}


def _show(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    return repr(value) if isinstance(value, (int, float)) else type(value).__name__


# --- three-valued helpers -----------------------------------------------------


class _Facts:
    """Read answers as three-valued facts (absent -> None)."""

    def __init__(self, answers: Answers) -> None:
        self.a = answers

    def value(self, q: str) -> Any:
        if q == "onset_age_years":
            age, weeks = self.a.get("age_years"), self.a.get("duration_weeks")
            return None if age is None or weeks is None else age - weeks / 52
        return self.a.get(q)

    def test(self, cond: Condition) -> Tri:
        v = self.value(cond.q)
        if v is None:
            return None
        op, target = cond.op, cond.value
        if op == "eq":
            return bool(v == target and type(v) is type(target))
        if op == "in":
            return v in target
        compare: dict[str, Callable[[Any, Any], bool]] = {
            "gt": lambda x, y: x > y,
            "gte": lambda x, y: x >= y,
            "lt": lambda x, y: x < y,
            "lte": lambda x, y: x <= y,
        }
        return compare[op](v, target)

    def yes(self, q: str) -> Tri:
        v = self.a.get(q)
        return None if v is None else v is True

    def eq(self, q: str, value: str) -> Tri:
        v = self.a.get(q)
        return None if v is None else v == value

    def num(self, q: str, op: str, n: float) -> Tri:
        return self.test(Condition(q=q, op=op, value=n))


def k_and(*xs: Tri) -> Tri:
    if any(x is False for x in xs):
        return False
    return None if any(x is None for x in xs) else True


def k_or(*xs: Tri) -> Tri:
    if any(x is True for x in xs):
        return True
    return None if any(x is None for x in xs) else False


def at_least(n: int, xs: Iterable[Tri]) -> Tri:
    values = list(xs)
    trues = sum(x is True for x in values)
    unknowns = sum(x is None for x in values)
    if trues >= n:
        return True
    return None if trues + unknowns >= n else False


# --- red flags ----------------------------------------------------------------


@dataclass(frozen=True)
class FlagResult:
    id: str
    level: str
    certain: bool  # False: fired only because an answer it needs is missing


def _bilateral(f: _Facts) -> Tri:
    return k_or(f.eq("pain_spread", "both_legs"), f.eq("leg_numbness", "both_legs"))


def _cancer_level(f: _Facts) -> tuple[Tri, Tri]:
    """(urgent?, see_clinician?) for cancer_risk."""
    older = f.num("age_years", "gte", 50)
    weight = f.yes("unexplained_weight_loss")
    night = f.eq("night_pain", "constant_unrelieved")
    urgent = k_or(f.yes("cancer_history"), at_least(2, (older, weight, night)))
    return urgent, k_or(weight, night)


def _flag_states(f: _Facts) -> list[tuple[str, str, Tri]]:
    """Every (flag id, level, state) pair; a flag may appear at two levels."""
    worsening = f.eq("leg_weakness", "worsening")
    cancer_urgent, cancer_clinician = _cancer_level(f)
    minor = f.eq("recent_trauma", "minor")
    bones = f.yes("osteoporosis_or_steroids")
    old = f.num("age_years", "gte", 70)
    buttock = k_or(
        f.yes("pain_at_pelvic_dimple"),
        f.yes("buttock_pain_sitting"),
        f.eq("pain_spread", "buttock_or_thigh"),
    )
    return [
        (
            "cauda_equina_symptoms",
            "emergency",
            k_or(f.yes("bladder_bowel_change"), f.yes("saddle_numbness")),
        ),
        ("chest_or_breathing_symptoms", "emergency", f.yes("chest_pain_or_breathless")),
        ("major_trauma", "emergency", f.eq("recent_trauma", "major")),
        (
            "progressive_weakness",
            "emergency",
            k_and(
                worsening, k_or(_bilateral(f), f.yes("fever_or_unwell"), f.yes("cancer_history"))
            ),
        ),
        ("progressive_weakness", "urgent", worsening),
        ("bilateral_leg_symptoms", "urgent", _bilateral(f)),
        (
            "fragility_fracture_risk",
            "urgent",
            k_or(k_and(minor, k_or(bones, old)), k_and(f.eq("recent_trauma", "none"), bones, old)),
        ),
        (
            "infection_risk",
            "urgent",
            k_or(
                f.yes("fever_or_unwell"),
                k_and(
                    f.yes("immunosuppressed_or_iv_drugs"),
                    k_or(
                        f.eq("night_pain", "constant_unrelieved"), f.num("duration_weeks", "lte", 6)
                    ),
                ),
            ),
        ),
        ("cancer_risk", "urgent", cancer_urgent),
        ("cancer_risk", "see_clinician", cancer_clinician),
        (
            "inflammatory_pattern",
            "see_clinician",
            k_and(
                f.num("onset_age_years", "lt", 45),
                f.num("duration_weeks", "gt", 12),
                at_least(
                    2,
                    (
                        f.yes("morning_stiffness_over_30min"),
                        f.eq("night_pain", "wakes_eases_with_moving"),
                        buttock,
                    ),
                ),
            ),
        ),
        (
            "bone_stress_suspected",
            "see_clinician",
            k_or(
                f.yes("hop_pain"),
                k_and(
                    f.num("age_years", "lt", 20),
                    f.yes("pain_arching_back"),
                    f.num("duration_weeks", "gte", 2),
                ),
            ),
        ),
    ]


def evaluate_flags(answers: Answers) -> list[FlagResult]:
    """Fired flags in catalogue order, each at its most urgent level.

    Missing answers (even required ones, as in a half-finished questionnaire)
    are unknown: a flag whose state is unknown is returned with certain=False.
    """
    best: dict[str, FlagResult] = {}
    for flag_id, level, state in _flag_states(_Facts(answers)):
        if state is False:
            continue
        found = FlagResult(flag_id, level, certain=state is True)
        old = best.get(flag_id)
        if old is None or RANK[level] < RANK[old.level] or (level == old.level and found.certain):
            best[flag_id] = found
    order = [r.id for r in load().red_flags]
    return sorted(best.values(), key=lambda r: order.index(r.id))


def certain_emergency_flags(answers: Answers) -> list[str]:
    """Flags that already demand an emergency from the answers given so far."""
    return [r.id for r in evaluate_flags(answers) if r.level == "emergency" and r.certain]


def early_emergency(answers: Answers) -> dict[str, Any] | None:
    """The assessment to show at once when the answers so far already demand an emergency.

    A questionnaire stops here: nobody with new bladder trouble or chest pain should have
    to finish it. Same shape as assess(); contributors are not ranked on partial answers.
    """
    flags = certain_emergency_flags(answers)
    if not flags:
        return None
    plan = choose_plan("emergency", flags, [], answers, load())
    return {"triage": "emergency", "red_flags": flags, "contributors": [], "plan": plan}


def trigger_states(answers: Answers) -> list[tuple[str, Tri]]:
    """The see-a-clinician triggers (used when no red flag fired)."""
    f = _Facts(answers)
    weeks_over_6 = f.num("duration_weeks", "gt", 6)
    return [
        ("sciatica_over_6_weeks", k_and(f.eq("pain_spread", "below_knee_one_leg"), weeks_over_6)),
        ("stable_weakness", f.eq("leg_weakness", "stable")),
        ("persists_despite_rest", f.yes("persists_despite_rest")),
        ("pain_after_every_run", f.yes("pain_after_every_run")),
        ("over_12_weeks", f.num("duration_weeks", "gt", 12)),
        ("hip_over_6_weeks", k_and(f.yes("groin_or_hip_pain"), weeks_over_6)),
        (
            "young_persistent",
            k_and(f.num("age_years", "lt", 16), f.num("duration_weeks", "gte", 3)),
        ),
    ]


# --- contributors and plan ------------------------------------------------------


def score_contributors(answers: Answers, knowledge: Knowledge) -> list[dict[str, Any]]:
    f = _Facts(answers)
    scored: list[tuple[float, int, dict[str, Any]]] = []
    for index, contributor in enumerate(knowledge.contributors):
        total = 0.0
        reasons: list[str] = []
        for signal in contributor.signals:
            if all(f.test(c) is True for c in signal.when):
                total += signal.weight
                if signal.weight > 0:
                    reasons += [q for c in signal.when for q in c.question_ids if q not in reasons]
        score = round(min(1.0, max(0.0, total)), 2)
        if score > 0:
            scored.append(
                (score, index, {"id": contributor.id, "score": score, "reasons": reasons})
            )
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [item[2] for item in scored]


def choose_plan(
    triage: str,
    red_flags: list[str],
    contributors: list[dict[str, Any]],
    answers: Answers,
    knowledge: Knowledge,
) -> list[str]:
    f = _Facts(answers)
    scores = {c["id"]: c["score"] for c in contributors}
    plan: list[str] = []
    for item in knowledge.plan_items:
        if triage in item.always_for or (
            triage in item.triages
            and (
                any(flag in red_flags for flag in item.if_red_flags)
                or any(scores.get(c, 0.0) >= item.min_score for c in item.if_contributors)
                or any(f.test(cond) is True for cond in item.if_answers)
            )
        ):
            plan.append(item.id)
    return plan


# --- the whole assessment ---------------------------------------------------------


def assess(answers: object) -> dict[str, Any]:
    """Validate and assess one answer set; the output is exactly the contract's shape."""
    knowledge = load()
    clean = validate(answers, knowledge)
    flags = evaluate_flags(clean)
    levels = [r.level for r in flags]
    if not flags and any(state is not False for _, state in trigger_states(clean)):
        levels.append("see_clinician")
    triage = most_urgent(levels)
    red_flags = [r.id for r in flags]
    contributors = score_contributors(clean, knowledge)
    return {
        "triage": triage,
        "red_flags": red_flags,
        "contributors": contributors,
        "plan": choose_plan(triage, red_flags, contributors, clean, knowledge),
    }
