"""On SQLite, the threads of one process take turns at writing, and a thread of the process
checkpoints the log away from the write lock (runwell.lib.writelock)."""

import sqlite3
import threading
import time

import pytest
from django.contrib.auth.models import Group
from django.db import connection, transaction

from runwell.lib import writelock
from runwell.lib.writelock import one_writer

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_second_writer_of_the_process_waits_for_the_first():
    if connection.vendor != "sqlite":
        pytest.skip("only SQLite writers queue in the process")
    entered = threading.Event()
    order: list[str] = []

    def second() -> None:
        entered.set()
        with one_writer():
            order.append("second")

    with one_writer():
        worker = threading.Thread(target=second)
        worker.start()
        entered.wait(5)
        worker.join(0.2)
        order.append("first")
    worker.join(5)
    assert order == ["first", "second"]


def test_inside_a_transaction_it_never_waits():
    # This thread may hold SQLite's lock already: waiting could only end in a timeout.
    with transaction.atomic(), one_writer(), one_writer():
        pass


def _sqlite_only() -> None:
    if connection.vendor != "sqlite":
        pytest.skip("only SQLite keeps a write-ahead log to checkpoint")


def _write(n: int) -> None:
    for _ in range(n):
        with one_writer(), transaction.atomic():
            Group.objects.create(name=f"group {Group.objects.count()}")


def test_every_so_many_writes_a_thread_of_the_process_checkpoints(monkeypatch):
    _sqlite_only()
    called = threading.Event()
    seen: list[tuple[str, str]] = []

    def recorded(using: str) -> tuple[int, int, int]:
        seen.append((using, threading.current_thread().name))
        called.set()
        return 0, 0, 0

    monkeypatch.setattr(writelock, "checkpoint", recorded)
    monkeypatch.setattr(writelock, "CHECKPOINT_EVERY", 3)
    monkeypatch.setattr(writelock, "_writes", 0)
    _write(2)
    assert not called.wait(0.2)
    _write(1)
    assert called.wait(5)
    assert seen == [("default", "checkpoint-default")]


def test_a_checkpoint_copies_the_log_into_the_database_and_waits_for_no_one():
    _sqlite_only()
    _write(5)
    # Another connection in the middle of a read: the checkpoint goes on beside it.
    reader = sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None)
    try:
        reader.execute("BEGIN")
        assert reader.execute("SELECT count(*) FROM auth_group").fetchone() == (5,)
        busy, log, copied = writelock.checkpoint()
    finally:
        reader.close()
    assert busy == 0 and log > 0 and copied == log


def test_the_checkpoint_thread_lives_on_after_a_failure(monkeypatch, caplog):
    _sqlite_only()
    calls: list[int] = []
    second = threading.Event()

    def failing_once(using: str) -> tuple[int, int, int]:
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("disk gone")
        second.set()
        return 0, 0, 0

    monkeypatch.setattr(writelock, "checkpoint", failing_once)
    monkeypatch.setattr(writelock, "CHECKPOINT_EVERY", 1)
    _write(1)
    deadline = time.monotonic() + 5
    while not calls and time.monotonic() < deadline:
        time.sleep(0.01)
    _write(1)
    assert second.wait(5)
    assert "checkpoint of the default database failed" in caplog.text
