"""`{% moderation_counts as counts %}`: what waits in the queue, for the admin's header."""

from __future__ import annotations

from django import template
from django.db.models import Count, Q

from runwell.comments.models import Comment, CommentStatus

register = template.Library()


@register.simple_tag
def moderation_counts() -> dict[str, int]:
    found = Comment.objects.aggregate(
        pending=Count("pk", filter=Q(status=CommentStatus.PENDING)),
        spam=Count("pk", filter=Q(status=CommentStatus.SPAM)),
    )
    return {key: int(value or 0) for key, value in found.items()}
