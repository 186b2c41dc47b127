"""Record sinks for the FIT walk: a fast one for files with totals, a full one without.

`FastRecords` is what makes the importer quick. It receives blocks of records
and unpacks only their time and heart rate, many records per `unpack_from`
call (structs for 512, 64, 8 and 1 records, compiled once per definition),
into one flat list whose strided slices are the columns. Everything else is
done by built-ins that run in C (min, max, sum, count, map): the number of
distinct timestamps, first and last time, heart rate. Positions are decoded
only for the few records the route keeps. It computes no distance, moving time
or climb: those come from the session. When a file lacks them, `PointRecords`
feeds every record to a `Track` instead (the slow, complete path).

PURE: no Django.
"""

from __future__ import annotations

import operator
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from runwell.training.importers.fit import Buffer, Definition
from runwell.training.importers.fitprofile import (
    FIT_EPOCH_UNIX,
    INVALID,
    RELATIVE_TIME_LIMIT,
    SEMICIRCLE_DEGREES,
)
from runwell.training.importers.route import RouteSampler
from runwell.training.importers.track import PointStats, Track

_NO_LAT = INVALID["i"]
_NO_HR = INVALID["B"]
_NO_U16 = INVALID["H"]
_NO_U32 = INVALID["I"]


PIECES = (512, 64, 8, 1)  # block sizes whose structs are compiled once and reused


def _flat(
    d: Definition, fields: tuple[tuple[int, str], ...], data: Buffer, pos: int, count: int
) -> list[int]:
    """`fields` of `count` messages from `pos`, flat: [f0, f1, f0, f1, …]."""
    flat: list[int] = []
    stride = d.size + 1
    for piece in PIECES:
        if count >= piece:
            unpack = d.block(fields, piece).unpack_from
            while count >= piece:
                flat.extend(unpack(data, pos))
                pos += piece * stride
                count -= piece
    return flat


class _Plan:
    """Where the fast path finds its fields in the records of one definition."""

    __slots__ = ("alt", "alt_none", "has_hr", "lat", "lon", "sample", "time")

    def __init__(self, d: Definition) -> None:
        self.time = d.fields("timestamp", "heart_rate") or d.fields("timestamp")
        self.has_hr = self.time is not None and len(self.time) == 2
        names = [n for n in ("lat", "lon", "enhanced_altitude", "altitude") if n in d.names]
        ordered = [n for _, n in sorted((d.offsets[d.names.index(n)], n) for n in names)]
        self.sample = d.fields(*ordered) if ordered else None
        if self.sample is not None:  # fields() gives them in the order asked: by offset
            assert list(self.sample) == sorted(self.sample)
        self.lat = ordered.index("lat") if "lat" in ordered and "lon" in ordered else None
        self.lon = ordered.index("lon") if self.lat is not None else None
        alt = "enhanced_altitude" if "enhanced_altitude" in ordered else "altitude"
        self.alt = ordered.index(alt) if alt in ordered else None
        self.alt_none = _NO_U32 if alt == "enhanced_altitude" else _NO_U16


