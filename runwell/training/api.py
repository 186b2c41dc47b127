"""The training API under /api/v1/training/ (PRODUCT.md's contract, exactly).

Private: a personal token (`Authorization: Bearer …`) or the logged-in session, 401
without either; everything is fetched through runwell.training.access, so another
runner's ids answer 404.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, TypeVar

from django.conf import settings
from django.core.exceptions import TooManyFilesSent
from django.http import HttpRequest, HttpResponse, JsonResponse
from ninja import Router, Schema
from pydantic import ValidationError

from runwell.accounts.api_auth import RUNNER_AUTH
from runwell.training import actions, queries
from runwell.training.access import (
    access_activity,
    access_job,
    access_pain_entry,
    access_shoe,
    activities_of,
    pain_of,
)
from runwell.training.models import Activity, PainEntry, Shoe
from runwell.training.reporting import report_for
from runwell.training.schemas import ActivityIn, PainIn, ShoeIn, field_errors
from runwell.training.tasks import schedule_import

router = Router(tags=["training"], auth=RUNNER_AUTH)
S = TypeVar("S", bound=Schema)
JSON = dict[str, Any]
ERRORS: dict[int, Any] = {400: JSON, 401: JSON, 404: JSON}


class BadRequest(Exception):
    def __init__(self, message: str, errors: dict[str, list[str]] | None = None) -> None:
        super().__init__(message)
        self.message, self.errors = message, errors


def _error(status: int, message: str, errors: dict[str, list[str]] | None = None) -> JsonResponse:
    body: JSON = {"detail": message}
    if errors is not None:
        body["errors"] = errors
    return JsonResponse(body, status=status)


def _parse(request: HttpRequest, schema: type[S]) -> S:
    try:
        payload = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError):
        raise BadRequest("The request body is not JSON.") from None
    if not isinstance(payload, dict):
        raise BadRequest("Send a JSON object.")
    try:
        return schema.model_validate(payload)
    except ValidationError as error:
        raise BadRequest("Some fields are not valid.", field_errors(error)) from None


def _day(request: HttpRequest, name: str) -> dt.date | None:
    raw = request.GET.get(name, "")
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise BadRequest(f"{name} must be a date, YYYY-MM-DD.", {name: ["not a date"]}) from None


def _refused(refusal: actions.TrainingRefused) -> JsonResponse:
    errors = {refusal.field: [refusal.message]} if refusal.field else None
    return _error(refusal.status, refusal.message, errors)


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def activity_json(a: Activity) -> JSON:
    return {
        "id": a.pk,
        "sport": a.sport,
        "start_time": _utc(a.start_time),
        "distance_m": a.distance_m,
        "elapsed_s": a.elapsed_s,
        "moving_s": a.moving_s,
        "shoe": a.shoe_id,
        "surface": a.surface or None,
        "name": a.name,
    }


def shoe_json(s: Shoe, run_m: float) -> JSON:
    return {
        "id": s.pk,
        "name": s.name,
        "limit_m": s.limit_m,
        "retired": s.retired,
        "distance_m": round(s.start_m + run_m, 1),
    }


def pain_json(p: PainEntry) -> JSON:
    return {
        "id": p.pk,
        "date": p.date.isoformat(),
        "region": p.region,
        "score": p.score,
        "timing": p.timing,
        "activity": p.activity_id,
        "note": p.note,
    }


def _range_params(what: str) -> JSON:
    return {
        "parameters": [
            {"in": "query", "name": "from", "required": False,
             "schema": {"type": "string", "format": "date"},
             "description": f"the first day of {what} (inclusive, your local date)"},
            {"in": "query", "name": "to", "required": False,
             "schema": {"type": "string", "format": "date"},
             "description": f"the last day of {what} (inclusive)"},
        ]
    }  # fmt: skip


def _body(schema: type[Schema]) -> JSON:
    return {
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": schema.model_json_schema()}},
        }
    }


# -- activities -----------------------------------------------------------------------------


@router.get(
    "/training/activities",
    summary="Your activities, newest first",
    response={200: JSON, **ERRORS},
    openapi_extra=_range_params("the activities"),
)
def list_activities(request: HttpRequest) -> HttpResponse:
    try:
        first, last = _day(request, "from"), _day(request, "to")
    except BadRequest as bad:
        return _error(400, bad.message, bad.errors)
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
    openapi_extra=_body(ActivityIn),
)
def create_activity(request: HttpRequest) -> HttpResponse:
    try:
        data = _parse(request, ActivityIn)
    except BadRequest as bad:
        return _error(400, bad.message, bad.errors)
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
        return _refused(refusal)
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
        return _error(413, actions.too_large_message(length))
    try:
        files = request.FILES.getlist("files")
    except TooManyFilesSent:
        return _error(400, "Too many files at once: put them in a ZIP and send that.")
    keep = request.POST.get("keep_originals", "").lower() in {"1", "true", "yes", "on"}
    try:
        job = actions.check_create_import(request.user, files, keep)  # type: ignore[arg-type]
    except actions.TrainingRefused as refusal:
        return _refused(refusal)
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


# -- shoes ----------------------------------------------------------------------------------


@router.get(
    "/training/shoes", summary="Your shoes and their distance", response={200: JSON, **ERRORS}
)
def list_shoes(request: HttpRequest) -> HttpResponse:
    shoes = queries.shoes_with_distance(request.user)  # type: ignore[arg-type]
    return JsonResponse({"shoes": [shoe_json(s, queries.run_m(s)) for s in shoes]})


@router.post(
    "/training/shoes",
    summary="Add a pair of shoes",
    response={201: JSON, **ERRORS},
    openapi_extra=_body(ShoeIn),
)
def create_shoe(request: HttpRequest) -> HttpResponse:
    try:
        data = _parse(request, ShoeIn)
    except BadRequest as bad:
        return _error(400, bad.message, bad.errors)
    entry = actions.ShoeInput(data.name, data.brand, data.start_m, data.limit_m)
    try:
        shoe = actions.check_create_shoe(request.user, entry)  # type: ignore[arg-type]
    except actions.TrainingRefused as refusal:
        return _refused(refusal)
    if data.retired:
        actions.do_retire_shoe(shoe)
    return JsonResponse(shoe_json(shoe, 0.0), status=201)


@router.get(
    "/training/shoes/{shoe_id}", summary="One pair of shoes", response={200: JSON, **ERRORS}
)
def get_shoe(request: HttpRequest, shoe_id: int) -> HttpResponse:
    shoe = access_shoe(request.user, shoe_id)  # type: ignore[arg-type]
    found = queries.shoes_with_distance(request.user).get(pk=shoe.pk)  # type: ignore[arg-type]
    return JsonResponse(shoe_json(found, queries.run_m(found)))


@router.delete(
    "/training/shoes/{shoe_id}",
    summary="Delete a pair (its runs stay)",
    response={204: None, **ERRORS},
)
def delete_shoe(request: HttpRequest, shoe_id: int) -> HttpResponse:
    actions.do_delete_shoe(access_shoe(request.user, shoe_id))  # type: ignore[arg-type]
    return HttpResponse(status=204)


# -- pain diary -----------------------------------------------------------------------------


@router.get(
    "/training/pain",
    summary="Your pain diary, newest first",
    response={200: JSON, **ERRORS},
    openapi_extra=_range_params("the entries"),
)
def list_pain(request: HttpRequest) -> HttpResponse:
    try:
        first, last = _day(request, "from"), _day(request, "to")
    except BadRequest as bad:
        return _error(400, bad.message, bad.errors)
    rows = pain_of(request.user).order_by("-date", "-id")  # type: ignore[arg-type]
    if first:
        rows = rows.filter(date__gte=first)
    if last:
        rows = rows.filter(date__lte=last)
    return JsonResponse({"pain": [pain_json(p) for p in rows]})


@router.post(
    "/training/pain",
    summary="Add a pain-diary entry",
    response={201: JSON, **ERRORS},
    openapi_extra=_body(PainIn),
)
def create_pain(request: HttpRequest) -> HttpResponse:
    try:
        data = _parse(request, PainIn)
    except BadRequest as bad:
        return _error(400, bad.message, bad.errors)
    entry = actions.PainInput(
        data.date, data.region, data.score, data.timing, data.activity, data.note
    )
    try:
        made = actions.check_create_pain(request.user, entry)  # type: ignore[arg-type]
    except actions.TrainingRefused as refusal:
        return _refused(refusal)
    return JsonResponse(pain_json(made), status=201)


@router.get(
    "/training/pain/{entry_id}", summary="One pain-diary entry", response={200: JSON, **ERRORS}
)
def get_pain(request: HttpRequest, entry_id: int) -> HttpResponse:
    return JsonResponse(pain_json(access_pain_entry(request.user, entry_id)))  # type: ignore[arg-type]


@router.delete(
    "/training/pain/{entry_id}", summary="Delete a pain-diary entry", response={204: None, **ERRORS}
)
def delete_pain(request: HttpRequest, entry_id: int) -> HttpResponse:
    actions.do_delete_pain(access_pain_entry(request.user, entry_id))  # type: ignore[arg-type]
    return HttpResponse(status=204)


# -- report ---------------------------------------------------------------------------------


@router.get(
    "/training/report",
    summary="Load, warnings, shoes and insights up to a day",
    description="The 12 weeks to as_of, acute and chronic load, ACWR (a description of change, "
    "not a risk), monotony, the warnings of the last 28 days, shoes, and pain episodes with "
    "what changed in the 21 days before each.",
    response={200: JSON, **ERRORS},
    openapi_extra={"parameters": [{"in": "query", "name": "as_of", "required": False,
                   "schema": {"type": "string", "format": "date"},
                   "description": "the day of the report (default: your today)"}]},
)  # fmt: skip
def report(request: HttpRequest) -> HttpResponse:
    try:
        as_of = _day(request, "as_of")
    except BadRequest as bad:
        return _error(400, bad.message, bad.errors)
    return JsonResponse(report_for(request.user, as_of).as_json())  # type: ignore[arg-type]
