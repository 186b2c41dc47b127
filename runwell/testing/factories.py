"""Objects for tests, made through the site's own code paths (actions, model saves)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from itertools import count
from typing import Any

from django.contrib.auth.models import User
from django.utils import timezone

from runwell.articles.models import Article, Page, Status
from runwell.comments import spam
from runwell.comments.actions import NewComment, check_post_comment
from runwell.comments.models import Comment, CommentStatus, on_target
from runwell.training.actions import (
    ActivityInput,
    PainInput,
    ShoeInput,
    check_create_activity,
    check_create_pain,
    check_create_shoe,
)
from runwell.training.models import Activity, PainEntry, Shoe

PASSWORD = "long-and-Unusual-9"
_serial = count(1)


def make_user(username: str, **fields: Any) -> User:
    fields.setdefault("email", f"{username}@example.org")
    return User.objects.create_user(username, password=PASSWORD, **fields)


def make_article(**fields: Any) -> Article:
    """A published article (numbered so each is distinct); pass fields to change it."""
    n = next(_serial)
    categories = fields.pop("categories", [])
    tags = fields.pop("tags", [])
    defaults: dict[str, Any] = {
        "title": f"Article {n}",
        "slug": f"article-{n}",
        "summary": f"Summary of article {n}.",
        "body": f"## Part one\n\nWords about running, number {n}.\n",
        "status": Status.PUBLISHED,
        "published_at": timezone.now() - timedelta(days=n),
    }
    article = Article.objects.create(**{**defaults, **fields})
    article.categories.set(categories)
    article.tags.set(tags)
    return article


def make_page(**fields: Any) -> Page:
    """A published page whose discussion is open; pass fields to change it."""
    n = next(_serial)
    defaults: dict[str, Any] = {
        "title": f"Page {n}",
        "slug": f"page-{n}",
        "body": f"Words of page {n}.",
        "status": Status.PUBLISHED,
        "comments_open": True,
    }
    return Page.objects.create(**{**defaults, **fields})


def make_comment(article: Article | Page, **fields: Any) -> Comment:
    """A comment stored as it is (approved by default), skipping the posting rules."""
    data: dict[str, Any] = {
        **on_target(article),
        "author_name": "Priya",
        "author_email": "priya@example.org",
        "body": "A question about hills.",
        "status": CommentStatus.APPROVED,
    }
    data.update(fields)
    if data.get("parent") is not None:
        data.setdefault("depth", data["parent"].depth + 1)
    comment = Comment(**data)
    comment.save()
    return comment


def post_comment(article: Article | Page, **fields: Any) -> Comment:
    """A comment posted as a reader posts it, through the discussion rules."""
    data: dict[str, Any] = {
        "article": article,
        "author_name": "Sam",
        "author_email": "sam@example.org",
        "body": "Hello there",
        "ip": "203.0.113.77",
    }
    data.update(fields)
    return check_post_comment(NewComment(**data))


def comment_form_data(article: Article | Page, **fields: Any) -> dict[str, Any]:
    """What the "Leave a Reply" form posts, filled in by a reader who took their time
    (under an article, or under a page: the form then names the page)."""
    data: dict[str, Any] = {
        "author_name": "Sam",
        "author_email": "sam@example.org",
        "author_url": "",
        "body": "Thanks, this helped.",
        **{name: target.pk for name, target in on_target(article).items()},
        "parent": "",
        "timestamp": spam.sign_form_timestamp(timezone.now() - timedelta(seconds=10)),
        spam.HONEYPOT_FIELD: "",
    }
    data.update(fields)
    return data


# -- the training log -------------------------------------------------------------------------


def make_shoe(user: User, name: str = "Road pair", **fields: Any) -> Shoe:
    """A pair of shoes added through the log's own action."""
    return check_create_shoe(user, ShoeInput(name=name, **fields))


def make_activity(
    user: User,
    day: date | None = None,
    km: float = 10.0,
    minutes: float = 60.0,
    **fields: Any,
) -> Activity:
    """A run typed in (through the action) at 07:00 UTC on `day` (default: yesterday)."""
    day = day or (timezone.now() - timedelta(days=1)).date()
    shoe = fields.pop("shoe", None)
    data = ActivityInput(
        sport=fields.pop("sport", "running"),
        start_time=datetime.combine(day, time(7, 0), tzinfo=UTC),
        distance_m=km * 1000,
        elapsed_s=minutes * 60,
        shoe_id=shoe.pk if shoe is not None else None,
        **fields,
    )
    return check_create_activity(user, data)


def make_pain(user: User, day: date, score: int = 4, **fields: Any) -> PainEntry:
    fields.setdefault("region", "lower_back")
    fields.setdefault("timing", "after_run")
    return check_create_pain(user, PainInput(date=day, score=score, **fields))
