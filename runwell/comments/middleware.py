"""The comment API's public read, answered before the middleware it does not need.

`GET /api/v1/articles/{slug}/comments` is public JSON, the same for every reader: it
reads no session, user, message, CSRF token or redirect, and sets no cookie. So this
middleware answers it from the cached bytes (reading.py) and the rest of the stack
costs nothing. What it skips, and why that is safe for this one answer:

- sessions, authentication, messages, CSRF, axes: nothing here reads or writes them;
- CommonMiddleware: the path is matched exactly, so there is no slash to append;
- X-Frame-Options and the Content-Security-Policy: they govern HTML documents, and this
  answer is JSON that SecurityMiddleware (which runs first) marks `nosniff`.

Every guard placed before SecurityMiddleware runs first as for any request. Only GET is
answered here; HEAD, POST and anything it does not recognise (an unknown or unpublished
article included) go on through the whole stack to the ninja route, which answers a GET
through the same function.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from runwell.comments import reading

# The same path the ninja route matches ({slug} is any text without a slash).
THREAD_PATH = re.compile(r"/api/v1/articles/([^/]+)/comments")


class ThreadReadMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "GET":
            match = THREAD_PATH.fullmatch(request.path_info)
            if match is not None:
                state = reading.published_thread(match.group(1))
                if state is not None:
                    return reading.answer(request, state)
        return self.get_response(request)
