"""GET and POST /api/v1/articles/{slug}/comments (the contract in PRODUCT.md)."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from ninja import Router
from pydantic import ValidationError

from runwell.articles.models import Article, Status
from runwell.comments import actions
from runwell.comments.conf import load_rules
from runwell.comments.schemas import CommentIn, field_errors
from runwell.comments.threads import thread_json, version_subquery
from runwell.lib.net import client_ip

router = Router(tags=["comments"])

_ARTICLE_FOR_POSTING = (
    "SELECT id, slug, title, status, published_at, comments_open, author_id "  # noqa: S608
    f"FROM {Article._meta.db_table} WHERE slug = %s AND status = %s AND published_at <= %s"
)


def _article(slug: str) -> Article | None:
    # Only what posting needs, never the (possibly long) body. Every POST runs this, and a
    # fixed statement costs a fraction of the ORM's query building (bench/comments.py).
    params = [slug, Status.PUBLISHED, timezone.now()]
    return next(iter(Article.objects.raw(_ARTICLE_FOR_POSTING, params)), None)


def _error(status: int, message: str, errors: dict[str, list[str]] | None = None) -> JsonResponse:
    body: dict[str, Any] = {"detail": message}
    if errors is not None:
        body["errors"] = errors
    return JsonResponse(body, status=status)


@router.get(
    "/articles/{slug}/comments",
    summary="Approved comments of an article, as a tree, oldest first",
    response={200: dict[str, Any], 404: dict[str, Any]},
)
def list_comments(request: HttpRequest, slug: str) -> HttpResponse:
    # One query for the article and its thread version; the cached answer does the rest.
    row = (
        Article.objects.published()
        .filter(slug=slug)
        .annotate(thread_version=version_subquery())
        .values_list("id", "thread_version")
        .order_by()
        .first()
    )
    if row is None:
        return _error(404, "No article with that slug.")
    return HttpResponse(thread_json(row[0], row[1] or 0), content_type="application/json")


@router.post(
    "/articles/{slug}/comments",
    summary="Post a comment (or a reply, with parent)",
    response={201: dict[str, Any], 400: dict[str, Any], 403: dict[str, Any],
              404: dict[str, Any], 429: dict[str, Any]},
    openapi_extra={"requestBody": {
        "required": True,
        "content": {"application/json": {"schema": CommentIn.model_json_schema()}},
    }},
)  # fmt: skip
def post_comment(request: HttpRequest, slug: str) -> HttpResponse:
    article = _article(slug)
    if article is None:
        return _error(404, "No article with that slug.")
    rules = load_rules()
    ip = client_ip(request)
    try:
        actions.check_rate_limit(ip, rules)
    except actions.CommentRefused as refusal:
        return _error(refusal.status, refusal.message)
    try:
        payload = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError):
        return _error(400, "The request body is not JSON.", {"__all__": ["not JSON"]})
    if not isinstance(payload, dict):
        return _error(400, "Send a JSON object.", {"__all__": ["expected an object"]})
    try:
        data = CommentIn.model_validate({k: v for k, v in payload.items() if v is not None})
    except ValidationError as error:
        return _error(400, "Some fields are not valid.", field_errors(error))
    try:
        comment = actions.check_post_comment(
            actions.NewComment(
                article=article,
                author_name=data.author_name,
                author_email=data.author_email,
                author_url=data.author_url,
                body=data.body,
                parent_id=data.parent,
                ip=ip,
                user_agent=request.META.get("HTTP_USER_AGENT", ""),
            ),
            rules,
        )
    except actions.CommentRefused as refusal:
        if refusal.status != 400:
            return _error(refusal.status, refusal.message)
        return _error(400, refusal.message, {refusal.field or "__all__": [refusal.message]})
    return JsonResponse({"id": comment.pk, "status": comment.status}, status=201)
