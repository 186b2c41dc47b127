"""Work each server process would otherwise do on its first requests, done as it starts.

A fresh gunicorn worker imported every view and the API's schemas on its first request
(about 0.5 s), and Django compiles the email and URL validators' patterns on first use
(about 80 ms each, and each of a worker's threads compiles its own copy when the first
posts arrive together). The first readers after a restart waited for all of it.
"""

from __future__ import annotations

from django.core.validators import URLValidator, validate_email
from django.urls import get_resolver


def warm() -> None:
    """Import the URLconf and compile the validators a comment post runs."""
    get_resolver().url_patterns  # noqa: B018 - reading it imports every view module
    validate_email("warm-up@example.org")
    URLValidator()("https://example.org/")
