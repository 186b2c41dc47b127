"""On SQLite, the threads of one process take turns at writing (runwell.lib.writelock)."""

import threading

import pytest
from django.db import connection, transaction

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
