"""`runwell housekeeping`: run the periodic clean-up once (the worker runs it hourly)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from runwell.lib import housekeeping


class Command(BaseCommand):
    help = (
        "Forget what is kept only for a while (log-in records after RUNWELL_SECURITY_LOG_DAYS, "
        "unfinished sign-ups, old task results) and put back tasks whose worker died."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        for name, count in housekeeping.run_all().items():
            outcome = "failed (see the log)" if count < 0 else f"{count} rows"
            self.stdout.write(f"{name}: {outcome}")
