"""`runwell backup DIR`: a complete, checked backup of the site while it runs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from runwell.site.backup import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Back up the database (SQLite's online backup, or pg_dump on PostgreSQL), the "
        "uploaded media and the signing key into DIR, with a manifest of checksums. "
        "Safe while the site is serving."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path, help="a new (or empty) folder for the backup")

    def handle(self, *args: Any, **options: Any) -> None:
        destination: Path = options["directory"].expanduser().resolve()
        try:
            manifest = create_backup(destination)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        size = sum(entry["size"] for entry in manifest["files"].values())
        self.stdout.write(
            f"Backed up the {manifest['engine']} database and {len(manifest['files']) - 1} "
            f"other files ({size / 1e6:.1f} MB) to {destination}"
        )
