"""What the site shell keeps in the database: the background workers' heartbeats."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class WorkerHeartbeat(models.Model):
    """A background worker says it is alive, every few seconds, here.

    /healthz reads the latest heartbeat, from whichever machine the worker runs on, and
    the housekeeping reclaims a task from a worker that has fallen silent.
    """

    worker_id = models.CharField(max_length=64, primary_key=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started = models.DateTimeField(default=timezone.now)
    last_seen = models.DateTimeField(default=timezone.now, db_index=True)
    # Since when it has been running its current task (None between tasks).
    task_started = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"worker {self.worker_id} on {self.host}"
