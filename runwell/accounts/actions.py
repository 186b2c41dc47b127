"""State changes for accounts, named so views stay thin."""

from __future__ import annotations

import logging
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import transaction

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
