"""Serves uploaded media so that nothing under /media/ can run in the site's origin.

Every answer says `X-Content-Type-Options: nosniff` and carries a Content
Security Policy of `default-src 'none'` (so even a file a browser did render
could load and run nothing), and anything that is not a raster image is sent
as a download (`Content-Disposition: attachment`). The WordPress import only
copies verified images, but media also comes from backups and other hands;
the proxy configuration in docs/deploy.md sets the same headers.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.views.decorators.http import require_safe
from django.views.static import serve

MEDIA_CSP = "default-src 'none'; sandbox"
# Raster images a browser shows without running anything; everything else downloads.
INLINE_TYPES = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp", "image/avif"})


def protect_media(response: HttpResponseBase) -> HttpResponseBase:
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = MEDIA_CSP
    content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
    if response.status_code == 200 and content_type not in INLINE_TYPES:
        shown = response.get("Content-Disposition", "")
        # Keep the file name Django gave ("inline; filename=…"), as a download.
        response["Content-Disposition"] = "attachment" + shown.removeprefix("inline")
    return response


@require_safe
def serve_media(request: HttpRequest, path: str) -> HttpResponseBase:
    # MEDIA_ROOT is read per request (not fixed in the URLconf), as settings may change it.
    return protect_media(serve(request, path, document_root=str(settings.MEDIA_ROOT)))
