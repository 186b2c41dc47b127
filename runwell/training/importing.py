"""Run an import: find the files, read them on both cores, log what is new, report each.

Used by `runwell import` (paths on disk) and by the background job behind the web and
API uploads (the job's folder). Outcomes are written in batches, one transaction each,
so a 2,000-file export costs a few dozen commits, and a job's progress moves at least
every BATCH_SECONDS.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth.models import User
from django.db import transaction

from runwell.training import dedupe, importers, uploads
from runwell.training.actions import (
    SavedOutcome,
    do_add_strava_shoes,
    do_finish_job,
    do_reset_job,
    do_save_outcomes,
    do_start_job,
)
from runwell.training.models import ImportJob, JobState

logger = logging.getLogger(__name__)

BATCH_FILES = 50
BATCH_SECONDS = 1.0


@dataclass
class Tally:
    files: int = 0
    imported: int = 0
    duplicates: int = 0
    errors: int = 0
    read_anything: bool = False  # at least one file gave an activity
    records: list[dict[str, object]] = field(default_factory=list)

    def count(self, saved: SavedOutcome) -> None:
        self.files += 1
        self.read_anything = self.read_anything or bool(saved.outcome.activities)
        for record in saved.records:
            status = record["status"]
            self.imported += status == "imported"
            self.duplicates += status == "duplicate"
            self.errors += status == "error"


OnStart = Callable[[importers.Discovery], None]
OnSaved = Callable[[SavedOutcome], None]
OnRead = Callable[[importers.FileOutcome], None]


def run_import(
    user: User,
    paths: Sequence[str | Path],
    *,
    job: ImportJob | None = None,
    display_root: str | Path | None = None,
    on_start: OnStart | None = None,
    on_read: OnRead | None = None,
    on_saved: OnSaved | None = None,
    workers: int | None = None,
) -> Tally:
    found = importers.discover([str(p) for p in paths], display_root=display_root)
    if on_start:
        on_start(found)
    if job is not None:
        do_start_job(job, found.total)
    shoes = do_add_strava_shoes(user, found.shoes)
    seen = dedupe.SeenRuns.of(user)
    tally = Tally()
    batch: list[importers.FileOutcome] = []
    last_flush = time.monotonic()

    def flush() -> None:
        nonlocal last_flush
        for saved in do_save_outcomes(user, batch, seen, shoes, job):
            tally.count(saved)
            if on_saved:
                on_saved(saved)
        batch.clear()
        last_flush = time.monotonic()

    for outcome in importers.read(found, workers=workers):
        if on_read:
            on_read(outcome)
        batch.append(outcome)
        if len(batch) >= BATCH_FILES or time.monotonic() - last_flush >= BATCH_SECONDS:
            flush()
    flush()
    return tally


def run_job(job_id: int) -> None:
    """Import an uploaded job's files (the background task).

    A job found running is one whose worker died mid-import: the queue hands its task
    back only once that worker has stopped beating (site.queue.reclaim_stale_tasks). It
    starts again from its first file; runs already stored come back as duplicates, so
    nothing is logged twice and the job finishes instead of showing "running" for ever.
    """
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().select_related("user").filter(pk=job_id).first()
        if job is None or job.state == JobState.DONE:
            return  # deleted meanwhile, or finished
        if job.state == JobState.RUNNING:
            do_reset_job(job)
        job.state = JobState.RUNNING
        job.save(update_fields=["state"])
    folder = uploads.job_folder(job)
    try:
        files = sorted(p for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []
        run_import(job.user, files, job=job, display_root=folder)
    except Exception:
        logger.exception("import job %s failed", job_id)
        job.refresh_from_db()
        do_finish_job(
            job,
            "The import stopped on an unexpected problem; the runs read before it are in your log.",
        )
        return
    do_finish_job(job)
