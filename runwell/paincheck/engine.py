"""Answers in, assessment out: the pain check's pure core (no Django).

Red flags decide triage and are never outvoted; contributor scores only rank
explanations. Every question a red flag or see-a-clinician trigger reads is
required, so an answer set is validated first and a missing answer is an error
that names it: the engine never triages on a guess. Optional answers feed only
contributors and the plan, so leaving them out never changes the triage.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypedDict

from runwell.paincheck.knowledge import (
    TRIAGE_LEVELS,
    Knowledge,
    RedFlag,
    Triage,
    Trigger,
    load,
)
from runwell.paincheck.knowledge.conditions import (
    answerable,
    holds,
    leaf_holds,
    supporting_leaves,
)

__all__ = [
    "RANK",
    "Assessment",
    "Contribution",
    "FiredFlag",
    "InvalidAnswers",
    "Triage",
    "assess",
    "early_emergency",
    "evaluate_flags",
    "fired_triggers",
    "most_urgent",
    "validate",
]

RANK: dict[Triage, int] = {level: i for i, level in enumerate(TRIAGE_LEVELS)}  # 0 = most urgent


class Contribution(TypedDict):
    id: str
    score: float
    reasons: list[str]


class Assessment(TypedDict):
    """The contract's output, key order included (the JSON is written in this order)."""

    triage: Triage
    red_flags: list[str]
    contributors: list[Contribution]
    plan: list[str]


class InvalidAnswers(ValueError):
    """The answers cannot be assessed; `problems` lists every reason, in catalogue order."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def most_urgent(levels: Iterable[Triage]) -> Triage:
    return min(levels, key=RANK.__getitem__, default="self_care")


# --- validation -------------------------------------------------------------


def validate(answers: object, knowledge: Knowledge | None = None) -> dict[str, Any]:
    """Return a clean copy of the answers or raise InvalidAnswers with every problem."""
    kb = knowledge or load()
    if not isinstance(answers, Mapping):
        raise InvalidAnswers(["answers must be a JSON object keyed by question id"])
    problems: list[str] = []
    for q in kb.questions:
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
    known = kb.questions_by_id
    problems += [
        f"{key}: unknown question id" for key in sorted(map(str, answers)) if key not in known
    ]
    if problems:
        raise InvalidAnswers(problems)
    return {q.id: answers[q.id] for q in kb.questions if q.id in answers}


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


# --- red flags and triggers ----------------------------------------------------


@dataclass(frozen=True)
class FiredFlag:
    id: str
    level: Triage
    because: tuple[str, ...]  # the question ids whose answers raised it


def _fire(flag: RedFlag, answers: Mapping[str, Any]) -> FiredFlag | None:
    """The flag at its most urgent holding clause, or None.

    Only clauses whose answers are all present are read: on a validated answer
    set that is every clause; on a half-finished questionnaire it is the ones
    the runner has already answered.
    """
    held = [c for c in flag.clauses if answerable(c.when, answers) and holds(c.when, answers)]
    if not held:
        return None
    level = most_urgent(c.level for c in held)
    because: dict[str, None] = {}
    for clause in held:
        for leaf in supporting_leaves(clause.when, answers):
            because.update(dict.fromkeys(leaf.question_ids))
    return FiredFlag(flag.id, level, tuple(because))


def evaluate_flags(
    answers: Mapping[str, Any], knowledge: Knowledge | None = None
) -> list[FiredFlag]:
    """Fired flags in catalogue order, each at its most urgent level."""
    kb = knowledge or load()
    return [fired for flag in kb.red_flags if (fired := _fire(flag, answers)) is not None]


def fired_triggers(answers: Mapping[str, Any], knowledge: Knowledge | None = None) -> list[Trigger]:
    """The see-a-clinician triggers that hold (they set triage only when no flag fired)."""
    kb = knowledge or load()
    return [t for t in kb.triggers if answerable(t.when, answers) and holds(t.when, answers)]


# --- contributors and plan -------------------------------------------------------


def score_contributors(answers: Mapping[str, Any], knowledge: Knowledge) -> list[Contribution]:
    scored: list[tuple[float, int, Contribution]] = []
    for index, contributor in enumerate(knowledge.contributors):
        total = 0.0
        reasons: list[str] = []
        for signal in contributor.signals:
            if all(answerable(c, answers) and leaf_holds(c, answers) for c in signal.when):
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
    triage: Triage,
    red_flags: list[str],
    contributors: list[Contribution],
    answers: Mapping[str, Any],
    knowledge: Knowledge,
) -> list[str]:
    scores = {c["id"]: c["score"] for c in contributors}
    chosen = [
        item
        for item in knowledge.plan_items
        if triage in item.always_for
        or (
            triage in item.triages
            and (
                any(flag in red_flags for flag in item.if_red_flags)
                or any(scores.get(c, 0.0) >= item.min_score for c in item.if_contributors)
                or any(answerable(c, answers) and leaf_holds(c, answers) for c in item.if_answers)
            )
        )
    ]
    ids = {item.id for item in chosen}
    return [item.id for item in chosen if not ids.intersection(item.not_with)]


# --- the whole assessment ---------------------------------------------------------


def early_emergency(answers: Mapping[str, Any]) -> Assessment | None:
    """The assessment to show at once when the answers so far already demand an emergency.

    A questionnaire stops here: nobody with new bladder trouble or chest pain should have
    to finish it. Only emergency clauses whose answers are all in count, so nothing is
    guessed. Same shape as assess(); contributors are not ranked on partial answers.
    """
    knowledge = load()
    flags = [f.id for f in evaluate_flags(answers, knowledge) if f.level == "emergency"]
    if not flags:
        return None
    plan = choose_plan("emergency", flags, [], answers, knowledge)
    return {"triage": "emergency", "red_flags": flags, "contributors": [], "plan": plan}


def assess(answers: object) -> Assessment:
    """Validate and assess one answer set; the output is exactly the contract's shape."""
    knowledge = load()
    clean = validate(answers, knowledge)
    flags = evaluate_flags(clean, knowledge)
    levels = [f.level for f in flags]
    if not flags and fired_triggers(clean, knowledge):
        levels.append("see_clinician")
    triage = most_urgent(levels)
    red_flags = [f.id for f in flags]
    contributors = score_contributors(clean, knowledge)
    return {
        "triage": triage,
        "red_flags": red_flags,
        "contributors": contributors,
        "plan": choose_plan(triage, red_flags, contributors, clean, knowledge),
    }
