"""The questionnaire, its result, the print summary, saved checks and the rules page.

Answers travel between steps in hidden fields, so nothing is stored for
anonymous visitors and every step works as a plain HTML form.
"""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from runwell.paincheck.actions import check_save_check, do_delete_check
from runwell.paincheck.engine import (
    InvalidAnswers,
    assess,
    early_emergency,
)
from runwell.paincheck.forms import StepForm, parse_answers, to_form_value
from runwell.paincheck.knowledge import TRIAGE_LEVELS, load
from runwell.paincheck.models import SavedCheck
from runwell.paincheck.presenters import attach_articles, build_result, hidden_fields, rules_view


def _step_ids() -> list[str]:
    return [s.id for s in load().steps]


def _render_step(
    request: HttpRequest,
    step_id: str,
    answers: dict[str, Any],
    form: StepForm | None = None,
    status: int = 200,
) -> HttpResponse:
    k = load()
    steps = _step_ids()
    if form is None:
        initial = {
            q.id: to_form_value(q, answers[q.id])
            for q in k.questions_for_step(step_id)
            if q.id in answers
        }
        form = StepForm(step_id, initial=initial)
    in_step = {q.id for q in form.questions}
    carried = [(qid, value) for qid, value in hidden_fields(answers) if qid not in in_step]
    context = {
        "step": next(s for s in k.steps if s.id == step_id),
        "steps": k.steps,
        "number": steps.index(step_id) + 1,
        "total": len(steps),
        "form": form,
        "carried": carried,
        "is_first": steps.index(step_id) == 0,
        "is_last": step_id == steps[-1],
    }
    return render(request, "paincheck/step.html", context, status=status)


def _render_result(
    request: HttpRequest,
    answers: dict[str, Any],
    result: dict[str, Any],
    *,
    complete: bool = True,
    saved: SavedCheck | None = None,
) -> HttpResponse:
    view = build_result(answers, result, complete=complete)
    attach_articles(view)
    return render(request, "paincheck/result.html", {"result": view, "saved": saved})


def _first_incomplete_step(answers: dict[str, Any], before: str) -> str | None:
    """The earliest step before `before` missing a required answer (skipped or tampered)."""
    k = load()
    for step_id in _step_ids():
        if step_id == before:
            return None
        for q in k.questions_for_step(step_id):
            if (q.required or q.form_required) and q.id not in answers:
                return step_id
    return None


@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    steps = _step_ids()
    if request.method == "GET":
        return _render_step(request, steps[0], {})
    step_id = request.POST.get("step", steps[0])
    if step_id not in steps:
        step_id = steps[0]
    in_step = {q.id for q in load().questions_for_step(step_id)}
    carried, _bad = parse_answers(request.POST, only={q.id for q in load().questions} - in_step)
    if request.POST.get("nav") == "back" and step_id != steps[0]:
        current, _ = parse_answers(request.POST, only=in_step)
        return _render_step(request, steps[steps.index(step_id) - 1], {**carried, **current})
    form = StepForm(step_id, request.POST)
    if not form.is_valid():
        return _render_step(request, step_id, carried, form=form, status=400)
    answers = {**carried, **form.answers()}
    missing_step = _first_incomplete_step(answers, step_id)
    if missing_step is not None:
        messages.error(request, "Some earlier answers were missing. Please answer this step again.")
        return _render_step(request, missing_step, answers)
    emergency = early_emergency(answers)
    if emergency is not None:
        return _render_result(request, answers, emergency, complete=False)
    if step_id != steps[-1]:
        return _render_step(request, steps[steps.index(step_id) + 1], answers)
    try:
        result = assess(answers)
    except InvalidAnswers:
        # The steps' own checks should make this impossible; never guess a triage if not.
        messages.error(request, "Some answers could not be read. Please check them again.")
        return _render_step(request, steps[0], answers, status=400)
    return _render_result(request, answers, result)


def _runner(request: HttpRequest) -> User:
    """The logged-in runner (only called behind login_required)."""
    return cast(User, request.user)


def _posted_answers(request: HttpRequest) -> dict[str, Any] | None:
    answers, bad = parse_answers(request.POST)
    return None if bad else answers


@require_POST
def print_summary(request: HttpRequest) -> HttpResponse:
    answers = _posted_answers(request)
    if answers is None:
        return render(request, "paincheck/invalid.html", status=400)
    try:
        result = assess(answers)
    except InvalidAnswers:
        return render(request, "paincheck/invalid.html", status=400)
    view = build_result(answers, result)
    return render(request, "paincheck/print.html", {"result": view})


@login_required
@require_POST
def save(request: HttpRequest) -> HttpResponse:
    answers = _posted_answers(request)
    if answers is None:
        return render(request, "paincheck/invalid.html", status=400)
    try:
        check = check_save_check(_runner(request), answers)
    except InvalidAnswers:
        return render(request, "paincheck/invalid.html", status=400)
    messages.success(request, "Saved. Only you can see your saved checks.")
    return redirect(check)


@login_required
@require_GET
def saved_list(request: HttpRequest) -> HttpResponse:
    checks = SavedCheck.objects.filter(user=_runner(request)).only("id", "created", "result")
    titles = {tid: level.title for tid, level in load().triage.items()}
    rows = [{"check": c, "title": titles.get(c.result.get("triage"), "")} for c in checks]
    return render(request, "paincheck/saved_list.html", {"rows": rows})


@login_required
@require_GET
def saved_detail(request: HttpRequest, pk: int) -> HttpResponse:
    check = get_object_or_404(SavedCheck, pk=pk, user=_runner(request))
    return _render_result(request, check.answers, check.result, saved=check)


@login_required
@require_POST
def saved_delete(request: HttpRequest, pk: int) -> HttpResponse:
    check = get_object_or_404(SavedCheck, pk=pk, user=_runner(request))
    do_delete_check(check)
    messages.success(request, "That saved check has been deleted.")
    return redirect("paincheck:saved_list")


@require_GET
def how_it_works(request: HttpRequest) -> HttpResponse:
    k = load()
    context = {
        **rules_view(),
        "triage_levels": [k.triage[t] for t in TRIAGE_LEVELS],
        "sources": sorted(k.sources.values(), key=lambda s: s.citation),
    }
    return render(request, "paincheck/how_it_works.html", context)
