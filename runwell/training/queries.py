"""Read-side queries for the training pages (constant in number, whatever the log's size)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.db.models import Q, QuerySet, Sum

from runwell.training.access import activities_of, shoes_of
from runwell.training.models import Activity, Shoe, Sport


def week_start(day: dt.date) -> dt.date:
    """The Monday of day's ISO week."""
    return day - dt.timedelta(days=day.weekday())


@dataclass
class WeekTotals:
    start: dt.date
    distance_m: float = 0.0
    elapsed_s: float = 0.0
    count: int = 0
    activities: list[Activity] = field(default_factory=list)

    @property
    def end(self) -> dt.date:
        return self.start + dt.timedelta(days=6)


def log_activities(user: User, sport: str | None) -> QuerySet[Activity]:
    rows = activities_of(user).select_related("shoe").order_by("-local_date", "-start_time", "-id")
    return rows.filter(sport=sport) if sport else rows


def weeks_for(user: User, sport: str | None, page: list[Activity]) -> list[WeekTotals]:
    """The page's activities grouped by week, with each week's whole totals (one query)."""
    if not page:
        return []
    first = week_start(min(a.local_date for a in page))
    last = week_start(max(a.local_date for a in page)) + dt.timedelta(days=6)
    rows = activities_of(user).filter(local_date__range=(first, last))
    if sport:
        rows = rows.filter(sport=sport)
    weeks: dict[dt.date, WeekTotals] = {}
    for day, distance, elapsed in rows.values_list("local_date", "distance_m", "elapsed_s"):
        week = weeks.setdefault(week_start(day), WeekTotals(week_start(day)))
        week.distance_m += distance
        week.elapsed_s += elapsed
        week.count += 1
    for activity in page:
        weeks[week_start(activity.local_date)].activities.append(activity)
    return [weeks[k] for k in sorted({week_start(a.local_date) for a in page}, reverse=True)]


def shoes_with_distance(user: User) -> QuerySet[Shoe]:
    """Each pair with `run_m`: the running logged in it (other sports do not wear it down)."""
    running = Sum("activity__distance_m", filter=Q(activity__sport=Sport.RUNNING), default=0.0)
    return shoes_of(user).annotate(run_m=running).order_by("retired", "name", "id")


def run_m(shoe: Shoe) -> float:
    """The `run_m` that shoes_with_distance annotated."""
    return float(getattr(shoe, "run_m", 0.0))
