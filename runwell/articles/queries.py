"""Read-side queries for the reader pages, each a fixed number of SQL statements."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from runwell.articles.models import Article, AuthorProfile, Category, Status

PAGE_SIZE = 10
RELATED_COUNT = 3
POPULAR_COUNT = 5
# Who wrote and who reviewed an article, as every list entry shows them.
BYLINE = ("author__author_profile", "reviewed_by__author_profile")


def listing() -> QuerySet[Article]:
    """Published articles with what a list entry shows (title, summary, dates, bylines)."""
    return (
        Article.objects.published()
        .select_related(*BYLINE)
        .defer("body", "body_html", "body_text", "search_body", "search_headings", "toc")
    )


def popular_articles(count: int = POPULAR_COUNT) -> list[Article]:
    """The most discussed published articles (approved comments), newest first on a tie:
    what an empty or fruitless search offers instead of a blank page."""
    approved = Q(comments__status="approved", comments__is_removed=False)
    return list(
        listing()
        .annotate(discussed=Count("comments", filter=approved))
        .order_by("-discussed", "-published_at")[:count]
    )


def author_profile(slug: str) -> AuthorProfile | None:
    return AuthorProfile.objects.select_related("user").filter(slug=slug).first()


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
        Article.objects.select_related(*BYLINE)
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


def articles_by_category() -> tuple[list[tuple[Category, list[Article]]], list[Article]]:
    """Every published article under each of its categories (the site map), and those
    without one. Three queries, however many articles."""
    articles = list(listing().prefetch_related("categories").order_by("title"))
    groups: dict[int, tuple[Category, list[Article]]] = {}
    loose = []
    for article in articles:
        categories = list(article.categories.all())
        if not categories:
            loose.append(article)
        for category in categories:
            groups.setdefault(category.pk, (category, []))[1].append(article)
    return sorted(groups.values(), key=lambda g: g[0].name.lower()), loose
