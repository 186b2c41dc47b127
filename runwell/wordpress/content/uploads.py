"""Where an uploaded file lives inside a blog's uploads folder, from its address."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

_SIZE_SUFFIX = re.compile(r"-\d+x\d+(?=\.\w+$)")
MEDIA_PREFIX = "/media/"


def upload_path(url: str) -> str | None:
    """The path of an uploaded file inside `wp-content/uploads`, or None for other URLs.

    WordPress.com serves uploads from `<blog>.files.wordpress.com/<year>/<month>/…`.
    """
    parts = urlsplit(url.strip())
    path = unquote(parts.path)
    if "/wp-content/uploads/" in path:
        relative = path.split("/wp-content/uploads/", 1)[1]
    elif (parts.hostname or "").endswith(".files.wordpress.com"):
        relative = path.lstrip("/")
    else:
        return None
    return relative or None


def media_path(url: str, site_url: str) -> str | None:
    """The path inside a Runwell site's media folder of a file on that site, or None.

    Runwell's exports give media absolute addresses on the site that wrote them.
    """
    site = urlsplit(site_url.strip())
    parts = urlsplit(url.strip())
    if not site.netloc or (parts.scheme, parts.netloc) != (site.scheme, site.netloc):
        return None
    path = unquote(parts.path)
    base = site.path.rstrip("/") + MEDIA_PREFIX
    return path.removeprefix(base) or None if path.startswith(base) else None


def is_safe_relative(path: str) -> bool:
    """A plain relative path: no `..` step, no absolute start, no backslash or NUL."""
    if not path or path.startswith("/") or "\\" in path or "\x00" in path:
        return False
    return ".." not in path.split("/")


def upload_candidates(relative: str) -> list[str]:
    """The file itself, then the full-size original of a resized copy (`a-300x200.jpg`)."""
    original = _SIZE_SUFFIX.sub("", relative)
    return [relative] if original == relative else [relative, original]
