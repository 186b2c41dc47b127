"""The `runwell import --json` objects for one outcome (the contract in PRODUCT.md).

PURE: no Django.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from runwell.training.importers.model import Activity, FileOutcome


def iso_utc(activity: Activity) -> str:
    """The start time as ISO 8601 in UTC with a `Z`."""
    return activity.start_time.isoformat().replace("+00:00", "Z")


def outcome_records(
    outcome: FileOutcome, statuses: Sequence[str] | None = None
) -> list[dict[str, Any]]:
    """One JSON-ready object per activity (or one error object for a failed file).

    `statuses[i]` says whether activity i was "imported" or a "duplicate"; the
    caller decides that against its database. Without it every activity is
    reported as "imported".
    """
    if outcome.error is not None or not outcome.activities:
        return [_error_record(outcome.file, outcome.error or "no activity in this file")]
    if statuses is not None and len(statuses) != len(outcome.activities):
        raise ValueError("one status per activity is needed")
    return [
        {
            "file": outcome.file,
            "status": statuses[i] if statuses is not None else "imported",
            "sport": activity.sport,
            "start_time": iso_utc(activity),
            "distance_m": activity.distance_m,
            "elapsed_s": activity.elapsed_s,
            "moving_s": activity.moving_s,
            "points": activity.points,
            "warnings": list(activity.warnings),
            "error": None,
        }
        for i, activity in enumerate(outcome.activities)
    ]


def _error_record(file: str, error: str) -> dict[str, Any]:
    return {
        "file": file,
        "status": "error",
        "sport": None,
        "start_time": None,
        "distance_m": None,
        "elapsed_s": None,
        "moving_s": None,
        "points": 0,
        "warnings": [],
        "error": error,
    }
