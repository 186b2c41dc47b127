"""Changes to activities, shoes and the pain diary.

Ids that come from outside (a shoe on an activity, a run on a pain entry) are looked up
through runwell.training.access, so another runner's id is refused as not found (404).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.utils import timezone

from runwell.accounts.timezones import local_day, zone_for
from runwell.training.access import access_activity, access_shoe, activities_of
from runwell.training.models import (
    MAX_SHOE_LIMIT_M,
    MIN_SHOE_LIMIT_M,
    Activity,
    PainEntry,
    Region,
    Shoe,
    SourceFormat,
    Sport,
    Surface,
    Timing,
)

EARLIEST = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)


class TrainingRefused(Exception):
    """A change that cannot be made, with the HTTP status and a message for a person."""

    def __init__(self, message: str, field: str | None = None, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.status = status


# -- activities ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ActivityInput:
    sport: str
    start_time: dt.datetime  # aware
    distance_m: float
    elapsed_s: float
    moving_s: float | None = None
    surface: str = ""
    shoe_id: int | None = None
    name: str = ""
    notes: str = ""
    elevation_gain_m: float | None = None
    avg_hr: int | None = None
    max_hr: int | None = None


def _checked_activity(user: User, data: ActivityInput) -> tuple[ActivityInput, Shoe | None]:
    if data.sport not in Sport.values:
        raise TrainingRefused(f"Choose a sport: {', '.join(Sport.values)}.", "sport")
    if data.surface and data.surface not in Surface.values:
        raise TrainingRefused(f"Choose a surface: {', '.join(Surface.values)}.", "surface")
    if timezone.is_naive(data.start_time):
        raise TrainingRefused("Give the start time with its time zone.", "start_time")
    if not EARLIEST <= data.start_time <= timezone.now() + dt.timedelta(days=1):
        raise TrainingRefused(
            "The start time must be after 1980 and not in the future.", "start_time"
        )
    for field, value in (("distance_m", data.distance_m), ("elapsed_s", data.elapsed_s)):
        if not 0 <= value < 10_000_000:
            raise TrainingRefused("This must be a positive number.", field)
    if data.moving_s is not None and not 0 <= data.moving_s <= data.elapsed_s:
        raise TrainingRefused("Moving time cannot be longer than the elapsed time.", "moving_s")
    shoe = access_shoe(user, data.shoe_id) if data.shoe_id is not None else None
    return data, shoe


def check_create_activity(user: User, data: ActivityInput) -> Activity:
    data, shoe = _checked_activity(user, data)
    return do_create_activity(user, data, shoe)


def do_create_activity(user: User, data: ActivityInput, shoe: Shoe | None) -> Activity:
    activity = Activity(user=user, source_format=SourceFormat.MANUAL)
    _fill(activity, data, shoe, zone_for(user))
    activity.save()
    return activity


def check_update_activity(user: User, activity: Activity, data: ActivityInput) -> Activity:
    data, shoe = _checked_activity(user, data)
    _fill(activity, data, shoe, zone_for(user))
    activity.save()
    return activity


def _fill(activity: Activity, data: ActivityInput, shoe: Shoe | None, zone: dt.tzinfo) -> None:
    activity.sport = data.sport
    activity.start_time = data.start_time.astimezone(dt.UTC)
    activity.local_date = local_day(data.start_time, zone)
    activity.distance_m = data.distance_m
    activity.elapsed_s = data.elapsed_s
    activity.moving_s = data.moving_s
    activity.surface = data.surface
    activity.shoe = shoe
    activity.name = data.name.strip()
    activity.notes = data.notes.strip()
    activity.elevation_gain_m = data.elevation_gain_m
    activity.avg_hr = data.avg_hr
    activity.max_hr = data.max_hr


def do_delete_activity(activity: Activity) -> None:
    activity.delete()


def do_relocalise(user: User) -> int:
    """Recompute every activity's local date after the runner's time zone changed."""
    zone = zone_for(user)
    changed = []
    for activity in activities_of(user).only("id", "start_time", "local_date"):
        day = local_day(activity.start_time, zone)
        if day != activity.local_date:
            activity.local_date = day
            changed.append(activity)
    Activity.objects.bulk_update(changed, ["local_date"], batch_size=500)
    return len(changed)


# -- shoes ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ShoeInput:
    name: str
    brand: str = ""
    start_m: float = 0.0
    limit_m: float = 700_000.0


def _check_shoe(data: ShoeInput) -> None:
    if not data.name.strip():
        raise TrainingRefused("Give the pair a name.", "name")
    if not 0 <= data.start_m < 100_000_000:
        raise TrainingRefused("The distance already on them must be 0 or more.", "start_m")
    if not MIN_SHOE_LIMIT_M <= data.limit_m <= MAX_SHOE_LIMIT_M:
        raise TrainingRefused(
            f"Choose a retirement distance between {MIN_SHOE_LIMIT_M / 1000:.0f} and "
            f"{MAX_SHOE_LIMIT_M / 1000:.0f} km.",
            "limit_m",
        )


def check_create_shoe(user: User, data: ShoeInput) -> Shoe:
    _check_shoe(data)
    return do_create_shoe(user, data)


def do_create_shoe(user: User, data: ShoeInput) -> Shoe:
    return Shoe.objects.create(
        user=user,
        name=data.name.strip(),
        brand=data.brand.strip(),
        start_m=data.start_m,
        limit_m=data.limit_m,
    )


def check_update_shoe(shoe: Shoe, data: ShoeInput) -> Shoe:
    _check_shoe(data)
    shoe.name, shoe.brand = data.name.strip(), data.brand.strip()
    shoe.start_m, shoe.limit_m = data.start_m, data.limit_m
    shoe.save()
    return shoe


def do_retire_shoe(shoe: Shoe, retired: bool = True) -> Shoe:
    shoe.retired = retired
    shoe.save(update_fields=["retired"])
    return shoe


def do_delete_shoe(shoe: Shoe) -> None:
    shoe.delete()  # its runs stay, without a shoe


# -- pain diary -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PainInput:
    date: dt.date
    region: str
    score: int
    timing: str
    activity_id: int | None = None
    note: str = ""


def _checked_pain(user: User, data: PainInput) -> Activity | None:
    if data.region not in Region.values:
        raise TrainingRefused(f"Choose where it hurts: {', '.join(Region.values)}.", "region")
    if data.timing not in Timing.values:
        raise TrainingRefused(f"Choose when it hurts: {', '.join(Timing.values)}.", "timing")
    if not 0 <= data.score <= 10:
        raise TrainingRefused("Give a score from 0 (no pain) to 10 (the worst).", "score")
    if not EARLIEST.date() <= data.date <= timezone.localdate() + dt.timedelta(days=1):
        raise TrainingRefused("The date cannot be in the future.", "date")
    return access_activity(user, data.activity_id) if data.activity_id is not None else None


def check_create_pain(user: User, data: PainInput) -> PainEntry:
    activity = _checked_pain(user, data)
    return PainEntry.objects.create(
        user=user,
        date=data.date,
        region=data.region,
        score=data.score,
        timing=data.timing,
        activity=activity,
        note=data.note.strip(),
    )


def check_update_pain(user: User, entry: PainEntry, data: PainInput) -> PainEntry:
    entry.activity = _checked_pain(user, data)
    entry.date, entry.region, entry.score = data.date, data.region, data.score
    entry.timing, entry.note = data.timing, data.note.strip()
    entry.save()
    return entry


def do_delete_pain(entry: PainEntry) -> None:
    entry.delete()
