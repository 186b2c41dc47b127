"""Runs in, load figures and warnings out: the training log's load maths (PURE: no Django).

The rules (issue 12; their sources are in runwell.training.sources):
- Only running counts. A day is the runner's local date (the caller converts the start
  time); a day's load is its running distance in km, rest days 0. Activities after
  `as_of` are ignored, so a report for a past date is what it was on that date.
- single_run_spike: a run longer than 110% of the longest run of the 30 days before its
  day (that day excluded), when those days hold a run of more than 0 km. Raised on the
  run's day, once a day, for that day's longest run.
- two_week_increase: days d-13..d hold more than 130% of days d-27..d-14, and that
  earlier fortnight holds at least 10 km.
- acwr_high: acute and chronic loads are exponentially weighted averages of daily km,
  lambda = 2/(N+1), N = 7 and 28, both 0 before the first running day and updated at the
  end of every day; their ratio exists once 28 days of history do (the first running day
  is day 1) and is warned about above 1.5. A description of change, not a risk.
- monotony_high: over the 7 days to d (rest days 0, at least 3 runs), the mean daily load
  over its population standard deviation is above 2.0.
- surface_change: rules.surface_changes (a 14-day window against the 60 days before it).
- Shoes (runwell.training.shoes): new_shoe on a pair's first run, shoe_over_limit on its
  first run at or past its limit.
The day rules are raised on the first day of each stretch of consecutive days on which
they hold. Weeks are ISO weeks (Monday to Sunday); the last one holds as_of.
"""

from __future__ import annotations

import datetime as dt
import math
from bisect import bisect_left
from collections.abc import Iterable
from operator import attrgetter

from runwell.training import events, rules, shoes
from runwell.training.records import (
    DEFAULT_SHOE_LIMIT_M,
    RUNNING,
    SURFACES,
    Activity,
    DayLoad,
    LoadHistory,
    Rotation,
    Shoe,
    ShoeStatus,
    Week,
)
from runwell.training.rules import Run

__all__ = [
    "DEFAULT_SHOE_LIMIT_M",
    "RUNNING",
    "SURFACES",
    "Activity",
    "DayLoad",
    "LoadHistory",
    "Rotation",
    "Shoe",
    "ShoeStatus",
    "Week",
    "analyse",
    "running",
    "shoe_statuses",
    "week_start",
]

WEEKS = 12
CHART_DAYS = 7 * WEEKS


def analyse(activities: Iterable[Activity], pairs: Iterable[Shoe], as_of: dt.date) -> LoadHistory:
    """Everything the load half of the report needs, from the activities up to as_of."""
    pair_list = list(pairs)
    by_id = {s.id: s for s in pair_list}
    runs = running(activities, as_of)
    totals, found = shoes.shoe_pass(runs, by_id)
    weeks = _weeks(runs, as_of)
    statuses = tuple(shoes.status(s, totals[s.id]) for s in pair_list)
    rotation = shoes.rotation(runs, by_id, weeks[0].start)
    if not runs:
        days = tuple(DayLoad(d, 0.0, None, None, None) for d in _chart_dates(as_of))
        nothing = (None, None, None, None, 0.0, ())
        return LoadHistory(as_of, None, (), weeks, days, *nothing, statuses, rotation)
    first = runs[0].activity.date
    tl = rules.timeline(runs, first, (as_of - first).days + 1)
    found += rules.spikes(runs)
    found += rules.two_week_increases(tl)
    found += rules.monotony_warnings(tl)
    found += rules.surface_changes(tl, runs)
    ratio_events, acute, chronic = rules.acwr(tl)
    found += ratio_events
    last = len(tl.daily) - 1
    return LoadHistory(
        as_of=as_of,
        first_day=first,
        events=tuple(sorted(found, key=events.sort_key)),
        weeks=weeks,
        days=_chart(tl, acute, chronic, as_of),
        acute_load=acute[last],
        chronic_load=chronic[last],
        acwr=_ratio(acute, chronic, last),
        monotony=rules.monotony_at(tl, last),
        week_m=tl.total(last - 6, last) / 1000,
        run_dates=tuple(dict.fromkeys(r.activity.date for r in runs)),
        shoes=statuses,
        rotation=rotation,
    )


def shoe_statuses(
    activities: Iterable[Activity], pairs: Iterable[Shoe], as_of: dt.date
) -> tuple[ShoeStatus, ...]:
    """Every pair's distance and status at as_of (retired ones too), without the rest."""
    pair_list = list(pairs)
    totals, _ = shoes.shoe_pass(running(activities, as_of), {s.id: s for s in pair_list})
    return tuple(shoes.status(s, totals[s.id]) for s in pair_list)


def running(activities: Iterable[Activity], as_of: dt.date) -> list[Run]:
    """The running activities up to as_of, oldest first, with their distance in mm."""
    chosen = [a for a in activities if a.sport == RUNNING and a.date <= as_of]
    chosen.sort(key=attrgetter("date", "id"))
    if not chosen:
        return []
    first = chosen[0].date.toordinal()
    runs = []
    for a in chosen:
        # rules.to_mm inlined: this loop runs for every run of every report
        if not 0 <= a.distance_m < math.inf:  # also refuses NaN
            raise rules.not_a_distance(a.distance_m, f"activity {a.id} distance")
        runs.append(Run(a.date.toordinal() - first, round(a.distance_m * 1000), a))
    return runs


def week_start(day: dt.date) -> dt.date:
    """The Monday of day's ISO week."""
    return day - dt.timedelta(days=day.weekday())


def _ratio(acute: list[float], chronic: list[float], i: int) -> float | None:
    if i + 1 < rules.ACWR_HISTORY_DAYS or chronic[i] <= 0:
        return None
    return acute[i] / chronic[i]


def _weeks(runs: list[Run], as_of: dt.date) -> tuple[Week, ...]:
    start = week_start(as_of) - dt.timedelta(weeks=WEEKS - 1)
    distance, elapsed, count = [0] * WEEKS, [0.0] * WEEKS, [0] * WEEKS
    dates = [r.activity.date for r in runs]
    for run in runs[bisect_left(dates, start) :]:
        k = (run.activity.date - start).days // 7
        distance[k] += run.mm
        elapsed[k] += run.activity.elapsed_s
        count[k] += 1
    return tuple(
        Week(start + dt.timedelta(weeks=k), distance[k] / 1000, elapsed[k], count[k])
        for k in range(WEEKS)
    )


def _chart_dates(as_of: dt.date) -> list[dt.date]:
    return [as_of - dt.timedelta(days=k) for k in range(CHART_DAYS - 1, -1, -1)]


def _chart(
    tl: rules.Timeline, acute: list[float], chronic: list[float], as_of: dt.date
) -> tuple[DayLoad, ...]:
    last = len(tl.daily) - 1
    chart = []
    for day in _chart_dates(as_of):
        i = last - (as_of - day).days
        if i < 0:
            chart.append(DayLoad(day, 0.0, None, None, None))
        else:
            ratio = _ratio(acute, chronic, i)
            chart.append(DayLoad(day, tl.daily[i] / 1000, acute[i], chronic[i], ratio))
    return tuple(chart)
