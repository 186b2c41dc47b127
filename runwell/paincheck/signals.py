"""A result kept before sign-up or log-in follows the runner into their account."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.models import User
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest

from runwell.paincheck.actions import do_claim_kept_check
from runwell.paincheck.engine import InvalidAnswers


@receiver(user_logged_in, dispatch_uid="paincheck_claim_kept_check")
def claim_kept_check(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    # Every log-in path (sign-up logs in too) goes through here, so none loses the result.
    if request is None or not hasattr(request, "session"):
        return
    try:
        check = do_claim_kept_check(user, request.session)
    except InvalidAnswers:
        # Kept under older rules that now need more answers: never guess a triage.
        messages.warning(
            request,
            "The pain check result you kept could not be saved because the questions have"
            " changed since. Please take the check again.",
        )
        return
    if check is not None:
        messages.success(
            request, "Your pain check result is saved to your account. Only you can see it."
        )
