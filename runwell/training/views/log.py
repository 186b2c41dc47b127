"""The log (by week), an activity, typing one in, editing and deleting it, the CSV."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from runwell.accounts.timezones import zone_for
from runwell.lib.http import AuthenticatedHttpRequest
from runwell.training import actions, queries, routes
from runwell.training.access import access_activity
from runwell.training.forms import ActivityForm, UploadForm
from runwell.training.models import Activity, Sport
from runwell.training.personal_data import activities_csv
from runwell.training.views.common import show_refusal

PER_PAGE = 30


@login_required
@require_GET
def log(request: AuthenticatedHttpRequest) -> HttpResponse:
    sport = request.GET.get("sport", "")
    if sport and sport not in Sport.values:
        sport = ""
    paginator = Paginator(queries.log_activities(request.user, sport or None), PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    context = {
        "page": page,
        "weeks": queries.weeks_for(request.user, sport or None, list(page.object_list)),
        "sport": sport,
        "sports": Sport.choices,
        "upload_form": UploadForm(),
    }
    return render(request, "training/log.html", context)


@login_required
@require_GET
def activity_detail(request: AuthenticatedHttpRequest, activity_id: int) -> HttpResponse:
    activity = access_activity(request.user, activity_id)
    drawing = routes.draw(routes.decode(activity.route)) if activity.route else None
    context = {"activity": activity, "drawing": drawing, "view": routes.VIEW}
    return render(request, "training/activity.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def activity_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    zone = zone_for(request.user)
    form = ActivityForm(request.POST or None, user=request.user, zone=zone)
    if request.method == "POST" and form.is_valid():
        try:
            activity = actions.check_create_activity(request.user, form.to_input())
        except actions.TrainingRefused as refusal:
            show_refusal(form, refusal)
        else:
            messages.success(request, "Your activity is in the log.")
            return redirect("training:activity", activity.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "training/activity_form.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request: AuthenticatedHttpRequest, activity_id: int) -> HttpResponse:
    activity = access_activity(request.user, activity_id)
    zone = zone_for(request.user)
    initial = ActivityForm.initial_for(activity, zone)
    form = ActivityForm(request.POST or None, initial=initial, user=request.user, zone=zone)
    if request.method == "POST" and form.is_valid():
        try:
            actions.check_update_activity(request.user, activity, form.to_input())
        except actions.TrainingRefused as refusal:
            show_refusal(form, refusal)
        else:
            messages.success(request, "Your changes are saved.")
            return redirect("training:activity", activity.pk)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "activity": activity}
    return render(request, "training/activity_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def activity_delete(request: AuthenticatedHttpRequest, activity_id: int) -> HttpResponse:
    activity = access_activity(request.user, activity_id)
    if request.method == "POST":
        actions.do_delete_activity(activity)
        messages.success(request, "The activity is deleted.")
        return redirect("training:log")
    return render(
        request,
        "training/confirm_delete.html",
        {"thing": activity, "kind": "activity", "back": activity_url(activity)},
    )


@login_required
@require_GET
def export_csv(request: AuthenticatedHttpRequest) -> HttpResponse | StreamingHttpResponse:
    response = StreamingHttpResponse(activities_csv(request.user), content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="runwell-activities.csv"'
    return response


def activity_url(activity: Activity) -> str:
    return reverse("training:activity", args=[activity.pk])
