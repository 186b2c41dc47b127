"""Publishing: articles, their categories and tags, and simple pages."""

from __future__ import annotations

from datetime import date
from typing import Any, TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from runwell.articles.images import shrink_uploaded
from runwell.articles.indexing import searchable_parts
from runwell.articles.rendering import reading_minutes, render_article, render_body
from runwell.articles.slugs import reserved_page_slugs
from runwell.lib.text import plain_text

# Health pages are looked at again at least this often (the NHS reviews every three years).
REVIEW_INTERVAL_YEARS = 3


class BodyFormat(models.TextChoices):
    MARKDOWN = "markdown", _("Markdown")
    # Sanitised HTML, as brought across from WordPress; rendered through the same
    # sanitiser as Markdown output.
    HTML = "html", _("HTML")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


_M = TypeVar("_M", bound=models.Model)


class ContentQuerySet(models.QuerySet[_M]):
    """Bulk writes bump the content version, as the models' save() does.

    Deletes, one or many, bump it from the post_delete receivers in signals.py, which
    Django runs inside the deleting transaction.
    """

    def update(self, **kwargs: Any) -> int:
        with transaction.atomic(savepoint=False):
            count = super().update(**kwargs)
            if count:
                bump_content_version()
        return count

    def bulk_create(self, objs: Any, *args: Any, **kwargs: Any) -> list[_M]:
        with transaction.atomic(savepoint=False):
            created = super().bulk_create(objs, *args, **kwargs)
            if created:
                bump_content_version()
        return created


class Category(models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, allow_unicode=True)
    description = models.TextField(_("description"), blank=True)
    parent = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="children"
    )

    objects = ContentQuerySet["Category"].as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        with transaction.atomic(savepoint=False):  # see ContentVersion
            super().save(*args, **kwargs)
            bump_content_version()

    def get_absolute_url(self) -> str:
        return reverse("articles:category", args=[self.slug])


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, allow_unicode=True)

    objects = ContentQuerySet["Tag"].as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        with transaction.atomic(savepoint=False):  # see ContentVersion
            super().save(*args, **kwargs)
            bump_content_version()

    def get_absolute_url(self) -> str:
        return reverse("articles:tag", args=[self.slug])


class AuthorProfile(models.Model):
    """How a writer or reviewer is shown to readers: never their login name."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="author_profile"
    )
    display_name = models.CharField(
        _("display name"), max_length=150, help_text=_("Shown in bylines, e.g. “Dr Amy Lee”.")
    )
    slug = models.SlugField(
        _("address"),
        max_length=160,
        unique=True,
        allow_unicode=True,
        help_text=_("The author page is /authors/<address>/."),
    )
    credentials = models.CharField(
        _("credentials"),
        max_length=200,
        blank=True,
        help_text=_("Qualifications and role, e.g. “Chartered physiotherapist (MCSP)”."),
    )
    bio = models.TextField(
        _("short bio"),
        max_length=1200,
        blank=True,
        help_text=_("A few sentences: experience, what they write or review. Plain text."),
    )

    objects = ContentQuerySet["AuthorProfile"].as_manager()

    class Meta:
        ordering = ["display_name"]
        verbose_name = _("author profile")
        verbose_name_plural = _("author profiles")

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse("articles:author", args=[self.slug])


def profile_of(user: Any) -> AuthorProfile | None:
    """The user's author profile if they have one (select_related keeps this free)."""
    if user is None:
        return None
    profile: AuthorProfile | None = getattr(user, "author_profile", None)
    return profile


def display_name(user: Any) -> str:
    """How a person is named to readers: their profile's name, else their full name, never
    their login name (a login shown in public is half of what an attacker needs)."""
    profile = profile_of(user)
    if profile is not None:
        return profile.display_name
    full = user.get_full_name().strip() if user is not None else ""
    return full or f"{settings.SITE_NAME} editors"


