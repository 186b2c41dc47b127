from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from runwell.articles.models import Article
from runwell.comments import spam
from runwell.comments.actions import NewComment, check_post_comment
from runwell.comments.conf import forget_stored_settings
from runwell.comments.models import Comment, CommentStatus
from runwell.comments.threads import clear_cache


@pytest.fixture(autouse=True)
def quiet_defences(settings):
    """Defences off unless a test turns one on; each test starts with an empty cache."""
    settings.COMMENT_RATE_LIMIT = "0"
    settings.COMMENT_FLOOD_SECONDS = 0
    settings.COMMENT_MIN_SECONDS = 3
    settings.COMMENT_MODERATION = ""
    settings.MANAGERS = [("Mods", "mods@example.org")]
    clear_cache()
    forget_stored_settings()
    yield
    clear_cache()
    forget_stored_settings()


@pytest.fixture
def author(django_user_model):
    return django_user_model.objects.create_user(
        "editor", "editor@example.org", "pw-Long-enough-1", is_staff=True, first_name="Ed"
    )


@pytest.fixture
def article(author):
    return Article.objects.create(
        title="Can running cause back pain?",
        slug="can-running-cause-back-pain",
        body="Body.",
        author=author,
        status="published",
        published_at=timezone.now() - timedelta(days=1),
    )


def make_comment(article: Article, **kw: Any) -> Comment:
    data: dict[str, Any] = {
        "article": article,
        "author_name": "Priya",
        "author_email": "priya@example.org",
        "body": "A question about hills.",
        "status": CommentStatus.APPROVED,
    }
    data.update(kw)
    if "parent" in data and data["parent"] is not None:
        data.setdefault("depth", data["parent"].depth + 1)
    comment = Comment(**data)
    comment.save()
    return comment


def post(article: Article, **kw: Any) -> Comment:
    data: dict[str, Any] = {
        "article": article,
        "author_name": "Sam",
        "author_email": "sam@example.org",
        "body": "Hello there",
        "ip": "203.0.113.77",
    }
    data.update(kw)
    return check_post_comment(NewComment(**data))


def form_data(article: Article, **kw: Any) -> dict[str, Any]:
    data = {
        "author_name": "Sam",
        "author_email": "sam@example.org",
        "author_url": "",
        "body": "Thanks, this helped.",
        "article": article.pk,
        "parent": "",
        "timestamp": spam.sign_form_timestamp(timezone.now() - timedelta(seconds=10)),
        spam.HONEYPOT_FIELD: "",
    }
    data.update(kw)
    return data
