"""Warnings and changes as a runner reads them (PURE: no Django).

Each event carries a full message (a sentence or two with absolute figures and
its source named), a shorter phrase that insights weave into "your pain began
6 days after ...", and the Source behind it.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from runwell.training import sources, wording
from runwell.training.sources import Source
from runwell.training.wording import day, km, percent_more, share, whole_km

# The order of the report contract; events of one day are listed in this order.
EVENT_IDS = (
    "single_run_spike",
    "two_week_increase",
    "acwr_high",
    "monotony_high",
    "shoe_over_limit",
    "new_shoe",
    "surface_change",
)
# Ids the report lists as warnings; new_shoe and surface_change are changes only.
WARNING_IDS = frozenset(EVENT_IDS[:5])
ORDER = {event_id: i for i, event_id in enumerate(EVENT_IDS)}


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    date: dt.date
    message: str
    phrase: str
    source: Source

    def as_json(self) -> dict[str, str]:
        """Exactly the report contract's warning / change object."""
        return {"id": self.id, "date": self.date.isoformat(), "message": self.message}


def sort_key(event: Event) -> tuple[dt.date, int, str]:
    return (event.date, ORDER[event.id], event.message)


def single_run_spike(
    date: dt.date, run_mm: int, longest_mm: int, longest_date: dt.date, shoe_mm: int | None
) -> Event:
    more = percent_more(run_mm, longest_mm)
    worn = "" if shoe_mm is None else f", on shoes with {whole_km(shoe_mm)}"
    message = (
        f"On {day(date)} you ran {km(run_mm)}, {more} longer than your longest run in the "
        f"previous 30 days ({km(longest_mm)} on {day(longest_date)}). In a study of 5,205 "
        "runners, single runs over 110% of the longest run of the previous 30 days were "
        "followed by more overuse injuries (BJSM 2025)."
    )
    phrase = f"a {km(run_mm)} run, {more} longer than any in the month before{worn}"
    return Event("single_run_spike", date, message, phrase, sources.SINGLE_RUN_SPIKE)


def two_week_increase(date: dt.date, recent_mm: int, earlier_mm: int) -> Event:
    more = percent_more(recent_mm, earlier_mm)
    message = (
        f"In the 2 weeks to {day(date)} you ran {km(recent_mm)}, {more} more than in the "
        f"2 weeks before ({km(earlier_mm)}). In a study of 874 novice runners, growing distance "
        "by more than 30% over 2 weeks went with more distance-related injuries, such as "
        "knee-cap pain, shin splints and iliotibial band syndrome, though the link was not "
        "statistically certain (Nielsen 2014)."
    )
    phrase = f"a {more} rise in distance over 2 weeks ({km(recent_mm)} after {km(earlier_mm)})"
    return Event("two_week_increase", date, message, phrase, sources.TWO_WEEK_INCREASE)


def acwr_high(date: dt.date, ratio: float, week_mm: int, usual_week_mm: float) -> Event:
    message = (
        f"In the 7 days to {day(date)} you ran {km(week_mm)}, against {km(usual_week_mm)} a "
        f"week on average before that: your acute:chronic ratio rose to {ratio:.2f}, above 1.5. "
        "The ratio describes how much your running changed, not a risk of injury; its link to "
        "injury is disputed (Williams 2017; Gabbett 2016; Impellizzeri 2020; Lolli 2019)."
    )
    phrase = (
        f"a jump in your running ({km(week_mm)} in 7 days against {km(usual_week_mm)} a week "
        f"before; acute:chronic ratio {ratio:.2f})"
    )
    return Event("acwr_high", date, message, phrase, sources.ACWR)


def monotony_high(date: dt.date, monotony: float, week_mm: int, runs: int) -> Event:
    if math.isinf(monotony):
        figure = "the same distance every day, so there was no variation at all"
        short = "the same distance every day"
    else:
        figure = f"monotony {monotony:.1f}, above 2.0"
        short = f"monotony {monotony:.1f}"
    message = (
        f"In the 7 days to {day(date)} your running hardly varied from day to day: {runs} runs, "
        f"{km(week_mm)} in all, {figure}. Monotony is a week's mean daily distance divided by "
        "its standard deviation (Foster 1998); the 2.0 threshold is common coaching practice, "
        "not Foster's. Varying the distance from day to day, with rest days, lowers it."
    )
    phrase = f"a week of very uniform running ({runs} runs, {short})"
    return Event("monotony_high", date, message, phrase, sources.MONOTONY)


def new_shoe(date: dt.date, name: str, start_mm: int) -> Event:
    already = f", which already had {whole_km(start_mm)} on them" if start_mm > 0 else ""
    message = f"On {day(date)} you first ran in {name}{already}."
    phrase = f"you started running in new shoes ({name})"
    return Event("new_shoe", date, message, phrase, sources.NEW_SHOES)


def shoe_over_limit(date: dt.date, name: str, total_mm: int, limit_mm: int) -> Event:
    message = (
        f"On {day(date)} your {name} reached {whole_km(total_mm)}, past the "
        f"{whole_km(limit_mm)} you set as their limit. Check their cushioning and the wear of "
        "the soles; the usual advice to replace shoes after 480-800 km is expert advice, not a "
        "trial result."
    )
    phrase = f"your shoes ({name}) went past their {whole_km(limit_mm)} limit"
    return Event("shoe_over_limit", date, message, phrase, sources.SHOE_LIMIT)


def surface_change(
    date: dt.date, names: list[str], new_mm: int, window_mm: int, before_share: str
) -> Event:
    where = wording.surfaces(names)
    now = share(new_mm, window_mm)
    message = (
        f"In the 14 days to {day(date)}, {now} of your running ({km(new_mm)} of "
        f"{km(window_mm)}) was on {where}, against {before_share} in the 60 days before. "
        "Runwell points out a change of surface as something that changed; the evidence "
        "linking running surfaces to injury is weak."
    )
    phrase = f"a move to {where} ({now} of 2 weeks' running, from {before_share} before)"
    return Event("surface_change", date, message, phrase, sources.SURFACE_CHANGE)
