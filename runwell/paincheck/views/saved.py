"""Saved checks: save from a result, keep one across sign-up or log-in, list, show, delete."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from runwell.lib.http import AuthenticatedHttpRequest
from runwell.paincheck.actions import check_keep_for_account, check_save_check, do_delete_check
from runwell.paincheck.engine import InvalidAnswers
from runwell.paincheck.forms import parse_answers
from runwell.paincheck.knowledge import load
from runwell.paincheck.models import SavedCheck
from runwell.paincheck.trend import pain_trend
from runwell.paincheck.views.questionnaire import render_result

ACCOUNT_PAGES = {"signup": "accounts:signup", "login": "accounts:login"}


def _posted_answers(request: HttpRequest) -> dict[str, Any] | None:
    answers, bad = parse_answers(request.POST)
    return None if bad else answers


def _invalid(request: HttpRequest) -> HttpResponse:
    return render(request, "paincheck/invalid.html", status=400)


@login_required
@require_POST
def save(request: AuthenticatedHttpRequest) -> HttpResponse:
    answers = _posted_answers(request)
    if answers is None:
        return _invalid(request)
    try:
        check = check_save_check(request.user, answers)
    except InvalidAnswers:
        return _invalid(request)
    messages.success(request, "Saved. Only you can see your saved checks.")
    return redirect(check)


@require_POST
def keep(request: HttpRequest) -> HttpResponse:
    """Keep a result while the visitor signs up or logs in; it is saved when they arrive."""
    answers = _posted_answers(request)
    account_page = ACCOUNT_PAGES.get(request.POST.get("then", ""), "accounts:signup")
    if answers is None:
        return _invalid(request)
    try:
        if request.user.is_authenticated:
            check = check_save_check(request.user, answers)
            messages.success(request, "Saved. Only you can see your saved checks.")
            return redirect(check)
        check_keep_for_account(request.session, answers)
    except InvalidAnswers:
        return _invalid(request)
    query = urlencode({"next": reverse("paincheck:saved_list")})
    return redirect(f"{reverse(account_page)}?{query}")


@login_required
@require_GET
def saved_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    k = load()
    checks = list(
        SavedCheck.objects.filter(user=request.user).only("id", "created", "answers", "result")
    )
    titles = {tid: level.title for tid, level in k.triage.items()}
    regions = k.question("pain_region")
    rows = [
        {
            "check": c,
            "title": titles.get(c.result.get("triage"), ""),
            "region": regions.label_for(c.answers["pain_region"])
            if "pain_region" in c.answers
            else "",
            "score": c.answers.get("pain_score"),
        }
        for c in checks
    ]
    readings = [
        (c.created, c.answers["pain_score"])
        for c in reversed(checks)
        if isinstance(c.answers.get("pain_score"), int)
    ]
    return render(
        request, "paincheck/saved_list.html", {"rows": rows, "trend": pain_trend(readings)}
    )


@login_required
@require_GET
def saved_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    check = get_object_or_404(SavedCheck, pk=pk, user=request.user)
    return render_result(request, check.answers, check.result, saved=check)


@login_required
@require_POST
def saved_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    check = get_object_or_404(SavedCheck, pk=pk, user=request.user)
    do_delete_check(check)
    messages.success(request, "That saved check has been deleted.")
    return redirect("paincheck:saved_list")
