"""An export's authors as Runwell users: inactive, without a password, under their own name.

An imported login never takes over an account it does not belong to: a login
already taken here (or the first admin's name, before the first start made
it) gets a clear, stable new one (`admin` → `admin-imported`), recorded so
every later run credits the same user, and the report says so.
"""

from __future__ import annotations

import re
from typing import Any

from django.contrib.auth import get_user_model

from runwell.site.admins import FIRST_ADMIN_USERNAME, free_username
from runwell.wordpress import wxr
from runwell.wordpress.ledger import Ledger, author_key

RENAME_SUFFIX = "-imported"
_NOT_IN_USERNAMES = re.compile(r"[^\w.@+-]")


def display_names(author: wxr.Author) -> tuple[str, str]:
    """(first name, last name) so that the byline shows WordPress' display name.

    Runwell's byline is the full name, so a display name other than "first last"
    (a nickname, a blog's name) is kept whole as the first name.
    """
    first, last = author.first_name.strip(), author.last_name.strip()
    display = author.display_name.strip()
    if display and display not in (f"{first} {last}".strip(), author.login):
        return display[:150], ""
    return first[:150], last[:150]


def _made_by_an_import(user: Any) -> bool:
    return not (user.is_active or user.is_staff or user.is_superuser or user.has_usable_password())


class Authors:
    def __init__(
        self, export_authors: tuple[wxr.Author, ...], ledger: Ledger, *, own: bool
    ) -> None:
        self.by_login = {a.login: a for a in export_authors}
        self.ledger = ledger
        self.own = own
        self.users: dict[str, Any] = {}

    def login(self, creator: str) -> str:
        # Hand-edited exports sometimes carry a stray bracket (">name") around a login.
        cleaned = creator.strip().strip("<>").strip()
        return cleaned if cleaned in self.by_login else creator.strip()

    def user_for(self, creator: str) -> Any | None:
        login = self.login(creator)
        if not login:
            return None
        if login not in self.users:
            self.users[login] = self._find_or_make(login)
        return self.users[login]

    def _find_or_make(self, login: str) -> Any:
        user_model = get_user_model()
        key = author_key(self.ledger.site, login)
        found = self.ledger.find(key, user_model)
        if found is not None:
            return found
        wanted = _NOT_IN_USERNAMES.sub("-", login)[:150]
        existing = user_model.objects.filter(username=wanted).first()
        if existing is not None and self.own:
            return existing  # Runwell's own export names this site's own people
        if existing is not None and _made_by_an_import(existing):
            self._remember(key, login, existing)  # an earlier run's user, from before records
            return existing
        username, reason = wanted, "is not a valid user name here"
        if existing is not None:
            username, reason = self._free_name(wanted), "is taken here"
        elif self._reserved(wanted):
            username, reason = self._free_name(wanted), "is kept for the site's first admin"
        if username != login:
            self.ledger.report.warnings.append(
                f"the WordPress login “{login}” {reason}: its posts are credited to"
                f" a new, inactive user “{username}”"
            )
        user = self._create(username, self.by_login.get(login))
        self._remember(key, login, user)
        return user

    @staticmethod
    def _reserved(username: str) -> bool:
        # Before the first start, the first admin's name is spoken for.
        return (
            username == FIRST_ADMIN_USERNAME
            and not get_user_model().objects.filter(is_superuser=True).exists()
        )

    @staticmethod
    def _free_name(wanted: str) -> str:
        return free_username(wanted[: 150 - len(RENAME_SUFFIX) - 4] + RENAME_SUFFIX)

    @staticmethod
    def _create(username: str, author: wxr.Author | None) -> Any:
        first, last = display_names(author) if author else ("", "")
        user = get_user_model()(
            username=username,
            email=(author.email if author else "")[:254],
            first_name=first,
            last_name=last,
            is_active=False,
        )
        # Imported authors cannot log in until someone sets a password.
        user.set_unusable_password()
        user.save()
        return user

    def _remember(self, key: str, login: str, user: Any) -> None:
        author = self.by_login.get(login)
        wp_id = author.wp_id if author and author.wp_id and 0 < author.wp_id <= wxr.MAX_ID else 0
        self.ledger.remember("author", key, wp_id, login, user)
