"""Periodic clean-up jobs: each app registers what it must forget or repair, and when.

The background worker (`runwell worker`, which `runwell serve` runs) calls every job on a
timer, and `runwell housekeeping` runs them once by hand. Jobs are registered in an app's
AppConfig.ready(), like the personal-data sources, so the worker knows no app's models.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

logger = logging.getLogger(__name__)

Job = Callable[[], int]  # returns how many rows it changed, for the log


@dataclass(frozen=True)
class HousekeepingJob:
    name: str
    run: Job


_jobs: dict[str, HousekeepingJob] = {}


def register(name: str, job: Job) -> None:
    """Add a job; registering a name again replaces it (apps reload in tests)."""
    _jobs[name] = HousekeepingJob(name, job)


def registered() -> list[HousekeepingJob]:
    return list(_jobs.values())


def run_all() -> dict[str, int]:
    """Run every job; one that fails is logged and the others still run."""
    done: dict[str, int] = {}
    for job in _jobs.values():
        try:
            done[job.name] = job.run()
        except Exception:
            logger.exception("housekeeping job %s failed", job.name)
            done[job.name] = -1
    return done
