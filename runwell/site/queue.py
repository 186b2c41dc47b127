"""The background queue's health, and the repair of tasks whose worker died.

A worker beats (WorkerHeartbeat) every few seconds, also while it runs a long task, so
silence means it is dead or frozen. A task marked "running" by such a worker would stay
so for ever; after RUNWELL_TASK_TIMEOUT it is put back in the queue (its mail cannot go
out twice: see comments.notifications), or given up after MAX_CLAIMS workers died on it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, Min, Q
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult, get_date_max

from runwell.site.models import WorkerHeartbeat

logger = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 5
LATE_SECONDS = 60  # a worker silent this long is dead or frozen
QUEUE_LATE_SECONDS = 300  # a task due this long ago and not started: mail is late
MAX_CLAIMS = 3  # workers that may die running one task before it is given up
HEARTBEAT_DAYS = 2  # how long a dead worker's heartbeat is kept (for /healthz's "last seen")
RESULT_DAYS = 14  # how long finished tasks are kept


def uses_database_queue() -> bool:
    from django_tasks import task_backends

    return isinstance(task_backends["default"], DatabaseBackend)


@dataclass(frozen=True)
class QueueHealth:
    worker: str  # ok | late | missing | not used
    worker_last_seen: float | None  # seconds ago
    running_for: float | None  # seconds the latest worker has run its current task
    waiting: int  # tasks due and not started
    oldest_waiting: float | None  # seconds the oldest of them has waited
    running: int

    @property
    def ok(self) -> bool:
        late_queue = self.oldest_waiting is not None and self.oldest_waiting > QUEUE_LATE_SECONDS
        return self.worker in {"ok", "not used"} and not late_queue

    def as_json(self) -> dict[str, object]:
        def rounded(value: float | None) -> float | None:
            return None if value is None else round(value, 1)

        return {
            "worker": {
                "state": self.worker,
                "last_seen_seconds": rounded(self.worker_last_seen),
                "running_task_seconds": rounded(self.running_for),
            },
            "queue": {
                "waiting": self.waiting,
                "oldest_waiting_seconds": rounded(self.oldest_waiting),
                "running": self.running,
            },
        }


def _seconds_since(moment: datetime | None, now: datetime) -> float | None:
    return None if moment is None else max(0.0, (now - moment).total_seconds())


def queue_health() -> QueueHealth:
    """Two queries: the latest heartbeat, and the queue's counts and oldest due task."""
    now = timezone.now()
    if not uses_database_queue():
        return QueueHealth("not used", None, None, 0, None, 0)
    beat = WorkerHeartbeat.objects.order_by("-last_seen").first()
    never = get_date_max()
    due = Q(status=TaskResultStatus.READY) & (Q(run_after=never) | Q(run_after__lte=now))
    counts = DBTaskResult.objects.aggregate(
        waiting=Count("id", filter=due),
        running=Count("id", filter=Q(status=TaskResultStatus.RUNNING)),
        queued_at=Min("enqueued_at", filter=due & Q(run_after=never)),
        due_at=Min("run_after", filter=due & ~Q(run_after=never)),
    )
    since = [t for t in (counts["queued_at"], counts["due_at"]) if t is not None]
    last_seen = _seconds_since(beat.last_seen if beat else None, now)
    state = "missing" if last_seen is None else "ok" if last_seen <= LATE_SECONDS else "late"
    return QueueHealth(
        worker=state,
        worker_last_seen=last_seen,
        running_for=_seconds_since(beat.task_started if beat else None, now),
        waiting=counts["waiting"],
        oldest_waiting=_seconds_since(min(since) if since else None, now),
        running=counts["running"],
    )


def reclaim_stale_tasks() -> int:
    """Put back in the queue the running tasks whose worker has gone silent."""
    now = timezone.now()
    alive = set(
        WorkerHeartbeat.objects.filter(
            last_seen__gte=now - timedelta(seconds=LATE_SECONDS)
        ).values_list("worker_id", flat=True)
    )
    stale = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING,
        started_at__lt=now - timedelta(seconds=settings.TASK_TIMEOUT),
    ).values_list("id", "started_at", "worker_ids")
    reclaimed = 0
    for task_id, started_at, worker_ids in stale:
        if worker_ids and worker_ids[-1] in alive:
            continue  # a long task, and its worker is still with it
        # Conditional on what was read: a worker finishing it meanwhile wins.
        same = DBTaskResult.objects.filter(
            id=task_id, status=TaskResultStatus.RUNNING, started_at=started_at
        )
        if len(worker_ids) >= MAX_CLAIMS:
            same.update(
                status=TaskResultStatus.FAILED, finished_at=now,
                exception_class_path="runwell.site.queue.WorkerDied",
                traceback=f"{len(worker_ids)} workers died running this task; given up.",
            )  # fmt: skip
            logger.error("task %s given up: %s workers died running it", task_id, len(worker_ids))
        elif same.update(status=TaskResultStatus.READY, started_at=None):
            reclaimed += 1
            logger.warning("task %s reclaimed from worker %s", task_id, worker_ids[-1:])
    return reclaimed


def prune_heartbeats() -> int:
    cutoff = timezone.now() - timedelta(days=HEARTBEAT_DAYS)
    return WorkerHeartbeat.objects.filter(last_seen__lt=cutoff).delete()[0]


def prune_finished_tasks() -> int:
    cutoff = timezone.now() - timedelta(days=RESULT_DAYS)
    finished = DBTaskResult.objects.finished().filter(finished_at__lt=cutoff)
    return finished.delete()[0]
