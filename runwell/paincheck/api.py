"""POST /api/v1/paincheck: the same assessment, the same bytes, as the command."""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse
from ninja import Router

from runwell.paincheck.engine import InvalidAnswers
from runwell.paincheck.jsonio import assess_json

router = Router(tags=["pain check"])

_REQUEST_DOC = {
    "requestBody": {
        "required": True,
        "description": "The answers object, keyed by question id (see the pain-check contract).",
        "content": {
            "application/json": {"schema": {"type": "object", "additionalProperties": True}}
        },
    }
}


@router.post(
    "/paincheck",
    summary="Assess pain-check answers",
    description=(
        "Returns {triage, red_flags, contributors, plan}; 400 {problems: [...]} if invalid."
    ),
    openapi_extra=_REQUEST_DOC,
)
def assess_answers(request: HttpRequest) -> HttpResponse:
    try:
        body = assess_json(request.body)
    except InvalidAnswers as exc:
        problems = json.dumps({"problems": exc.problems}, ensure_ascii=False)
        return HttpResponse(problems, status=400, content_type="application/json")
    return HttpResponse(body, content_type="application/json")
