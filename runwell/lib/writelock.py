"""One writing transaction at a time on SQLite, across threads and processes.

SQLite lets one connection write at a time; the others wait in its busy handler, which
sleeps in growing steps (up to 100 ms) rather than being woken when the lock is free.
With several threads and two worker processes posting at once, most of a post's time
went on those sleeps. Writers now queue first on a Python lock (the threads of one
process) and then on an advisory lock on a file beside the database (the processes),
and the kernel wakes the next one the moment the lock is let go, so a writer reaches
SQLite only when nobody else is writing. PostgreSQL needs none of this (its row locks
queue writers fairly), and nothing changes there.

SQLite copies its write-ahead log back into the database (a checkpoint, with two fsyncs)
inside the COMMIT that takes the log past 1,000 pages. So every ~65 posts one writer held
the lock through some 20 ms of disk waits while the others queued. Writes here ask a
thread of their process to checkpoint instead, every `CHECKPOINT_EVERY` writes; it runs
PASSIVE (beside readers and writers, never waiting for them) after the lock is let go,
and keeps the log below SQLite's threshold. SQLite's own checkpoint stays on as the
backstop for every other writer (the admin, the task worker, imports).
"""

from __future__ import annotations

import fcntl
import logging
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connections

logger = logging.getLogger(__name__)

_LOCK = threading.Lock()
# A post adds about 15 pages to the log (64 posts of one process left 968 in it), so even
# a process that takes every post checkpoints near 500 pages, below SQLite's 1,000.
CHECKPOINT_EVERY = 32
_writes = 0
# Opened per process (a descriptor inherited over fork shares its lock with the parent,
# which would let both in at once), per database file.
_FILES: dict[tuple[int, str], int] = {}


def _lock_file(database: str) -> int | None:
    """The descriptor to lock for this database file; None for an in-memory database."""
    if not database or database == ":memory:" or "mode=memory" in database:
        return None
    key = (os.getpid(), database)
    if key not in _FILES:
        _FILES[key] = os.open(f"{database}.writelock", os.O_RDWR | os.O_CREAT, 0o600)
    return _FILES[key]


@contextmanager
def one_writer(using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """Wrap a writing transaction (around `transaction.atomic()`, not inside it)."""
    connection = connections[using]
    # Inside a transaction this thread may hold SQLite's lock already; waiting here for
    # a writer that waits for SQLite could then only end in a timeout.
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        yield
        return
    with _LOCK:
        descriptor = _lock_file(str(connection.settings_dict["NAME"]))
        if descriptor is None:
            yield
            return
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(descriptor, fcntl.LOCK_UN)
        global _writes
        _writes += 1
        if _writes % CHECKPOINT_EVERY == 0:
            _checkpointer(using).due.set()


def checkpoint(using: str = DEFAULT_DB_ALIAS) -> tuple[int, int, int]:
    """Copy what it can of SQLite's log into the database, waiting for nobody.

    (busy, frames in the log, frames copied), as SQLite's `wal_checkpoint` answers.
    """
    with connections[using].cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(PASSIVE)")
        busy, log, copied = cursor.fetchone()
    return int(busy), int(log), int(copied)


class _Checkpointer(threading.Thread):
    """Checkpoints whenever `due` is set, on a connection of its own."""

    def __init__(self, using: str) -> None:
        super().__init__(name=f"checkpoint-{using}", daemon=True)
        self.using = using
        self.due = threading.Event()

    def run(self) -> None:
        while True:
            self.due.wait()
            self.due.clear()
            try:
                checkpoint(self.using)
            # Whatever went wrong, the thread lives on: SQLite's own checkpoint is the
            # backstop, so a missed one costs speed, never data.
            except Exception:
                logger.exception("checkpoint of the %s database failed", self.using)


_CHECKPOINTERS: dict[tuple[int, str], _Checkpointer] = {}


def _checkpointer(using: str) -> _Checkpointer:
    # Per process: a thread does not survive the fork into a gunicorn worker.
    key = (os.getpid(), using)
    if key not in _CHECKPOINTERS:
        _CHECKPOINTERS[key] = _Checkpointer(using)
        _CHECKPOINTERS[key].start()
    return _CHECKPOINTERS[key]
