"""Routes: kept as encoded polylines, drawn as server-rendered SVG (no map tiles).

The encoding is the well-known polyline algorithm at 5 decimals (about 1 m): a 500-point
route takes a few kilobytes instead of the ~20 KB of a JSON list. Drawing projects the
points onto a plane (longitudes shrunk by the cosine of the mean latitude, which is
exact enough for the few kilometres of a run) and fits them into a fixed view box.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

Point = tuple[float, float]  # (lat, lon) in degrees
PRECISION = 1e5
VIEW = 400.0  # the SVG view box is VIEW x VIEW units (it scales with the page)
MARGIN = 12.0


def encode(route: Iterable[Point]) -> str:
    out: list[str] = []
    last_lat = last_lon = 0
    for lat, lon in route:
        ilat, ilon = round(lat * PRECISION), round(lon * PRECISION)
        out.append(_number(ilat - last_lat))
        out.append(_number(ilon - last_lon))
        last_lat, last_lon = ilat, ilon
    return "".join(out)


def _number(value: int) -> str:
    value = ~(value << 1) if value < 0 else value << 1
    chunks = []
    while value >= 0x20:
        chunks.append(chr((0x20 | (value & 0x1F)) + 63))
        value >>= 5
    chunks.append(chr(value + 63))
    return "".join(chunks)


def decode(text: str) -> list[Point]:
    points: list[Point] = []
    i = lat = lon = 0
    values = [0, 0]
    while i < len(text):
        for k in (0, 1):
            shift = result = 0
            while True:
                byte = ord(text[i]) - 63
                i += 1
                result |= (byte & 0x1F) << shift
                shift += 5
                if byte < 0x20:
                    break
            values[k] = ~(result >> 1) if result & 1 else result >> 1
        lat += values[0]
        lon += values[1]
        points.append((lat / PRECISION, lon / PRECISION))
    return points


@dataclass(frozen=True)
class Drawing:
    points: str  # the SVG polyline's "x,y x,y …"
    start: tuple[float, float]
    finish: tuple[float, float]
    width: float  # the route's extent, in view-box units
    height: float


def draw(route: Sequence[Point]) -> Drawing | None:
    """The route fitted into the view box, north up; None for fewer than 2 points."""
    if len(route) < 2:
        return None
    mean_lat = math.radians(sum(p[0] for p in route) / len(route))
    squeeze = max(math.cos(mean_lat), 0.01)
    xs = [p[1] * squeeze for p in route]
    ys = [-p[0] for p in route]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1e-9
    scale = (VIEW - 2 * MARGIN) / span
    left = MARGIN + (VIEW - 2 * MARGIN - (max(xs) - min(xs)) * scale) / 2
    top = MARGIN + (VIEW - 2 * MARGIN - (max(ys) - min(ys)) * scale) / 2
    placed = [
        (round(left + (x - min(xs)) * scale, 1), round(top + (y - min(ys)) * scale, 1))
        for x, y in zip(xs, ys, strict=True)
    ]
    return Drawing(
        points=" ".join(f"{x},{y}" for x, y in placed),
        start=placed[0],
        finish=placed[-1],
        width=(max(xs) - min(xs)) * scale,
        height=(max(ys) - min(ys)) * scale,
    )
