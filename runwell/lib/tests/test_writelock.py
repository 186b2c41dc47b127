"""Writers of different processes take turns on a SQLite file (runwell.lib.writelock)."""

import fcntl
import multiprocessing
import os
from pathlib import Path

from runwell.lib.writelock import _lock_file


def _try_lock(database: str, answer: "multiprocessing.Queue[str]") -> None:
    descriptor = _lock_file(database)
    assert descriptor is not None
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        answer.put("waits")
    else:
        answer.put("got it")


def _in_child(database: str) -> str:
    # Forked, as gunicorn forks its workers: the child inherits the parent's descriptors.
    context = multiprocessing.get_context("fork")
    answer = context.Queue()
    child = context.Process(target=_try_lock, args=(database, answer))
    child.start()
    child.join(10)
    return str(answer.get(timeout=5))


def test_another_process_waits_while_one_writes(tmp_path: Path) -> None:
    database = str(tmp_path / "db.sqlite3")
    descriptor = _lock_file(database)
    assert descriptor is not None
    fcntl.flock(descriptor, fcntl.LOCK_EX)
    try:
        assert _in_child(database) == "waits"
    finally:
        fcntl.flock(descriptor, fcntl.LOCK_UN)
    assert _in_child(database) == "got it"
    assert (tmp_path / "db.sqlite3.writelock").exists()


def test_each_process_opens_its_own_descriptor(tmp_path: Path) -> None:
    database = str(tmp_path / "db.sqlite3")
    assert _lock_file(database) == _lock_file(database)  # once per process
    assert os.path.exists(f"{database}.writelock")


def test_an_in_memory_database_needs_no_file() -> None:
    assert _lock_file(":memory:") is None
    assert _lock_file("file:memorydb_default?mode=memory&cache=shared") is None
