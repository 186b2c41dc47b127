"""Names a reader may not comment under: the site's own and its team's (staff and authors).

Read once per RESERVED_TTL seconds per process, and at once again in the process where
a user is saved, so a post costs no query for it.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import Q

from runwell.comments.names import skeleton

RESERVED_TTL = 60.0
_cache: tuple[float, dict[str, set[int]]] | None = None
SITE = 0  # the owner id of the site's own name: nobody may use it


def _load() -> dict[str, set[int]]:
    owners: dict[str, set[int]] = {skeleton(settings.SITE_NAME): {SITE}}
    team = (
        User.objects.filter(Q(is_staff=True) | Q(articles__isnull=False))
        .values_list("pk", "username", "first_name", "last_name")
        .distinct()
    )
    for pk, username, first, last in team:
        for name in (username, f"{first} {last}"):
            key = skeleton(name)
            if key:
                owners.setdefault(key, set()).add(pk)
    return owners


def reserved_owners(name: str) -> set[int]:
    """Ids of the team members whose name `name` would pass for (empty when it is free)."""
    global _cache
    now = time.monotonic()
    if _cache is None or now - _cache[0] > RESERVED_TTL:
        _cache = (now, _load())
    return _cache[1].get(skeleton(name), set())


def forget_reserved_names(**_kwargs: object) -> None:
    global _cache
    _cache = None
