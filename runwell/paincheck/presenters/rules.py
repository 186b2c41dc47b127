"""What the two how-it-works pages show: one for runners, one with every rule for clinicians.

Both are generated from the knowledge files the engine runs, so they cannot drift.
"""

from __future__ import annotations

from typing import Any

from runwell.paincheck.knowledge import TRIAGE_LEVELS, Knowledge, Source, load
from runwell.paincheck.knowledge.conditions import AllOf, AnyOf, AtLeast, Cond, Condition
from runwell.paincheck.presenters.result import EVIDENCE_WORDS

LEVEL_WORDS = {
    "emergency": "emergency",
    "urgent": "urgent",
    "see_clinician": "see a clinician",
    "self_care": "self-care",
}
CONTEXT_SOURCES = ("semigran_2015", "hill_mja_2020", "schmieding_2022")
_OP_SIGNS = {"gt": ">", "gte": "≥", "lt": "<", "lte": "≤"}


def _sources(k: Knowledge, ids: tuple[str, ...]) -> list[Source]:
    return [k.sources[s] for s in ids if s in k.sources]


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def describe(cond: Cond, nested: bool = False) -> str:
    """A condition in the contract's ids, e.g. "sudden_severe_onset = yes AND age_years ≥ 50"."""
    if isinstance(cond, Condition):
        if cond.op == "eq":
            return f"{cond.q} = {_value(cond.value)}"
        if cond.op == "in":
            return f"{cond.q} ∈ {{{', '.join(_value(v) for v in cond.value)}}}"
        return f"{cond.q} {_OP_SIGNS[cond.op]} {cond.value}"
    parts = [describe(p, nested=True) for p in cond.parts]
    if isinstance(cond, AtLeast):
        return f"at least {cond.n} of ({'; '.join(parts)})"
    text = (" AND " if isinstance(cond, AllOf) else " OR ").join(parts)
    return f"({text})" if nested and isinstance(cond, (AllOf, AnyOf)) else text


def runner_view() -> dict[str, Any]:
    """/pain-check/how-it-works/: what is asked and why, what each level means, the sources."""
    k = load()
    steps = [
        {
            "step": s,
            "count": len(k.questions_for_step(s.id)),
            "required": sum(q.required for q in k.questions_for_step(s.id)),
        }
        for s in k.steps
    ]
    flags_by_level = [
        {
            "level": LEVEL_WORDS[level],
            "flags": [f for f in k.red_flags if f.min_triage == level],
        }
        for level in TRIAGE_LEVELS[:3]
    ]
    return {
        "steps": steps,
        "question_count": len(k.questions),
        "required_count": len(k.required_ids),
        "triage_levels": [k.triage[t] for t in TRIAGE_LEVELS],
        "flags_by_level": flags_by_level,
        "contributors": [
            {"c": c, "evidence": EVIDENCE_WORDS.get(c.evidence, c.evidence)} for c in k.contributors
        ],
        "context_sources": _sources(k, CONTEXT_SOURCES),
        "sources": sorted(k.sources.values(), key=lambda s: s.citation),
    }


def rules_view() -> dict[str, Any]:
    """/pain-check/how-it-works/rules/: every rule as a table row, with its sources."""
    k = load()
    return {
        "flags": [
            {
                "f": f,
                "clauses": [(LEVEL_WORDS[c.level], describe(c.when)) for c in f.clauses],
                "sources": _sources(k, f.sources),
            }
            for f in k.red_flags
        ],
        "triggers": [
            {"t": t, "when": describe(t.when), "sources": _sources(k, t.sources)}
            for t in k.triggers
        ],
        "questions": k.questions,
        "steps": {s.id: s.title for s in k.steps},
        "contributors": [
            {
                "c": c,
                "evidence": EVIDENCE_WORDS.get(c.evidence, c.evidence),
                "signals": [
                    (" AND ".join(describe(x) for x in s.when), s.weight) for s in c.signals
                ],
                "contradicts": [LEVEL_WORDS[t] for t in c.contradicts],
                "sources": _sources(k, c.sources),
            }
            for c in k.contributors
        ],
        "plan": [
            {
                "p": p,
                "always_for": [LEVEL_WORDS[t] for t in p.always_for],
                "triages": [LEVEL_WORDS[t] for t in p.triages],
                "when": [describe(x) for x in p.if_answers],
                "flags": list(p.if_red_flags),
                "contributors": list(p.if_contributors),
                "not_with": list(p.not_with),
                "evidence": EVIDENCE_WORDS.get(p.evidence, p.evidence),
                "sources": _sources(k, p.sources),
            }
            for p in k.plan_items
        ],
        "safety_net": k.safety_net,
        "sources": sorted(k.sources.values(), key=lambda s: s.citation),
    }
