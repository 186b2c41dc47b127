"""`runwell restore DIR`: put a backup made by `runwell backup` in place."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from runwell.site.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup made by `runwell backup` into this data folder (or database): "
        "checks every checksum first, then the database, media and signing key, then "
        "migrates. Stop the site first; an existing site is only replaced with --force."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path, help="the backup folder")
        parser.add_argument(
            "--force", action="store_true", help="replace the site that is there now"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source: Path = options["directory"].expanduser().resolve()
        try:
            manifest = restore_backup(source, force=options["force"])
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write(
            f"Restored the backup of {manifest['created']} from {source}. "
            "Start the site again with `runwell serve`."
        )
