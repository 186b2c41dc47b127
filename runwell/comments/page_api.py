"""GET and POST /api/v1/pages/{slug}/comments: the article API's shapes for a page's thread.

The same answers, checks and rules as comments/api.py (whose helpers it uses): the same
JSON tree, field errors, 403 when the discussion is closed, 429 when rate-limited, and
Idempotency-Key replays. Pages are read far less than articles, so the read is not
answered early by the middleware nor kept as a fixed statement; the thread's JSON is
still cached per process under the page's thread version.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router
from pydantic import ValidationError

from runwell.articles.models import Page, Status
from runwell.comments import actions, reading
from runwell.comments.api import (
    POST_ANSWERS,
    POST_BODY,
    _check_sender,
    _error,
    _idempotency,
    _payload,
    _refusal,
    post_or_replay,
)
from runwell.comments.models import PageThreadVersion
from runwell.comments.schemas import field_errors
from runwell.comments.threads import thread_json
from runwell.lib.conditional import not_modified, validators

router = Router(tags=["comments"])
# What posting needs, and the author's address (whether a post queues mail for them).
_FIELDS = ("id", "slug", "title", "status", "published_at", "comments_open", "author__email")
NOT_FOUND = "No page with that slug."


def _public_page(slug: str) -> Page | None:
    pages = Page.objects.select_related("author").filter(slug=slug, status=Status.PUBLISHED)
    page = pages.only(*_FIELDS).first()
    return page if page is not None and page.is_public else None


@router.get(
    "/pages/{slug}/comments",
    summary="Approved comments of a page, as a tree, oldest first",
    response={200: dict[str, Any], 404: dict[str, Any]},
)
def list_page_comments(request: HttpRequest, slug: str) -> HttpResponse:
    page = _public_page(slug)
    if page is None:
        return _error(404, NOT_FOUND)
    version, changed = (
        PageThreadVersion.objects.filter(pk=page.pk).values_list("version", "changed").first()
    ) or (0, None)
    etag = f'"p{reading.ANSWER_FORMAT}-{page.pk}-{version}"'
    headers = {"Cache-Control": reading.CACHE_CONTROL}
    unchanged = not_modified(request, etag=etag, last_modified=changed, headers=headers)
    if unchanged is not None:
        return unchanged
    response = HttpResponse(
        thread_json(page.pk, version, on="page"), content_type="application/json"
    )
    for name, value in {**headers, **validators(etag, changed)}.items():
        response[name] = value
    return response


@router.post(
    "/pages/{slug}/comments",
    summary="Post a comment on a page (or a reply, with parent)",
    description="As POST /api/v1/articles/{slug}/comments, Idempotency-Key included.",
    response=POST_ANSWERS,
    openapi_extra=POST_BODY,
)
def post_page_comment(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        _check_sender(request)
        page = _public_page(slug)
        if page is None:
            return _error(404, NOT_FOUND)
        data = _payload(request)
        key, request_hash = _idempotency(request, page, data)
    except ValidationError as error:
        return _error(400, "Some fields are not valid.", field_errors(error))
    except actions.CommentRefused as refusal:
        return _refusal(refusal)
    if key:  # never the key of the article that has the page's id
        key = hashlib.sha256(f"page\0{key}".encode()).hexdigest()
    return post_or_replay(request, page, data, key, request_hash)
