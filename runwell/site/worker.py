"""The background worker: django-tasks-db's worker loop, made to survive what the web does.

Compared with `db_worker` it
- keeps running through a database outage (an error waits with growing pauses, then the
  loop carries on, where `db_worker` died and stayed dead);
- beats: a heartbeat row (read by /healthz and by the reclaiming of stale tasks) and a
  file (watched by `runwell serve`, which restarts a worker that stops beating), from a
  thread while a task runs, so a long task is not mistaken for a dead worker;
- every minute puts back tasks left "running" by a worker that died, and every hour runs
  the registered housekeeping (runwell.lib.housekeeping).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from django.db import DatabaseError, close_old_connections, connection
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

from runwell.lib import housekeeping
from runwell.site.models import WorkerHeartbeat
from runwell.site.queue import HEARTBEAT_SECONDS, reclaim_stale_tasks

logger = logging.getLogger(__name__)

RECLAIM_SECONDS = 60
HOUSEKEEPING_SECONDS = 3600
MAX_PAUSE = 30.0  # the longest wait between tries while the database is away


class RunwellWorker(Worker):
    def __init__(self, *, heartbeat_file: Path | None = None, **options: Any) -> None:
        super().__init__(**options)
        self.heartbeat_file = heartbeat_file
        self.host = socket.gethostname()[:255]
        self._last_beat = 0.0
        self._last_reclaim = 0.0
        self._last_housekeeping = 0.0

    def run(self) -> None:
        logger.info("worker %s started (pid %s)", self.worker_id, os.getpid())
        try:
            self._loop()
        finally:  # also when a signal ends the worker (SystemExit from its handler)
            self._forget()

    def _loop(self) -> None:
        failures = 0
        while self.running:
            try:
                self._chores()
                ran = self.run_once()
                failures = 0
            except DatabaseError as exc:
                failures += 1
                self._touch_file()  # alive, only waiting for the database
                pause = min(MAX_PAUSE, 0.5 * 2**failures)
                logger.warning("database unavailable (%s); trying again in %.0f s", exc, pause)
                self._close_connection()
                time.sleep(pause)
                continue
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                return
            if self.batch and not ran:
                return
            if self.running and not ran:
                time.sleep(self.interval)

    def run_once(self) -> bool:
        """Claim one due task and run it; False when none was due."""
        if not connection.in_atomic_block:  # (never inside one, but for the test suite)
            close_old_connections()
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        with exclusive_transaction(tasks.db):
            task_result = tasks.get_locked()
            if task_result is not None:
                task_result.claim(self.worker_id)
        if task_result is None:
            return False
        with self._beating(task_result.started_at):
            self.run_task(task_result)
        return True

    def _chores(self) -> None:
        now = time.monotonic()
        if now - self._last_beat >= HEARTBEAT_SECONDS:
            self.beat()
        if now - self._last_reclaim >= RECLAIM_SECONDS:
            self._last_reclaim = now
            reclaim_stale_tasks()
        if now - self._last_housekeeping >= HOUSEKEEPING_SECONDS:
            self._last_housekeeping = now
            done = housekeeping.run_all()
            logger.info("housekeeping: %s", done)

    def beat(self, task_started: Any = None) -> None:
        self._touch_file()
        WorkerHeartbeat.objects.update_or_create(
            worker_id=self.worker_id,
            defaults={
                "host": self.host,
                "pid": os.getpid(),
                "last_seen": timezone.now(),
                "task_started": task_started,
            },
        )
        self._last_beat = time.monotonic()

    def _touch_file(self) -> None:
        if self.heartbeat_file is not None:
            self.heartbeat_file.touch()

    @contextmanager
    def _beating(self, task_started: Any) -> Iterator[None]:
        """Beat from a thread (with its own connection) while the task runs."""
        done = threading.Event()
        marked = threading.Event()  # the row names this task: clear it when it ends

        def keep_beating() -> None:
            try:
                while not done.wait(HEARTBEAT_SECONDS):
                    marked.set()
                    try:
                        self.beat(task_started)
                    except DatabaseError:
                        self._touch_file()
            finally:
                connection.close()

        beater = threading.Thread(target=keep_beating, name="heartbeat", daemon=True)
        beater.start()
        try:
            yield
        finally:
            done.set()
            beater.join()
        # A short task (a mail: most of them) ends before the first beat; its row still
        # reads as the loop's last beat left it, and one write per task would be wasted.
        if marked.is_set():
            self.beat()

    def _forget(self) -> None:
        with suppress(DatabaseError):  # else it simply looks dead, and is pruned later
            WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()
        logger.info("worker %s stopped", self.worker_id)

    @staticmethod
    def _close_connection() -> None:
        # A broken connection is replaced on the next query.
        if not connection.in_atomic_block:
            with suppress(DatabaseError):
                connection.close()
