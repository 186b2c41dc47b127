"""Named state changes for articles (views and loaders call these, never raw saves)."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import User

from runwell.articles.models import Article, BodyFormat, Category, Status, Tag
from runwell.articles.slugs import term_slug
from runwell.articles.starter_files import StarterArticle


def _categories(names: Iterable[str]) -> list[Category]:
    return [
        Category.objects.get_or_create(slug=term_slug(n, kind="category"), defaults={"name": n})[0]
        for n in names
    ]


def _tags(names: Iterable[str]) -> list[Tag]:
    return [
        Tag.objects.get_or_create(slug=term_slug(n, kind="tag"), defaults={"name": n})[0]
        for n in names
    ]


def do_write_starter_article(
    source: StarterArticle, author: User, article: Article | None
) -> Article:
    """Create the article, or overwrite an untouched one, from its starter file."""
    article = article or Article(slug=source.slug, author=author)
    article.title = source.title
    article.summary = source.summary
    article.body = source.body
    article.body_format = BodyFormat.MARKDOWN
    article.status = Status.PUBLISHED
    article.published_at = source.published_at
    article.starter_checksum = source.checksum
    article.save()
    article.categories.set(_categories(source.categories))
    article.tags.set(_tags(source.tags))
    return article
