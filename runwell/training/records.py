"""The training core's plain data: what the Django app passes in and gets back (PURE).

Inputs map one to one onto the training models; outputs are frozen dataclasses whose
as_json() gives exactly the report contract's objects (PRODUCT.md,
GET /api/v1/training/report). From the Django side, for example:

    Activity(a.id, localdate(a.start_time, runner_tz), a.sport, a.distance_m,
             a.elapsed_s, a.surface or None, a.shoe_id)
    Shoe(s.id, s.name, s.start_m, s.limit_m, s.retired)
    PainEntry(p.date, p.region, p.score, p.timing)      # runwell.training.insights
    build_report(activities, shoes, pain, as_of)         # runwell.training.report

The date of an activity is the runner's local date of its start: the core never sees
a time zone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from runwell.training import sources
from runwell.training.events import Event
from runwell.training.sources import Source

RUNNING = "running"
SURFACES = ("road", "track", "trail", "treadmill", "mixed")
DEFAULT_SHOE_LIMIT_M = 700_000.0


@dataclass(frozen=True, slots=True)
class Activity:
    """One logged activity; any sport may be passed, only running counts."""

    id: int
    date: dt.date  # the runner's local date of its start
    sport: str  # "running", "cycling", "walking", "hiking", "other"
    distance_m: float
    elapsed_s: float
    surface: str | None = None  # one of SURFACES, or None when not recorded
    shoe: int | None = None  # a Shoe id


@dataclass(frozen=True, slots=True)
class Shoe:
    id: int
    name: str
    start_m: float = 0.0  # distance already on the pair when it was added to the log
    limit_m: float = DEFAULT_SHOE_LIMIT_M
    retired: bool = False


@dataclass(frozen=True, slots=True)
class Week:
    start: dt.date  # a Monday (ISO week)
    distance_m: float
    elapsed_s: float
    runs: int

    def as_json(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat(),
            "distance_m": round(self.distance_m, 1),
            "elapsed_s": round(self.elapsed_s, 1),
            "runs": self.runs,
        }


@dataclass(frozen=True, slots=True)
class DayLoad:
    """One day of the load chart; loads are None before the first running day."""

    date: dt.date
    distance_m: float
    acute_load: float | None  # km a day
    chronic_load: float | None
    acwr: float | None


@dataclass(frozen=True, slots=True)
class ShoeStatus:
    id: int
    name: str
    distance_m: float
    limit_m: float
    status: str  # "ok", "near_limit", "over_limit"
    retired: bool

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "distance_m": round(self.distance_m, 1),
            "limit_m": round(self.limit_m, 1),
            "status": self.status,
        }


@dataclass(frozen=True, slots=True)
class Rotation:
    """How much of the last 12 weeks' running was on the most used pair (Malisoux 2015)."""

    shoe_id: int
    name: str
    share: float  # 0..1 of the running with a shoe recorded
    pairs: int  # pairs used in those weeks
    distance_m: float  # on the most used pair
    total_m: float  # with any shoe recorded
    message: str
    source: Source = sources.SHOE_ROTATION


@dataclass(frozen=True)
class LoadHistory:
    as_of: dt.date
    first_day: dt.date | None  # the first running day, or None before any run
    events: tuple[Event, ...]  # every warning and change up to as_of, oldest first
    weeks: tuple[Week, ...]  # the 12 ISO weeks to as_of, oldest first
    days: tuple[DayLoad, ...]  # the 84 days to as_of, oldest first
    acute_load: float | None  # km a day at the end of as_of; None before any run
    chronic_load: float | None
    acwr: float | None  # None until 28 days of history
    monotony: float | None  # None with fewer than 3 runs in 7 days; inf with no spread
    week_m: float  # running in the 7 days to as_of, to show beside the ratio
    run_dates: tuple[dt.date, ...]  # every running day up to as_of, oldest first
    shoes: tuple[ShoeStatus, ...]
    rotation: Rotation | None
