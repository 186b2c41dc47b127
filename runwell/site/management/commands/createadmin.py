from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from runwell.accounts.actions import do_create_admin
from runwell.site.admins import free_username


class Command(BaseCommand):
    help = "Create an admin (staff superuser) account with a generated password and print it once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--username",
            help="user name (default: admin, or admin-2, admin-3, … when that is taken)",
        )
        parser.add_argument("--email", default="", help="email address for password resets")

    def handle(self, *args: Any, **options: Any) -> None:
        username: str = options["username"] or free_username()
        if get_user_model().objects.filter(username=username).exists():
            raise CommandError(
                f"A user called {username!r} already exists; pick another --username."
            )
        user, password = do_create_admin(username, options["email"])
        self.stdout.write(
            f"Created the admin account.\n  user name: {user.get_username()}\n"
            f"  password:  {password}\nKeep the password now: it is not shown again."
        )
