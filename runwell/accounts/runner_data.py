"""The account's own settings in "download my data" (registered in AccountsConfig.ready).

Tokens are listed by name only: their secret is not kept, so it cannot be exported.
Both go with the account itself when it is deleted (on_delete=CASCADE).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User

from runwell.accounts.models import ApiToken, RunnerProfile


def export_settings(user: User) -> dict[str, Any]:
    zone = RunnerProfile.objects.filter(user=user).values_list("time_zone", flat=True).first()
    tokens = ApiToken.objects.filter(user=user).order_by("created", "id")
    return {
        "time_zone": zone or None,
        "api_tokens": [
            {
                "name": t.name,
                "starts_with": t.prefix,
                "created": t.created.isoformat(),
                "last_used": t.last_used.isoformat() if t.last_used else None,
            }
            for t in tokens
        ],
    }


def erase_settings(user: User) -> None:
    ApiToken.objects.filter(user=user).delete()
    RunnerProfile.objects.filter(user=user).delete()
