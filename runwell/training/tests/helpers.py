"""Builders for hand-made training histories: day numbers from a fixed Monday, km as floats."""

from __future__ import annotations

import datetime as dt
import itertools

from runwell.training.events import Event
from runwell.training.insights import PainEntry
from runwell.training.load import Activity, LoadHistory, Shoe, analyse

D0 = dt.date(2025, 1, 6)  # a Monday
_ids = itertools.count(1)


def day(n: int) -> dt.date:
    return D0 + dt.timedelta(days=n)


def run(
    n: int,
    km: float,
    *,
    surface: str | None = None,
    shoe: int | None = None,
    sport: str = "running",
    elapsed_s: float | None = None,
) -> Activity:
    """A run on day n of km kilometres (metres are km * 1000, rounded to the millimetre)."""
    metres = round(km * 1000, 3)
    elapsed = metres / 3 if elapsed_s is None else elapsed_s
    return Activity(next(_ids), day(n), sport, metres, elapsed, surface, shoe)


def every(days: range, km: float, **kwargs: object) -> list[Activity]:
    return [run(n, km, **kwargs) for n in days]  # type: ignore[arg-type]


def pain(n: int, score: int, region: str = "lower_back", timing: str = "after_run") -> PainEntry:
    return PainEntry(day(n), region, score, timing)


def history(
    activities: list[Activity], as_of: int, shoes: list[Shoe] | tuple[Shoe, ...] = ()
) -> LoadHistory:
    return analyse(activities, shoes, day(as_of))


def dates(history: LoadHistory, event_id: str) -> list[dt.date]:
    return [e.date for e in history.events if e.id == event_id]


def only(history: LoadHistory, event_id: str) -> Event:
    found = [e for e in history.events if e.id == event_id]
    assert len(found) == 1, [(e.id, e.date) for e in history.events]
    return found[0]
