"""Shoes: the list with each pair's distance against its limit, adding, editing, retiring."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from runwell.lib.http import AuthenticatedHttpRequest
from runwell.training import actions, queries
from runwell.training.access import access_shoe
from runwell.training.forms import SHOE_LIMIT_REASON, ShoeForm
from runwell.training.views.common import show_refusal


@login_required
@require_http_methods(["GET", "POST"])
def shoes(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ShoeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            shoe = actions.check_create_shoe(request.user, form.to_input())
        except actions.TrainingRefused as refusal:
            show_refusal(form, refusal)
        else:
            messages.success(request, f"“{shoe.name}” is added.")
            return redirect("training:shoes")
    context = {
        "form": form,
        "shoes": list(queries.shoes_with_distance(request.user)),
        "limit_reason": SHOE_LIMIT_REASON,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "training/shoes.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def shoe_edit(request: AuthenticatedHttpRequest, shoe_id: int) -> HttpResponse:
    shoe = access_shoe(request.user, shoe_id)
    form = ShoeForm(request.POST or None, initial=ShoeForm.initial_for(shoe))
    if request.method == "POST" and form.is_valid():
        try:
            actions.check_update_shoe(shoe, form.to_input())
        except actions.TrainingRefused as refusal:
            show_refusal(form, refusal)
        else:
            messages.success(request, "Your changes are saved.")
            return redirect("training:shoes")
    status = 400 if request.method == "POST" else 200
    return render(request, "training/shoe_form.html", {"form": form, "shoe": shoe}, status=status)


@login_required
@require_POST
def shoe_retire(request: AuthenticatedHttpRequest, shoe_id: int) -> HttpResponse:
    shoe = access_shoe(request.user, shoe_id)
    retire = request.POST.get("retired", "yes") != "no"
    actions.do_retire_shoe(shoe, retire)
    word = "retired" if retire else "back in use"
    messages.success(request, f"“{shoe.name}” is {word}.")
    return redirect("training:shoes")


@login_required
@require_http_methods(["GET", "POST"])
def shoe_delete(request: AuthenticatedHttpRequest, shoe_id: int) -> HttpResponse:
    shoe = access_shoe(request.user, shoe_id)
    if request.method == "POST":
        actions.do_delete_shoe(shoe)
        messages.success(request, f"“{shoe.name}” is deleted; its runs stay in your log.")
        return redirect("training:shoes")
    return render(
        request,
        "training/confirm_delete.html",
        {"thing": shoe, "kind": "pair of shoes", "back": reverse("training:shoes")},
    )
