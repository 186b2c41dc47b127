"""The knowledge base's shapes: plain frozen dataclasses (no Django)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from runwell.paincheck.knowledge.conditions import Cond, Condition

Triage = Literal["emergency", "urgent", "see_clinician", "self_care"]
TRIAGE_LEVELS: tuple[Triage, ...] = ("emergency", "urgent", "see_clinician", "self_care")


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
    unit_one: str = ""  # the unit after the number 1 ("1 week", not "1 weeks")
    zero_label: str = ""  # how 0 reads, e.g. "less than a week"
    yes_label: str = "Yes"
    no_label: str = "No"
    # A third answer on the form ("I skipped it") that the engine reads as skip_means.
    skip_label: str = ""
    skip_means: bool | None = None

    @property
    def option_ids(self) -> tuple[str, ...]:
        return tuple(o.id for o in self.options)

    @property
    def none_value(self) -> bool | str | None:
        """The "no" answer that "None of these" gives, if the question has one."""
        if self.type == "bool":
            return False
        return "none" if "none" in self.option_ids else None

    def label_for(self, value: object) -> str:
        """The answer in the runner's words, for "because you said ..."."""
        if self.type == "bool":
            return "yes" if value else "no"
        if self.type == "choice":
            for option in self.options:
                if option.id == value:
                    return option.label
            return str(value)
        if value == 0 and self.zero_label:
            return self.zero_label
        unit = self.unit_one if value == 1 and self.unit_one else self.unit
        return f"{value} {unit}".strip()


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    intro: str = ""
    why: str = ""  # what the step is for, on the how-it-works page
    none_of_these: bool = False  # offers a "None of these" answer that fills the no's


@dataclass(frozen=True)
class Signal:
    when: tuple[Condition, ...]
    weight: float


@dataclass(frozen=True)
class Source:
    id: str
    citation: str
    says: str
    url: str = ""
    # True for a source named precisely here but not in the project's facts file.
    outside_facts: bool = False


@dataclass(frozen=True)
class TriageLevel:
    id: Triage
    title: str
    action: str
    how_soon: str


@dataclass(frozen=True)
class Clause:
    """One sufficient condition for a rule, at one triage level."""

    level: Triage
    when: Cond


@dataclass(frozen=True)
class RedFlag:
    id: str
    min_triage: Triage
    title: str
    rule: str
    why: str
    clauses: tuple[Clause, ...]
    sources: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class Trigger:
    id: str
    rule: str
    why: str
    when: Cond
    sources: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class SafetyNetItem:
    action: str
    signs: str
    flags: tuple[str, ...]


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
    # Triage levels this explanation would contradict if shown as the main story.
    contradicts: tuple[Triage, ...] = ()


@dataclass(frozen=True)
class PlanItem:
    id: str
    title: str
    what: str
    evidence: str
    sources: tuple[str, ...]
    always_for: tuple[Triage, ...] = ()
    triages: tuple[Triage, ...] = ()
    if_red_flags: tuple[str, ...] = ()
    if_contributors: tuple[str, ...] = ()
    if_answers: tuple[Condition, ...] = ()
    not_with: tuple[str, ...] = ()
    min_score: float = 0.3
    steps: tuple[str, ...] = ()
    steps_title: str = ""
    note: str = ""
    evidence_note: str = ""


@dataclass(frozen=True)
class Knowledge:
    version: str
    steps: tuple[Step, ...]
    questions: tuple[Question, ...]
    triage: dict[Triage, TriageLevel]
    red_flags: tuple[RedFlag, ...]
    triggers: tuple[Trigger, ...]
    safety_net: tuple[SafetyNetItem, ...]
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

    @property
    def required_ids(self) -> tuple[str, ...]:
        return tuple(q.id for q in self.questions if q.required)
