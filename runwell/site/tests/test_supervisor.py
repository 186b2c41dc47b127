"""The supervisor `runwell serve` keeps the worker with: real child processes, short times."""

from __future__ import annotations

import sys
import time

import pytest

from runwell.site.supervisor import Supervisor

pytestmark = pytest.mark.slow  # starts processes


def _run_for(supervisor: Supervisor, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        supervisor.poll()
        time.sleep(0.05)


def test_a_worker_that_keeps_dying_is_restarted_with_growing_pauses(tmp_path):
    said: list[str] = []
    supervisor = Supervisor(
        [sys.executable, "-c", "raise SystemExit(3)"],
        heartbeat_file=tmp_path / "beat", stall_seconds=60,
        first_delay=0.2, max_delay=0.8, say=said.append,
    )  # fmt: skip
    try:
        _run_for(supervisor, 4)
    finally:
        supervisor.stop()
    pauses = [line.rsplit("in ", 1)[1] for line in said if "starting it again" in line]
    assert any("exit code 3" in line for line in said)
    # 0.2, 0.4, 0.8, then no longer than the ceiling (printed rounded to seconds)
    assert len(pauses) >= 3
    assert supervisor.delay == 0.8


def test_a_frozen_worker_is_stopped_and_started_again(tmp_path):
    said: list[str] = []
    supervisor = Supervisor(
        [sys.executable, "-c", "import time; time.sleep(60)"],  # never touches the file
        heartbeat_file=tmp_path / "beat", stall_seconds=1, first_delay=0.1, say=said.append,
    )  # fmt: skip
    pids = set()
    try:
        deadline = time.monotonic() + 3.5
        while time.monotonic() < deadline:
            supervisor.poll()
            pids.add(supervisor.pid)
            time.sleep(0.05)
    finally:
        supervisor.stop()
    assert len(pids - {None}) >= 2  # stopped, then a new one started
    assert any("stopped beating" in line for line in said)


def test_a_beating_worker_is_left_alone(tmp_path):
    beat = tmp_path / "beat"
    script = (
        "import time, pathlib\n"
        f"for _ in range(40):\n    pathlib.Path({str(beat)!r}).touch(); time.sleep(0.1)"
    )
    supervisor = Supervisor(
        [sys.executable, "-c", script], heartbeat_file=beat, stall_seconds=1, say=lambda m: None
    )
    try:
        supervisor.poll()
        first = supervisor.pid
        _run_for(supervisor, 2.5)
        assert supervisor.pid == first
        assert supervisor.restarts == 0
    finally:
        supervisor.stop()
    assert not beat.exists()


def test_a_worker_that_ran_a_while_starts_the_pauses_again(tmp_path):
    supervisor = Supervisor(
        [sys.executable, "-c", "import time; time.sleep(0.6)"],
        heartbeat_file=tmp_path / "beat", stall_seconds=60,
        first_delay=0.1, max_delay=5, stable_seconds=0.5, say=lambda m: None,
    )  # fmt: skip
    try:
        _run_for(supervisor, 3)
    finally:
        supervisor.stop()
    assert supervisor.restarts >= 2
    assert supervisor.delay == 0.2  # reset to the first pause each time, then doubled once
