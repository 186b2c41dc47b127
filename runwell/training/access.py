"""The one way to reach a runner's training data: by owner, or not at all.

Every view and API endpoint fetches through these helpers. Another runner's id answers
404 exactly like an id that does not exist, so ids reveal nothing.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.http import Http404

from runwell.training.models import Activity, ImportJob, PainEntry, Shoe


def activities_of(user: User) -> QuerySet[Activity]:
    return Activity.objects.filter(user=user)


def shoes_of(user: User) -> QuerySet[Shoe]:
    return Shoe.objects.filter(user=user)


def pain_of(user: User) -> QuerySet[PainEntry]:
    return PainEntry.objects.filter(user=user)


def jobs_of(user: User) -> QuerySet[ImportJob]:
    return ImportJob.objects.filter(user=user)


def access_activity(user: User, activity_id: int) -> Activity:
    found = activities_of(user).select_related("shoe").filter(pk=activity_id).first()
    if found is None:
        raise Http404("No activity with that id in your log.")
    return found


def access_shoe(user: User, shoe_id: int) -> Shoe:
    found = shoes_of(user).filter(pk=shoe_id).first()
    if found is None:
        raise Http404("No shoe with that id in your log.")
    return found


def access_pain_entry(user: User, entry_id: int) -> PainEntry:
    found = pain_of(user).select_related("activity").filter(pk=entry_id).first()
    if found is None:
        raise Http404("No pain-diary entry with that id.")
    return found


def access_job(user: User, job_id: int) -> ImportJob:
    found = jobs_of(user).filter(pk=job_id).first()
    if found is None:
        raise Http404("No import with that id.")
    return found
