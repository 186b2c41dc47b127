"""The site's first admin account: its name, and a free one when that is taken."""

from __future__ import annotations

from django.contrib.auth import get_user_model

FIRST_ADMIN_USERNAME = "admin"


def free_username(base: str = FIRST_ADMIN_USERNAME) -> str:
    """`base`, or `base-2`, `base-3`, … : the first that no account uses yet."""
    taken = set(
        get_user_model()
        .objects.filter(username__startswith=base)
        .values_list("username", flat=True)
    )
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate
