"""Publishing: articles, their categories and tags, and simple pages."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from runwell.articles.images import shrink_uploaded
from runwell.articles.rendering import reading_minutes, render_article, render_body
from runwell.articles.slugs import reserved_page_slugs
from runwell.lib.text import plain_text


class BodyFormat(models.TextChoices):
    MARKDOWN = "markdown", _("Markdown")
    # Sanitised HTML, as brought across from WordPress; rendered through the same
    # sanitiser as Markdown output.
    HTML = "html", _("HTML")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class Category(models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, allow_unicode=True)
    description = models.TextField(_("description"), blank=True)
    parent = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="children"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:category", args=[self.slug])


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, allow_unicode=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:tag", args=[self.slug])


class ArticleQuerySet(models.QuerySet["Article"]):
    def published(self) -> ArticleQuerySet:
        return self.filter(status=Status.PUBLISHED, published_at__lte=timezone.now())


class Article(models.Model):
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, allow_unicode=True)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("body"), blank=True)
    body_format = models.CharField(
        _("body format"), max_length=10, choices=BodyFormat.choices, default=BodyFormat.MARKDOWN
    )
    # Rendered once when the article is saved, never on a read.
    body_html = models.TextField(_("rendered body"), blank=True, editable=False)
    hero_image = models.ImageField(
        _("hero image"),
        upload_to="articles/%Y/%m/",
        blank=True,
        width_field="hero_width",
        height_field="hero_height",
    )
    # Kept by the image field (after shrinking) so the page reserves the image's space.
    hero_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    hero_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    hero_alt = models.CharField(_("hero image alt text"), max_length=300, blank=True)
    hero_caption = models.CharField(_("hero image caption"), max_length=300, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    reading_minutes = models.PositiveSmallIntegerField(_("reading time"), default=1)
    categories = models.ManyToManyField(Category, blank=True, related_name="articles")
    tags = models.ManyToManyField(Tag, blank=True, related_name="articles")
    comments_open = models.BooleanField(_("comments open"), default=True)
    # Derived at save time: the words of the body (search index, snippets) and the
    # headings of a long article (its table of contents).
    body_text = models.TextField(_("plain text"), blank=True, editable=False)
    toc = models.JSONField(_("table of contents"), default=list, blank=True, editable=False)
    # Fingerprint of the starter file's content as last loaded; "" for articles written
    # here. Lets `loadcontent` tell an untouched starter article from one edited since.
    starter_checksum = models.CharField(max_length=64, blank=True, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [models.Index(fields=["status", "published_at"])]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.status == Status.PUBLISHED and self.published_at is None:
            # Publishing without a date means "now", not "never shown".
            self.published_at = timezone.now()
        # Render once here so no read ever pays for Markdown or sanitising.
        rendered = render_article(self.body, self.body_format)
        self.body_html = rendered.html
        self.toc = rendered.toc
        self.body_text = plain_text(rendered.html)
        self.reading_minutes = reading_minutes(self.body_text)
        shrink_uploaded(self.hero_image)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("articles:detail", args=[self.slug])

    @property
    def is_public(self) -> bool:
        return (
            self.status == Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )


class Page(models.Model):
    """A simple standalone page (About, Contact) served at /{slug}/."""

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, allow_unicode=True)
    body = models.TextField(_("body"), blank=True)
    body_format = models.CharField(
        _("body format"), max_length=10, choices=BodyFormat.choices, default=BodyFormat.MARKDOWN
    )
    body_html = models.TextField(_("rendered body"), blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )

    class Meta:
        ordering = ["title"]
        verbose_name = _("page")
        verbose_name_plural = _("pages")

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.body_html = render_body(self.body, self.body_format)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("page", args=[self.slug])

    @property
    def is_public(self) -> bool:
        return self.status == Status.PUBLISHED and (
            self.published_at is None or self.published_at <= timezone.now()
        )

    def clean(self) -> None:
        if self.slug in reserved_page_slugs():
            raise ValidationError(
                {
                    "slug": _("The site answers /%(slug)s/ itself: pick another slug.")
                    % {"slug": self.slug}
                }
            )
