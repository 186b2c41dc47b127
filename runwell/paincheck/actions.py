"""State changes for the pain check. Only saved checks change state; anonymous
checks are never stored."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User

from runwell.paincheck.engine import assess
from runwell.paincheck.models import SavedCheck


def do_save_check(user: User, answers: dict[str, Any], result: dict[str, Any]) -> SavedCheck:
    return SavedCheck.objects.create(user=user, answers=answers, result=result)


def check_save_check(user: User, answers: dict[str, Any]) -> SavedCheck:
    """Re-assess on the server (a posted result is never trusted), then save.

    Raises InvalidAnswers when the answers are incomplete or tampered with.
    """
    return do_save_check(user, answers, assess(answers))


def do_delete_check(check: SavedCheck) -> None:
    check.delete()
