"""What the articles app keeps about an account: its public author profile, if any."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User

from runwell.articles.models import ArticleImage, AuthorProfile


def export_user_data(user: User) -> dict[str, Any] | None:
    profile = AuthorProfile.objects.filter(user=user).first()
    if profile is None:
        return None
    return {
        "display_name": profile.display_name,
        "address": profile.get_absolute_url(),
        "credentials": profile.credentials,
        "bio": profile.bio,
    }


def erase_user_data(user: User) -> None:
    # Articles stay (they belong to the site); their byline falls back to the site's name.
    AuthorProfile.objects.filter(user=user).delete()
    ArticleImage.objects.filter(uploaded_by=user).update(uploaded_by=None)
