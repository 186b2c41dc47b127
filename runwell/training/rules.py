"""The load rules over a day-indexed timeline of running (PURE: no Django).

Each rule is one linear pass. Distances are whole millimetres, so window sums from
the prefix sums are exact and thresholds compare by cross-multiplying integers:
"more than 110%" is `run * 10 > longest * 11`, never a float that could land on
either side of the line. Only the exponentially weighted loads are floats.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import operator
from collections import deque
from dataclasses import dataclass

from runwell.training import events
from runwell.training.events import Event
from runwell.training.records import SURFACES, Activity
from runwell.training.wording import share

SPIKE_LOOKBACK_DAYS = 30
TWO_WEEK_FLOOR_MM = 10_000_000  # 10 km in the earlier fortnight
ACUTE_DAYS, CHRONIC_DAYS = 7, 28
ACWR_LIMIT = 1.5
ACWR_HISTORY_DAYS = 28
MONOTONY_MIN_RUNS = 3
SURFACE_WINDOW_DAYS = 14
SURFACE_BASELINE_DAYS = 60


@dataclass(slots=True)
class Run:
    index: int  # days since the first running day
    mm: int
    activity: Activity
    shoe_mm: int | None = None  # its shoe's distance after this run, once known


@dataclass(frozen=True, slots=True)
class Timeline:
    """Running per day from the first running day (index 0) to as_of (the last index)."""

    first: dt.date
    daily: list[int]
    sums: list[int]  # sums[k] is the distance of the days before k
    squares: list[int]  # the same for squared daily distances
    counts: list[int]  # the same for the number of runs

    def date(self, index: int) -> dt.date:
        return self.first + dt.timedelta(days=index)

    def total(self, lo: int, hi: int) -> int:
        """Distance of days lo..hi inclusive; days before the first running day hold 0."""
        return self.sums[hi + 1] - self.sums[max(lo, 0)]

    def runs(self, lo: int, hi: int) -> int:
        return self.counts[hi + 1] - self.counts[max(lo, 0)]


def to_mm(distance_m: float, what: str) -> int:
    """Metres to whole millimetres, refusing what cannot be a distance."""
    if not 0 <= distance_m < math.inf:  # also refuses NaN
        raise not_a_distance(distance_m, what)
    return round(distance_m * 1000)


def not_a_distance(distance_m: float, what: str) -> ValueError:
    return ValueError(f"{what}: must be a number of metres, 0 or more; got {distance_m!r}")


def timeline(runs: list[Run], first: dt.date, days: int) -> Timeline:
    daily, counts = [0] * days, [0] * days
    for run in runs:
        daily[run.index] += run.mm
        counts[run.index] += 1
    return Timeline(
        first,
        daily,
        list(itertools.accumulate(daily, initial=0)),
        list(itertools.accumulate((mm * mm for mm in daily), initial=0)),
        list(itertools.accumulate(counts, initial=0)),
    )


def rolling(prefix: list[int], size: int) -> list[int]:
    """For every day i, the sum over days i-size+1..i, from a prefix sum (a list at a time).

    Days before the first running day hold 0. For day i, the days before a window of
    `size` ending on i are rolling(prefix, size)[i - size] once i >= size.
    """
    n = len(prefix) - 1
    before = ([prefix[0]] * (size - 1) + prefix[: max(n - size + 1, 0)])[:n]
    return list(map(operator.sub, prefix[1:], before))


# --- single_run_spike ----------------------------------------------------------


def spikes(runs: list[Run]) -> list[Event]:
    """single_run_spike, at most once a day, for the day's longest run.

    A monotonic queue keeps the longest run of the last 30 days in front, so the pass
    is linear in the number of running days. A 0 km entry is not a run to compare
    against (anything is "longer" than nothing).
    """
    found: list[Event] = []
    recent: deque[Run] = deque()  # each shorter than the one before it
    for run in _longest_each_day(runs):
        index = run.index
        while recent and recent[0].index < index - SPIKE_LOOKBACK_DAYS:
            recent.popleft()
        if recent and recent[0].mm > 0 and run.mm * 10 > recent[0].mm * 11:
            longest = recent[0]
            found.append(
                events.single_run_spike(
                    run.activity.date, run.mm, longest.mm, longest.activity.date, run.shoe_mm
                )
            )
        while recent and recent[-1].mm <= run.mm:
            recent.pop()
        recent.append(run)
    return found


def _longest_each_day(runs: list[Run]) -> list[Run]:
    best: list[Run] = []
    for run in runs:
        if best and best[-1].index == run.index:
            if run.mm > best[-1].mm:
                best[-1] = run
        else:
            best.append(run)
    return best


# --- two_week_increase -----------------------------------------------------------


def two_week_increases(tl: Timeline) -> list[Event]:
    fortnights = rolling(tl.sums, 14)
    found: list[Event] = []
    before = False
    # On day i the recent fortnight is fortnights[i], the earlier one fortnights[i - 14];
    # before day 14 the earlier fortnight is empty, so nothing can hold there.
    for i, (recent, earlier) in enumerate(zip(fortnights[14:], fortnights, strict=False), 14):
        now = earlier >= TWO_WEEK_FLOOR_MM and recent * 10 > earlier * 13
        if now and not before:
            found.append(events.two_week_increase(tl.date(i), recent, earlier))
        before = now
    return found


# --- acwr_high -------------------------------------------------------------------


def acwr(tl: Timeline) -> tuple[list[Event], list[float], list[float]]:
    """acwr_high, and the acute and chronic loads (km a day) at the end of every day."""
    a_rate, c_rate = 2 / (ACUTE_DAYS + 1), 2 / (CHRONIC_DAYS + 1)
    a_keep, c_keep = 1 - a_rate, 1 - c_rate
    acute_now = chronic_now = 0.0
    acute: list[float] = []
    chronic: list[float] = []
    starts: list[int] = []
    before = False
    shown_from = ACWR_HISTORY_DAYS - 1
    for i, mm in enumerate(tl.daily):
        load = mm / 1e6
        acute_now = a_rate * load + a_keep * acute_now
        chronic_now = c_rate * load + c_keep * chronic_now
        acute.append(acute_now)
        chronic.append(chronic_now)
        now = i >= shown_from and chronic_now > 0 and acute_now / chronic_now > ACWR_LIMIT
        if now and not before:
            starts.append(i)
        before = now
    return [_acwr_event(tl, i, acute[i] / chronic[i]) for i in starts], acute, chronic


def _acwr_event(tl: Timeline, i: int, ratio: float) -> Event:
    # The absolute figures beside the ratio: this week, and the average week before it.
    before_days = min(28, i - 6)
    usual = tl.total(i - 34, i - 7) * 7 / before_days
    return events.acwr_high(tl.date(i), ratio, tl.total(i - 6, i), usual)


# --- monotony_high ---------------------------------------------------------------


def monotony_at(tl: Timeline, i: int) -> float | None:
    """Foster's monotony of the 7 days to day i: mean / population SD, rest days 0.

    With S the week's sum and Q its sum of squares, mean / SD = S / sqrt(7Q - S^2).
    None with fewer than 3 runs; infinite when all 7 days are equal (no spread).
    """
    if tl.runs(i - 6, i) < MONOTONY_MIN_RUNS:
        return None
    lo = max(i - 6, 0)
    s, q = tl.sums[i + 1] - tl.sums[lo], tl.squares[i + 1] - tl.squares[lo]
    spread = 7 * q - s * s
    return s / math.sqrt(spread) if spread > 0 else math.inf


def monotony_warnings(tl: Timeline) -> list[Event]:
    weeks = zip(rolling(tl.counts, 7), rolling(tl.sums, 7), rolling(tl.squares, 7), strict=True)
    found: list[Event] = []
    before = False
    for i, (runs, s, q) in enumerate(weeks):
        # mean / SD > 2, squared and multiplied out so that it is decided exactly
        now = runs >= MONOTONY_MIN_RUNS and 5 * s * s > 28 * q
        if now and not before:
            value = monotony_at(tl, i)
            assert value is not None  # the rule held, so there were enough runs
            found.append(events.monotony_high(tl.date(i), value, s, runs))
        before = now
    return found


# --- surface_change --------------------------------------------------------------


def surface_changes(tl: Timeline, runs: list[Run]) -> list[Event]:
    """surface_change: a shift onto surfaces that were rare before.

    The window is the 14 days d-13..d (the span of the two-week rule); the baseline is
    the 60 days before it (d-73..d-14). Surfaces that made up less than 20% of the
    baseline's distance are rare; the rule holds when rare surfaces make up at least 30%
    of the window's distance. Only runs with a surface recorded count, on both sides,
    and the baseline must hold some of them.
    """
    n = len(tl.daily)
    per_day: dict[str, list[int]] = {}
    for run in runs:
        surface = run.activity.surface
        if surface in SURFACES and run.mm > 0:
            if surface not in per_day:
                per_day[surface] = [0] * n
            per_day[surface][run.index] += run.mm
    if len(per_day) < 2:
        return []  # one surface is all of any baseline it is in, so never rare
    w, b = SURFACE_WINDOW_DAYS, SURFACE_BASELINE_DAYS
    if n <= w:
        return []
    names = sorted(per_day, key=SURFACES.index)
    prefix = [list(itertools.accumulate(per_day[s], initial=0)) for s in names]
    # Each surface's window sums and baseline sums, a list at a time; the baseline of day i
    # is the 60-day window that ended on day i - 14. Only the stretch test loops in Python.
    spans = [(rolling(p, w)[w:], rolling(p, b)) for p in prefix]
    window_mm = list(map(sum, zip(*(window for window, _ in spans), strict=True)))
    baseline_mm = list(
        map(sum, zip(*(baseline[: len(window_mm)] for _, baseline in spans), strict=True))
    )
    rare_parts = [
        [
            wv if bv * 5 < total else 0
            for wv, bv, total in zip(window, baseline, baseline_mm, strict=False)
        ]
        for window, baseline in spans
    ]
    new_mm = list(map(sum, zip(*rare_parts, strict=True)))
    found: list[Event] = []
    before = False
    for k, (new, total, base) in enumerate(zip(new_mm, window_mm, baseline_mm, strict=True)):
        now = total > 0 and base > 0 and new * 10 >= total * 3
        if now and not before:
            i = k + w
            at = (i + 1, i - w + 1, max(i - w - b + 1, 0))
            found.append(_surface_event(tl.date(i), names, prefix, at))
        before = now
    return found


def _surface_event(
    date: dt.date, names: list[str], prefix: list[list[int]], at: tuple[int, int, int]
) -> Event:
    hi, mid, lo = at
    window = {s: p[hi] - p[mid] for s, p in zip(names, prefix, strict=True)}
    baseline = {s: p[mid] - p[lo] for s, p in zip(names, prefix, strict=True)}
    baseline_mm = sum(baseline.values())
    rare = [s for s in names if window[s] and baseline[s] * 5 < baseline_mm]
    rare.sort(key=lambda s: -window[s])
    before = share(sum(baseline[s] for s in rare), baseline_mm)
    new_mm = sum(window[s] for s in rare)
    return events.surface_change(date, rare, new_mm, sum(window.values()), before)
