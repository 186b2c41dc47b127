"""Writes a parsed WordPress export into Runwell, one item at a time.

Runs inside the transaction opened by actions.do_import_wordpress; every
object it makes is recorded as an ImportedItem so the next run finds it.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar
from urllib.parse import unquote, urlsplit

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import models
from django.utils import timezone
from django.utils.text import slugify

from runwell.articles.models import Article, BodyFormat, Category, Page, Status, Tag
from runwell.lib.text import plain_text
from runwell.wordpress import wxr
from runwell.wordpress.comments import CommentImporter
from runwell.wordpress.content import convert
from runwell.wordpress.media import UploadsResolver
from runwell.wordpress.models import ImportedItem, Redirect

# Top-level addresses the site answers itself: a page there would never be seen.
RESERVED_PAGE_SLUGS = frozenset(
    {"accounts", "admin", "api", "articles", "categories", "comments", "feed", "healthz",
     "media", "pain-check", "robots.txt", "search", "sitemap.xml", "static", "tags"}
)  # fmt: skip
DRAFT_STATUSES = frozenset({"draft", "pending", "private"})
ModelT = TypeVar("ModelT", bound=models.Model)
SKIPPED_STATUSES = frozenset({"trash", "auto-draft", "inherit"})


@dataclass
class ImportReport:
    posts: int = 0
    pages: int = 0
    drafts: int = 0
    comments: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    redirects: int = 0
    warnings: list[str] = field(default_factory=list)
    # Not part of the JSON contract; the readable report says how much was new.
    created: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "posts": self.posts,
            "pages": self.pages,
            "drafts": self.drafts,
            "comments": self.comments,
            "skipped": dict(sorted(self.skipped.items())),
            "redirects": self.redirects,
            "warnings": list(self.warnings),
        }


def item_key(kind: str, site: str, wp_id: int | str, guid: str) -> str:
    return hashlib.sha256(f"{kind}\n{site}\n{wp_id}\n{guid}".encode()).hexdigest()


def make_slug(*candidates: str, max_length: int = 200) -> str:
    for candidate in candidates:
        slug = slugify(unquote(candidate))[:max_length].strip("-")
        if slug:
            return slug
    return ""


def term_slug(kind: str, slug: str, name: str) -> str:
    """An ASCII slug (Runwell's addresses need one) that a term's every mention agrees on.

    A name with no Latin letters ("跑步") has no ASCII slug, so it gets a stable
    one derived from what WordPress called it.
    """
    found = make_slug(slug, name, max_length=120)
    if found:
        return found
    digest = hashlib.sha256((unquote(slug) or name).encode()).hexdigest()[:10]
    return f"{kind}-{digest}"


class Importer:
    def __init__(
        self,
        export: wxr.Export,
        resolver: UploadsResolver,
        author: AbstractBaseUser | None,
    ) -> None:
        self.export = export
        self.resolver = resolver
        self.author_override = author
        self.site = export.site.base_blog_url or export.site.link
        self.report = ImportReport()
        self.authors = {a.login: a for a in export.authors}
        self._users: dict[str, Any] = {}
        self._categories: dict[str, Category] = {}
        self._tags: dict[str, Tag] = {}
        self._shortcodes: Counter[str] = Counter()
        self.report_images_dropped = 0
        self.heroes_dropped = 0
        self.attachments = {i.wp_id: i for i in export.items if i.post_type == "attachment"}
        self.comments = CommentImporter(self)

    # -- the run ---------------------------------------------------------------

    def run(self) -> ImportReport:
        self._load_terms()
        for item in self.export.items:
            self._import_item(item)
        self._summarise()
        return self.report

    def _import_item(self, item: wxr.Item) -> None:
        if item.post_type not in ("post", "page"):
            self.report.skipped[item.post_type] += 1
            self.comments.skip_all(item, "comment_on_skipped_item")
            return
        if item.status in SKIPPED_STATUSES:
            self.report.skipped[f"{item.post_type}_{item.status}"] += 1
            self.comments.skip_all(item, "comment_on_skipped_item")
            return
        if item.post_type == "post":
            article = self._import_post(item)
            self.comments.import_thread(item, article)
            self._add_redirects(item, article.get_absolute_url())
        else:
            page = self._import_page(item)
            # Runwell's comments belong to articles; a page's discussion has no home.
            self.comments.skip_all(item, "comment_on_page")
            self._add_redirects(item, page.get_absolute_url())

    def _summarise(self) -> None:
        if self.resolver.uploads_dir is None and self.report_images_dropped:
            self.report.warnings.append(
                f"{self.report_images_dropped} images were not imported (no --uploads folder):"
                " each became a short note with its description"
            )
        elif self.report_images_dropped:
            self.report.warnings.append(
                f"{self.report_images_dropped} images were not found in the uploads folder or"
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

    # -- earlier runs ----------------------------------------------------------

    def find_imported(
        self, kind: str, wp_id: int | str, guid: str, model: type[ModelT]
    ) -> ModelT | None:
        row = ImportedItem.objects.filter(key=item_key(kind, self.site, wp_id, guid)).first()
        if row is None:
            return None
        target = model._default_manager.filter(pk=row.object_id).first()
        if target is None:  # deleted in Runwell since: the item is imported afresh
            row.delete()
        return target

    def remember(self, kind: str, wp_id: int | str, guid: str, target: models.Model) -> None:
        key = item_key(kind, self.site, wp_id, guid)
        ImportedItem.objects.update_or_create(
            key=key,
            defaults={
                "kind": kind,
                "site": self.site[:300],
                "wp_id": int(str(wp_id).rsplit(":", 1)[-1]),
                "guid": guid[:500],
                "content_type": ContentType.objects.get_for_model(type(target)),
                "object_id": target.pk,
            },
        )
        self.report.created += 1

    # -- authors, categories, tags ---------------------------------------------

    def user_for(self, login: str) -> Any | None:
        if self.author_override is not None:
            return self.author_override
        login = self.login(login)
        if not login:
            return None
        if login not in self._users:
            user_model = get_user_model()
            user = user_model.objects.filter(username=login[:150]).first()
            if user is None:
                wp = self.authors.get(login)
                user = user_model(
                    username=login[:150],
                    email=wp.email if wp else "",
                    first_name=(wp.first_name if wp else "")[:150],
                    last_name=(wp.last_name if wp else "")[:150],
                    is_active=False,
                )
                # Imported authors cannot log in until someone sets a password.
                user.set_unusable_password()
                user.save()
            self._users[login] = user
        return self._users[login]

    def login(self, creator: str) -> str:
        # Hand-edited exports sometimes carry a stray bracket (">name") around a login.
        cleaned = creator.strip().strip("<>").strip()
        return cleaned if cleaned in self.authors else creator.strip()

    def _load_terms(self) -> None:
        by_nicename: dict[str, Category] = {}
        created: list[tuple[Category, str]] = []
        for cat in self.export.categories:
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
        for tag in self.export.tags:
            self._tag(tag.slug, tag.name)

    def _category(self, slug: str, name: str, description: str = "") -> tuple[Category, bool]:
        key = term_slug("category", slug, name)
        if key in self._categories:
            return self._categories[key], False
        category, new = Category.objects.get_or_create(
            slug=key,
            defaults={"name": (name or key)[:100], "description": plain_text(description)},
        )
        self._categories[key] = category
        return category, new

    def _tag(self, slug: str, name: str) -> Tag:
        key = term_slug("tag", slug, name)
        if key not in self._tags:
            self._tags[key], _ = Tag.objects.get_or_create(
                slug=key, defaults={"name": (name or key)[:100]}
            )
        return self._tags[key]

    # -- posts and pages -------------------------------------------------------

    def _status(self, item: wxr.Item) -> tuple[str, datetime | None]:
        date = item.date_gmt or item.pub_date
        if item.password:
            self.report.warnings.append(
                f"{item.post_type} {item.wp_id} “{item.title}” is password-protected:"
                " imported as a draft"
            )
            return Status.DRAFT, item.date_gmt
        if item.status in ("publish", "future"):
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
        # A draft dated 0000-00-00 was never scheduled: it keeps no date.
        return Status.DRAFT, item.date_gmt

    def _unique_slug(self, model: type[Article] | type[Page], item: wxr.Item) -> str:
        wanted = make_slug(item.slug, item.title, f"{item.post_type}-{item.wp_id}")
        slug = wanted
        number = 1
        while model.objects.filter(slug=slug).exists() or (
            model is Page and slug in RESERVED_PAGE_SLUGS
        ):
            number += 1
            slug = f"{wanted[:190]}-{number}"
        if slug != wanted:
            self.report.warnings.append(
                f"{item.post_type} {item.wp_id} “{item.title}”: the address “{wanted}” is"
                f" already taken in Runwell; imported as “{slug}”"
            )
        return slug

    def _body(self, item: wxr.Item) -> str:
        conversion = convert(item.content, self.resolver)
        self._shortcodes.update(conversion.shortcodes_removed)
        self.report_images_dropped += conversion.images_dropped
        return conversion.html

    def _import_post(self, item: wxr.Item) -> Article:
        article = self.find_imported("post", item.wp_id, item.guid, Article)
        if article is None:
            status, published_at = self._status(item)
            article = Article(
                title=(item.title or "(no title)")[:300],
                slug=self._unique_slug(Article, item),
                summary=plain_text(item.excerpt),
                body=self._body(item),
                body_format=BodyFormat.HTML,
                author=self.user_for(item.creator),
                status=status,
                published_at=published_at,
                created_at=item.date_gmt or item.pub_date or timezone.now(),
                comments_open=item.comment_status == "open",
            )
            self._set_hero(item, article)
            article.save()
            article.categories.set(self._item_categories(item))
            article.tags.set(
                [self._tag(t.slug, t.name) for t in item.terms if t.domain == "post_tag"]
            )
            self.remember("post", item.wp_id, item.guid, article)
        self.report.posts += 1
        self.report.drafts += article.status == Status.DRAFT
        return article

    def _set_hero(self, item: wxr.Item, article: Article) -> None:
        """The post's featured image (its `_thumbnail_id` attachment) as the hero image."""
        attachment = self.attachments.get(wxr.to_int(item.meta("_thumbnail_id")) or 0)
        if attachment is None:
            return
        copy = self.resolver.shrunk_copy(attachment.attachment_url or attachment.guid)
        if copy is None:
            self.heroes_dropped += not self.resolver.dry_run
            return
        article.hero_image.save(copy[0], ContentFile(copy[1]), save=False)
        self.resolver.saved.append(article.hero_image.name)
        article.hero_alt = attachment.meta("_wp_attachment_image_alt")[:300]
        article.hero_caption = plain_text(attachment.excerpt)[:300]

    def _item_categories(self, item: wxr.Item) -> list[Category]:
        return [self._category(t.slug, t.name)[0] for t in item.terms if t.domain == "category"]

    def _import_page(self, item: wxr.Item) -> Page:
        page = self.find_imported("page", item.wp_id, item.guid, Page)
        if page is None:
            status, published_at = self._status(item)
            page = Page(
                title=(item.title or "(no title)")[:300],
                slug=self._unique_slug(Page, item),
                body=self._body(item),
                body_format=BodyFormat.HTML,
                author=self.user_for(item.creator),
                status=status,
                published_at=published_at,
            )
            page.save()
            self.remember("page", item.wp_id, item.guid, page)
        self.report.pages += 1
        self.report.drafts += page.status == Status.DRAFT
        return page

    # -- redirects -------------------------------------------------------------

    def _add_redirects(self, item: wxr.Item, new_path: str) -> None:
        paths = [f"/?p={item.wp_id}"]
        if item.post_type == "page":
            paths.append(f"/?page_id={item.wp_id}")
        if item.link:
            link = urlsplit(item.link)
            old = unquote(link.path or "/") + (f"?{link.query}" if link.query else "")
            paths.insert(0, old)
        for old_path in dict.fromkeys(paths):
            # "/" is the home page here; a blog's front page must not take it over.
            if old_path in (new_path, "/") or len(old_path) > 500:
                continue
            redirect, _ = Redirect.objects.get_or_create(
                old_path=old_path, defaults={"new_path": new_path}
            )
            if redirect.new_path == new_path:
                self.report.redirects += 1
            else:
                self.report.warnings.append(
                    f"the old address {old_path} already redirects to {redirect.new_path};"
                    " left as it is"
                )