class _Part:
    """Running totals of one activity (one FIT session) on the fast path."""

    __slots__ = (
        "count",
        "first",
        "has_alt",
        "hr_max",
        "hr_n",
        "hr_sum",
        "last",
        "sampler",
        "samples",
    )

    def __init__(self, route_cap: int) -> None:
        self.count = 0
        self.samples = 0
        self.first: int | None = None
        self.last: int | None = None
        self.hr_sum = 0
        self.hr_n = 0
        self.hr_max = 0
        self.has_alt = False
        self.sampler = RouteSampler(route_cap, SEMICIRCLE_DEGREES)

    def add_times(self, ts: Sequence[int]) -> None:
        repeats = sum(map(operator.eq, ts[1:], ts[:-1]))
        if self.last == ts[0]:
            repeats += 1
        self.count += len(ts) - repeats
        self.samples += len(ts)
        if self.first is None:
            self.first = ts[0]
        self.last = ts[-1]

    def add_heart(self, hr: Sequence[int]) -> None:
        missing, zeros = hr.count(_NO_HR), hr.count(0)
        valid = len(hr) - missing - zeros
        if not valid:
            return
        self.hr_sum += sum(hr) - missing * _NO_HR
        self.hr_n += valid
        self.hr_max = max(self.hr_max, max(h for h in hr if h != _NO_HR) if missing else max(hr))

    def add_samples(self, d: Definition, plan: _Plan, data: Buffer, pos: int, count: int) -> None:
        """Decode positions (and altitude) of the few records the route keeps."""
        assert plan.sample is not None
        unpack = d.block(plan.sample, 1).unpack_from
        stride = d.size + 1
        first, step = self.sampler.plan(count)
        rows = [unpack(data, pos + i * stride) for i in range(first, count, step)]
        rows.append(unpack(data, pos + (count - 1) * stride))
        if not self.has_alt and plan.alt is not None:
            self.has_alt = any(row[plan.alt] != plan.alt_none for row in rows)
        if plan.lat is None or plan.lon is None:
            self.sampler.feed([None] * len(rows[:-1]), count, None)
            return
        la, lo = plan.lat, plan.lon
        samples: list[tuple[float, float] | None] = [
            (row[la], row[lo]) if row[la] != _NO_LAT and row[lo] != _NO_LAT else None
            for row in rows
        ]
        last = samples.pop()
        self.sampler.feed(samples, count, last)

    def stats(self, route_cap: int) -> PointStats:
        stats = PointStats(points=self.count, samples=self.samples, has_altitude=self.has_alt)
        if self.first is not None and self.last is not None:
            stats.first = float(self.first + FIT_EPOCH_UNIX)
            stats.last = float(self.last + FIT_EPOCH_UNIX)
        if self.hr_n:
            stats.avg_hr = round(self.hr_sum / self.hr_n)
            stats.max_hr = self.hr_max
        stats.route = self.sampler.route(route_cap)
        return stats


class FastRecords:
    """Per-session summaries of the records with almost no per-record Python work.

    Records whose times are impossible or out of order make the file
    `irregular`: the caller then reads it again through `PointRecords`, which
    drops such records one by one.
    """

    def __init__(self, boundaries: Sequence[int], route_cap: int, max_fit_time: int) -> None:
        self.boundaries = list(boundaries)  # FIT times at which sessions 2, 3, … start
        self.route_cap = route_cap
        self.max_time = max_fit_time
        self.parts = [_Part(route_cap) for _ in range(len(self.boundaries) + 1)]
        self.plans: dict[Definition, _Plan] = {}
        self.untimed = 0
        self.irregular = False
        self.previous = -1

    def records(self, d: Definition, data: Buffer, pos: int, count: int) -> None:
        plan = self.plans.get(d)
        if plan is None:
            plan = self.plans[d] = _Plan(d)
        if plan.time is None:
            self.untimed += count
            return
        flat = _flat(d, plan.time, data, pos, count)
        if plan.has_hr:  # the flat values come in the order the fields sit in a record
            ts_first = plan.time[0][0] < plan.time[1][0]
            ts, hr = (flat[0::2], flat[1::2]) if ts_first else (flat[1::2], flat[0::2])
        else:
            ts, hr = flat, None
        self._add(d, plan, data, pos, ts, hr)

    def record_at(self, d: Definition, data: Buffer, pos: int, timestamp: int) -> None:
        plan = self.plans.get(d)
        if plan is None:
            plan = self.plans[d] = _Plan(d)
        hr = None
        if "heart_rate" in d.names:
            hr = [d.unpack.unpack_from(data, pos)[d.names.index("heart_rate")]]
        self._add(d, plan, data, pos, [timestamp], hr)

    def _add(
        self,
        d: Definition,
        plan: _Plan,
        data: Buffer,
        pos: int,
        ts: list[int],
        hr: list[int] | None,
    ) -> None:
        if (
            min(ts) < RELATIVE_TIME_LIMIT
            or max(ts) > self.max_time
            or ts[0] < self.previous
            or not all(map(operator.le, ts[:-1], ts[1:]))
        ):
            self.irregular = True
            return
        self.previous = ts[-1]
        start = 0
        while start < len(ts):
            part = bisect_right(self.boundaries, ts[start])
            stop = len(ts)
            if part < len(self.boundaries):
                stop = max(start + 1, bisect_left(ts, self.boundaries[part], start))
            target = self.parts[part]
            target.add_times(ts[start:stop])
            if hr is not None:
                target.add_heart(hr[start:stop])
            if plan.sample is not None:
                target.add_samples(d, plan, data, pos + start * (d.size + 1), stop - start)
            start = stop

    def finish(self) -> list[PointStats]:
        result = [part.stats(self.route_cap) for part in self.parts]
        for stats in result:
            stats.warnings.extend(untimed_warning(self.untimed))
        return result


