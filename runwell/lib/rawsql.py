"""Values read with a raw statement, made the same on SQLite and PostgreSQL.

A few hot paths (every article page, every comment API read) run one fixed statement
instead of building it with the ORM, which would cost more than the statement. The ORM
would also convert the values; these helpers do that part.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from django.utils import timezone
from django.utils.dateparse import parse_datetime


def aware_datetime(value: Any) -> datetime | None:
    """SQLite gives a stored datetime as it is (naive UTC, or text from a subquery,
    whose column has no declared type); PostgreSQL gives an aware one."""
    if value is None:
        return None
    parsed = value if isinstance(value, datetime) else parse_datetime(str(value))
    if parsed is not None and timezone.is_naive(parsed):
        parsed = parsed.replace(tzinfo=UTC)
    return parsed
