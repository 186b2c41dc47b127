"""Read-side queries for the reader pages, each a fixed number of SQL statements."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from runwell.articles.models import Article, Category, Status

PAGE_SIZE = 10
RELATED_COUNT = 3


def listing() -> QuerySet[Article]:
    """Published articles with what a list entry shows (title, summary, date, author)."""
    return (
        Article.objects.published()
        .select_related("author")
        .defer("body", "body_html", "body_text", "toc")
    )


def paginate(articles: QuerySet[Article], page_number: str | None) -> PaginatorPage[Article]:
    return Paginator(articles, PAGE_SIZE).get_page(page_number)


def categories_in_use() -> QuerySet[Category]:
    """Categories with at least one published article, with how many."""
    public = Q(articles__status=Status.PUBLISHED, articles__published_at__lte=timezone.now())
    return (
        Category.objects.annotate(article_count=Count("articles", filter=public))
        .filter(article_count__gt=0)
        .order_by("name")
    )


def article_for(slug: str, viewer: AbstractBaseUser | AnonymousUser | None) -> Article | None:
    """The article at this slug if this viewer may read it (staff also see drafts)."""
    article = (
        Article.objects.select_related("author")
        .prefetch_related("categories", "tags")
        .filter(slug=slug)
        .first()
    )
    if article is None:
        return None
    if not article.is_public and not (viewer is not None and getattr(viewer, "is_staff", False)):
        return None
    return article


def related_articles(article: Article, count: int = RELATED_COUNT) -> list[Article]:
    """Published articles sharing the most tags, then categories, with this one."""
    tag_ids = [t.pk for t in article.tags.all()]
    category_ids = [c.pk for c in article.categories.all()]
    if not tag_ids and not category_ids:
        return []
    return list(
        listing()
        .exclude(pk=article.pk)
        .filter(Q(tags__in=tag_ids) | Q(categories__in=category_ids))
        .annotate(
            shared_tags=Count("tags", filter=Q(tags__in=tag_ids), distinct=True),
            shared_categories=Count(
                "categories", filter=Q(categories__in=category_ids), distinct=True
            ),
        )
        .order_by("-shared_tags", "-shared_categories", "-published_at")[:count]
    )
