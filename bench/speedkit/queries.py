"""Counting a call's SQL statements in the in-process benchmarks."""

from __future__ import annotations

from collections.abc import Callable


def statements(func: Callable[[], object]) -> int:
    """How many SQL statements one call of `func` makes.

    The log is emptied first: Django keeps the last 9,000 statements, and once that
    log is full a capture around one call counts nothing.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as queries:
        func()
    return len(queries.captured_queries)
