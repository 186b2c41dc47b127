"""Who is calling a private API endpoint: a personal token or the logged-in session."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from runwell.accounts.tokens import user_for_token


class BearerToken(HttpBearer):
    """`Authorization: Bearer rw_…`; the request's user becomes the token's runner."""

    openapi_description = "A personal token from your account page (or `runwell token`)."

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


class RunnerSession(SessionAuth):
    """The logged-in session (CSRF-checked for writes, as for any form)."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = super().authenticate(request, key)
        return user if user is not None and user.is_authenticated else None


# Either proves who is calling; without one a private endpoint answers 401.
RUNNER_AUTH = [BearerToken(), RunnerSession()]
