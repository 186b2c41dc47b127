"""Two cookies: which comments this browser wrote (signed ids, needed to show a
held comment to its poster and to edit it), and, only with the commenter's
consent, their name, email and website for the next time."""

from __future__ import annotations

from typing import Any

from django.core import signing
from django.http import HttpRequest, HttpResponse

OWN_COOKIE = "runwell_comments_own"
OWN_SALT = "runwell.comments.own"
OWN_MAX_AGE = 86400
OWN_LIMIT = 30
DETAILS_COOKIE = "runwell_commenter"
DETAILS_SALT = "runwell.comments.details"
DETAILS_MAX_AGE = 365 * 86400


def own_comment_ids(request: HttpRequest) -> set[int]:
    raw = request.COOKIES.get(OWN_COOKIE)
    if not raw:
        return set()
    try:
        ids = signing.loads(raw, salt=OWN_SALT, max_age=OWN_MAX_AGE)
    except signing.BadSignature:
        return set()
    return {int(i) for i in ids if isinstance(i, int)} if isinstance(ids, list) else set()


def remember_own_comment(request: HttpRequest, response: HttpResponse, comment_id: int) -> None:
    ids = sorted(own_comment_ids(request) | {comment_id})[-OWN_LIMIT:]
    response.set_cookie(
        OWN_COOKIE, signing.dumps(ids, salt=OWN_SALT), max_age=OWN_MAX_AGE,
        httponly=True, samesite="Lax", secure=request.is_secure(),
    )  # fmt: skip


def saved_details(request: HttpRequest) -> dict[str, str]:
    raw = request.COOKIES.get(DETAILS_COOKIE)
    if not raw:
        return {}
    try:
        data: Any = signing.loads(raw, salt=DETAILS_SALT)
    except signing.BadSignature:
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: str(data.get(k, "")) for k in ("author_name", "author_email", "author_url")}


def save_details(request: HttpRequest, response: HttpResponse, data: dict[str, Any]) -> None:
    value = {k: str(data.get(k) or "") for k in ("author_name", "author_email", "author_url")}
    response.set_cookie(
        DETAILS_COOKIE, signing.dumps(value, salt=DETAILS_SALT), max_age=DETAILS_MAX_AGE,
        httponly=True, samesite="Lax", secure=request.is_secure(),
    )  # fmt: skip


def forget_details(response: HttpResponse) -> None:
    response.delete_cookie(DETAILS_COOKIE, samesite="Lax")
