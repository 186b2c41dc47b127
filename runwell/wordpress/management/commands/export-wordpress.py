"""`runwell export-wordpress FILE`: write the site's content as a WXR 1.2 file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from runwell.site.database import migrate_if_needed
from runwell.wordpress.export import export_wordpress


class Command(BaseCommand):
    help = (
        "Write articles, pages, categories, tags and threaded comments as a WordPress "
        "export (WXR 1.2) that WordPress' importer reads. The file holds commenters' "
        "email addresses: keep it private."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="where to write the WXR file")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.parent.is_dir():
            raise CommandError(f"no folder {path.parent} to write {path.name} into")
        migrate_if_needed()
        try:
            counts = export_wordpress(path)
        except OSError as exc:
            raise CommandError(f"cannot write {path}: {exc.strerror}") from None
        summary = ", ".join(f"{kind} {n}" for kind, n in counts.items())
        self.stdout.write(f"Wrote {path}: {summary}")
