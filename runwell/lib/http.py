"""Request helpers: the type of a signed-in view's request, and where a request comes from."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import User
from django.http import HttpRequest


class AuthenticatedHttpRequest(HttpRequest):
    """The request of a view behind login_required (or staff_member_required).

    Annotate such a view's request with this type instead of silencing mypy at each
    use of request.user: the decorator is what makes the claim true.
    """

    user: User


def own_origins(request: HttpRequest) -> set[str]:
    """The origins this site's pages are served from (as the browser names them)."""
    return {f"{request.scheme}://{request.get_host()}", *settings.CSRF_TRUSTED_ORIGINS}


def foreign_origin(request: HttpRequest) -> bool:
    """Whether a browser says the request comes from another site's page.

    Browsers send Origin with every POST and Sec-Fetch-Site with every request; other
    clients (scripts, apps) send neither and are not foreign. "null" is an opaque origin
    (a sandboxed frame, a file), never this site.
    """
    if request.headers.get("Sec-Fetch-Site") == "cross-site":
        return True
    origin = request.headers.get("Origin")
    return origin is not None and origin not in own_origins(request)
