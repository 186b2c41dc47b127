"""State changes for accounts, named so views stay thin."""

from __future__ import annotations

import logging
import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from runwell.accounts import lockout
from runwell.accounts.mail import send_account_mail
from runwell.accounts.models import ApiToken, RunnerProfile
from runwell.accounts.timezones import is_zone, time_zone_changed
from runwell.accounts.tokens import digest, new_token
from runwell.lib import personal_data
from runwell.lib.tasks import enqueue_with_transaction

logger = logging.getLogger(__name__)

# A sign-up nobody finished is forgotten after this long (housekeeping).
PENDING_SIGNUP_DAYS = 7


def do_create_admin(username: str = "admin", email: str = "") -> tuple[User, str]:
    """Create a superuser with a generated password and return both."""
    password = secrets.token_urlsafe(12)
    user = get_user_model().objects.create_superuser(
        username=username, email=email, password=password
    )
    return user, password


def _pending(users: list[User]) -> bool:
    return all(not u.is_active and u.last_login is None for u in users)


@transaction.atomic
def do_sign_up(username: str, email: str, password: str, next_url: str = "") -> None:
    """Start a sign-up: the same for a new address and one that has an account.

    A new address gets an inactive account and a link to finish it (the first mail); an
    address with an account gets a mail saying so, to its owner only. The page answers
    alike either way, so the form never tells anyone which addresses have accounts.
    """
    existing = list(User.objects.filter(email__iexact=email))
    if existing and not _pending(existing):
        make_password(password)  # the same work as the other branch, so timing tells nothing
        enqueue_with_transaction(send_account_mail, "already_registered", existing[0].pk)
        return
    # A sign-up nobody finished does not keep the address from its owner.
    User.objects.filter(pk__in=[u.pk for u in existing]).delete()
    user = User(username=username, email=email, is_active=False)
    user.set_password(password)
    user.save()
    enqueue_with_transaction(send_account_mail, "activate", user.pk, next_url)


def do_activate(user: User) -> None:
    user.is_active = True
    user.save(update_fields=["is_active"])


def purge_pending_signups() -> int:
    """Forget sign-ups not finished within PENDING_SIGNUP_DAYS."""
    cutoff = timezone.now() - timedelta(days=PENDING_SIGNUP_DAYS)
    stale = User.objects.filter(
        is_active=False, last_login__isnull=True, is_staff=False, date_joined__lt=cutoff
    )
    return stale.delete()[0]


def do_lift_lock_after_reset(user: User) -> None:
    """A password reset proves the owner: the account-wide lockout ends."""
    lockout.lift_account_lock(user.get_username())


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
