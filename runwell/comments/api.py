"""GET and POST /api/v1/articles/{slug}/comments (the contract in PRODUCT.md)."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from ninja import Router

from runwell.articles.models import Article, Status
from runwell.comments import actions
from runwell.comments.conf import load_rules
from runwell.comments.forms import BODY_REQUIRED, MAX_BODY, AuthorNameCleaning
from runwell.comments.threads import thread_json, version_subquery
from runwell.lib.net import client_ip

router = Router(tags=["comments"])

_COMMENT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["author_name", "author_email", "body"],
    "properties": {
        "author_name": {"type": "string", "maxLength": 100},
        "author_email": {"type": "string", "format": "email", "description": "never published"},
        "author_url": {"type": "string", "format": "uri"},
        "body": {"type": "string", "description": "Markdown subset"},
        "parent": {"type": "integer", "description": "id of the comment replied to"},
    },
}


class ApiCommentForm(AuthorNameCleaning, forms.Form):
    author_name = forms.CharField(max_length=100)
    author_email = forms.EmailField(max_length=254)
    author_url = forms.URLField(max_length=300, required=False, assume_scheme="https")
    body = forms.CharField(max_length=MAX_BODY, error_messages=BODY_REQUIRED)
    parent = forms.IntegerField(required=False, min_value=1)


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
        "required": True, "content": {"application/json": {"schema": _COMMENT_SCHEMA}},
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
    form = ApiCommentForm({k: v for k, v in payload.items() if v is not None})
    if not form.is_valid():
        errors = {k: [str(m) for m in v] for k, v in form.errors.items()}
        return _error(400, "Some fields are not valid.", errors)
    data = form.cleaned_data
    try:
        comment = actions.check_post_comment(
            actions.NewComment(
                article=article,
                author_name=data["author_name"],
                author_email=data["author_email"],
                author_url=data["author_url"] or "",
                body=data["body"],
                parent_id=data.get("parent"),
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