class ArticleQuerySet(ContentQuerySet["Article"]):
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
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviewed_articles",
        limit_choices_to={"author_profile__isnull": False},
        verbose_name=_("reviewed by"),
        help_text=_("A clinician or expert who checked the article (needs an author profile)."),
    )
    last_reviewed = models.DateField(
        _("last reviewed"),
        null=True,
        blank=True,
        help_text=_("When the content was last checked against its sources."),
    )
    next_review_due = models.DateField(
        _("next review due"),
        null=True,
        blank=True,
        help_text=_("Left empty, it is set three years after the last review."),
    )
    # Derived at save time: the words of the body (search index, snippets) and the
    # headings of a long article (its table of contents).
    body_text = models.TextField(_("plain text"), blank=True, editable=False)
    toc = models.JSONField(_("table of contents"), default=list, blank=True, editable=False)
    # What search reads: headings weigh more than the body, and the Sources section is left
    # out (nearly every article cites the same guidelines, so it would match everything).
    search_headings = models.TextField(blank=True, editable=False)
    search_body = models.TextField(blank=True, editable=False)
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
        self.search_headings, self.search_body = searchable_parts(rendered)
        if self.last_reviewed and not self.next_review_due:
            self.next_review_due = review_due_after(self.last_reviewed)
        shrink_uploaded(self.hero_image)
        # Every process' cached pages are replaced on their next read (ContentVersion).
        with transaction.atomic(savepoint=False):
            super().save(*args, **kwargs)
            bump_content_version()

    def get_absolute_url(self) -> str:
        return reverse("articles:detail", args=[self.slug])

    @property
    def is_public(self) -> bool:
        return (
            self.status == Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )


class ContentVersion(models.Model):
    """One counter for everything an article page shows besides its discussion.

    Every write to articles, their categories and tags, and the people named on them
    bumps it in the writing transaction (save(), delete(), the QuerySet's bulk writes
    and the signal receivers in signals.py), so each process' cached article pages,
    related-article lists and feeds are replaced on their next read. One row: articles
    change seldom, and a page shows other articles too (related ones), so one version
    for all is both simpler and right.
    """

    version = models.PositiveBigIntegerField(default=0)
    changed = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"content v{self.version}"


def bump_content_version() -> None:
    """Mark the articles as changed (call inside the writing transaction)."""
    table = ContentVersion._meta.db_table
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET version = version + 1, changed = %s WHERE id = 1",  # noqa: S608
            [now],
        )
        if cursor.rowcount:
            return
    try:
        with transaction.atomic():
            ContentVersion.objects.create(id=1, version=1)
    except IntegrityError:
        ContentVersion.objects.filter(id=1).update(
            version=models.F("version") + 1, changed=timezone.now()
        )


def review_due_after(reviewed: date) -> date:
    try:
        return reviewed.replace(year=reviewed.year + REVIEW_INTERVAL_YEARS)
    except ValueError:  # 29 February
        return reviewed.replace(year=reviewed.year + REVIEW_INTERVAL_YEARS, day=28)


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
    # Closed unless opened: an About or Contact page is not a discussion (WordPress'
    # pages default to closed too); a page's comments stay shown once it is closed.
    comments_open = models.BooleanField(_("comments open"), default=False)

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


class ArticleImage(models.Model):
    """An image placed inside an article's text, uploaded from the editor."""

    image = models.ImageField(
        _("image"), upload_to="articles/inline/%Y/%m/", width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    alt_text = models.CharField(
        _("alt text"),
        max_length=300,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    caption = models.CharField(_("caption"), max_length=300, help_text=_("Shown under the image."))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    created = models.DateTimeField(_("uploaded"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("article image")
        verbose_name_plural = _("article images")

    def __str__(self) -> str:
        return self.caption or self.alt_text

    def save(self, *args: Any, **kwargs: Any) -> None:
        shrink_uploaded(self.image)
        super().save(*args, **kwargs)

    @property
    def markdown(self) -> str:
        """The line to paste into an article: a titled image becomes a figure with a caption."""
        alt = self.alt_text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
        caption = self.caption.replace("\\", "\\\\").replace('"', '\\"')
        return f'![{alt}]({self.image.url} "{caption}")'


class ArticleVectors(models.Model):
    """An article's passages as sentence embeddings, for meaning-based search."""

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, primary_key=True, related_name="vectors"
    )
    model = models.CharField(max_length=100)
    # Fingerprint of what was embedded, so a save that changes no words embeds nothing.
    source_hash = models.CharField(max_length=64)
    passages = models.JSONField(default=list)  # their text: snippets for meaning-only hits
    vectors = models.BinaryField()  # float32, one row of `dimensions` per passage
    dimensions = models.PositiveSmallIntegerField()
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("article vectors")
        verbose_name_plural = _("article vectors")

    def __str__(self) -> str:
        return f"{len(self.passages)} passages of article {self.article_id}"


class SearchTerm(models.Model):
    """A word of the published articles, for “Did you mean …?” (trigram-indexed on PostgreSQL)."""

    term = models.CharField(max_length=60, unique=True)
    documents = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("search term")

    def __str__(self) -> str:
        return self.term


class SearchVocabularyStamp(models.Model):
    """Which state of the published articles the SearchTerm rows were built from."""

    stamp = models.CharField(max_length=100, blank=True)

    def __str__(self) -> str:
        return self.stamp
