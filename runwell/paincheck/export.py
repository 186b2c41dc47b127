"""The pain-check part of a runner's personal data (registered in PaincheckConfig.ready)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User

from runwell.paincheck.models import SavedCheck


def export_user_data(user: User) -> list[dict[str, Any]]:
    """Every saved check of this runner, oldest first, as plain JSON-ready dicts."""
    checks = SavedCheck.objects.filter(user=user).order_by("created", "id")
    return [
        {"created": c.created.isoformat(), "answers": c.answers, "result": c.result} for c in checks
    ]


def erase_user_data(user: User) -> None:
    SavedCheck.objects.filter(user=user).delete()
