from __future__ import annotations

from datetime import timedelta
from itertools import count
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from runwell.articles.models import Article, Category, Status, Tag

CONTENT_DIR = Path(__file__).parent / "content"
_serial = count(1)


def make_article(**fields: Any) -> Article:
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


@pytest.fixture
def author(db: Any) -> User:
    return User.objects.create_user("ana", first_name="Ana", last_name="Ruiz")


@pytest.fixture
def staff(db: Any) -> User:
    return User.objects.create_user("ed", password="pw-Unusual-123", is_staff=True)


@pytest.fixture
def category(db: Any) -> Category:
    return Category.objects.create(name="Back pain", slug="back-pain")


@pytest.fixture
def tag(db: Any) -> Tag:
    return Tag.objects.create(name="sciatica", slug="sciatica")


@pytest.fixture
def starter_library(db: Any) -> dict[str, int]:
    from runwell.articles.starter import load_articles

    return load_articles(CONTENT_DIR)
