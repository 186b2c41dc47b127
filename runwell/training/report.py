"""The training report: load, warnings, shoes and insights in one call (PURE: no Django).

build_report(activities, shoes, pain, as_of).as_json() is exactly the body of
GET /api/v1/training/report (PRODUCT.md). The dashboard uses the same Report and the
extras that are not in the contract: the day-by-day chart, the rotation share, the
sources and the insights' sentences.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from runwell.training import insights, load
from runwell.training.events import WARNING_IDS, Event
from runwell.training.insights import Episode, Insight, PainEntry
from runwell.training.records import Activity, LoadHistory, Shoe, ShoeStatus, Week

WARNING_DAYS = 28


@dataclass(frozen=True)
class Report:
    as_of: dt.date
    weeks: tuple[Week, ...]
    acute_load: float | None  # km a day (exponentially weighted, 7 days)
    chronic_load: float | None  # km a day (exponentially weighted, 28 days)
    acwr: float | None
    monotony: float | None
    warnings: tuple[Event, ...]  # raised in the 28 days to as_of, oldest first
    shoes: tuple[ShoeStatus, ...]  # the pairs not retired
    insights: tuple[Insight, ...]  # newest episode first
    history: LoadHistory  # the chart days, rotation, every event, this week's distance
    open_episode: Episode | None

    def as_json(self) -> dict[str, Any]:
        """Exactly the report contract, ready for a JSON encoder."""
        return {
            "as_of": self.as_of.isoformat(),
            "weeks": [week.as_json() for week in self.weeks],
            "acute_load": _number(self.acute_load),
            "chronic_load": _number(self.chronic_load),
            "acwr": _number(self.acwr),
            "monotony": _number(self.monotony),
            "warnings": [warning.as_json() for warning in self.warnings],
            "shoes": [shoe.as_json() for shoe in self.shoes],
            "insights": [insight.as_json() for insight in self.insights],
        }


def _number(value: float | None) -> float | None:
    # An infinite monotony (seven equal days) has no JSON number; the warning explains it.
    return None if value is None or not math.isfinite(value) else round(value, 3)


def build_report(
    activities: Iterable[Activity],
    shoes: Iterable[Shoe],
    pain: Iterable[PainEntry],
    as_of: dt.date,
) -> Report:
    history = load.analyse(activities, shoes, as_of)
    found = tuple(insights.insights(pain, history))
    since = as_of - dt.timedelta(days=WARNING_DAYS - 1)
    return Report(
        as_of=as_of,
        weeks=history.weeks,
        acute_load=history.acute_load,
        chronic_load=history.chronic_load,
        acwr=history.acwr,
        monotony=history.monotony,
        warnings=tuple(e for e in history.events if e.id in WARNING_IDS and e.date >= since),
        shoes=tuple(s for s in history.shoes if not s.retired),
        insights=found,
        history=history,
        open_episode=found[0].episode if found and found[0].episode.is_open else None,
    )
