"""The training overview: 12 weeks of distance with pain marked, the load ratio, warnings,
shoes and what changed before each pain episode (the report, as pages)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from runwell.lib.http import AuthenticatedHttpRequest
from runwell.training import presenters
from runwell.training.reporting import report_and_pain
from runwell.training.sources import PAIN_EPISODE


@login_required
@require_GET
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    report, pain = report_and_pain(request.user)
    all_insights = request.GET.get("episodes") == "all"
    context = {
        "board": presenters.dashboard(report, pain, all_insights),
        "episode_source": PAIN_EPISODE,
    }
    return render(request, "training/dashboard.html", context)
