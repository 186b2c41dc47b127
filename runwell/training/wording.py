"""Figures and dates as a runner reads them (PURE: no Django, no locale).

Distances inside the load maths are whole millimetres (exact sums and exact
threshold comparisons); these helpers turn them into words.
"""

from __future__ import annotations

import datetime as dt

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_REGIONS = {"lower_back": "lower back", "upper_back": "upper back", "both": "upper and lower back"}
_SURFACES = {
    "road": "road",
    "track": "a track",
    "trail": "trails",
    "treadmill": "a treadmill",
    "mixed": "mixed surfaces",
}


def day(d: dt.date) -> str:
    """'12 May 2025' whatever the server's locale."""
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def km(mm: int | float) -> str:
    """A distance in millimetres as '16.2 km'."""
    return f"{mm / 1e6:.1f} km"


def whole_km(mm: int | float) -> str:
    return f"{mm / 1e6:,.0f} km"


def percent_more(value: int | float, base: int | float) -> str:
    """How much larger value is than base, as '47%' (never rounded up past the truth)."""
    return f"{int(value * 100 // base) - 100}%"


def share(part: int | float, whole: int | float) -> str:
    return f"{round(100 * part / whole)}%" if whole else "0%"


def region(name: str) -> str:
    return _REGIONS.get(name, "back")


def surfaces(names: list[str]) -> str:
    """'trails and a treadmill' for the surfaces a change is about."""
    words = [_SURFACES.get(n, n) for n in names]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def days_after(n: int) -> str:
    """How long after an event a pain began, as the start of a clause."""
    if n == 0:
        return "on the same day as"
    if n == 1:
        return "the day after"
    return f"{n} days after"
