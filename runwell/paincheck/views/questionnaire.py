"""The questionnaire, its result, the print summary and the how-it-works pages.

Answers travel between steps in hidden fields, so nothing is stored for
anonymous visitors and every step works as a plain HTML form.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from runwell.paincheck.engine import InvalidAnswers, assess, early_emergency
from runwell.paincheck.forms import StepForm, fill_none_of_these, parse_answers, to_form_value
from runwell.paincheck.knowledge import load
from runwell.paincheck.knowledge.emergency_numbers import emergency_number
from runwell.paincheck.models import SavedCheck
from runwell.paincheck.presenters.from_log import step_prefill
from runwell.paincheck.presenters.result import attach_articles, build_result, hidden_fields
from runwell.paincheck.presenters.rules import rules_view, runner_view
from runwell.training.painlink import open_episode_link


def _step_ids() -> list[str]:
    return [s.id for s in load().steps]


def _render_step(
    request: HttpRequest,
    step_id: str,
    answers: Mapping[str, Any],
    form: StepForm | None = None,
    status: int = 200,
) -> HttpResponse:
    k = load()
    steps = _step_ids()
    if form is None:
        log = step_prefill(request.user, k.questions_for_step(step_id), answers)
        shown = {**log.answers, **answers}
        initial = {
            q.id: to_form_value(q, shown[q.id])
            for q in k.questions_for_step(step_id)
            if q.id in shown
        }
        form = StepForm(step_id, initial=initial, sources=log.sources)
    in_form = {q.id for q in form.questions}
    step_questions = k.questions_for_step(step_id)
    context = {
        "step": next(s for s in k.steps if s.id == step_id),
        "steps": k.steps,
        "number": steps.index(step_id) + 1,
        "total": len(steps),
        "question_count": len(k.questions),
        "required_count": len(k.required_ids),
        "step_question_count": len(step_questions),
        "asking_again": len(in_form) < len(step_questions),
        "form": form,
        "carried": [(qid, value) for qid, value in hidden_fields(answers) if qid not in in_form],
        "is_first": steps.index(step_id) == 0,
        "is_last": step_id == steps[-1],
    }
    return render(request, "paincheck/step.html", context, status=status)


def render_result(
    request: HttpRequest,
    answers: Mapping[str, Any],
    result: Mapping[str, Any],
    *,
    stopped_early: bool = False,
    saved: SavedCheck | None = None,
) -> HttpResponse:
    number = emergency_number(request.headers.get("Accept-Language", ""))
    view = build_result(answers, result, stopped_early=stopped_early, number=number)
    attach_articles(view)
    # A fresh result, not an emergency, points to the open pain episode in the runner's log.
    episode = None if saved or view.is_emergency else open_episode_link(request.user)
    context = {"result": view, "saved": saved, "episode_link": episode}
    response = render(request, "paincheck/result.html", context)
    # The number on the emergency button follows the browser's language.
    patch_vary_headers(response, ("Accept-Language",))
    return response


def _first_incomplete_step(answers: Mapping[str, Any], before: str) -> str | None:
    """The earliest step before `before` missing a required answer (skipped or tampered)."""
    k = load()
    for step_id in _step_ids():
        if step_id == before:
            return None
        if any(q.required and q.id not in answers for q in k.questions_for_step(step_id)):
            return step_id
    return None


def _ask_again(
    request: HttpRequest, step_id: str, form: StepForm, carried: dict[str, Any]
) -> HttpResponse:
    """Re-show only the questions left unanswered (or answered wrongly); keep the rest."""
    kept = {**carried, **form.valid_answers()}
    retry = StepForm(step_id, form.data, only=set(form.errors))
    retry.is_valid()  # so the re-shown questions carry their messages
    return _render_step(request, step_id, kept, form=retry, status=400)


@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    steps = _step_ids()
    if request.method == "GET":
        return _render_step(request, steps[0], {})
    k = load()
    step_id = request.POST.get("step", steps[0])
    if step_id not in steps:
        step_id = steps[0]
    step = next(s for s in k.steps if s.id == step_id)
    in_step = {q.id for q in k.questions_for_step(step_id)}
    carried, _bad = parse_answers(request.POST, only={q.id for q in k.questions} - in_step)
    nav = request.POST.get("nav")
    if nav == "back" and step_id != steps[0]:
        current, _ = parse_answers(request.POST, only=in_step)
        return _render_step(request, steps[steps.index(step_id) - 1], {**carried, **current})
    data = (
        fill_none_of_these(request.POST, step_id)
        if nav == "none" and step.none_of_these
        else request.POST
    )
    form = StepForm(step_id, data)
    if not form.is_valid():
        return _ask_again(request, step_id, form, carried)
    answers = {**carried, **form.answers()}
    missing_step = _first_incomplete_step(answers, step_id)
    if missing_step is not None:
        messages.error(request, "Some earlier answers were missing. Please answer this step again.")
        return _render_step(request, missing_step, answers)
    if step_id != steps[-1]:
        emergency = early_emergency(answers)
        if emergency is not None:
            return render_result(request, answers, emergency, stopped_early=True)
        return _render_step(request, steps[steps.index(step_id) + 1], answers)
    try:
        result = assess(answers)
    except InvalidAnswers:
        # The steps' own checks should make this impossible; never guess a triage if not.
        messages.error(request, "Some answers could not be read. Please check them again.")
        return _render_step(request, steps[0], answers, status=400)
    return render_result(request, answers, result)


@require_POST
def print_summary(request: HttpRequest) -> HttpResponse:
    answers, bad = parse_answers(request.POST)
    if bad:
        return render(request, "paincheck/invalid.html", status=400)
    try:
        result = assess(answers)
    except InvalidAnswers:
        return render(request, "paincheck/invalid.html", status=400)
    return render(request, "paincheck/print.html", {"result": build_result(answers, result)})


@require_GET
def how_it_works(request: HttpRequest) -> HttpResponse:
    return render(request, "paincheck/how_it_works.html", runner_view())


@require_GET
def rules(request: HttpRequest) -> HttpResponse:
    return render(request, "paincheck/rules.html", rules_view())
