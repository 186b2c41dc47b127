"""gunicorn's workers share out the clients that keep their connections open
(runwell.site.serving)."""

from __future__ import annotations

import selectors
import socket
from collections.abc import Iterator
from unittest import mock

import pytest
from gunicorn.config import Config

from runwell.site import serving
from runwell.site.serving import BalancedThreadWorker

THREADS = 4


@pytest.fixture
def worker() -> Iterator[BalancedThreadWorker]:
    config = Config()
    config.set("threads", THREADS)
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    made = BalancedThreadWorker(0, 0, [listener], None, 30, config, mock.Mock())
    made.poller = selectors.DefaultSelector()
    try:
        yield made
    finally:
        made.poller.close()
        listener.close()


def _hold(worker: BalancedThreadWorker, working: int, idle: int = 0) -> None:
    worker.nr_conns = working + idle
    worker.keepalived_conns.extend(object() for _ in range(idle))


def test_a_worker_with_a_free_thread_accepts(worker):
    _hold(worker, THREADS - 1)
    worker.set_accept_enabled(True)
    assert worker._accepting


def test_a_worker_with_work_for_every_thread_leaves_new_connections_to_the_others(worker):
    _hold(worker, THREADS - 1)
    worker.set_accept_enabled(True)
    worker.nr_conns += 1  # as gunicorn's accept() counts one more
    worker._review_accepting()
    assert not worker._accepting
    worker.set_accept_enabled(True)  # gunicorn's loop asking again changes nothing
    assert not worker._accepting


def test_idle_kept_alive_connections_do_not_stop_it_accepting(worker):
    _hold(worker, working=1, idle=50)  # browsers between pages
    worker.set_accept_enabled(True)
    assert worker._accepting
    assert worker.max_keepalived == worker.cfg.worker_connections - THREADS


def test_once_free_again_it_accepts(worker):
    _hold(worker, THREADS)
    worker.set_accept_enabled(True)
    assert not worker._accepting
    worker.nr_conns -= 1  # a connection closed
    worker._review_accepting()
    assert worker._accepting


def test_an_overloaded_worker_asks_one_client_at_a_time_to_connect_again(worker, monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(serving, "_clock", lambda: clock[0])
    _hold(worker, THREADS)
    assert worker.max_keepalived > 0  # busy, but no request waits for a thread
    _hold(worker, THREADS + 2)
    assert worker.overloaded() and worker.max_keepalived == 0
    assert worker.max_keepalived > 0  # the next response, at once after: kept alive
    clock[0] += serving.HAND_BACK_SECONDS * 1.5
    assert worker.max_keepalived == 0


def test_a_stopping_worker_does_not_start_accepting_again(worker):
    worker.set_accept_enabled(False)
    worker.alive = False
    worker._review_accepting()
    assert not worker._accepting


def test_a_worker_reads_each_setting_once_and_gets_what_gunicorn_would(worker):
    config = worker.cfg._config
    assert worker.cfg.threads == config.threads == THREADS
    assert worker.cfg.is_ssl is config.is_ssl  # a property of gunicorn's Config
    assert worker.cfg.limit_request_line == config.limit_request_line == 4094
    with mock.patch.object(Config, "__getattr__", side_effect=AssertionError("read again")):
        assert worker.cfg.threads == THREADS
        assert worker.cfg.limit_request_line == 4094
    with pytest.raises(AttributeError):
        worker.cfg.no_such_setting  # noqa: B018
    with pytest.raises(AttributeError):
        worker.cfg.threads = 1
