"""A small pain-score trend for saved checks, as coordinates for an inline SVG (pure).

The template draws it with attributes and classes only: the site's content
security policy allows no inline script or style.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

MAX_SCORE = 10


@dataclass(frozen=True)
class TrendPoint:
    x: float
    y: float
    score: int
    when: str


@dataclass(frozen=True)
class Trend:
    width: int
    height: int
    points: tuple[TrendPoint, ...]
    gridlines: tuple[tuple[float, int], ...]  # (y, score) for 0, 5 and 10
    left: float
    right: float

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x:g},{p.y:g}" for p in self.points)

    @property
    def summary(self) -> str:
        first, last = self.points[0], self.points[-1]
        return (
            f"Pain score over {len(self.points)} saved checks:"
            f" {first.score} out of 10 on {first.when}, {last.score} out of 10 on {last.when}."
        )


def _day(moment: datetime) -> str:
    return f"{moment.day} {moment:%B %Y}"


def pain_trend(
    readings: Sequence[tuple[datetime, int]],
    width: int = 320,
    height: int = 120,
    margin: int = 24,
) -> Trend | None:
    """Coordinates for readings given oldest first; None with fewer than two."""
    if len(readings) < 2:
        return None
    start, end = readings[0][0], readings[-1][0]
    span = (end - start).total_seconds()
    left, right, top, bottom = margin, width - 8, 8, height - 16

    def x_at(index: int, moment: datetime) -> float:
        if span <= 0:  # every check saved at the same moment: spread them evenly
            fraction = index / (len(readings) - 1)
        else:
            fraction = (moment - start).total_seconds() / span
        return round(left + fraction * (right - left), 1)

    def y_at(score: int) -> float:
        clamped = min(max(score, 0), MAX_SCORE)
        return round(bottom - clamped / MAX_SCORE * (bottom - top), 1)

    points = tuple(
        TrendPoint(x=x_at(i, moment), y=y_at(score), score=score, when=_day(moment))
        for i, (moment, score) in enumerate(readings)
    )
    gridlines = tuple((y_at(score), score) for score in (0, 5, 10))
    return Trend(width, height, points, gridlines, left, right)
