from django.urls import path, register_converter

from runwell.articles import feeds, views


class UnicodeSlugConverter:
    """Slugs may hold non-ASCII letters (allow_unicode=True on the models)."""

    regex = r"[-\w]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(UnicodeSlugConverter, "uslug")

app_name = "articles"
urlpatterns = [
    path("", views.home, name="home"),
    path("articles/<uslug:slug>/", views.article_detail, name="detail"),
    path("categories/<uslug:slug>/", views.category, name="category"),
    path("categories/<uslug:slug>/feed/", feeds.CategoryFeed(), name="category_feed"),
    path("tags/<uslug:slug>/", views.tag, name="tag"),
    path("authors/<uslug:slug>/", views.author, name="author"),
    path("search/", views.search_page, name="search"),
    path("feed/", feeds.LatestArticlesFeed(), name="feed"),
    path("site-map/", views.site_map, name="site_map"),
    # Staff only; outside /articles/ so it can never shadow an article's slug.
    path("article-preview/", views.preview, name="preview"),
]
