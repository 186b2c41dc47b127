"""What the training log can answer in the pain check, and where each answer came from (PURE).

Three questions of the pain check (paincheck/CONTRACT.md) can be filled in from a
logged-in runner's log. Each helper returns a Prefill: a value (None when the log
cannot answer, so the question is left to the runner) and a sentence saying where it
came from or why it was left empty.
- mileage_increase_pct: running in the 4 weeks to as_of against the 4 weeks before,
  rounded down, 0 for a decrease, at most 500 (the question's range). Left empty when
  the log starts after the first of those 8 weeks or holds no running in the earlier 4.
- shoe_km: the distance now on the pair of the latest run that names one, at most 5000.
- terrain: the surface with the most distance in the 4 weeks to as_of, mapped onto the
  question's options. trail, mixed and track -> soft_or_mixed (the option's own words:
  "Soft or mixed ground (trails, grass, track)"); road -> hard_flat (a guess: the log
  records no hills, so a hilly road runner should pick hard_hilly); treadmill -> left
  empty (the log records no incline, and incline_treadmill is about running uphill).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from runwell.training import load, rules
from runwell.training.records import SURFACES, Activity, Shoe
from runwell.training.rules import Run
from runwell.training.wording import day, km, share, surfaces, whole_km

PERIOD_DAYS = 28
MAX_INCREASE_PCT = 500
MAX_SHOE_KM = 5000
TERRAIN = {
    "trail": "soft_or_mixed",
    "mixed": "soft_or_mixed",
    "track": "soft_or_mixed",
    "road": "hard_flat",
}


@dataclass(frozen=True, slots=True)
class Prefill:
    value: int | str | None  # None: the log cannot answer; the runner does
    source: str  # where the value came from, or why there is none


@dataclass(frozen=True, slots=True)
class PainCheckPrefill:
    mileage_increase_pct: Prefill
    shoe_km: Prefill
    terrain: Prefill

    def answers(self) -> dict[str, int | str]:
        """The filled-in answers, keyed by pain-check question id."""
        named = {
            "mileage_increase_pct": self.mileage_increase_pct,
            "shoe_km": self.shoe_km,
            "terrain": self.terrain,
        }
        return {key: p.value for key, p in named.items() if p.value is not None}


def prefill(
    activities: Iterable[Activity], shoes: Iterable[Shoe], as_of: dt.date
) -> PainCheckPrefill:
    runs = load.running(activities, as_of)
    return PainCheckPrefill(
        _mileage(runs, as_of), _shoe_km(runs, list(shoes)), _terrain(runs, as_of)
    )


def mileage_increase_pct(activities: Iterable[Activity], as_of: dt.date) -> Prefill:
    return _mileage(load.running(activities, as_of), as_of)


def shoe_km(activities: Iterable[Activity], shoes: Iterable[Shoe], as_of: dt.date) -> Prefill:
    return _shoe_km(load.running(activities, as_of), list(shoes))


def terrain(activities: Iterable[Activity], as_of: dt.date) -> Prefill:
    return _terrain(load.running(activities, as_of), as_of)


def _between(runs: Sequence[Run], first: dt.date, last: dt.date) -> int:
    return sum(r.mm for r in runs if first <= r.activity.date <= last)


def _mileage(runs: Sequence[Run], as_of: dt.date) -> Prefill:
    recent_from = as_of - dt.timedelta(days=PERIOD_DAYS - 1)
    earlier_from = recent_from - dt.timedelta(days=PERIOD_DAYS)
    if not runs or runs[0].activity.date > earlier_from:
        return Prefill(None, "Not filled in: your training log does not reach back 8 weeks yet.")
    recent = _between(runs, recent_from, as_of)
    earlier = _between(runs, earlier_from, recent_from - dt.timedelta(days=1))
    if earlier == 0:
        return Prefill(
            None, "Not filled in: your log has no running in the 4 weeks before the last 4."
        )
    change = recent * 100 // earlier - 100
    value = min(max(change, 0), MAX_INCREASE_PCT)
    if change > MAX_INCREASE_PCT:
        how = f"up more than {MAX_INCREASE_PCT}%"
    elif change >= 0:
        how = f"up {change}%"
    else:
        how = f"down {-change}%, so 0"
    return Prefill(
        value,
        f"From your training log: {km(recent)} in the 4 weeks to {day(as_of)} against "
        f"{km(earlier)} in the 4 weeks before ({how}).",
    )


def _shoe_km(runs: Sequence[Run], shoes: list[Shoe]) -> Prefill:
    by_id = {s.id: s for s in shoes}
    latest = next((r for r in reversed(runs) if r.activity.shoe in by_id), None)
    if latest is None or latest.activity.shoe is None:
        return Prefill(None, "Not filled in: none of your logged runs names a pair of shoes.")
    shoe = by_id[latest.activity.shoe]
    before = rules.to_mm(shoe.start_m, f"shoe {shoe.id} starting distance")
    total = before + sum(r.mm for r in runs if r.activity.shoe == shoe.id)
    had = f", including {whole_km(before)} before you logged them" if before else ""
    return Prefill(
        min(round(total / 1e6), MAX_SHOE_KM),
        f"From your training log: {shoe.name}, worn on your run of {day(latest.activity.date)}, "
        f"have {whole_km(total)}{had}.",
    )


def _terrain(runs: Sequence[Run], as_of: dt.date) -> Prefill:
    since = as_of - dt.timedelta(days=PERIOD_DAYS - 1)
    per_surface: dict[str, int] = {}
    for run in runs:
        surface = run.activity.surface
        if run.activity.date >= since and surface in SURFACES and run.mm > 0:
            per_surface[surface] = per_surface.get(surface, 0) + run.mm
    if not per_surface:
        return Prefill(None, "Not filled in: no run of the last 4 weeks records its surface.")
    main = max(sorted(per_surface), key=per_surface.__getitem__)
    part = share(per_surface[main], sum(per_surface.values()))
    where = f"{part} of your running in the last 4 weeks was on {surfaces([main])}"
    if main == "treadmill":
        return Prefill(
            None,
            f"Not filled in: {where}, and the log does not record its incline; choose "
            "'inclined treadmill' only if you mostly run uphill on it.",
        )
    guess = (
        " The log records no hills: if your roads are hilly, choose that instead."
        if main == "road"
        else ""
    )
    return Prefill(TERRAIN[main], f"From your training log: {where}.{guess}")
