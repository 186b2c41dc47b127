"""Shoes, the pain diary and the report: /api/v1/training/shoes, /pain, /report."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from ninja import Router

from runwell.accounts.api_auth import RUNNER_AUTH
from runwell.training import actions, queries
from runwell.training.access import (
    access_pain_entry,
    access_shoe,
    pain_of,
)
from runwell.training.api.common import (
    ERRORS,
    JSON,
    BadRequest,
    error,
    json_body,
    pain_json,
    parse_body,
    query_day,
    range_params,
    refused,
    shoe_json,
)
from runwell.training.reporting import report_for
from runwell.training.schemas import PainIn, ShoeIn

router = Router(tags=["training"], auth=RUNNER_AUTH)


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
    openapi_extra=json_body(ShoeIn),
)
def create_shoe(request: HttpRequest) -> HttpResponse:
    try:
        data = parse_body(request, ShoeIn)
    except BadRequest as bad:
        return error(400, bad.message, bad.errors)
    entry = actions.ShoeInput(data.name, data.brand, data.start_m, data.limit_m)
    try:
        shoe = actions.check_create_shoe(request.user, entry)  # type: ignore[arg-type]
    except actions.TrainingRefused as refusal:
        return refused(refusal)
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
    openapi_extra=range_params("the entries"),
)
def list_pain(request: HttpRequest) -> HttpResponse:
    try:
        first, last = query_day(request, "from"), query_day(request, "to")
    except BadRequest as bad:
        return error(400, bad.message, bad.errors)
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
    openapi_extra=json_body(PainIn),
)
def create_pain(request: HttpRequest) -> HttpResponse:
    try:
        data = parse_body(request, PainIn)
    except BadRequest as bad:
        return error(400, bad.message, bad.errors)
    entry = actions.PainInput(
        data.date, data.region, data.score, data.timing, data.activity, data.note
    )
    try:
        made = actions.check_create_pain(request.user, entry)  # type: ignore[arg-type]
    except actions.TrainingRefused as refusal:
        return refused(refusal)
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
        as_of = query_day(request, "as_of")
    except BadRequest as bad:
        return error(400, bad.message, bad.errors)
    return JsonResponse(report_for(request.user, as_of).as_json())  # type: ignore[arg-type]
