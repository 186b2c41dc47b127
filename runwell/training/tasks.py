"""The background import (run by the django-tasks worker that `runwell serve` starts)."""

from __future__ import annotations

from django_tasks import task

from runwell.training.importing import run_job
from runwell.training.models import ImportJob


@task()
def import_uploaded_files(job_id: int) -> None:
    run_job(job_id)


def schedule_import(job: ImportJob) -> None:
    """Queue the job (its row and files are already saved: views run in autocommit)."""
    import_uploaded_files.enqueue(job.pk)
