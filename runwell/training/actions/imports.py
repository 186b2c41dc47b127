"""Imports: an upload becomes a job; a job's outcomes become activities and a report."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from runwell.accounts.timezones import zone_for
from runwell.training import dedupe, importers, uploads
from runwell.training.actions.log import TrainingRefused
from runwell.training.models import Activity, ImportJob, ImportResult, JobState, Shoe, Sport

# -- imports --------------------------------------------------------------------------------


def check_create_import(
    user: User, files: Sequence[UploadedFile], keep_originals: bool
) -> ImportJob:
    """Refuse what cannot be imported (nothing, a wrong type, too much), then store it."""
    if not files:
        raise TrainingRefused("Choose one or more activity files, or a ZIP.", "files")
    total = sum(f.size or 0 for f in files)
    limit = settings.TRAINING_UPLOAD_MAX_BYTES
    if total > limit:
        raise TrainingRefused(too_large_message(total), "files", status=413)
    problems = [p for p in (uploads.type_problem(f) for f in files) if p]
    if problems:
        raise TrainingRefused(" ".join(problems), "files", status=400)
    return do_create_import(user, files, keep_originals)


def human_size(size: float) -> str:
    """1536 -> '1.5 KB': sizes as a person reads them."""
    for unit in ("bytes", "KB", "MB"):
        if size < 1024:
            return f"{size:,.0f} {unit}" if unit == "bytes" else f"{size:,.1f} {unit}"
        size /= 1024
    return f"{size:,.1f} GB"


def too_large_message(size: int | None = None) -> str:
    limit = human_size(settings.TRAINING_UPLOAD_MAX_BYTES).replace(".0 ", " ")
    sent = f" (this upload is {human_size(size)})" if size else ""
    return (
        f"That is more than the {limit} one upload may hold{sent}. "
        "Send the files in several smaller uploads, or ask the site's administrator to "
        "raise RUNWELL_TRAINING_UPLOAD_MB."
    )


def do_create_import(user: User, files: Sequence[UploadedFile], keep_originals: bool) -> ImportJob:
    job = ImportJob.objects.create(
        user=user,
        keep_originals=keep_originals,
        uploaded_bytes=sum(f.size or 0 for f in files),
    )
    try:
        job.uploaded_names = uploads.store(job, files)
    except OSError:
        uploads.delete_job_files(job.pk, user.pk)
        job.delete()
        raise
    job.save(update_fields=["uploaded_names"])
    return job


def do_start_job(job: ImportJob, total: int) -> None:
    job.state, job.total, job.started = JobState.RUNNING, total, timezone.now()
    job.save(update_fields=["state", "total", "started"])


def do_reset_job(job: ImportJob) -> None:
    """Forget a job's half-written report, so it can run again from its first file."""
    job.results.all().delete()
    job.done = job.imported = job.duplicates = job.errors = 0
    job.save(update_fields=["done", "imported", "duplicates", "errors"])


def do_finish_job(job: ImportJob, failure: str = "") -> None:
    job.state, job.finished, job.failure = JobState.DONE, timezone.now(), failure
    job.save(
        update_fields=["state", "finished", "failure", "done", "imported", "duplicates", "errors"]
    )
    if not job.keep_originals:
        uploads.delete_job_files(job.pk, job.user_id)


def do_delete_originals(job: ImportJob) -> None:
    job.keep_originals = False
    job.save(update_fields=["keep_originals"])
    uploads.delete_job_files(job.pk, job.user_id)


def do_delete_job(job: ImportJob) -> None:
    job_id, user_id = job.pk, job.user_id
    job.delete()
    transaction.on_commit(lambda: uploads.delete_job_files(job_id, user_id))


@dataclass
class SavedOutcome:
    outcome: importers.FileOutcome
    records: list[dict[str, Any]]  # exactly the `runwell import --json` objects
    activities: list[Activity | None]  # the row made for each record (None: not imported)


def do_add_strava_shoes(user: User, found: Sequence[importers.Shoe]) -> dict[str, Shoe]:
    """The runner's shoes by lower-case name, with the pairs an export lists added."""
    by_name = {s.name.lower(): s for s in Shoe.objects.filter(user=user)}
    for pair in found:
        name = (pair.name or " ".join(p for p in (pair.brand, pair.model) if p) or "").strip()
        if name and name.lower() not in by_name:
            by_name[name.lower()] = Shoe.objects.create(
                user=user, name=name[:100], brand=(pair.brand or "")[:100]
            )
    return by_name


def _shoe_for(user: User, activity: importers.Activity, shoes: dict[str, Shoe]) -> Shoe | None:
    gear = (activity.gear or "").strip()
    if not gear:
        return None
    if gear.lower() not in shoes and dedupe.sport_of(activity) == Sport.RUNNING:
        # A run's gear is a pair of shoes even when the export has no shoes.csv.
        shoes[gear.lower()] = Shoe.objects.create(user=user, name=gear[:100])
    return shoes.get(gear.lower())


@transaction.atomic
def do_save_outcomes(
    user: User,
    outcomes: Sequence[importers.FileOutcome],
    seen: dedupe.SeenRuns,
    shoes: dict[str, Shoe],
    job: ImportJob | None = None,
) -> list[SavedOutcome]:
    """Log every activity not already in the runner's log; report each as the contract says."""
    zone = zone_for(user)
    saved: list[SavedOutcome] = []
    fresh: list[Activity] = []
    for outcome in outcomes:
        statuses: list[str] = []
        rows: list[Activity | None] = []
        for activity in outcome.activities:
            sport = dedupe.sport_of(activity)
            if seen.holds(activity.fingerprint, sport, activity.start_time):
                statuses.append("duplicate")
                rows.append(None)
                continue
            seen.add(activity.fingerprint, sport, activity.start_time)
            row = dedupe.to_row(
                user, zone, activity, _shoe_for(user, activity, shoes), outcome.file
            )
            fresh.append(row)
            statuses.append("imported")
            rows.append(row)
        records = importers.outcome_records(outcome, statuses if outcome.activities else None)
        for record, activity in zip(records, outcome.activities, strict=False):
            record["warnings"] = dedupe.warnings_of(activity)
        saved.append(SavedOutcome(outcome, records, rows))
    _insert(fresh, saved)
    if job is not None:
        _record_progress(job, saved)
    return saved


def _insert(fresh: list[Activity], saved: list[SavedOutcome]) -> None:
    try:
        with transaction.atomic():
            Activity.objects.bulk_create(fresh)
        return
    except IntegrityError:
        pass  # another import of the same files got there first: go one by one
    for item in saved:
        for i, row in enumerate(item.activities):
            if row is None:
                continue
            try:
                with transaction.atomic():
                    row.pk = None
                    row.save()
            except IntegrityError:
                item.activities[i] = None
                item.records[i]["status"] = "duplicate"


def _record_progress(job: ImportJob, saved: list[SavedOutcome]) -> None:
    start = job.results.count()
    results: list[ImportResult] = []
    for item in saved:
        for record, row in zip(item.records, item.activities or [None], strict=False):
            results.append(
                ImportResult(job=job, position=start + len(results), record=record, activity=row)
            )
            job.imported += record["status"] == "imported"
            job.duplicates += record["status"] == "duplicate"
            job.errors += record["status"] == "error"
    ImportResult.objects.bulk_create(results)
    job.done += len(saved)
    job.save(update_fields=["done", "imported", "duplicates", "errors"])
