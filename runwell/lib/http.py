"""Request types for views that only run for a signed-in user."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.http import HttpRequest


class AuthenticatedHttpRequest(HttpRequest):
    """The request of a view behind login_required (or staff_member_required).

    Annotate such a view's request with this type instead of silencing mypy at each
    use of request.user: the decorator is what makes the claim true.
    """

    user: User
