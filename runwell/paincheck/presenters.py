"""Turn an assessment into what the result, print and how-it-works pages show."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from runwell.articles.models import Article
from runwell.paincheck.engine import evaluate_flags, trigger_states
from runwell.paincheck.forms import to_form_value
from runwell.paincheck.knowledge import (
    Condition,
    Contributor,
    Knowledge,
    PlanItem,
    RedFlag,
    Source,
    TriageLevel,
    Trigger,
    load,
)

MAX_ARTICLES = 3
EVIDENCE_WORDS = {
    "strong": "strong evidence",
    "moderate": "moderate evidence",
    "weak": "weak evidence",
    "none": "no direct evidence (plausible idea only)",
}


@dataclass
class FlagView:
    flag: RedFlag
    certain: bool
    because: list[tuple[str, str]]
    unanswered: list[str]
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
    def percent(self) -> int:
        return round(self.score * 100)


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
    plan: list[PlanView]
    answered: list[tuple[str, str]]
    hidden: list[tuple[str, str]]
    complete: bool = True


def _because(
    k: Knowledge, answers: dict[str, Any], qids: list[str] | tuple[str, ...]
) -> list[tuple[str, str]]:
    by_id = k.questions_by_id
    return [
        (by_id[q].text, by_id[q].label_for(answers[q])) for q in qids if q in answers and q in by_id
    ]


def _sources(k: Knowledge, ids: tuple[str, ...]) -> list[Source]:
    return [k.sources[s] for s in ids if s in k.sources]


def hidden_fields(answers: dict[str, Any]) -> list[tuple[str, str]]:
    k = load()
    return [(q.id, to_form_value(q, answers[q.id])) for q in k.questions if q.id in answers]


def build_result(
    answers: dict[str, Any], result: dict[str, Any], *, complete: bool = True
) -> ResultView:
    """Everything the result page shows. Ids unknown to today's knowledge (an old
    saved check) are skipped rather than failing."""
    k = load()
    flags_by_id = {f.id: f for f in k.red_flags}
    certainty = {r.id: r.certain for r in evaluate_flags(answers)}
    flags = []
    for fid in result.get("red_flags", []):
        flag = flags_by_id.get(fid)
        if flag is None:
            continue
        flags.append(
            FlagView(
                flag=flag,
                certain=certainty.get(fid, True),
                # Only the answers that point towards the flag, not the reassuring ones.
                because=_because(
                    k, answers, [q for q in flag.questions if answers.get(q) not in (False, "none")]
                ),
                unanswered=[k.question(q).text for q in flag.questions if q not in answers],
                sources=_sources(k, flag.sources),
            )
        )
    triggers_by_id = {t.id: t for t in k.triggers}
    triggers = []
    if not flags and result.get("triage") == "see_clinician":
        triggers = [
            triggers_by_id[t]
            for t, state in trigger_states(answers)
            if state is not False and t in triggers_by_id
        ]
    contributors_by_id = {c.id: c for c in k.contributors}
    contributors = []
    for entry in result.get("contributors", []):
        c = contributors_by_id.get(entry["id"])
        if c is None:
            continue
        contributors.append(
            ContributorView(
                contributor=c,
                score=float(entry["score"]),
                because=_because(k, answers, entry.get("reasons", [])),
                evidence=EVIDENCE_WORDS.get(c.evidence, c.evidence),
                sources=_sources(k, c.sources),
            )
        )
    plan_by_id = {p.id: p for p in k.plan_items}
    plan = [
        PlanView(
            item=plan_by_id[p],
            evidence=EVIDENCE_WORDS.get(plan_by_id[p].evidence, ""),
            sources=_sources(k, plan_by_id[p].sources),
        )
        for p in result.get("plan", [])
        if p in plan_by_id
    ]
    return ResultView(
        triage=k.triage[result["triage"]],
        flags=flags,
        triggers=triggers,
        contributors=contributors,
        plan=plan,
        answered=_because(k, answers, [q.id for q in k.questions]),
        hidden=hidden_fields(answers),
        complete=complete,
    )


def attach_articles(view: ResultView) -> None:
    """Link published articles tagged for each contributor (two queries in all)."""
    wanted = {tag for cv in view.contributors for tag in cv.contributor.tags}
    if not wanted:
        return
    articles = list(
        Article.objects.published()
        .filter(tags__slug__in=wanted)
        .distinct()
        .prefetch_related("tags")
        .order_by("-published_at", "-id")[:100]
    )
    for cv in view.contributors:
        tags = set(cv.contributor.tags)
        cv.articles = [a for a in articles if tags & {t.slug for t in a.tags.all()}][:MAX_ARTICLES]


LEVEL_WORDS = {
    "emergency": "emergency",
    "urgent": "urgent",
    "see_clinician": "see a clinician",
    "self_care": "self-care",
}
_OP_WORDS = {"gt": "over", "gte": "at least", "lt": "under", "lte": "at most"}


def describe_condition(cond: Condition) -> str:
    """A condition in words, e.g. “Does the pain spread?” is “Into both legs”."""
    k = load()
    if cond.q == "onset_age_years":
        return f"age when the pain began {_OP_WORDS[cond.op]} {cond.value}"
    q = k.question(cond.q)
    if cond.op in ("eq", "in"):
        values = cond.value if cond.op == "in" else [cond.value]
        labels = " or ".join(f"“{q.label_for(v)}”" for v in values)
        return f"“{q.text}” {labels}"
    return f"“{q.text}” {_OP_WORDS[cond.op]} {cond.value} {q.unit}".rstrip()


def rules_view() -> dict[str, Any]:
    """The how-it-works page: every rule, in words, with its sources."""
    k = load()
    return {
        "contributors": [
            {
                "c": c,
                "evidence": EVIDENCE_WORDS.get(c.evidence, c.evidence),
                "signals": [
                    (" and ".join(describe_condition(x) for x in s.when), s.weight)
                    for s in c.signals
                ],
                "sources": _sources(k, c.sources),
            }
            for c in k.contributors
        ],
        "flags": [
            {"f": f, "level": LEVEL_WORDS[f.min_triage], "sources": _sources(k, f.sources)}
            for f in k.red_flags
        ],
        "context_sources": _sources(k, ("semigran_2015", "hill_mja_2020", "schmieding_2022")),
        "triggers": [{"t": t, "sources": _sources(k, t.sources)} for t in k.triggers],
        "plan": [
            {
                "p": p,
                "always_for": [LEVEL_WORDS[t] for t in p.always_for],
                "triages": [LEVEL_WORDS[t] for t in p.triages],
                "evidence": EVIDENCE_WORDS.get(p.evidence, p.evidence),
                "when": [describe_condition(x) for x in p.if_answers],
                "contributors": [c.name for c in k.contributors if c.id in p.if_contributors],
                "flags": [f.title for f in k.red_flags if f.id in p.if_red_flags],
                "sources": _sources(k, p.sources),
            }
            for p in k.plan_items
        ],
    }
