"""The pain check's rules as data: TOML files read once into plain dataclasses.

Pure Python (no Django), so the engine and its tests load it in milliseconds.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

TRIAGE_LEVELS = ("emergency", "urgent", "see_clinician", "self_care")
QUESTION_TYPES = ("bool", "choice", "int")
OPS = ("eq", "in", "gt", "gte", "lt", "lte")
# Values the engine computes from answers; each maps to the questions it comes from.
DERIVED = {"onset_age_years": ("age_years", "duration_weeks")}


class KnowledgeError(ValueError):
    """The knowledge files are inconsistent (a bug in the data, not in the answers)."""


@dataclass(frozen=True)
class Option:
    id: str
    label: str


@dataclass(frozen=True)
class Question:
    id: str
    step: str
    type: str
    required: bool
    text: str
    help: str = ""
    options: tuple[Option, ...] = ()
    min: int | None = None
    max: int | None = None
    unit: str = ""
    form_required: bool = False

    @property
    def option_ids(self) -> tuple[str, ...]:
        return tuple(o.id for o in self.options)

    def label_for(self, value: object) -> str:
        """The answer in the runner's words, for "because you said ..."."""
        if self.type == "bool":
            return "yes" if value else "no"
        if self.type == "choice":
            for option in self.options:
                if option.id == value:
                    return option.label
        return f"{value} {self.unit}".strip()


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    intro: str = ""


@dataclass(frozen=True)
class Condition:
    q: str
    op: str
    value: Any

    @property
    def question_ids(self) -> tuple[str, ...]:
        return DERIVED.get(self.q, (self.q,))


@dataclass(frozen=True)
class Signal:
    when: tuple[Condition, ...]
    weight: float


@dataclass(frozen=True)
class Source:
    id: str
    citation: str
    url: str = ""


@dataclass(frozen=True)
class TriageLevel:
    id: str
    title: str
    action: str
    how_soon: str


@dataclass(frozen=True)
class RedFlag:
    id: str
    min_triage: str
    title: str
    rule: str
    why: str
    questions: tuple[str, ...]
    sources: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class Trigger:
    id: str
    rule: str
    why: str
    sources: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class Contributor:
    id: str
    name: str
    description: str
    evidence: str
    tags: tuple[str, ...]
    sources: tuple[str, ...]
    signals: tuple[Signal, ...]
    evidence_note: str = ""


@dataclass(frozen=True)
class PlanItem:
    id: str
    title: str
    what: str
    evidence: str
    sources: tuple[str, ...]
    always_for: tuple[str, ...] = ()
    triages: tuple[str, ...] = ()
    if_red_flags: tuple[str, ...] = ()
    if_contributors: tuple[str, ...] = ()
    if_answers: tuple[Condition, ...] = ()
    min_score: float = 0.3
    steps: tuple[str, ...] = ()
    note: str = ""
    evidence_note: str = ""


@dataclass(frozen=True)
class Knowledge:
    version: str
    steps: tuple[Step, ...]
    questions: tuple[Question, ...]
    triage: dict[str, TriageLevel]
    red_flags: tuple[RedFlag, ...]
    triggers: tuple[Trigger, ...]
    contributors: tuple[Contributor, ...]
    plan_items: tuple[PlanItem, ...]
    sources: dict[str, Source]

    def question(self, qid: str) -> Question:
        return self.questions_by_id[qid]

    @property
    def questions_by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}

    def questions_for_step(self, step_id: str) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.step == step_id)


def _read(name: str) -> dict[str, Any]:
    with (HERE / name).open("rb") as fh:
        return tomllib.load(fh)


def _conditions(raw: list[dict[str, Any]]) -> tuple[Condition, ...]:
    return tuple(Condition(q=c["q"], op=c["op"], value=c["value"]) for c in raw)


def _question(raw: dict[str, Any]) -> Question:
    options = tuple(Option(id=o["id"], label=o["label"]) for o in raw.get("options", []))
    return Question(
        id=raw["id"],
        step=raw["step"],
        type=raw["type"],
        required=bool(raw["required"]),
        text=raw["text"],
        help=raw.get("help", ""),
        options=options,
        min=raw.get("min"),
        max=raw.get("max"),
        unit=raw.get("unit", ""),
        form_required=bool(raw.get("form_required", False)),
    )


