"""Atom feeds: the whole site's latest articles, and one per category."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from runwell.articles.models import Article, Category
from runwell.articles.versions import current_key

FEED_SIZE = 20
# Part of every feed's ETag: raise it when what a feed shows changes shape.
FEED_FORMAT = 1


def _latest() -> QuerySet[Article]:
    return (
        Article.objects.published()
        .select_related("author")
        .prefetch_related("categories")
        .defer("body", "body_text", "toc")
    )


class LatestArticlesFeed(Feed[Article, None]):
    feed_type = Atom1Feed

    def title(self) -> str:
        return f"{settings.SITE_NAME}: latest articles"

    def subtitle(self) -> str:
        return "Trusted help to understand, treat and prevent running pain."

    def link(self) -> str:
        return reverse("articles:home")

    def items(self) -> QuerySet[Article]:
        return _latest()[:FEED_SIZE]

    def item_title(self, item: Article) -> str:
        return item.title

    def item_description(self, item: Article) -> str:
        # The summary, not the body: readers come to the site for the whole article
        # (and its discussion), and feed readers get a short, plain teaser.
        return item.summary

    def item_pubdate(self, item: Article) -> datetime | None:
        return item.published_at

    def item_updateddate(self, item: Article) -> datetime:
        return item.updated_at

    def item_author_name(self, item: Article) -> str | None:
        if item.author is None:
            return None
        return item.author.get_full_name() or item.author.get_username()

    def item_categories(self, item: Article) -> list[str]:
        return [c.name for c in item.categories.all()]


class CategoryFeed(LatestArticlesFeed):
    def get_object(self, request: HttpRequest, slug: str) -> Category:  # type: ignore[override]
        return get_object_or_404(Category, slug=slug)

    def title(self, obj: Category) -> str:  # type: ignore[override]
        return f"{settings.SITE_NAME}: {obj.name}"

    def subtitle(self, obj: Category) -> str:  # type: ignore[override]
        return obj.description or f"Articles filed under {obj.name}."

    def link(self, obj: Category) -> str:  # type: ignore[override]
        return obj.get_absolute_url()

    def items(self, obj: Category) -> QuerySet[Article]:  # type: ignore[override]
        return _latest().filter(categories=obj)[:FEED_SIZE]


def feed_validators(request: HttpRequest, **kwargs: Any) -> tuple[str, datetime | None]:
    """ETag and Last-Modified of an article feed: every write to the articles, their
    filing or their authors moves the content version (versions.py)."""
    key = current_key()
    return f'W/"a{FEED_FORMAT}-{key.tag}"', key.changed
