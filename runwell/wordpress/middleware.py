from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect

from runwell.wordpress.models import Redirect

# WordPress' "plain" permalinks: /?p=123 for posts, /?page_id=45 for pages.
QUERY_KEYS = ("p", "page_id")


def _query_paths(request: HttpRequest) -> list[str]:
    return [
        f"/?{key}={request.GET[key]}" for key in QUERY_KEYS if request.GET.get(key, "").isdigit()
    ]


def _candidates(request: HttpRequest) -> list[str]:
    path = request.path
    paths = []
    query = request.META.get("QUERY_STRING", "")
    if query:
        paths.append(f"{path}?{query}")
    paths.append(path)
    paths.append(path[:-1] if path.endswith("/") and len(path) > 1 else f"{path}/")
    return paths + _query_paths(request)


def find_redirect(paths: list[str]) -> str | None:
    if not paths:
        return None
    found = dict(Redirect.objects.filter(old_path__in=paths).values_list("old_path", "new_path"))
    return next((found[p] for p in paths if p in found), None)


class RedirectFallbackMiddleware:
    """Answers 301 for the old WordPress addresses of imported items.

    Only consulted when the site itself answered 404, so it costs nothing on
    ordinary pages; the exception is the home page with `?p=` or `?page_id=`,
    which would otherwise answer 200 with the home page.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path == "/" and request.method in ("GET", "HEAD"):
            target = find_redirect(_query_paths(request))
            if target is not None:
                return HttpResponsePermanentRedirect(target)
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        target = find_redirect(_candidates(request))
        if target is None or target == request.path:
            return response
        return HttpResponsePermanentRedirect(target)
