"""Request guards that run before anything else looks at a request.

- ClientAddressMiddleware decides the client's address once (runwell.lib.net) and drops
  forwarded headers that did not come through a trusted proxy.
- ApiErrorMiddleware keeps every /api/ answer JSON, errors included, and refuses a JSON
  body that would break the parser or the database before a view reads it.
- UnstorableInputMiddleware answers 400 for a path or query with a NUL character, which
  PostgreSQL cannot even compare with (every lookup would raise).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse

from runwell.lib.jsonsafe import json_problem
from runwell.lib.net import FORWARDED_HEADERS, client_ip, peer_is_trusted
from runwell.site.errors import MESSAGES, api_error, is_api

GetResponse = Callable[[HttpRequest], HttpResponse]


class ClientAddressMiddleware:
    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # With trusted proxies configured, a forwarded header from anyone else is a lie
        # (X-Forwarded-Proto included, which would otherwise pass for HTTPS).
        if settings.TRUSTED_PROXIES and not peer_is_trusted(request):
            for header in FORWARDED_HEADERS:
                request.META.pop(header, None)
        client_ip(request)  # decided once; gunicorn's access log prints it too
        return self.get_response(request)


def _is_json_request(request: HttpRequest) -> bool:
    content_type = request.content_type or ""
    return content_type == "application/json" or content_type.endswith("+json")


class ApiErrorMiddleware:
    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_api(request):
            return self.get_response(request)
        if request.method in {"POST", "PUT", "PATCH"} and _is_json_request(request):
            try:
                problem = json_problem(request.body)
            except RequestDataTooBig:
                return api_error(413)
            if problem:
                return api_error(400, f"The request body cannot be read: {problem}.")
        return self._as_json(self.get_response(request))

    def _as_json(self, response: HttpResponse) -> HttpResponse:
        if response.status_code < 400 or response.get("Content-Type", "").startswith(
            "application/json"
        ):
            return response
        answer = api_error(response.status_code, MESSAGES.get(response.status_code))
        for header in ("Allow", "Retry-After", "WWW-Authenticate"):
            if header in response:
                answer[header] = response[header]
        return answer


class UnstorableInputMiddleware:
    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path_info or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            if is_api(request):
                return api_error(400, "The address contains a NUL character.")
            return HttpResponse(
                "Bad request: the address contains a NUL character.\n",
                status=400,
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)
