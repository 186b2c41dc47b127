"""From what a file says to an `Activity`: choosing totals, checking times, adding Strava's words.

PURE: no Django.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from runwell.training.importers.model import Activity, StravaRow
from runwell.training.importers.track import MIN_TIME, PointStats

FUTURE_SLACK_S = 86_400.0  # a device clock a little ahead is not absurd; a day is
LONG_ACTIVITY_S = 7 * 86_400.0


class Refused(ValueError):
    """The file was read but its activity cannot be logged; the message says why."""


@dataclass(slots=True)
class Totals:
    """The file's own totals (FIT session or laps, TCX laps). Times in POSIX seconds."""

    start: float | None = None
    elapsed_s: float | None = None
    moving_s: float | None = None
    distance_m: float | None = None
    elevation_gain_m: float | None = None
    avg_hr: int | None = None
    max_hr: int | None = None


@dataclass(slots=True)
class Draft:
    """One activity as read, before it is checked."""

    source_format: str
    totals: Totals
    stats: PointStats
    sport: str | None = None
    surface: str | None = None
    name: str | None = None
    warnings: list[str] = field(default_factory=list)


def latest_time(now: datetime | None = None) -> float:
    """The latest believable time: now plus a day of clock error."""
    return (now or datetime.now(UTC)).timestamp() + FUTURE_SLACK_S


def _day(t: float) -> str:
    try:
        return datetime.fromtimestamp(t, UTC).strftime("%Y-%m-%d %H:%M UTC")
    except (OverflowError, OSError, ValueError):
        return "an impossible date"


def _start(draft: Draft, latest: float) -> float:
    totals, stats = draft.totals, draft.stats
    start = totals.start
    if start is not None and not MIN_TIME <= start <= latest and stats.first is not None:
        draft.warnings.append(
            f"The file's own start time ({_day(start)}) is impossible; "
            "its first point's time was used."
        )
        start = stats.first
    if start is None:
        start = stats.first
    if start is None and stats.impossible_time is not None:
        start = stats.impossible_time  # every point was impossible: say which date
    if start is None:
        raise Refused("The file holds no usable time, so the activity cannot be placed in the log.")
    if start < MIN_TIME:
        raise Refused(
            f"The file says this activity started on {_day(start)}, before 1980: the device's "
            "clock was probably not set, so it was not imported."
        )
    if start > latest:
        raise Refused(
            f"The file says this activity started on {_day(start)}, in the future: the device's "
            "clock was probably wrong, so it was not imported."
        )
    return start


def _elapsed(draft: Draft, start: float) -> float:
    totals, stats = draft.totals, draft.stats
    if stats.samples >= 2 and stats.first == stats.last:
        message = f"All {stats.samples:,} points carry the same time ({_day(start)})"
        if not totals.elapsed_s:
            raise Refused(message + ", so the activity has no duration; it was not imported.")
        draft.warnings.append(message + "; the file's own totals were used.")
    elapsed = totals.elapsed_s
    if elapsed is None and stats.first is not None and stats.last is not None:
        elapsed = stats.last - min(start, stats.first)
    if not elapsed or elapsed <= 0:
        raise Refused("The file holds a single moment, so the activity has no duration.")
    if elapsed > LONG_ACTIVITY_S:
        draft.warnings.append(
            f"The activity lasts {elapsed / 86_400:.0f} days; some of its times may be wrong."
        )
    return elapsed


def _first(*values: float | None) -> float | None:
    return next((v for v in values if v is not None), None)


def finish(
    draft: Draft, fingerprint: str, strava: StravaRow | None, latest: float, route_cap: int
) -> Activity:
    """The checked activity; raises `Refused` when its times are impossible."""
    totals, stats = draft.totals, draft.stats
    start = _start(draft, latest)
    elapsed = _elapsed(draft, start)
    moving = _first(totals.moving_s, stats.moving_s)
    if moving is not None:
        moving = min(moving, elapsed)
    distance = _first(totals.distance_m, stats.distance_m)
    gain = _first(totals.elevation_gain_m, stats.elevation_gain_m)
    avg_hr = totals.avg_hr if totals.avg_hr is not None else stats.avg_hr
    max_hr = totals.max_hr if totals.max_hr is not None else stats.max_hr
    sport, surface, name = draft.sport, draft.surface, draft.name
    gear = notes = None
    if strava is not None:
        sport = strava.sport or sport
        surface = strava.surface or surface
        name = strava.name or name
        gear, notes = strava.gear, strava.description
    return Activity(
        sport=sport,
        start_time=datetime.fromtimestamp(start, UTC),
        distance_m=None if distance is None else round(distance, 2),
        elapsed_s=round(elapsed, 3),
        moving_s=None if moving is None else round(moving, 3),
        elevation_gain_m=None if gain is None else round(gain, 1),
        avg_hr=avg_hr,
        max_hr=max_hr,
        source_format=draft.source_format,
        fingerprint=fingerprint,
        points=stats.points,
        route=stats.route[:route_cap],
        name=name,
        gear=gear,
        notes=notes,
        surface=surface,
        warnings=tuple(dict.fromkeys(draft.warnings + stats.warnings)),
    )
