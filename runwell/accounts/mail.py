"""Mail about accounts (finishing a sign-up, a sign-up for an address that has an account),
sent by the background worker like every other mail."""

from __future__ import annotations

import logging
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks import task

logger = logging.getLogger(__name__)


class ActivationTokenGenerator(PasswordResetTokenGenerator):
    """A one-use link: it stops working once the account is active (or its password changes)."""

    key_salt = "runwell.accounts.activation"

    def _make_hash_value(self, user: User, timestamp: int) -> str:
        return f"{user.pk}{user.password}{user.is_active}{user.email}{timestamp}"


activation_tokens = ActivationTokenGenerator()


def _link(name: str, *args: str) -> str:
    return f"{settings.SITE_URL}{reverse(name, args=args)}"


def _query(next_url: str) -> str:
    # Where the sign-up began (a kept pain check); the view checks it again on arrival.
    return f"?{urlencode({'next': next_url})}" if next_url else ""


def _activation_mail(user: User, next_url: str = "") -> EmailMessage:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    link = _link("accounts:activate", uid, activation_tokens.make_token(user))
    link += _query(next_url)
    body = (
        f"Hello {user.get_username()},\n\n"
        f"To finish creating your {settings.SITE_NAME} account, open this link and enter "
        f"the password you chose:\n\n{link}\n\n"
        "The link works for three days. If you did not sign up, ignore this mail: "
        "without the link nothing happens.\n"
    )
    return EmailMessage(f"Finish signing up to {settings.SITE_NAME}", body, to=[user.email])


def _already_registered_mail(user: User, next_url: str = "") -> EmailMessage:
    body = (
        f"Hello,\n\nSomeone (perhaps you) tried to create a {settings.SITE_NAME} account "
        "with this address, which already has one.\n\n"
        f"Your user name: {user.get_username()}\n"
        f"Log in: {_link('accounts:login')}{_query(next_url)}\n"
        f"Forgotten your password? Choose a new one: {_link('accounts:password_reset')}\n\n"
        "If it was not you, ignore this mail: nothing has changed.\n"
    )
    return EmailMessage(f"Your {settings.SITE_NAME} account", body, to=[user.email])


MAILS = {"activate": _activation_mail, "already_registered": _already_registered_mail}


@task()
def send_account_mail(kind: str, user_id: int, next_url: str = "") -> bool:
    user = User.objects.filter(pk=user_id).first()
    if user is None or not user.email:
        return False
    MAILS[kind](user, next_url).send()
    logger.info("sent %s mail for account %s", kind, user_id)
    return True
