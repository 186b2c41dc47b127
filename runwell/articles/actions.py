"""Named state changes for articles (views and loaders call these, never raw saves)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils.text import slugify

from runwell.articles.models import (
    Article,
    ArticleImage,
    AuthorProfile,
    BodyFormat,
    Category,
    Status,
    Tag,
    display_name,
)
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
    # The editors checked each starter article against its sources when they wrote it.
    article.last_reviewed = article.last_reviewed or source.published_at.date()
    article.starter_checksum = source.checksum
    article.save()
    article.categories.set(_categories(source.categories))
    article.tags.set(_tags(source.tags))
    return article


def _free_profile_slug(name: str, user_id: int) -> str:
    base = slugify(name, allow_unicode=True)[:150] or f"author-{user_id}"
    slug, n = base, 2
    while AuthorProfile.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def do_ensure_author_profile(user: Any, **fields: str) -> AuthorProfile:
    """The user's author profile, made from their full name if they have none yet."""
    existing = AuthorProfile.objects.filter(user=user).first()
    if existing is not None:
        return existing
    name = fields.pop("display_name", "") or display_name(user)
    for _attempt in range(3):
        try:
            with transaction.atomic():
                return AuthorProfile.objects.create(
                    user=user, display_name=name, slug=_free_profile_slug(name, user.pk), **fields
                )
        except IntegrityError:
            # Another process took the slug (or made the profile) in between: look again.
            existing = AuthorProfile.objects.filter(user=user).first()
            if existing is not None:
                return existing
    raise IntegrityError(f"no free author address for {name!r}")


def do_add_article_image(image: ArticleImage, user: Any) -> ArticleImage:
    """Store an image (validated by ArticleImageForm) for use inside articles, shrunk like
    hero images and with its EXIF (camera location included) dropped."""
    image.alt_text, image.caption = image.alt_text.strip(), image.caption.strip()
    image.uploaded_by = user if getattr(user, "is_authenticated", False) else None
    image.save()  # shrinks the upload before it is stored (ArticleImage.save)
    return image
