"""Personal API tokens: made once, kept only as a hash, checked on every API call.

A token is 32 random bytes (url-safe base64) behind a `rw_` prefix, so a leaked one is
easy to recognise in logs and secret scanners. With that much randomness a single
SHA-256 is enough: there is nothing to guess, so no slow password hash is needed, and
looking a token up is one indexed query.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth.models import User
from django.utils import timezone

from runwell.accounts.models import ApiToken

TOKEN_PREFIX = "rw_"  # noqa: S105 — a marker, not a secret
# last_used is for the runner's eyes; writing it on every call would turn each read into
# a write, so it is refreshed at most this often.
LAST_USED_GRANULARITY = timedelta(minutes=5)


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def user_for_token(token: str) -> User | None:
    """The active account a token belongs to, or None."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    found = ApiToken.objects.select_related("user").filter(digest=digest(token)).first()
    if found is None or not found.user.is_active:
        return None
    now = timezone.now()
    if found.last_used is None or now - found.last_used > LAST_USED_GRANULARITY:
        ApiToken.objects.filter(pk=found.pk).update(last_used=now)
    return found.user
