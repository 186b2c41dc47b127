"""One writing transaction per process at a time on SQLite.

SQLite lets one connection write at a time; the others wait in its busy handler, which
sleeps in growing steps (up to 100 ms) rather than being woken when the lock is free.
With several threads per process posting at once, most of a post's time went on those
sleeps. Threads of one process now queue on a Python lock, which wakes the next one at
once, so only one connection per process ever waits on SQLite. PostgreSQL needs none of
this (its row locks queue writers fairly), and nothing changes there.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connections

_LOCK = threading.Lock()


@contextmanager
def one_writer(using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """Wrap a writing transaction (around `transaction.atomic()`, not inside it)."""
    connection = connections[using]
    # Inside a transaction this thread may hold SQLite's lock already; waiting here for
    # a thread that waits for SQLite could then only end in a timeout.
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        yield
        return
    with _LOCK:
        yield
