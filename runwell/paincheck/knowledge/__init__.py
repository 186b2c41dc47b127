"""The pain check's rules as data: TOML files read once into plain dataclasses.

Pure Python (no Django), so the engine and its tests load it in milliseconds.
The loader cross-checks the files and fails loudly on a typo rather than let a
rule silently never fire.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any, cast

from runwell.paincheck.knowledge.conditions import (
    DERIVED,
    OPS,
    Cond,
    Condition,
    leaves,
    parse,
    question_ids,
)
from runwell.paincheck.knowledge.model import (
    TRIAGE_LEVELS,
    Clause,
    Contributor,
    Knowledge,
    Option,
    PlanItem,
    Question,
    RedFlag,
    SafetyNetItem,
    Signal,
    Source,
    Step,
    Triage,
    TriageLevel,
    Trigger,
)

__all__ = [
    "TRIAGE_LEVELS",
    "Clause",
    "Cond",
    "Condition",
    "Contributor",
    "Knowledge",
    "KnowledgeError",
    "PlanItem",
    "Question",
    "RedFlag",
    "SafetyNetItem",
    "Source",
    "Step",
    "Triage",
    "TriageLevel",
    "Trigger",
    "load",
]

HERE = Path(__file__).resolve().parent
QUESTION_TYPES = ("bool", "choice", "int")


class KnowledgeError(ValueError):
    """The knowledge files are inconsistent (a bug in the data, not in the answers)."""


def _read(name: str) -> dict[str, Any]:
    with (HERE / name).open("rb") as fh:
        return tomllib.load(fh)


def _triage(value: str) -> Triage:
    if value not in TRIAGE_LEVELS:
        raise KnowledgeError(f"unknown triage level {value!r}")
    return cast(Triage, value)


def _triages(values: list[str]) -> tuple[Triage, ...]:
    return tuple(_triage(v) for v in values)


def _leaves(raw: list[dict[str, Any]]) -> tuple[Condition, ...]:
    return tuple(Condition(q=c["q"], op=c["op"], value=c["value"]) for c in raw)


def _question(raw: dict[str, Any]) -> Question:
    options = tuple(Option(id=o["id"], label=o["label"]) for o in raw.get("options", []))
    fields = (
        "help", "min", "max", "unit", "unit_one", "zero_label", "yes_label", "no_label",
        "skip_label", "skip_means",
    )  # fmt: skip
    return Question(
        id=raw["id"],
        step=raw["step"],
        type=raw["type"],
        required=bool(raw["required"]),
        text=raw["text"],
        options=options,
        **{name: raw[name] for name in fields if name in raw},
    )


def _red_flag(raw: dict[str, Any]) -> RedFlag:
    clauses = tuple(
        Clause(level=_triage(c["level"]), when=parse(c["when"])) for c in raw["clauses"]
    )
    return RedFlag(
        id=raw["id"],
        min_triage=_triage(raw["min_triage"]),
        title=raw["title"],
        rule=raw["rule"],
        why=raw["why"],
        clauses=clauses,
        sources=tuple(raw["sources"]),
        note=raw.get("note", ""),
    )


def _trigger(raw: dict[str, Any]) -> Trigger:
    return Trigger(
        id=raw["id"],
        rule=raw["rule"],
        why=raw["why"],
        when=parse(raw["when"]),
        sources=tuple(raw["sources"]),
        note=raw.get("note", ""),
    )


def _contributor(raw: dict[str, Any]) -> Contributor:
    signals = tuple(
        Signal(when=_leaves(s["when"]), weight=float(s["weight"])) for s in raw["signals"]
    )
    return Contributor(
        id=raw["id"],
        name=raw["name"],
        description=raw["description"],
        evidence=raw["evidence"],
        evidence_note=raw.get("evidence_note", ""),
        tags=tuple(raw.get("tags", [])),
        sources=tuple(raw["sources"]),
        signals=signals,
        contradicts=_triages(raw.get("contradicts", [])),
    )


def _plan_item(raw: dict[str, Any]) -> PlanItem:
    return PlanItem(
        id=raw["id"],
        title=raw["title"],
        what=raw["what"],
        evidence=raw["evidence"],
        evidence_note=raw.get("evidence_note", ""),
        sources=tuple(raw["sources"]),
        always_for=_triages(raw.get("always_for", [])),
        triages=_triages(raw.get("triages", [])),
        if_red_flags=tuple(raw.get("if_red_flags", [])),
        if_contributors=tuple(raw.get("if_contributors", [])),
        if_answers=_leaves(raw.get("if_answers", [])),
        not_with=tuple(raw.get("not_with", [])),
        min_score=float(raw.get("min_score", 0.3)),
        steps=tuple(raw.get("steps", [])),
        steps_title=raw.get("steps_title", ""),
        note=raw.get("note", ""),
    )


def _source(sid: str, raw: dict[str, Any]) -> Source:
    return Source(
        id=sid,
        citation=raw["citation"],
        says=raw["says"],
        url=raw.get("url", ""),
        outside_facts=bool(raw.get("outside_facts", False)),
    )


@cache
def load() -> Knowledge:
    """Read and cross-check every knowledge file (cached for the process)."""
    q_raw = _read("questions.toml")
    rf_raw = _read("red_flags.toml")
    knowledge = Knowledge(
        version=str(q_raw["version"]),
        steps=tuple(
            Step(
                id=s["id"],
                title=s["title"],
                intro=s.get("intro", ""),
                why=s.get("why", ""),
                none_of_these=bool(s.get("none_of_these", False)),
            )
            for s in q_raw["steps"]
        ),
        questions=tuple(_question(q) for q in q_raw["questions"]),
        triage={
            _triage(tid): TriageLevel(
                id=_triage(tid), title=t["title"], action=t["action"], how_soon=t["how_soon"]
            )
            for tid, t in rf_raw["triage"].items()
        },
        red_flags=tuple(_red_flag(r) for r in rf_raw["red_flags"]),
        triggers=tuple(_trigger(t) for t in rf_raw["triggers"]),
        safety_net=tuple(
            SafetyNetItem(action=s["action"], signs=s["signs"], flags=tuple(s["flags"]))
            for s in rf_raw["safety_net"]
        ),
        contributors=tuple(_contributor(c) for c in _read("contributors.toml")["contributors"]),
        plan_items=tuple(_plan_item(p) for p in _read("plan.toml")["plan_items"]),
        sources={sid: _source(sid, s) for sid, s in _read("sources.toml")["sources"].items()},
    )
    problems = _check(knowledge)
    if problems:
        raise KnowledgeError("; ".join(problems))
    return knowledge


def _check(k: Knowledge) -> list[str]:
    return [
        *_check_questions(k),
        *_check_rules(k),
        *_check_plan_and_contributors(k),
        *_check_sources(k),
    ]


def _check_questions(k: Knowledge) -> list[str]:
    problems: list[str] = []
    step_ids = {s.id for s in k.steps}
    for q in k.questions:
        if q.type not in QUESTION_TYPES:
            problems.append(f"question {q.id}: unknown type {q.type}")
        if q.step not in step_ids:
            problems.append(f"question {q.id}: unknown step {q.step}")
        if q.skip_label and (q.type != "bool" or q.skip_means is None):
            problems.append(f"question {q.id}: a skip answer needs a yes/no meaning")
    for step in k.steps:
        if step.none_of_these:
            problems += [
                f"question {q.id}: on a 'None of these' step but has no 'no' answer"
                for q in k.questions_for_step(step.id)
                if q.none_value is None
            ]
    return problems


def _check_condition(k: Knowledge, owner: str, cond: Cond) -> list[str]:
    problems: list[str] = []
    by_id = k.questions_by_id
    for leaf in leaves(cond):
        question = by_id.get(leaf.q)
        if (question is None and leaf.q not in DERIVED) or leaf.op not in OPS:
            problems.append(f"{owner}: bad condition {leaf}")
        elif question is not None and question.type == "choice":
            values = leaf.value if leaf.op == "in" else [leaf.value]
            problems += [
                f"{owner}: {leaf.q} has no option {v!r}"
                for v in values
                if v not in question.option_ids
            ]
    return problems


def _check_rules(k: Knowledge) -> list[str]:
    """Rules that set triage read only required questions: never a guess, never a gap."""
    problems: list[str] = []
    required = set(k.required_ids)
    rules: list[tuple[str, Cond]] = [(r.id, c.when) for r in k.red_flags for c in r.clauses]
    rules += [(t.id, t.when) for t in k.triggers]
    for owner, cond in rules:
        problems += _check_condition(k, owner, cond)
        problems += [
            f"{owner}: reads {q}, which is not required"
            for q in question_ids(cond)
            if q not in required
        ]
    flag_ids = {r.id for r in k.red_flags}
    netted = {f for item in k.safety_net for f in item.flags}
    problems += [f"safety net: unknown flag {f}" for f in netted - flag_ids]
    problems += [
        f"safety net does not name {r.id}"
        for r in k.red_flags
        if any(c.level == "emergency" for c in r.clauses) and r.id not in netted
    ]
    return problems


def _check_plan_and_contributors(k: Knowledge) -> list[str]:
    problems: list[str] = []
    for c in k.contributors:
        for signal in c.signals:
            for leaf in signal.when:
                problems += _check_condition(k, c.id, leaf)
    plan_ids = {p.id for p in k.plan_items}
    flag_ids = {r.id for r in k.red_flags}
    contributor_ids = {c.id for c in k.contributors}
    for p in k.plan_items:
        for leaf in p.if_answers:
            problems += _check_condition(k, p.id, leaf)
        problems += [f"{p.id}: unknown plan item {x}" for x in p.not_with if x not in plan_ids]
        problems += [f"{p.id}: unknown flag {x}" for x in p.if_red_flags if x not in flag_ids]
        problems += [
            f"{p.id}: unknown contributor {x}"
            for x in p.if_contributors
            if x not in contributor_ids
        ]
    return problems


def _check_sources(k: Knowledge) -> list[str]:
    owners: list[tuple[str, tuple[str, ...]]] = [
        *((r.id, r.sources) for r in k.red_flags),
        *((t.id, t.sources) for t in k.triggers),
        *((c.id, c.sources) for c in k.contributors),
        *((p.id, p.sources) for p in k.plan_items),
    ]
    problems = [f"{owner}: names no source" for owner, srcs in owners if not srcs]
    for owner, srcs in owners:
        problems += [f"{owner}: unknown source {s}" for s in srcs if s not in k.sources]
    return problems
