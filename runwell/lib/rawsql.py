"""Values read with a raw statement, made the same on SQLite and PostgreSQL.

A few hot paths (every article page, every comment API read) run one fixed statement
instead of building it with the ORM, which would cost more than the statement. The ORM
would also convert the values; these helpers do that part.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, TypeVar

from django.db.models import Model
from django.db.models.base import ModelState
from django.utils import timezone
from django.utils.dateparse import parse_datetime

M = TypeVar("M", bound=Model)


def loaded(model: type[M], names: Sequence[str], values: Sequence[Any], using: str) -> M:
    """An instance of `model` with these fields loaded and the rest deferred (read on
    first use, as after `.only()`): what `Model.from_db` makes, without `__init__`.

    `__init__` walks every field of the model and sends two signals; for the article
    and the parent a comment post reads, that was a twentieth of the post's CPU. So only
    where those signals would do nothing: no receiver at all, or an image field's, which
    does nothing when the image is not loaded (comments/tests/test_loaded_instances.py
    checks each use).
    """
    instance = model.__new__(model)
    instance.__dict__.update(zip(names, values, strict=True))
    state = ModelState()
    state.adding = False
    state.db = using
    instance._state = state
    return instance


def aware_datetime(value: Any) -> datetime | None:
    """SQLite gives a stored datetime as it is (naive UTC, or text from a subquery,
    whose column has no declared type); PostgreSQL gives an aware one."""
    if value is None:
        return None
    parsed = value if isinstance(value, datetime) else parse_datetime(str(value))
    if parsed is not None and timezone.is_naive(parsed):
        parsed = parsed.replace(tzinfo=UTC)
    return parsed
