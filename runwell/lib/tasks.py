"""Queueing background work so that it is never lost and never runs for nothing."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.db import transaction
from django_tasks.base import Task
from django_tasks_db import DatabaseBackend


def enqueue_with_transaction(task: Task[Any, Any], *args: Any) -> None:
    """Queue `task` so that it happens exactly when the caller's transaction commits.

    With the database queue the task row is written inside the caller's transaction: it
    commits with the change that caused it (a comment cannot be saved without its mail
    task) and rolls back with it. A queue that runs tasks at once (tests, a tiny site)
    runs it after the commit instead, so nothing is sent for a change that was undone.
    """
    if isinstance(task.get_backend(), DatabaseBackend):
        task.enqueue(*args)
    else:
        transaction.on_commit(partial(task.enqueue, *args))
