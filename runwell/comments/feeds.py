"""Atom feeds of approved comments: one per article and one for the whole site (which
has the comments on pages too)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db import connection
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from runwell.articles.models import Article, Page, Status
from runwell.articles.versions import current_key
from runwell.comments.models import Comment, CommentStatus, PageThreadVersion, ThreadVersion
from runwell.lib.rawsql import aware_datetime

FEED_SIZE = 50
# Part of every feed's ETag: raise it when what a feed shows changes shape.
FEED_FORMAT = 1
_thread = ThreadVersion.objects.filter(article_id=OuterRef("pk"))


def _approved() -> QuerySet[Comment]:
    return (
        Comment.objects.filter(status=CommentStatus.APPROVED, is_removed=False)
        .select_related("article", "page")
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
        public_pages = Page.objects.filter(
            Q(published_at__isnull=True) | Q(published_at__lte=timezone.now()),
            status=Status.PUBLISHED,
        )
        on_public = Q(article__in=Article.objects.published()) | Q(page__in=public_pages)
        return _approved().filter(on_public)[:FEED_SIZE]

    def item_title(self, item: Comment) -> str:
        return f"{item.author_name} on “{item.target.title}”"

    def item_description(self, item: Comment) -> str:
        return item.body_html

    def item_link(self, item: Comment) -> str:
        return f"{item.target.get_absolute_url()}#comment-{item.pk}"

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
    content version, so together they say whether the site's comment feed changed (a
    page's title or publication moves its `updated_at`)."""
    content = current_key()
    total, count, changed, pages = _threads_state()
    etag = f'W/"c{FEED_FORMAT}-{content.tag}-{total}-{count}-{pages}"'
    latest = max(filter(None, (content.changed, changed)), default=None)
    return etag, latest


_threads_sql: str | None = None


def _threads_state() -> tuple[int, int, datetime | None, str]:
    """The sum and count of every thread version (articles' and pages') with the last
    change, and when a page was last edited, in one statement."""
    global _threads_sql
    if _threads_sql is None:
        tv, ptv = ThreadVersion._meta.db_table, PageThreadVersion._meta.db_table
        _threads_sql = (
            "SELECT COALESCE(SUM(version), 0), COUNT(*), MAX(changed), "  # noqa: S608
            f"(SELECT MAX(updated_at) FROM {Page._meta.db_table}) FROM "
            f"(SELECT version, changed FROM {tv} UNION ALL SELECT version, changed FROM {ptv}) t"
        )
    with connection.cursor() as cursor:
        cursor.execute(_threads_sql)
        total, count, changed, pages = cursor.fetchone()
    return int(total), int(count), aware_datetime(changed), str(pages)


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
