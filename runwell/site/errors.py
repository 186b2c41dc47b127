"""Error answers: JSON under /api/ whatever went wrong, and 503 while the database is away."""

from __future__ import annotations

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, JsonResponse

API_PREFIX = "/api/"
# How long a client should wait before trying again while the database is unreachable:
# long enough for a restart or a fail-over, short enough that nobody gives up.
RETRY_AFTER_SECONDS = 30

MESSAGES = {
    400: "The request could not be understood.",
    401: "Authentication is needed.",
    403: "This request is not allowed.",
    404: "Nothing here.",
    405: "This method is not allowed here.",
    413: "The request body is too large.",
    415: "Send the body as application/json.",
    429: "Too many requests. Please wait a little and try again.",
    500: "Something went wrong on our side. It has been logged.",
    503: "The site is briefly unavailable. Please try again in a moment.",
}


def is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith(API_PREFIX)


def database_unavailable(exc: BaseException | None) -> bool:
    """An error that means "try again soon": the database is down, restarting or busy."""
    return isinstance(exc, OperationalError | InterfaceError)


def api_error(status: int, detail: str | None = None) -> JsonResponse:
    response = JsonResponse({"detail": detail or MESSAGES.get(status, "Error.")}, status=status)
    if status == 503:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
