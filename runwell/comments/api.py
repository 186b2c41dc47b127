"""GET and POST /api/v1/articles/{slug}/comments (the contract in PRODUCT.md)."""

from __future__ import annotations

import hashlib
import json
from contextlib import nullcontext
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from ninja import Router
from pydantic import ValidationError

from runwell.articles.models import Article, Page, Status
from runwell.comments import actions, reading
from runwell.comments.conf import load_rules
from runwell.comments.schemas import CommentIn, field_errors
from runwell.lib.http import foreign_origin
from runwell.lib.net import client_ip
from runwell.lib.rawsql import aware_datetime, loaded
from runwell.lib.writelock import one_writer

router = Router(tags=["comments"])

_POSTING = {"id", "slug", "title", "status", "published_at", "comments_open", "author_id"}
_POSTING_FIELDS = [f.attname for f in Article._meta.concrete_fields if f.attname in _POSTING]
_USERS = get_user_model()._meta.db_table
# The author's address decides whether the post queues a mail for them (see
# actions.might_send_mail), so it is read here rather than by a second statement.
_ARTICLE_FOR_POSTING = (
    f"SELECT {', '.join('a.' + name for name in _POSTING_FIELDS)}, u.email "  # noqa: S608
    f"FROM {Article._meta.db_table} a LEFT JOIN {_USERS} u ON u.id = a.author_id "
    "WHERE a.slug = %s AND a.status = %s AND a.published_at <= %s"
)
# The answers and request body of a comment POST, for every route that takes one.
POST_ANSWERS: dict[int, Any] = dict.fromkeys((201, 400, 403, 404, 415, 422, 429), dict[str, Any])
POST_BODY = {
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": CommentIn.model_json_schema()}},
    }
}
IDEMPOTENCY_HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 255


def _article(slug: str) -> Article | None:
    # Only what posting needs, never the (possibly long) body. Every POST runs this, and a
    # fixed statement costs a fraction of the ORM's query building (bench/comments.py).
    # A cursor, not Manager.raw(), which ran the statement twice (once for its columns).
    params = [slug, Status.PUBLISHED, connection.ops.adapt_datetimefield_value(timezone.now())]
    with connection.cursor() as cursor:
        cursor.execute(_ARTICLE_FOR_POSTING, params)
        row = cursor.fetchone()
    if row is None:
        return None
    *values, author_email = row
    at = _POSTING_FIELDS.index("published_at")
    values[at] = aware_datetime(values[at])
    article = loaded(Article, _POSTING_FIELDS, values, connection.alias)
    if article.author_id is not None:
        article.author = loaded(
            get_user_model(), ["id", "email"], [article.author_id, author_email], connection.alias
        )
    return article


def _error(status: int, message: str, errors: dict[str, list[str]] | None = None) -> JsonResponse:
    body: dict[str, Any] = {"detail": message}
    if errors is not None:
        body["errors"] = errors
    return JsonResponse(body, status=status)


def _refusal(refusal: actions.CommentRefused) -> JsonResponse:
    if refusal.status != 400:
        return _error(refusal.status, refusal.message)
    return _error(400, refusal.message, {refusal.field or "__all__": [refusal.message]})


@router.get(
    "/articles/{slug}/comments",
    summary="Approved comments of an article, as a tree, oldest first",
    response={200: dict[str, Any], 404: dict[str, Any]},
)
def list_comments(request: HttpRequest, slug: str) -> HttpResponse:
    # middleware.ThreadApiMiddleware answers this first; both go through reading.answer.
    state = reading.published_thread(slug)
    if state is None:
        return _error(404, "No article with that slug.")
    return reading.answer(request, state)


def _check_sender(request: HttpRequest) -> None:
    """Only JSON from this site's pages or from a non-browser client.

    A browser sends JSON to another site only after a CORS preflight, which this API
    never approves; a form or `fetch` with text/plain needs none, so it is refused, and
    so is any request a browser marks as coming from another site's page.
    """
    if request.content_type != "application/json":
        raise actions.CommentRefused("unsupported", "Send the comment as application/json.")
    if foreign_origin(request):
        raise actions.CommentRefused("foreign", "Comments can only be posted from this site.")


