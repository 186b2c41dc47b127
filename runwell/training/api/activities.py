"""Activities, uploads and import jobs: /api/v1/training/activities…, /jobs/{job}."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import TooManyFilesSent
from django.http import HttpRequest, HttpResponse, JsonResponse
from ninja import Router

from runwell.accounts.api_auth import RUNNER_AUTH
from runwell.training import actions
from runwell.training.access import (
    access_activity,
    access_job,
    activities_of,
)
from runwell.training.api.common import (
    ERRORS,
    JSON,
    BadRequest,
    activity_json,
    error,
    json_body,
    parse_body,
    query_day,
    range_params,
    refused,
)
from runwell.training.schemas import ActivityIn
from runwell.training.tasks import schedule_import

router = Router(tags=["training"], auth=RUNNER_AUTH)


# -- activities -----------------------------------------------------------------------------


@router.get(
    "/training/activities",
    summary="Your activities, newest first",
    response={200: JSON, **ERRORS},
    openapi_extra=range_params("the activities"),
)
def list_activities(request: HttpRequest) -> HttpResponse:
    try:
        first, last = query_day(request, "from"), query_day(request, "to")
    except BadRequest as bad:
        return error(400, bad.message, bad.errors)
    rows = activities_of(request.user).order_by("-start_time", "-id")  # type: ignore[arg-type]
    if first:
        rows = rows.filter(local_date__gte=first)
    if last:
        rows = rows.filter(local_date__lte=last)
    return JsonResponse({"activities": [activity_json(a) for a in rows]})


@router.post(
    "/training/activities",
    summary="Log an activity by hand",
    response={201: JSON, **ERRORS},
    openapi_extra=json_body(ActivityIn),
)
def create_activity(request: HttpRequest) -> HttpResponse:
    try:
        data = parse_body(request, ActivityIn)
    except BadRequest as bad:
        return error(400, bad.message, bad.errors)
    start = data.start_time if data.start_time.tzinfo else data.start_time.replace(tzinfo=dt.UTC)
    entry = actions.ActivityInput(
        sport=data.sport,
        start_time=start,
        distance_m=data.distance_m,
        elapsed_s=data.elapsed_s,
        moving_s=data.moving_s,
        surface=data.surface or "",
        shoe_id=data.shoe,
        name=data.name,
        notes=data.notes,
    )
    try:
        activity = actions.check_create_activity(request.user, entry)  # type: ignore[arg-type]
    except actions.TrainingRefused as refusal:
        return refused(refusal)
    return JsonResponse({"id": activity.pk}, status=201)


@router.post(
    "/training/activities/upload",
    summary="Upload activity files or a ZIP to import in the background",
    description="multipart/form-data with one or more `files`; answers 202 {job}.",
    response={202: JSON, 413: JSON, **ERRORS},
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {
                            "files": {
                                "type": "array",
                                "items": {"type": "string", "format": "binary"},
                            },
                            "keep_originals": {"type": "boolean"},
                        },
                        "required": ["files"],
                    }
                }
            },
        }
    },
)
def upload(request: HttpRequest) -> HttpResponse:
    length = int(request.META.get("CONTENT_LENGTH") or 0)
    if length > settings.TRAINING_UPLOAD_MAX_BYTES + 64 * 1024:
        return error(413, actions.too_large_message(length))
    try:
        files = request.FILES.getlist("files")
    except TooManyFilesSent:
        return error(400, "Too many files at once: put them in a ZIP and send that.")
    keep = request.POST.get("keep_originals", "").lower() in {"1", "true", "yes", "on"}
    try:
        job = actions.check_create_import(request.user, files, keep)  # type: ignore[arg-type]
    except actions.TrainingRefused as refusal:
        return refused(refusal)
    schedule_import(job)
    return JsonResponse({"job": job.pk}, status=202)


# Declared after the upload: Django tries the patterns in order, and "upload" must not
# be taken for an activity id.
@router.get(
    "/training/activities/{activity_id}", summary="One activity", response={200: JSON, **ERRORS}
)
def get_activity(request: HttpRequest, activity_id: int) -> HttpResponse:
    return JsonResponse(activity_json(access_activity(request.user, activity_id)))  # type: ignore[arg-type]


@router.delete(
    "/training/activities/{activity_id}",
    summary="Delete an activity",
    response={204: None, **ERRORS},
)
def delete_activity(request: HttpRequest, activity_id: int) -> HttpResponse:
    actions.do_delete_activity(access_activity(request.user, activity_id))  # type: ignore[arg-type]
    return HttpResponse(status=204)


@router.get(
    "/training/jobs/{job_id}",
    summary="An import's progress and results",
    response={200: JSON, **ERRORS},
)
def get_job(request: HttpRequest, job_id: int) -> HttpResponse:
    job = access_job(request.user, job_id)  # type: ignore[arg-type]
    results = list(job.results.order_by("position").values_list("record", flat=True))
    return JsonResponse(
        {"state": job.state, "total": job.total, "done": job.done, "results": results}
    )
