"""What the training API's endpoints share: parsing, errors and the JSON shapes.

Private: a personal token (`Authorization: Bearer …`) or the logged-in session, 401
without either; everything is fetched through runwell.training.access, so another
runner's ids answer 404.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, TypeVar

from django.http import HttpRequest, JsonResponse
from ninja import Schema
from pydantic import ValidationError

from runwell.training import actions
from runwell.training.models import Activity, PainEntry, Shoe
from runwell.training.schemas import field_errors

S = TypeVar("S", bound=Schema)
JSON = dict[str, Any]
ERRORS: dict[int, Any] = {400: JSON, 401: JSON, 404: JSON}


class BadRequest(Exception):
    def __init__(self, message: str, errors: dict[str, list[str]] | None = None) -> None:
        super().__init__(message)
        self.message, self.errors = message, errors


def error(status: int, message: str, errors: dict[str, list[str]] | None = None) -> JsonResponse:
    body: JSON = {"detail": message}
    if errors is not None:
        body["errors"] = errors
    return JsonResponse(body, status=status)


def parse_body(request: HttpRequest, schema: type[S]) -> S:
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


def query_day(request: HttpRequest, name: str) -> dt.date | None:
    raw = request.GET.get(name, "")
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise BadRequest(f"{name} must be a date, YYYY-MM-DD.", {name: ["not a date"]}) from None


def refused(refusal: actions.TrainingRefused) -> JsonResponse:
    errors = {refusal.field: [refusal.message]} if refusal.field else None
    return error(refusal.status, refusal.message, errors)


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


def range_params(what: str) -> JSON:
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


def json_body(schema: type[Schema]) -> JSON:
    return {
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": schema.model_json_schema()}},
        }
    }