def _payload(request: HttpRequest) -> CommentIn:
    try:
        payload = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError):
        raise actions.CommentRefused("invalid", "The request body is not JSON.") from None
    if not isinstance(payload, dict):
        raise actions.CommentRefused("invalid", "Send a JSON object.")
    return CommentIn.model_validate({k: v for k, v in payload.items() if v is not None})


def _idempotency(request: HttpRequest, article: Article | Page, data: CommentIn) -> tuple[str, str]:
    """(key, request hash) for a POST with an Idempotency-Key header, else ("", "")."""
    header = request.headers.get(IDEMPOTENCY_HEADER)
    if header is None:
        return "", ""
    if not 0 < len(header) <= MAX_KEY_LENGTH or not header.isascii():
        raise actions.CommentRefused(
            "invalid", f"{IDEMPOTENCY_HEADER} must be 1 to {MAX_KEY_LENGTH} ASCII characters."
        )
    canonical = json.dumps(data.model_dump(), sort_keys=True).encode()
    return actions.idempotency_key(article.pk, header), hashlib.sha256(canonical).hexdigest()


@router.post(
    "/articles/{slug}/comments",
    summary="Post a comment (or a reply, with parent)",
    description=(
        "Send application/json. With an Idempotency-Key header, a repeat of the same request "
        "gets the first answer (kept for a day), so a client that lost the answer may resend."
    ),
    response=POST_ANSWERS,
    openapi_extra=POST_BODY,
)
def post_comment(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        _check_sender(request)
        article = _article(slug)
        if article is None:
            return _error(404, "No article with that slug.")
        data = _payload(request)
        key, request_hash = _idempotency(request, article, data)
    except ValidationError as error:
        return _error(400, "Some fields are not valid.", field_errors(error))
    except actions.CommentRefused as refusal:
        return _refusal(refusal)
    return post_or_replay(request, article, data, key, request_hash)


def post_or_replay(
    request: HttpRequest, target: Article | Page, data: CommentIn, key: str, request_hash: str
) -> HttpResponse:
    """Post the comment, or answer a repeated Idempotency-Key with the first answer."""
    try:
        return _replay_if_answered(key, request_hash) or _post(
            request, target, data, key, request_hash
        )
    except actions.CommentRefused as refusal:
        # A repeat that raced the first request is refused (as a duplicate, a flood...)
        # once the first one has committed: by then the first answer is kept.
        try:
            return _replay_if_answered(key, request_hash) or _refusal(refusal)
        except actions.CommentRefused as reused:
            return _refusal(reused)


def _replay_if_answered(key: str, request_hash: str) -> HttpResponse | None:
    found = actions.first_answer(key, request_hash) if key else None
    if found is None:
        return None
    response = HttpResponse(found[1], status=found[0], content_type="application/json")
    response["Idempotent-Replayed"] = "true"
    return response


def _post(
    request: HttpRequest, article: Article | Page, data: CommentIn, key: str, request_hash: str
) -> HttpResponse:
    rules = load_rules()
    ip = client_ip(request)
    actions.check_rate_limit(ip, rules)
    new = actions.NewComment(
        article=article,
        author_name=data.author_name,
        author_email=data.author_email,
        author_url=data.author_url,
        body=data.body,
        parent_id=data.parent,
        ip=ip,
        user_agent=request.META.get("HTTP_USER_AGENT", ""),
    )
    # Every check that only reads, and the rendering, before queueing to write.
    ready = actions.check_new_comment(new, rules)
    # The comment and the answer kept for its key commit together, or neither does;
    # without a key, the comment's own transaction is the only one.
    with one_writer(), transaction.atomic() if key else nullcontext():
        comment = actions.do_post_ready(ready)
        answer = json.dumps({"id": comment.pk, "status": comment.status})
        if key:
            actions.do_record_answer(key, request_hash, 201, answer)
    return HttpResponse(answer, status=201, content_type="application/json")
