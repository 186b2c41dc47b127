"""The pain diary: quick entry and the list on one page, editing and deleting an entry."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from runwell.lib.http import AuthenticatedHttpRequest
from runwell.training import actions
from runwell.training.access import access_pain_entry, pain_of
from runwell.training.forms import PainForm
from runwell.training.views.common import show_refusal

PER_PAGE = 50


@login_required
@require_http_methods(["GET", "POST"])
def pain_diary(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = PainForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            actions.check_create_pain(request.user, form.to_input())
        except actions.TrainingRefused as refusal:
            show_refusal(form, refusal)
        else:
            messages.success(request, "Noted in your pain diary.")
            return redirect("training:pain")
    entries = pain_of(request.user).select_related("activity").order_by("-date", "-id")
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
    status = 400 if request.method == "POST" else 200
    return render(request, "training/pain.html", {"form": form, "page": page}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def pain_edit(request: AuthenticatedHttpRequest, entry_id: int) -> HttpResponse:
    entry = access_pain_entry(request.user, entry_id)
    form = PainForm(request.POST or None, initial=PainForm.initial_for(entry), user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            actions.check_update_pain(request.user, entry, form.to_input())
        except actions.TrainingRefused as refusal:
            show_refusal(form, refusal)
        else:
            messages.success(request, "Your changes are saved.")
            return redirect("training:pain")
    status = 400 if request.method == "POST" else 200
    return render(request, "training/pain_form.html", {"form": form, "entry": entry}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def pain_delete(request: AuthenticatedHttpRequest, entry_id: int) -> HttpResponse:
    entry = access_pain_entry(request.user, entry_id)
    if request.method == "POST":
        actions.do_delete_pain(entry)
        messages.success(request, "The entry is deleted.")
        return redirect("training:pain")
    return render(
        request,
        "training/confirm_delete.html",
        {"thing": entry, "kind": "diary entry", "back": reverse("training:pain")},
    )
