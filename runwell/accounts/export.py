"""A runner's personal data, gathered for the "download my data" button."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.utils import timezone

from runwell.comments.models import Comment
from runwell.paincheck.export import export_user_data as export_pain_checks


def collect_user_data(user: User) -> dict[str, Any]:
    # Only comments posted while logged in: an email address typed into a sign-up form
    # proves nothing about who wrote the anonymous comments that used it.
    comments = Comment.objects.filter(user=user)
    return {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "username": user.get_username(),
            "email": user.email,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "comments": [
            {
                "article": c.article.slug,
                "created": c.created.isoformat(),
                "status": c.status,
                "author_name": c.author_name,
                "author_url": c.author_url,
                "body": c.body,
            }
            for c in comments.select_related("article").order_by("created")
        ],
        "pain_checks": export_pain_checks(user),
    }
