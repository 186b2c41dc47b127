"""A runner's personal data, gathered for the "download my data" button."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.utils import timezone

from runwell.lib import personal_data


def collect_user_data(user: User) -> dict[str, Any]:
    """The account itself, then every part an app registered (comments, pain checks, …)."""
    return {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "username": user.get_username(),
            "email": user.email,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        **personal_data.export_all(user),
    }
