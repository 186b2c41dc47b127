"""Distances, times and paces as a runner reads them."""

from __future__ import annotations

from django import template

from runwell.training.wording import region

register = template.Library()


@register.filter
def km(metres: float | None, places: int = 1) -> str:
    if metres is None:
        return "–"
    return f"{metres / 1000:,.{places}f} km"


@register.filter
def duration(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


@register.filter
def pace(activity_seconds: float | None, metres: float | None) -> str:
    """Minutes per km ('5:12 /km'); '–' without a distance."""
    if not activity_seconds or not metres:
        return "–"
    per_km = round(activity_seconds / (metres / 1000))
    return f"{per_km // 60}:{per_km % 60:02d} /km"


@register.filter
def percent_of(part: float, whole: float) -> int:
    return min(int(100 * part / whole), 100) if whole else 0


@register.filter
def region_name(name: str) -> str:
    """'lower_back' as 'lower back'."""
    return region(name)
