"""Conditional GET for answers whose validators are known before they are built.

A view that can tell from a version number whether the reader's copy is current answers
304 without rendering anything; the validators and caching headers go on both answers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

View = Callable[..., HttpResponse]


def validators(etag: str, last_modified: datetime | None = None) -> dict[str, str]:
    headers = {"ETag": etag}
    if last_modified is not None:
        headers["Last-Modified"] = http_date(last_modified.timestamp())
    return headers


def not_modified(
    request: HttpRequest,
    *,
    etag: str,
    last_modified: datetime | None = None,
    headers: Mapping[str, str] = {},
) -> HttpResponse | None:
    """A 304 (or 412 for a failed If-Match) when the request's validators say so."""
    if not any(
        h in request.META
        for h in ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_MATCH",
                  "HTTP_IF_UNMODIFIED_SINCE")
    ):  # fmt: skip
        return None
    probe = HttpResponse()
    for name, value in {**headers, **validators(etag, last_modified)}.items():
        probe[name] = value
    answer = get_conditional_response(
        request,
        etag=etag,
        last_modified=int(last_modified.timestamp()) if last_modified else None,
        response=probe,
    )
    return None if answer is probe else answer


Validate = Callable[..., tuple[str, datetime | None] | None]


def conditional(validate: Validate) -> Callable[[View], View]:
    """Answer a GET from its validators when they match, before the view runs.

    `validate(request, **url_kwargs)` gives (ETag, Last-Modified) from versions read in
    a query or two, or None when it cannot tell (the view then answers, a 404 say).
    """

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            found = validate(request, **kwargs) if request.method in ("GET", "HEAD") else None
            if found is None:
                return view(request, *args, **kwargs)
            etag, last_modified = found
            unchanged = not_modified(request, etag=etag, last_modified=last_modified)
            if unchanged is not None:
                return unchanged
            response = view(request, *args, **kwargs)
            if response.status_code == 200:
                for name, value in validators(etag, last_modified).items():
                    response[name] = value
            return response

        return wrapped

    return decorate
