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
it. Idle kept-alive connections (browsers between pages) stay where they are.
"""

from __future__ import annotations

from concurrent import futures
from typing import Any

from gunicorn.workers.gthread import ThreadWorker


class BalancedThreadWorker(ThreadWorker):  # type: ignore[misc]
    def working(self) -> int:
        """Connections with a request in hand or about to send their first; not idle ones."""
        return int(self.nr_conns) - len(self.keepalived_conns)

    def overloaded(self) -> bool:
        """More connections with work than threads: some request waits for a thread."""
        return self.working() > int(self.cfg.threads)

    # gunicorn answers with `Connection: close` once this many connections idle here;
    # an overloaded worker keeps none, so its extra clients go to another worker.
    # (Read by the request's thread: a count a moment old only moves one connection.)
    @property
    def max_keepalived(self) -> int:
        return 0 if self.overloaded() else self._max_keepalived

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
