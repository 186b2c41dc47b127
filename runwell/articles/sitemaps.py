from django.contrib.sitemaps import Sitemap

from runwell.articles.models import Article


class ArticleSitemap(Sitemap[Article]):
    changefreq = "weekly"

    def items(self) -> list[Article]:
        return list(Article.objects.published().only("slug", "updated_at"))

    def lastmod(self, item: Article) -> object:
        return item.updated_at


SITEMAPS = {"articles": ArticleSitemap}
