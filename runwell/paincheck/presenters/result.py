"""Turn an assessment into what the result and print pages show.

The result should read like advice from a good clinician: the urgency and its
reasons, then at most five things to do before the rest is folded away, a
safety net that names what means 999, and only then what may be contributing,
in words (a score is a ranking, not a chance), with any explanation that would
contradict the urgency kept apart.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from runwell.articles.models import Article
from runwell.paincheck.engine import evaluate_flags, fired_triggers
from runwell.paincheck.forms import to_form_value
from runwell.paincheck.knowledge import (
    Contributor,
    Knowledge,
    PlanItem,
    RedFlag,
    SafetyNetItem,
    Source,
    TriageLevel,
    Trigger,
    load,
)
from runwell.paincheck.knowledge.emergency_numbers import ALL_NUMBERS, DEFAULT, EmergencyNumber

MAX_ARTICLES = 3
VISIBLE_PLAN_ITEMS = 5
EMERGENCY_ACTIONS = ("call_ambulance", "go_to_emergency_department")
REVIEW_ITEM = "review_if_not_better_2_to_6_weeks"
EVIDENCE_WORDS = {
    "strong": "strong evidence",
    "moderate": "moderate evidence",
    "weak": "weak evidence",
    "none": "no direct evidence (plausible idea only)",
}


def match_words(score: float) -> str:
    """A contributor's score in words; never a percentage, which reads as a chance."""
    if score >= 0.6:
        return "strong match"
    if score >= 0.3:
        return "possible"
    return "less likely"


@dataclass
class FlagView:
    flag: RedFlag
    because: list[tuple[str, str]]
    sources: list[Source]


@dataclass
class ContributorView:
    contributor: Contributor
    score: float
    because: list[tuple[str, str]]
    evidence: str
    sources: list[Source]
    articles: list[Article] = field(default_factory=list)

    @property
    def match(self) -> str:
        return match_words(self.score)


@dataclass
class PlanView:
    item: PlanItem
    evidence: str
    sources: list[Source]


@dataclass
class ResultView:
    triage: TriageLevel
    flags: list[FlagView]
    triggers: list[Trigger]
    contributors: list[ContributorView]
    other_contributors: list[ContributorView]
    plan: list[PlanView]
    emergency_action: PlanView | None
    review: PlanView | None
    safety_net: tuple[SafetyNetItem, ...]
    answered: list[tuple[str, str]]
    about: list[tuple[str, str]]
    hidden: list[tuple[str, str]]
    stopped_early: bool = False
    number: EmergencyNumber = DEFAULT
    numbers: tuple[EmergencyNumber, ...] = ALL_NUMBERS

    @property
    def is_emergency(self) -> bool:
        return self.triage.id == "emergency"

    @property
    def complete(self) -> bool:
        return not self.stopped_early

    @property
    def calls_ambulance(self) -> bool:
        return (
            self.emergency_action is not None
            and self.emergency_action.item.id == EMERGENCY_ACTIONS[0]
        )

    @property
    def other_numbers(self) -> list[EmergencyNumber]:
        return [n for n in self.numbers if n != self.number]

    @property
    def likely_contributors(self) -> list[ContributorView]:
        return [c for c in self.contributors if c.score >= 0.3]

    @property
    def less_likely_contributors(self) -> list[ContributorView]:
        return [c for c in self.contributors if c.score < 0.3]

    @property
    def visible_plan(self) -> list[PlanView]:
        return self.plan[:VISIBLE_PLAN_ITEMS]

    @property
    def folded_plan(self) -> list[PlanView]:
        return self.plan[VISIBLE_PLAN_ITEMS:]


def _because(k: Knowledge, answers: Mapping[str, Any], qids: Any) -> list[tuple[str, str]]:
    by_id = k.questions_by_id
    return [
        (by_id[q].text, by_id[q].label_for(answers[q])) for q in qids if q in answers and q in by_id
    ]


# The few facts staff ask first, with short labels, for "Tell the staff this".
ABOUT = (
    ("age_years", "Age"),
    ("sex", "Sex"),
    ("pain_region", "Where"),
    ("duration_weeks", "How long"),
    ("pain_score", "Pain score"),
)


