"""GPX 1.0 and 1.1 tracks to one draft: every track and segment of the file is one activity.

Heart rate is read from any `hr` or `heartrate` element inside a point's
extensions (Garmin's TrackPointExtension and its look-alikes). Segments are
kept apart: no distance is counted across the gap between two of them.

PURE: no Django.
"""

from __future__ import annotations

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

# Strava and others write <type> as a word or as Strava's number.
SPORT_WORDS = {
    "running": "running",
    "run": "running",
    "trail running": "running",
    "trail_running": "running",
    "9": "running",
    "cycling": "cycling",
    "biking": "cycling",
    "ride": "cycling",
    "road_biking": "cycling",
    "mountain_biking": "cycling",
    "1": "cycling",
    "walking": "walking",
    "walk": "walking",
    "10": "walking",
    "hiking": "hiking",
    "hike": "hiking",
    "4": "hiking",
}
HEART_TAGS = {"hr", "heartrate"}


def sport_from_word(word: str | None) -> str | None:
    if not word or not word.strip():
        return None
    return SPORT_WORDS.get(word.strip().lower(), "other")


class _Point:
    __slots__ = ("ele", "hr", "lat", "lon", "time")

    def __init__(self, element: Element) -> None:
        self.lat = parse_float(element.get("lat"))
        self.lon = parse_float(element.get("lon"))
        self.ele: float | None = None
        self.hr: float | None = None
        self.time: float | None = None


def read_gpx(stream: Readable, route_cap: int, latest: float) -> list[Draft]:
    track = Track(route_cap, latest)
    names: dict[str, str] = {}
    sport_word: str | None = None
    tags: list[str] = []
    elements: list[Element] = []
    point: _Point | None = None
    seen = untimed = 0
    warnings: list[str] = []
    try:
        for event, element in iterparse(stream):
            tag = local_name(element.tag)
            if event == "start":
                tags.append(tag)
                elements.append(element)
                if tag == "trkpt":
                    point = _Point(element)
                continue
            tags.pop()
            elements.pop()
            parent = tags[-1] if tags else ""
            if point is not None:
                if tag == "trkpt":
                    seen += 1
                    if point.time is None:
                        untimed += 1
                    else:
                        track.add(point.time, point.lat, point.lon, point.ele, point.hr)
                    point = None
                    elements[-1].clear()  # the segment: keeps memory flat on long tracks
                elif tag == "time" and parent == "trkpt":
                    point.time = parse_time(element.text)
                elif tag == "ele" and parent == "trkpt":
                    point.ele = parse_float(element.text)
                elif tag.lower() in HEART_TAGS:
                    point.hr = parse_float(element.text)
            elif tag in ("trkseg", "trk"):
                track.break_segment()
                element.clear()
            elif tag == "name" and parent in ("trk", "metadata") and element.text:
                names.setdefault(parent, element.text.strip())
            elif tag == "type" and parent == "trk" and sport_word is None:
                sport_word = element.text
    except XmlBroken as error:
        if not track.count and track.pending is None:
            raise Unreadable(f"This is not a readable GPX file ({error}).") from error
        warnings.append(
            f"The file is cut short or damaged ({error}); the points before the damage are kept."
        )
    if not seen:
        raise Unreadable(
            "The GPX file holds no track points (a planned route or waypoints alone are not "
            "an activity)."
        )
    if untimed == seen:
        raise Unreadable(
            f"None of the GPX file's {seen:,} track points has a time, so the activity cannot "
            "be placed in the log."
        )
    if untimed:
        warnings.append(f"{untimed:,} track points without a time were left out.")
    stats = track.finish()
    name = names.get("trk") or names.get("metadata")
    return [
        Draft(
            "gpx", Totals(), stats, sport=sport_from_word(sport_word), name=name, warnings=warnings
        )
    ]
