"""The comment API's public read and post, handled before the middleware they do not need.

`GET /api/v1/articles/{slug}/comments` is public JSON, the same for every reader, and
`POST` to the same address takes a comment from anyone (the API knows no logged-in
user: a comment posted here is a guest's). Neither reads a session, user, message or
CSRF token, nor sets a cookie. So this middleware answers the GET from the cached bytes
(reading.py) and hands the POST straight to its view, and the rest of the stack costs
nothing. What they skip, and why that is safe for these two:

- sessions, authentication, messages, axes: nothing here reads or writes them;
- CSRF: the API is CSRF-exempt like every ninja route without cookie authentication;
  the POST refuses anything but JSON and any request a browser marks as coming from
  another site (api._check_sender), which is what stops a cross-site form;
- CommonMiddleware: the path is matched exactly, so there is no slash to append;
- X-Frame-Options and the Content-Security-Policy: they govern HTML documents, and these
  answers are JSON that SecurityMiddleware (which runs first) marks `nosniff`;
- the WordPress redirects: they answer only paths that would be 404 HTML pages.

Every guard placed before SecurityMiddleware (client address, JSON errors, NUL bytes)
runs first as for any request, and the POST keeps all of its own checks (rate limit,
flood, duplicates, moderation, idempotency). Anything else (HEAD, another method, an
unknown or unpublished article on GET) goes on through the whole stack to the ninja
route, which answers through the same functions.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from runwell.comments import api, reading

# The same path the ninja route matches ({slug} is any text without a slash).
THREAD_PATH = re.compile(r"/api/v1/articles/([^/]+)/comments")


class ThreadApiMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in ("GET", "POST"):
            match = THREAD_PATH.fullmatch(request.path_info)
            if match is not None:
                if request.method == "POST":
                    return api.post_comment(request, match.group(1))
                state = reading.published_thread(match.group(1))
                if state is not None:
                    return reading.answer(request, state)
        return self.get_response(request)
