"""What counts as the same run, and how an importer's activity becomes a log row.

The same run is (a) the same file content: the importers' fingerprint, unique per runner
in the database; or (b) the same sport starting within a minute of a run already in
the log. (b) catches one run exported twice in different formats (the watch's FIT and
Strava's GPX of it), whose bytes and so fingerprints differ. Two real activities of one
sport starting within the same minute do not happen; a typed-in run at that time does
match, so importing its file later reports a duplicate rather than doubling the week.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, insort
from dataclasses import dataclass, field

from django.contrib.auth.models import User

from runwell.accounts.timezones import local_day
from runwell.training import importers, routes
from runwell.training.models import Activity, Shoe, Sport, Surface

SAME_START_S = 60.0
NO_SPORT_WARNING = "The file does not say which sport this was; it is logged as a run."


@dataclass
class SeenRuns:
    fingerprints: set[str] = field(default_factory=set)
    starts: dict[str, list[float]] = field(default_factory=dict)  # sport -> sorted epochs

    @classmethod
    def of(cls, user: User) -> SeenRuns:
        seen = cls()
        rows = Activity.objects.filter(user=user).values_list("fingerprint", "sport", "start_time")
        for fingerprint, sport, start in rows.order_by():
            seen.add(fingerprint, sport, start)
        return seen

    def holds(self, fingerprint: str, sport: str, start: dt.datetime) -> bool:
        if fingerprint and fingerprint in self.fingerprints:
            return True
        times = self.starts.get(sport, [])
        t = start.timestamp()
        k = bisect_left(times, t - SAME_START_S)
        return k < len(times) and times[k] <= t + SAME_START_S

    def add(self, fingerprint: str, sport: str, start: dt.datetime) -> None:
        if fingerprint:
            self.fingerprints.add(fingerprint)
        insort(self.starts.setdefault(sport, []), start.timestamp())


def sport_of(activity: importers.Activity) -> str:
    # Runwell is a runner's log: a file that names no sport is most likely a run, and the
    # runner can change it; the warning says so.
    return activity.sport if activity.sport in Sport.values else Sport.RUNNING


def warnings_of(activity: importers.Activity) -> list[str]:
    extra = [NO_SPORT_WARNING] if activity.sport is None else []
    return [*activity.warnings, *extra]


def to_row(
    user: User, zone: dt.tzinfo, activity: importers.Activity, shoe: Shoe | None, file: str
) -> Activity:
    start = activity.start_time.astimezone(dt.UTC)
    return Activity(
        user=user,
        sport=sport_of(activity),
        start_time=start,
        local_date=local_day(start, zone),
        distance_m=activity.distance_m or 0.0,
        elapsed_s=activity.elapsed_s,
        moving_s=activity.moving_s,
        elevation_gain_m=activity.elevation_gain_m,
        avg_hr=_heart_rate(activity.avg_hr),
        max_hr=_heart_rate(activity.max_hr),
        surface=activity.surface if activity.surface in Surface.values else "",
        shoe=shoe,
        name=(activity.name or "")[:200],
        notes=activity.notes or "",
        source_format=activity.source_format,
        source_file=file[:500],
        fingerprint=activity.fingerprint,
        route=routes.encode(activity.route),
        points=activity.points,
        warnings=warnings_of(activity),
    )


def _heart_rate(value: int | None) -> int | None:
    return value if value is not None and 20 <= value <= 260 else None
