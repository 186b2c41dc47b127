"""Atom feeds of approved comments: one per article and one for the whole site."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Count, Max, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed

from runwell.articles.models import Article
from runwell.articles.versions import current_key
from runwell.comments.models import Comment, CommentStatus, ThreadVersion

FEED_SIZE = 50
# Part of every feed's ETag: raise it when what a feed shows changes shape.
FEED_FORMAT = 1
_thread = ThreadVersion.objects.filter(article_id=OuterRef("pk"))


def _approved() -> QuerySet[Comment]:
    return (
        Comment.objects.filter(status=CommentStatus.APPROVED, is_removed=False)
        .select_related("article")
        .defer("author_email")
        .order_by("-created", "-id")
    )


class SiteCommentsFeed(Feed[Comment, None]):
    feed_type = Atom1Feed

    def title(self) -> str:
        return f"Comments on {settings.SITE_NAME}"

    def link(self) -> str:
        return "/"

    def items(self) -> QuerySet[Comment]:
        return _approved().filter(article__in=Article.objects.published())[:FEED_SIZE]

    def item_title(self, item: Comment) -> str:
        return f"{item.author_name} on “{item.article.title}”"

    def item_description(self, item: Comment) -> str:
        return item.body_html

    def item_link(self, item: Comment) -> str:
        return f"{item.article.get_absolute_url()}#comment-{item.pk}"

    def item_author_name(self, item: Comment) -> str:
        return item.author_name

    def item_author_link(self, item: Comment) -> str | None:
        return item.author_url or None

    def item_pubdate(self, item: Comment) -> datetime:
        return item.created

    def item_updateddate(self, item: Comment) -> datetime:
        return item.edited or item.created


class ArticleCommentsFeed(SiteCommentsFeed):
    def get_object(self, request: HttpRequest, slug: str) -> Article:  # type: ignore[override]
        return get_object_or_404(Article.objects.published(), slug=slug)

    def title(self, obj: Article) -> str:  # type: ignore[override]
        return f"Comments on “{obj.title}”"

    def link(self, obj: Article) -> str:  # type: ignore[override]
        return f"{obj.get_absolute_url()}#comments"

    def items(self, obj: Article) -> QuerySet[Comment]:  # type: ignore[override]
        return _approved().filter(article=obj)[:FEED_SIZE]


def site_feed_validators(request: HttpRequest, **kwargs: Any) -> tuple[str, datetime | None]:
    """Every comment write moves its thread's version and every article write the
    content version, so together they say whether the site's comment feed changed."""
    content = current_key()
    threads = ThreadVersion.objects.aggregate(
        total=Sum("version"), count=Count("article_id"), changed=Max("changed")
    )
    etag = f'W/"c{FEED_FORMAT}-{content.tag}-{threads["total"] or 0}-{threads["count"]}"'
    latest = max(filter(None, (content.changed, threads["changed"])), default=None)
    return etag, latest


def article_feed_validators(
    request: HttpRequest, slug: str = "", **kwargs: Any
) -> tuple[str, datetime | None] | None:
    row = (
        Article.objects.published()
        .filter(slug=slug)
        .annotate(version=Coalesce(Subquery(_thread.values("version")[:1]), 0))
        .annotate(changed=Subquery(_thread.values("changed")[:1]))
        .values_list("id", "version", "changed")
        .first()
    )
    if row is None:
        return None  # the feed answers 404
    article_id, version, changed = row
    content = current_key()
    latest = max(filter(None, (content.changed, changed)), default=None)
    return f'W/"c{FEED_FORMAT}-{content.tag}-{article_id}-{version}"', latest
