"""A FIT file to drafts: one per session (a multisport file gives several).

The first walk takes the fast path (`FastRecords`). A second walk happens only
when it must: to split records between several sessions, or to compute from
the points what the file's totals lack (`PointRecords`).

PURE: no Django.
"""

from __future__ import annotations

from collections.abc import Iterable

from runwell.training.importers.assemble import Draft, Totals
from runwell.training.importers.errors import Unreadable
from runwell.training.importers.fit import Buffer, Scan, walk
from runwell.training.importers.fitprofile import (
    ACTIVITY_FILE,
    FILE_ID,
    FILE_TYPES,
    FIT_EPOCH_UNIX,
    LAP,
    SESSION,
    SPORT,
    sport_name,
    surface_hint,
)
from runwell.training.importers.fitrecords import FastRecords, PointRecords
from runwell.training.importers.track import PointStats

Message = dict[str, int]
TRANSITION = 3


class NotAnActivity(ValueError):
    """A FIT file of another kind (settings, course, monitoring…)."""


def read_fit(data: Buffer, route_cap: int, latest: float) -> list[Draft]:
    max_fit = int(latest) - FIT_EPOCH_UNIX
    fast = FastRecords((), route_cap, max_fit)
    scan = walk(data, fast)
    _check_kind(scan)
    sessions = _sessions(scan)
    boundaries = [s["start_time"] for s in sessions[1:]]
    if boundaries:
        fast = FastRecords(boundaries, route_cap, max_fit)
        walk(data, fast)
    stats = fast.finish()
    totals = [_totals(s) for s in sessions] or [_lap_totals(scan.messages.get(LAP, []))]
    if fast.irregular or any(_needs_points(t, s) for t, s in zip(totals, stats, strict=True)):
        slow = PointRecords(boundaries, route_cap, float(latest))
        walk(data, slow)
        stats = slow.finish()
        if not sessions and not any(s.points for s in stats) and totals[0].start is None:
            _no_time(slow)
    drafts = []
    for i, (total, stat) in enumerate(zip(totals, stats, strict=True)):
        sport, sub_sport = _sport(scan, sessions[i] if sessions else None)
        if sport == TRANSITION and len(totals) > 1:
            continue
        drafts.append(
            Draft(
                "fit",
                total,
                stat,
                sport=sport_name(sport),
                surface=surface_hint(sport, sub_sport),
                warnings=list(scan.warnings),
            )
        )
    return drafts


def _no_time(records: PointRecords) -> None:
    if records.relative:
        raise Unreadable(
            "The watch's clock was not set when this was recorded (its times count seconds "
            "from power-on), so the activity cannot be placed in the log."
        )
    if records.untimed:
        raise Unreadable(
            f"None of the file's {records.untimed:,} records carries a time, so the activity "
            "cannot be placed in the log."
        )


def _check_kind(scan: Scan) -> None:
    kinds = [m["type"] for m in scan.messages.get(FILE_ID, []) if "type" in m]
    if kinds and kinds[0] != ACTIVITY_FILE:
        kind = FILE_TYPES.get(kinds[0], f"type {kinds[0]}")
        raise NotAnActivity(f"This FIT file holds {kind} data, not an activity.")


def _sessions(scan: Scan) -> list[Message]:
    """Sessions with a start time, in time order (start derived from the end if need be)."""
    found = []
    for s in scan.messages.get(SESSION, []):
        s = dict(s)
        if "start_time" not in s and "timestamp" in s and "total_elapsed_time" in s:
            s["start_time"] = s["timestamp"] - s["total_elapsed_time"] // 1000
        if "start_time" in s:
            found.append(s)
    return sorted(found, key=lambda s: s["start_time"])


def _totals(m: Message) -> Totals:
    timer = _scaled(m, "total_timer_time", 1000)
    moving = _scaled(m, "total_moving_time", 1000)
    return Totals(
        start=float(m["start_time"] + FIT_EPOCH_UNIX) if "start_time" in m else None,
        elapsed_s=_scaled(m, "total_elapsed_time", 1000),
        moving_s=moving if moving is not None else timer,
        distance_m=_scaled(m, "total_distance", 100),
        elevation_gain_m=_scaled(m, "total_ascent", 1),
        avg_hr=m.get("avg_heart_rate") or None,
        max_hr=m.get("max_heart_rate") or None,
    )


def _lap_totals(laps: list[Message]) -> Totals:
    """A file without a session: its laps added up (an empty Totals without laps)."""
    laps = [lap for lap in laps if "start_time" in lap and "total_elapsed_time" in lap]
    if not laps:
        return Totals()
    totals = [_totals(lap) for lap in laps]
    start = min(t.start for t in totals if t.start is not None)
    end = max(t.start + (t.elapsed_s or 0) for t in totals if t.start is not None)
    timed = [(t.moving_s or 0.0, t.avg_hr) for t in totals if t.avg_hr]
    weight = sum(w for w, _ in timed)
    return Totals(
        start=start,
        elapsed_s=end - start,
        moving_s=_sum(t.moving_s for t in totals),
        distance_m=_sum(t.distance_m for t in totals),
        elevation_gain_m=_sum(t.elevation_gain_m for t in totals),
        avg_hr=round(sum(w * (hr or 0) for w, hr in timed) / weight) if weight else None,
        max_hr=max((t.max_hr for t in totals if t.max_hr), default=None),
    )


def _sum(values: Iterable[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return float(sum(present)) if present else None


def _scaled(m: Message, name: str, scale: int) -> float | None:
    return m[name] / scale if name in m else None


def _needs_points(totals: Totals, stats: PointStats) -> bool:
    """Whether the file's totals leave something that only the points can give."""
    if totals.elapsed_s is None or totals.moving_s is None or totals.distance_m is None:
        return True
    return totals.elevation_gain_m is None and stats.has_altitude


def _sport(scan: Scan, session: Message | None) -> tuple[int | None, int | None]:
    for m in ([session] if session else []) + scan.messages.get(SPORT, []):
        if m.get("sport"):
            return m["sport"], m.get("sub_sport")
    for m in scan.messages.get(LAP, []):
        if m.get("sport"):
            return m["sport"], m.get("sub_sport")
    return (session or {}).get("sport"), (session or {}).get("sub_sport")
