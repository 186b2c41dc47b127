"""A runner's time zone: which day a run belongs to.

The zone is kept on the account (RunnerProfile); the site's zone (RUNWELL_TIME_ZONE)
applies until the runner picks one. Apps that store dates derived from it (the training
log's local dates) listen to `time_zone_changed` to recompute them.
"""

from __future__ import annotations

import zoneinfo
from datetime import date, datetime, tzinfo
from functools import cache

import django.dispatch
from django.conf import settings
from django.contrib.auth.models import User
from django.utils import timezone

from runwell.accounts.models import RunnerProfile

# Sent with `user` after a runner's zone changed (inside the same transaction).
time_zone_changed = django.dispatch.Signal()


@cache
def available_zones() -> tuple[str, ...]:
    """The IANA zone names this machine knows, sorted, without the legacy aliases."""
    legacy = ("Etc/", "SystemV/", "US/", "posix/")
    named = (z for z in zoneinfo.available_timezones() if "/" in z and not z.startswith(legacy))
    return (*sorted(named), "UTC")


def is_zone(name: str) -> bool:
    return name in available_zones()


def zone_name_for(user: User) -> str:
    """The runner's chosen zone, or the site's when they chose none."""
    chosen = RunnerProfile.objects.filter(user=user).values_list("time_zone", flat=True).first()
    return chosen or settings.TIME_ZONE


def zone_for(user: User) -> tzinfo:
    return zoneinfo.ZoneInfo(zone_name_for(user))


def today_for(user: User) -> date:
    """Today where the runner is."""
    return timezone.now().astimezone(zone_for(user)).date()


def local_day(moment: datetime, zone: tzinfo) -> date:
    """The runner's calendar day of an aware moment."""
    return moment.astimezone(zone).date()