def _contributor(raw: dict[str, Any]) -> Contributor:
    signals = tuple(
        Signal(when=_conditions(s["when"]), weight=float(s["weight"])) for s in raw["signals"]
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
    )


def _plan_item(raw: dict[str, Any]) -> PlanItem:
    return PlanItem(
        id=raw["id"],
        title=raw["title"],
        what=raw["what"],
        evidence=raw["evidence"],
        evidence_note=raw.get("evidence_note", ""),
        sources=tuple(raw["sources"]),
        always_for=tuple(raw.get("always_for", [])),
        triages=tuple(raw.get("triages", [])),
        if_red_flags=tuple(raw.get("if_red_flags", [])),
        if_contributors=tuple(raw.get("if_contributors", [])),
        if_answers=_conditions(raw.get("if_answers", [])),
        min_score=float(raw.get("min_score", 0.3)),
        steps=tuple(raw.get("steps", [])),
        note=raw.get("note", ""),
    )


@cache
def load() -> Knowledge:
    """Read and cross-check every knowledge file (cached for the process)."""
    q_raw = _read("questions.toml")
    rf_raw = _read("red_flags.toml")
    sources = {
        sid: Source(id=sid, citation=s["citation"], url=s.get("url", ""))
        for sid, s in _read("sources.toml")["sources"].items()
    }
    knowledge = Knowledge(
        version=str(q_raw["version"]),
        steps=tuple(
            Step(id=s["id"], title=s["title"], intro=s.get("intro", "")) for s in q_raw["steps"]
        ),
        questions=tuple(_question(q) for q in q_raw["questions"]),
        triage={
            tid: TriageLevel(id=tid, title=t["title"], action=t["action"], how_soon=t["how_soon"])
            for tid, t in rf_raw["triage"].items()
        },
        red_flags=tuple(
            RedFlag(
                id=r["id"],
                min_triage=r["min_triage"],
                title=r["title"],
                rule=r["rule"],
                why=r["why"],
                questions=tuple(r["questions"]),
                sources=tuple(r["sources"]),
                note=r.get("note", ""),
            )
            for r in rf_raw["red_flags"]
        ),
        triggers=tuple(
            Trigger(
                id=t["id"],
                rule=t["rule"],
                why=t["why"],
                sources=tuple(t["sources"]),
                note=t.get("note", ""),
            )
            for t in rf_raw["triggers"]
        ),
        contributors=tuple(_contributor(c) for c in _read("contributors.toml")["contributors"]),
        plan_items=tuple(_plan_item(p) for p in _read("plan.toml")["plan_items"]),
        sources=sources,
    )
    _check(knowledge)
    return knowledge


def _check(k: Knowledge) -> None:
    """Fail loudly on typos in the data rather than silently never firing a rule."""
    problems: list[str] = []
    qids = {q.id for q in k.questions} | set(DERIVED)
    step_ids = {s.id for s in k.steps}
    for q in k.questions:
        if q.type not in QUESTION_TYPES:
            problems.append(f"question {q.id}: unknown type {q.type}")
        if q.step not in step_ids:
            problems.append(f"question {q.id}: unknown step {q.step}")
    conditions: list[tuple[str, Condition]] = []
    for c in k.contributors:
        conditions += [(c.id, cond) for s in c.signals for cond in s.when]
    for p in k.plan_items:
        conditions += [(p.id, cond) for cond in p.if_answers]
        for level in (*p.always_for, *p.triages):
            if level not in TRIAGE_LEVELS:
                problems.append(f"plan item {p.id}: unknown triage {level}")
    for owner, cond in conditions:
        if cond.q not in qids or cond.op not in OPS:
            problems.append(f"{owner}: bad condition {cond}")
    for owner_id, srcs in [
        *((r.id, r.sources) for r in k.red_flags),
        *((t.id, t.sources) for t in k.triggers),
        *((c.id, c.sources) for c in k.contributors),
        *((p.id, p.sources) for p in k.plan_items),
    ]:
        problems += [f"{owner_id}: unknown source {s}" for s in srcs if s not in k.sources]
    if problems:
        raise KnowledgeError("; ".join(problems))
