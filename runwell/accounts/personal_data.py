"""The log-in records that name an account: exported with its data, erased with it, and
forgotten by everyone after RUNWELL_SECURITY_LOG_DAYS (registered in AccountsConfig.ready)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.utils import timezone

from runwell.accounts import lockout


def export_for_user(user: User) -> list[dict[str, Any]]:
    return lockout.export_records(user.get_username())


def erase_for_user(user: User) -> None:
    lockout.erase_records(user.get_username())


def purge_security_log() -> int:
    cutoff = timezone.now() - timedelta(days=settings.SECURITY_LOG_DAYS)
    return lockout.purge_older_than(cutoff)
