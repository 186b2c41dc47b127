"""TCX (Garmin Training Center) to drafts: one per <Activity>, multisport sessions included.

Totals come from the laps (TotalTimeSeconds is the timer time, DistanceMeters,
heart rate); the points give the rest. Each <Track> is a segment.

PURE: no Django.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

from runwell.training.importers.assemble import Draft, Totals
from runwell.training.importers.errors import Unreadable
from runwell.training.importers.track import Track
from runwell.training.importers.xmlsafe import (
    Readable,
    XmlBroken,
    iterparse,
    local_name,
    parse_float,
    parse_time,
)

SPORTS = {"running": "running", "biking": "cycling", "walking": "walking", "hiking": "hiking"}
POINT_FIELDS = {"AltitudeMeters": "alt", "DistanceMeters": "dist"}


@dataclass(slots=True)
class _Lap:
    start: float | None
    seconds: float | None = None
    distance: float | None = None
    avg_hr: float | None = None
    max_hr: float | None = None


@dataclass(slots=True)
class _Activity:
    sport: str | None
    track: Track
    start: float | None = None
    laps: list[_Lap] = field(default_factory=list)


def _sport(word: str | None) -> str | None:
    if not word:
        return None
    return SPORTS.get(word.strip().lower(), "other")


def read_tcx(stream: Readable, route_cap: int, latest: float) -> list[Draft]:
    activities: list[_Activity] = []
    tags: list[str] = []
    elements: list[Element] = []
    current: _Activity | None = None
    lap: _Lap | None = None
    point: dict[str, float | None] | None = None
    warnings: list[str] = []
    try:
        for event, element in iterparse(stream):
            tag = local_name(element.tag)
            if event == "start":
                tags.append(tag)
                elements.append(element)
                if tag == "Activity":
                    current = _Activity(_sport(element.get("Sport")), Track(route_cap, latest))
                elif tag == "Lap" and current is not None:
                    lap = _Lap(parse_time(element.get("StartTime")))
                elif tag == "Trackpoint":
                    point = {}
                continue
            tags.pop()
            elements.pop()
            parent = tags[-1] if tags else ""
            if current is None:
                continue
            if point is not None:
                if tag == "Trackpoint":
                    _add_point(current.track, point)
                    point = None
                    elements[-1].clear()  # the track: keeps memory flat on long activities
                else:
                    _point_field(point, tag, parent, element.text)
            elif tag == "Track":
                current.track.break_segment()
                element.clear()
            elif lap is not None and tag != "Lap":
                _lap_field(lap, tag, parent, element.text)
            elif tag == "Lap" and lap is not None:
                current.laps.append(lap)
                lap = None
                element.clear()
            elif tag == "Id" and parent == "Activity":
                current.start = parse_time(element.text)
            elif tag == "Activity":
                activities.append(current)
                current = None
                element.clear()
    except XmlBroken as error:
        if current is None or not (current.track.count or current.track.pending):
            if not activities:
                raise Unreadable(f"This is not a readable TCX file ({error}).") from error
        else:
            if lap is not None:
                current.laps.append(lap)
            activities.append(current)
        warnings.append(
            f"The file is cut short or damaged ({error}); what came before the damage is kept."
        )
    if not activities:
        raise Unreadable("The TCX file holds no activity (a course or a workout is not one).")
    return [_draft(a, warnings) for a in activities]


def _add_point(track: Track, point: dict[str, float | None]) -> None:
    t = point.get("time")
    if t is None:
        return
    track.add(
        t, point.get("lat"), point.get("lon"), point.get("alt"), point.get("hr"), point.get("dist")
    )


def _point_field(point: dict[str, float | None], tag: str, parent: str, text: str | None) -> None:
    if tag == "Time":
        point["time"] = parse_time(text)
    elif tag == "LatitudeDegrees":
        point["lat"] = parse_float(text)
    elif tag == "LongitudeDegrees":
        point["lon"] = parse_float(text)
    elif tag == "Value" and parent == "HeartRateBpm":
        point["hr"] = parse_float(text)
    elif tag in POINT_FIELDS and parent == "Trackpoint":
        point[POINT_FIELDS[tag]] = parse_float(text)


def _lap_field(lap: _Lap, tag: str, parent: str, text: str | None) -> None:
    if parent == "Lap":
        if tag == "TotalTimeSeconds":
            lap.seconds = parse_float(text)
        elif tag == "DistanceMeters":
            lap.distance = parse_float(text)
    elif tag == "Value" and parent == "AverageHeartRateBpm":
        lap.avg_hr = parse_float(text)
    elif tag == "Value" and parent == "MaximumHeartRateBpm":
        lap.max_hr = parse_float(text)


def _draft(activity: _Activity, warnings: list[str]) -> Draft:
    stats = activity.track.finish()
    totals = Totals()
    laps = activity.laps
    starts = [lap.start for lap in laps if lap.start is not None]
    totals.start = min(starts) if starts else (activity.start or stats.first)
    if stats.first is not None and totals.start is not None and stats.first < totals.start:
        totals.start = stats.first
    timed = [lap for lap in laps if lap.seconds is not None]
    if timed:
        totals.moving_s = sum(lap.seconds or 0.0 for lap in timed)
    if laps and all(lap.distance is not None for lap in laps):
        totals.distance_m = sum(lap.distance or 0.0 for lap in laps)
    ends = [
        lap.start + lap.seconds
        for lap in timed
        if lap.start is not None and lap.seconds is not None
    ]
    if stats.last is not None:
        ends.append(stats.last)
    if ends and totals.start is not None:
        totals.elapsed_s = max(ends) - totals.start
    weighted = [(lap.seconds or 0.0, lap.avg_hr) for lap in laps if lap.avg_hr]
    weight = sum(w for w, _ in weighted)
    if weight:
        totals.avg_hr = round(sum(w * (hr or 0.0) for w, hr in weighted) / weight)
    maxima = [lap.max_hr for lap in laps if lap.max_hr]
    if maxima:
        totals.max_hr = round(max(m for m in maxima if m is not None))
    return Draft("tcx", totals, stats, sport=activity.sport, warnings=list(warnings))
