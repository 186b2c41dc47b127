"""Shoes: their distance, their limit and how much one pair carries (PURE: no Django).

A pair's distance is its starting distance plus its running (other sports worn in
them do not count, as everywhere in the load maths). near_limit from 90% of its
limit, over_limit from 100%. The limit is the runner's own; the usual 480-800 km is
expert advice, not a trial result.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from runwell.training import events
from runwell.training.events import Event
from runwell.training.records import Rotation, Shoe, ShoeStatus
from runwell.training.rules import Run, to_mm
from runwell.training.wording import km, share

ROTATION_NOTE = (
    "Runners who used more than one pair in parallel had a lower injury hazard in one "
    "observational study (Malisoux 2015)."
)


def shoe_pass(runs: list[Run], shoes: Mapping[int, Shoe]) -> tuple[dict[int, int], list[Event]]:
    """Each pair's distance (mm) after all the runs, and the new_shoe / shoe_over_limit events.

    Also notes on each run its pair's distance after it ("on shoes with 780 km").
    Runs naming a shoe that is not in `shoes` are left alone.
    """
    totals = {s.id: to_mm(s.start_m, f"shoe {s.id} starting distance") for s in shoes.values()}
    limits = {s.id: _limit_mm(s) for s in shoes.values()}
    found: list[Event] = []
    started: set[int] = set()
    over: set[int] = set()
    for run in runs:
        shoe_id = run.activity.shoe
        if shoe_id is None or shoe_id not in totals:
            continue
        name = shoes[shoe_id].name
        if shoe_id not in started:
            started.add(shoe_id)
            found.append(events.new_shoe(run.activity.date, name, totals[shoe_id]))
        totals[shoe_id] += run.mm
        run.shoe_mm = totals[shoe_id]
        if shoe_id not in over and totals[shoe_id] >= limits[shoe_id]:
            over.add(shoe_id)
            found.append(
                events.shoe_over_limit(run.activity.date, name, totals[shoe_id], limits[shoe_id])
            )
    return totals, found


def _limit_mm(shoe: Shoe) -> int:
    limit = to_mm(shoe.limit_m, f"shoe {shoe.id} limit")
    if limit <= 0:
        raise ValueError(f"shoe {shoe.id} limit: must be more than 0 m; got {shoe.limit_m!r}")
    return limit


def status(shoe: Shoe, total_mm: int) -> ShoeStatus:
    limit = _limit_mm(shoe)
    if total_mm >= limit:
        label = "over_limit"
    elif total_mm * 10 >= limit * 9:
        label = "near_limit"
    else:
        label = "ok"
    return ShoeStatus(shoe.id, shoe.name, total_mm / 1000, shoe.limit_m, label, shoe.retired)


def rotation(runs: list[Run], shoes: Mapping[int, Shoe], since: dt.date) -> Rotation | None:
    """The share of running since `since` on the most used pair, of the runs naming a pair."""
    per_shoe: dict[int, int] = {}
    for run in reversed(runs):
        if run.activity.date < since:
            break
        shoe_id = run.activity.shoe
        if shoe_id is not None and shoe_id in shoes and run.mm > 0:
            per_shoe[shoe_id] = per_shoe.get(shoe_id, 0) + run.mm
    if not per_shoe:
        return None
    total = sum(per_shoe.values())
    top = max(sorted(per_shoe), key=per_shoe.__getitem__)
    name = shoes[top].name
    if len(per_shoe) == 1:
        message = (
            f"All your running with shoes recorded in the last 12 weeks ({km(total)}) was in "
            f"one pair, {name}. {ROTATION_NOTE}"
        )
    else:
        message = (
            f"{name} carried {share(per_shoe[top], total)} of your running with shoes recorded "
            f"in the last 12 weeks ({km(per_shoe[top])} of {km(total)}), across "
            f"{len(per_shoe)} pairs. {ROTATION_NOTE}"
        )
    return Rotation(
        top, name, per_shoe[top] / total, len(per_shoe), per_shoe[top] / 1000, total / 1000, message
    )
