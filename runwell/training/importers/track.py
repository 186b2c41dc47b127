"""Summaries computed from points, one point at a time, in constant memory.

Used for GPX, for TCX, and for FIT files whose own totals are missing. The
rules (also in the package docstring):

- Points sharing a timestamp are merged into one (missing values are filled
  from the later point); a point earlier than the one before it is dropped.
- Points timed before 1980 or more than a day ahead are dropped and counted.
- Distance: the device's cumulative distance where the points carry one (the
  sum of its increases), otherwise the haversine sum between consecutive
  positions of one segment (never across a gap between segments).
- Moving time: a span between consecutive points of one segment counts when the
  distance covered over it is at least MOVING_SPEED m/s; where no distance is
  known for a span (no positions, no device distance), it counts when it lasts
  at most SILENT_GAP_S seconds.
- Elevation gain: rises are counted only once they exceed CLIMB_NOISE_M above
  the lowest altitude since the last counted rise, so altitude noise adds none.

PURE: no Django.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from runwell.training.importers.route import Point, RouteSampler

EARTH_RADIUS_M = 6_371_008.8  # mean radius
MOVING_SPEED = 1 / 3.6  # m/s: 1 km/h, the threshold gpxpy uses too
SILENT_GAP_S = 60.0
CLIMB_NOISE_M = 3.0
MIN_TIME = 315_532_800.0  # 1980-01-01T00:00:00Z


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


@dataclass(slots=True)
class PointStats:
    """What the points of one activity say. Times are POSIX seconds (UTC)."""

    points: int = 0
    samples: int = 0  # points read before those sharing a time were merged
    first: float | None = None
    last: float | None = None
    distance_m: float | None = None
    moving_s: float | None = None
    elevation_gain_m: float | None = None
    avg_hr: int | None = None
    max_hr: int | None = None
    route: tuple[Point, ...] = ()
    has_altitude: bool = False
    impossible_time: float | None = None  # the first time left out as impossible
    warnings: list[str] = field(default_factory=list)


class Track:
    """Accumulates points into `PointStats`; call `finish` once at the end."""

    def __init__(self, route_cap: int, max_time: float) -> None:
        self.route_cap = route_cap
        self.max_time = max_time
        self.sampler = RouteSampler(route_cap)
        self.pending: list[float | None] | None = None  # [t, lat, lon, alt, hr, dist]
        self.count = 0
        self.samples = 0
        self.first: float | None = None
        self.last: float | None = None
        self.bad_time = 0
        self.first_bad: float | None = None
        self.unordered = 0
        self.hr_sum = 0
        self.hr_n = 0
        self.hr_max = 0
        self.gps_m = 0.0
        self.has_gps = False
        self.device_m = 0.0
        self.has_device_distance = False
        self.prev_dist: float | None = None
        self.moving = 0.0
        self.gain = 0.0
        self.alt_ref: float | None = None
        self.has_alt = False
        self.prev: tuple[float, float | None, float | None, float | None] | None = None

    def add(
        self,
        t: float,
        lat: float | None = None,
        lon: float | None = None,
        alt: float | None = None,
        hr: float | None = None,
        dist: float | None = None,
    ) -> None:
        if not MIN_TIME <= t <= self.max_time:
            self.bad_time += 1
            if self.first_bad is None:
                self.first_bad = t
            return
        if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
            lat = lon = None
        self.samples += 1
        pending = self.pending
        if pending is not None:
            pending_t = pending[0]
            assert pending_t is not None
            if t == pending_t:
                _merge(pending, lat, lon, alt, hr, dist)
                return
            if t < pending_t:
                self.unordered += 1
                return
            self._commit(pending)
        self.pending = [t, lat, lon, alt, hr, dist]

    def break_segment(self) -> None:
        """The next point starts a new segment: no distance or moving time bridges the gap."""
        if self.pending is not None:
            self._commit(self.pending)
            self.pending = None
        self.prev = None

    def _commit(self, p: list[float | None]) -> None:
        t, lat, lon, alt, hr, dist = p
        assert t is not None
        self.count += 1
        if self.first is None:
            self.first = t
        self.last = t
        if hr is not None and 0 < hr < 255:
            self.hr_sum += round(hr)
            self.hr_n += 1
            self.hr_max = max(self.hr_max, round(hr))
        if alt is not None:
            self._climb(alt)
        step_m = self._device_step(dist)
        if lat is not None and lon is not None:
            self.has_gps = True
            self.sampler.add(lat, lon)
        prev = self.prev
        if prev is not None:
            prev_t, prev_lat, prev_lon, _ = prev
            gps_m = None
            if (
                lat is not None
                and lon is not None
                and prev_lat is not None
                and prev_lon is not None
            ):
                gps_m = haversine_m(prev_lat, prev_lon, lat, lon)
                self.gps_m += gps_m
            covered = step_m if step_m is not None else gps_m
            span = t - prev_t
            if covered is not None:
                if covered >= MOVING_SPEED * span:
                    self.moving += span
            elif span <= SILENT_GAP_S:
                self.moving += span
        self.prev = (t, lat, lon, dist)

    def _device_step(self, dist: float | None) -> float | None:
        if dist is None:
            return None
        previous, self.prev_dist = self.prev_dist, dist
        if previous is None or dist < previous:
            return None
        self.has_device_distance = True
        self.device_m += dist - previous
        # A span's own distance is only known when both ends are in this segment.
        return dist - previous if self.prev is not None and self.prev[3] is not None else None

    def _climb(self, alt: float) -> None:
        self.has_alt = True
        ref = self.alt_ref
        if ref is None or alt < ref:
            self.alt_ref = alt
        elif alt > ref + CLIMB_NOISE_M:
            self.gain += alt - ref
            self.alt_ref = alt

    def finish(self) -> PointStats:
        if self.pending is not None:
            self._commit(self.pending)
            self.pending = None
        stats = PointStats(
            points=self.count, samples=self.samples, first=self.first, last=self.last
        )
        stats.impossible_time = self.first_bad
        if self.has_device_distance:
            stats.distance_m = self.device_m
        elif self.has_gps:
            stats.distance_m = self.gps_m
        if self.count:
            stats.moving_s = self.moving
        if self.has_alt:
            stats.elevation_gain_m = self.gain
            stats.has_altitude = True
        if self.hr_n:
            stats.avg_hr = round(self.hr_sum / self.hr_n)
            stats.max_hr = self.hr_max
        stats.route = self.sampler.route(self.route_cap)
        stats.warnings.extend(time_warnings(self.bad_time, self.unordered))
        return stats


def _merge(
    pending: list[float | None],
    lat: float | None,
    lon: float | None,
    alt: float | None,
    hr: float | None,
    dist: float | None,
) -> None:
    if pending[1] is None and lat is not None:
        pending[1], pending[2] = lat, lon
    for index, value in ((3, alt), (4, hr), (5, dist)):
        if pending[index] is None and value is not None:
            pending[index] = value


def time_warnings(bad_time: int, unordered: int) -> list[str]:
    warnings = []
    if bad_time:
        warnings.append(
            f"{bad_time:,} point{'s' if bad_time != 1 else ''} with an impossible time "
            "(before 1980 or in the future) were left out."
        )
    if unordered:
        warnings.append(
            f"{unordered:,} point{'s' if unordered != 1 else ''} earlier than the point "
            "before them were left out."
        )
    return warnings
