"""The simplified route: at most a few hundred (lat, lon) points, first and last kept.

A route is a drawing of where the run went, so evenly spaced samples of the
points (by their order, that is by time for 1 Hz recordings) draw it well
enough, cost nothing to compute and never hold more than the cap in memory,
however long the activity. The sampler keeps every `step`-th point and doubles
the step (dropping every other kept point) whenever it would hold more than the
cap, so a long activity's route has between half the cap and the cap points;
the last point is always added, and `simplify` (at most `cap` evenly spaced
points, first and last included) trims the one extra.

PURE: no Django.
"""

from __future__ import annotations

from collections.abc import Sequence

Point = tuple[float, float]


def simplify(points: Sequence[Point], cap: int, scale: float = 1.0) -> tuple[Point, ...]:
    """At most `cap` of `points`, evenly spaced, first and last included.

    Coordinates are multiplied by `scale` (from FIT semicircles to degrees).
    """
    n = len(points)
    if n <= cap:
        chosen: Sequence[Point] = points
    elif cap <= 1:
        chosen = [points[-1]] if cap == 1 else []
    else:
        chosen = [points[(i * (n - 1) + (cap - 1) // 2) // (cap - 1)] for i in range(cap)]
    if scale == 1.0:
        return tuple(chosen)
    return tuple([(lat * scale, lon * scale) for lat, lon in chosen])


class RouteSampler:
    """Streaming evenly spaced samples of a route of unknown length.

    Values are stored as given (FIT semicircles or degrees) and multiplied by
    `scale` only when the route is taken. A sampled item may be None (a FIT
    record without a position): it holds its place so that the kept items stay
    evenly spaced, and is left out of the route.
    """

    __slots__ = ("cap", "kept", "last", "scale", "seen", "step")

    def __init__(self, cap: int, scale: float = 1.0) -> None:
        self.cap = max(cap, 2)
        self.scale = scale
        self.kept: list[tuple[float, float] | None] = []
        self.step = 1
        self.seen = 0
        self.last: tuple[float, float] | None = None

    def add(self, lat: float, lon: float) -> None:
        if self.seen % self.step == 0:
            self.kept.append((lat, lon))
            if len(self.kept) > self.cap:
                self._halve()
        self.seen += 1
        self.last = (lat, lon)

    def plan(self, count: int) -> tuple[int, int]:
        """(first, step): which of the next `count` items to sample, as a slice would."""
        while True:
            first = (-self.seen) % self.step
            new = 0 if first >= count else (count - first + self.step - 1) // self.step
            if len(self.kept) + new <= self.cap:
                return first, self.step
            self._halve()

    def feed(
        self,
        samples: list[tuple[float, float] | None],
        count: int,
        last: tuple[float, float] | None,
    ) -> None:
        """The items `plan(count)` asked for, and the last known position among all `count`."""
        self.kept.extend(samples)
        self.seen += count
        if last is not None:
            self.last = last

    def _halve(self) -> None:
        # Kept items are the multiples of `step` counted from the first item, so
        # every other one are the multiples of twice the step.
        self.kept = self.kept[::2]
        self.step *= 2

    def route(self, cap: int) -> tuple[Point, ...]:
        points = [p for p in self.kept if p is not None]
        if self.last is not None and (not points or points[-1] != self.last):
            points.append(self.last)
        return simplify(points, cap, self.scale)
