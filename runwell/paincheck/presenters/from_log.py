"""A runner's training log on the questionnaire: answers filled in, each saying where from.

The log answers only optional questions (runwell.training.painlink.QUESTIONS). Optional
questions feed contributors and the plan, never a red flag or a see-a-clinician trigger
(the knowledge loader refuses a rule that reads one), so a value taken from the log can
never change how urgent a result is; anything else the log might offer is ignored here.

The values are offered once, on the runner's first visit to their step. After that the
step's answers are the runner's: a value they cleared stays clear when they come back,
and the note stays only beside an answer still equal to the log's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser

from runwell.paincheck.forms import from_form_value, to_form_value
from runwell.paincheck.knowledge import Question
from runwell.training import painlink


@dataclass(frozen=True)
class StepPrefill:
    answers: dict[str, Any] = field(default_factory=dict)  # engine values to show in the form
    sources: dict[str, str] = field(default_factory=dict)  # question id: where its value is from


def step_prefill(
    user: AbstractBaseUser | AnonymousUser,
    questions: Sequence[Question],
    answers: Mapping[str, Any],
) -> StepPrefill:
    """What the log fills in on a step, given the answers so far (no query on other steps)."""
    offered = {q.id: q for q in questions if q.id in painlink.QUESTIONS and not q.required}
    if not offered:
        return StepPrefill()
    found = painlink.prefill_for(user)
    first_visit = not any(q.id in answers for q in questions)
    filled: dict[str, Any] = {}
    sources: dict[str, str] = {}
    for qid, question in offered.items():
        log = found.get(qid)
        if log is None or not _fits(question, log.value):
            continue
        if first_visit and log.value is not None and qid not in answers:
            filled[qid] = log.value
        if answers.get(qid, filled.get(qid)) == log.value:
            sources[qid] = log.source
    return StepPrefill(filled, sources)


def _fits(question: Question, value: Any) -> bool:
    """An answer the question itself would accept (None: the log left it to the runner)."""
    if value is None:
        return True
    ok, parsed = from_form_value(question, to_form_value(question, value))
    return ok and parsed == value
