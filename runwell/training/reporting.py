"""The runner's log, read in three queries, handed to the pure report (report.build_report).

The dashboard and GET /api/v1/training/report both come from here, so they always agree;
the pain check (painlink.py) reads the parts it needs through the same functions.
Only the columns the load maths need are read (values_list, no model instances): ten
years of daily running is 3,650 small tuples.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.db import connection
from django.db.models import CharField
from django.db.models.functions import Cast

from runwell.accounts.timezones import today_for
from runwell.training import load
from runwell.training.access import activities_of, pain_of, shoes_of
from runwell.training.insights import PainEntry
from runwell.training.report import Report, build_report


def _day(value: dt.date | str) -> dt.date:
    # SQLite hands dates back as text, PostgreSQL as dates.
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def log_records(
    user: User, as_of: dt.date
) -> tuple[list[load.Activity], list[load.Shoe], list[PainEntry]]:
    return activity_records(user, as_of), shoe_records(user), pain_records(user, as_of)


def activity_records(user: User, as_of: dt.date) -> list[load.Activity]:
    columns = ("id", "day", "sport", "distance_m", "elapsed_s", "surface", "shoe_id")
    query = (
        activities_of(user)
        .filter(local_date__lte=as_of)
        .annotate(day=Cast("local_date", output_field=CharField()))
        .order_by()
        .values_list(*columns)
    )
    # The ORM's query on a plain cursor, the day as text read by date.fromisoformat:
    # the drivers' per-value date parsing cost as much as the load maths themselves on
    # ten years of runs (bench/training.py).
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [
            load.Activity(pk, _day(day), sport, distance, elapsed, surface or None, shoe)
            for pk, day, sport, distance, elapsed, surface, shoe in cursor.fetchall()
        ]


def shoe_records(user: User) -> list[load.Shoe]:
    return [
        load.Shoe(pk, name, start, limit, retired)
        for pk, name, start, limit, retired in shoes_of(user)
        .order_by("id")
        .values_list("id", "name", "start_m", "limit_m", "retired")
    ]


def pain_records(user: User, as_of: dt.date) -> list[PainEntry]:
    return [
        PainEntry(day, region, score, timing)
        for day, region, score, timing in pain_of(user)
        .filter(date__lte=as_of)
        .order_by()
        .values_list("date", "region", "score", "timing")
    ]


def report_for(user: User, as_of: dt.date | None = None) -> Report:
    return report_and_pain(user, as_of)[0]


def report_and_pain(user: User, as_of: dt.date | None = None) -> tuple[Report, list[PainEntry]]:
    """The report and the diary it was built from (the dashboard marks pain on its chart)."""
    day = as_of or today_for(user)
    activities, pairs, pain = log_records(user, day)
    return build_report(activities, pairs, pain, day), pain
