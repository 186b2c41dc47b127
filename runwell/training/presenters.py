"""The dashboard's charts, laid out on the server as SVG coordinates (no script, no style).

Each chart comes with the rows of the data table shown beside it, so the figures are
readable without the picture (and by a screen reader).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from runwell.training.insights import Insight, PainEntry
from runwell.training.records import DayLoad, Week
from runwell.training.report import Report

# The weekly chart's view box; the SVG scales to the page's width.
WIDTH, HEIGHT = 640.0, 240.0
LEFT, RIGHT, TOP, BOTTOM = 44.0, 8.0, 22.0, 28.0
ACWR_TOP = 2.0  # the ratio chart's ceiling; higher values are drawn at the top
SWEET_LOW, SWEET_HIGH, SPIKE = 0.8, 1.3, 1.5
RECENT_INSIGHTS = 5  # years of episodes stay one click away


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str  # the week, e.g. "3 Nov"
    km: float
    runs: int
    elapsed_s: float
    pain: int | None  # the week's highest pain score, if any
    pain_y: float
    start: dt.date


@dataclass(frozen=True)
class Tick:
    y: float
    label: str


@dataclass(frozen=True)
class WeeklyChart:
    bars: tuple[Bar, ...]
    ticks: tuple[Tick, ...]
    baseline: float
    width: float = WIDTH
    height: float = HEIGHT
    left: float = LEFT
    right: float = WIDTH - RIGHT


def _nice_top(value: float) -> float:
    for step in (10, 20, 25, 50, 100, 200, 250, 500):
        if value <= step * 5:
            return float(step * max(1, -(-value // step)))
    return float(-(-value // 1000) * 1000)


def weekly_chart(weeks: Sequence[Week], pain: Sequence[PainEntry]) -> WeeklyChart:
    top_km = _nice_top(max([w.distance_m / 1000 for w in weeks] + [10.0]))
    plot_h = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - LEFT - RIGHT) / max(len(weeks), 1)
    worst: dict[dt.date, int] = {}
    for entry in pain:
        monday = entry.date - dt.timedelta(days=entry.date.weekday())
        worst[monday] = max(worst.get(monday, 0), entry.score)
    bars = []
    for i, week in enumerate(weeks):
        km = week.distance_m / 1000
        height = plot_h * km / top_km
        score = worst.get(week.start)
        bars.append(
            Bar(
                x=round(LEFT + i * slot + slot * 0.15, 1),
                y=round(TOP + plot_h - height, 1),
                width=round(slot * 0.7, 1),
                height=round(height, 1),
                label=f"{week.start.day} {week.start:%b}",
                km=round(km, 1),
                runs=week.runs,
                elapsed_s=week.elapsed_s,
                pain=score,
                pain_y=round(max(TOP + plot_h - height - 10, 8), 1),
                start=week.start,
            )
        )
    ticks = tuple(
        Tick(round(TOP + plot_h * (1 - k / 4), 1), f"{top_km * k / 4:g}") for k in range(5)
    )
    return WeeklyChart(tuple(bars), ticks, TOP + plot_h)


@dataclass(frozen=True)
class RatioChart:
    points: str  # the polyline of the ratio, "x,y …"
    band_y: float  # the 0.8–1.3 band's top edge
    band_height: float
    spike_y: float  # the 1.5 line
    baseline: float
    ticks: tuple[Tick, ...]
    first_label: str
    last_label: str
    width: float = WIDTH
    height: float = HEIGHT
    left: float = LEFT
    right: float = WIDTH - RIGHT
    plot_width: float = WIDTH - LEFT - RIGHT


def _ratio_y(ratio: float) -> float:
    plot_h = HEIGHT - TOP - BOTTOM
    return round(TOP + plot_h * (1 - min(ratio, ACWR_TOP) / ACWR_TOP), 1)


def ratio_chart(days: Sequence[DayLoad]) -> RatioChart | None:
    """The ratio over the chart's days; None while it does not exist yet (28 days)."""
    shown = [(i, d.acwr) for i, d in enumerate(days) if d.acwr is not None]
    if not shown:
        return None
    step = (WIDTH - LEFT - RIGHT) / max(len(days) - 1, 1)
    points = " ".join(f"{round(LEFT + i * step, 1)},{_ratio_y(r)}" for i, r in shown)
    ticks = tuple(Tick(_ratio_y(v), f"{v:g}") for v in (0.0, 0.5, 1.0, 1.5, 2.0))
    return RatioChart(
        points=points,
        band_y=_ratio_y(SWEET_HIGH),
        band_height=round(_ratio_y(SWEET_LOW) - _ratio_y(SWEET_HIGH), 1),
        spike_y=_ratio_y(SPIKE),
        baseline=_ratio_y(0.0),
        ticks=ticks,
        first_label=f"{days[0].date.day} {days[0].date:%b}",
        last_label=f"{days[-1].date.day} {days[-1].date:%b}",
    )


@dataclass(frozen=True)
class RatioRow:
    week_end: dt.date
    km: float
    acwr: float | None


def ratio_rows(days: Sequence[DayLoad]) -> list[RatioRow]:
    """The ratio at the end of each chart week (every 7th day back from the last)."""
    rows = []
    for end in range(len(days) - 1, -1, -7):
        week = days[max(0, end - 6) : end + 1]
        km = sum(d.distance_m for d in week) / 1000
        rows.append(RatioRow(days[end].date, round(km, 1), days[end].acwr))
    return list(reversed(rows))


@dataclass(frozen=True)
class Dashboard:
    report: Report
    weekly: WeeklyChart
    ratio: RatioChart | None
    ratio_rows: list[RatioRow]
    has_runs: bool
    insights: tuple[Insight, ...]  # the newest RECENT_INSIGHTS unless all were asked for
    earlier_insights: int  # how many more there are
    monotony: str  # "" while there is none (fewer than 3 runs in 7 days)


def dashboard(report: Report, pain: Sequence[PainEntry], all_insights: bool = False) -> Dashboard:
    history = report.history
    first_week = report.weeks[0].start if report.weeks else report.as_of
    recent_pain = [p for p in pain if p.date >= first_week]
    return Dashboard(
        report=report,
        weekly=weekly_chart(report.weeks, recent_pain),
        ratio=ratio_chart(history.days),
        ratio_rows=ratio_rows(history.days),
        has_runs=history.first_day is not None,
        insights=report.insights if all_insights else report.insights[:RECENT_INSIGHTS],
        earlier_insights=0 if all_insights else max(len(report.insights) - RECENT_INSIGHTS, 0),
        monotony=_monotony(report.monotony),
    )


def _monotony(value: float | None) -> str:
    if value is None:
        return ""
    # Seven equal days have no spread: monotony is infinite, which reads as words.
    return f"{value:.1f}" if math.isfinite(value) else "as high as it gets (every day the same)"
