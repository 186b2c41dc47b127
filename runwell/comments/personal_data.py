"""The comments part of a runner's personal data (registered in CommentsConfig.ready)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User

from runwell.comments.models import Comment


def export_for_user(user: User) -> list[dict[str, Any]]:
    # Only comments posted while logged in: an email address typed into a sign-up form
    # proves nothing about who wrote the anonymous comments that used it.
    comments = Comment.objects.filter(user=user).select_related("article").order_by("created")
    return [
        {
            "article": c.article.slug,
            "created": c.created.isoformat(),
            "status": c.status,
            "author_name": c.author_name,
            "author_url": c.author_url,
            "body": c.body,
        }
        for c in comments
    ]


def erase_for_user(user: User) -> None:
    """Comments stay in other people's threads but lose their link to the account."""
    Comment.objects.filter(user=user).update(user=None)
