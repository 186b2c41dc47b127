"""Spam defences that need no outside service: a honeypot, a signed form
timestamp, flood control and a per-IP rate limit, plus IP truncation.

Flood control and the rate limit keep their state in the database (the Throttle
table) and change it with conditional UPDATEs and primary-key-guarded INSERTs, so
they hold when several worker processes take posts at the same instant.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from runwell.comments.models import Throttle

HONEYPOT_FIELD = "contact_me_by_fax"
_TIMESTAMP_SALT = "runwell.comments.form-timestamp"
MAX_FORM_AGE = 86400  # a form older than a day is stale


def sign_form_timestamp(now: datetime | None = None) -> str:
    moment = now or timezone.now()
    return signing.dumps(moment.timestamp(), salt=_TIMESTAMP_SALT)


def form_timestamp_problem(token: str, min_seconds: int) -> str | None:
    """Why a form's timestamp is not acceptable, or None when it is."""
    try:
        issued = float(signing.loads(token, salt=_TIMESTAMP_SALT, max_age=MAX_FORM_AGE))
    except signing.SignatureExpired:
        return "This form had expired. Your text is kept: please post it again."
    except (signing.BadSignature, TypeError, ValueError):
        return "This form could not be verified. Your text is kept: please post it again."
    age = timezone.now().timestamp() - issued
    if age > MAX_FORM_AGE:
        return "This form had expired. Your text is kept: please post it again."
    if age < min_seconds:
        return "That was quick! Please take a moment to read your comment and post it again."
    return None


def claim_flood_slot(key: str, seconds: int, now: datetime | None = None) -> bool:
    """True when nothing was posted under `key` in the last `seconds`; claims the slot.

    Call inside the transaction that stores the comment, so a post that fails later
    gives its slot back. The UPDATE takes the row lock and re-checks its condition
    after a concurrent writer commits; the INSERT is guarded by the primary key.
    """
    moment = now or timezone.now()
    cutoff = moment - timedelta(seconds=seconds)
    if Throttle.objects.filter(key=key, window_start__lte=cutoff).update(
        window_start=moment, hits=1
    ):
        return True
    try:
        with transaction.atomic():
            Throttle.objects.create(key=key, window_start=moment, hits=1)
    except IntegrityError:
        return False
    return True


def hit_rate_limit(key: str, limit: int, period: int, now: datetime | None = None) -> bool:
    """Count one attempt under `key`; True while the count stays within `limit` per `period`."""
    moment = now or timezone.now()
    start = datetime.fromtimestamp(
        int(moment.timestamp()) // period * period, tz=moment.tzinfo or UTC
    )
    with transaction.atomic():
        for _attempt in range(3):
            if Throttle.objects.filter(key=key, window_start=start).update(hits=F("hits") + 1):
                break
            # A new window: reset an older row, or create the first one.
            if Throttle.objects.filter(key=key, window_start__lt=start).update(
                window_start=start, hits=1
            ):
                break
            try:
                with transaction.atomic():
                    Throttle.objects.create(key=key, window_start=start, hits=1)
                break
            except IntegrityError:
                continue  # someone else opened the window first: count again
        hits = Throttle.objects.filter(key=key).values_list("hits", flat=True).first() or 0
    if random.random() < 0.01:  # noqa: S311 — housekeeping, not security
        Throttle.objects.filter(window_start__lt=moment - timedelta(days=2)).delete()
    return hits <= limit
