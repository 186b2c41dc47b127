"""Slugs and the addresses they may take: one place for every path that makes them.

The starter loader, the admin and the WordPress import all name categories and
tags through `term_slug`, so "Rücken" is one category whichever of them made it
first; pages avoid the top-level addresses the site answers itself, which
`reserved_page_slugs` reads from the URLconf rather than from a list to keep.
"""

from __future__ import annotations

import hashlib
import re

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils.text import slugify

TERM_SLUG_LENGTH = 120  # Category.slug and Tag.slug
_LITERAL_START = re.compile(r"^\^?([\w.~-]+)")


def term_slug(name: str, *, kind: str = "term") -> str:
    """The slug of a category or tag called `name`, Unicode letters kept ("Rücken" → "rücken").

    A name with nothing to make a slug of ("★") gets a stable one derived from it,
    so each mention of it agrees.
    """
    slug = slugify(name, allow_unicode=True)[:TERM_SLUG_LENGTH].strip("-")
    if slug:
        return slug
    return f"{kind}-{hashlib.sha256(name.encode()).hexdigest()[:10]}"


def _first_segment(route: str) -> str:
    found = _LITERAL_START.match(route)
    return found.group(1) if found else ""


def _segments(patterns: list[URLPattern | URLResolver]) -> set[str]:
    found: set[str] = set()
    for pattern in patterns:
        first = _first_segment(str(pattern.pattern))
        if first:
            found.add(first)
        elif isinstance(pattern, URLResolver) and not str(pattern.pattern).strip("^/"):
            # An include() at the top level ("" prefix): its own first segments count.
            found |= _segments(pattern.url_patterns)
    return found


def reserved_page_slugs() -> frozenset[str]:
    """Top-level path segments the site answers itself: a page there would never be seen."""
    served_outside = {settings.STATIC_URL.strip("/"), settings.MEDIA_URL.strip("/")}
    return frozenset((_segments(get_resolver().url_patterns) | served_outside) - {""})
