from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from runwell.articles.search import rebuild_index


class Command(BaseCommand):
    help = (
        "Rebuild the article search index. Saves and deletes keep it current on their own; "
        "this is for bulk writes that bypass model signals (QuerySet.update, bulk_create)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            count = rebuild_index()
        self.stdout.write(f"Search index: {count} articles indexed")
