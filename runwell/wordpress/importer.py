"""Writes a WordPress export into Runwell, one streamed item at a time.

Runs inside the transaction opened by actions.do_import_wordpress, after a scan
of the whole file (wxr.scan) gave the authors, terms and attachments. Every
object it makes is recorded (ledger.py) so the next run finds it and changes
nothing; an object it did not make is never overwritten.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any
from urllib.parse import unquote

from django.contrib.auth.models import AbstractBaseUser
from django.db import models
from django.utils import timezone
from django.utils.text import slugify

from runwell.articles.models import Article, BodyFormat, Category, Page, Status, Tag
from runwell.articles.slugs import reserved_page_slugs, term_slug
from runwell.lib.text import plain_text
from runwell.wordpress import wxr
from runwell.wordpress.authors import Authors
from runwell.wordpress.comments import CommentImporter
from runwell.wordpress.content import GalleryImage, convert
from runwell.wordpress.ledger import (
    RUNWELL_ID,
    ImportReport,
    Ledger,
    item_key,
    post_identity,
    site_fingerprint,
)
from runwell.wordpress.media import UploadsResolver
from runwell.wordpress.redirects import Redirects

DRAFT_STATUSES = frozenset({"draft", "pending", "private"})
SKIPPED_STATUSES = frozenset({"trash", "auto-draft", "inherit"})
# Called after each item with (items done, items in the file).
Progress = Callable[[int, int], None]


def make_slug(*candidates: str, max_length: int = 200) -> str:
    """The first candidate that makes a slug; Unicode letters are kept (`日本語テスト`)."""
    for candidate in candidates:
        slug = slugify(unquote(candidate), allow_unicode=True)[:max_length].strip("-")
        if slug:
            return slug
    return ""


class Importer:
    def __init__(
        self,
        survey: wxr.Survey,
        resolver: UploadsResolver,
        author: AbstractBaseUser | None,
        report: ImportReport,
    ) -> None:
        self.survey = survey
        self.resolver = resolver
        self.author_override = author
        self.site = survey.site.base_blog_url or survey.site.link
        self.report = report
        self.report.repaired.update(survey.repairs)
        self.ledger = Ledger(self.site, self.report)
        # Written by Runwell: only the redirects it carries are old addresses; by this
        # very site: its ids name objects here.
        self.from_runwell = bool(survey.site.runwell_site)
        self.own = self.from_runwell and survey.site.runwell_site == site_fingerprint()
        self.authors = Authors(survey.authors, self.ledger, own=self.own)
        self.comments = CommentImporter(self.ledger, own=self.own)
        self.redirects = Redirects(self.report)
        self._categories: dict[str, Category] = {}
        self._tags: dict[str, Tag] = {}
        # WordPress slug -> Runwell slug of every term the items name (for redirects).
        self._category_slugs: dict[str, str] = {}
        self._tag_slugs: dict[str, str] = {}
        self._credited: dict[str, str] = {}  # login -> username, for published articles
        self._seen: set[str] = set()
        self._shortcodes: Counter[str] = Counter()
        self._reserved = reserved_page_slugs()
        self.images_dropped = 0
        self.heroes_dropped = 0

    # -- the run ---------------------------------------------------------------

    def run(self, items: Iterable[wxr.Item], progress: Progress | None = None) -> ImportReport:
        category_slugs = self._load_terms()
        total = self.survey.total_items
        for done, item in enumerate(items, start=1):
            self._import_item(item)
            if progress is not None:
                progress(done, total)
        self.comments.flush()
        if not self.from_runwell:
            self.redirects.for_categories(self.survey.categories, category_slugs)
            self.redirects.for_terms("category", self._category_slugs)
            self.redirects.for_terms("tag", self._tag_slugs)
            self.redirects.for_authors(self._credited)
        self.redirects.carried(self.survey.redirects)
        self.redirects.save()
        self.ledger.flush()
        self._summarise()
        return self.report

    def _import_item(self, item: wxr.Item) -> None:
        reason = self._skip_reason(item)
        if reason:
            self.report.skipped[reason] += 1
            self.comments.skip_all(item, "comment_on_skipped_item")
            return
        target: Article | Page
        if item.post_type == "post":
            self._note_terms(item)
            target = self._import_post(item)
        else:
            target = self._import_page(item)
        creator = self.authors.by_login.get(self.authors.login(item.creator))
        self.comments.import_thread(item, target, self._identity(item), creator)
        if target.status == Status.PUBLISHED:
            self.redirects.for_item(item, target.get_absolute_url(), from_runwell=self.from_runwell)

    def _skip_reason(self, item: wxr.Item) -> str | None:
        if item.wp_id is None:
            self.report.warnings.append(
                f"{item.post_type} “{item.title}”: its post id “{item.raw_id}” is not a"
                " number a database can hold; skipped"
            )
            return "bad_post_id"
        if item.post_type not in ("post", "page"):
            return item.post_type
        if item.status in SKIPPED_STATUSES:
            return f"{item.post_type}_{item.status}"
        identity = f"{item.post_type}\n{self._identity(item)}"
        if identity in self._seen:
            self.report.warnings.append(
                f"{item.post_type} {item.wp_id} “{item.title}” appears twice in the file"
                " (same id and guid): the second copy was skipped"
            )
            return "duplicate_item"
        self._seen.add(identity)
        return None

    def _identity(self, item: wxr.Item) -> str:
        return post_identity(self.site, item, self.survey.shared_guids)

    def _summarise(self) -> None:
        if self.resolver.uploads_dir is None and self.images_dropped:
            self.report.warnings.append(
                f"{self.images_dropped} images were not imported (no --uploads folder):"
                " each became a short note with its description"
            )
        elif self.images_dropped:
            self.report.warnings.append(
                f"{self.images_dropped} images were not found in the uploads folder or"
                " point elsewhere: each became a short note with its description"
            )
        if self.heroes_dropped:
            self.report.warnings.append(
                f"{self.heroes_dropped} featured images were not imported (no --uploads folder,"
                " or the file is missing there or is not an image)"
            )
        if self._shortcodes:
            listed = ", ".join(f"[{name}] ×{n}" for name, n in sorted(self._shortcodes.items()))
            self.report.warnings.append(f"shortcodes removed: {listed}")
        if self.report.repaired:
            listed = ", ".join(f"{kind} ×{n}" for kind, n in sorted(self.report.repaired.items()))
            self.report.warnings.append(f"the file was repaired to be read: {listed}")

    # -- categories and tags ---------------------------------------------------

    def _load_terms(self) -> dict[str, str]:
        """Create the export's categories (with parents) and tags; WordPress slug -> Runwell."""
        by_nicename: dict[str, Category] = {}
        created: list[tuple[Category, str]] = []
        for cat in self.survey.categories:
            category, new = self._category(cat.slug, cat.name, cat.description)
            by_nicename[cat.slug] = category
            if new and cat.parent_slug:
                created.append((category, cat.parent_slug))
        # Only categories this run created get a parent: existing ones stay as they are.
        for category, parent_slug in created:
            parent = by_nicename.get(parent_slug)
            if parent is not None and parent.pk != category.pk:
                category.parent = parent
                category.save(update_fields=["parent"])
        for tag in self.survey.tags:
            self._tag(tag.slug, tag.name)
        return {nicename: category.slug for nicename, category in by_nicename.items()}

    @staticmethod
    def _term_slug(kind: str, slug: str, name: str) -> str:
        # The articles app's own slug rule: "Rücken" is one category whoever made it.
        return term_slug(unquote(slug) or name, kind=kind)

    def _note_terms(self, item: wxr.Item) -> None:
        for term in item.terms:
            if term.slug and term.domain == "category":
                self._category_slugs[term.slug] = self._term_slug("category", term.slug, term.name)
            elif term.slug:
                self._tag_slugs[term.slug] = self._term_slug("tag", term.slug, term.name)

    def _category(self, slug: str, name: str, description: str = "") -> tuple[Category, bool]:
        key = self._term_slug("category", slug, name)
        if key in self._categories:
            return self._categories[key], False
        category, new = Category.objects.get_or_create(
            slug=key,
            defaults={
                "name": plain_text(name or key)[:100],
                "description": plain_text(description),
            },
        )
        self._categories[key] = category
        return category, new

    def _tag(self, slug: str, name: str) -> Tag:
        key = self._term_slug("tag", slug, name)
        if key not in self._tags:
            self._tags[key], _ = Tag.objects.get_or_create(
                slug=key, defaults={"name": plain_text(name or key)[:100]}
            )
        if slug:
            self._tag_slugs[slug] = key
        return self._tags[key]

    def _add_terms(self, article: Article, item: wxr.Item) -> None:
        """A new article's categories and tags, one INSERT each (no m2m signal listens)."""
        categories = {self._category(t.slug, t.name)[0].pk for t in item.terms
                      if t.domain == "category"}  # fmt: skip
        tags = {self._tag(t.slug, t.name).pk for t in item.terms if t.domain == "post_tag"}
        Article.categories.through.objects.bulk_create(
            [Article.categories.through(article_id=article.pk, category_id=c) for c in categories]
        )
        Article.tags.through.objects.bulk_create(
            [Article.tags.through(article_id=article.pk, tag_id=t) for t in tags]
        )

    # -- posts and pages -------------------------------------------------------

    def _find(self, item: wxr.Item, model: type[Article] | type[Page]) -> Any | None:
        found = self.ledger.find(item_key(item.post_type, self._identity(item)), model)
        if found is None and self.own:
            # This site's own export: the item names the object it was written from.
            kind, _, pk = item.meta(RUNWELL_ID).partition(":")
            if kind == model._meta.model_name and pk.isdigit():
                found = model.objects.filter(pk=int(pk)).first()
        return found

    def _remember(self, item: wxr.Item, target: models.Model) -> None:
        # Written with the next batch of comments: an item's identity is seen once a run.
        key = item_key(item.post_type, self._identity(item))
        self.ledger.remember(item.post_type, key, item.wp_id or 0, item.guid, target, now=False)

    def _status(self, item: wxr.Item) -> tuple[str, datetime | None]:
        date = item.date_gmt or item.pub_date
        if item.password:
            self.report.warnings.append(
                f"{item.post_type} {item.wp_id} “{item.title}” is password-protected:"
                " imported as a draft"
            )
            return Status.DRAFT, item.date_gmt
        if item.status in ("publish", "future"):
            if date is None and item.post_type == "page":
                return Status.PUBLISHED, None  # a page needs no date to be shown
            if date is None:
                date = timezone.now()
                self.report.warnings.append(
                    f"{item.post_type} {item.wp_id} has no date: published as of now"
                )
            return Status.PUBLISHED, date
        if item.status not in DRAFT_STATUSES:
            self.report.warnings.append(
                f"{item.post_type} {item.wp_id} has an unknown status “{item.status}”:"
                " imported as a draft"
            )
        # A draft dated 0000-00-00 (or the epoch) was never scheduled: it keeps no date.
        return Status.DRAFT, item.date_gmt

    def _unique_slug(self, model: type[Article] | type[Page], item: wxr.Item) -> str:
        wanted = make_slug(item.slug, item.title, f"{item.post_type}-{item.wp_id}")
        slug = wanted
        number = 1
        while model.objects.filter(slug=slug).exists() or (
            model is Page and slug in self._reserved
        ):
            number += 1
            slug = f"{wanted[:190]}-{number}"
        if slug != wanted:
            self.report.warnings.append(
                f"{item.post_type} {item.wp_id} “{item.title}”: the address “{wanted}” is"
                f" already taken in Runwell; imported as “{slug}”"
            )
        return slug

    def _title(self, item: wxr.Item) -> str:
        # WordPress titles may hold HTML ("<em>Hill</em> repeats"): shown as its words.
        return (plain_text(item.title) or "(no title)")[:300]

    def _body(self, item: wxr.Item) -> str:
        conversion = convert(item.content, self.resolver, lambda found: self._gallery(item, found))
        self._shortcodes.update(conversion.shortcodes_removed)
        self.report.converted.update(conversion.converted)
        self.images_dropped += conversion.images_dropped
        return conversion.html

    def _gallery(self, item: wxr.Item, found: dict[str, str]) -> list[GalleryImage]:
        """The images of a `[gallery]`: its ids (or include), else the post's attachments."""
        attachments = self.survey.attachments
        listed = found.get("ids") or found.get("include") or ""
        if listed:
            ids = [wxr.to_int(part.strip()) for part in listed.split(",")]
            chosen = [attachments[i] for i in ids if i is not None and i in attachments]
        else:
            excluded = {wxr.to_int(p.strip()) for p in found.get("exclude", "").split(",")}
            chosen = [
                a for a in sorted(attachments.values(), key=lambda a: a.wp_id)
                if a.parent_id == item.wp_id and a.wp_id not in excluded
            ]  # fmt: skip
        return [GalleryImage(a.url, a.alt or a.title, a.caption) for a in chosen]

    def _credit(self, item: wxr.Item) -> Any | None:
        if self.author_override is not None:
            return self.author_override
        return self.authors.user_for(item.creator)

    def _import_post(self, item: wxr.Item) -> Article:
        article = self._find(item, Article)
        if article is None:
            status, published_at = self._status(item)
            article = Article(
                title=self._title(item),
                slug=self._unique_slug(Article, item),
                summary=plain_text(item.excerpt),
                body=self._body(item),
                body_format=BodyFormat.HTML,
                author=self._credit(item),
                status=status,
                published_at=published_at,
                created_at=item.date_gmt or item.pub_date or timezone.now(),
                comments_open=item.comment_status == "open",
            )
            self._set_hero(item, article)
            article.save()
            self._add_terms(article, item)
            self._remember(item, article)
        if article.status == Status.PUBLISHED and article.author is not None:
            login = self.authors.login(item.creator)
            if login and self.author_override is None:
                self._credited[login] = article.author.get_username()
        self.report.posts += 1
        self.report.drafts += article.status == Status.DRAFT
        return article

    def _set_hero(self, item: wxr.Item, article: Article) -> None:
        """The post's featured image (its `_thumbnail_id` attachment) as the hero image.

        The copy in media is already re-encoded and sized as a hero image is, so the
        article points at it rather than storing it twice.
        """
        attachment = self.survey.attachments.get(wxr.to_int(item.meta("_thumbnail_id")) or 0)
        if attachment is None:
            return
        name = self.resolver.stored_name(attachment.url)
        if name is None:
            self.heroes_dropped += not self.resolver.dry_run
            return
        if not self.resolver.dry_run:
            article.hero_image = name
        article.hero_alt = attachment.alt[:300]
        article.hero_caption = plain_text(attachment.caption)[:300]

    def _import_page(self, item: wxr.Item) -> Page:
        page = self._find(item, Page)
        if page is None:
            status, published_at = self._status(item)
            page = Page(
                title=self._title(item),
                slug=self._unique_slug(Page, item),
                body=self._body(item),
                body_format=BodyFormat.HTML,
                author=self._credit(item),
                status=status,
                published_at=published_at,
                comments_open=item.comment_status == "open",
            )
            page.save()
            self._remember(item, page)
        self.report.pages += 1
        self.report.drafts += page.status == Status.DRAFT
        return page
