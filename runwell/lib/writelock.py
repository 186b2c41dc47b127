"""One writing transaction at a time on SQLite, across threads and processes.

SQLite lets one connection write at a time; the others wait in its busy handler, which
sleeps in growing steps (up to 100 ms) rather than being woken when the lock is free.
With several threads and two worker processes posting at once, most of a post's time
went on those sleeps. Writers now queue first on a Python lock (the threads of one
process) and then on an advisory lock on a file beside the database (the processes),
and the kernel wakes the next one the moment the lock is let go, so a writer reaches
SQLite only when nobody else is writing. PostgreSQL needs none of this (its row locks
queue writers fairly), and nothing changes there.
"""

from __future__ import annotations

import fcntl
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connections

_LOCK = threading.Lock()
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
