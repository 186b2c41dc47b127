from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from runwell.articles.starter import load_articles, load_pages
from runwell.comments.starter import load_threads
from runwell.site.database import migrate_if_needed


class Command(BaseCommand):
    help = (
        "Load the starter articles and demo discussions from the content folder. "
        "Idempotent: a second run changes nothing, and an article edited in the admin "
        "is never overwritten."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--content-dir", default=str(settings.CONTENT_DIR))

    def handle(self, *args: Any, **options: Any) -> None:
        content_dir = Path(options["content_dir"])
        if not content_dir.is_dir():
            raise CommandError(f"no content folder at {content_dir}")
        migrate_if_needed()  # a fresh data folder has no tables yet
        articles = load_articles(content_dir)
        threads = load_threads(content_dir)
        pages = load_pages(content_dir)
        summary = ", ".join(f"{k} {v}" for k, v in {**articles, **threads, **pages}.items())
        self.stdout.write(f"Starter content: {summary or 'nothing to do'}")
