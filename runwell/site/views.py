import sys
from typing import Any

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from runwell.site.errors import (
    RETRY_AFTER_SECONDS,
    api_error,
    database_unavailable,
    is_api,
)
from runwell.site.queue import queue_health


@never_cache
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """200 whenever the database answers (load balancers keep the node), with the
    background worker's and the queue's state in the body; `?check=worker` turns a
    dead or stalled worker into a 503, for a monitor that should page someone.

    A late worker delays mail but every page still works, so it must not take the web
    nodes out of a load balancer: that is why it changes the status only when asked.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        health = queue_health()
    except DatabaseError:
        response = JsonResponse({"status": "down", "database": "unavailable"}, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    body: dict[str, Any] = {
        "status": "ok" if health.ok else "degraded",
        "database": "ok",
        **health.as_json(),
    }
    status = 503 if request.GET.get("check") == "worker" and not health.ok else 200
    return JsonResponse(body, status=status)


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /accounts/",
        "Disallow: /api/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain")


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if is_api(request):
        return api_error(404)
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """The answer to an uncaught error: a 503 to come back soon when the database is away
    (it is called while the error is being handled, so sys.exc_info() names it)."""
    status = 503 if database_unavailable(sys.exc_info()[1]) else 500
    if is_api(request):
        return api_error(status)
    # No context processors beyond the request: the database may be what failed.
    response = render(request, "500.html", status=status)
    if status == 503:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
