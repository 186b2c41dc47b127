"""Keep a child process running: restart it when it exits or stops beating, with back-off.

`runwell serve` keeps the background worker alive this way beside gunicorn. A worker that
exits is started again after 1 s, then 2, 4 ... up to MAX_DELAY while it keeps failing
(a database that is down for a while costs a restart a minute, not a tight loop); one
that ran for STABLE_SECONDS starts the count again. A worker whose heartbeat file has not
been touched for `stall_seconds` is frozen: it is stopped (killed if it must be) and
started again.
"""

from __future__ import annotations

import logging
import subprocess
import time
from collections.abc import Callable, Sequence
from pathlib import Path

logger = logging.getLogger(__name__)

FIRST_DELAY = 1.0
MAX_DELAY = 60.0
STABLE_SECONDS = 60.0
STOP_SECONDS = 10.0


class Supervisor:
    def __init__(
        self,
        command: Sequence[str],
        *,
        heartbeat_file: Path,
        stall_seconds: float,
        first_delay: float = FIRST_DELAY,
        max_delay: float = MAX_DELAY,
        stable_seconds: float = STABLE_SECONDS,
        say: Callable[[str], None] = logger.warning,
    ) -> None:
        self.command = list(command)
        self.heartbeat_file = heartbeat_file
        self.stall_seconds = stall_seconds
        self.first_delay = first_delay
        self.max_delay = max_delay
        self.stable_seconds = stable_seconds
        self.say = say
        self.process: subprocess.Popen[bytes] | None = None
        self.started_at = 0.0
        self.delay = first_delay
        self.restart_at = 0.0
        self.restarts = 0

    def poll(self) -> None:
        """Call every second or so: starts, restarts or stops the child as needed."""
        now = time.monotonic()
        if self.process is None:
            if now >= self.restart_at:
                self._start(now)
            return
        code = self.process.poll()
        if code is not None:
            ran = now - self.started_at
            self._schedule_restart(now, ran, f"the worker stopped (exit code {code})")
        elif self._stalled(now):
            self._stop()
            self._schedule_restart(
                now,
                now - self.started_at,
                f"the worker stopped beating for {self.stall_seconds:.0f} s",
            )

    def stop(self) -> None:
        if self.process is not None:
            self._stop()
        self.heartbeat_file.unlink(missing_ok=True)

    @property
    def pid(self) -> int | None:
        return None if self.process is None else self.process.pid

    def _start(self, now: float) -> None:
        self.heartbeat_file.touch()
        self.process = subprocess.Popen(self.command)
        self.started_at = now
        self.say(f"worker started (pid {self.process.pid})")

    def _stalled(self, now: float) -> bool:
        try:
            age = time.time() - self.heartbeat_file.stat().st_mtime
        except OSError:
            return now - self.started_at > self.stall_seconds
        return age > self.stall_seconds

    def _schedule_restart(self, now: float, ran: float, why: str) -> None:
        self.process = None
        if ran >= self.stable_seconds:
            self.delay = self.first_delay
        self.restart_at = now + self.delay
        self.say(f"{why}; starting it again in {self.delay:.0f} s")
        self.delay = min(self.max_delay, self.delay * 2)
        self.restarts += 1

    def _stop(self) -> None:
        assert self.process is not None
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=STOP_SECONDS)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
