"""State changes for accounts, named so views stay thin."""

from __future__ import annotations

import logging
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import transaction

from runwell.accounts.models import ApiToken, RunnerProfile
from runwell.accounts.timezones import is_zone, time_zone_changed
from runwell.accounts.tokens import digest, new_token
from runwell.lib import personal_data

logger = logging.getLogger(__name__)


def do_create_admin(username: str = "admin", email: str = "") -> tuple[User, str]:
    """Create a superuser with a generated password and return both."""
    password = secrets.token_urlsafe(12)
    user = get_user_model().objects.create_superuser(
        username=username, email=email, password=password
    )
    return user, password


@transaction.atomic
def do_delete_account(user: User) -> None:
    """Erase a runner's account and everything that belongs only to them.

    Each app erases its own part (runwell.lib.personal_data); what other people's
    pages still need, such as comments in a thread, is anonymised rather than removed.
    """
    logger.info("deleting account %s", user.pk)
    personal_data.erase_all(user)
    user.delete()


def do_create_token(user: User, name: str) -> tuple[ApiToken, str]:
    """Make a personal API token; the token itself is returned once and never stored."""
    token = new_token()
    record = ApiToken.objects.create(
        user=user, name=name.strip() or "API token", prefix=token[:10], digest=digest(token)
    )
    return record, token


def do_revoke_token(token: ApiToken) -> None:
    token.delete()


class TimeZoneRefused(ValueError):
    """The zone name is not one this machine knows."""


def check_set_time_zone(user: User, name: str) -> None:
    name = name.strip()
    if name and not is_zone(name):
        raise TimeZoneRefused(f"“{name}” is not a time zone this site knows.")
    do_set_time_zone(user, name)


@transaction.atomic
def do_set_time_zone(user: User, name: str) -> None:
    """Keep the runner's zone ("" = the site's) and let apps recompute their local dates."""
    RunnerProfile.objects.update_or_create(user=user, defaults={"time_zone": name})
    time_zone_changed.send(sender=RunnerProfile, user=user)
