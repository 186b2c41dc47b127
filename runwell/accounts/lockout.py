"""Log-in lockout that cannot be spread over many addresses (django-axes' handler, extended).

Axes alone counts failures per (user name, address): an attacker with many addresses gets
RUNWELL_LOGIN_FAILURE_LIMIT guesses at one account from each of them. This handler also
counts every failure against an account, and every failure from one address, each
allowed SPREAD times the limit within the cool-off. So with the default limit of 5:

- 5 wrong passwords for one account from one address lock that address out of it;
- 20 wrong passwords for one account, from anywhere, lock the account for everyone
  (the owner can still reset the password by mail, which lifts the lock);
- 20 wrong passwords from one address, over any accounts, lock that address out.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.db.models import QuerySet, Sum
from django.http import HttpRequest

SPREAD = 4


def _failures(attempts: QuerySet[AccessAttempt]) -> int:
    return int(attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0)


class SpreadLockoutHandler(AxesDatabaseHandler):  # type: ignore[misc]
    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        username = get_client_username(request, credentials)
        address = getattr(request, "axes_ip_address", None)
        since: datetime = get_cool_off_threshold(request)
        recent = AccessAttempt.objects.filter(attempt_time__gte=since)
        pair = _failures(recent.filter(username=username, ip_address=address))
        account = _failures(recent.filter(username=username)) if username else 0
        from_address = _failures(recent.filter(ip_address=address)) if address else 0
        # Scaled so that the one limit axes compares against applies to each count.
        return max(pair, account // SPREAD, from_address // SPREAD)


def lift_account_lock(username: str) -> None:
    """The owner proved themselves by mail (a password reset): forget the failures."""
    AccessAttempt.objects.filter(username=username).delete()


def erase_records(username: str) -> None:
    """Every log-in record that names the account (its deletion removes them all)."""
    AccessAttempt.objects.filter(username=username).delete()
    AccessLog.objects.filter(username=username).delete()
    AccessFailureLog.objects.filter(username=username).delete()


def export_records(username: str) -> list[dict[str, Any]]:
    """Successful log-ins to the account (failures may be other people's attempts)."""
    rows = AccessLog.objects.filter(username=username).order_by("attempt_time")
    return [
        {
            "logged_in": row.attempt_time.isoformat(),
            "logged_out": row.logout_time.isoformat() if row.logout_time else None,
            "ip_address": row.ip_address,
            "user_agent": row.user_agent,
        }
        for row in rows
    ]


def purge_older_than(cutoff: datetime) -> int:
    """Forget log-in records older than the retention period (RUNWELL_SECURITY_LOG_DAYS)."""
    count: int = AccessAttempt.objects.filter(attempt_time__lt=cutoff).delete()[0]
    count += AccessLog.objects.filter(attempt_time__lt=cutoff).delete()[0]
    count += AccessFailureLog.objects.filter(attempt_time__lt=cutoff).delete()[0]
    return count
