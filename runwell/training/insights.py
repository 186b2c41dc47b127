"""Pain diary x load history in, explanations out (PURE: no Django).

A pain episode (Runwell's own thresholds, not a study's): a score of 3/10 or more on at
least 2 days within 7 days (the two days at most 6 days apart). It starts on the first of
those days and goes on while each such score comes within 7 days of the one before; 7
days in a row without one end it. Its `end` is the last day with such a score, and None
while the episode is still open (fewer than 7 days without one up to as_of).

Its changes are every warning and change (load.analyse's events) dated in the 21 days
up to and including its start (start-20 .. start), oldest first. The insight's summary
leads with the change the evidence says most about (a single-run spike first, see
LEAD_ORDER) and lists the rest; with no change it says plainly that nothing changed.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from runwell.training import sources
from runwell.training.events import Event
from runwell.training.records import LoadHistory
from runwell.training.sources import Source
from runwell.training.wording import day, days_after, region

EPISODE_SCORE = 3
EPISODE_WITHIN_DAYS = 7  # two such days at most 6 days apart
EPISODE_QUIET_DAYS = 7  # this many days without such a score end an episode
CHANGE_WINDOW_DAYS = 21
REGIONS = ("lower_back", "upper_back", "both")
# Which change leads an insight's summary: the strongest evidence first (BJSM 2025 for
# single runs, Nielsen 2014 for two weeks), the ratio and monotony last (disputed / a
# practice threshold). Ties go to the change closest to the pain.
LEAD_ORDER = (
    "single_run_spike",
    "two_week_increase",
    "shoe_over_limit",
    "new_shoe",
    "surface_change",
    "acwr_high",
    "monotony_high",
)


@dataclass(frozen=True, slots=True)
class PainEntry:
    date: dt.date
    region: str  # "lower_back", "upper_back" or "both"
    score: int  # 0-10
    timing: str = ""  # "during_run", "after_run", "next_morning", "at_rest"


@dataclass(frozen=True, slots=True)
class Episode:
    start: dt.date
    end: dt.date | None  # the last day scored 3 or more; None while open
    last: dt.date  # the last day scored 3 or more so far (also while open)
    region: str  # one of REGIONS; "both" when the days name different regions
    peak: int

    @property
    def is_open(self) -> bool:
        return self.end is None

    def as_json(self) -> dict[str, Any]:
        end = None if self.end is None else self.end.isoformat()
        return {
            "start": self.start.isoformat(),
            "end": end,
            "region": self.region,
            "peak": self.peak,
        }


@dataclass(frozen=True, slots=True)
class Insight:
    episode: Episode
    changes: tuple[Event, ...]  # oldest first
    summary: str  # the whole story as sentences
    source: Source = sources.PAIN_EPISODE

    def as_json(self) -> dict[str, Any]:
        """Exactly the report contract's insight object."""
        return {
            "episode": self.episode.as_json(),
            "changes": [change.as_json() for change in self.changes],
        }


def episodes(pain: Iterable[PainEntry], as_of: dt.date) -> list[Episode]:
    """The pain episodes up to as_of, oldest first."""
    entries = sorted((e for e in pain if e.date <= as_of), key=lambda e: e.date)
    high = sorted({e.date for e in entries if e.score >= EPISODE_SCORE})
    spans: list[tuple[dt.date, dt.date]] = []
    start: dt.date | None = None
    last = dt.date.min
    for k, d in enumerate(high):
        if start is not None and (d - last).days <= EPISODE_QUIET_DAYS:
            last = d
            continue
        if start is not None:
            spans.append((start, last))
        following = high[k + 1] if k + 1 < len(high) else None
        opens = following is not None and (following - d).days < EPISODE_WITHIN_DAYS
        start, last = (d, d) if opens else (None, dt.date.min)
    if start is not None:
        spans.append((start, last))
    entry_dates = [e.date for e in entries]
    return [
        _episode(entries[bisect_left(entry_dates, first) : bisect_right(entry_dates, final)], as_of)
        for first, final in spans
    ]


def _episode(inside: list[PainEntry], as_of: dt.date) -> Episode:
    """The episode made of the entries from its first to its last day scored 3 or more."""
    start, last = inside[0].date, inside[-1].date
    regions = {e.region for e in inside if e.score >= EPISODE_SCORE}
    where = regions.pop() if len(regions) == 1 and regions <= set(REGIONS) else "both"
    closed = (as_of - last).days >= EPISODE_QUIET_DAYS
    return Episode(start, last if closed else None, last, where, max(e.score for e in inside))


def open_episode(pain: Iterable[PainEntry], as_of: dt.date) -> Episode | None:
    """The episode still going on at as_of, if any (the pain check links to its insight)."""
    found = episodes(pain, as_of)
    return found[-1] if found and found[-1].is_open else None


def insights(pain: Iterable[PainEntry], history: LoadHistory) -> list[Insight]:
    """One insight per pain episode up to the history's as_of, newest first."""
    dates = [e.date for e in history.events]
    found = []
    for episode in reversed(episodes(pain, history.as_of)):
        since = episode.start - dt.timedelta(days=CHANGE_WINDOW_DAYS - 1)
        changes = history.events[bisect_left(dates, since) : bisect_right(dates, episode.start)]
        found.append(Insight(episode, changes, summary(episode, changes, history.run_dates)))
    return found


def summary(episode: Episode, changes: Sequence[Event], run_dates: Sequence[dt.date]) -> str:
    if not changes:
        return _nothing_changed(episode, run_dates)
    lead = min(changes, key=lambda e: (LEAD_ORDER.index(e.id), -e.date.toordinal()))
    after = days_after((episode.start - lead.date).days)
    text = (
        f"Your {region(episode.region)} pain began on {day(episode.start)}, {after} {lead.phrase}."
    )
    others = [e for e in changes if e is not lead]
    if others:
        listed = "; ".join(f"{e.phrase} ({day(e.date)})" for e in others)
        text += f" Also in the 3 weeks before it: {listed}."
    return text


def _nothing_changed(episode: Episode, run_dates: Sequence[dt.date]) -> str:
    where, began = region(episode.region), day(episode.start)
    since = episode.start - dt.timedelta(days=CHANGE_WINDOW_DAYS - 1)
    ran = bisect_right(run_dates, episode.start) - bisect_left(run_dates, since)
    if not ran:
        return (
            f"Your log has no runs in the 3 weeks before your {where} pain began on {began}, "
            "so it cannot show what changed in your running."
        )
    return (
        f"Nothing in your log changed in the 3 weeks before your {where} pain began on "
        f"{began}: no run much longer than the month before, no sharp rise in distance or "
        "load, no new or worn-out shoes and no change of surface."
    )
