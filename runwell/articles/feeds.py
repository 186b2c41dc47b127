"""Atom feeds: the whole site's latest articles, and one per category."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, cast

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.xmlutils import SimplerXMLGenerator

from runwell.articles.models import Article, Category, display_name, profile_of

FEED_SIZE = 20


class ReviewedAtom1Feed(Atom1Feed):
    """Atom with the article's reviewer as a <contributor>, as Atom provides for."""

    def add_item_elements(self, handler: SimplerXMLGenerator, item: dict[str, Any]) -> None:
        super().add_item_elements(handler, item)
        if item.get("reviewer"):
            handler.startElement("contributor", cast(Any, {}))
            handler.addQuickElement("name", item["reviewer"])
            handler.endElement("contributor")


def _with_credentials(user: Any) -> str:
    profile = profile_of(user)
    name = display_name(user)
    return f"{name}, {profile.credentials}" if profile and profile.credentials else name


def _day(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def _latest() -> QuerySet[Article]:
    return (
        Article.objects.published()
        .select_related("author__author_profile", "reviewed_by__author_profile")
        .prefetch_related("categories")
        .defer("body", "body_text", "search_body", "toc")
    )


class LatestArticlesFeed(Feed[Article, None]):
    feed_type = ReviewedAtom1Feed

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
        # (and its discussion), and feed readers get a short, plain teaser, with when it
        # was last checked.
        if item.last_reviewed is None:
            return item.summary
        reviewed = f"Last reviewed {_day(item.last_reviewed)}"
        if item.reviewed_by is not None:
            reviewed += f" by {_with_credentials(item.reviewed_by)}"
        if item.next_review_due is not None:
            reviewed += f"; next review due {_day(item.next_review_due)}"
        return f"{item.summary} ({reviewed}.)"

    def item_pubdate(self, item: Article) -> datetime | None:
        return item.published_at

    def item_updateddate(self, item: Article) -> datetime:
        return item.updated_at

    def item_author_name(self, item: Article) -> str | None:
        return None if item.author is None else _with_credentials(item.author)

    def item_extra_kwargs(self, item: Article) -> dict[str, Any]:
        reviewer = _with_credentials(item.reviewed_by) if item.reviewed_by else ""
        return {"reviewer": reviewer}

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
