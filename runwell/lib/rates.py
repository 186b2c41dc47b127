"""Rate limits written as "5/m": read in one place for the environment and the admin."""

from __future__ import annotations

from django.core.exceptions import ValidationError

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
FORMAT_HELP = "a number of comments per s, m, h or d, such as 5/m or 100/h; 0 turns it off"


def parse_rate(text: str) -> tuple[int, int] | None:
    """'5/m' -> (5, 60); '0' or '' -> None (off). Anything else raises ValueError."""
    text = text.strip().lower()
    if text in {"", "0"}:
        return None
    count, slash, unit = text.partition("/")
    if not slash or not count.isdigit() or unit not in PERIODS or int(count) == 0:
        raise ValueError(f"{text!r} is not {FORMAT_HELP}")
    return int(count), PERIODS[unit]


def validate_rate(text: str) -> None:
    """Model-field validator, so the admin refuses a typo instead of turning the limit off."""
    try:
        parse_rate(text)
    except ValueError:
        raise ValidationError(f"Write {FORMAT_HELP}.") from None
