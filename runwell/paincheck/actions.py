"""State changes for the pain check: saved checks, and a result kept across sign-up.

Anonymous checks are never stored in the database; a result kept for sign-up or
log-in lives only in that visitor's session until they arrive in their account.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.contrib.sessions.backends.base import SessionBase

from runwell.paincheck.engine import assess, validate
from runwell.paincheck.models import SavedCheck

KEPT_KEY = "paincheck_kept_answers"


def do_save_check(user: User, answers: dict[str, Any], result: dict[str, Any]) -> SavedCheck:
    return SavedCheck.objects.create(user=user, answers=answers, result=result)


def check_save_check(user: User, answers: dict[str, Any]) -> SavedCheck:
    """Re-assess on the server (a posted result is never trusted), then save.

    Raises InvalidAnswers when the answers are incomplete or tampered with.
    """
    return do_save_check(user, answers, dict(assess(answers)))


def do_delete_check(check: SavedCheck) -> None:
    check.delete()


def do_keep_for_account(session: SessionBase, answers: dict[str, Any]) -> None:
    session[KEPT_KEY] = answers


def check_keep_for_account(session: SessionBase, answers: dict[str, Any]) -> None:
    """Keep a complete answer set in the session until the visitor signs up or logs in.

    Raises InvalidAnswers for an incomplete or tampered answer set.
    """
    do_keep_for_account(session, validate(answers))


def do_claim_kept_check(user: User, session: SessionBase) -> SavedCheck | None:
    """Save the result kept in this session (if any) to the account that just logged in."""
    answers = session.pop(KEPT_KEY, None)
    if not isinstance(answers, dict):
        return None
    return check_save_check(user, answers)
