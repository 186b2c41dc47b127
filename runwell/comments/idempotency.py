"""How long the answers kept for Idempotency-Key headers live (see actions.first_answer)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from runwell.comments.models import IdempotentPost

KEEP_HOURS = 24  # a client retrying later than this is sending a new request


def answers_since() -> datetime:
    return timezone.now() - timedelta(hours=KEEP_HOURS)


def purge_answers() -> int:
    return IdempotentPost.objects.filter(created__lt=answers_since()).delete()[0]
