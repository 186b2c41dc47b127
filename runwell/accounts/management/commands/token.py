"""`runwell token --user USERNAME [--name LABEL]`: make a personal API token, print it once."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from runwell.accounts.actions import do_create_token


class Command(BaseCommand):
    help = "Create a personal API token for a runner and print it once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", required=True, help="the runner's user name")
        parser.add_argument("--name", default="command line", help="a label for the token")

    def handle(self, *args: Any, **options: Any) -> None:
        username: str = options["user"]
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"no account with the user name {username!r}")
        if not user.is_active:
            raise CommandError(f"the account {username!r} is deactivated")
        _record, token = do_create_token(user, options["name"])
        self.stdout.write(token)