class PointRecords:
    """Every record through a `Track`: distance, moving time and climb from points."""

    def __init__(self, boundaries: Sequence[int], route_cap: int, max_unix_time: float) -> None:
        self.boundaries = list(boundaries)
        self.tracks = [Track(route_cap, max_unix_time) for _ in range(len(self.boundaries) + 1)]
        self.untimed = 0
        self.relative = 0

    def records(self, d: Definition, data: Buffer, pos: int, count: int) -> None:
        rows = list(d.unpack.iter_unpack(data[pos : pos + count * (d.size + 1)]))
        self._add(d, rows, None)

    def record_at(self, d: Definition, data: Buffer, pos: int, timestamp: int) -> None:
        self._add(d, [d.unpack.unpack_from(data, pos)], timestamp)

    def _add(self, d: Definition, rows: list[tuple[int, ...]], timestamp: int | None) -> None:
        index = {name: i for i, name in enumerate(d.names)}
        its = index.get("timestamp")
        if its is None and timestamp is None:
            self.untimed += len(rows)
            return
        ilat, ilon, ihr, idist = (index.get(k) for k in ("lat", "lon", "heart_rate", "distance"))
        ialt = index.get("enhanced_altitude")
        alt_none = _NO_U32
        if ialt is None:
            ialt, alt_none = index.get("altitude"), _NO_U16
        for row in rows:
            fit_t = timestamp if its is None else row[its]
            assert fit_t is not None
            if fit_t < RELATIVE_TIME_LIMIT or fit_t == _NO_U32:
                self.relative += fit_t != _NO_U32
                self.untimed += fit_t == _NO_U32
                continue
            track = (
                self.tracks[bisect_right(self.boundaries, fit_t)]
                if self.boundaries
                else self.tracks[0]
            )
            lat = lon = None
            if (
                ilat is not None
                and ilon is not None
                and row[ilat] != _NO_LAT
                and row[ilon] != _NO_LAT
            ):
                lat, lon = row[ilat] * SEMICIRCLE_DEGREES, row[ilon] * SEMICIRCLE_DEGREES
            alt = row[ialt] / 5 - 500 if ialt is not None and row[ialt] != alt_none else None
            hr = row[ihr] if ihr is not None and row[ihr] != _NO_HR else None
            dist = row[idist] / 100 if idist is not None and row[idist] != _NO_U32 else None
            track.add(float(fit_t + FIT_EPOCH_UNIX), lat, lon, alt, hr, dist)

    def finish(self) -> list[PointStats]:
        result = [track.finish() for track in self.tracks]
        notes = untimed_warning(self.untimed)
        if self.relative:
            notes.append(
                f"{self.relative:,} records timed from the watch's power-on instead of the "
                "clock were left out."
            )
        for stats in result:
            stats.warnings.extend(notes)
        return result


def untimed_warning(untimed: int) -> list[str]:
    if not untimed:
        return []
    return [f"{untimed:,} record{'s' if untimed != 1 else ''} without a time were left out."]
