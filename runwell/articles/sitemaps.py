"""sitemap.xml: published articles, the categories that hold them, and published pages."""

from __future__ import annotations

from datetime import datetime

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Q, QuerySet
from django.utils import timezone

from runwell.articles.models import Article, Category, Page, Status


class ArticleSitemap(Sitemap[Article]):
    changefreq = "weekly"
    priority = 0.8

    def items(self) -> QuerySet[Article]:
        return Article.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, item: Article) -> datetime:
        return item.updated_at


class CategorySitemap(Sitemap[Category]):
    changefreq = "weekly"
    priority = 0.5

    def items(self) -> QuerySet[Category]:
        public = Q(articles__status=Status.PUBLISHED, articles__published_at__lte=timezone.now())
        return (
            Category.objects.annotate(newest=Max("articles__updated_at", filter=public))
            .filter(newest__isnull=False)
            .order_by("pk")
        )

    def lastmod(self, item: Category) -> datetime | None:
        newest: datetime | None = getattr(item, "newest", None)
        return newest


class PageSitemap(Sitemap[Page]):
    changefreq = "monthly"
    priority = 0.4

    def items(self) -> QuerySet[Page]:
        return (
            Page.objects.filter(status=Status.PUBLISHED)
            .filter(Q(published_at__isnull=True) | Q(published_at__lte=timezone.now()))
            .only("slug", "updated_at")
            .order_by("pk")
        )

    def lastmod(self, item: Page) -> datetime:
        return item.updated_at


SITEMAPS: dict[str, type[Sitemap[Article]] | type[Sitemap[Category]] | type[Sitemap[Page]]] = {
    "articles": ArticleSitemap,
    "categories": CategorySitemap,
    "pages": PageSitemap,
}
