"""gunicorn's threaded worker, with the load shared between the worker processes.

A gthread worker accepts new connections while it holds fewer than
`--worker-connections` (1,000), whatever its threads are doing. Clients that keep their
connection open (a proxy's pool of upstream connections, an API client, a browser) stay
with the worker that accepted them, so when several connect at once one worker could
take them all and serve them on one core while the other worker idled: with 8 clients
posting comments to 2 workers, one worker took nearly all 2,000 posts, and the site made
220-260 posts a second instead of 390-490 (bench/speed.py).

This worker shares them out two ways. It stops accepting while it has as many
connections with work as it has threads (idle kept-alive ones do not count), so a burst
of new connections is split between the workers. And when it has more connections with
work than threads, so that requests queue for a thread, it answers the next one with
`Connection: close`: the client connects again, and a worker with a free thread takes
it. It does so at most every `HAND_BACK_SECONDS`: when every worker has more clients than
threads (wrk's 16 connections to 2 x 4 threads), a client sent away only lands on
another busy worker, and closing every response would cost a new connection per request.
Idle kept-alive connections (browsers between pages) stay where they are.

It also reads each of its settings once. gunicorn's Config looks a setting up (a dict,
then the setting's `get()`) on every read, and its parser and response read some thirty
a request: a fifth of what gunicorn itself spent on a request to a trivial application.
A worker's settings never change while it runs (a reload starts new workers).
"""

from __future__ import annotations

import time
from concurrent import futures
from typing import Any

from gunicorn.workers.gthread import ThreadWorker

HAND_BACK_SECONDS = 0.05
_clock = time.monotonic


class SettledConfig:
    """A worker's gunicorn Config, each setting read from it once and then kept."""

    def __init__(self, config: Any) -> None:
        self.__dict__["_config"] = config

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._config, name)
        self.__dict__[name] = value
        return value

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("a running worker's settings do not change")


class BalancedThreadWorker(ThreadWorker):  # type: ignore[misc]
    handed_back = 0.0  # when this worker last answered with `Connection: close` to share out

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cfg: Any = SettledConfig(self.cfg)

    def working(self) -> int:
        """Connections with a request in hand or about to send their first; not idle ones."""
        return int(self.nr_conns) - len(self.keepalived_conns)

    def overloaded(self) -> bool:
        """More connections with work than threads: some request waits for a thread."""
        return self.working() > int(self.cfg.threads)

    # gunicorn answers with `Connection: close` once this many connections idle here,
    # reading this once per response: an overloaded worker keeps none for one response
    # now and then, so one client at a time goes to another worker. (Read by the
    # request's thread: counts a moment old only move a connection more or less.)
    @property
    def max_keepalived(self) -> int:
        now = _clock()
        if self.overloaded() and now - self.handed_back >= HAND_BACK_SECONDS:
            self.handed_back = now
            return 0
        return self._max_keepalived

    @max_keepalived.setter
    def max_keepalived(self, value: int) -> None:
        self._max_keepalived = value

    def set_accept_enabled(self, enabled: bool) -> None:
        # gunicorn's loop calls this again on each turn while the two disagree.
        super().set_accept_enabled(enabled and self.working() < int(self.cfg.threads))

    def accept(self, listener: Any) -> None:
        super().accept(listener)
        self._review_accepting()

    def finish_request(self, conn: Any, fs: futures.Future[Any]) -> None:
        super().finish_request(conn, fs)
        self._review_accepting()

    def _review_accepting(self) -> None:
        if self.alive:
            self.set_accept_enabled(self.nr_conns < self.worker_connections)
