"""`runwell worker`: the background worker (mail, imports), as `runwell serve` runs it.

Takes db_worker's options, plus --heartbeat-file for the process that supervises it.
"""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from runwell.site.worker import RunwellWorker


class Command(DbWorkerCommand):
    help = (
        "Run the background worker: sends mail and runs queued tasks, survives database "
        "outages, reclaims tasks whose worker died and runs the periodic housekeeping."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--heartbeat-file",
            type=Path,
            default=None,
            help="touch this file every few seconds (for a supervisor watching for a stall)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        self.configure_logging(options["verbosity"])
        worker = RunwellWorker(
            queue_names=options["queue_name"].split(","),
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            excluded_queue_names=[q for q in options["exclude_queues"].split(",") if q],
            heartbeat_file=options["heartbeat_file"],
        )
        worker.configure_signals()
        worker.run()
