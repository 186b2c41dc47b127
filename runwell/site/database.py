"""Database housekeeping shared by the commands that may run on a fresh data folder."""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.migrations.executor import MigrationExecutor

# Any fixed number: the PostgreSQL advisory lock every `runwell serve` takes to start.
START_LOCK_KEY = 0x52554E57  # "RUNW"


def migrate_if_needed() -> None:
    """A fresh data folder has no tables yet: create them, as `runwell serve` would."""
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        call_command("migrate", interactive=False, verbosity=0)


@contextmanager
def first_start_lock() -> Iterator[None]:
    """One process at a time through the first-start steps (migrate, first admin, content).

    On PostgreSQL a session advisory lock, which holds across machines; on SQLite an
    exclusive lock on a file beside the database, which every process using that file
    can see. A second server waits, then finds the work done.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [START_LOCK_KEY])
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [START_LOCK_KEY])
        return
    lock_path = Path(str(connection.settings_dict["NAME"])).with_suffix(".start-lock")
    if not lock_path.parent.is_dir():
        # No database can be there either; connecting, inside, says so in the caller's words.
        yield
        return
    with open(lock_path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
