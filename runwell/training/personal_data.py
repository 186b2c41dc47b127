"""The training log in "download my data", its CSV, and its erasure with the account.

Registered in TrainingConfig.ready. The JSON export holds everything the log keeps
(routes as [lat, lon] lists); the CSV holds one line per activity for a spreadsheet.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from runwell.training import routes, uploads
from runwell.training.access import activities_of, jobs_of, pain_of, shoes_of
from runwell.training.models import Activity

CSV_COLUMNS = [
    "id",
    "sport",
    "start_time",
    "local_date",
    "name",
    "distance_m",
    "elapsed_s",
    "moving_s",
    "elevation_gain_m",
    "avg_hr",
    "max_hr",
    "surface",
    "shoe",
    "source_format",
    "source_file",
    "notes",
]


def _activity(a: Activity) -> dict[str, Any]:
    return {
        "id": a.pk,
        "sport": a.sport,
        "start_time": a.start_time.isoformat(),
        "local_date": a.local_date.isoformat(),
        "name": a.name,
        "distance_m": a.distance_m,
        "elapsed_s": a.elapsed_s,
        "moving_s": a.moving_s,
        "elevation_gain_m": a.elevation_gain_m,
        "avg_hr": a.avg_hr,
        "max_hr": a.max_hr,
        "surface": a.surface or None,
        "shoe": a.shoe.name if a.shoe else None,
        "source_format": a.source_format,
        "source_file": a.source_file,
        "notes": a.notes,
    }


def export_training(user: User) -> dict[str, Any]:
    activities = activities_of(user).select_related("shoe").order_by("start_time", "id")
    return {
        "activities": [
            {**_activity(a), "route": [list(p) for p in routes.decode(a.route)],
             "warnings": a.warnings}
            for a in activities
        ],
        "shoes": [
            {
                "id": s.pk,
                "name": s.name,
                "brand": s.brand,
                "start_m": s.start_m,
                "limit_m": s.limit_m,
                "retired": s.retired,
            }
            for s in shoes_of(user).order_by("created", "id")
        ],
        "pain_diary": [
            {
                "id": p.pk,
                "date": p.date.isoformat(),
                "region": p.region,
                "score": p.score,
                "timing": p.timing,
                "activity": p.activity_id,
                "note": p.note,
            }
            for p in pain_of(user).order_by("date", "id")
        ],
        "imports": [
            {
                "created": j.created.isoformat(),
                "files": j.uploaded_names,
                "imported": j.imported,
                "duplicates": j.duplicates,
                "errors": j.errors,
            }
            for j in jobs_of(user).order_by("created", "id")
        ],
    }  # fmt: skip


def activities_csv(user: User) -> Iterator[str]:
    """The runner's activities as CSV lines, oldest first, streamed."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    rows = activities_of(user).select_related("shoe").order_by("start_time", "id")
    for activity in rows.iterator(chunk_size=500):
        writer.writerow(_activity(activity))
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def erase_training(user: User) -> None:
    """Everything the log holds about the runner, stored files included."""
    pain_of(user).delete()
    jobs_of(user).delete()
    activities_of(user).delete()
    shoes_of(user).delete()
    user_id = user.pk
    # The files go once the deletion is committed, so a failed deletion keeps them.
    transaction.on_commit(lambda: uploads.delete_runner_files(user_id))