def _about(k: Knowledge, answers: Mapping[str, Any]) -> list[tuple[str, str]]:
    by_id = k.questions_by_id
    return [(label, by_id[q].label_for(answers[q]).lower()) for q, label in ABOUT if q in answers]


def _sources(k: Knowledge, ids: tuple[str, ...]) -> list[Source]:
    return [k.sources[s] for s in ids if s in k.sources]


def _plan_view(k: Knowledge, item: PlanItem) -> PlanView:
    return PlanView(item, EVIDENCE_WORDS.get(item.evidence, ""), _sources(k, item.sources))


def hidden_fields(answers: Mapping[str, Any]) -> list[tuple[str, str]]:
    k = load()
    return [(q.id, to_form_value(q, answers[q.id])) for q in k.questions if q.id in answers]


def _flags(k: Knowledge, answers: Mapping[str, Any], ids: list[str]) -> list[FlagView]:
    fired = {f.id: f.because for f in evaluate_flags(answers, k)}
    by_id = {f.id: f for f in k.red_flags}
    return [
        FlagView(
            by_id[fid], _because(k, answers, fired.get(fid, ())), _sources(k, by_id[fid].sources)
        )
        for fid in ids
        if fid in by_id
    ]


def _contributors(
    k: Knowledge, answers: Mapping[str, Any], entries: list[Any], triage: str
) -> tuple[list[ContributorView], list[ContributorView]]:
    """(those that fit the triage, those that would contradict it if they led)."""
    by_id = {c.id: c for c in k.contributors}
    fitting: list[ContributorView] = []
    other: list[ContributorView] = []
    for entry in entries:
        c = by_id.get(entry["id"])
        if c is None:
            continue
        view = ContributorView(
            contributor=c,
            score=float(entry["score"]),
            because=_because(k, answers, entry.get("reasons", [])),
            evidence=EVIDENCE_WORDS.get(c.evidence, c.evidence),
            sources=_sources(k, c.sources),
        )
        (other if triage in c.contradicts else fitting).append(view)
    return fitting, other


def build_result(
    answers: Mapping[str, Any],
    result: Mapping[str, Any],
    *,
    stopped_early: bool = False,
    number: EmergencyNumber = DEFAULT,
) -> ResultView:
    """Everything the result page shows. Ids unknown to today's knowledge (an old
    saved check) are skipped rather than failing."""
    k = load()
    triage = result["triage"]
    flags = _flags(k, answers, list(result.get("red_flags", [])))
    fitting, other = _contributors(k, answers, list(result.get("contributors", [])), triage)
    plan_by_id = {p.id: p for p in k.plan_items}
    items = [plan_by_id[p] for p in result.get("plan", []) if p in plan_by_id]
    emergency = next((p for p in items if p.id in EMERGENCY_ACTIONS), None)
    review = next((p for p in items if p.id == REVIEW_ITEM), None)
    actions = [p for p in items if p.id not in (*EMERGENCY_ACTIONS, REVIEW_ITEM)]
    return ResultView(
        triage=k.triage[triage],
        flags=flags,
        triggers=fired_triggers(answers, k) if not flags and triage == "see_clinician" else [],
        contributors=[] if triage == "emergency" else fitting,
        other_contributors=[] if triage == "emergency" else other,
        plan=[_plan_view(k, p) for p in actions],
        emergency_action=_plan_view(k, emergency) if emergency else None,
        review=_plan_view(k, review) if review else None,
        safety_net=() if triage == "emergency" else k.safety_net,
        answered=_because(k, answers, [q.id for q in k.questions]),
        about=_about(k, answers),
        hidden=hidden_fields(answers),
        stopped_early=stopped_early,
        number=number,
    )


def attach_articles(view: ResultView) -> None:
    """Link published articles tagged for each contributor (two queries in all)."""
    shown = [*view.contributors, *view.other_contributors]
    wanted = {tag for cv in shown for tag in cv.contributor.tags}
    if not wanted:
        return
    articles = list(
        Article.objects.published()
        .filter(tags__slug__in=wanted)
        .distinct()
        .prefetch_related("tags")
        .order_by("-published_at", "-id")[:100]
    )
    for cv in shown:
        tags = set(cv.contributor.tags)
        cv.articles = [a for a in articles if tags & {t.slug for t in a.tags.all()}][:MAX_ARTICLES]
